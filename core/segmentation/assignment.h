#pragma once
// High-resolution concept assignment (method doc §4) and the upsample-and-argmax step it shares
// with refinement.
#include "features/feature_map.h"
#include "segmentation/label_map.h"

#include <opencv2/core.hpp>

#include <vector>

namespace diffcut {

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
// it), and only boundary pixels evaluate all K interpolations.
LabelMap argmaxOfUpsampled(const std::vector<cv::Mat1f> &scoreMaps, cv::Size outSize);

// The official assignment at any output size: embedding e_k = mean of the L2-normalised features
// over segment k of a low-resolution label map (not re-normalised), score(p, k) = <bilinear-
// upsampled normalised feature at p, e_k>, label = argmax. Because upsampling is linear, this
// upsamples the K score maps instead of the C feature maps: identical result, K/C of the cost.
// Segments that win no pixel simply do not appear. Built once per feature map, so a τ change
// costs only the K embeddings and the upsampling.
class ConceptAssigner {
public:
    explicit ConceptAssigner(const FeatureMap &features);

    // lowRes: the feature grid's size, labels 0..K-1. Throws Error otherwise.
    LabelMap assign(const LabelMap &lowRes, cv::Size outSize) const;

    int height() const { return height_; }
    int width() const { return width_; }
    // e = the mean unit feature over grid pixels (n = row * width + col), as assign() embeds a segment.
    Eigen::VectorXf embedding(const std::vector<int> &gridPixels) const;
    // The grid map of <unit feature, direction>.
    cv::Mat1f scoreMap(const Eigen::VectorXf &direction) const;

private:
    Eigen::MatrixXf unitFeatures_; // C x N: column n = pixel n's unit feature vector
    int height_, width_;
};

} // namespace diffcut
