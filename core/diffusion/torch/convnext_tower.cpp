#include "diffusion/torch/convnext_tower.h"

#include <ATen/ATen.h>

#include <string>

namespace diffcut {
namespace {

constexpr double kConvNextEps = 1e-6;

// timm's LayerNorm2d: a LayerNorm over the channels at every pixel.
torch::Tensor channelsNorm(const diffusers::LayerNorm &norm, const torch::Tensor &x) {
    return norm.forward(x.permute({0, 2, 3, 1})).permute({0, 3, 1, 2});
}

} // namespace

class ConvNextBlockImpl : public torch::nn::Module {
public:
    ConvNextBlockImpl(std::int64_t channels, std::int64_t kernel, std::int64_t hidden, bool layerScale,
                      const torch::TensorOptions &options) {
        convDw_ = register_module("conv_dw", std::make_shared<diffusers::Conv2d>(channels, channels, kernel, options, 1, -1, channels));
        norm_ = register_module("norm", std::make_shared<diffusers::LayerNorm>(channels, kConvNextEps, options));
        auto mlp = register_module("mlp", std::make_shared<torch::nn::Module>());
        fc1_ = mlp->register_module("fc1", std::make_shared<diffusers::Linear>(channels, hidden, true, options));
        fc2_ = mlp->register_module("fc2", std::make_shared<diffusers::Linear>(hidden, channels, true, options));
        if (layerScale)
            gamma_ = diffusers::registerParameter(*this, "gamma", {channels}, options);
    }

    torch::Tensor forward(const torch::Tensor &input, const TensorTap &tap, const std::string &name) const {
        const torch::Tensor conv = convDw_->forward(input);
        emitTap(tap, name + ".conv_dw", conv);
        torch::Tensor x = norm_->forward(conv.permute({0, 2, 3, 1}));
        emitTap(tap, name + ".norm_nhwc", x);
        x = fc1_->forward(x);
        emitTap(tap, name + ".mlp_fc1_nhwc", x);
        x = at::gelu(x);
        emitTap(tap, name + ".mlp_act_nhwc", x);
        x = fc2_->forward(x);
        emitTap(tap, name + ".mlp_fc2_nhwc", x);
        x = x.permute({0, 3, 1, 2});
        if (gamma_.defined())
            x = x * gamma_.reshape({1, -1, 1, 1});
        return input + x;
    }

private:
    std::shared_ptr<diffusers::Conv2d> convDw_;
    std::shared_ptr<diffusers::LayerNorm> norm_;
    std::shared_ptr<diffusers::Linear> fc1_, fc2_;
    torch::Tensor gamma_;
};

class ConvNextStageImpl : public torch::nn::Module {
public:
    ConvNextStageImpl(std::int64_t inChannels, std::int64_t channels, std::int64_t depth, const ConvNextArchitecture &a,
                      std::int64_t hidden, bool downsample, const torch::TensorOptions &options) {
        if (downsample) {
            auto sequence = register_module("downsample", std::make_shared<diffusers::ModuleList>());
            downsampleNorm_ = sequence->append(std::make_shared<diffusers::LayerNorm>(inChannels, kConvNextEps, options));
            downsampleConv_ = sequence->append(std::make_shared<diffusers::Conv2d>(inChannels, channels, 2, options, 2, 0));
        }
        auto blocks = register_module("blocks", std::make_shared<diffusers::ModuleList>());
        for (std::int64_t j = 0; j < depth; ++j)
            blocks_.push_back(blocks->append(std::make_shared<ConvNextBlockImpl>(channels, a.kernel, hidden, a.layerScale, options)));
    }

    torch::Tensor forward(torch::Tensor x, const TensorTap &tap, const std::string &name, const std::function<void()> &afterBlock) const {
        if (downsampleConv_) {
            x = downsampleConv_->forward(channelsNorm(*downsampleNorm_, x));
            emitTap(tap, "vision." + name + ".downsample", x);
        }
        for (std::size_t j = 0; j < blocks_.size(); ++j) {
            const std::string block = name + ".blocks." + std::to_string(j);
            x = blocks_[j]->forward(x, tap, tap ? "vision.debug." + block : std::string());
            emitTap(tap, "vision." + block, x);
            afterBlock();
        }
        return x;
    }

private:
    std::shared_ptr<diffusers::LayerNorm> downsampleNorm_;
    std::shared_ptr<diffusers::Conv2d> downsampleConv_;
    std::vector<std::shared_ptr<ConvNextBlockImpl>> blocks_;
};

ConvNextVisualImpl::ConvNextVisualImpl(const ConvNextArchitecture &a, std::int64_t embedDim, bool projBias,
                                       const torch::TensorOptions &options) {
    auto trunk = register_module("trunk", std::make_shared<torch::nn::Module>());
    auto stem = trunk->register_module("stem", std::make_shared<diffusers::ModuleList>());
    stemConv_ = stem->append(std::make_shared<diffusers::Conv2d>(3, a.dims[0], a.stemPatch, options, a.stemPatch, 0));
    stemNorm_ = stem->append(std::make_shared<diffusers::LayerNorm>(a.dims[0], kConvNextEps, options));
    auto stages = trunk->register_module("stages", std::make_shared<diffusers::ModuleList>());
    const std::int64_t mlpRatio = a.mlpHidden0 / a.dims[0];
    for (std::size_t i = 0; i < a.depths.size(); ++i) {
        const std::int64_t in = i ? a.dims[i - 1] : a.dims[0];
        stages_.push_back(stages->append(
            std::make_shared<ConvNextStageImpl>(in, a.dims[i], a.depths[i], a, a.dims[i] * mlpRatio, i > 0, options)));
        blockCount_ += a.depths[i];
    }
    auto trunkHead = trunk->register_module("head", std::make_shared<torch::nn::Module>());
    headNorm_ = trunkHead->register_module("norm", std::make_shared<diffusers::LayerNorm>(a.dims.back(), kConvNextEps, options));
    auto head = register_module("head", std::make_shared<torch::nn::Module>());
    auto mlp = head->register_module("mlp", std::make_shared<torch::nn::Module>());
    headFc1_ = mlp->register_module("fc1", std::make_shared<diffusers::Linear>(a.dims.back(), a.headHidden, true, options));
    headFc2_ = mlp->register_module("fc2", std::make_shared<diffusers::Linear>(a.headHidden, embedDim, projBias, options));
}

torch::Tensor ConvNextVisualImpl::dense(const torch::Tensor &image, const TensorTap &tap, const WorkControl &control) const {
    torch::Tensor x = channelsNorm(*stemNorm_, stemConv_->forward(image));
    emitTap(tap, "vision.stem", x);
    std::int64_t done = 0;
    const auto afterBlock = [&] {
        control.checkpoint();
        control.report(double(++done) / double(blockCount_), "CLIP image tower");
    };
    for (std::size_t i = 0; i < stages_.size(); ++i) {
        x = stages_[i]->forward(x, tap, "stages." + std::to_string(i), afterBlock);
        emitTap(tap, "vision.res" + std::to_string(i + 2), x);
    }
    return x; // norm_pre is Identity
}

torch::Tensor ConvNextVisualImpl::embedPooled(const torch::Tensor &pooled, const TensorTap &tap) const {
    const torch::Tensor normed = headNorm_->forward(pooled); // LayerNorm2d of (S, C, 1, 1) = LayerNorm over C
    emitTap(tap, "seg.after_trunk_head", normed);
    const torch::Tensor fc1 = headFc1_->forward(normed);
    emitTap(tap, "seg.visual_head_fc1", fc1);
    const torch::Tensor act = at::gelu(fc1);
    emitTap(tap, "seg.visual_head_act", act);
    const torch::Tensor out = headFc2_->forward(act);
    emitTap(tap, "seg.after_visual_head", out);
    return out;
}

} // namespace diffcut
