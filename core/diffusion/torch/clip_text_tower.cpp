#include "diffusion/torch/clip_text_tower.h"

#include <ATen/ATen.h>

#include <limits>
#include <string>

namespace diffcut {
namespace {

constexpr double kTextEps = 1e-5;

} // namespace

class ResidualAttentionBlockImpl : public torch::nn::Module {
public:
    ResidualAttentionBlockImpl(const OpenClipConfig &config, const torch::TensorOptions &options)
        : heads_(config.heads), quickGelu_(config.quickGelu) {
        const std::int64_t width = config.width, hidden = std::int64_t(double(width) * config.mlpRatio);
        ln1_ = register_module("ln_1", std::make_shared<diffusers::LayerNorm>(width, kTextEps, options));
        auto attn = register_module("attn", std::make_shared<torch::nn::Module>());
        inProjWeight_ = diffusers::registerParameter(*attn, "in_proj_weight", {3 * width, width}, options);
        inProjBias_ = diffusers::registerParameter(*attn, "in_proj_bias", {3 * width}, options);
        outProj_ = attn->register_module("out_proj", std::make_shared<diffusers::Linear>(width, width, true, options));
        ln2_ = register_module("ln_2", std::make_shared<diffusers::LayerNorm>(width, kTextEps, options));
        auto mlp = register_module("mlp", std::make_shared<torch::nn::Module>());
        cFc_ = mlp->register_module("c_fc", std::make_shared<diffusers::Linear>(width, hidden, true, options));
        cProj_ = mlp->register_module("c_proj", std::make_shared<diffusers::Linear>(hidden, width, true, options));
    }

    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &causalMask, const TensorTap &tap,
                          const std::string &name) const {
        const torch::Tensor normed = ln1_->forward(x);
        emitTap(tap, name + ".ln_1", normed);
        const std::vector<torch::Tensor> qkv = at::linear(normed, inProjWeight_, inProjBias_).chunk(3, -1);
        const torch::Tensor attended = outProj_->forward(
            diffusers::multiHeadAttention(qkv[0], qkv[1], qkv[2], heads_, false, false, causalMask));
        emitTap(tap, name + ".attn", attended);
        const torch::Tensor residual = x + attended;
        const torch::Tensor normed2 = ln2_->forward(residual);
        emitTap(tap, name + ".ln_2", normed2);
        const torch::Tensor hidden = cFc_->forward(normed2);
        emitTap(tap, name + ".mlp_c_fc", hidden);
        const torch::Tensor activated = quickGelu_ ? hidden * at::sigmoid(1.702 * hidden) : at::gelu(hidden);
        emitTap(tap, name + ".mlp_gelu", activated);
        const torch::Tensor projected = cProj_->forward(activated);
        emitTap(tap, name + ".mlp_c_proj", projected);
        return residual + projected;
    }

private:
    std::int64_t heads_;
    bool quickGelu_;
    std::shared_ptr<diffusers::LayerNorm> ln1_, ln2_;
    torch::Tensor inProjWeight_, inProjBias_;
    std::shared_ptr<diffusers::Linear> outProj_, cFc_, cProj_;
};

ClipTextTower::ClipTextTower(torch::nn::Module &root, const OpenClipConfig &config, const torch::TensorOptions &options) {
    auto embedding = root.register_module("token_embedding", std::make_shared<torch::nn::Module>());
    tokenEmbedding_ = diffusers::registerParameter(*embedding, "weight", {config.vocabSize, config.width}, options);
    positionalEmbedding_ = diffusers::registerParameter(root, "positional_embedding", {config.contextLength, config.width}, options);
    auto transformer = root.register_module("transformer", std::make_shared<torch::nn::Module>());
    auto resblocks = transformer->register_module("resblocks", std::make_shared<diffusers::ModuleList>());
    for (std::int64_t i = 0; i < config.layers; ++i)
        blocks_.push_back(resblocks->append(std::make_shared<ResidualAttentionBlockImpl>(config, options)));
    lnFinal_ = root.register_module("ln_final", std::make_shared<diffusers::LayerNorm>(config.width, kTextEps, options));
    textProjection_ = diffusers::registerParameter(root, "text_projection", {config.width, config.embedDim}, options);
}

torch::Tensor ClipTextTower::encode(const torch::Tensor &ids, const TensorTap &tap) const {
    const std::int64_t length = ids.size(1);
    const torch::Tensor tokens = at::embedding(tokenEmbedding_, ids);
    emitTap(tap, "text.debug.token_embedding", tokens);
    torch::Tensor x = tokens + positionalEmbedding_.narrow(0, 0, length);
    emitTap(tap, "text.debug.x0", x);
    const torch::Tensor causalMask =
        at::full({length, length}, -std::numeric_limits<float>::infinity(), x.options()).triu(1);
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
        const std::string name = "text.debug.resblocks." + std::to_string(i);
        x = blocks_[i]->forward(x, causalMask, tap, name);
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
