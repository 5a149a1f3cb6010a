#pragma once
// A dense feature map: C channels on an h x w grid, float32, channel-major (C, h, w) like the
// .npy files every tool of ours reads and writes. Pixel n = row * w + col.
#include <Eigen/Core>

#include <cstddef>
#include <vector>

namespace diffcut {

struct FeatureMap {
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<float> values; // channels * height * width, (C, h, w) C-order

    FeatureMap() = default;
    FeatureMap(int c, int h, int w) : channels(c), height(h), width(w), values(std::size_t(c) * h * w, 0.0f) {}

    int pixels() const { return height * width; }
    float &at(int c, int y, int x) { return values[(std::size_t(c) * height + y) * width + x]; }
    float at(int c, int y, int x) const { return values[(std::size_t(c) * height + y) * width + x]; }

    // The map as an N x C column-major matrix (row n = the feature vector of pixel n), no copy:
    // (C, h, w) C-order storage is exactly that layout.
    Eigen::Map<const Eigen::MatrixXf> pixelMatrix() const { return {values.data(), pixels(), channels}; }

    // pixelMatrix() with every row scaled to unit L2 norm, as every stage of the method uses it;
    // a zero vector stays zero. A row whose squares overflow float (magnitudes beyond ~1e19) or
    // nearly vanish (norm below 1e-15) is first divided by its largest magnitude, so it keeps its
    // direction; the official code clamps the norm at 1e-12, which makes such tiny rows ~zero.
    Eigen::MatrixXf unitPixelMatrix() const;
    // Its transpose, C x N (column n = pixel n's unit vector), computed without the N x C copy.
    Eigen::MatrixXf unitPixelColumns() const;
};

// Most grid cells (h × w) the segmentation accepts: the affinity is an N × N float matrix (and
// every α builds one more), 340 MB each at 96 × 96 = 9216 cells, against 4 MB and 67 MB for the
// product's real 32 × 32 and 64 × 64 grids; 128 × 128 would take 1.1 GB each.
inline constexpr int kMaxFeatureGridCells = 96 * 96;

// Throws diffcut::Error unless the map is usable by the segmenter: at least one channel and
// pixel, at most `maxCells` cells (an image tensor is bounded by its pixels instead), a consistent size, and only finite values (names the
// first offending position).
void validateFeatures(const FeatureMap &features, long long maxCells = kMaxFeatureGridCells);

} // namespace diffcut
