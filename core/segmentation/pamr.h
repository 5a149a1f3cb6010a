#pragma once
// PAMR, pixel-adaptive mask refinement (method doc §5): soft masks are repeatedly replaced by a
// weighted average of their values at 8 neighbours per dilation, the weights coming from local
// colour similarity, so segment boundaries snap to image edges.
#include "common/progress.h"
#include "segmentation/label_map.h"

#include <opencv2/core.hpp>

#include <vector>

namespace diffcut {

// Defaults are the official evaluation's settings (10 iterations, dilations 1, 2, 4, 8) plus the
// 3x3 median filter it applies afterwards.
struct PamrParams {
    int iterations = 10;
    std::vector<int> dilations{1, 2, 4, 8};
    int workingMaxSide = 512; // longest side of the grid refinement runs on
    bool medianFilter = true;
};

// The reference algorithm on one grid. image: H x W, 3 channels, values in [0, 1]; masks: K maps
// of the same size. Replicate padding; per channel, sigma = unbiased std over the 9 samples of each
// dilation's 3x3 neighbourhood (centre included once per dilation); affinity
// -|x_p - x_n| / (1e-8 + 0.1 sigma), averaged over channels, softmax over the 8 * |dilations|
// neighbours; then `iterations` times mask(p) <- sum_n w(p, n) mask(n). Throws diffcut::Error on
// inconsistent sizes or a dilation < 1, Cancelled when control.stop is requested.
std::vector<cv::Mat1f> pamrRefineMasks(const cv::Mat3f &image, std::vector<cv::Mat1f> masks, int iterations,
                                       const std::vector<int> &dilations, const WorkControl &control = {});

// What refinement needs of the image alone, computed once per image (and size) and kept by the
// caller for every later refinement: the image area-averaged to the working grid (its longest
// side at most params.workingMaxSide) and every pixel's softmax weights towards its neighbours
// (8 · |dilations| planes of that grid). Immutable: may be shared between threads. Throws Error
// for an empty image or invalid parameters, Cancelled when control.stop is requested.
class PamrGuide {
public:
    explicit PamrGuide(const cv::Mat3b &rgb, const PamrParams &params = {}, const WorkControl &control = {});

    cv::Size imageSize() const { return imageSize_; }
    cv::Size workingSize() const { return image_.size(); }
    const PamrParams &params() const { return params_; }
    const cv::Mat3f &image() const { return image_; }
    const float *weights() const { return weights_.data(); }

private:
    cv::Size imageSize_;
    PamrParams params_;
    cv::Mat3f image_;
    std::vector<float> weights_;
};

// Refines a label map (labels 0..K-1, of the guide's image size) at full resolution: PAMR runs on
// the guide's working grid, the refined soft masks are upsampled back (upsampled_argmax.h),
// then optionally a 3x3 median filter. Labels keep their values. Throws Error for a label map
// that does not fit, Cancelled when control.stop is requested.
LabelMap refineLabels(const PamrGuide &guide, const LabelMap &labels, const WorkControl &control = {});
// The same with a guide made for this call.
LabelMap refineLabels(const cv::Mat3b &rgb, const LabelMap &labels, const PamrParams &params = {},
                      const WorkControl &control = {});

} // namespace diffcut
