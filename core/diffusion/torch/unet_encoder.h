#pragma once
// The part of diffusers' UNet2DConditionModel that DiffCut needs: time (and SDXL "text_time")
// embeddings, conv_in and the down blocks up to the hooked self-attention (UNetConfig::
// hookedModuleName). Later blocks, the mid and up blocks are neither built nor loaded; inside the
// hooked Transformer2DModel only what precedes the hook is.
#include "common/progress.h"
#include "diffusion/diffusers_config.h"
#include "diffusion/torch/diffusers_layers.h"
#include "diffusion/torch/weights.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace diffcut {

namespace diffusers {
class TimestepEmbedding;
class UNetDownBlock;
} // namespace diffusers

struct UNetEncoderInputs {
    torch::Tensor sample;              // noisy latent (B, in_channels, h, w)
    torch::Tensor timestep;            // integer timestep, shape () or (1) or (B)
    torch::Tensor encoderHiddenStates; // (B, tokens, cross_attention_dim)
    torch::Tensor textEmbeds;          // text_time only: pooled text embedding (B, D)
    torch::Tensor timeIds;             // text_time only: (B, n) = [orig h, orig w, crop top, crop left, target h, target w]
};

// The hooked attn1's output before its residual add: (B, height·width, C), tokens row-major.
struct UNetFeature {
    torch::Tensor tokens;
    std::int64_t height = 0;
    std::int64_t width = 0;
};

class UNetEncoderImpl : public torch::nn::Module {
public:
    UNetEncoderImpl(UNetConfig config, const torch::TensorOptions &options);

    const UNetConfig &config() const { return config_; }

    // Inputs are cast to the weights' dtype. Checks `control` after every resnet and attention
    // and reports progress as stage "UNet". Throws Error for inputs of the wrong shape.
    UNetFeature forward(const UNetEncoderInputs &inputs, const WorkControl &control = {},
                        const TensorTap &tap = {}) const;

private:
    torch::Tensor embedTime(const UNetEncoderInputs &inputs, const at::TensorOptions &options,
                            const TensorTap &tap) const;
    void checkInputs(const UNetEncoderInputs &inputs) const;

    UNetConfig config_;
    std::shared_ptr<diffusers::TimestepEmbedding> timeEmbedding_, addEmbedding_;
    std::shared_ptr<diffusers::Conv2d> convIn_;
    std::vector<std::shared_ptr<diffusers::UNetDownBlock>> downBlocks_;
};

// Builds the encoder path on `options`' device and dtype and fills it from `weights`. Throws
// Error naming a missing or mis-shaped tensor; `report` receives what was loaded and skipped.
std::shared_ptr<UNetEncoderImpl> loadUNetEncoder(const UNetConfig &config, const WeightFiles &weights,
                                                 const torch::TensorOptions &options,
                                                 LoadReport *report = nullptr, const WorkControl &control = {});

} // namespace diffcut
