#include "diffusion/diffusers_config.h"

#include "common/error.h"
#include "common/json_file.h"
#include "common/json_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

namespace diffcut {

namespace {

using Json = nlohmann::json;

// Upper bounds on config values: far above every real model (SDXL, SSD-1B, SD 1.x: at most 4
// down blocks of 1280 channels, 2 resnets, 10 transformer layers and 20 heads per block, 2816
// embedding inputs) yet small enough that the modules a hostile config describes stay buildable
// (a million transformer layers would be built for minutes and gigabytes, even on the meta device).
constexpr int kMaxBlocks = 8;
constexpr int kMaxChannels = 16384; // any channel count or embedding width
constexpr int kMaxResnetsPerBlock = 16;
constexpr int kMaxTransformerDepth = 64;
constexpr int kMaxHeads = 1024;
constexpr int kMaxKernel = 15;
constexpr int kMaxSampleSize = 2048; // latent pixels

// A diffusers config: the typed reader plus the shapes diffusers configs use (positive counts, one
// value per block). Absent and null keys both mean "diffusers' default", as in diffusers.
class ConfigReader : public JsonObject {
public:
    explicit ConfigReader(const std::filesystem::path &file) : JsonObject(JsonObject::readFile(file)) {}

    // A positive count (channels, layers, heads) up to `max`.
    int count(std::string_view key, std::optional<int> fallback, int max) const {
        return int(integer(key, fallback, 1, max));
    }

    double positiveNumber(std::string_view key, double fallback) const {
        const double value = number(key, fallback);
        if (!(value > 0))
            fail(key, "must be positive, not " + jsonExcerpt(value));
        return value;
    }

    // One entry per block: at most kMaxBlocks.
    std::vector<int> integerList(std::string_view key, int max) const {
        const Json *value = find(key);
        if (!value)
            fail(key, "is required");
        if (!value->is_array() || value->empty() || value->size() > std::size_t(kMaxBlocks))
            fail(key, "must be a list of 1 to " + std::to_string(kMaxBlocks) + " integers, not " + jsonExcerpt(*value));
        return countsOf(key, *value, max);
    }

    // An int for every block, or a list with one entry per block (diffusers' Union[int, Tuple[int]]).
    std::vector<int> perBlock(std::string_view key, std::size_t blockCount, std::optional<int> fallback, int max) const {
        const Json *value = find(key);
        if (!value || !value->is_array())
            return std::vector<int>(blockCount, count(key, fallback, max));
        if (value->size() != blockCount)
            fail(key, "has " + std::to_string(value->size()) + " entries for " + std::to_string(blockCount) +
                          " down blocks");
        return countsOf(key, *value, max);
    }

    void requireClass(std::string_view expected) const {
        const std::string name = string("_class_name", std::string(expected));
        if (name != expected)
            fail("_class_name", "'" + name + "' is not supported (only " + std::string(expected) + ")");
    }

private:
    std::vector<int> countsOf(std::string_view key, const Json &list, int max) const {
        std::vector<int> counts;
        for (const Json &entry : list) {
            if (!entry.is_number_integer() || entry.get<long long>() <= 0 || entry.get<long long>() > max)
                fail(key, "must be an integer from 1 to " + std::to_string(max) + ", not " + jsonExcerpt(entry));
            counts.push_back(entry.get<int>());
        }
        return counts;
    }
};

// transformer_layers_per_block: an int for all, or per block an int or a list with one depth per
// resnet/attention pair (SSD-1B: [1, [2, 2], [4, 4]]).
std::vector<std::vector<int>> transformerDepths(const ConfigReader &config, const std::vector<int> &resnetCounts) {
    constexpr std::string_view key = "transformer_layers_per_block";
    const Json *value = config.find(key);
    const auto isDepth = [](const Json &depth) {
        return depth.is_number_integer() && depth.get<long long>() > 0 && depth.get<long long>() <= kMaxTransformerDepth;
    };
    auto depthsOf = [&](const Json &entry, int resnetCount) {
        if (isDepth(entry))
            return std::vector<int>(resnetCount, entry.get<int>());
        if (entry.is_array() && entry.size() == std::size_t(resnetCount) && std::all_of(entry.begin(), entry.end(), isDepth)) {
            std::vector<int> depths;
            for (const Json &depth : entry)
                depths.push_back(depth.get<int>());
            return depths;
        }
        config.fail(key, "entry " + jsonExcerpt(entry) + " must be an integer from 1 to " +
                             std::to_string(kMaxTransformerDepth) + " or a list of " + std::to_string(resnetCount) +
                             " of them");
    };
    std::vector<std::vector<int>> depths;
    for (std::size_t block = 0; block < resnetCounts.size(); ++block) {
        if (!value)
            depths.push_back(std::vector<int>(resnetCounts[block], 1));
        else if (value->is_array()) {
            if (value->size() != resnetCounts.size())
                config.fail(key, "has " + std::to_string(value->size()) + " entries for " +
                                     std::to_string(resnetCounts.size()) + " down blocks");
            depths.push_back(depthsOf((*value)[block], resnetCounts[block]));
        } else
            depths.push_back(depthsOf(*value, resnetCounts[block]));
    }
    return depths;
}

void requireSiluActivation(const ConfigReader &config) {
    config.requireOneOf("act_fn", {"silu", "swish"}, "silu"); // diffusers maps both to SiLU
}

} // namespace

int UNetConfig::hookedBlock() const {
    for (int block = int(downBlocks.size()) - 1; block >= 0; --block)
        if (downBlocks[block].hasCrossAttention)
            return block;
    throw Error(source + ": down_block_types has no CrossAttnDownBlock2D to take the feature from");
}

std::string UNetConfig::hookedModuleName() const {
    const int block = hookedBlock();
    const UNetDownBlockConfig &down = downBlocks[block];
    return "down_blocks." + std::to_string(block) + ".attentions." + std::to_string(down.resnetCount - 1) +
           ".transformer_blocks." + std::to_string(down.transformerDepths.back() - 1) + ".attn1";
}

int UNetConfig::featureStride() const {
    int stride = 1;
    for (int block = 0; block < hookedBlock(); ++block)
        if (downBlocks[block].hasDownsampler)
            stride *= 2;
    return stride;
}

UNetConfig parseUNetConfig(const std::filesystem::path &configFile) {
    const ConfigReader config(configFile);
    config.requireClass("UNet2DConditionModel");

    UNetConfig unet;
    unet.source = config.source();
    unet.inChannels = config.count("in_channels", 4, kMaxChannels);
    unet.sampleSize = config.count("sample_size", 0, kMaxSampleSize);

    std::vector<std::string> blockTypes;
    if (const Json *types = config.find("down_block_types")) {
        if (!types->is_array() || types->empty() || types->size() > std::size_t(kMaxBlocks))
            config.fail("down_block_types", "must be a list of 1 to " + std::to_string(kMaxBlocks) + " block names");
        for (const Json &type : *types) {
            if (!type.is_string())
                config.fail("down_block_types", "must be a list of block names, not " + jsonExcerpt(*types));
            blockTypes.push_back(type.get<std::string>());
        }
    } else
        blockTypes = {"CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"};
    const std::size_t blockCount = blockTypes.size();

    const std::vector<int> outChannels =
        config.find("block_out_channels") ? config.integerList("block_out_channels", kMaxChannels) : std::vector<int>{320, 640, 1280, 1280};
    if (outChannels.size() != blockCount)
        config.fail("block_out_channels", "has " + std::to_string(outChannels.size()) + " entries for " +
                                              std::to_string(blockCount) + " down blocks");
    const std::vector<int> resnetCounts = config.perBlock("layers_per_block", blockCount, 2, kMaxResnetsPerBlock);
    const std::vector<std::vector<int>> depths = transformerDepths(config, resnetCounts);
    // diffusers #2011: with num_attention_heads unset (v0.26 refuses it set), attention_head_dim
    // is the number of heads.
    config.requireNull("num_attention_heads");
    const std::vector<int> heads = config.perBlock("attention_head_dim", blockCount, 8, kMaxHeads);
    const std::vector<int> crossAttentionDims = config.perBlock("cross_attention_dim", blockCount, 1280, kMaxChannels);

    if (const Json *onlyCross = config.find("only_cross_attention")) {
        const bool anyTrue = onlyCross->is_array() ? std::any_of(onlyCross->begin(), onlyCross->end(),
                                                                 [](const Json &entry) { return entry != false; })
                                                   : *onlyCross != false;
        if (anyTrue) // attn1 would attend to the text instead of the image
            config.fail("only_cross_attention", jsonExcerpt(*onlyCross) + " is not supported (only false)");
    }

    int inChannels = outChannels[0];
    for (std::size_t block = 0; block < blockCount; ++block) {
        std::string type = blockTypes[block];
        if (type.starts_with("UNetRes")) // diffusers strips this prefix too
            type = type.substr(7);
        UNetDownBlockConfig down;
        if (type == "CrossAttnDownBlock2D")
            down.hasCrossAttention = true;
        else if (type != "DownBlock2D")
            config.fail("down_block_types", "'" + blockTypes[block] +
                                                "' is not supported (only CrossAttnDownBlock2D and DownBlock2D)");
        down.inChannels = inChannels;
        down.outChannels = outChannels[block];
        down.resnetCount = resnetCounts[block];
        down.hasDownsampler = block + 1 < blockCount;
        if (down.hasCrossAttention) {
            down.transformerDepths = depths[block];
            down.attentionHeads = heads[block];
            down.crossAttentionDim = crossAttentionDims[block];
            if (down.outChannels % down.attentionHeads != 0)
                config.fail("attention_head_dim", "(the head count) " + std::to_string(down.attentionHeads) +
                                                      " does not divide block_out_channels " +
                                                      std::to_string(down.outChannels));
        }
        unet.downBlocks.push_back(down);
        inChannels = outChannels[block];
    }
    unet.hookedBlock(); // throws when no block has attention

    unet.convInKernel = config.count("conv_in_kernel", 3, kMaxKernel);
    if (unet.convInKernel % 2 == 0)
        config.fail("conv_in_kernel", std::to_string(unet.convInKernel) + " is not supported (only odd sizes)");
    config.requireOneOf("time_embedding_type", {"positional"}, "positional");
    unet.timeEmbedDim = config.count("time_embedding_dim", 4 * outChannels[0], 4 * kMaxChannels);
    unet.flipSinToCos = config.boolean("flip_sin_to_cos", true);
    unet.freqShift = config.number("freq_shift", 0);
    unet.downsamplePadding = int(config.integer("downsample_padding", 1, 0, kMaxKernel));
    unet.normGroups = config.count("norm_num_groups", 32, kMaxChannels);
    unet.normEps = config.positiveNumber("norm_eps", 1e-5);
    for (const UNetDownBlockConfig &down : unet.downBlocks)
        if (down.inChannels % unet.normGroups != 0 || down.outChannels % unet.normGroups != 0)
            config.fail("norm_num_groups", std::to_string(unet.normGroups) + " does not divide the block channels");
    unet.useLinearProjection = config.boolean("use_linear_projection", false);
    unet.upcastAttention = config.boolean("upcast_attention", false);

    const std::string additionType = config.string("addition_embed_type", "");
    if (additionType == "text_time") {
        unet.additionTimeEmbedDim = config.count("addition_time_embed_dim", {}, kMaxChannels);
        unet.additionEmbedInputDim = config.count("projection_class_embeddings_input_dim", {}, 4 * kMaxChannels);
    } else if (!additionType.empty())
        config.fail("addition_embed_type", "'" + additionType + "' is not supported (only null or text_time)");
    // The sinusoids divide by (dim / 2 - freq_shift).
    for (int dim : {outChannels[0], unet.additionTimeEmbedDim})
        if (dim > 0 && unet.freqShift >= dim / 2)
            config.fail("freq_shift", "must be smaller than half of every sinusoidal embedding's width");

    requireSiluActivation(config);
    config.requireOneOf("resnet_time_scale_shift", {"default"}, "default");
    config.requireOneOf("attention_type", {"default"}, "default");
    config.requireOneOf("dual_cross_attention", {false}, false);
    config.requireOneOf("center_input_sample", {false}, false);
    config.requireNull("class_embed_type");
    config.requireNull("num_class_embeds");
    config.requireNull("encoder_hid_dim");
    config.requireNull("encoder_hid_dim_type");
    config.requireNull("time_embedding_act_fn");
    config.requireNull("timestep_post_act");
    // Not read because diffusers does not use them on this path: time_cond_proj_dim (LCM; only
    // with a guidance embedding), resnet_out_scale_factor / resnet_skip_time_act /
    // cross_attention_norm (not passed to these block types), mid and up block keys, dropout.
    return unet;
}

VaeConfig parseVaeConfig(const std::filesystem::path &configFile) {
    const ConfigReader config(configFile);
    config.requireClass("AutoencoderKL");

    VaeConfig vae;
    vae.source = config.source();
    vae.inChannels = config.count("in_channels", 3, kMaxChannels);
    vae.blockOutChannels = config.find("block_out_channels") ? config.integerList("block_out_channels", kMaxChannels)
                                                             : std::vector<int>{64};
    if (const Json *types = config.find("down_block_types")) {
        if (!types->is_array() || types->size() != vae.blockOutChannels.size())
            config.fail("down_block_types", "must list one block per block_out_channels entry");
        for (const Json &type : *types)
            if (type != "DownEncoderBlock2D")
                config.fail("down_block_types", jsonExcerpt(type) + " is not supported (only DownEncoderBlock2D)");
    } else if (vae.blockOutChannels.size() != 1)
        config.fail("down_block_types", "is required");
    vae.layersPerBlock = config.count("layers_per_block", 1, kMaxResnetsPerBlock);
    vae.latentChannels = config.count("latent_channels", 4, kMaxChannels);
    vae.normGroups = config.count("norm_num_groups", 32, kMaxChannels);
    for (int channels : vae.blockOutChannels)
        if (channels % vae.normGroups != 0)
            config.fail("norm_num_groups", std::to_string(vae.normGroups) + " does not divide block_out_channels");
    vae.scalingFactor = config.positiveNumber("scaling_factor", 0.18215);
    vae.forceUpcast = config.boolean("force_upcast", true);
    vae.midBlockAttention = config.boolean("mid_block_add_attention", true);
    vae.useQuantConv = config.boolean("use_quant_conv", true);
    requireSiluActivation(config);
    // Latents would need (mean - shift_factor) × scaling_factor (SD3/Flux VAEs).
    config.requireNull("shift_factor");
    return vae;
}

} // namespace diffcut
