#pragma once
// High-resolution concept assignment (method doc §4) and the upsample-and-argmax step it shares
// with refinement.
#include "common/progress.h"
#include "features/feature_map.h"
#include "segmentation/label_map.h"
#include "segmentation/upsampled_argmax.h"

#include <opencv2/core.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace diffcut {

class PartitionTree;

// The score map of each node of one tree (its embedding against every grid cell), kept so that a
// new cut computes only the leaves it did not have before. Bounded in bytes (oldest rows go
// first); thread-safe.
class LeafScoreCache {
public:
    using Row = std::shared_ptr<const std::vector<float>>;
    // The rows of `nodes`, in order. Those not kept are computed together, compute(missing)
    // returning one row per missing node in order, and kept.
    std::vector<Row> rows(const std::vector<int> &nodes,
                          const std::function<std::vector<std::vector<float>>(const std::vector<int> &missing)> &compute);

private:
    static constexpr std::size_t kBudgetBytes = std::size_t(64) << 20;
    std::mutex mutex_;
    std::unordered_map<int, Row> rows_;
    std::deque<int> order_;
    std::size_t bytes_ = 0;
};

// The assignment of one cut's leaves at one output size, with what lets the next cut of the same
// tree at the same size redo only the cells whose pixels can change (ConceptAssigner::assignLeaves).
struct LeafAssignment {
    std::vector<int> leaves; // label i = leaves[i]
    LabelMap labels;
    // Per cell between four feature samples (UpsampledArgmax's numbering), the leaves that won one
    // of its pixels: cell c's are cellLeaves[cellStart[c] .. cellStart[c + 1]).
    std::vector<int> cellLeaves;
    std::vector<std::size_t> cellStart;
    std::vector<int> sampleWinners; // per feature sample, the label of its largest score
    int cellsRedone = 0; // assigned afresh; the others were copied from the previous map
};

// What ConceptAssigner::assignLeaves does once it has the score rows: rows[i] is leaves[i]'s map
// of h x w samples (leaf ids below `nodes`), assigned at outSize, incrementally from `previous`
// where it can be (see there).
LeafAssignment assignScoreRows(const std::vector<const float *> &rows, const std::vector<int> &leaves, int nodes, int h,
                               int w, cv::Size outSize, const LeafAssignment *previous = nullptr,
                               const WorkControl &control = {});

// The official assignment at any output size: embedding e_k = mean of the L2-normalised features
// over segment k of a low-resolution label map (not re-normalised), score(p, k) = <bilinear-
// upsampled normalised feature at p, e_k>, label = argmax. Because upsampling is linear, this
// upsamples the K score maps instead of the C feature maps: identical result, K/C of the cost.
// Segments that win no pixel simply do not appear. Built once per feature map, so a τ change
// costs only the K embeddings and the upsampling.
class ConceptAssigner {
public:
    // Throws Error for an invalid feature map (validateFeatures).
    explicit ConceptAssigner(const FeatureMap &features);

    // lowRes: the feature grid's size, labels 0..K-1. Throws Error otherwise.
    LabelMap assign(const LabelMap &lowRes, cv::Size outSize) const;
    // The same for the leaves of a tree cut (label i = leaves[i]), each leaf's score map taken from
    // `cache` or computed and kept there: after a τ change only the new leaves cost a product.
    // `previous`, an assignment of another cut of the same tree at the same size (or null): only
    // the cells where a leaf that could win is gone, or a new leaf can win, are computed again;
    // the others keep their leaves. The labels are those of a fresh assignment either way.
    // Throws Cancelled when control.stop is requested (within milliseconds, at any output size).
    LeafAssignment assignLeaves(const PartitionTree &tree, const std::vector<int> &leaves, cv::Size outSize,
                                LeafScoreCache &cache, const LeafAssignment *previous = nullptr,
                                const WorkControl &control = {}) const;

    int height() const { return height_; }
    int width() const { return width_; }
    // C x N: column n = pixel n's unit feature vector (what CosineAffinity can be built from).
    const Eigen::MatrixXf &unitFeatures() const { return unitFeatures_; }
    // e = the mean unit feature over grid pixels (n = row * width + col), as assign() embeds a segment.
    Eigen::VectorXf embedding(const std::vector<int> &gridPixels) const;
    // The grid map of <unit feature, direction>.
    cv::Mat1f scoreMap(const Eigen::VectorXf &direction) const;

private:
    // Per node, the grid map of <unit feature, its embedding>, flattened.
    std::vector<std::vector<float>> scoreRows(const PartitionTree &tree, const std::vector<int> &nodes) const;

    Eigen::MatrixXf unitFeatures_; // C x N: column n = pixel n's unit feature vector
    int height_, width_;
};

} // namespace diffcut
