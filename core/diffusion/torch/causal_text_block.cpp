#include "diffusion/torch/causal_text_block.h"

#include <ATen/ATen.h>

#include <limits>
#include <vector>

namespace diffcut {

CausalTextBlock::CausalTextBlock(const CausalTextBlockOptions &block, const torch::TensorOptions &options)
    : heads_(block.heads), quickGelu_(block.quickGelu) {
    const std::int64_t width = block.width;
    const bool openClip = block.names == TextBlockNames::OpenClip;
    auto linear = [&](torch::nn::Module &parent, const char *name, std::int64_t in, std::int64_t out) {
        return parent.register_module(name, std::make_shared<diffusers::Linear>(in, out, true, options));
    };
    ln1_ = register_module(openClip ? "ln_1" : "layer_norm1", std::make_shared<diffusers::LayerNorm>(width, block.eps, options));
    auto attn = register_module(openClip ? "attn" : "self_attn", std::make_shared<torch::nn::Module>());
    if (openClip) {
        inProjWeight_ = diffusers::registerParameter(*attn, "in_proj_weight", {3 * width, width}, options);
        inProjBias_ = diffusers::registerParameter(*attn, "in_proj_bias", {3 * width}, options);
    } else {
        qProj_ = linear(*attn, "q_proj", width, width);
        kProj_ = linear(*attn, "k_proj", width, width);
        vProj_ = linear(*attn, "v_proj", width, width);
    }
    outProj_ = linear(*attn, "out_proj", width, width);
    ln2_ = register_module(openClip ? "ln_2" : "layer_norm2", std::make_shared<diffusers::LayerNorm>(width, block.eps, options));
    auto mlp = register_module("mlp", std::make_shared<torch::nn::Module>());
    fc_ = linear(*mlp, openClip ? "c_fc" : "fc1", width, block.mlpHidden);
    proj_ = linear(*mlp, openClip ? "c_proj" : "fc2", block.mlpHidden, width);
}

torch::Tensor CausalTextBlock::forward(const torch::Tensor &x, const torch::Tensor &causalMask, const TensorTap &tap,
                                       const std::string &name) const {
    const torch::Tensor normed = ln1_->forward(x);
    emitTap(tap, name + ".ln_1", normed);
    const std::vector<torch::Tensor> qkv = inProjWeight_.defined()
                                               ? at::linear(normed, inProjWeight_, inProjBias_).chunk(3, -1)
                                               : std::vector{qProj_->forward(normed), kProj_->forward(normed), vProj_->forward(normed)};
    const torch::Tensor attended =
        outProj_->forward(diffusers::multiHeadAttention(qkv[0], qkv[1], qkv[2], heads_, false, false, causalMask));
    emitTap(tap, name + ".attn", attended);
    const torch::Tensor residual = x + attended;
    const torch::Tensor normed2 = ln2_->forward(residual);
    emitTap(tap, name + ".ln_2", normed2);
    const torch::Tensor hidden = fc_->forward(normed2);
    emitTap(tap, name + ".mlp_c_fc", hidden);
    const torch::Tensor activated = quickGelu_ ? hidden * at::sigmoid(1.702 * hidden) : at::gelu(hidden);
    emitTap(tap, name + ".mlp_gelu", activated);
    const torch::Tensor projected = proj_->forward(activated);
    emitTap(tap, name + ".mlp_c_proj", projected);
    return residual + projected;
}

torch::Tensor causalMask(std::int64_t length, const torch::TensorOptions &options) {
    return at::full({length, length}, -std::numeric_limits<float>::infinity(), options).triu(1);
}

} // namespace diffcut
