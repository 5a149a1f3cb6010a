#include "diffusion/torch/clip_text.h"

#include "common/blas_threads.h"
#include "common/error.h"
#include "common/json_file.h"
#include "common/json_reader.h"
#include "diffusion/torch/weights.h"

#include <nlohmann/json.hpp>

namespace diffcut {
namespace {

constexpr std::int64_t kBosId = 49406; // <|startoftext|>
constexpr std::int64_t kEosId = 49407; // <|endoftext|>

// Bounds on a text encoder's config: far above the real ones (CLIP-L: 49408 tokens, 768 wide, 12
// layers, 77 positions; OpenCLIP bigG: 1280 wide, 32 layers, 695 M parameters), yet small enough
// that the structure a hostile config describes is built at once on the meta device. Its memory
// is bounded by the weight files: loading checks them on the meta device before allocating.
constexpr std::int64_t kMaxVocabulary = 1'000'000;
constexpr std::int64_t kMaxWidth = 16384;
constexpr std::int64_t kMaxLayers = 256;
constexpr std::int64_t kMaxPositions = 4096;

} // namespace

ClipTextConfig ClipTextConfig::fromFile(const std::filesystem::path &configJson) {
    const JsonObject json = JsonObject::readFile(configJson);
    const auto positive = [&](std::string_view key, std::int64_t max) { return json.integer(key, std::nullopt, 1, max); };

    ClipTextConfig config;
    config.vocabSize = positive("vocab_size", kMaxVocabulary);
    config.hiddenSize = positive("hidden_size", kMaxWidth);
    config.intermediateSize = positive("intermediate_size", 4 * kMaxWidth);
    config.numHiddenLayers = positive("num_hidden_layers", kMaxLayers);
    config.numAttentionHeads = positive("num_attention_heads", kMaxWidth);
    config.maxPositionEmbeddings = positive("max_position_embeddings", kMaxPositions);
    if (config.hiddenSize % config.numAttentionHeads != 0)
        json.fail("hidden_size", std::to_string(config.hiddenSize) + " is not a multiple of num_attention_heads " +
                                     std::to_string(config.numAttentionHeads));

    const std::string activation = json.string("hidden_act", std::nullopt);
    if (activation == "quick_gelu")
        config.hiddenAct = ClipActivation::QuickGelu;
    else if (activation == "gelu")
        config.hiddenAct = ClipActivation::Gelu;
    else
        json.fail("hidden_act", jsonExcerpt(activation) + " is not supported (quick_gelu or gelu)");

    config.layerNormEps = json.number("layer_norm_eps", std::nullopt);
    if (!(config.layerNormEps > 0))
        json.fail("layer_norm_eps", "must be positive, not " + jsonExcerpt(config.layerNormEps));

    const nlohmann::json *architectures = json.array("architectures");
    if (!architectures)
        json.fail("architectures", "is required");
    if (architectures->size() != 1 || !(*architectures)[0].is_string())
        json.fail("architectures", "must list one model class, not " + jsonExcerpt(*architectures));
    const std::string architecture = (*architectures)[0].get<std::string>();
    if (architecture == "CLIPTextModelWithProjection")
        config.withProjection = true;
    else if (architecture != "CLIPTextModel")
        json.fail("architectures", jsonExcerpt(architecture) +
                                       " is not a CLIP text encoder (CLIPTextModel or CLIPTextModelWithProjection)");
    if (config.withProjection)
        config.projectionDim = positive("projection_dim", kMaxWidth);

    // The token ids: transformers' defaults apply when absent (eos 49407).
    config.eosTokenId = json.integer("eos_token_id", kEosId, 0, config.vocabSize - 1);
    if (json.find("pad_token_id"))
        config.padTokenId = json.integer("pad_token_id", std::nullopt, 0, config.vocabSize - 1);
    return config;
}

ClipTextModelImpl::ClipTextModelImpl(const ClipTextConfig &config, const torch::TensorOptions &options) : config_(config) {
    const std::int64_t width = config.hiddenSize;
    auto textModel = register_module("text_model", std::make_shared<torch::nn::Module>());
    auto embeddings = textModel->register_module("embeddings", std::make_shared<torch::nn::Module>());
    tokenEmbedding_ = embeddings->register_module("token_embedding",
                                                  std::make_shared<diffusers::Embedding>(config.vocabSize, width, options));
    positionEmbedding_ = embeddings->register_module(
        "position_embedding", std::make_shared<diffusers::Embedding>(config.maxPositionEmbeddings, width, options));
    auto encoder = textModel->register_module("encoder", std::make_shared<torch::nn::Module>());
    auto layers = encoder->register_module("layers", std::make_shared<diffusers::ModuleList>());
    const CausalTextBlockOptions block{width, config.numAttentionHeads, config.intermediateSize,
                                       config.hiddenAct == ClipActivation::QuickGelu, config.layerNormEps,
                                       TextBlockNames::Transformers};
    for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
        layers_.push_back(layers->append(std::make_shared<CausalTextBlock>(block, options)));
    finalLayerNorm_ = textModel->register_module("final_layer_norm",
                                                 std::make_shared<diffusers::LayerNorm>(width, config.layerNormEps, options));
    if (config.withProjection)
        textProjection_ = register_module("text_projection",
                                          std::make_shared<diffusers::Linear>(width, config.projectionDim, false, options));
}

ClipTextOutput ClipTextModelImpl::forward(const torch::Tensor &ids) {
    if (ids.dim() != 2 || ids.scalar_type() != torch::kInt64)
        throw Error("CLIP text encoder: token ids must be an int64 [batch, tokens] tensor");
    if (ids.size(1) < 1 || ids.size(1) > config_.maxPositionEmbeddings)
        throw Error("CLIP text encoder: " + std::to_string(ids.size(1)) + " tokens; the model takes 1 to " +
                    std::to_string(config_.maxPositionEmbeddings));
    if (ids.numel() > 0 && (ids.min().item<std::int64_t>() < 0 || ids.max().item<std::int64_t>() >= config_.vocabSize))
        throw Error("CLIP text encoder: a token id is outside the vocabulary of " + std::to_string(config_.vocabSize));

    torch::NoGradGuard noGrad;
    const BlasThreadPool blasThreads(ids.is_cpu());
    ClipTextOutput out;
    const std::int64_t tokens = ids.size(1);
    torch::Tensor x = tokenEmbedding_->forward(ids) + positionEmbedding_->forward(torch::arange(tokens, ids.options())).unsqueeze(0);
    const torch::Tensor mask = causalMask(tokens, x.options());
    out.hiddenStates.push_back(x);
    for (const auto &layer : layers_) {
        x = layer->forward(x, mask);
        out.hiddenStates.push_back(x);
    }
    out.lastHiddenState = finalLayerNorm_->forward(x);
    out.penultimateHiddenState = out.hiddenStates[out.hiddenStates.size() - 2];
    // transformers 4.36: configs with the legacy eos_token_id 2 (the real SD/SDXL ones) pool at
    // the first maximal id, since <|endoftext|> is the largest id; others at the first eos_token_id.
    out.eosPosition = config_.eosTokenId == 2 ? ids.argmax(-1) : (ids == config_.eosTokenId).to(torch::kInt32).argmax(-1);
    out.pooled = out.lastHiddenState.index({torch::arange(ids.size(0), ids.options()), out.eosPosition});
    if (textProjection_)
        out.textEmbeds = textProjection_->forward(out.pooled);
    return out;
}

std::shared_ptr<ClipTextModelImpl> loadClipTextModel(const std::filesystem::path &folder) {
    const ClipTextConfig config = ClipTextConfig::fromFile(folder / "config.json");
    const WeightFiles weights = WeightFiles::fromFolder(folder, /*preferHalf=*/false);
    const auto cpu = torch::TensorOptions().dtype(torch::kFloat);
    requireWeightsFor(ClipTextModelImpl(config, torch::TensorOptions(cpu).device(torch::kMeta)), weights);
    auto model = std::make_shared<ClipTextModelImpl>(config, cpu);
    loadModule(*model, weights);
    model->eval();
    return model;
}

torch::Tensor emptyPromptIds(std::int64_t padId, std::int64_t length) {
    torch::Tensor ids = torch::full({1, length}, padId, torch::kInt64);
    ids[0][0] = kBosId;
    ids[0][1] = kEosId;
    return ids;
}

std::int64_t tokenizerPadId(const std::filesystem::path &tokenizerFolder, std::int64_t fallback) {
    if (!std::filesystem::is_directory(tokenizerFolder))
        return fallback;
    // The pad token as tokenizer_config.json (else special_tokens_map.json) names it: a string,
    // or an AddedToken object {"content": ...}; CLIPTokenizer's own default is <|endoftext|>.
    auto padToken = [](const nlohmann::json &json) -> std::optional<std::string> {
        if (!json.is_object() || !json.contains("pad_token"))
            return std::nullopt;
        const nlohmann::json &token = json["pad_token"];
        if (token.is_string())
            return token.get<std::string>();
        if (token.is_object() && token.contains("content") && token["content"].is_string())
            return token["content"].get<std::string>();
        return std::nullopt;
    };
    const std::filesystem::path tokenizerConfig = tokenizerFolder / "tokenizer_config.json";
    const std::filesystem::path specialTokens = tokenizerFolder / "special_tokens_map.json";
    const nlohmann::json config = std::filesystem::exists(tokenizerConfig) ? readJsonFile(tokenizerConfig) : nlohmann::json();
    std::optional<std::string> token = padToken(config);
    if (!token && std::filesystem::exists(specialTokens))
        token = padToken(readJsonFile(specialTokens));
    const std::string pad = token.value_or("<|endoftext|>");

    if (config.is_object() && config.contains("added_tokens_decoder") && config["added_tokens_decoder"].is_object())
        for (const auto &[id, added] : config["added_tokens_decoder"].items())
            if (added.is_object() && added.value("content", std::string()) == pad)
                try {
                    return std::stoll(id);
                } catch (const std::exception &) {
                    throw Error(tokenizerConfig.string() + ": added_tokens_decoder id " + jsonExcerpt(id) + " is not a number");
                }
    const std::filesystem::path vocabPath = tokenizerFolder / "vocab.json";
    const nlohmann::json vocab = readJsonFile(vocabPath);
    if (!vocab.is_object() || !vocab.contains(pad) || !vocab[pad].is_number_integer())
        throw Error(vocabPath.string() + ": no id for the pad token " + jsonExcerpt(pad));
    return vocab[pad].get<std::int64_t>();
}

PromptConditioning emptyPromptConditioning(const std::filesystem::path &pipelineFolder, bool sdxl, const WorkControl &control) {
    // Encodes "" with one encoder, which is freed on return.
    auto encode = [&](const char *encoder, const char *tokenizer, std::int64_t defaultPad) {
        const std::shared_ptr<ClipTextModelImpl> model = loadClipTextModel(pipelineFolder / encoder);
        control.checkpoint();
        const std::int64_t padId = tokenizerPadId(pipelineFolder / tokenizer, defaultPad);
        return model->forward(emptyPromptIds(padId, model->config().maxPositionEmbeddings));
    };

    control.checkpoint();
    control.report(0.0, "text encoder");
    // SDXL's tokenizer pads with <|endoftext|> and tokenizer_2 with "!" (id 0); SD 1.x as the first.
    const ClipTextOutput first = encode("text_encoder", "tokenizer", kEosId);
    control.checkpoint();
    PromptConditioning conditioning;
    if (!sdxl) {
        conditioning.encoderHiddenStates = first.lastHiddenState;
    } else {
        control.report(0.5, "text encoder 2");
        const ClipTextOutput second = encode("text_encoder_2", "tokenizer_2", 0);
        if (!second.textEmbeds.defined())
            throw Error((pipelineFolder / "text_encoder_2/config.json").string() +
                        ": SDXL needs a CLIPTextModelWithProjection (for the pooled text embeds)");
        conditioning.encoderHiddenStates = torch::cat({first.penultimateHiddenState, second.penultimateHiddenState}, -1);
        conditioning.pooledTextEmbeds = second.textEmbeds;
    }
    control.report(1.0, sdxl ? "text encoder 2" : "text encoder"); // the last one done
    return conditioning;
}

} // namespace diffcut
