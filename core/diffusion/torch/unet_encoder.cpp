#include "diffusion/torch/unet_encoder.h"

#include "common/blas_threads.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <cmath>

namespace diffcut {

namespace diffusers {

namespace {

// diffusers' get_timestep_embedding, always in float32 as diffusers computes it:
// [sin | cos](t · exp(-ln(10000) · i / (half - shift))), halves swapped when flipSinToCos.
torch::Tensor sinusoidalEmbedding(const torch::Tensor &timesteps, int dim, bool flipSinToCos, double freqShift) {
    const std::int64_t half = dim / 2;
    const torch::Tensor exponent =
        at::arange(half, timesteps.options().dtype(at::kFloat)) * -std::log(10000.0) / (double(half) - freqShift);
    const torch::Tensor angles = timesteps.reshape({-1, 1}).to(at::kFloat) * at::exp(exponent).unsqueeze(0);
    torch::Tensor embedding = flipSinToCos ? at::cat({at::cos(angles), at::sin(angles)}, -1)
                                           : at::cat({at::sin(angles), at::cos(angles)}, -1);
    if (dim % 2 == 1)
        embedding = at::constant_pad_nd(embedding, {0, 1}, 0);
    return embedding;
}

} // namespace

// linear_1 -> SiLU -> linear_2
class TimestepEmbedding : public torch::nn::Module {
public:
    TimestepEmbedding(int inFeatures, int features, const torch::TensorOptions &options)
        : linear1_(register_module("linear_1", std::make_shared<Linear>(inFeatures, features, true, options))),
          linear2_(register_module("linear_2", std::make_shared<Linear>(features, features, true, options))) {}

    torch::Tensor forward(const torch::Tensor &input) const {
        return linear2_->forward(at::silu(linear1_->forward(input)));
    }

private:
    std::shared_ptr<Linear> linear1_, linear2_;
};

// diffusers' Attention inside a transformer block: unbiased to_q/to_k/to_v, biased to_out.0.
class Attention : public torch::nn::Module {
public:
    Attention(int queryDim, int contextDim, int heads, bool upcastAttention, const torch::TensorOptions &options)
        : heads_(heads), upcastAttention_(upcastAttention) {
        toQuery_ = register_module("to_q", std::make_shared<Linear>(queryDim, queryDim, false, options));
        toKey_ = register_module("to_k", std::make_shared<Linear>(contextDim, queryDim, false, options));
        toValue_ = register_module("to_v", std::make_shared<Linear>(contextDim, queryDim, false, options));
        toOutput_ = register_module("to_out", std::make_shared<ModuleList>())
                        ->append(std::make_shared<Linear>(queryDim, queryDim, true, options));
    }

    // Self-attention when `context` is undefined.
    torch::Tensor forward(const torch::Tensor &input, const torch::Tensor &context = {}) const {
        const torch::Tensor &source = context.defined() ? context : input;
        return toOutput_->forward(multiHeadAttention(toQuery_->forward(input), toKey_->forward(source),
                                                     toValue_->forward(source), heads_, upcastAttention_,
                                                     /*upcastSoftmax=*/false));
    }

private:
    int heads_;
    bool upcastAttention_;
    std::shared_ptr<Linear> toQuery_, toKey_, toValue_, toOutput_;
};

// GEGLU feed-forward: net.0.proj (dim -> 8·dim) split into [hidden | gate], hidden · gelu(gate)
// with the exact erf GELU, then net.2 (4·dim -> dim). net.1 is a parameter-free dropout.
class FeedForward : public torch::nn::Module {
public:
    FeedForward(int dim, const torch::TensorOptions &options) {
        auto net = register_module("net", std::make_shared<torch::nn::Module>());
        projection_ = net->register_module("0", std::make_shared<torch::nn::Module>())
                          ->register_module("proj", std::make_shared<Linear>(dim, 8 * dim, true, options));
        output_ = net->register_module("2", std::make_shared<Linear>(4 * dim, dim, true, options));
    }

    torch::Tensor forward(const torch::Tensor &input) const {
        const std::vector<torch::Tensor> halves = projection_->forward(input).chunk(2, -1);
        return output_->forward(halves[0] * at::gelu(halves[1]));
    }

private:
    std::shared_ptr<Linear> projection_, output_;
};

// BasicTransformerBlock (layer_norm, eps 1e-5): self-attention, cross-attention, feed-forward,
// each pre-normed and residual. The hooked block is built up to attn1 only.
class BasicTransformerBlock : public torch::nn::Module {
public:
    BasicTransformerBlock(int dim, int heads, int contextDim, bool upcastAttention, bool selfAttentionOnly,
                          const torch::TensorOptions &options) {
        norm1_ = register_module("norm1", std::make_shared<LayerNorm>(dim, 1e-5, options));
        attn1_ = register_module("attn1", std::make_shared<Attention>(dim, dim, heads, upcastAttention, options));
        if (selfAttentionOnly)
            return;
        norm2_ = register_module("norm2", std::make_shared<LayerNorm>(dim, 1e-5, options));
        attn2_ = register_module("attn2", std::make_shared<Attention>(dim, contextDim, heads, upcastAttention, options));
        norm3_ = register_module("norm3", std::make_shared<LayerNorm>(dim, 1e-5, options));
        ff_ = register_module("ff", std::make_shared<FeedForward>(dim, options));
    }

    torch::Tensor forward(torch::Tensor hidden, const torch::Tensor &context) const {
        hidden = attn1_->forward(norm1_->forward(hidden)) + hidden;
        hidden = attn2_->forward(norm2_->forward(hidden), context) + hidden;
        return ff_->forward(norm3_->forward(hidden)) + hidden;
    }

    // attn1's output, before the residual add: DiffCut's feature.
    torch::Tensor selfAttention(const torch::Tensor &hidden, const TensorTap &tap, const std::string &name) const {
        const torch::Tensor normed = norm1_->forward(hidden);
        if (tap)
            tap(name + ".norm1", normed);
        return attn1_->forward(normed);
    }

private:
    std::shared_ptr<LayerNorm> norm1_, norm2_, norm3_;
    std::shared_ptr<Attention> attn1_, attn2_;
    std::shared_ptr<FeedForward> ff_;
};

// Transformer2DModel (continuous input): GroupNorm (eps 1e-6) -> proj_in -> blocks -> proj_out ->
// + input. proj_in/proj_out are Linear on tokens (use_linear_projection) or 1×1 convs on the map.
class Transformer2D : public torch::nn::Module {
public:
    Transformer2D(int channels, int heads, int depth, int contextDim, const UNetConfig &config, bool endsAtHook,
                  const torch::TensorOptions &options) {
        norm_ = register_module("norm", std::make_shared<GroupNorm>(config.normGroups, channels, 1e-6, options));
        if (config.useLinearProjection)
            projInLinear_ = register_module("proj_in", std::make_shared<Linear>(channels, channels, true, options));
        else
            projInConv_ = register_module("proj_in", std::make_shared<Conv2d>(channels, channels, 1, options));
        auto blockList = register_module("transformer_blocks", std::make_shared<ModuleList>());
        for (int block = 0; block < depth; ++block)
            blocks_.push_back(blockList->append(std::make_shared<BasicTransformerBlock>(
                channels, heads, contextDim, config.upcastAttention, endsAtHook && block == depth - 1, options)));
        if (endsAtHook)
            return;
        if (config.useLinearProjection)
            projOutLinear_ = register_module("proj_out", std::make_shared<Linear>(channels, channels, true, options));
        else
            projOutConv_ = register_module("proj_out", std::make_shared<Conv2d>(channels, channels, 1, options));
    }

    torch::Tensor forward(const torch::Tensor &input, const torch::Tensor &context) const {
        torch::Tensor hidden = tokensIn(input, {}, {});
        for (const auto &block : blocks_)
            hidden = block->forward(hidden, context);
        const std::int64_t batch = input.size(0), channels = input.size(1), height = input.size(2), width = input.size(3);
        if (projOutLinear_)
            hidden = projOutLinear_->forward(hidden);
        hidden = hidden.reshape({batch, height, width, channels}).permute({0, 3, 1, 2}).contiguous();
        if (projOutConv_)
            hidden = projOutConv_->forward(hidden);
        return hidden + input;
    }

    // Runs up to the last block's attn1 and returns its output (B, H·W, C).
    torch::Tensor forwardToHook(const torch::Tensor &input, const torch::Tensor &context, const TensorTap &tap,
                                const std::string &name) const {
        torch::Tensor hidden = tokensIn(input, tap, name);
        for (std::size_t block = 0; block + 1 < blocks_.size(); ++block) {
            hidden = blocks_[block]->forward(hidden, context);
            if (tap)
                tap(name + ".transformer_blocks." + std::to_string(block), hidden);
        }
        return blocks_.back()->selfAttention(hidden, tap,
                                             name + ".transformer_blocks." + std::to_string(blocks_.size() - 1));
    }

private:
    // norm -> proj_in, as tokens (B, H·W, C) in row-major pixel order.
    torch::Tensor tokensIn(const torch::Tensor &input, const TensorTap &tap, const std::string &name) const {
        auto record = [&](const torch::Tensor &projected) {
            if (tap)
                tap(name + ".proj_in", projected);
        };
        torch::Tensor hidden = norm_->forward(input);
        if (projInConv_) {
            hidden = projInConv_->forward(hidden);
            record(hidden);
        }
        hidden = hidden.permute({0, 2, 3, 1}).reshape({input.size(0), -1, input.size(1)});
        if (projInLinear_) {
            hidden = projInLinear_->forward(hidden);
            record(hidden);
        }
        return hidden;
    }

    std::shared_ptr<GroupNorm> norm_;
    std::shared_ptr<Linear> projInLinear_, projOutLinear_;
    std::shared_ptr<Conv2d> projInConv_, projOutConv_;
    std::vector<std::shared_ptr<BasicTransformerBlock>> blocks_;
};

// DownBlock2D / CrossAttnDownBlock2D: (resnet, attention) pairs, then a downsampler. The hooked
// block has no downsampler here and its last attention ends at the hook.
class UNetDownBlock : public torch::nn::Module {
public:
    UNetDownBlock(const UNetDownBlockConfig &block, const UNetConfig &config, bool hooked,
                  const torch::TensorOptions &options) {
        auto resnetList = register_module("resnets", std::make_shared<ModuleList>());
        for (int layer = 0; layer < block.resnetCount; ++layer)
            resnets.push_back(resnetList->append(std::make_shared<ResnetBlock2D>(
                layer == 0 ? block.inChannels : block.outChannels, block.outChannels, config.timeEmbedDim,
                config.normGroups, config.normEps, options)));
        if (block.hasCrossAttention) {
            auto attentionList = register_module("attentions", std::make_shared<ModuleList>());
            for (int layer = 0; layer < block.resnetCount; ++layer)
                attentions.push_back(attentionList->append(std::make_shared<Transformer2D>(
                    block.outChannels, block.attentionHeads, block.transformerDepths[layer], block.crossAttentionDim,
                    config, hooked && layer == block.resnetCount - 1, options)));
        }
        if (block.hasDownsampler && !hooked)
            downsampler = register_module("downsamplers", std::make_shared<ModuleList>())
                              ->append(std::make_shared<Downsample2D>(block.outChannels, config.downsamplePadding, options));
    }

    std::vector<std::shared_ptr<ResnetBlock2D>> resnets;
    std::vector<std::shared_ptr<Transformer2D>> attentions; // empty for DownBlock2D
    std::shared_ptr<Downsample2D> downsampler;
};

} // namespace diffusers

using namespace diffusers;

UNetEncoderImpl::UNetEncoderImpl(UNetConfig config, const torch::TensorOptions &options) : config_(std::move(config)) {
    const int baseChannels = config_.downBlocks.front().outChannels;
    convIn_ = register_module("conv_in", std::make_shared<Conv2d>(config_.inChannels, baseChannels,
                                                                 config_.convInKernel, options));
    timeEmbedding_ = register_module("time_embedding",
                                     std::make_shared<TimestepEmbedding>(baseChannels, config_.timeEmbedDim, options));
    if (config_.hasTextTimeEmbedding())
        addEmbedding_ = register_module("add_embedding", std::make_shared<TimestepEmbedding>(
                                                             config_.additionEmbedInputDim, config_.timeEmbedDim, options));
    auto blockList = register_module("down_blocks", std::make_shared<ModuleList>());
    const int hooked = config_.hookedBlock();
    for (int block = 0; block <= hooked; ++block)
        downBlocks_.push_back(blockList->append(
            std::make_shared<UNetDownBlock>(config_.downBlocks[block], config_, block == hooked, options)));
}

void UNetEncoderImpl::checkInputs(const UNetEncoderInputs &inputs) const {
    auto shapeError = [](const std::string &what, const std::string &expected, const torch::Tensor &tensor) {
        return Error("UNet encoder: " + what + " must have shape " + expected + ", not " +
                     (tensor.defined() ? c10::str(tensor.sizes()) : std::string("none")));
    };
    const torch::Tensor &sample = inputs.sample;
    if (!sample.defined() || sample.dim() != 4 || sample.size(1) != config_.inChannels)
        throw shapeError("the latent", "(B, " + std::to_string(config_.inChannels) + ", h, w)", sample);
    const std::int64_t batch = sample.size(0);
    if (!inputs.timestep.defined() || (inputs.timestep.numel() != 1 && inputs.timestep.numel() != batch))
        throw shapeError("the timestep", "() or (B)", inputs.timestep);
    const int contextDim = config_.downBlocks[config_.hookedBlock()].crossAttentionDim;
    for (int block = 0; block <= config_.hookedBlock(); ++block)
        if (config_.downBlocks[block].hasCrossAttention && config_.downBlocks[block].crossAttentionDim != contextDim)
            throw Error(config_.source + ": cross_attention_dim differs between down blocks");
    const torch::Tensor &context = inputs.encoderHiddenStates;
    if (!context.defined() || context.dim() != 3 || context.size(0) != batch || context.size(2) != contextDim)
        throw shapeError("the text embeddings", "(B, tokens, " + std::to_string(contextDim) + ")", context);
    if (!config_.hasTextTimeEmbedding())
        return;
    const torch::Tensor &text = inputs.textEmbeds, &timeIds = inputs.timeIds;
    if (!text.defined() || text.dim() != 2 || text.size(0) != batch)
        throw shapeError("the pooled text embedding (text_embeds)", "(B, D)", text);
    if (!timeIds.defined() || timeIds.dim() != 2 || timeIds.size(0) != batch)
        throw shapeError("time_ids", "(B, n)", timeIds);
    if (text.size(1) + timeIds.size(1) * config_.additionTimeEmbedDim != config_.additionEmbedInputDim)
        throw Error("UNet encoder: text_embeds (" + std::to_string(text.size(1)) + ") and " +
                    std::to_string(timeIds.size(1)) + " time_ids × " + std::to_string(config_.additionTimeEmbedDim) +
                    " do not add up to projection_class_embeddings_input_dim " +
                    std::to_string(config_.additionEmbedInputDim));
}

// emb = time_embedding(sinusoid(t)) [+ add_embedding([text_embeds | sinusoid(time_ids)])]
torch::Tensor UNetEncoderImpl::embedTime(const UNetEncoderInputs &inputs, const at::TensorOptions &options,
                                         const TensorTap &tap) const {
    auto record = [&](const std::string &name, const torch::Tensor &value) {
        if (tap)
            tap(name, value);
    };
    const std::int64_t batch = inputs.sample.size(0);
    const torch::Tensor timesteps = inputs.timestep.to(options.device()).reshape({-1}).expand({batch});
    const torch::Tensor timeProjection =
        sinusoidalEmbedding(timesteps, convIn_->weight().size(0), config_.flipSinToCos, config_.freqShift);
    record("time_proj", timeProjection);
    torch::Tensor embedding = timeEmbedding_->forward(timeProjection.to(options));
    record("time_embedding", embedding);
    if (addEmbedding_) {
        const torch::Tensor timeIdProjection = sinusoidalEmbedding(
            inputs.timeIds.to(options.device()).flatten(), config_.additionTimeEmbedDim, config_.flipSinToCos,
            config_.freqShift);
        record("add_time_proj", timeIdProjection);
        const torch::Tensor addEmbeds =
            at::cat({inputs.textEmbeds.to(options.device()).to(at::kFloat), timeIdProjection.reshape({batch, -1})}, -1)
                .to(options);
        record("add_embeds", addEmbeds);
        const torch::Tensor augmentation = addEmbedding_->forward(addEmbeds);
        record("add_embedding", augmentation);
        embedding = embedding + augmentation;
    }
    record("emb", embedding);
    return embedding;
}

UNetFeature UNetEncoderImpl::forward(const UNetEncoderInputs &inputs, const WorkControl &control,
                                     const TensorTap &tap) const {
    checkInputs(inputs);
    c10::InferenceMode inferenceMode;
    const BlasThreadPool blasThreads(inputs.sample.is_cpu());
    auto record = [&](const std::string &name, const torch::Tensor &value) {
        if (tap)
            tap(name, value);
    };
    const int hooked = config_.hookedBlock();
    int totalSteps = 0, steps = 0;
    for (int block = 0; block <= hooked; ++block)
        totalSteps += config_.downBlocks[block].resnetCount * (config_.downBlocks[block].hasCrossAttention ? 2 : 1);
    auto step = [&] {
        control.checkpoint();
        control.report(double(++steps) / totalSteps, "UNet");
    };

    const at::TensorOptions options = convIn_->weight().options();
    const torch::Tensor embedding = embedTime(inputs, options, tap);
    const torch::Tensor context = inputs.encoderHiddenStates.to(options);
    torch::Tensor hidden = convIn_->forward(inputs.sample.to(options));
    record("conv_in", hidden);

    for (int blockIndex = 0;; ++blockIndex) { // ends inside the hooked block
        const UNetDownBlock &block = *downBlocks_[blockIndex];
        const std::string prefix = "down_blocks." + std::to_string(blockIndex);
        for (std::size_t layer = 0; layer < block.resnets.size(); ++layer) {
            hidden = block.resnets[layer]->forward(hidden, embedding);
            record(prefix + ".resnets." + std::to_string(layer), hidden);
            step();
            if (block.attentions.empty())
                continue;
            const std::string attentionName = prefix + ".attentions." + std::to_string(layer);
            if (blockIndex == hooked && layer + 1 == block.resnets.size()) {
                UNetFeature feature{block.attentions[layer]->forwardToHook(hidden, context, tap, attentionName),
                                    hidden.size(2), hidden.size(3)};
                step();
                return feature;
            }
            hidden = block.attentions[layer]->forward(hidden, context);
            record(attentionName, hidden);
            step();
        }
        if (block.downsampler) {
            hidden = block.downsampler->forward(hidden);
            record(prefix + ".downsamplers.0", hidden);
        }
        record(prefix, hidden);
    }
}

std::shared_ptr<UNetEncoderImpl> loadUNetEncoder(const UNetConfig &config, const WeightFiles &weights,
                                                 const torch::TensorOptions &options,
                                                 LoadReport *report, const WorkControl &control) {
    requireWeightsFor(UNetEncoderImpl(config, torch::TensorOptions(options).device(torch::kMeta)), weights);
    auto encoder = std::make_shared<UNetEncoderImpl>(config, options);
    LoadReport loaded = loadModule(*encoder, weights, "", control);
    if (report)
        *report = std::move(loaded);
    return encoder;
}

} // namespace diffcut
