#include "panels/segments_panel.h"

#include <QAction>
#include <QFont>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelection>
#include <QLocale>
#include <QPalette>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace diffcut::ui {

void SegmentTableModel::setSegments(const QVector<SegmentRow> &rows, qint64 imageArea) {
    beginResetModel();
    rows_ = rows;
    imageArea_ = imageArea;
    endResetModel();
}

int SegmentTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int SegmentTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SegmentTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int segment = index.row();
    const SegmentRow &row = rows_[segment];
    switch (index.column()) {
    case SegmentColumn:
        switch (role) {
        case Qt::DisplayRole: return segmentText(segment);
        case Qt::DecorationRole: return row.colour;
        case Qt::UserRole: return segment;
        case Qt::ToolTipRole:
            if (row.nodeCount == 0)
                return tr("Painted with the brush");
            if (row.nodeCount > 1)
                return tr("Merged from %n hierarchy node(s)", "", row.nodeCount);
            return {};
        }
        break;
    case ClassColumn:
        switch (role) {
        case Qt::DisplayRole: return row.className.isEmpty() ? tr("unlabelled") : row.className;
        case Qt::ForegroundRole:
            if (row.className.isEmpty())
                return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
            return {};
        case Qt::UserRole: return row.className;
        }
        break;
    case AreaColumn:
        switch (role) {
        case Qt::DisplayRole: return areaText(row.area);
        case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::UserRole: return row.area;
        }
        break;
    case SuggestedColumn:
        if (row.suggestedName.isEmpty())
            return {};
        switch (role) {
        case Qt::DisplayRole:
            return tr("%1? %2%").arg(row.suggestedName, QLocale().toString(100.0 * row.suggestedScore, 'f', 0));
        case Qt::DecorationRole: return row.suggestedColour;
        case Qt::FontRole: {
            QFont font;
            font.setItalic(true);
            return font;
        }
        case Qt::ForegroundRole: return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        case Qt::ToolTipRole: return tr("Suggested, not accepted: Enter accepts the selected segments' suggestions");
        case Qt::UserRole: return row.suggestedScore;
        }
        break;
    }
    return {};
}

QVariant SegmentTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SegmentColumn: return tr("Segment");
    case ClassColumn: return tr("Class");
    case AreaColumn: return tr("Area");
    case SuggestedColumn: return tr("Suggested");
    }
    return {};
}

QString SegmentTableModel::segmentText(int segment) const {
    const int nodeCount = rows_[segment].nodeCount;
    if (nodeCount == 0)
        return tr("#%1 brush").arg(segment);
    if (nodeCount > 1)
        return tr("#%1 merged ×%2").arg(segment).arg(nodeCount);
    return tr("#%1").arg(segment);
}

QString SegmentTableModel::areaText(qint64 area) const {
    const QLocale locale;
    if (imageArea_ <= 0)
        return tr("%1 px").arg(locale.toString(area));
    const double percent = 100.0 * double(area) / double(imageArea_);
    return tr("%1 px (%2%)").arg(locale.toString(area), locale.toString(percent, 'f', 1));
}

SegmentsPanel::SegmentsPanel(QWidget *parent)
    : QWidget(parent), model_(new SegmentTableModel(this)), proxy_(new QSortFilterProxyModel(this)),
      view_(new QTableView(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    proxy_->setSortCaseSensitivity(Qt::CaseInsensitive);

    view_->setObjectName("segmentsView");
    view_->setModel(proxy_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setSortingEnabled(true);
    view_->sortByColumn(SegmentTableModel::SegmentColumn, Qt::AscendingOrder);
    view_->setWordWrap(false);
    view_->setAlternatingRowColors(true);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    // The dock may never be narrower than the columns (a restored layout could make it so): the
    // widest segment text, a class name, and the widest area text of this language.
    const QFontMetrics metrics = view_->fontMetrics();
    const int padding = 3 * metrics.horizontalAdvance(QLatin1Char('M'));
    const QLocale locale;
    const int columns[] = {
        metrics.horizontalAdvance(SegmentTableModel::tr("#%1 merged ×%2").arg(999).arg(9)) + padding,
        metrics.horizontalAdvance(SegmentTableModel::tr("unlabelled")) + padding,
        metrics.horizontalAdvance(
            SegmentTableModel::tr("%1 px (%2%)").arg(locale.toString(12345678), locale.toString(100.0, 'f', 1))) +
            padding};
    view_->horizontalHeader()->resizeSection(SegmentTableModel::SegmentColumn, columns[0]);
    view_->horizontalHeader()->resizeSection(SegmentTableModel::ClassColumn, columns[1]);
    view_->setMinimumWidth(columns[0] + columns[1] + columns[2] + view_->verticalScrollBar()->sizeHint().width() + 2 * view_->frameWidth());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);

    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!updatingSelection_)
            emit selectionChanged(selectedSegments());
    });
    connect(view_, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &index) { emit segmentActivated(proxy_->mapToSource(index).row()); });
}

void SegmentsPanel::setSegments(const QVector<SegmentRow> &rows, qint64 imageArea) {
    QList<int> kept = selectedSegments();
    kept.removeIf([&rows](int segment) { return segment >= rows.size(); });
    updatingSelection_ = true;
    model_->setSegments(rows, imageArea);
    // The Suggested column only while names are suggested: the dock's width goes to the areas.
    view_->setColumnHidden(SegmentTableModel::SuggestedColumn,
                           std::none_of(rows.begin(), rows.end(), [](const SegmentRow &row) { return !row.suggestedName.isEmpty(); }));
    selectSegments(kept);
    updatingSelection_ = false;
}

void SegmentsPanel::setSelectedSegments(const QList<int> &segments) {
    updatingSelection_ = true;
    selectSegments(segments);
    updatingSelection_ = false;
    if (!segments.isEmpty() && segments.first() >= 0 && segments.first() < model_->rowCount())
        view_->scrollTo(proxy_->mapFromSource(model_->index(segments.first(), 0)));
}

QList<int> SegmentsPanel::selectedSegments() const {
    QList<int> segments;
    for (const QModelIndex &index : view_->selectionModel()->selectedRows())
        segments << proxy_->mapToSource(index).row();
    std::sort(segments.begin(), segments.end());
    return segments;
}

void SegmentsPanel::setContextActions(const QList<QAction *> &actions) {
    for (QAction *action : view_->actions())
        view_->removeAction(action);
    view_->addActions(actions);
}

void SegmentsPanel::selectSegments(const QList<int> &segments) {
    QItemSelection selection;
    QModelIndex first;
    for (int segment : segments) {
        if (segment < 0 || segment >= model_->rowCount())
            continue;
        const QModelIndex index = proxy_->mapFromSource(model_->index(segment, 0));
        selection.select(index, index);
        if (!first.isValid())
            first = index;
    }
    QItemSelectionModel *selectionModel = view_->selectionModel();
    selectionModel->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // The keyboard continues from the first selected segment (shift-click extends from it).
    selectionModel->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
}

} // namespace diffcut::ui
