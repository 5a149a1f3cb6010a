#include "segmentation/segmenter.h"

#include "segmentation/assignment.h"
#include "segmentation/pamr.h"
#include "segmentation/partition_tree.h"

namespace diffcut {
namespace {

// Drops the segments no pixel ended up in and renumbers the rest in order, so that labels run
// 0..K-1 with every one present. A region of the feature grid can lose all its pixels when
// segments are assigned at the image's resolution: every region but one, for a 1 x 1 image.
void dropEmptySegments(Segmentation &segmentation) {
    std::vector<long long> area(segmentation.leaves.size(), 0);
    for (const int label : segmentation.labels)
        ++area[std::size_t(label)];
    std::vector<int> renumbered(area.size(), -1), kept;
    for (std::size_t label = 0; label < area.size(); ++label)
        if (area[label] > 0) {
            renumbered[label] = int(kept.size());
            kept.push_back(segmentation.leaves[label]);
        }
    if (kept.size() == area.size())
        return;
    for (int &label : segmentation.labels)
        label = renumbered[std::size_t(label)];
    segmentation.leaves = std::move(kept);
}

} // namespace

Segmentation segmentImage(const FeatureMap &features, const cv::Mat3b &rgb, const SegmentationParameters &parameters,
                          StageTimer &timer, const WorkControl &control) {
    auto affinity = timer.run("affinity", [&] { return std::make_shared<const CosineAffinity>(features, control); });
    auto tree = timer.run("partition_tree", [&] { return std::make_unique<PartitionTree>(affinity, parameters.alpha, control); });
    Segmentation result;
    result.leaves = timer.run("cut", [&] { return tree->cut(parameters.tau, control); });
    result.labels = timer.run("assignment", [&] {
        return ConceptAssigner(features).assign(tree->labelsFor(result.leaves), rgb.size());
    });
    if (parameters.refine)
        result.labels = timer.run("refinement", [&] { return refineLabels(rgb, result.labels, {}, control); });
    dropEmptySegments(result);
    return result;
}

} // namespace diffcut
