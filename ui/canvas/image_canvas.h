#pragma once
// The centre of the main window: the photo, the segment overlay the τ slider keeps replacing, the
// selection and hierarchy highlight on top, and the brush / eraser strokes of manual editing.
// Scene coordinates are image pixel coordinates: pixel (x, y) covers [x, x+1) × [y, y+1).
#include "canvas/canvas_renderer.h"

#include <QGraphicsView>
#include <QImage>
#include <QList>
#include <QVector>

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

class QGraphicsEllipseItem;
class QGraphicsPathItem;

namespace diffcut::ui {

class RasterItem;
class RegionItem;

// Interaction, as in labelme: the wheel zooms around the pointer (Ctrl optional); the middle button,
// or the left one with Space held, drags the view; the left button selects (Select tool) or paints a
// stroke (Brush, Eraser). Zoomed out the image is smoothed; beyond 100 % pixels are sharp squares.
class ImageCanvas : public QGraphicsView {
    Q_OBJECT
public:
    enum class Tool { Select, Brush, Eraser };

    explicit ImageCanvas(QWidget *parent = nullptr);

    // A new image: clears segments, selection, highlight and any stroke, and fits it to the window.
    // A null image is the same as clear().
    void setImage(const QImage &image);
    // No image: the canvas shows a centred hint instead.
    void clear();

    // The overlay: the segment index of every pixel (the image's size, or smaller: a preview map is
    // stretched over the image, nearest neighbour), and per segment its fill
    // (fills[index], straight alpha before the overlay opacity) and outline colour (outlines[index],
    // its alpha respected) — segmentPaints() in core gives both, as the exported overlays use them.
    // Pixels whose index has no colour (negative or beyond the lists) are not drawn. Keeps zoom,
    // scroll position and the selected indices. The canvas keeps a reference to `segments`
    // (cv::Mat shares its data): pass a new map rather than writing into one already given. An
    // empty map removes the overlay; a map larger than the image, or one given without an image,
    // is refused with a qWarning and ignored.
    // hatches: per segment, a colour drawn as diagonal stripes and outline over it (a suggested,
    // not accepted class), 0 or absent = none.
    // bounds: per segment, the bounding box of its pixels (ComposedAnnotation::segmentBounds), so
    // that a selected region is drawn only where it is; absent = anywhere.
    // The overlay is drawn on the render thread: segmentAt() and the selection answer for the new
    // map at once, the overlay follows when rendered() says so (the previous one stays until then).
    void setSegments(const cv::Mat1i &segments, const QVector<QRgb> &fills, const QVector<QRgb> &outlines,
                     const QVector<QRgb> &hatches = {}, const std::vector<cv::Rect> &bounds = {});
    void setOverlayOpacity(double opacity);        // fill opacity, clamped to 0..1; outlines keep theirs
    void setOutlinesVisible(bool visible);         // 1-pixel segment boundaries
    void setSelection(const QList<int> &segments); // brighter fill and a thick outline, on its own layer
    // A region to highlight (hierarchy view selection): segments of the current map and/or a mask
    // of any size stretched over the image. Regions given by segments follow new segment maps
    // (indices, not pixels). An empty region removes the highlight.
    void setHighlight(const CanvasRegion &region);
    // What an edit would produce, outlined without a fill (e.g. the segment Coarsen would make);
    // a region like setHighlight's, empty for none.
    void setPreview(const CanvasRegion &region);
    // Whether the overlay set last is not on screen yet (it is being rendered).
    bool rendering() const;

    int segmentAt(QPointF scenePos) const;        // -1 outside the image or without segments
    QPointF imagePosition(QPoint viewPos) const;  // viewport -> image pixel coordinates

    // Fit keeps fitting while the window is resized, until the user zooms.
    void fitToWindow();
    void zoomToActualSize();
    void zoomIn();
    void zoomOut();
    double zoom() const; // 1.0 = 100 %: one image pixel per screen pixel
    void centreOn(QPointF imagePos);

    void setTool(Tool tool);
    Tool tool() const;
    void setBrushRadius(int radius); // image pixels, clamped to 1..500
    int brushRadius() const;

signals:
    // Left button press with the Select tool; `segment` is -1 outside segments.
    void segmentClicked(int segment, Qt::KeyboardModifiers modifiers);
    // Emitted when the pointer reaches another image pixel or another segment. Outside the image
    // (and when the pointer leaves the canvas) the segment is -1 and the pixel (-1, -1).
    void hoveredSegmentChanged(int segment, QPoint imagePixel);
    // A finished brush or eraser stroke (left press -> release): the image pixel under the pointer at
    // the press and at every move, in order, repeats dropped. The stroke covers every pixel within
    // `radius` of the polyline through them, as the preview and the brush outline show.
    // Escape, another tool or a new image during the stroke cancel it: nothing is emitted.
    void strokeFinished(const QVector<QPoint> &points, int radius, bool eraser);
    void brushRadiusChanged(int radius);
    void zoomChanged(double zoom);
    void visibleAreaChanged(QRectF imageRect); // the part of the image the viewport shows
    void filesDropped(const QStringList &paths); // local image files and folders dropped on the canvas
    void rendered(); // everything set so far is on screen

protected:
    // Space pans while the pointer is over the canvas, whichever widget has the keyboard focus.
    bool eventFilter(QObject *watched, QEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    bool viewportEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    bool hasImage() const;
    void forgetImage();
    QPointF toImage(QPointF viewPos) const;
    double fitZoom() const;
    // Sets the zoom keeping the image point under `viewAnchor` (viewport coordinates) in place.
    void setZoom(double zoom, QPointF viewAnchor);
    void zoomAroundCentre(double factor);
    void notifyVisibleArea();
    void rebuildOverlay();
    void showOverlay(const QImage &overlay, const QImage &zoomedOut);
    void showRegion(RegionItem *item, const CanvasRegion &region);
    void showRegions();
    void updateHover(QPointF viewPos);
    void updateBrushCursor(QPointF viewPos);
    void updateCursorShape();
    void extendStroke(QPointF viewPos);
    void cancelStroke();
    void finishStroke();

    QGraphicsScene *scene_;
    RasterItem *imageItem_;
    RasterItem *overlayItem_;
    RegionItem *highlightItem_;
    RegionItem *previewItem_;
    RegionItem *selectionItem_;
    QGraphicsPathItem *strokePreview_;
    QGraphicsEllipseItem *brushCursor_;

    QSize imageSize_;
    std::uint64_t imageGeneration_ = 0; // a zoomed-out copy made for an older image is dropped
    cv::Mat1i segments_;
    OverlayStyle style_;
    std::vector<cv::Rect> bounds_;
    QList<int> selection_;
    CanvasRegion highlight_;
    CanvasRegion preview_;
    CanvasRenderer *renderer_;

    bool fitting_ = false;
    QRectF lastVisibleArea_;
    int hoveredSegment_ = -1;
    QPoint hoveredPixel_{-1, -1};

    Tool tool_ = Tool::Select;
    int brushRadius_ = 10;
    QVector<QPoint> stroke_;
    bool stroking_ = false;

    bool spaceHeld_ = false;
    Qt::MouseButton panButton_ = Qt::NoButton; // the button dragging the view, if any
    QPoint panLast_;
};

} // namespace diffcut::ui
