#include "diffusion/torch/vae_encoder.h"

#include "common/blas_threads.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

namespace diffcut {

namespace diffusers {

// DownEncoderBlock2D: resnets (no time embedding, eps 1e-6), then a downsampler unless last.
class VaeDownBlock : public torch::nn::Module {
public:
    VaeDownBlock(int inChannels, int outChannels, const VaeConfig &config, bool addDownsample,
                 const torch::TensorOptions &options) {
        auto resnetList = register_module("resnets", std::make_shared<ModuleList>());
        for (int layer = 0; layer < config.layersPerBlock; ++layer)
            resnets.push_back(resnetList->append(std::make_shared<ResnetBlock2D>(
                layer == 0 ? inChannels : outChannels, outChannels, 0, config.normGroups, 1e-6, options)));
        if (addDownsample)
            downsampler = register_module("downsamplers", std::make_shared<ModuleList>())
                              ->append(std::make_shared<Downsample2D>(outChannels, 0, options));
    }

    std::vector<std::shared_ptr<ResnetBlock2D>> resnets;
    std::shared_ptr<Downsample2D> downsampler;
};

// The mid block's single-head self-attention over all pixels, with its own GroupNorm, biased
// projections, softmax in float32 and the residual added.
class VaeSelfAttention : public torch::nn::Module {
public:
    VaeSelfAttention(int channels, int groups, VaeAttentionNames names, const torch::TensorOptions &options) {
        const bool legacy = names == VaeAttentionNames::Legacy;
        groupNorm_ = register_module("group_norm", std::make_shared<GroupNorm>(groups, channels, 1e-6, options));
        toQuery_ = register_module(legacy ? "query" : "to_q", std::make_shared<Linear>(channels, channels, true, options));
        toKey_ = register_module(legacy ? "key" : "to_k", std::make_shared<Linear>(channels, channels, true, options));
        toValue_ = register_module(legacy ? "value" : "to_v", std::make_shared<Linear>(channels, channels, true, options));
        auto output = std::make_shared<Linear>(channels, channels, true, options);
        toOutput_ = legacy ? register_module("proj_attn", output)
                           : register_module("to_out", std::make_shared<ModuleList>())->append(output);
    }

    torch::Tensor forward(const torch::Tensor &input) const {
        const std::int64_t batch = input.size(0), channels = input.size(1);
        const torch::Tensor tokens = groupNorm_->forward(input).reshape({batch, channels, -1}).transpose(1, 2);
        const torch::Tensor attended =
            multiHeadAttention(toQuery_->forward(tokens), toKey_->forward(tokens), toValue_->forward(tokens), 1,
                               /*upcastAttention=*/false, /*upcastSoftmax=*/true);
        return toOutput_->forward(attended).transpose(1, 2).reshape(input.sizes()) + input;
    }

private:
    std::shared_ptr<GroupNorm> groupNorm_;
    std::shared_ptr<Linear> toQuery_, toKey_, toValue_, toOutput_;
};

} // namespace diffusers

using namespace diffusers;

VaeEncoderImpl::VaeEncoderImpl(VaeConfig config, const torch::TensorOptions &options, VaeAttentionNames attentionNames)
    : config_(std::move(config)) {
    const std::vector<int> &channels = config_.blockOutChannels;
    auto encoder = register_module("encoder", std::make_shared<torch::nn::Module>());
    convIn_ = encoder->register_module("conv_in", std::make_shared<Conv2d>(config_.inChannels, channels[0], 3, options));
    auto downList = encoder->register_module("down_blocks", std::make_shared<ModuleList>());
    for (std::size_t block = 0; block < channels.size(); ++block)
        downBlocks_.push_back(downList->append(std::make_shared<VaeDownBlock>(
            channels[block == 0 ? 0 : block - 1], channels[block], config_, block + 1 < channels.size(), options)));

    const int midChannels = channels.back();
    auto midBlock = encoder->register_module("mid_block", std::make_shared<torch::nn::Module>());
    auto midResnetList = midBlock->register_module("resnets", std::make_shared<ModuleList>());
    for (int layer = 0; layer < 2; ++layer)
        midResnets_.push_back(midResnetList->append(
            std::make_shared<ResnetBlock2D>(midChannels, midChannels, 0, config_.normGroups, 1e-6, options)));
    if (config_.midBlockAttention)
        midAttention_ = midBlock->register_module("attentions", std::make_shared<ModuleList>())
                            ->append(std::make_shared<VaeSelfAttention>(midChannels, config_.normGroups,
                                                                        attentionNames, options));

    convNormOut_ = encoder->register_module("conv_norm_out",
                                            std::make_shared<GroupNorm>(config_.normGroups, midChannels, 1e-6, options));
    const int momentChannels = 2 * config_.latentChannels; // mean and log-variance
    convOut_ = encoder->register_module("conv_out", std::make_shared<Conv2d>(midChannels, momentChannels, 3, options));
    if (config_.useQuantConv)
        quantConv_ = register_module("quant_conv", std::make_shared<Conv2d>(momentChannels, momentChannels, 1, options));
}

torch::Tensor VaeEncoderImpl::forward(const torch::Tensor &image, const WorkControl &control, const TensorTap &tap) const {
    c10::InferenceMode inferenceMode;
    if (image.dim() != 4 || image.size(1) != config_.inChannels)
        throw Error("VAE encoder: expected an image of shape (B, " + std::to_string(config_.inChannels) +
                    ", H, W), got " + c10::str(image.sizes()));
    const BlasThreadPool blasThreads(image.is_cpu());
    auto record = [&](const std::string &name, const torch::Tensor &value) {
        if (tap)
            tap(name, value);
    };
    const int totalSteps = int(downBlocks_.size()) * config_.layersPerBlock + 3;
    int steps = 0;
    auto step = [&] {
        control.checkpoint();
        control.report(double(++steps) / totalSteps, "VAE");
    };

    torch::Tensor input = image.to(convIn_->weight().options());
    // On the CPU the activations stay channels-last (NHWC) throughout: oneDNN convolves them without
    // reordering to and from its blocked layout at every conv, GroupNorm, SiLU, the padding and the
    // residual adds keep the layout, and the mid-block attention's tokens become views instead of
    // copies. Measured on SSD-1B's VAE at 1024 px, see the commit adding it.
    if (input.is_cpu())
        input = input.contiguous(at::MemoryFormat::ChannelsLast);
    torch::Tensor hidden = convIn_->forward(input);
    for (std::size_t block = 0; block < downBlocks_.size(); ++block) {
        for (const auto &resnet : downBlocks_[block]->resnets) {
            hidden = resnet->forward(hidden);
            step();
        }
        if (downBlocks_[block]->downsampler)
            hidden = downBlocks_[block]->downsampler->forward(hidden);
        record("encoder.down_blocks." + std::to_string(block), hidden);
    }
    hidden = midResnets_[0]->forward(hidden);
    step();
    if (midAttention_) {
        hidden = midAttention_->forward(hidden);
        record("encoder.mid_block.attentions.0", hidden);
    }
    step();
    hidden = midResnets_[1]->forward(hidden);
    record("encoder.mid_block", hidden);
    hidden = convOut_->forward(diffusers::siluInPlace(convNormOut_->forward(hidden)));
    record("encoder.conv_out", hidden);
    if (quantConv_) {
        hidden = quantConv_->forward(hidden);
        record("quant_conv", hidden);
    }
    step();
    return hidden.narrow(1, 0, config_.latentChannels).contiguous(); // the UNet takes NCHW
}

VaeAttentionNames attentionNamesOf(const WeightFiles &weights) {
    return weights.find("encoder.mid_block.attentions.0.query.weight") ? VaeAttentionNames::Legacy
                                                                      : VaeAttentionNames::Current;
}

std::shared_ptr<VaeEncoderImpl> loadVaeEncoder(const VaeConfig &config, const WeightFiles &weights,
                                               const torch::TensorOptions &options,
                                               LoadReport *report, const WorkControl &control) {
    const auto attentionNames = attentionNamesOf(weights);
    requireWeightsFor(VaeEncoderImpl(config, torch::TensorOptions(options).device(torch::kMeta), attentionNames), weights);
    auto encoder = std::make_shared<VaeEncoderImpl>(config, options, attentionNames);
    LoadReport loaded = loadModule(*encoder, weights, "", control);
    if (report)
        *report = std::move(loaded);
    return encoder;
}

} // namespace diffcut
