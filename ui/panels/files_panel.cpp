#include "panels/files_panel.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPromise>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace diffcut::ui {

struct FolderListing {
    QString folder;
    QStringList absolutePaths;
    QStringList relativePaths;
    QString error; // empty on success
};

namespace {

const QStringList kImageSuffixes{"jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp"};
// The brush layer saved next to an image ("<image file name>.diffcut-brush.png") is a PNG but no image
// of the folder.
const QString kBrushSidecarSuffix = QStringLiteral(".diffcut-brush.png");

bool isImageFile(const QString &fileName) {
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    if (dot < 0 || !kImageSuffixes.contains(fileName.mid(dot + 1), Qt::CaseInsensitive))
        return false;
    return !fileName.endsWith(kBrushSidecarSuffix, Qt::CaseInsensitive);
}

bool isDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

// Runs in a worker thread: lists, never opens, the files.
void listFolder(QPromise<FolderListing> &promise, const QString &folder) {
    FolderListing listing;
    listing.folder = folder;
    const QFileInfo info(folder);
    if (!info.exists())
        listing.error = FilesPanel::tr("The folder “%1” does not exist.").arg(folder);
    else if (!info.isDir())
        listing.error = FilesPanel::tr("“%1” is not a folder.").arg(folder);
    else if (!info.isReadable() || !info.isExecutable())
        listing.error = FilesPanel::tr("The folder “%1” cannot be read.").arg(folder);
    if (!listing.error.isEmpty()) {
        promise.addResult(listing);
        return;
    }

    const QDir root(folder);
    QDirIterator files(folder, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        if (promise.isCanceled())
            return;
        files.next();
        if (isImageFile(files.fileName()))
            listing.relativePaths << root.relativeFilePath(files.filePath());
    }
    std::sort(listing.relativePaths.begin(), listing.relativePaths.end(),
              [](const QString &a, const QString &b) { return naturalLess(a, b); });
    listing.absolutePaths.reserve(listing.relativePaths.size());
    for (const QString &relativePath : std::as_const(listing.relativePaths))
        listing.absolutePaths << root.filePath(relativePath);
    promise.addResult(listing);
}

} // namespace

bool naturalLess(QStringView a, QStringView b) {
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            // Compare the numbers without converting them (no overflow): drop leading zeros, then
            // the longer number is larger, else the first differing digit decides.
            while (i < a.size() && a[i] == QLatin1Char('0'))
                ++i;
            while (j < b.size() && b[j] == QLatin1Char('0'))
                ++j;
            qsizetype endA = i, endB = j;
            while (endA < a.size() && isDigit(a[endA]))
                ++endA;
            while (endB < b.size() && isDigit(b[endB]))
                ++endB;
            if (endA - i != endB - j)
                return endA - i < endB - j;
            if (const int order = a.mid(i, endA - i).compare(b.mid(j, endB - j)); order != 0)
                return order < 0;
            i = endA;
            j = endB;
            continue;
        }
        const QChar charA = a[i].toCaseFolded(), charB = b[j].toCaseFolded();
        if (charA != charB) {
            if (charA == QLatin1Char('/') || charB == QLatin1Char('/'))
                return charA == QLatin1Char('/');
            return charA < charB;
        }
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return j < b.size();
    // Equal but for case or leading zeros: any fixed order will do.
    return a.compare(b) < 0;
}

void ImageListModel::setImages(const QStringList &absolutePaths, const QStringList &relativePaths) {
    beginResetModel();
    absolutePaths_ = absolutePaths;
    relativePaths_ = relativePaths;
    rows_.clear();
    rows_.reserve(absolutePaths.size());
    for (int row = 0; row < absolutePaths.size(); ++row)
        rows_.insert(absolutePaths[row], row);
    marks_.assign(size_t(absolutePaths.size()), std::nullopt);
    endResetModel();
}

void ImageListModel::setProgressFunction(ProgressFunction progress) {
    progress_ = std::move(progress);
    marks_.assign(marks_.size(), std::nullopt);
    if (rowCount() > 0)
        emit dataChanged(index(0, MarkColumn), index(rowCount() - 1, MarkColumn));
}

void ImageListModel::refreshMark(const QString &imagePath) {
    const int row = rowOf(imagePath);
    if (row < 0)
        return;
    marks_[size_t(row)].reset();
    emit dataChanged(index(row, MarkColumn), index(row, MarkColumn));
}

void ImageListModel::setFeatureMarkFunction(FeatureMarkFunction featureMark) {
    featureMark_ = std::move(featureMark);
    refreshFeatureMarks();
}

void ImageListModel::refreshFeatureMarks(const QString &imagePath) {
    const int row = imagePath.isEmpty() ? -1 : rowOf(imagePath);
    if (!imagePath.isEmpty() && row < 0)
        return;
    if (rowCount() > 0)
        emit dataChanged(index(std::max(row, 0), FeaturesColumn), index(row < 0 ? rowCount() - 1 : row, FeaturesColumn));
}

int ImageListModel::rowOf(const QString &imagePath) const { return rows_.value(imagePath, -1); }

void ImageListModel::setFailure(const QString &imagePath, const QString &reason) {
    if (reason.isEmpty() ? failures_.remove(imagePath) == 0 : failures_.value(imagePath) == reason)
        return;
    if (!reason.isEmpty())
        failures_.insert(imagePath, reason);
    if (const int row = rowOf(imagePath); row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int ImageListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(absolutePaths_.size());
}

int ImageListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

AnnotationProgress ImageListModel::progressOf(int row) const {
    std::optional<AnnotationProgress> &mark = marks_[size_t(row)];
    if (!mark) {
        try {
            mark = progress_ ? progress_(absolutePaths_[row]) : AnnotationProgress::None;
        } catch (const std::exception &) {
            mark = AnnotationProgress::Started; // an annotation exists but cannot be read
        }
    }
    return *mark;
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const auto failure = failures_.constFind(absolutePaths_[row]);
    if (index.column() == ImageColumn) {
        switch (role) {
        case Qt::DisplayRole: return relativePaths_[row];
        case Qt::ToolTipRole:
            return failure == failures_.cend() ? absolutePaths_[row] : absolutePaths_[row] + QLatin1Char('\n') + *failure;
        }
        return {};
    }
    if (index.column() == FeaturesColumn) {
        const FeatureMark mark = featureMark_ ? featureMark_(absolutePaths_[row]) : FeatureMark::None;
        switch (role) {
        case Qt::DisplayRole:
            return mark == FeatureMark::Ready       ? tr("◆", "features ready")
                   : mark == FeatureMark::Preparing ? tr("◇", "features being computed")
                                                    : QString();
        case Qt::ToolTipRole:
            return mark == FeatureMark::Ready       ? tr("Features ready: opens without encoding")
                   : mark == FeatureMark::Preparing ? tr("Features being computed in the background")
                                                    : QString();
        case Qt::TextAlignmentRole: return Qt::AlignCenter;
        }
        return {};
    }
    if (failure != failures_.cend()) {
        switch (role) {
        case Qt::DisplayRole: return tr("✗", "image could not be opened");
        case Qt::ToolTipRole: return tr("Could not be opened: %1").arg(*failure);
        case Qt::TextAlignmentRole: return Qt::AlignCenter;
        }
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (progressOf(row)) {
        case AnnotationProgress::Done: return tr("✓", "annotation done");
        case AnnotationProgress::Started: return tr("•", "annotation started");
        case AnnotationProgress::None: return QString();
        }
        break;
    case Qt::ToolTipRole:
        switch (progressOf(row)) {
        case AnnotationProgress::Done: return tr("Annotation done");
        case AnnotationProgress::Started: return tr("Annotation started");
        case AnnotationProgress::None: return tr("Not annotated yet");
        }
        break;
    case Qt::TextAlignmentRole: return Qt::AlignCenter;
    }
    return {};
}

FilesPanel::FilesPanel(QWidget *parent)
    : QWidget(parent), model_(new ImageListModel(this)), proxy_(new QSortFilterProxyModel(this)),
      filter_(new QLineEdit(this)), view_(new QTreeView(this)), countLabel_(new QLabel(this)),
      listingWatcher_(new QFutureWatcher<FolderListing>(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setFilterKeyColumn(ImageListModel::ImageColumn);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    filter_->setObjectName("filesFilter");
    filter_->setPlaceholderText(tr("Filter"));
    filter_->setClearButtonEnabled(true);

    view_->setObjectName("filesView");
    view_->setModel(proxy_);
    view_->setRootIsDecorated(false);
    // Uniform rows let the view lay out 20,000 rows without asking each one for its size.
    view_->setUniformRowHeights(true);
    view_->setAllColumnsShowFocus(true);
    view_->setHeaderHidden(true);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->header()->setStretchLastSection(true);
    view_->header()->setSectionResizeMode(ImageListModel::MarkColumn, QHeaderView::Fixed);
    view_->header()->resizeSection(ImageListModel::MarkColumn, 2 * fontMetrics().horizontalAdvance(QChar(0x2713)) + 8);
    view_->header()->setSectionResizeMode(ImageListModel::FeaturesColumn, QHeaderView::Fixed);
    view_->header()->resizeSection(ImageListModel::FeaturesColumn, 2 * fontMetrics().horizontalAdvance(QChar(0x25C6)) + 8);

    countLabel_->setObjectName("filesCount");

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filter_);
    layout->addWidget(view_);
    layout->addWidget(countLabel_);

    connect(filter_, &QLineEdit::textChanged, this, [this](const QString &text) {
        proxy_->setFilterFixedString(text);
        selectCurrentImage();
        updateCount();
    });
    connect(view_, &QAbstractItemView::clicked, this, &FilesPanel::activateRow);
    connect(view_, &QAbstractItemView::activated, this, &FilesPanel::activateRow);
    connect(listingWatcher_, &QFutureWatcher<FolderListing>::finished, this, &FilesPanel::showListing);
    updateCount();
}

FilesPanel::~FilesPanel() {
    // The worker stops at its next file; its result goes nowhere.
    listingWatcher_->future().cancel();
}

void FilesPanel::setProgressFunction(std::function<AnnotationProgress(const QString &imagePath)> progress) {
    model_->setProgressFunction(std::move(progress));
}

void FilesPanel::openFolder(const QString &folder) {
    listingWatcher_->future().cancel();
    folder_ = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    currentImage_.clear();
    model_->setImages({}, {});
    countLabel_->setText(tr("Listing %1…").arg(QDir::toNativeSeparators(folder_)));
    listingWatcher_->setFuture(QtConcurrent::run(listFolder, folder_));
}

void FilesPanel::showListing() {
    const QFuture<FolderListing> future = listingWatcher_->future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const FolderListing listing = future.result();
    if (listing.folder != folder_)
        return; // a listing for a folder opened before the current one
    if (!listing.error.isEmpty()) {
        countLabel_->setText(listing.error);
        emit listingFailed(listing.error);
        return;
    }
    model_->setImages(listing.absolutePaths, listing.relativePaths);
    selectCurrentImage(); // the window may have named the current image while the listing ran
    updateCount();
    emit folderListed(int(listing.absolutePaths.size()));
}

void FilesPanel::showSingleImage(const QString &path) {
    listingWatcher_->future().cancel();
    const QFileInfo info(path);
    folder_ = QDir::cleanPath(info.absolutePath());
    model_->setImages({QDir::cleanPath(info.absoluteFilePath())}, {info.fileName()});
    currentImage_ = path;
    selectCurrentImage();
    updateCount();
}

void FilesPanel::setFailure(const QString &imagePath, const QString &reason) { model_->setFailure(imagePath, reason); }

QString FilesPanel::folder() const { return folder_; }

QStringList FilesPanel::images() const { return model_->images(); }

void FilesPanel::setCurrentImage(const QString &path) {
    currentImage_ = path;
    selectCurrentImage();
}

QString FilesPanel::currentImage() const { return currentImage_; }

QString FilesPanel::nextImage() const {
    const int sourceRow = model_->rowOf(currentImage_);
    const int next = sourceRow < 0 ? 0 : firstShownRowAfter(sourceRow);
    if (next >= proxy_->rowCount())
        return {};
    return model_->images()[proxy_->mapToSource(proxy_->index(next, 0)).row()];
}

QString FilesPanel::previousImage() const {
    const int sourceRow = model_->rowOf(currentImage_);
    if (sourceRow < 0)
        return {};
    const int previous = firstShownRowAfter(sourceRow - 1) - 1;
    if (previous < 0)
        return {};
    return model_->images()[proxy_->mapToSource(proxy_->index(previous, 0)).row()];
}

void FilesPanel::refreshMark(const QString &imagePath) { model_->refreshMark(imagePath); }

void FilesPanel::setFeatureMarkFunction(FeatureMarkFunction featureMark) {
    model_->setFeatureMarkFunction(std::move(featureMark));
}

void FilesPanel::refreshFeatureMarks(const QString &imagePath) { model_->refreshFeatureMarks(imagePath); }

void FilesPanel::activateRow(const QModelIndex &proxyIndex) {
    const QString path = model_->images().value(proxy_->mapToSource(proxyIndex).row());
    if (path.isEmpty() || path == currentImage_)
        return;
    currentImage_ = path;
    emit imageActivated(path);
}

void FilesPanel::selectCurrentImage() {
    const int sourceRow = model_->rowOf(currentImage_);
    const QModelIndex index = sourceRow < 0 ? QModelIndex() : proxy_->mapFromSource(model_->index(sourceRow, 0));
    if (!index.isValid()) {
        view_->selectionModel()->clear();
        return;
    }
    view_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view_->scrollTo(index);
}

void FilesPanel::updateCount() {
    if (listingWatcher_->isRunning())
        return; // "Listing…" stays until the result arrives
    const int total = model_->rowCount();
    const int shown = proxy_->rowCount();
    countLabel_->setText(shown == total ? tr("%n image(s)", "", total)
                                        : tr("%1 of %n image(s) shown", "", total).arg(shown));
}

int FilesPanel::firstShownRowAfter(int sourceRow) const {
    // The proxy filters but does not sort, so source rows increase with proxy rows.
    int low = 0, high = proxy_->rowCount();
    while (low < high) {
        const int middle = (low + high) / 2;
        if (proxy_->mapToSource(proxy_->index(middle, 0)).row() <= sourceRow)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

} // namespace diffcut::ui
