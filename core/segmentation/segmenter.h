#pragma once
// One image from features to its segment map at full resolution — the whole method in one call,
// for the command line (one image or a batch). The GUI keeps the intermediate stages instead
// (a tree per α, re-cut per τ).
#include "common/progress.h"
#include "common/stage_timer.h"
#include "features/feature_map.h"
#include "segmentation/label_map.h"

#include <opencv2/core.hpp>

#include <vector>

namespace diffcut {

struct SegmentationParameters {
    double tau = 0.5;
    double alpha = 10.0;
    bool refine = false; // PAMR + 3x3 median, driven by the image
};

struct Segmentation {
    LabelMap labels;         // image size, segment index per pixel, 0..K-1, each present
    std::vector<int> leaves; // partition-tree node of each segment index (leaves no pixel fell in are left out)
};

// Throws Error for invalid parameters or features, Cancelled on a stop request. Stages are
// timed into `timer` as "affinity", "partition_tree", "cut", "assignment", "refinement".
Segmentation segmentImage(const FeatureMap &features, const cv::Mat3b &rgb, const SegmentationParameters &parameters,
                          StageTimer &timer, const WorkControl &control = {});

} // namespace diffcut
