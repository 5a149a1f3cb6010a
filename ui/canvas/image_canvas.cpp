#include "canvas/image_canvas.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QFutureWatcher>
#include <QFileInfo>
#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QImageReader>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPixmapCache>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>
#include <QtDebug>
#include <QtMath>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

namespace diffcut::ui {
namespace {

constexpr double kMinZoom = 0.01; // lower still only when fitting a huge image needs it
constexpr double kMaxZoom = 64.0;
constexpr double kZoomStep = 1.25;
constexpr double kWheelZoomPerNotch = 1.2; // one notch = 120 units of angleDelta
constexpr int kMinBrushRadius = 1;
constexpr int kMaxBrushRadius = 500;

const QColor kBackground(48, 48, 48);
const QColor kHintText(200, 200, 200);
const QColor kSelectionFill(255, 255, 255, 110);
const QColor kSelectionLine(255, 255, 255);
const QColor kHighlightFill(255, 210, 74, 80);
const QColor kHighlightLine(255, 210, 74);
const QColor kPreviewLine(80, 220, 255);
const QColor kBrushPreview(255, 255, 255);
const QColor kEraserPreview(255, 64, 64);
constexpr qreal kStrokePreviewOpacity = 0.5;

// Draws `image` over `target` (scene coordinates): smooth when shown smaller than its pixels
// (zoomed out), nearest neighbour when enlarged so that pixels stay crisp.
void drawRaster(QPainter *painter, const QRectF &target, const QImage &image) {
    const bool shrunk = painter->worldTransform().mapRect(target).width() < image.width();
    painter->setRenderHint(QPainter::SmoothPixmapTransform, shrunk);
    painter->drawImage(target, image);
}

// A cosmetic pen: its width is in screen pixels whatever the zoom.
QPen screenPen(const QColor &colour, qreal width) {
    QPen pen(colour, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    return pen;
}

// The brush outline: a light circle on a dark halo, readable on any photo.
class BrushCursorItem : public QGraphicsEllipseItem {
public:
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(screenPen(QColor(0, 0, 0, 160), 3));
        painter->drawEllipse(rect());
        painter->setPen(screenPen(Qt::white, 1));
        painter->drawEllipse(rect());
    }
};

QStringList droppablePaths(const QMimeData *mime) {
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const QList<QByteArray> imageFormats = QImageReader::supportedImageFormats();
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isDir() || imageFormats.contains(info.suffix().toLower().toLatin1()))
            paths << info.filePath();
    }
    return paths;
}

} // namespace

// An image shown over a rectangle of the scene: the photo and the segment overlay. Zoomed out
// far enough, a smaller copy is painted instead (zoomedOutSize()), when one is given.
class RasterItem : public QGraphicsItem {
public:
    void setImage(QImage image, const QRectF &target, QImage zoomedOut = {}) {
        prepareGeometryChange();
        image_ = std::move(image);
        zoomedOut_ = std::move(zoomedOut);
        target_ = target;
        update();
    }
    // A copy of the current image at zoomedOutSize(), made on a worker after setImage().
    void setZoomedOut(QImage zoomedOut) {
        zoomedOut_ = std::move(zoomedOut);
        update();
    }
    QImage takeImage() {
        zoomedOut_ = QImage();
        return std::exchange(image_, QImage());
    }
    QRectF boundingRect() const override { return target_; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override {
        const bool small = !zoomedOut_.isNull() && painter->worldTransform().mapRect(target_).width() <= zoomedOut_.width();
        if (!image_.isNull())
            drawRaster(painter, target_, small ? zoomedOut_ : image_);
    }

private:
    QImage image_;
    QImage zoomedOut_;
    QRectF target_;
};

// A region of the image: the pixels of a label map whose label is flagged, and/or the non-zero
// cells of a mask; each of any size, stretched over the image (nearest neighbour). Drawn as a
// tinted fill and an outline on the region's edges two screen pixels wide on a dark halo: the
// selection, the hierarchy highlight and the coarsen preview. Rasterised in screen space at paint
// time, for the exposed part of the region only, so that neither a new region nor a repaint
// depends on the image size (a tint image of a 12-megapixel photo is 48 MB to fill; a mask of it,
// 12 MB to compute on every τ step) or on how ragged the region is (stroking a path along every
// pixel step of a large selection takes seconds).
class RegionItem : public QGraphicsItem {
public:
    enum class Line { Solid, Dashed }; // dashed: thin, no halo — a preview beneath the selection
    RegionItem(QColor fill, QColor line, Line style = Line::Solid)
        : fill_(qPremultiply(fill.rgba())), line_(qPremultiply(line.rgba())), style_(style) {
        setFlag(QGraphicsItem::ItemUsesExtendedStyleOption); // for option->exposedRect
    }

    // Keeps `labels` and `cells` (cv::Mat shares its data): pass ones nobody writes to any more.
    // flags[label] != 0: inside. bounds: where in the scene the region lies (within `target`).
    void setRegion(cv::Mat1i labels, std::vector<uchar> flags, cv::Mat1b cells, const QRectF &bounds,
                   const QRectF &target) {
        prepareGeometryChange();
        labels_ = std::move(labels);
        flags_ = std::move(flags);
        cells_ = std::move(cells);
        regionBounds_ = bounds & target;
        target_ = target;
        update();
    }
    void clear() { setRegion({}, {}, {}, {}, {}); }

    QRectF boundingRect() const override { return target_; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override {
        const QRectF area = option->exposedRect & regionBounds_;
        const QTransform toScreen = painter->worldTransform();
        if (area.isEmpty() || toScreen.isRotating())
            return;
        // The halo reaches past the image border, outside the bounding rectangle, where repaints
        // would leave it behind.
        painter->setClipRect(target_, Qt::IntersectClip);
        const QRect screen = toScreen.mapRect(area).toAlignedRect().adjusted(-kHalo, -kHalo, kHalo, kHalo);
        const cv::Mat1b inside = insideOnScreen(screen, toScreen);
        // The line: the screen pixels on both sides of every change of inside-ness; the halo around it.
        cv::Mat1b line(inside.size(), uchar(0));
        for (int v = 0; v < inside.rows; ++v) {
            for (int u = 0; u < inside.cols; ++u) {
                if (u + 1 < inside.cols && inside(v, u) != inside(v, u + 1))
                    line(v, u) = line(v, u + 1) = 1;
                if (v + 1 < inside.rows && inside(v, u) != inside(v + 1, u))
                    line(v, u) = line(v + 1, u) = 1;
            }
        }
        cv::Mat1b halo;
        if (style_ == Line::Dashed) {
            halo = cv::Mat1b(line.size(), uchar(0));
            for (int v = 0; v < line.rows; ++v)
                for (int u = 0; u < line.cols; ++u)
                    line(v, u) = line(v, u) && ((screen.left() + u + screen.top() + v) / kDash) % 2 == 0;
        } else {
            cv::dilate(line, halo, cv::Mat1b(2 * kHalo - 1, 2 * kHalo - 1, uchar(1)));
        }
        QImage region(screen.size(), QImage::Format_ARGB32_Premultiplied);
        const QRgb dark = qPremultiply(qRgba(0, 0, 0, 170));
        for (int v = 0; v < inside.rows; ++v) {
            QRgb *out = reinterpret_cast<QRgb *>(region.scanLine(v));
            for (int u = 0; u < inside.cols; ++u)
                out[u] = line(v, u) ? line_ : halo(v, u) ? dark : inside(v, u) ? fill_ : 0;
        }
        painter->resetTransform();
        painter->drawImage(screen.topLeft(), region);
    }

private:
    static constexpr int kHalo = 2; // screen pixels on each side of a cell edge
    static constexpr int kDash = 5; // screen pixels per dash and per gap

    // Whether each pixel of `screen` shows a part of the region.
    cv::Mat1b insideOnScreen(const QRect &screen, const QTransform &toScreen) const {
        cv::Mat1b inside(screen.height(), screen.width(), uchar(0));
        if (!labels_.empty() && !flags_.empty())
            markInside(inside, screen, toScreen, labels_, [this](const int *row, int column) {
                return unsigned(row[column]) < flags_.size() && flags_[std::size_t(row[column])];
            });
        if (!cells_.empty())
            markInside(inside, screen, toScreen, cells_, [](const uchar *row, int column) { return row[column] != 0; });
        return inside;
    }

    template <typename Map, typename IsInside>
    void markInside(cv::Mat1b &inside, const QRect &screen, const QTransform &toScreen, const Map &map,
                    IsInside isInside) const {
        const std::vector<int> columns = cellsAlong(screen.left(), screen.width(), toScreen.m11(), toScreen.dx(),
                                                    target_.x(), target_.width(), map.cols);
        const std::vector<int> rows = cellsAlong(screen.top(), screen.height(), toScreen.m22(), toScreen.dy(),
                                                 target_.y(), target_.height(), map.rows);
        for (int v = 0; v < inside.rows; ++v) {
            const int row = rows[std::size_t(v)];
            if (row < 0)
                continue;
            const auto *source = map[row];
            uchar *out = inside[v];
            for (int u = 0; u < inside.cols; ++u) {
                const int column = columns[std::size_t(u)];
                if (column >= 0 && isInside(source, column))
                    out[u] = 1;
            }
        }
    }

    // The mask cell shown by each of `count` screen pixels from `first` on (-1 outside the mask).
    static std::vector<int> cellsAlong(int first, int count, double screenPerScene, double screenOffset,
                                       double targetStart, double targetLength, int cells) {
        std::vector<int> result(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) {
            const double scene = (first + i + 0.5 - screenOffset) / screenPerScene;
            const double cell = std::floor((scene - targetStart) / targetLength * cells);
            result[std::size_t(i)] = cell >= 0 && cell < cells ? int(cell) : -1;
        }
        return result;
    }

    QRgb fill_;
    QRgb line_;
    Line style_;
    QRectF target_;
    cv::Mat1i labels_;
    std::vector<uchar> flags_;
    cv::Mat1b cells_;
    QRectF regionBounds_;
};

ImageCanvas::ImageCanvas(QWidget *parent)
    : QGraphicsView(parent),
      scene_(new QGraphicsScene(this)),
      imageItem_(new RasterItem),
      overlayItem_(new RasterItem),
      highlightItem_(new RegionItem(kHighlightFill, kHighlightLine)),
      previewItem_(new RegionItem(Qt::transparent, kPreviewLine, RegionItem::Line::Dashed)),
      selectionItem_(new RegionItem(kSelectionFill, kSelectionLine)),
      strokePreview_(new QGraphicsPathItem),
      brushCursor_(new BrushCursorItem),
      renderer_(new CanvasRenderer(this)) {
    connect(renderer_, &CanvasRenderer::rendered, this, &ImageCanvas::showOverlay);
    // A handful of items, one of them following the pointer: an index would only cost updates.
    scene_->setItemIndexMethod(QGraphicsScene::NoIndex);
    qreal z = 0;
    for (QGraphicsItem *item : std::initializer_list<QGraphicsItem *>{
             imageItem_, overlayItem_, previewItem_, highlightItem_, selectionItem_, strokePreview_, brushCursor_}) {
        item->setZValue(z++);
        scene_->addItem(item);
    }
    // The photo does not change while τ moves: drawn scaled once per zoom, then copied (a τ step
    // repaints the canvas; scaling a 1024² photo smoothly each time took 1-1.5 ms of it).
    imageItem_->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    strokePreview_->setOpacity(kStrokePreviewOpacity);
    strokePreview_->hide();
    brushCursor_->hide();
    setScene(scene_);

    // The canvas interprets the mouse itself; no item is selectable or movable.
    setInteractive(false);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::NoAnchor);
    setAlignment(Qt::AlignCenter);
    setBackgroundBrush(kBackground);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    viewport()->setMouseTracking(true);
    qApp->installEventFilter(this);
    clear();
}

bool ImageCanvas::eventFilter(QObject *watched, QEvent *event) {
    const bool key = event->type() == QEvent::KeyPress || event->type() == QEvent::KeyRelease;
    if (!key || hasFocus() || !isVisible())
        return QGraphicsView::eventFilter(watched, event);
    auto *keyEvent = static_cast<QKeyEvent *>(event);
    const bool overCanvas = viewport()->rect().contains(viewport()->mapFromGlobal(QCursor::pos()));
    if (keyEvent->key() != Qt::Key_Space || keyEvent->isAutoRepeat() || !(overCanvas || spaceHeld_))
        return QGraphicsView::eventFilter(watched, event);
    if (event->type() == QEvent::KeyPress)
        keyPressEvent(keyEvent);
    else
        keyReleaseEvent(keyEvent);
    return true; // the panel with the focus does not also see it (a table would select a row)
}

bool ImageCanvas::hasImage() const { return !imageSize_.isEmpty(); }

void ImageCanvas::setImage(const QImage &image) {
    if (image.isNull()) {
        clear();
        return;
    }
    forgetImage();
    imageSize_ = image.size();
    const QRectF imageRect(QPointF(0, 0), QSizeF(imageSize_));
    // Converted once here so that every repaint takes the painter's fast path.
    const auto format = image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32;
    const QImage shown = image.convertToFormat(format);
    imageItem_->setImage(shown, imageRect);
    const std::uint64_t generation = imageGeneration_;
    if (const QSize small = zoomedOutSize(shown.size()); small != shown.size()) {
        // Made on a worker: smoothing 100 megapixels down takes the UI thread ~50 ms.
        auto *watcher = new QFutureWatcher<QImage>(this);
        connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, generation] {
            if (generation == imageGeneration_)
                imageItem_->setZoomedOut(watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run([shown, small] {
            return shown.scaled(small, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        }));
    }
    overlayItem_->setImage({}, imageRect);
    scene_->setSceneRect(imageRect);
    fitToWindow();
    updateCursorShape();
    notifyVisibleArea();
    viewport()->update();
}

// What belongs to the image shown so far: its segments and regions, a stroke, and whatever is
// still being rendered or copied for it.
void ImageCanvas::forgetImage() {
    cancelStroke();
    renderer_->discard();
    ++imageGeneration_; // a zoomed-out copy still being made is for another image
    renderer_->recycle(overlayItem_->takeImage()); // images of a folder often share their size
    segments_.release();
    style_.fills.clear();
    style_.outlines.clear();
    style_.hatches.clear();
    bounds_.clear();
    selection_.clear();
    highlight_ = preview_ = {};
    selectionItem_->clear();
    highlightItem_->clear();
    previewItem_->clear();
}

void ImageCanvas::clear() {
    forgetImage();
    imageSize_ = QSize();
    imageItem_->setImage({}, {});
    overlayItem_->setImage({}, {});
    brushCursor_->hide();
    fitting_ = false;
    scene_->setSceneRect(QRectF(0, 0, 1, 1));
    const bool wasZoomed = zoom() != 1.0;
    resetTransform();
    if (wasZoomed)
        emit zoomChanged(1.0);
    updateCursorShape();
    notifyVisibleArea();
    viewport()->update();
}

void ImageCanvas::setSegments(const cv::Mat1i &segments, const QVector<QRgb> &fills, const QVector<QRgb> &outlines,
                              const QVector<QRgb> &hatches, const std::vector<cv::Rect> &bounds) {
    if (!segments.empty() && !hasImage()) {
        qWarning("ImageCanvas::setSegments: no image to overlay segments on; ignored");
        return;
    }
    if (!segments.empty() && (segments.cols > imageSize_.width() || segments.rows > imageSize_.height())) {
        qWarning("ImageCanvas::setSegments: a %dx%d segment map is larger than the %dx%d image; ignored",
                 segments.cols, segments.rows, imageSize_.width(), imageSize_.height());
        return;
    }
    segments_ = segments;
    style_.fills = fills;
    style_.outlines = outlines;
    style_.hatches = hatches;
    bounds_ = bounds;
    rebuildOverlay();
    showRegions();
}

void ImageCanvas::setOverlayOpacity(double opacity) {
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (opacity == style_.opacity)
        return;
    style_.opacity = opacity;
    rebuildOverlay();
}

void ImageCanvas::setOutlinesVisible(bool visible) {
    if (visible == style_.outlinesVisible)
        return;
    style_.outlinesVisible = visible;
    rebuildOverlay();
}

void ImageCanvas::setSelection(const QList<int> &segments) {
    selection_ = segments;
    showRegion(selectionItem_, {selection_, {}});
}

void ImageCanvas::setHighlight(const CanvasRegion &region) {
    if (!region.empty() && !hasImage()) {
        qWarning("ImageCanvas::setHighlight: no image to highlight a region of; ignored");
        return;
    }
    highlight_ = region;
    highlight_.cells = region.cells.clone(); // the caller may reuse its buffer
    showRegion(highlightItem_, highlight_);
}

void ImageCanvas::setPreview(const CanvasRegion &region) {
    if (!region.empty() && !hasImage())
        return;
    preview_ = region;
    preview_.cells = region.cells.clone();
    showRegion(previewItem_, preview_);
}

bool ImageCanvas::rendering() const { return renderer_->busy(); }

void ImageCanvas::rebuildOverlay() {
    if (segments_.empty() || style_.fills.isEmpty()) {
        renderer_->discard();
        overlayItem_->setImage({}, scene_->sceneRect());
        return;
    }
    renderer_->render(segments_, style_);
}

void ImageCanvas::showOverlay(const QImage &overlay, const QImage &zoomedOut) {
    if (QImage previous = overlayItem_->takeImage(); !previous.isNull())
        renderer_->recycle(std::move(previous));
    else
        renderer_->prepareSpare(overlay.size());
    overlayItem_->setImage(overlay, scene_->sceneRect(), zoomedOut);
    emit rendered();
}

void ImageCanvas::showRegions() {
    showRegion(selectionItem_, {selection_, {}});
    showRegion(highlightItem_, highlight_);
    showRegion(previewItem_, preview_);
}

// No pixel is visited here: the item looks the flags up while painting, for the screen pixels it
// covers, and the segments' bounding boxes say where that is.
void ImageCanvas::showRegion(RegionItem *item, const CanvasRegion &region) {
    const QRectF imageRect = scene_->sceneRect();
    const bool bySegments = !region.segments.isEmpty() && !segments_.empty();
    if (!bySegments && region.cells.empty()) {
        item->clear(); // a selection without a map is kept for the next map
        return;
    }
    std::vector<uchar> flags;
    QRectF bounds;
    if (bySegments) {
        const double scaleX = imageRect.width() / segments_.cols, scaleY = imageRect.height() / segments_.rows;
        const bool knownBounds = !bounds_.empty();
        for (const int segment : region.segments) {
            if (segment < 0)
                continue;
            if (std::size_t(segment) >= flags.size())
                flags.resize(std::size_t(segment) + 1, 0);
            flags[std::size_t(segment)] = 1;
            if (!knownBounds)
                bounds = imageRect;
            else if (std::size_t(segment) < bounds_.size() && !bounds_[std::size_t(segment)].empty()) {
                const cv::Rect &box = bounds_[std::size_t(segment)];
                bounds |= QRectF(box.x * scaleX, box.y * scaleY, box.width * scaleX, box.height * scaleY);
            }
        }
    }
    if (!region.cells.empty()) {
        const cv::Rect cells = cv::boundingRect(region.cells);
        const double cellWidth = imageRect.width() / region.cells.cols, cellHeight = imageRect.height() / region.cells.rows;
        bounds |= QRectF(cells.x * cellWidth, cells.y * cellHeight, cells.width * cellWidth, cells.height * cellHeight);
    }
    item->setRegion(bySegments ? segments_ : cv::Mat1i(), std::move(flags), region.cells, bounds, imageRect);
}

int ImageCanvas::segmentAt(QPointF scenePos) const {
    if (segments_.empty())
        return -1;
    if (scenePos.x() < 0 || scenePos.y() < 0 || scenePos.x() >= imageSize_.width() || scenePos.y() >= imageSize_.height())
        return -1;
    // A smaller map (a preview) is stretched over the image.
    const int x = std::min(qFloor(scenePos.x() * segments_.cols / imageSize_.width()), segments_.cols - 1);
    const int y = std::min(qFloor(scenePos.y() * segments_.rows / imageSize_.height()), segments_.rows - 1);
    return segments_(y, x);
}

QPointF ImageCanvas::toImage(QPointF viewPos) const { return viewportTransform().inverted().map(viewPos); }

QPointF ImageCanvas::imagePosition(QPoint viewPos) const { return toImage(QPointF(viewPos)); }

double ImageCanvas::zoom() const { return transform().m11(); }

double ImageCanvas::fitZoom() const {
    if (!hasImage())
        return 1.0;
    // Like labelme: two pixels to spare so that no scroll bar appears.
    const QSize available = maximumViewportSize() - QSize(2, 2);
    const double zoom = std::min(available.width() / double(imageSize_.width()),
                                 available.height() / double(imageSize_.height()));
    return std::clamp(zoom, 1e-4, kMaxZoom);
}

void ImageCanvas::setZoom(double zoom, QPointF viewAnchor) {
    if (!hasImage())
        return;
    fitting_ = false;
    zoom = std::clamp(zoom, std::min(kMinZoom, fitZoom()), kMaxZoom);
    if (zoom == this->zoom())
        return;
    const QPointF anchored = toImage(viewAnchor);
    setTransform(QTransform::fromScale(zoom, zoom));
    // Scroll the anchored image point back under the anchor (to the pixel: scroll bars are integers).
    const QPointF drift = viewportTransform().map(anchored) - viewAnchor;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qRound(drift.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + qRound(drift.y()));
    notifyVisibleArea();
    emit zoomChanged(zoom);
}

void ImageCanvas::zoomAroundCentre(double factor) { setZoom(zoom() * factor, QRectF(viewport()->rect()).center()); }

void ImageCanvas::fitToWindow() {
    if (!hasImage())
        return;
    setZoom(fitZoom(), QRectF(viewport()->rect()).center());
    centerOn(scene_->sceneRect().center());
    fitting_ = true;
}

void ImageCanvas::zoomToActualSize() { setZoom(1.0, QRectF(viewport()->rect()).center()); }
void ImageCanvas::zoomIn() { zoomAroundCentre(kZoomStep); }
void ImageCanvas::zoomOut() { zoomAroundCentre(1.0 / kZoomStep); }

void ImageCanvas::centreOn(QPointF imagePos) { centerOn(imagePos); }

void ImageCanvas::notifyVisibleArea() {
    QRectF visible;
    if (hasImage())
        visible = viewportTransform().inverted().mapRect(QRectF(viewport()->rect())) & scene_->sceneRect();
    if (visible == lastVisibleArea_)
        return;
    lastVisibleArea_ = visible;
    emit visibleAreaChanged(visible);
}

void ImageCanvas::setTool(Tool tool) {
    if (tool == tool_)
        return;
    cancelStroke();
    tool_ = tool;
    updateCursorShape();
    if (tool_ == Tool::Select)
        brushCursor_->hide();
}

ImageCanvas::Tool ImageCanvas::tool() const { return tool_; }

void ImageCanvas::setBrushRadius(int radius) {
    radius = std::clamp(radius, kMinBrushRadius, kMaxBrushRadius);
    if (radius == brushRadius_)
        return;
    brushRadius_ = radius;
    QPen pen = strokePreview_->pen();
    pen.setWidth(2 * radius + 1);
    strokePreview_->setPen(pen);
    if (brushCursor_->isVisible()) {
        const QPointF centre = brushCursor_->rect().center();
        const qreal extent = radius + 0.5;
        brushCursor_->setRect(QRectF(centre - QPointF(extent, extent), QSizeF(2 * extent, 2 * extent)));
    }
    emit brushRadiusChanged(radius);
}

int ImageCanvas::brushRadius() const { return brushRadius_; }

void ImageCanvas::drawBackground(QPainter *painter, const QRectF &rect) {
    QGraphicsView::drawBackground(painter, rect);
    if (hasImage())
        return;
    painter->save();
    painter->resetTransform();
    painter->setPen(kHintText);
    painter->drawText(viewport()->rect(), Qt::AlignCenter | Qt::TextWordWrap,
                      tr("Open an image (Ctrl+O) or drop one here"));
    painter->restore();
}

bool ImageCanvas::viewportEvent(QEvent *event) {
    if (event->type() == QEvent::Leave) {
        brushCursor_->hide();
        if (hoveredSegment_ != -1 || hoveredPixel_ != QPoint(-1, -1)) {
            hoveredSegment_ = -1;
            hoveredPixel_ = QPoint(-1, -1);
            emit hoveredSegmentChanged(hoveredSegment_, hoveredPixel_);
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void ImageCanvas::resizeEvent(QResizeEvent *event) {
    QGraphicsView::resizeEvent(event);
    // The photo's cache (at most the viewport: Qt clips it there) must fit the pixmap cache, or it
    // would be drawn into a pixmap and thrown away on every repaint.
    const qreal ratio = devicePixelRatioF();
    const int kilobytes = int(std::min<qreal>(viewport()->width() * ratio * viewport()->height() * ratio * 4 / 1024 * 2, 1 << 20));
    QPixmapCache::setCacheLimit(std::max(QPixmapCache::cacheLimit(), kilobytes));
    if (fitting_)
        fitToWindow();
    notifyVisibleArea();
}

void ImageCanvas::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    notifyVisibleArea();
}

void ImageCanvas::wheelEvent(QWheelEvent *event) {
    const int delta = event->angleDelta().y();
    if (!hasImage() || delta == 0) {
        QGraphicsView::wheelEvent(event); // horizontal wheels scroll
        return;
    }
    setZoom(zoom() * std::pow(kWheelZoomPerNotch, delta / 120.0), event->position());
    updateHover(event->position());
    updateBrushCursor(event->position());
    event->accept();
}

void ImageCanvas::mousePressEvent(QMouseEvent *event) {
    if (!hasImage()) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    const bool panButton = event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_);
    if (panButton && panButton_ == Qt::NoButton && !stroking_) {
        panButton_ = event->button();
        panLast_ = event->position().toPoint();
        brushCursor_->hide();
        updateCursorShape();
    } else if (event->button() == Qt::LeftButton && panButton_ == Qt::NoButton) {
        if (tool_ == Tool::Select) {
            emit segmentClicked(segmentAt(toImage(event->position())), event->modifiers());
        } else {
            stroking_ = true;
            stroke_.clear();
            strokePreview_->setPen(QPen(tool_ == Tool::Eraser ? kEraserPreview : kBrushPreview, 2 * brushRadius_ + 1,
                                        Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            extendStroke(event->position());
            strokePreview_->show();
        }
    }
    event->accept();
}

void ImageCanvas::mouseMoveEvent(QMouseEvent *event) {
    const QPointF position = event->position();
    if (panButton_ != Qt::NoButton) {
        const QPoint moved = position.toPoint() - panLast_;
        panLast_ = position.toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - moved.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - moved.y());
    } else if (stroking_) {
        extendStroke(position);
    }
    updateHover(position);
    updateBrushCursor(position);
    event->accept();
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent *event) {
    if (panButton_ != Qt::NoButton && event->button() == panButton_) {
        panButton_ = Qt::NoButton;
        updateCursorShape();
        updateBrushCursor(event->position());
    } else if (stroking_ && event->button() == Qt::LeftButton) {
        finishStroke();
    }
    event->accept();
}

void ImageCanvas::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            spaceHeld_ = true;
            brushCursor_->hide();
            updateCursorShape();
        }
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && stroking_) {
        cancelStroke();
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void ImageCanvas::keyReleaseEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            spaceHeld_ = false;
            updateCursorShape();
        }
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void ImageCanvas::focusOutEvent(QFocusEvent *event) {
    // The Space release goes to whoever has the focus now.
    spaceHeld_ = false;
    updateCursorShape();
    QGraphicsView::focusOutEvent(event);
}

void ImageCanvas::dragEnterEvent(QDragEnterEvent *event) { dragMoveEvent(event); }

void ImageCanvas::dragMoveEvent(QDragMoveEvent *event) {
    if (droppablePaths(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void ImageCanvas::dropEvent(QDropEvent *event) {
    const QStringList paths = droppablePaths(event->mimeData());
    if (paths.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit filesDropped(paths);
}

void ImageCanvas::updateHover(QPointF viewPos) {
    int segment = -1;
    QPoint pixel(-1, -1);
    if (hasImage()) {
        const QPointF position = toImage(viewPos);
        const QPoint under(qFloor(position.x()), qFloor(position.y()));
        if (QRect(QPoint(0, 0), imageSize_).contains(under)) {
            pixel = under;
            segment = segmentAt(position);
        }
    }
    if (segment == hoveredSegment_ && pixel == hoveredPixel_)
        return;
    hoveredSegment_ = segment;
    hoveredPixel_ = pixel;
    emit hoveredSegmentChanged(segment, pixel);
}

// The brush outline covers the pixels a stroke through the pixel under the pointer would paint.
void ImageCanvas::updateBrushCursor(QPointF viewPos) {
    if (!hasImage() || tool_ == Tool::Select || spaceHeld_ || panButton_ != Qt::NoButton) {
        brushCursor_->hide();
        return;
    }
    const QPointF position = toImage(viewPos);
    const QPointF centre(qFloor(position.x()) + 0.5, qFloor(position.y()) + 0.5);
    const qreal extent = brushRadius_ + 0.5;
    brushCursor_->setRect(QRectF(centre - QPointF(extent, extent), QSizeF(2 * extent, 2 * extent)));
    brushCursor_->show();
}

void ImageCanvas::updateCursorShape() {
    Qt::CursorShape shape = Qt::ArrowCursor;
    if (panButton_ != Qt::NoButton)
        shape = Qt::ClosedHandCursor;
    else if (spaceHeld_ && hasImage())
        shape = Qt::OpenHandCursor;
    else if (tool_ != Tool::Select && hasImage())
        shape = Qt::CrossCursor;
    viewport()->setCursor(shape);
}

void ImageCanvas::extendStroke(QPointF viewPos) {
    const QPointF position = toImage(viewPos);
    const QPoint pixel(qFloor(position.x()), qFloor(position.y()));
    if (!stroke_.isEmpty() && stroke_.last() == pixel)
        return;
    stroke_.append(pixel);
    // Through the pixel centres; a lone point is a zero-length line, which round caps turn into a dot.
    const QPointF centre = QPointF(pixel) + QPointF(0.5, 0.5);
    QPainterPath path = strokePreview_->path();
    if (stroke_.size() == 1)
        path = QPainterPath(centre);
    path.lineTo(centre);
    strokePreview_->setPath(path);
}

void ImageCanvas::cancelStroke() {
    stroking_ = false;
    stroke_.clear();
    strokePreview_->setPath({});
    strokePreview_->hide();
}

void ImageCanvas::finishStroke() {
    const QVector<QPoint> points = stroke_;
    const bool eraser = tool_ == Tool::Eraser;
    cancelStroke();
    emit strokeFinished(points, brushRadius_, eraser);
}

} // namespace diffcut::ui
