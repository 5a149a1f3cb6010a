#pragma once
// The weight-free fallback encoder: hand-made colour and texture features (CIE-Lab, Gaussian
// blurs, gradient magnitudes, Laplacian-of-Gaussian) plus weak position, so the app segments
// something sensible when no diffusion model is configured. Segments follow colour and texture,
// not semantics.
#include "features/feature_encoder.h"

namespace diffcut {

class BuiltinEncoder final : public FeatureEncoder {
public:
    // grid: token grid per side of the output map, 32 or 64 (the diffusion encoder's sizes at
    // img_size 1024 and 2048). Throws Error otherwise.
    explicit BuiltinEncoder(int grid = 32);

    // 24 colour/texture channels and 2 position channels.
    static constexpr int kChannelCount = 26;

    int grid() const { return grid_; }

    std::string id() const override;
    std::string description() const override;
    FeatureIdentity identity() const override;
    // Output: (kChannelCount, grid, grid), each channel standardised over the grid, then
    // weighted: colour 1, texture energy and position 0.5.
    FeatureMap encode(const cv::Mat3b &rgb, const WorkControl &control = {}) const override;

private:
    int grid_;
};

} // namespace diffcut
