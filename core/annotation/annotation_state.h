#pragma once
// What the user decided for one image — local splits and merges of the partition tree, classes of
// tree nodes, a painted brush layer — the edits on it, and how it turns, together with the
// automatic segmentation, into the Annotation that the canvas shows and the exporters write.
// Nodes are named by path (partition_tree.h), so the decisions survive rebuilding the tree.
#include "annotation/annotation.h"
#include "segmentation/partition_tree.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <vector>

namespace diffcut {

// Values of AnnotationState::brush.
struct BrushValue {
    static constexpr std::uint16_t kUntouched = 0; // the automatic segmentation decides
    static constexpr std::uint16_t kErased = 1;    // the user removed the class: unlabelled
    static constexpr std::uint16_t forClass(int classIndex) { return std::uint16_t(2 + classIndex); }
};

// Everything the user decided for one image — what the sidecar stores and undo snapshots.
struct AnnotationState {
    double tau = 0.5;
    double alpha = 10.0;
    bool refine = false;
    std::map<NodePath, bool> overrides; // local split (true) / keep whole (false), see CutOverrides
    // Class index of a node's region (descendants inherit unless they have their own). An entry may
    // be Annotation::kUnlabelled: it takes a node out of the class an ancestor gives it.
    std::map<NodePath, int> nodeClass;
    std::vector<std::vector<NodePath>> merges; // groups of nodes shown as one segment each
    cv::Mat1w brush;                           // empty, or image-sized BrushValue per pixel
    bool done = false;                         // the user marked the image finished
    // The α of the tree that overrides, nodeClass and merges name nodes of: a path means another
    // region in another α's tree, so at any other α they are not applied (and they apply again
    // when α returns to it). 0 = not recorded: they apply at any α.
    double nodeAlpha = 0.0;
};

// Whether the node decisions (overrides, classes, merges) apply at the state's α.
bool nodeDecisionsApply(const AnnotationState &state);
// Before a node edit at the state's α: node decisions made at another α are dropped (they name
// nodes of another tree), and the state's α becomes the one they refer to.
void adoptCurrentAlpha(AnnotationState &state);

// Whether everything but the brush layer is equal (the brush is compared by the caller when needed).
bool sameDecisions(const AnnotationState &a, const AnnotationState &b);

// The tree's ids for state.overrides (expanding nodes along the paths); paths that no longer
// resolve are skipped.
CutOverrides cutOverridesFor(PartitionTree &tree, const AnnotationState &state, const WorkControl &control = {});

// Edits. Each returns false when it changes nothing (the GUI then records no undo step).

// overrides[leaf] = true.
bool splitNode(AnnotationState &state, const NodePath &leaf);
// The root: false. Else overrides[parent] = false, and overrides strictly below the parent are dropped.
bool coarsenNode(AnnotationState &state, const NodePath &leaf);
// One group of `nodes`, united with every existing group that has a member equal to, an ancestor of
// or a descendant of one of them; members below another member are dropped as redundant. The united
// group takes the place of the first group it absorbs. Fewer than 2 distinct nodes: false.
bool mergeNodes(AnnotationState &state, const std::vector<NodePath> &nodes);
// Removes the group that `member` belongs to: the first with a member equal to, an ancestor of or a
// descendant of it (as composeAnnotation groups leaves).
bool dissolveMerge(AnnotationState &state, const NodePath &member);
// Gives each node `classIndex` (≥ 0, or Annotation::kUnlabelled) and drops the entries strictly below
// it. An entry equal to what the node inherits from its ancestors is erased instead of stored, so
// kUnlabelled erases the entry unless an ancestor has a class. Throws Error for classIndex < −1.
bool assignClass(AnnotationState &state, const std::vector<NodePath> &nodes, int classIndex);
// Drops the class: its node entries become unlabelled, its brush pixels kUntouched, and higher class
// indices shift down by one (in nodeClass and in the brush).
void removeClass(AnnotationState &state, int classIndex);
// Round brush of `radius` px along the polyline `points` (image coordinates; one point = a dot),
// writing `value` into state.brush (allocated at imageSize, kUntouched, when empty). Returns the
// changed rectangle (clipped to the image; empty when nothing changed). Throws Error for a negative
// radius or a brush layer of another size than imageSize.
cv::Rect paintStroke(AnnotationState &state, cv::Size imageSize, const std::vector<cv::Point> &points, int radius,
                     std::uint16_t value);

struct ComposedAnnotation {
    Annotation annotation; // what the canvas shows and the exporters write
    // Per segment: its leaves' paths (several when merged; none for a brush segment).
    std::vector<std::vector<NodePath>> segmentPaths;
};

// segments: the automatic full-resolution label map (0..leaves−1); leafPaths/leafIds: path and tree
// id of each leaf. Rules:
//  - a leaf joins the first merge group with a member that is its ancestor-or-self or its descendant;
//    a group is one segment;
//  - segment order: by first leaf; brush segments last (one per brushed class in class order, then
//    one for erased pixels, class kUnlabelled); segments left without pixels are dropped;
//  - a leaf's class: the nearest ancestor-or-self entry of nodeClass; else, if its descendants'
//    entries all agree, that class; else kUnlabelled. A group's class: its first member leaf with a
//    class. Class indices outside `classes` count as kUnlabelled (brush values of such classes
//    count as erased);
//  - brush pixels (≥ 2) move to their class's brush segment, kErased pixels to the erased segment;
//  - segmentNode: the leaf's id for segments of one leaf, −1 for merged and brush segments.
// Throws Error when the brush layer's size differs from the segments', a label is outside
// 0..leaves−1, or leafPaths and leafIds differ in length.
ComposedAnnotation composeAnnotation(const AnnotationState &state, const LabelMap &segments,
                                     const std::vector<NodePath> &leafPaths, const std::vector<int> &leafIds,
                                     const std::vector<LabelClass> &classes, const std::filesystem::path &imagePath);

} // namespace diffcut
