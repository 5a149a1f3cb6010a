#include "features/builtin_encoder.h"

#include "common/error.h"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace diffcut {
namespace {

constexpr std::string_view kStage = "built-in encoder";

// Work pixels per grid cell per side: the same 8x8 block per token as the handcrafted reference
// features (256 x 256 work image for a 32 x 32 grid).
constexpr int kCellSize = 8;

// Each position channel is standardised, then scaled to this standard deviation. The segmenter
// compares L2-normalised feature vectors, so a channel's weight is its share of the squared
// length: 2 x 0.5^2 = 0.5 against 24 for appearance on average, about 2%. For identical-looking
// pixels in opposite corners that lowers the cosine from 1 to about 0.88: a nudge towards
// compact segments (and towards separating far apart objects of the same colour), while a real
// colour or texture change takes the cosine near or below 0.
constexpr float kPositionWeight = 0.5f;

// Texture (gradient and Laplacian) channels are rectified and averaged over a neighbourhood of
// this many work pixels (sigma) before pooling: "how much structure is around here", the same on
// both sides of an edge. Raw gradient magnitude peaks on the edge itself, and the graph then
// cuts every object outline into a thin segment of its own. They weigh half of a colour channel,
// so colour leads and texture separates regions of similar colour.
constexpr double kTextureNeighbourhood = 2.0 * kCellSize;
constexpr float kTextureWeight = 0.5f;

// Gaussian and its first and second derivatives, sampled like scipy.ndimage (radius = 4 sigma,
// rounded), for separable filtering.
struct GaussianKernels {
    cv::Mat1f smooth, firstDerivative, secondDerivative;
};

GaussianKernels gaussianKernels(double sigma) {
    const int radius = int(4.0 * sigma + 0.5);
    GaussianKernels kernels{cv::Mat1f(2 * radius + 1, 1), cv::Mat1f(2 * radius + 1, 1), cv::Mat1f(2 * radius + 1, 1)};
    const double variance = sigma * sigma;
    double sum = 0;
    for (int i = -radius; i <= radius; ++i)
        sum += std::exp(-0.5 * i * i / variance);
    for (int i = -radius; i <= radius; ++i) {
        const double g = std::exp(-0.5 * i * i / variance) / sum;
        kernels.smooth(i + radius) = float(g);
        kernels.firstDerivative(i + radius) = float(-i / variance * g);
        kernels.secondDerivative(i + radius) = float((i * i / variance - 1.0) / variance * g);
    }
    return kernels;
}

// Reflect at the border like scipy's mode="reflect" (edge pixel repeated).
cv::Mat1f filterSeparable(const cv::Mat1f &image, const cv::Mat1f &alongX, const cv::Mat1f &alongY) {
    cv::Mat1f filtered;
    cv::sepFilter2D(image, filtered, CV_32F, alongX, alongY, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    return filtered;
}

// Copies `pooled` into channel `channel` of `features` as (x - mean) / (std + 1e-6) * weight.
void storeStandardised(const cv::Mat1f &pooled, FeatureMap &features, int channel, float weight = 1.0f) {
    cv::Scalar mean, deviation;
    cv::meanStdDev(pooled, mean, deviation);
    const double scale = weight / (deviation[0] + 1e-6);
    cv::Mat1f destination(features.height, features.width, &features.at(channel, 0, 0));
    pooled.convertTo(destination, CV_32F, scale, -mean[0] * scale);
}

// Area-averages a work-resolution map to the grid (the work side is an exact multiple of the
// grid, so INTER_AREA is the plain mean over each cell) and stores it standardised.
void storePooled(const cv::Mat1f &workMap, FeatureMap &features, int channel, float weight) {
    cv::Mat1f pooled;
    cv::resize(workMap, pooled, cv::Size(features.width, features.height), 0, 0, cv::INTER_AREA);
    storeStandardised(pooled, features, channel, weight);
}

cv::Mat1f textureEnergy(const cv::Mat1f &response) {
    const GaussianKernels kernels = gaussianKernels(kTextureNeighbourhood);
    return filterSeparable(cv::abs(response), kernels.smooth, kernels.smooth);
}

} // namespace

BuiltinEncoder::BuiltinEncoder(int grid) : grid_(grid) {
    if (grid != 32 && grid != 64)
        throw Error("built-in encoder: grid " + std::to_string(grid) + " is not supported; use 32 or 64");
}

std::string BuiltinEncoder::id() const { return "builtin-lab-texture/1"; }

FeatureIdentity BuiltinEncoder::identity() const {
    FeatureIdentity identity;
    identity.encoder = id();
    identity.resolution = grid_ * kCellSize;
    return identity;
}

std::string BuiltinEncoder::description() const {
    return "built-in colour/texture encoder (fallback: no diffusion model configured; segments follow colour and "
           "texture, not semantics)";
}

FeatureMap BuiltinEncoder::encode(const cv::Mat3b &rgb, const WorkControl &control) const {
    if (rgb.empty())
        throw Error("built-in encoder: the image is empty");
    control.checkpoint();
    control.report(0.0, kStage);

    // Squashed to a square, as the diffusion encoder sees the image, so both give the same grid.
    const int side = grid_ * kCellSize;
    cv::Mat3b square;
    cv::resize(rgb, square, cv::Size(side, side), 0, 0, cv::INTER_AREA);
    cv::Mat3f unitRgb;
    square.convertTo(unitRgb, CV_32F, 1.0 / 255.0);
    cv::Mat3f lab; // L in [0, 100], a and b roughly [-128, 127]
    cv::cvtColor(unitRgb, lab, cv::COLOR_RGB2Lab);
    std::vector<cv::Mat1f> labChannels;
    cv::split(lab, labChannels);

    // Every channel is independent: each is filtered, pooled and stored by one task. Channel
    // order as in the handcrafted reference features: L a b, blurs, gradient magnitudes, LoG.
    FeatureMap features(kChannelCount, grid_, grid_);
    const auto storeAll = [&](int firstChannel, int count, float weight, const auto &compute) {
        cv::parallel_for_(cv::Range(0, count), [&](const cv::Range &range) {
            for (int i = range.start; i < range.end; ++i)
                storePooled(compute(i), features, firstChannel + i, weight);
        });
    };
    constexpr std::array smoothingSigmas = {2.0, 4.0, 8.0};
    constexpr std::array gradientSigmas = {1.0, 2.0, 4.0};
    constexpr std::array laplacianSigmas = {2.0, 4.0, 8.0};
    constexpr int groups = 3; // colour and blurs, gradients, Laplacians

    storeAll(0, 3, 1.0f, [&](int i) { return labChannels[i]; });
    storeAll(3, 9, 1.0f, [&](int i) {
        const GaussianKernels kernels = gaussianKernels(smoothingSigmas[i / 3]);
        return filterSeparable(labChannels[i % 3], kernels.smooth, kernels.smooth);
    });
    control.checkpoint();
    control.report(1.0 / groups, kStage);

    storeAll(12, 9, kTextureWeight, [&](int i) {
        const GaussianKernels kernels = gaussianKernels(gradientSigmas[i / 3]);
        cv::Mat1f magnitude;
        cv::magnitude(filterSeparable(labChannels[i % 3], kernels.firstDerivative, kernels.smooth),
                      filterSeparable(labChannels[i % 3], kernels.smooth, kernels.firstDerivative), magnitude);
        return textureEnergy(magnitude);
    });
    control.checkpoint();
    control.report(2.0 / groups, kStage);

    storeAll(21, 3, kTextureWeight, [&](int i) {
        const GaussianKernels kernels = gaussianKernels(laplacianSigmas[i]);
        const cv::Mat1f &lightness = labChannels[0];
        return textureEnergy(filterSeparable(lightness, kernels.secondDerivative, kernels.smooth) +
                             filterSeparable(lightness, kernels.smooth, kernels.secondDerivative));
    });

    cv::Mat1f columnPosition(grid_, grid_), rowPosition(grid_, grid_);
    for (int y = 0; y < grid_; ++y)
        for (int x = 0; x < grid_; ++x) {
            columnPosition(y, x) = (x + 0.5f) / grid_;
            rowPosition(y, x) = (y + 0.5f) / grid_;
        }
    storeStandardised(columnPosition, features, 24, kPositionWeight);
    storeStandardised(rowPosition, features, 25, kPositionWeight);

    control.report(1.0, kStage);
    return features;
}

} // namespace diffcut
