#include "features/feature_map.h"

#include "common/error.h"

#include <cmath>
#include <string>

namespace diffcut {

Eigen::MatrixXf FeatureMap::unitPixelMatrix() const {
    Eigen::MatrixXf unit = pixelMatrix();
    Eigen::VectorXf norms = unit.rowwise().norm();
    for (Eigen::Index row = 0; row < unit.rows(); ++row) {
        if (std::isfinite(norms[row]) && norms[row] >= 1e-15f)
            continue; // the squares neither overflowed nor vanished
        const float largest = unit.row(row).cwiseAbs().maxCoeff();
        if (largest == 0.0f) {
            norms[row] = 1.0f; // a zero vector stays zero
            continue;
        }
        unit.row(row) /= largest;
        norms[row] = unit.row(row).norm();
    }
    return norms.cwiseInverse().asDiagonal() * unit;
}

void validateFeatures(const FeatureMap &features) {
    if (features.channels <= 0)
        throw Error("feature map has no channels");
    if (features.height <= 0 || features.width <= 0)
        throw Error("feature map has no pixels (" + std::to_string(features.height) + "x" +
                    std::to_string(features.width) + ")");
    if (static_cast<long long>(features.height) * features.width > kMaxFeatureGridCells)
        throw Error("feature grid " + std::to_string(features.height) + "x" + std::to_string(features.width) +
                    " is larger than the " + std::to_string(kMaxFeatureGridCells) +
                    " cells (96x96) the segmentation accepts: its affinity matrix grows with the square of the cells");
    if (features.values.size() != std::size_t(features.channels) * features.height * features.width)
        throw Error("feature map size does not match its shape");
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
