#pragma once
// What the canvas draws over the photo: the segment overlay, a pure function of the label map
// that the canvas runs on its render thread (canvas_renderer.h) and tests call directly; and the
// regions (selection, hierarchy highlight, coarsen preview) the presenter describes.
#include <QImage>
#include <QList>
#include <QRgb>
#include <QVector>

#include <opencv2/core.hpp>

namespace diffcut::ui {

struct OverlayStyle {
    QVector<QRgb> fills;    // per segment, straight alpha before `opacity`
    QVector<QRgb> outlines; // per segment, alpha respected
    QVector<QRgb> hatches;  // per segment: drawn as opaque diagonal stripes and outline; 0 = none
    double opacity = 0.5;   // of the fills
    bool outlinesVisible = true;
};

// The overlay of `labels` (same size, premultiplied ARGB). Pixels whose label has no colour
// (negative or beyond the lists) are transparent; a pixel whose right or lower neighbour differs
// is outline. `reuse` is written into when it has the right size and nobody else shares it (a
// fresh 48 MB buffer per τ step costs page faults at 4000×3000). Null for no labels, and when
// there is no memory for it.
QImage overlayImage(const cv::Mat1i &labels, const OverlayStyle &style, QImage reuse = {});

// Zoomed out, a large image is painted from a copy whose longest side is at most this: painting a
// 100-megapixel raster shrunk to the window reads hundreds of megabytes per frame.
inline constexpr int kZoomedOutSide = 2048;
// The size of that copy (aspect kept), or `full` when it is no larger.
QSize zoomedOutSize(QSize full);

// A part of the image: whole segments of the label map, and/or a mask of any size stretched over
// the image (nearest neighbour) — what exists only on the feature grid, such as a node below the
// cut. The canvas looks both up while painting: no mask of the image's size is ever made.
struct CanvasRegion {
    QList<int> segments;
    cv::Mat1b cells; // non-zero = inside; empty = none
    bool empty() const { return segments.isEmpty() && cells.empty(); }
};

} // namespace diffcut::ui
