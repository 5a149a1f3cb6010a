#pragma once
// The segments of the current image as a sortable table: colour and number, class, area, and the
// class suggested for it (when names are being suggested).
#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QVector>
#include <QWidget>

class QAction;
class QSortFilterProxyModel;
class QTableView;

namespace diffcut::ui {

struct SegmentRow {
    QColor colour;
    QString className;   // empty = unlabelled (shown as tr("unlabelled") in grey)
    qint64 area = 0;     // pixels
    int nodeCount = 1;   // >1 = merged segment (shown, e.g., "merged ×3"); 0 = brush segment
    // A suggested class not yet accepted (NamingController): shown in italics, apart from the class.
    QString suggestedName{}; // empty = none
    QColor suggestedColour{};
    float suggestedScore = 0; // its probability
};

// One row per segment; row = segment index. Qt::UserRole gives the value a column sorts by.
class SegmentTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SegmentColumn, ClassColumn, AreaColumn, SuggestedColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setSegments(const QVector<SegmentRow> &rows, qint64 imageArea);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString segmentText(int segment) const;
    QString areaText(qint64 area) const;

    QVector<SegmentRow> rows_;
    qint64 imageArea_ = 0;
};

class SegmentsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SegmentsPanel(QWidget *parent = nullptr);

    // Replaces the table; selected segments that still exist stay selected (without a signal).
    void setSegments(const QVector<SegmentRow> &rows, qint64 imageArea);
    // Selects exactly these segment indices (no signal) and scrolls to the first.
    void setSelectedSegments(const QList<int> &segments);
    // Ascending segment indices.
    QList<int> selectedSegments() const;
    // The table's context menu; the actions stay owned by the caller.
    void setContextActions(const QList<QAction *> &actions);

signals:
    void selectionChanged(const QList<int> &segments);  // user selection only
    void segmentActivated(int segment);                 // double click

private:
    void selectSegments(const QList<int> &segments);

    SegmentTableModel *model_;
    QSortFilterProxyModel *proxy_;
    QTableView *view_;
    bool updatingSelection_ = false; // selection changes made by the program, not the user
};

} // namespace diffcut::ui
