#include "annotation/annotate_image.h"

#include "segmentation/assignment.h"
#include "segmentation/pamr.h"
#include "segmentation/partition_tree.h"

namespace diffcut {

ComposedAnnotation annotateImage(const FeatureMap &features, const cv::Mat3b &rgb, const AnnotationState &state,
                                 const std::vector<LabelClass> &classes, const std::filesystem::path &imagePath,
                                 const WorkControl &control) {
    PartitionTree tree(std::make_shared<const CosineAffinity>(features, control), state.alpha, control);
    const std::vector<int> leaves = tree.cut(state.tau, control, cutOverridesFor(tree, state, control));
    LabelMap segments = ConceptAssigner(features).assign(tree.labelsFor(leaves), rgb.size());
    if (state.refine)
        segments = refineLabels(rgb, segments, {}, control);
    std::vector<NodePath> leafPaths;
    leafPaths.reserve(leaves.size());
    for (const int leaf : leaves)
        leafPaths.push_back(tree.pathOf(leaf));
    return composeAnnotation(state, segments, leafPaths, leaves, classes, imagePath);
}

} // namespace diffcut
