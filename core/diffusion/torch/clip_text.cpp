#include "diffusion/torch/clip_text.h"

#include "common/error.h"
#include "common/json_file.h"
#include "common/json_reader.h"
#include "diffusion/torch/weights.h"

#include <nlohmann/json.hpp>

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/normalization.h>

#include <cmath>
#include <fstream>
#include <limits>

namespace diffcut {
namespace {

constexpr std::int64_t kBosId = 49406; // <|startoftext|>
constexpr std::int64_t kEosId = 49407; // <|endoftext|>

// Bounds on a text encoder's config: far above the real ones (CLIP-L: 49408 tokens, 768 wide, 12
// layers, 77 positions; OpenCLIP bigG: 1280 wide, 32 layers, 695 M parameters), yet small enough
// that the model a hostile config describes can be built on the CPU, as `model check` does.
constexpr std::int64_t kMaxVocabulary = 1'000'000;
constexpr std::int64_t kMaxWidth = 16384;
constexpr std::int64_t kMaxLayers = 256;
constexpr std::int64_t kMaxPositions = 4096;
constexpr double kMaxParameters = 1.5e9;

double parameterCount(const ClipTextConfig &config) {
    const double width = double(config.hiddenSize), inner = double(config.intermediateSize);
    const double perLayer = 4 * width * width + 2 * width * inner + inner + 9 * width;
    return (double(config.vocabSize) + double(config.maxPositionEmbeddings)) * width + double(config.numHiddenLayers) * perLayer +
           2 * width + (config.withProjection ? width * double(config.projectionDim) : 0.0);
}

torch::nn::Linear linear(std::int64_t in, std::int64_t out, bool bias = true) {
    return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
}

torch::nn::LayerNorm layerNorm(const ClipTextConfig &config) {
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.hiddenSize}).eps(config.layerNormEps));
}

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
    if (parameterCount(config) > kMaxParameters)
        json.fail("describes a text encoder of " + std::to_string(std::llround(parameterCount(config) / 1e6)) +
                  " M parameters, more than the " + std::to_string(std::llround(kMaxParameters / 1e6)) +
                  " M any CLIP text encoder has");

    // The token ids: transformers' defaults apply when absent (eos 49407).
    config.eosTokenId = json.integer("eos_token_id", kEosId, 0, config.vocabSize - 1);
    if (json.find("pad_token_id"))
        config.padTokenId = json.integer("pad_token_id", std::nullopt, 0, config.vocabSize - 1);
    return config;
}

namespace detail {

class ClipAttentionImpl : public torch::nn::Module {
public:
    explicit ClipAttentionImpl(const ClipTextConfig &config)
        : heads_(config.numAttentionHeads), headDim_(config.hiddenSize / config.numAttentionHeads),
          qProj_(register_module("q_proj", linear(config.hiddenSize, config.hiddenSize))),
          kProj_(register_module("k_proj", linear(config.hiddenSize, config.hiddenSize))),
          vProj_(register_module("v_proj", linear(config.hiddenSize, config.hiddenSize))),
          outProj_(register_module("out_proj", linear(config.hiddenSize, config.hiddenSize))) {}

    // x [B, T, C]; causalMask [T, T] additive (0 on and below the diagonal, -inf above).
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &causalMask) {
        const std::int64_t batch = x.size(0), tokens = x.size(1);
        auto splitHeads = [&](const torch::Tensor &t) { return t.view({batch, tokens, heads_, headDim_}).transpose(1, 2); };
        // transformers scales the projected queries (after their bias), not the scores.
        const torch::Tensor q = splitHeads(qProj_(x) * std::pow(double(headDim_), -0.5));
        const torch::Tensor k = splitHeads(kProj_(x));
        const torch::Tensor v = splitHeads(vProj_(x));
        const torch::Tensor probabilities = torch::softmax(torch::matmul(q, k.transpose(-2, -1)) + causalMask, -1);
        const torch::Tensor merged = torch::matmul(probabilities, v).transpose(1, 2).reshape({batch, tokens, heads_ * headDim_});
        return outProj_(merged);
    }

private:
    std::int64_t heads_, headDim_;
    torch::nn::Linear qProj_, kProj_, vProj_, outProj_;
};

class ClipMlpImpl : public torch::nn::Module {
public:
    explicit ClipMlpImpl(const ClipTextConfig &config)
        : activation_(config.hiddenAct), fc1_(register_module("fc1", linear(config.hiddenSize, config.intermediateSize))),
          fc2_(register_module("fc2", linear(config.intermediateSize, config.hiddenSize))) {}

    torch::Tensor forward(const torch::Tensor &x) {
        const torch::Tensor h = fc1_(x);
        const torch::Tensor activated = activation_ == ClipActivation::QuickGelu ? h * torch::sigmoid(1.702 * h) : torch::gelu(h);
        return fc2_(activated);
    }

private:
    ClipActivation activation_;
    torch::nn::Linear fc1_, fc2_;
};

class ClipEncoderLayerImpl : public torch::nn::Module {
public:
    explicit ClipEncoderLayerImpl(const ClipTextConfig &config)
        : selfAttn_(register_module("self_attn", std::make_shared<ClipAttentionImpl>(config))),
          layerNorm1_(register_module("layer_norm1", layerNorm(config))),
          mlp_(register_module("mlp", std::make_shared<ClipMlpImpl>(config))),
          layerNorm2_(register_module("layer_norm2", layerNorm(config))) {}

    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &causalMask) {
        const torch::Tensor attended = x + selfAttn_->forward(layerNorm1_(x), causalMask);
        return attended + mlp_->forward(layerNorm2_(attended));
    }

private:
    std::shared_ptr<ClipAttentionImpl> selfAttn_;
    torch::nn::LayerNorm layerNorm1_;
    std::shared_ptr<ClipMlpImpl> mlp_;
    torch::nn::LayerNorm layerNorm2_;
};

class ClipTextEmbeddingsImpl : public torch::nn::Module {
public:
    explicit ClipTextEmbeddingsImpl(const ClipTextConfig &config)
        : tokenEmbedding_(register_module("token_embedding", torch::nn::Embedding(config.vocabSize, config.hiddenSize))),
          positionEmbedding_(
              register_module("position_embedding", torch::nn::Embedding(config.maxPositionEmbeddings, config.hiddenSize))) {}

    torch::Tensor forward(const torch::Tensor &ids) {
        const torch::Tensor positions = torch::arange(ids.size(1), ids.options());
        return tokenEmbedding_(ids) + positionEmbedding_(positions).unsqueeze(0);
    }

private:
    torch::nn::Embedding tokenEmbedding_, positionEmbedding_;
};

class ClipEncoderImpl : public torch::nn::Module {
public:
    explicit ClipEncoderImpl(const ClipTextConfig &config) : layers_(register_module("layers", torch::nn::ModuleList())) {
        for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
            layers_->push_back(std::make_shared<ClipEncoderLayerImpl>(config));
    }

    const torch::nn::ModuleList &layers() const { return layers_; }

private:
    torch::nn::ModuleList layers_;
};

class ClipTextTransformerImpl : public torch::nn::Module {
public:
    explicit ClipTextTransformerImpl(const ClipTextConfig &config)
        : embeddings_(register_module("embeddings", std::make_shared<ClipTextEmbeddingsImpl>(config))),
          encoder_(register_module("encoder", std::make_shared<ClipEncoderImpl>(config))),
          finalLayerNorm_(register_module("final_layer_norm", layerNorm(config))) {}

    // Fills hiddenStates and lastHiddenState of `out`.
    void forward(const torch::Tensor &ids, ClipTextOutput &out) {
        torch::Tensor x = embeddings_->forward(ids);
        const std::int64_t tokens = ids.size(1);
        // transformers adds finfo(dtype).min above the diagonal; -inf gives the same softmax and
        // every row keeps its diagonal, so no row is all -inf.
        const torch::Tensor causalMask =
            torch::full({tokens, tokens}, -std::numeric_limits<double>::infinity(), x.options()).triu(1);
        out.hiddenStates.push_back(x);
        for (const auto &layer : *encoder_->layers()) {
            x = layer->as<ClipEncoderLayerImpl>()->forward(x, causalMask);
            out.hiddenStates.push_back(x);
        }
        out.lastHiddenState = finalLayerNorm_(x);
    }

private:
    std::shared_ptr<ClipTextEmbeddingsImpl> embeddings_;
    std::shared_ptr<ClipEncoderImpl> encoder_;
    torch::nn::LayerNorm finalLayerNorm_;
};

} // namespace detail

ClipTextModelImpl::ClipTextModelImpl(const ClipTextConfig &config)
    : config_(config), textModel_(register_module("text_model", std::make_shared<detail::ClipTextTransformerImpl>(config))) {
    if (config.withProjection)
        textProjection_ = register_module("text_projection", linear(config.hiddenSize, config.projectionDim, /*bias=*/false));
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
    ClipTextOutput out;
    textModel_->forward(ids, out);
    out.penultimateHiddenState = out.hiddenStates[out.hiddenStates.size() - 2];
    // transformers 4.36: configs with the legacy eos_token_id 2 (the real SD/SDXL ones) pool at
    // the first maximal id, since <|endoftext|> is the largest id; others at the first eos_token_id.
    out.eosPosition = config_.eosTokenId == 2 ? ids.argmax(-1) : (ids == config_.eosTokenId).to(torch::kInt32).argmax(-1);
    out.pooled = out.lastHiddenState.index({torch::arange(ids.size(0), ids.options()), out.eosPosition});
    if (textProjection_)
        out.textEmbeds = textProjection_(out.pooled);
    return out;
}

std::shared_ptr<ClipTextModelImpl> loadClipTextModel(const std::filesystem::path &folder) {
    auto model = std::make_shared<ClipTextModelImpl>(ClipTextConfig::fromFile(folder / "config.json"));
    loadModule(*model, WeightFiles::fromFolder(folder, /*preferHalf=*/false));
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
