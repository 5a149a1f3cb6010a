#pragma once
// One image from features to its annotation with the user's decisions applied: what the GUI's
// pipeline does in stages (a tree per α, re-cut per τ), in one call for images that are not open
// (exporting a folder).
#include "annotation/annotation_state.h"
#include "common/progress.h"
#include "features/feature_map.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <vector>

namespace diffcut {

// Throws Error for invalid features or decisions, Cancelled on a stop request.
ComposedAnnotation annotateImage(const FeatureMap &features, const cv::Mat3b &rgb, const AnnotationState &state,
                                 const std::vector<LabelClass> &classes, const std::filesystem::path &imagePath,
                                 const WorkControl &control = {});

} // namespace diffcut
