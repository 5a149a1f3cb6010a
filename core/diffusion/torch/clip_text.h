#pragma once
// The CLIP text encoders of Stable Diffusion pipelines, as transformers 4.36 computes them
// (CLIPTextModel / CLIPTextModelWithProjection), and the empty-prompt conditioning DiffCut feeds
// the UNet. Parameters are registered under the transformers names ("text_model.encoder.layers.0.
// self_attn.q_proj.weight", "text_projection.weight"), so loadModule() fills them from the folder's
// safetensors. The buffer "text_model.embeddings.position_ids" that older checkpoints contain is
// not registered (positions are always 0..T-1): loadModule reports it as skipped. Built on the
// layer primitives and the causal block the OpenCLIP text tower uses, so `model check` builds it
// on the meta device.
#include "common/progress.h"
#include "diffusion/torch/causal_text_block.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diffcut {

enum class ClipActivation { QuickGelu, Gelu }; // hidden_act "quick_gelu" (CLIP-L) / "gelu" (exact erf, OpenCLIP bigG)

struct ClipTextConfig {
    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t intermediateSize = 0;
    std::int64_t numHiddenLayers = 0;
    std::int64_t numAttentionHeads = 0;
    std::int64_t maxPositionEmbeddings = 0;
    ClipActivation hiddenAct = ClipActivation::QuickGelu;
    double layerNormEps = 0;
    bool withProjection = false;     // architectures[0] == "CLIPTextModelWithProjection"
    std::int64_t projectionDim = 0;  // only meaningful withProjection
    std::int64_t eosTokenId = 49407; // transformers' default when the key is absent
    std::optional<std::int64_t> padTokenId; // informational: the tokenizer's pad token is what pads

    // Parses a transformers text-encoder config.json. A missing or invalid key is an Error naming
    // the file and the key.
    static ClipTextConfig fromFile(const std::filesystem::path &configJson);
};

struct ClipTextOutput {
    std::vector<torch::Tensor> hiddenStates; // [B, T, hidden] x (layers + 1): embeddings, then each layer's output
    torch::Tensor penultimateHiddenState;    // hiddenStates[-2], no final LayerNorm: what SDXL uses
    torch::Tensor lastHiddenState;           // final_layer_norm(hiddenStates[-1]): what SD 1.x uses
    torch::Tensor eosPosition;               // [B] int64, the pooled position
    torch::Tensor pooled;                    // [B, hidden], lastHiddenState at eosPosition
    torch::Tensor textEmbeds;                // [B, projection_dim]; undefined without text_projection
};

class ClipTextModelImpl : public torch::nn::Module {
public:
    // Parameters uninitialised on the options' device (the meta device: names and shapes only).
    ClipTextModelImpl(const ClipTextConfig &config, const torch::TensorOptions &options);

    // ids: [B, T] int64 with T <= max_position_embeddings. No attention mask, like diffusers'
    // encode_prompt: padding tokens are attended (causally) like any other token.
    ClipTextOutput forward(const torch::Tensor &ids);

    const ClipTextConfig &config() const { return config_; }

private:
    ClipTextConfig config_;
    std::shared_ptr<diffusers::Embedding> tokenEmbedding_, positionEmbedding_;
    std::vector<std::shared_ptr<CausalTextBlock>> layers_;
    std::shared_ptr<diffusers::LayerNorm> finalLayerNorm_;
    std::shared_ptr<diffusers::Linear> textProjection_; // bias-free, withProjection only
};

// Loads `<folder>/config.json` and its safetensors weights (full precision preferred; a folder
// holding only ".fp16" weights is loaded and computed in float32), on the CPU, in eval mode. The
// weights are checked against the model built on the meta device first, so a config describing
// more than the files hold is an Error naming a tensor before any memory is allocated for it.
std::shared_ptr<ClipTextModelImpl> loadClipTextModel(const std::filesystem::path &folder);

// The 77 ids of the empty prompt "": BOS 49406, EOS 49407, then `padId` up to `length`.
torch::Tensor emptyPromptIds(std::int64_t padId, std::int64_t length = 77);

// The pad id the pipeline's tokenizer folder declares (pad_token of tokenizer_config.json or
// special_tokens_map.json, resolved through added_tokens_decoder or vocab.json). SDXL's
// tokenizer pads with "<|endoftext|>" (49407), tokenizer_2 with "!" (0); text_encoder's
// config.json pad_token_id (1) is NOT what diffusers pads with. Absent folder: `fallback`.
std::int64_t tokenizerPadId(const std::filesystem::path &tokenizerFolder, std::int64_t fallback);

struct PromptConditioning {
    torch::Tensor encoderHiddenStates; // [1, 77, C] float32
    torch::Tensor pooledTextEmbeds;    // [1, projection_dim] float32; undefined for SD 1.x
};

// diffusers' encode_prompt("") without classifier-free guidance, for a pipeline folder:
// SDXL = concat(hidden_states[-2] of text_encoder, of text_encoder_2) on the last dim, pooled =
// text_embeds of text_encoder_2; SD 1.x = last_hidden_state of text_encoder. The encoders are
// loaded from `<folder>/text_encoder*/` and freed before returning. Float32, CPU.
PromptConditioning emptyPromptConditioning(const std::filesystem::path &pipelineFolder, bool sdxl,
                                           const WorkControl &control = {});

} // namespace diffcut
