#include "diffusion/torch/clip_text_tower.h"

#include <ATen/ATen.h>

#include <string>

namespace diffcut {
namespace {

constexpr double kTextEps = 1e-5;

} // namespace

ClipTextTower::ClipTextTower(torch::nn::Module &root, const OpenClipConfig &config, const torch::TensorOptions &options) {
    tokenEmbedding_ =
        root.register_module("token_embedding", std::make_shared<diffusers::Embedding>(config.vocabSize, config.width, options));
    positionalEmbedding_ = diffusers::registerParameter(root, "positional_embedding", {config.contextLength, config.width}, options);
    auto transformer = root.register_module("transformer", std::make_shared<torch::nn::Module>());
    auto resblocks = transformer->register_module("resblocks", std::make_shared<diffusers::ModuleList>());
    const CausalTextBlockOptions block{config.width, config.heads, std::int64_t(double(config.width) * config.mlpRatio),
                                       config.quickGelu, kTextEps, TextBlockNames::OpenClip};
    for (std::int64_t i = 0; i < config.layers; ++i)
        blocks_.push_back(resblocks->append(std::make_shared<CausalTextBlock>(block, options)));
    lnFinal_ = root.register_module("ln_final", std::make_shared<diffusers::LayerNorm>(config.width, kTextEps, options));
    textProjection_ = diffusers::registerParameter(root, "text_projection", {config.width, config.embedDim}, options);
}

torch::Tensor ClipTextTower::encode(const torch::Tensor &ids, const TensorTap &tap) const {
    const std::int64_t length = ids.size(1);
    const torch::Tensor tokens = tokenEmbedding_->forward(ids);
    emitTap(tap, "text.debug.token_embedding", tokens);
    torch::Tensor x = tokens + positionalEmbedding_.narrow(0, 0, length);
    emitTap(tap, "text.debug.x0", x);
    const torch::Tensor mask = causalMask(length, x.options());
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
        const std::string name = "text.debug.resblocks." + std::to_string(i);
        x = blocks_[i]->forward(x, mask, tap, name);
        emitTap(tap, name, x);
    }
    x = lnFinal_->forward(x);
    emitTap(tap, "text.debug.ln_final", x);
    // x[n, eot[n]]: the first end-of-text token is the largest id.
    const torch::Tensor eot = ids.argmax(-1).view({-1, 1, 1}).expand({ids.size(0), 1, x.size(2)});
    const torch::Tensor pooled = x.gather(1, eot).squeeze(1);
    return at::matmul(pooled, textProjection_);
}

} // namespace diffcut
