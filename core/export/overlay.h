#pragma once
// How segments are drawn over the photo — one style for the canvas and the exported overlays, so
// that what is shown is what is exported: labelled segments in their class's colour; unlabelled
// segments in neutral greys (lighter or darker per segment, half as opaque), so that they never
// look like a class; outlines a lighter shade of each segment's colour.
#include "annotation/annotation.h"
#include "segmentation/label_map.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <set>
#include <vector>

namespace diffcut {

// RGBA with straight alpha. The fill's alpha is before the overlay's opacity is applied.
struct SegmentPaint {
    cv::Vec4b fill;
    cv::Vec4b outline;
};

struct PaintOptions {
    bool showUnlabelled = true;    // false: unlabelled segments are not drawn at all
    std::set<int> hiddenClasses;   // class indices (Annotation::classes) not drawn
};

// One paint per segment of the annotation.
std::vector<SegmentPaint> segmentPaints(const Annotation &annotation, const PaintOptions &options = {});

// Each pixel becomes (1 − a) · pixel + a · fill, a = fill alpha / 255 · opacity; with outlines,
// pixels with a 4-neighbour of another segment are blended with the outline colour (by its alpha)
// instead. Labels without a paint are left as they are. Throws Error for another size than rgb's or
// an opacity outside 0..1.
cv::Mat3b renderOverlay(const cv::Mat3b &rgb, const LabelMap &labels, const std::vector<SegmentPaint> &paints,
                        double opacity = 0.5, bool outlines = true);

// Writes an RGB image as a PNG (whatever the extension), atomically. Throws Error naming the file on failure.
void writeRgbPng(const std::filesystem::path &path, const cv::Mat3b &rgb);

} // namespace diffcut
