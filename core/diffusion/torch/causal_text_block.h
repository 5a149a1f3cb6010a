#pragma once
// The pre-LayerNorm causal transformer block that both CLIP text encoders are made of:
// x + attn(ln_1(x)) under a causal mask, then + mlp(ln_2(·)), the MLP with QuickGELU or exact
// GELU. One computation, registered under either library's names so that each loads its own
// checkpoints: open_clip's ResidualAttentionBlock ("ln_1", "attn.in_proj_weight" packing q, k and
// v, "attn.out_proj", "ln_2", "mlp.c_fc", "mlp.c_proj") or transformers' CLIPEncoderLayer
// ("layer_norm1", "self_attn.{q,k,v,out}_proj", "layer_norm2", "mlp.fc1", "mlp.fc2").
#include "diffusion/torch/diffusers_layers.h"

#include <cstdint>
#include <memory>
#include <string>

namespace diffcut {

enum class TextBlockNames { OpenClip, Transformers };

struct CausalTextBlockOptions {
    std::int64_t width = 0, heads = 0, mlpHidden = 0;
    bool quickGelu = false;
    double eps = 1e-5; // of both LayerNorms
    TextBlockNames names = TextBlockNames::OpenClip;
};

class CausalTextBlock : public torch::nn::Module {
public:
    CausalTextBlock(const CausalTextBlockOptions &block, const torch::TensorOptions &options);

    // x (N, L, width); causalMask from causalMask(L). Taps "<name>.{ln_1,attn,ln_2,mlp_c_fc,
    // mlp_gelu,mlp_c_proj}" (the OpenCLIP fixture's names, whichever library's parameters).
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &causalMask, const TensorTap &tap = {},
                          const std::string &name = {}) const;

private:
    std::int64_t heads_;
    bool quickGelu_;
    std::shared_ptr<diffusers::LayerNorm> ln1_, ln2_;
    torch::Tensor inProjWeight_, inProjBias_;                  // open_clip: q, k, v packed
    std::shared_ptr<diffusers::Linear> qProj_, kProj_, vProj_; // transformers: one each
    std::shared_ptr<diffusers::Linear> outProj_, fc_, proj_;
};

// The additive (L, L) mask: 0 on and below the diagonal, -inf above. Every row keeps its diagonal,
// so none is all -inf; transformers adds finfo(dtype).min instead, which gives the same softmax.
torch::Tensor causalMask(std::int64_t length, const torch::TensorOptions &options);

} // namespace diffcut
