#pragma once
// What the user decided for one image — local splits and merges of the partition tree, classes of
// tree nodes, a painted brush layer — the edits on it, and how it turns, together with the
// automatic segmentation, into the Annotation that the canvas shows and the exporters write.
//
// Nodes are named by path (partition_tree.h), and a path only means something in the tree it was
// made on: the tree of one feature identity (encoder, model, timestep, grid, image pixels) and one
// α. Node decisions are therefore kept per tree (DecisionSet). Those of the tree shown are applied;
// the others are set aside — never applied to another tree — and apply again when their tree is
// shown again. Brush strokes are pixels: they apply on every tree. Classes are named by their
// stable project id (class_list.h).
#include "annotation/annotation.h"
#include "annotation/class_list.h"
#include "features/feature_identity.h"
#include "segmentation/granularity.h"
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
    static constexpr std::uint16_t forClass(ClassId id) { return std::uint16_t(2 + id); }
    static constexpr ClassId kLargestClassId = 65535 - 2;
};

// The decisions that name nodes of one tree.
struct NodeDecisions {
    std::map<NodePath, bool> overrides; // local split (true) / keep whole (false), see CutOverrides
    // Class of a node's region (descendants inherit unless they have their own). An entry may be
    // Annotation::kUnlabelled: it takes a node out of the class an ancestor gives it.
    std::map<NodePath, ClassId> nodeClass;
    std::vector<std::vector<NodePath>> merges; // groups of nodes shown as one segment each

    bool empty() const { return overrides.empty() && nodeClass.empty() && merges.empty(); }
    int count() const { return int(overrides.size() + nodeClass.size() + merges.size()); }
    bool operator==(const NodeDecisions &) const = default;
};

// The tree node decisions were made on.
struct TreeKey {
    FeatureIdentity features;
    double alpha = kDefaultAlpha;
    bool sameTree(const TreeKey &other) const { return alpha == other.alpha && features.sameFeatures(other.features); }
};

struct DecisionSet {
    TreeKey tree;
    NodeDecisions decisions;
};

// Everything the user decided for one image — what the sidecar stores and undo snapshots.
struct AnnotationState {
    double tau = kDefaultTau;
    double alpha = kDefaultAlpha;
    bool refine = false;
    bool done = false;                     // the user marked the image finished
    std::vector<DecisionSet> decisionSets; // at most one per tree
    cv::Mat1w brush;                       // empty, or image-sized BrushValue per pixel
};

// The decisions made on `tree`, or nullptr.
const NodeDecisions *decisionsFor(const AnnotationState &state, const TreeKey &tree);
// The same, created when missing, for an edit on `tree`. A set that matched only because its
// image hash was unknown (format version 1) learns the hash.
NodeDecisions &editDecisionsFor(AnnotationState &state, const TreeKey &tree);
// The non-empty sets of other trees: not applied while `tree` is shown.
std::vector<const DecisionSet *> setAsideDecisions(const AnnotationState &state, const TreeKey &tree);

// Whether everything but the brush layer is equal (the brush is compared by the caller when needed).
bool sameDecisions(const AnnotationState &a, const AnnotationState &b);

// The tree's ids for decisions.overrides (expanding nodes along the paths); paths that no longer
// resolve are skipped.
CutOverrides cutOverridesFor(PartitionTree &tree, const NodeDecisions &decisions, const WorkControl &control = {});

// Edits. Each returns false when it changes nothing (the GUI then records no undo step).

// Divides the leaf into exactly its two children: overrides[leaf] = true and both children kept
// whole (so a child whose NCut is below τ does not fall apart further; split it in turn).
bool splitNode(NodeDecisions &decisions, const NodePath &leaf);
// The root: false. Else overrides[parent] = false, and overrides strictly below the parent are dropped.
bool coarsenNode(NodeDecisions &decisions, const NodePath &leaf);
// Makes `node` one segment, changing only the pixels of the segment that holds it (or, for a node
// above the cut, of the segments below it): the ancestors below the current leaf are split, the
// sibling of each kept whole, `node` kept whole and the overrides below it dropped. currentLeaves:
// the leaf paths of the cut shown. False when `node` is one segment already.
bool makeSegment(NodeDecisions &decisions, const NodePath &node, const std::vector<NodePath> &currentLeaves);
// One group of `nodes`, united with every existing group that has a member equal to, an ancestor of
// or a descendant of one of them; members below another member are dropped as redundant. The united
// group takes the place of the first group it absorbs. Fewer than 2 distinct nodes: false.
bool mergeNodes(NodeDecisions &decisions, const std::vector<NodePath> &nodes);
// Removes the group that `member` belongs to: the first with a member equal to, an ancestor of or a
// descendant of it (as composeAnnotation groups leaves).
bool dissolveMerge(NodeDecisions &decisions, const NodePath &member);
// Gives each node `classId` (≥ 0, or Annotation::kUnlabelled) and drops the entries strictly below
// it. An entry equal to what the node inherits from its ancestors is erased instead of stored, so
// kUnlabelled erases the entry unless an ancestor has a class. Throws Error for classId < −1.
bool assignClass(NodeDecisions &decisions, const std::vector<NodePath> &nodes, ClassId classId);
// Round brush of `radius` px along the polyline `points` (image coordinates; one point = a dot),
// writing `value` into state.brush (allocated at imageSize, kUntouched, when empty). Returns the
// changed rectangle (clipped to the image; empty when nothing changed). Throws Error for a negative
// radius or a brush layer of another size than imageSize.
cv::Rect paintStroke(AnnotationState &state, cv::Size imageSize, const std::vector<cv::Point> &points, int radius,
                     std::uint16_t value);
// Whether any node decision (of any tree) or brush pixel uses the class.
bool usesClass(const AnnotationState &state, ClassId classId);

struct ComposedAnnotation {
    Annotation annotation; // what the canvas shows and the exporters write
    // Per segment: its leaves' paths (several when merged; none for a brush segment).
    std::vector<std::vector<NodePath>> segmentPaths;
    // Per segment: its pixels, and their bounding box (measured in the pass that composes).
    std::vector<std::int64_t> segmentAreas;
    std::vector<cv::Rect> segmentBounds;
};

// segments: the full-resolution label map of the cut with `decisions` applied (0..leaves−1);
// leafPaths/leafIds: path and tree id of each leaf; decisions: those of the tree shown, or nullptr.
// Rules:
//  - a leaf joins the first merge group with a member that is its ancestor-or-self or its descendant;
//    a group is one segment;
//  - segment order: by first leaf; brush segments last (one per brushed class in list order, then
//    one for erased pixels, class kUnlabelled); segments left without pixels are dropped;
//  - a leaf's class: the nearest ancestor-or-self entry of nodeClass; else, if its descendants'
//    entries all agree, that class; else kUnlabelled. A group's class: its first member leaf with a
//    class. Annotation::segmentClass indexes classes.classes; ids that are not current classes
//    (deleted) count as kUnlabelled, and their brush pixels as untouched;
//  - brush pixels of a current class move to its brush segment, kErased pixels to the erased segment;
//  - segmentNode: the leaf's id for segments of one leaf, −1 for merged and brush segments;
//  - segmentAreas and segmentBounds: each segment's pixel count and bounding box.
// Throws Error when the brush layer's size differs from the segments', a label is outside
// 0..leaves−1, or leafPaths and leafIds differ in length.
ComposedAnnotation composeAnnotation(const AnnotationState &state, const NodeDecisions *decisions,
                                     const LabelMap &segments, const std::vector<NodePath> &leafPaths,
                                     const std::vector<int> &leafIds, const ClassList &classes,
                                     const std::filesystem::path &imagePath);

} // namespace diffcut
