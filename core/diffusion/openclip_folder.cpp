#include "diffusion/openclip_folder.h"

#include "common/error.h"
#include "common/json_reader.h"
#include "diffusion/model_folder.h"

#include <xxhash.h>

#include <cstdio>
#include <regex>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

// Bounds that keep a hostile config from asking for absurd allocations (the largest OpenCLIP
// models are far below them).
constexpr long long kMaxWidth = 1 << 16, kMaxContext = 1 << 14, kMaxVocabulary = 1 << 24, kMaxLayers = 1024;

bool isFile(const fs::path &path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

std::string shapeText(const std::vector<std::int64_t> &shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

} // namespace

OpenClipConfig OpenClipConfig::fromFile(const fs::path &configJson) {
    const JsonObject json = JsonObject::readFile(configJson);
    if (!json.objectValue("model_cfg"))
        json.fail("is not an OpenCLIP config (no \"model_cfg\" object)");
    const JsonObject model = json.object("model_cfg");
    const auto part = [&](std::string_view key) {
        return model.optionalObject(key).value_or(JsonObject(json.source(), nlohmann::json::object(), "model_cfg." + std::string(key)));
    };
    const JsonObject vision = part("vision_cfg"), text = part("text_cfg");

    OpenClipConfig config;
    config.embedDim = model.integer("embed_dim", std::nullopt, 1, kMaxWidth);
    config.timmModelName = vision.string("timm_model_name", "");
    if (config.timmModelName.rfind("convnext", 0) != 0)
        vision.fail("timm_model_name", "is '" + config.timmModelName +
                                           "': DiffCut names segments with a timm ConvNeXt image tower");
    vision.requireOneOf("timm_pool", {""}, ""); // DiffCut's models have "" and "mlp"
    vision.requireOneOf("timm_proj", {"mlp"}, "");
    config.projBias = vision.boolean("timm_proj_bias", false);
    config.quickGelu = model.boolean("quick_gelu", false);

    for (const char *unsupported : {"hf_model_name", "embed_cls", "ls_init_value", "attentional_pool"})
        text.requireOneOf(unsupported, {nullptr, false}, nullptr);
    // only open_clip's default text tower: causal mask, argmax pooling, text_projection without bias
    text.requireOneOf("no_causal_mask", {false}, false);
    text.requireOneOf("pool_type", {"argmax"}, "argmax");
    text.requireOneOf("proj_bias", {false}, false);
    config.contextLength = text.integer("context_length", config.contextLength, 3, kMaxContext);
    config.vocabSize = text.integer("vocab_size", config.vocabSize, 1, kMaxVocabulary);
    config.width = text.integer("width", config.width, 1, kMaxWidth);
    config.heads = text.integer("heads", config.heads, 1, config.width);
    config.layers = text.integer("layers", config.layers, 1, kMaxLayers);
    config.mlpRatio = text.number("mlp_ratio", config.mlpRatio, 1e-3, 64);
    if (config.width % config.heads != 0)
        text.fail("width", "must be a multiple of heads (" + std::to_string(config.heads) + "), not " +
                               std::to_string(config.width));

    if (const std::optional<JsonObject> preprocess = json.optionalObject("preprocess_cfg")) {
        const auto triple = [&](const char *key, std::array<float, 3> &target, double min) {
            if (const auto values = preprocess->optionalNumbers(key, 3, min, 1e6))
                std::copy(values->begin(), values->end(), target.begin());
        };
        triple("mean", config.mean, -1e6);
        triple("std", config.std, 1e-12); // divided by
    }
    return config;
}

OpenClipArchitecture openClipArchitecture(const OpenClipConfig &config, const TensorShapes &shapes, const std::string &where) {
    static const std::regex blockName(R"(visual\.trunk\.stages\.(\d+)\.blocks\.(\d+)\.conv_dw\.weight)");
    std::map<int, std::map<int, std::vector<std::int64_t>>> blocks; // stage -> block -> conv_dw shape
    for (const auto &[name, shape] : shapes) {
        std::smatch match;
        if (std::regex_match(name, match, blockName))
            blocks[std::stoi(match[1])][std::stoi(match[2])] = shape;
    }
    const auto shapeOf = [&](const std::string &name) -> const std::vector<std::int64_t> & {
        const auto found = shapes.find(name);
        if (found == shapes.end())
            throw Error(where + ": missing tensor '" + name + "' (not a timm ConvNeXt OpenCLIP model)");
        return found->second;
    };
    OpenClipArchitecture architecture{config, {}};
    ConvNextArchitecture &vision = architecture.vision;
    if (blocks.empty())
        throw Error(where + ": no tensor 'visual.trunk.stages.N.blocks.N.conv_dw.weight' (not a timm ConvNeXt OpenCLIP model)");
    for (const auto &[stage, stageBlocks] : blocks) {
        if (stage != int(vision.depths.size()) || stageBlocks.rbegin()->first + 1 != int(stageBlocks.size()))
            throw Error(where + ": the ConvNeXt stages or blocks are not numbered 0, 1, 2, ...");
        const std::vector<std::int64_t> &convDw = stageBlocks.begin()->second;
        if (convDw.size() != 4 || convDw[1] != 1 || convDw[2] != convDw[3])
            throw Error(where + ": stage " + std::to_string(stage) + " has a depthwise conv of shape " + shapeText(convDw));
        vision.depths.push_back(std::int64_t(stageBlocks.size()));
        vision.dims.push_back(convDw[0]);
    }
    vision.kernel = blocks[0][0][2];
    const std::vector<std::int64_t> &stem = shapeOf("visual.trunk.stem.0.weight");
    if (stem.size() != 4 || stem[2] != stem[3])
        throw Error(where + ": visual.trunk.stem.0.weight has shape " + shapeText(stem));
    vision.stemPatch = stem[2];
    const std::vector<std::int64_t> &fc1 = shapeOf("visual.trunk.stages.0.blocks.0.mlp.fc1.weight");
    if (fc1.size() != 2 || fc1[0] % vision.dims[0] != 0)
        throw Error(where + ": visual.trunk.stages.0.blocks.0.mlp.fc1.weight has shape " + shapeText(fc1));
    vision.mlpHidden0 = fc1[0];
    vision.layerScale = shapes.count("visual.trunk.stages.0.blocks.0.gamma") > 0;
    const std::vector<std::int64_t> &head = shapeOf("visual.head.mlp.fc1.weight");
    if (head.size() != 2)
        throw Error(where + ": visual.head.mlp.fc1.weight has shape " + shapeText(head));
    vision.headHidden = head[0];
    return architecture;
}

std::string OpenClipModelInfo::fingerprint() const {
    std::error_code error;
    std::string description = fs::weakly_canonical(folder, error).string();
    for (const char *name : {kOpenClipConfigFile, kOpenClipWeightsFile, kClipVocabFile, kClipMergesFile})
        description += std::string("|") + name + ":" + std::to_string(fs::file_size(folder / name, error)) + ":" +
                       std::to_string(fs::last_write_time(folder / name, error).time_since_epoch().count());
    char text[17];
    std::snprintf(text, sizeof text, "%016llx",
                  static_cast<unsigned long long>(XXH3_64bits(description.data(), description.size())));
    return text;
}

bool isOpenClipFolder(const fs::path &folder) { return isFile(folder / kOpenClipConfigFile); }

OpenClipModelInfo inspectOpenClipModel(const fs::path &folder) {
    if (!fs::is_directory(folder))
        throw Error(folder.string() + ": not a folder");
    if (!isOpenClipFolder(folder))
        throw Error(folder.string() + ": not an OpenCLIP model folder (no " + kOpenClipConfigFile + ")");
    OpenClipModelInfo info;
    info.folder = folder;
    info.id = modelIdOf(folder);
    info.config = OpenClipConfig::fromFile(folder / kOpenClipConfigFile);
    if (!isFile(folder / kOpenClipWeightsFile))
        info.missing.push_back(std::string(kOpenClipWeightsFile) +
                               (isFile(folder / kOpenClipPickleFile)
                                    ? std::string(" (the folder has only ") + kOpenClipPickleFile +
                                          ", a pickle, which DiffCut does not load: get " + kOpenClipWeightsFile +
                                          " from the model's repo, e.g. with `diffcut model pull`)"
                                    : ""));
    std::vector<std::string> tokenizer;
    for (const char *name : {kClipVocabFile, kClipMergesFile})
        if (!isFile(folder / name))
            tokenizer.push_back(name);
    for (const std::string &name : tokenizer)
        info.missing.push_back(name + " (the CLIP tokenizer: in the model's repo on the hub, or the same file of "
                                      "openai/clip-vit-large-patch14)");
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(folder, error))
        if (isFile(entry.path()))
            info.bytes += fs::file_size(entry.path(), error);
    return info;
}

OpenClipModelInfo resolveOpenClipModel(const std::string &pathOrRepoId) {
    const OpenClipModelInfo info = inspectOpenClipModel(resolveModel(pathOrRepoId));
    if (!info.complete()) {
        std::string missing;
        for (const std::string &file : info.missing)
            missing += (missing.empty() ? "" : "; ") + file;
        throw Error(info.folder.string() + ": incomplete OpenCLIP model, missing " + missing);
    }
    return info;
}

std::vector<OpenClipModelInfo> discoverOpenClipModels(const std::vector<fs::path> &extraFolders) {
    std::vector<OpenClipModelInfo> models;
    for (const fs::path &candidate : candidateModelFolders(extraFolders)) {
        if (!isOpenClipFolder(candidate))
            continue;
        try {
            models.push_back(inspectOpenClipModel(candidate));
        } catch (const Error &) {
            // Not a model DiffCut can use; `diffcut model check` explains why.
        }
    }
    return models;
}

} // namespace diffcut
