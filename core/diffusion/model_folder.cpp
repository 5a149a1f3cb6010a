#include "diffusion/model_folder.h"

#include "common/error.h"
#include "common/json_reader.h"
#include "diffusion/diffusers_config.h"
#include "diffusion/scheduler.h"

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
    std::error_code folderStatus;
    if (!fs::is_directory(folder, folderStatus))
        throw Error(folder.string() + ": not a folder" + (folderStatus ? " (" + folderStatus.message() + ")" : ""));
    const fs::path indexFile = folder / "model_index.json";
    std::error_code status;
    if (fs::symlink_status(indexFile, status).type() == fs::file_type::not_found)
        throw Error(folder.string() + ": not a diffusers model folder (no model_index.json)");
    const JsonObject index = JsonObject::readFile(indexFile);
    ModelInfo info;
    info.folder = folder;
    info.id = folder.filename().string();
    info.pipelineClass = index.string("_class_name", "");
    for (const char *required : {"unet", "vae", "scheduler"})
        if (!index.find(required))
            index.fail("has no " + std::string(required) + " component");

    // The configs the encoder will build from, read now so that a model it cannot use fails here.
    const fs::path unetFile = folder / "unet/config.json";
    const UNetConfig unet = parseUNetConfig(unetFile);
    const VaeConfig vae = parseVaeConfig(folder / "vae/config.json");
    info.family = unet.hasTextTimeEmbedding() ? ModelFamily::StableDiffusionXL : ModelFamily::StableDiffusion1;
    if (unet.sampleSize == 0)
        throw Error(unetFile.string() + ": sample_size is required");
    const long long resolution = (long long)unet.sampleSize * vae.latentStride();
    if (resolution < kMinModelResolution || resolution > kMaxModelResolution)
        throw Error(unetFile.string() + ": sample_size " + std::to_string(unet.sampleSize) + " makes the model's resolution " +
                    std::to_string(resolution) + " px, outside " + std::to_string(kMinModelResolution) + "-" +
                    std::to_string(kMaxModelResolution) + " px");
    info.resolution = int(resolution);
    if (const fs::path scheduler = folder / "scheduler/scheduler_config.json"; isFile(scheduler))
        NoiseSchedule::fromConfig(scheduler); // a schedule the encoder could not use fails here, not after loading

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
    std::string revision;
    std::error_code error;
    if (isFile(repo / "refs/main")) // only a regular file: opening a FIFO would wait for a writer
        std::ifstream(repo / "refs/main") >> revision;
    if (!revision.empty() && fs::is_directory(repo / "snapshots" / revision, error))
        return repo / "snapshots" / revision;
    fs::path newest;
    fs::file_time_type newestTime;
    for (const auto &entry : fs::directory_iterator(repo / "snapshots", error)) {
        std::error_code status;
        const fs::file_time_type time = entry.last_write_time(status);
        if (entry.is_directory(status) && !status && (newest.empty() || time > newestTime)) {
            newest = entry.path();
            newestTime = time;
        }
    }
    return newest;
}

fs::path resolveModel(const std::string &pathOrRepoId) {
    std::error_code status;
    if (fs::is_directory(pathOrRepoId, status))
        return pathOrRepoId;
    const fs::path cache = huggingFaceHubCache();
    if (fs::path snapshot = cachedSnapshot(cache, pathOrRepoId); !snapshot.empty())
        return snapshot;
    throw Error("model '" + pathOrRepoId + "' not found: not a folder, and not in the Hugging Face cache (" +
                cache.string() + ")");
}

std::vector<fs::path> candidateModelFolders(const std::vector<fs::path> &extraFolders, std::vector<std::string> *unusable) {
    const auto reject = [&](const std::string &reason) {
        if (unusable)
            unusable->push_back(reason);
    };
    std::vector<fs::path> candidates;
    std::error_code error;
    const fs::path cache = huggingFaceHubCache();
    for (const auto &entry : fs::directory_iterator(cache, error)) {
        const std::string repoId = repoIdOfCacheFolder(entry.path().filename().string());
        if (fs::path snapshot = cachedSnapshot(cache, repoId); !snapshot.empty())
            candidates.push_back(snapshot);
    }
    for (const fs::path &folder : extraFolders) {
        if (!fs::is_directory(folder, error)) {
            reject(folder.string() + ": not a folder" + (error ? " (" + error.message() + ")" : ""));
            continue;
        }
        candidates.push_back(folder);
        for (fs::directory_iterator entry(folder, error), end; !error && entry != end; entry.increment(error)) {
            std::error_code status;
            if (entry->is_directory(status))
                candidates.push_back(entry->path());
            else if (status && status != std::errc::no_such_file_or_directory) // a dangling link is no model
                reject(entry->path().string() + ": cannot be read (" + status.message() + ")");
        }
        if (error)
            reject(folder.string() + ": cannot be listed (" + error.message() + ")");
    }
    return candidates;
}

std::string modelIdOf(const fs::path &folder) {
    const std::string repoId = repoIdOfCacheFolder(folder.parent_path().parent_path().filename().string());
    return folder.parent_path().filename() == "snapshots" && !repoId.empty() ? repoId : folder.filename().string();
}

std::vector<ModelInfo> discoverModels(const std::vector<fs::path> &extraFolders, std::vector<std::string> *unusable) {
    const auto reject = [&](const std::string &reason) {
        if (unusable)
            unusable->push_back(reason);
    };
    std::vector<ModelInfo> models;
    for (const fs::path &candidate : candidateModelFolders(extraFolders, unusable)) {
        std::error_code status;
        if (fs::symlink_status(candidate / "model_index.json", status).type() == fs::file_type::not_found)
            continue; // not a pipeline folder
        try {
            ModelInfo info = inspectModel(candidate);
            info.id = modelIdOf(candidate);
            models.push_back(std::move(info));
        } catch (const Error &e) {
            reject(e.what());
        }
    }
    return models;
}

} // namespace diffcut
