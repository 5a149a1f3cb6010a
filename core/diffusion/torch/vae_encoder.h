#pragma once
// The encoder half of diffusers' AutoencoderKL (encoder.*, quant_conv; no decoder): an image in
// [-1, 1] to the posterior mean. The caller multiplies by VaeConfig::scalingFactor.
#include "common/progress.h"
#include "diffusion/diffusers_config.h"
#include "diffusion/torch/diffusers_layers.h"
#include "diffusion/torch/weights.h"

#include <memory>
#include <vector>

namespace diffcut {

namespace diffusers {
class VaeDownBlock;
class VaeSelfAttention;
} // namespace diffusers

// Older diffusers checkpoints name the mid-block attention's projections query/key/value/proj_attn
// instead of to_q/to_k/to_v/to_out.0.
enum class VaeAttentionNames { Current, Legacy };

class VaeEncoderImpl : public torch::nn::Module {
public:
    VaeEncoderImpl(VaeConfig config, const torch::TensorOptions &options,
                   VaeAttentionNames attentionNames = VaeAttentionNames::Current);

    const VaeConfig &config() const { return config_; }

    // image (B, in_channels, H, W) in [-1, 1], cast to the weights' dtype; returns the posterior
    // mean (B, latent_channels, H / latentStride, W / latentStride) in that dtype. Checks
    // `control` between blocks and reports progress as stage "VAE".
    torch::Tensor forward(const torch::Tensor &image, const WorkControl &control = {},
                          const TensorTap &tap = {}) const;

private:
    VaeConfig config_;
    std::shared_ptr<diffusers::Conv2d> convIn_, convOut_, quantConv_;
    std::vector<std::shared_ptr<diffusers::VaeDownBlock>> downBlocks_;
    std::vector<std::shared_ptr<diffusers::ResnetBlock2D>> midResnets_;
    std::shared_ptr<diffusers::VaeSelfAttention> midAttention_; // null without mid_block_add_attention
    std::shared_ptr<diffusers::GroupNorm> convNormOut_;
};

// Which naming a VAE checkpoint uses for its mid-block attention.
VaeAttentionNames attentionNamesOf(const WeightFiles &weights);

// Builds the encoder on `options`' device and dtype and fills it from `weights` (either attention
// naming). Throws Error naming a missing or mis-shaped tensor.
std::shared_ptr<VaeEncoderImpl> loadVaeEncoder(const VaeConfig &config, const WeightFiles &weights,
                                               const torch::TensorOptions &options,
                                               LoadReport *report = nullptr, const WorkControl &control = {});

} // namespace diffcut
