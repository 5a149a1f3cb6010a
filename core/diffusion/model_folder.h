#pragma once
// Diffusion model folders in the diffusers layout (model_index.json, unet/, vae/, scheduler/,
// text_encoder/, text_encoder_2/), found by path, by Hugging Face repo id in the local Hugging
// Face cache (models--ORG--NAME/snapshots/REV/), or by listing what is installed. Torch-free:
// the CLI lists and checks models without loading LibTorch.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

enum class ModelFamily {
    StableDiffusionXL, // SSD-1B, Segmind-Vega, SDXL: features from down_blocks[-1], two text encoders
    StableDiffusion1,  // SD 1.x: features from down_blocks[-2], one text encoder
};

struct ModelComponent {
    std::string name;                       // "unet", "vae", ...
    std::uintmax_t bytes = 0;               // size of its files on disk
    std::vector<std::string> missing;       // files it needs that are absent (or dangling links)
};

struct ModelInfo {
    std::filesystem::path folder;
    std::string id;                         // "segmind/SSD-1B" for a cache snapshot, else the folder name
    std::string pipelineClass;              // model_index.json "_class_name"
    ModelFamily family = ModelFamily::StableDiffusionXL;
    int resolution = 0;                     // unet.sample_size × 2^(len(vae.block_out_channels) − 1)
    std::vector<ModelComponent> components; // the ones DiffCut needs
    bool complete() const;
    std::uintmax_t bytes() const;
};

// The model's resolution (its UNet's sample_size times the VAE's downsampling) must lie in this
// range: real models use 512 (SD 1.x) to 1024 (SDXL family; the tiny test models 64), and the
// encoder's time and memory grow with its square.
inline constexpr int kMinModelResolution = 32;
inline constexpr int kMaxModelResolution = 2048;

// Reads model_index.json, the UNet and VAE configs and the scheduler config (whose noise schedule
// it validates). Throws Error when the folder is not a diffusers pipeline folder DiffCut can use
// (naming the file and what is wrong); missing weight files are reported in the components, not
// thrown, so `diffcut model list` can show them.
ModelInfo inspectModel(const std::filesystem::path &folder);

// Hugging Face hub cache folders, in the order the Hugging Face tools use: $HF_HUB_CACHE,
// $HUGGINGFACE_HUB_CACHE, $HF_HOME/hub, $XDG_CACHE_HOME/huggingface/hub, ~/.cache/huggingface/hub.
std::filesystem::path huggingFaceHubCache();

// The snapshot folder of repo id "ORG/NAME" in `hubCache` (the revision refs/main points to,
// else the newest snapshot); empty when the cache does not hold it.
std::filesystem::path cachedSnapshot(const std::filesystem::path &hubCache, const std::string &repoId);

// A model given as a folder path or as a repo id in the Hugging Face cache. Throws Error saying
// where it looked when neither exists.
std::filesystem::path resolveModel(const std::string &pathOrRepoId);

// Where models may be: the snapshot of every repo in the Hugging Face cache, each of
// `extraFolders` and its sub-folders. An extra folder that cannot be listed adds its reason to
// `unusable` when given.
std::vector<std::filesystem::path> candidateModelFolders(const std::vector<std::filesystem::path> &extraFolders,
                                                         std::vector<std::string> *unusable = nullptr);
// "ORG/NAME" for a snapshot folder of the Hugging Face cache, else the folder's name.
std::string modelIdOf(const std::filesystem::path &folder);

// Every usable pipeline in the Hugging Face cache and in `extraFolders` (each either a model
// folder or a folder of model folders). Folders without a model_index.json are not pipelines and
// are skipped; each other entry that cannot be used (a broken config, a symlink loop, a missing
// extra folder) adds its reason, naming it, to `unusable` when given.
std::vector<ModelInfo> discoverModels(const std::vector<std::filesystem::path> &extraFolders = {},
                                      std::vector<std::string> *unusable = nullptr);

} // namespace diffcut
