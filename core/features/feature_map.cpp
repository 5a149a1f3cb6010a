#include "features/feature_map.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace diffcut {

Eigen::MatrixXf FeatureMap::unitPixelColumns() const {
    const auto matrix = pixelMatrix();
    Eigen::VectorXf norms = matrix.rowwise().norm();
    Eigen::VectorXf divisor = Eigen::VectorXf::Ones(matrix.rows()); // rows first divided by their largest magnitude
    bool anyDivided = false;
    for (Eigen::Index row = 0; row < matrix.rows(); ++row) {
        if (std::isfinite(norms[row]) && norms[row] >= 1e-15f)
            continue; // the squares neither overflowed nor vanished
        const float largest = matrix.row(row).cwiseAbs().maxCoeff();
        if (largest == 0.0f) {
            norms[row] = 1.0f; // a zero vector stays zero
            continue;
        }
        divisor[row] = largest;
        norms[row] = (matrix.row(row) / largest).norm();
        anyDivided = true;
    }
    const Eigen::VectorXf inverse = norms.cwiseInverse();
    // The transposition in tiles, so that reads and writes both stay in cache (Eigen's plain
    // transpose of a 1024 x 1280 map took ~25 ms).
    constexpr Eigen::Index kTile = 32;
    Eigen::MatrixXf columns(channels, matrix.rows());
    for (Eigen::Index n0 = 0; n0 < matrix.rows(); n0 += kTile)
        for (Eigen::Index c0 = 0; c0 < channels; c0 += kTile)
            for (Eigen::Index n = n0; n < std::min(n0 + kTile, matrix.rows()); ++n) {
                const float scale = inverse[n];
                float *column = columns.col(n).data();
                if (anyDivided && divisor[n] != 1.0f)
                    for (Eigen::Index c = c0; c < std::min<Eigen::Index>(c0 + kTile, channels); ++c)
                        column[c] = matrix(n, c) / divisor[n] * scale;
                else
                    for (Eigen::Index c = c0; c < std::min<Eigen::Index>(c0 + kTile, channels); ++c)
                        column[c] = matrix(n, c) * scale;
            }
    return columns;
}

Eigen::MatrixXf FeatureMap::unitPixelMatrix() const { return unitPixelColumns().transpose(); }

void validateFeatures(const FeatureMap &features, long long maxCells) {
    if (features.channels <= 0)
        throw Error("feature map has no channels");
    if (features.height <= 0 || features.width <= 0)
        throw Error("feature map has no pixels (" + std::to_string(features.height) + "x" +
                    std::to_string(features.width) + ")");
    const std::string size = std::to_string(features.height) + "x" + std::to_string(features.width);
    if (static_cast<long long>(features.height) * features.width > maxCells)
        throw Error(maxCells == kMaxFeatureGridCells
                        ? "feature grid " + size + " is larger than the " + std::to_string(kMaxFeatureGridCells) +
                              " cells (96x96) the segmentation accepts: its affinity matrix grows with the square of the cells"
                        : "map " + size + " has more than " + std::to_string(maxCells) + " pixels");
    if (features.values.size() != std::size_t(features.channels) * features.height * features.width)
        throw Error("feature map size does not match its shape");
    // One vectorised pass; the element-wise search below runs only to name a bad value.
    if (Eigen::Map<const Eigen::ArrayXf>(features.values.data(), Eigen::Index(features.values.size())).allFinite())
        return;
    for (std::size_t i = 0; i < features.values.size(); ++i) {
        if (!std::isfinite(features.values[i])) {
            const std::size_t plane = std::size_t(features.height) * features.width;
            const std::size_t pixel = i % plane;
            throw Error("feature map contains a non-finite value (" + std::to_string(features.values[i]) +
                        ") at channel " + std::to_string(i / plane) + ", row " +
                        std::to_string(pixel / features.width) + ", column " +
                        std::to_string(pixel % features.width));
        }
    }
}

} // namespace diffcut
