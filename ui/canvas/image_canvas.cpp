#include "canvas/image_canvas.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QImageReader>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>
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

// Runs work(firstRow, endRow) over all rows, split over the cores when the image is large enough
// for threads to pay off (the overlay is rebuilt on every τ slider move).
template <typename RowWork>
void forEachRowRange(int rows, int cols, RowWork &&work) {
    constexpr std::int64_t parallelFromPixels = 1 << 18;
    if (std::int64_t(rows) * cols < parallelFromPixels) {
        work(0, rows);
        return;
    }
    cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range &range) { work(range.start, range.end); });
}

QRgb *scanLine(uchar *bits, qsizetype bytesPerLine, int y) {
    return reinterpret_cast<QRgb *>(bits + bytesPerLine * y);
}

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

// An image shown over a rectangle of the scene: the photo and the segment overlay.
class RasterItem : public QGraphicsItem {
public:
    void setImage(QImage image, const QRectF &target) {
        prepareGeometryChange();
        image_ = std::move(image);
        target_ = target;
        update();
    }
    QImage takeImage() { return std::exchange(image_, QImage()); }
    QRectF boundingRect() const override { return target_; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override {
        if (!image_.isNull())
            drawRaster(painter, target_, image_);
    }

private:
    QImage image_;
    QRectF target_;
};

// A region of the image, given as a mask of any size stretched over it (nearest neighbour): a
// tinted fill, and an outline on the cell edges two screen pixels wide on a dark halo. The
// selection and the hierarchy highlight. Both are rasterised in screen space at paint time, for
// the exposed part of the region only, so that neither a new region nor a repaint depends on the
// image size (a tint image of a 12-megapixel photo is 48 MB to fill) or on how ragged the region
// is (stroking a path along every pixel step of a large selection takes seconds).
class RegionItem : public QGraphicsItem {
public:
    enum class Line { Solid, Dashed }; // dashed: thin, no halo — a preview beneath the selection
    RegionItem(QColor fill, QColor line, Line style = Line::Solid)
        : fill_(qPremultiply(fill.rgba())), line_(qPremultiply(line.rgba())), style_(style) {
        setFlag(QGraphicsItem::ItemUsesExtendedStyleOption); // for option->exposedRect
    }

    // Keeps `mask` (cv::Mat shares its data): pass one that nobody writes to any more.
    void setMask(cv::Mat1b mask, const QRectF &target) {
        prepareGeometryChange();
        target_ = target;
        mask_ = std::move(mask);
        regionBounds_ = QRectF();
        if (!mask_.empty()) {
            const cv::Rect cells = cv::boundingRect(mask_);
            const double cellWidth = target_.width() / mask_.cols;
            const double cellHeight = target_.height() / mask_.rows;
            regionBounds_ = QRectF(target_.x() + cells.x * cellWidth, target_.y() + cells.y * cellHeight,
                                   cells.width * cellWidth, cells.height * cellHeight);
        }
        update();
    }
    void clear() { setMask({}, {}); }

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

    // Whether each pixel of `screen` shows a cell inside the region.
    cv::Mat1b insideOnScreen(const QRect &screen, const QTransform &toScreen) const {
        const std::vector<int> columns = cellsAlong(screen.left(), screen.width(), toScreen.m11(), toScreen.dx(),
                                                    target_.x(), target_.width(), mask_.cols);
        const std::vector<int> rows = cellsAlong(screen.top(), screen.height(), toScreen.m22(), toScreen.dy(),
                                                 target_.y(), target_.height(), mask_.rows);
        cv::Mat1b inside(screen.height(), screen.width());
        for (int v = 0; v < inside.rows; ++v) {
            const int row = rows[std::size_t(v)];
            uchar *out = inside[v];
            for (int u = 0; u < inside.cols; ++u) {
                const int column = columns[std::size_t(u)];
                out[u] = row >= 0 && column >= 0 && mask_(row, column) ? 1 : 0;
            }
        }
        return inside;
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
    cv::Mat1b mask_;
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
      brushCursor_(new BrushCursorItem) {
    // A handful of items, one of them following the pointer: an index would only cost updates.
    scene_->setItemIndexMethod(QGraphicsScene::NoIndex);
    qreal z = 0;
    for (QGraphicsItem *item : std::initializer_list<QGraphicsItem *>{
             imageItem_, overlayItem_, previewItem_, highlightItem_, selectionItem_, strokePreview_, brushCursor_}) {
        item->setZValue(z++);
        scene_->addItem(item);
    }
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
    cancelStroke();
    imageSize_ = image.size();
    segments_.release();
    fills_.clear();
    outlines_.clear();
    selection_.clear();
    const QRectF imageRect(QPointF(0, 0), QSizeF(imageSize_));
    // Converted once here so that every repaint takes the painter's fast path.
    const auto format = image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32;
    imageItem_->setImage(image.convertToFormat(format), imageRect);
    overlayItem_->setImage({}, imageRect);
    selectionItem_->clear();
    highlightItem_->clear();
    previewItem_->clear();
    scene_->setSceneRect(imageRect);
    fitToWindow();
    updateCursorShape();
    notifyVisibleArea();
    viewport()->update();
}

void ImageCanvas::clear() {
    cancelStroke();
    imageSize_ = QSize();
    segments_.release();
    fills_.clear();
    outlines_.clear();
    selection_.clear();
    imageItem_->setImage({}, {});
    overlayItem_->setImage({}, {});
    selectionItem_->clear();
    highlightItem_->clear();
    previewItem_->clear();
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
                              const QVector<QRgb> &hatches) {
    if (!segments.empty() && !hasImage()) {
        qWarning("ImageCanvas::setSegments: no image to overlay segments on; ignored");
        return;
    }
    if (!segments.empty() && (segments.cols != imageSize_.width() || segments.rows != imageSize_.height())) {
        qWarning("ImageCanvas::setSegments: a %dx%d segment map does not match the %dx%d image; ignored",
                 segments.cols, segments.rows, imageSize_.width(), imageSize_.height());
        return;
    }
    segments_ = segments;
    fills_ = fills;
    outlines_ = outlines;
    hatches_ = hatches;
    rebuildOverlay();
    rebuildSelection();
}

void ImageCanvas::setOverlayOpacity(double opacity) {
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (opacity == overlayOpacity_)
        return;
    overlayOpacity_ = opacity;
    rebuildOverlay();
}

void ImageCanvas::setOutlinesVisible(bool visible) {
    if (visible == outlinesVisible_)
        return;
    outlinesVisible_ = visible;
    rebuildOverlay();
}

void ImageCanvas::setSelection(const QList<int> &segments) {
    selection_ = segments;
    rebuildSelection();
}

void ImageCanvas::setHighlight(const cv::Mat1b &mask) {
    if (!mask.empty() && !hasImage()) {
        qWarning("ImageCanvas::setHighlight: no image to highlight a region of; ignored");
        return;
    }
    highlightItem_->setMask(mask.clone(), scene_->sceneRect()); // the caller may reuse its buffer
}

void ImageCanvas::setPreview(const cv::Mat1b &mask) {
    if (!mask.empty() && !hasImage())
        return;
    previewItem_->setMask(mask.clone(), scene_->sceneRect());
}

// The segment overlay in one pass over the label map: a colour lookup per pixel, the opacity
// folded into the colours, and the outline test (does the right or lower neighbour differ?).
void ImageCanvas::rebuildOverlay() {
    const QRectF imageRect = scene_->sceneRect();
    if (segments_.empty() || fills_.isEmpty()) {
        overlayItem_->setImage({}, imageRect);
        return;
    }
    std::vector<QRgb> fill(std::size_t(std::min(fills_.size(), outlines_.size())));
    std::vector<QRgb> outline(fill.size());
    std::vector<QRgb> stripe(fill.size(), 0); // 0: not hatched
    for (std::size_t i = 0; i < fill.size(); ++i) {
        const QRgb colour = fills_[qsizetype(i)];
        const int alpha = qRound(qAlpha(colour) * overlayOpacity_);
        fill[i] = qPremultiply(qRgba(qRed(colour), qGreen(colour), qBlue(colour), alpha));
        outline[i] = qPremultiply(outlines_[qsizetype(i)]);
        // Opaque stripes and outline: a suggestion must read apart from an accepted (flat) fill.
        if (const QRgb hatch = i < std::size_t(hatches_.size()) ? hatches_[qsizetype(i)] : 0; hatch != 0)
            stripe[i] = outline[i] = qRgba(qRed(hatch), qGreen(hatch), qBlue(hatch), 255);
    }
    const cv::Mat1i &labels = segments_;
    const bool outlines = outlinesVisible_;
    const unsigned colourCount = unsigned(fill.size());
    // Stripes stay visible when a large image is shown fitted to the window.
    const int stripePeriod = std::max(12, std::max(labels.cols, labels.rows) / 60), stripeWidth = std::max(2, stripePeriod / 6);
    // Written over the previous overlay's pixels when the size allows: a fresh buffer on every
    // slider step costs page faults (48 MB at 4000×3000).
    QImage overlay = overlayItem_->takeImage();
    if (overlay.size() != QSize(labels.cols, labels.rows))
        overlay = QImage(labels.cols, labels.rows, QImage::Format_ARGB32_Premultiplied);
    uchar *bits = overlay.bits();
    const qsizetype bytesPerLine = overlay.bytesPerLine();
    forEachRowRange(labels.rows, labels.cols, [&](int begin, int end) {
        const int lastColumn = labels.cols - 1;
        for (int y = begin; y < end; ++y) {
            const int *row = labels[y];
            const int *below = y + 1 < labels.rows ? labels[y + 1] : nullptr;
            QRgb *out = scanLine(bits, bytesPerLine, y);
            for (int x = 0; x < labels.cols; ++x) {
                const int label = row[x];
                if (unsigned(label) >= colourCount) {
                    out[x] = 0;
                    continue;
                }
                const bool edge =
                    outlines && ((x < lastColumn && row[x + 1] != label) || (below && below[x] != label));
                const bool striped = stripe[std::size_t(label)] != 0 && (x + y) % stripePeriod < stripeWidth;
                out[x] = edge ? outline[std::size_t(label)] : striped ? stripe[std::size_t(label)] : fill[std::size_t(label)];
            }
        }
    });
    overlayItem_->setImage(std::move(overlay), imageRect);
}

void ImageCanvas::rebuildSelection() {
    if (selection_.isEmpty() || segments_.empty()) {
        selectionItem_->clear();
        return;
    }
    // A flag per index up to the largest one both selected and present in the map.
    double largestLabel = 0;
    cv::minMaxIdx(segments_, nullptr, &largestLabel);
    const int largestSelected = *std::max_element(selection_.begin(), selection_.end());
    const int flagCount = std::max(0, std::min(int(largestLabel), largestSelected) + 1);
    std::vector<uchar> selected(std::size_t(flagCount), 0);
    for (int segment : selection_)
        if (segment >= 0 && std::size_t(segment) < selected.size())
            selected[std::size_t(segment)] = 255;
    const cv::Mat1i &labels = segments_;
    cv::Mat1b mask(labels.size());
    forEachRowRange(labels.rows, labels.cols, [&](int begin, int end) {
        for (int y = begin; y < end; ++y) {
            const int *row = labels[y];
            uchar *out = mask[y];
            for (int x = 0; x < labels.cols; ++x)
                out[x] = unsigned(row[x]) < selected.size() ? selected[std::size_t(row[x])] : 0;
        }
    });
    selectionItem_->setMask(mask, scene_->sceneRect());
}

int ImageCanvas::segmentAt(QPointF scenePos) const {
    if (segments_.empty())
        return -1;
    const int x = qFloor(scenePos.x());
    const int y = qFloor(scenePos.y());
    if (x < 0 || y < 0 || x >= segments_.cols || y >= segments_.rows)
        return -1;
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
