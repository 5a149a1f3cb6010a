#include "diffusion/openclip_folder.h"

#include "common/error.h"
#include "common/json_file.h"
#include "diffusion/model_folder.h"

#include <xxhash.h>

#include <cstdio>
#include <regex>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

bool isFile(const fs::path &path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

// A key of a JSON object, with open_clip's default when absent; a value of another type is an Error.
template <typename T>
T valueOr(const nlohmann::json &object, const char *key, T fallback, const std::string &where) {
    if (!object.contains(key) || object[key].is_null())
        return fallback;
    try {
        return object[key].get<T>();
    } catch (const nlohmann::json::exception &) {
        throw Error(where + ": '" + key + "' has the wrong type");
    }
}

std::string shapeText(const std::vector<std::int64_t> &shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

} // namespace

OpenClipConfig OpenClipConfig::fromFile(const fs::path &configJson) {
    const std::string where = configJson.string();
    const nlohmann::json json = readJsonFile(configJson);
    if (!json.is_object() || !json.contains("model_cfg") || !json["model_cfg"].is_object())
        throw Error(where + ": not an OpenCLIP config (no \"model_cfg\" object)");
    const nlohmann::json &model = json["model_cfg"];
    const nlohmann::json vision = model.value("vision_cfg", nlohmann::json::object());
    const nlohmann::json text = model.value("text_cfg", nlohmann::json::object());
    if (!vision.is_object() || !text.is_object())
        throw Error(where + ": vision_cfg and text_cfg must be objects");

    OpenClipConfig config;
    config.embedDim = valueOr<std::int64_t>(model, "embed_dim", 0, where);
    if (config.embedDim < 1)
        throw Error(where + ": 'embed_dim' must be a positive integer");
    config.timmModelName = valueOr<std::string>(vision, "timm_model_name", "", where);
    if (config.timmModelName.rfind("convnext", 0) != 0)
        throw Error(where + ": not a ConvNeXt OpenCLIP model (vision_cfg.timm_model_name is '" + config.timmModelName +
                    "'; DiffCut names segments with a timm ConvNeXt image tower)");
    if (const std::string pool = valueOr<std::string>(vision, "timm_pool", "", where); !pool.empty())
        throw Error(where + ": vision_cfg.timm_pool '" + pool + "' is not supported (DiffCut's models have \"\")");
    if (const std::string proj = valueOr<std::string>(vision, "timm_proj", "", where); proj != "mlp")
        throw Error(where + ": vision_cfg.timm_proj '" + proj + "' is not supported (DiffCut's models have \"mlp\")");
    config.projBias = valueOr<bool>(vision, "timm_proj_bias", false, where);
    config.quickGelu = valueOr<bool>(model, "quick_gelu", false, where);

    for (const char *unsupported : {"hf_model_name", "embed_cls", "ls_init_value", "attentional_pool"})
        if (text.contains(unsupported) && !text[unsupported].is_null() && text[unsupported] != false)
            throw Error(where + ": text_cfg." + unsupported + " is not supported");
    if (valueOr<bool>(text, "no_causal_mask", false, where) || valueOr<std::string>(text, "pool_type", "argmax", where) != "argmax" ||
        valueOr<bool>(text, "proj_bias", false, where))
        throw Error(where + ": only open_clip's default text tower is supported (causal mask, argmax pooling, "
                            "text_projection without bias)");
    config.contextLength = valueOr<std::int64_t>(text, "context_length", config.contextLength, where);
    config.vocabSize = valueOr<std::int64_t>(text, "vocab_size", config.vocabSize, where);
    config.width = valueOr<std::int64_t>(text, "width", config.width, where);
    config.heads = valueOr<std::int64_t>(text, "heads", config.heads, where);
    config.layers = valueOr<std::int64_t>(text, "layers", config.layers, where);
    config.mlpRatio = valueOr<double>(text, "mlp_ratio", config.mlpRatio, where);
    if (config.contextLength < 3 || config.vocabSize < 1 || config.width < 1 || config.heads < 1 || config.layers < 1 ||
        config.width % config.heads != 0 || !(config.mlpRatio > 0))
        throw Error(where + ": text_cfg sizes are invalid (context_length, vocab_size, width a multiple of heads, "
                            "layers, mlp_ratio)");

    const nlohmann::json preprocess = json.value("preprocess_cfg", nlohmann::json::object());
    if (preprocess.is_object()) {
        config.mean = valueOr<std::array<float, 3>>(preprocess, "mean", config.mean, where);
        config.std = valueOr<std::array<float, 3>>(preprocess, "std", config.std, where);
        for (float s : config.std)
            if (!(s > 0))
                throw Error(where + ": preprocess_cfg.std must be positive");
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
