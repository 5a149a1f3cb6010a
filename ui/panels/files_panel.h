#pragma once
// The images of the opened folder (recursively), natural-sorted, with a filter and a mark per image
// telling how far its annotation has come. Listing runs in a worker thread; marks are computed only
// for the rows that are shown.
#include "annotation/annotation.h"
#include "pipeline/feature_mark.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace diffcut::ui {

using ProgressFunction = std::function<diffcut::AnnotationProgress(const QString &imagePath)>;
using FeatureMarkFunction = std::function<FeatureMark(const QString &imagePath)>;

// Whether `a` sorts before `b` with digit runs compared as numbers ("img2" < "img10"), letters
// compared case-insensitively and '/' first, so a folder's files stay together.
bool naturalLess(QStringView a, QStringView b);

// One row per image: its mark and its path relative to the folder.
class ImageListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { MarkColumn, FeaturesColumn, ImageColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    // absolutePaths and relativePaths: the same images, in display order.
    void setImages(const QStringList &absolutePaths, const QStringList &relativePaths);
    void setProgressFunction(ProgressFunction progress);
    void refreshMark(const QString &imagePath);
    // Whether each image's features are ready or being computed (asked at every paint: must be cheap).
    void setFeatureMarkFunction(FeatureMarkFunction featureMark);
    void refreshFeatureMarks(const QString &imagePath = {}); // empty: every image
    // An image that could not be opened: marked ✗ with the reason as its tooltip (until it opens).
    void setFailure(const QString &imagePath, const QString &reason);

    const QStringList &images() const { return absolutePaths_; }
    int rowOf(const QString &imagePath) const;  // −1 when not listed

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    diffcut::AnnotationProgress progressOf(int row) const;

    QStringList absolutePaths_;
    QStringList relativePaths_;
    QHash<QString, int> rows_;
    QHash<QString, QString> failures_;
    ProgressFunction progress_;
    FeatureMarkFunction featureMark_;
    // Filled lazily by data(): only rows the view displays pay for their mark.
    mutable std::vector<std::optional<diffcut::AnnotationProgress>> marks_;
};

struct FolderListing;

class FilesPanel : public QWidget {
    Q_OBJECT
public:
    explicit FilesPanel(QWidget *parent = nullptr);
    ~FilesPanel() override;

    // Called (on the GUI thread) for each shown image; must be cheap.
    void setProgressFunction(std::function<diffcut::AnnotationProgress(const QString &imagePath)> progress);
    void openFolder(const QString &folder);  // asynchronous; emits folderListed or listingFailed when done
    void showSingleImage(const QString &path); // an image opened on its own: the list holds just it
    QString folder() const;
    QStringList images() const;                 // all, in order (not filtered)
    void setCurrentImage(const QString &path);  // selects the row (no signal)
    QString currentImage() const;
    // In the filtered order, after / before the current image; empty at the end. Without a current
    // image, next is the first shown image and previous is empty.
    QString nextImage() const;
    QString previousImage() const;
    void refreshMark(const QString &imagePath);
    void setFeatureMarkFunction(FeatureMarkFunction featureMark);
    void refreshFeatureMarks(const QString &imagePath = {}); // empty: every image
    void setFailure(const QString &imagePath, const QString &reason); // empty reason: opened fine

signals:
    void imageActivated(const QString &path);  // the user clicked / activated another image's row
    void folderListed(int imageCount);
    void listingFailed(const QString &message);

private:
    void showListing();
    void activateRow(const QModelIndex &proxyIndex);
    void selectCurrentImage();
    void updateCount();
    // The first shown row whose image comes after the source row `sourceRow` in the full list.
    int firstShownRowAfter(int sourceRow) const;

    ImageListModel *model_;
    QSortFilterProxyModel *proxy_;
    QLineEdit *filter_;
    QTreeView *view_;
    QLabel *countLabel_;
    QFutureWatcher<FolderListing> *listingWatcher_;
    QString folder_;
    QString currentImage_;
};

} // namespace diffcut::ui
