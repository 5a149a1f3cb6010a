#include "segmentation/local_assignment.h"

#include "common/error.h"

#include <unordered_map>

namespace diffcut {
namespace {

class LocalAssigner {
public:
    LocalAssigner(const PartitionTree &tree, const ConceptAssigner &assigner, const std::vector<int> &finalLeaves,
                  cv::Size outSize, LabelMap &out)
        : tree_(tree), assigner_(assigner), out_(out), rows_(bilinearTaps(assigner.height(), outSize.height)),
          cols_(bilinearTaps(assigner.width(), outSize.width)) {
        for (std::size_t index = 0; index < finalLeaves.size(); ++index)
            finalIndex_[finalLeaves[index]] = int(index);
    }

    // The final leaf at or above `node`, or −1.
    int finalAtOrAbove(int node) const {
        for (int id = node; id >= 0; id = tree_.parentOf(id))
            if (const auto found = finalIndex_.find(id); found != finalIndex_.end())
                return found->second;
        return -1;
    }

    // Divides `pixels` (flat output indices, all of `node`'s region) among the final leaves below `node`.
    void divide(int node, const std::vector<int> &pixels) {
        if (const auto found = finalIndex_.find(node); found != finalIndex_.end()) {
            int *labels = out_.ptr<int>();
            for (const int pixel : pixels)
                labels[pixel] = found->second;
            reached_[node] = true;
            return;
        }
        const auto [on, off] = tree_.childrenOf(node);
        if (on < 0)
            throw Error("local assignment: node " + std::to_string(node) + " is below no final leaf");
        const cv::Mat1f score =
            assigner_.scoreMap(assigner_.embedding(tree_.pixelsOf(on)) - assigner_.embedding(tree_.pixelsOf(off)));
        std::vector<int> onPixels, offPixels;
        const int width = out_.cols;
        for (const int pixel : pixels) {
            const int y = pixel / width, x = pixel % width;
            const float wy1 = rows_.weightHigh[std::size_t(y)], wx1 = cols_.weightHigh[std::size_t(x)];
            const int y0 = rows_.low[std::size_t(y)], y1 = rows_.high[std::size_t(y)];
            const int x0 = cols_.low[std::size_t(x)], x1 = cols_.high[std::size_t(x)];
            const float value = (1.0f - wy1) * ((1.0f - wx1) * score(y0, x0) + wx1 * score(y0, x1)) +
                                wy1 * ((1.0f - wx1) * score(y1, x0) + wx1 * score(y1, x1));
            (value >= 0.0f ? onPixels : offPixels).push_back(pixel); // ties to the on side, as argmax to the first
        }
        divide(on, onPixels);
        divide(off, offPixels);
    }

    void markReached(int finalLeaf) { reached_[finalLeaf] = true; }
    bool reached(int finalLeaf) const { return reached_.contains(finalLeaf); }

private:
    const PartitionTree &tree_;
    const ConceptAssigner &assigner_;
    LabelMap &out_;
    BilinearTaps rows_, cols_;
    std::unordered_map<int, int> finalIndex_;
    std::unordered_map<int, bool> reached_;
};

} // namespace

LabelMap assignLocally(const PartitionTree &tree, const ConceptAssigner &assigner, const LabelMap &automaticMap,
                       const std::vector<int> &automaticLeaves, const std::vector<int> &finalLeaves) {
    if (automaticLeaves == finalLeaves)
        return automaticMap;
    LabelMap out(automaticMap.size());
    LocalAssigner local(tree, assigner, finalLeaves, automaticMap.size(), out);

    // Each automatic leaf: the final leaf holding it, or −1 when the decisions split it further.
    std::vector<int> target(automaticLeaves.size());
    std::vector<int> divided; // automatic leaf indices split further
    for (std::size_t index = 0; index < automaticLeaves.size(); ++index) {
        target[index] = local.finalAtOrAbove(automaticLeaves[index]);
        if (target[index] < 0)
            divided.push_back(int(index));
        else
            local.markReached(finalLeaves[std::size_t(target[index])]);
    }
    std::vector<std::vector<int>> dividedPixels(automaticLeaves.size());
    const int leafCount = int(automaticLeaves.size());
    for (int y = 0; y < automaticMap.rows; ++y) {
        const int *label = automaticMap[y];
        int *row = out[y];
        for (int x = 0; x < automaticMap.cols; ++x) {
            if (unsigned(label[x]) >= unsigned(leafCount))
                throw Error("local assignment: label " + std::to_string(label[x]) + " is not one of the " +
                            std::to_string(leafCount) + " automatic leaves");
            const int finalLabel = target[std::size_t(label[x])];
            row[x] = finalLabel;
            if (finalLabel < 0)
                dividedPixels[std::size_t(label[x])].push_back(y * automaticMap.cols + x);
        }
    }
    for (const int index : divided)
        local.divide(automaticLeaves[std::size_t(index)], dividedPixels[std::size_t(index)]);
    for (const int leaf : finalLeaves)
        if (!local.reached(leaf))
            throw Error("local assignment: leaf " + std::to_string(leaf) + " is neither above nor below an automatic leaf");
    return out;
}

} // namespace diffcut
