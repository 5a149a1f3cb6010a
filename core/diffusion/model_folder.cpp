#include "diffusion/model_folder.h"

#include "common/error.h"
#include "common/json_file.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

bool isFile(const fs::path &path) {
    std::error_code error;
    return fs::is_regular_file(path, error); // follows the cache's symlinks; a dangling one is false
}

ModelComponent inspectComponent(const fs::path &folder, const std::string &name) {
    ModelComponent component{name, 0, {}};
    const fs::path directory = folder / name;
    const std::string config = name == "scheduler" ? "scheduler_config.json" : "config.json";
    if (!isFile(directory / config))
        component.missing.push_back(name + "/" + config);
    bool weights = false;
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(directory, error)) {
        if (!isFile(entry.path()))
            continue;
        component.bytes += fs::file_size(entry.path(), error);
        weights |= entry.path().extension() == ".safetensors";
    }
    if (name != "scheduler" && !weights)
        component.missing.push_back(name + "/*.safetensors");
    return component;
}

// "models--ORG--NAME" → "ORG/NAME"; empty for other folder names.
std::string repoIdOfCacheFolder(const std::string &folderName) {
    const std::string prefix = "models--";
    const std::size_t separator = folderName.find("--", prefix.size());
    if (folderName.rfind(prefix, 0) != 0 || separator == std::string::npos)
        return {};
    return folderName.substr(prefix.size(), separator - prefix.size()) + "/" + folderName.substr(separator + 2);
}

const char *envOrNull(const char *name) {
    const char *value = std::getenv(name);
    return value && *value ? value : nullptr;
}

} // namespace

bool ModelInfo::complete() const {
    return std::all_of(components.begin(), components.end(), [](const ModelComponent &c) { return c.missing.empty(); });
}

std::uintmax_t ModelInfo::bytes() const {
    std::uintmax_t total = 0;
    for (const ModelComponent &component : components)
        total += component.bytes;
    return total;
}

ModelInfo inspectModel(const fs::path &folder) {
    if (!fs::is_directory(folder))
        throw Error(folder.string() + ": not a folder");
    if (!isFile(folder / "model_index.json"))
        throw Error(folder.string() + ": not a diffusers model folder (no model_index.json)");
    const nlohmann::json index = readJsonFile(folder / "model_index.json");
    ModelInfo info;
    info.folder = folder;
    info.id = folder.filename().string();
    info.pipelineClass = index.value("_class_name", std::string());
    for (const char *required : {"unet", "vae", "scheduler"})
        if (!index.contains(required))
            throw Error(folder.string() + ": model_index.json has no '" + required + "' component");

    const nlohmann::json unet = readJsonFile(folder / "unet/config.json");
    const nlohmann::json vae = readJsonFile(folder / "vae/config.json");
    info.family = unet.value("addition_embed_type", nlohmann::json()) == "text_time" ? ModelFamily::StableDiffusionXL
                                                                                     : ModelFamily::StableDiffusion1;
    if (!unet.contains("sample_size") || !unet["sample_size"].is_number_integer() || !vae.contains("block_out_channels") ||
        !vae["block_out_channels"].is_array() || vae["block_out_channels"].empty())
        throw Error(folder.string() + ": unet sample_size or vae block_out_channels missing from the configs");
    info.resolution = unet["sample_size"].get<int>() << (vae["block_out_channels"].size() - 1);

    std::vector<std::string> needed{"unet", "vae", "scheduler", "text_encoder"};
    if (info.family == ModelFamily::StableDiffusionXL)
        needed.push_back("text_encoder_2");
    for (const std::string &name : needed)
        info.components.push_back(inspectComponent(folder, name));
    return info;
}

fs::path huggingFaceHubCache() {
    if (const char *hub = envOrNull("HF_HUB_CACHE"))
        return hub;
    if (const char *hub = envOrNull("HUGGINGFACE_HUB_CACHE"))
        return hub;
    if (const char *home = envOrNull("HF_HOME"))
        return fs::path(home) / "hub";
    if (const char *xdg = envOrNull("XDG_CACHE_HOME"))
        return fs::path(xdg) / "huggingface/hub";
    if (const char *home = envOrNull("HOME"))
        return fs::path(home) / ".cache/huggingface/hub";
    return {};
}

fs::path cachedSnapshot(const fs::path &hubCache, const std::string &repoId) {
    const std::size_t slash = repoId.find('/');
    if (hubCache.empty() || slash == std::string::npos || repoId.find('/', slash + 1) != std::string::npos)
        return {};
    const fs::path repo = hubCache / ("models--" + repoId.substr(0, slash) + "--" + repoId.substr(slash + 1));
    std::ifstream ref(repo / "refs/main");
    std::string revision;
    if (ref >> revision && fs::is_directory(repo / "snapshots" / revision))
        return repo / "snapshots" / revision;
    fs::path newest;
    fs::file_time_type newestTime;
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(repo / "snapshots", error))
        if (entry.is_directory() && (newest.empty() || entry.last_write_time() > newestTime)) {
            newest = entry.path();
            newestTime = entry.last_write_time();
        }
    return newest;
}

fs::path resolveModel(const std::string &pathOrRepoId) {
    if (fs::is_directory(pathOrRepoId))
        return pathOrRepoId;
    const fs::path cache = huggingFaceHubCache();
    if (fs::path snapshot = cachedSnapshot(cache, pathOrRepoId); !snapshot.empty())
        return snapshot;
    throw Error("model '" + pathOrRepoId + "' not found: not a folder, and not in the Hugging Face cache (" +
                cache.string() + ")");
}

std::vector<fs::path> candidateModelFolders(const std::vector<fs::path> &extraFolders) {
    std::vector<fs::path> candidates;
    std::error_code error;
    const fs::path cache = huggingFaceHubCache();
    for (const auto &entry : fs::directory_iterator(cache, error)) {
        const std::string repoId = repoIdOfCacheFolder(entry.path().filename().string());
        if (fs::path snapshot = cachedSnapshot(cache, repoId); !snapshot.empty())
            candidates.push_back(snapshot);
    }
    for (const fs::path &folder : extraFolders) {
        candidates.push_back(folder);
        for (const auto &entry : fs::directory_iterator(folder, error))
            if (entry.is_directory())
                candidates.push_back(entry.path());
    }
    return candidates;
}

std::string modelIdOf(const fs::path &folder) {
    const std::string repoId = repoIdOfCacheFolder(folder.parent_path().parent_path().filename().string());
    return folder.parent_path().filename() == "snapshots" && !repoId.empty() ? repoId : folder.filename().string();
}

std::vector<ModelInfo> discoverModels(const std::vector<fs::path> &extraFolders) {
    std::vector<ModelInfo> models;
    for (const fs::path &candidate : candidateModelFolders(extraFolders)) {
        if (!isFile(candidate / "model_index.json"))
            continue;
        try {
            ModelInfo info = inspectModel(candidate);
            info.id = modelIdOf(candidate);
            models.push_back(std::move(info));
        } catch (const Error &) {
            // Not a pipeline DiffCut can use; `diffcut model check` explains why.
        }
    }
    return models;
}

} // namespace diffcut
