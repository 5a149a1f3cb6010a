#pragma once
// What a caller asks the per-image pipeline for (the user's decisions and classes), and what it gets
// back: the cut, its full-resolution segments with the decisions applied, and what was set aside.
#include "annotation/annotation_state.h"
#include "annotation/class_list.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace diffcut {

struct SegmentationRequest {
    AnnotationState state; // its brush must not be written to after the request (pass a copy)
    ClassList classes;
    // The size of the label maps: 0 x 0 for the image's own (full resolution: what exports and the
    // CLI use). A smaller one — the screen's — is what an interactive caller asks for first on a
    // large image; the same request at full size then gives exactly what it would have alone.
    cv::Size outputSize{};
};

// Node decisions of another tree, not applied to this one (annotation_state.h).
struct SetAsideDecisions {
    enum class Why { OtherFeatures, OtherImage, OtherAlpha };
    Why why;
    TreeKey tree; // the tree they were made on
    int count;    // how many decisions
};

struct SegmentationResult {
    std::shared_ptr<PartitionTree> tree;
    TreeKey treeKey;                     // the tree's features and α
    std::vector<int> leaves;             // tree ids of the cut's leaves (the decisions applied)
    std::vector<NodePath> leafPaths;
    ComposedAnnotation composed;         // the segments with the user's edits applied
    int decisionsApplied = 0;
    std::vector<SetAsideDecisions> setAside;
    std::vector<std::pair<std::string, double>> timings; // milliseconds per stage
    cv::Size imageSize;                  // the image's; the label maps are smaller for a preview
    bool isPreview() const { return composed.annotation.segments.size() != imageSize; }
};

// What an interactive caller asks for first (SegmentationRequest::outputSize): the image's own size,
// or — for an image of more than kInteractiveExcess screens of pixels — the image scaled to about
// the screen's pixel count, aspect kept. The full resolution follows in the background. A screen
// smaller than full HD counts as full HD; a 0 × 0 screen means no preview.
inline constexpr double kInteractiveExcess = 2.0;
cv::Size interactiveSize(cv::Size image, cv::Size screen);

// Why the decisions of `other` do not apply on `shown`.
SetAsideDecisions::Why setAsideReason(const TreeKey &shown, const TreeKey &other);
// One line for the CLI and logs: "5 decisions made with the 32×32 built-in encoder are set aside".
std::string describeSetAside(const SetAsideDecisions &aside);

} // namespace diffcut
