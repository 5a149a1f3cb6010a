#pragma once
// High-resolution concept assignment (method doc §4) and the upsample-and-argmax step it shares
// with refinement.
#include "common/progress.h"
#include "features/feature_map.h"
#include "segmentation/label_map.h"

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
    std::shared_ptr<const std::vector<float>> row(int node, const std::function<std::vector<float>()> &compute);

private:
    static constexpr std::size_t kBudgetBytes = std::size_t(64) << 20;
    std::mutex mutex_;
    std::unordered_map<int, std::shared_ptr<const std::vector<float>>> rows_;
    std::deque<int> order_;
    std::size_t bytes_ = 0;
};

// Source sample positions of bilinear resizing from `in` to `out` samples with align_corners=false,
// as PyTorch computes them: output i reads low[i] and high[i] with weight weightHigh[i] on high.
struct BilinearTaps {
    std::vector<int> low, high;
    std::vector<float> weightHigh;
};
BilinearTaps bilinearTaps(int in, int out);

// Per output pixel of size `outSize`, the index of the largest of K score maps after bilinear
// upsampling with align_corners=false semantics (source = (dst + 0.5) * in / out - 0.5, clamped),
// ties to the first maximum. All maps share one size. Never materialises K x H x W: a pixel whose
// four source samples agree on the argmax takes it directly (a convex combination cannot change
// it), and a boundary pixel evaluates only the labels that can win between its four samples.
LabelMap argmaxOfUpsampled(const std::vector<cv::Mat1f> &scoreMaps, cv::Size outSize);

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
    // Throws Cancelled when control.stop is requested (within milliseconds, at any output size).
    LabelMap assignLeaves(const PartitionTree &tree, const std::vector<int> &leaves, cv::Size outSize,
                          LeafScoreCache &cache, const WorkControl &control = {}) const;

    int height() const { return height_; }
    int width() const { return width_; }
    // C x N: column n = pixel n's unit feature vector (what CosineAffinity can be built from).
    const Eigen::MatrixXf &unitFeatures() const { return unitFeatures_; }
    // e = the mean unit feature over grid pixels (n = row * width + col), as assign() embeds a segment.
    Eigen::VectorXf embedding(const std::vector<int> &gridPixels) const;
    // The grid map of <unit feature, direction>.
    cv::Mat1f scoreMap(const Eigen::VectorXf &direction) const;

private:
    Eigen::MatrixXf unitFeatures_; // C x N: column n = pixel n's unit feature vector
    int height_, width_;
};

} // namespace diffcut
