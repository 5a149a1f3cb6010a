#pragma once
// The text tower of an OpenCLIP model (open_clip 2.26's default TextTransformer): token +
// positional embedding, a causal pre-LayerNorm transformer (nn.MultiheadAttention with packed
// in_proj, MLP with exact GELU or QuickGELU), ln_final, the row of the first end-of-text token
// (the largest id), @ text_projection (width × embed_dim, no bias). Its parameters are registered
// on the model's root module under open_clip's names ("token_embedding.weight",
// "positional_embedding", "transformer.resblocks.0.attn.in_proj_weight", "ln_final.bias",
// "text_projection"). LayerNorm eps 1e-5.
#include "diffusion/openclip_folder.h"
#include "diffusion/torch/causal_text_block.h"

#include <memory>
#include <vector>

namespace diffcut {

class ClipTextTower {
public:
    ClipTextTower(torch::nn::Module &root, const OpenClipConfig &config, const torch::TensorOptions &options);

    // ids (N, L) int64, L ≤ context length → (N, embed_dim). The causal mask makes the pooled row
    // independent of the positions after it, so callers may cut the ids after the last end token.
    // Taps carry the fixture's names: "text.debug.token_embedding", "text.debug.x0",
    // "text.debug.resblocks.{i}.{ln_1,attn,ln_2,mlp_c_fc,mlp_gelu,mlp_c_proj}",
    // "text.debug.resblocks.{i}", "text.debug.ln_final".
    torch::Tensor encode(const torch::Tensor &ids, const TensorTap &tap = {}) const;

private:
    std::shared_ptr<diffusers::Embedding> tokenEmbedding_;
    torch::Tensor positionalEmbedding_, textProjection_;
    std::vector<std::shared_ptr<CausalTextBlock>> blocks_;
    std::shared_ptr<diffusers::LayerNorm> lnFinal_;
};

} // namespace diffcut
