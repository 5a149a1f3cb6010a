#pragma once
// OpenCLIP model folders, as the Hugging Face hub holds them for open_clip (open_clip_config.json +
// open_clip_model.safetensors, with the CLIP BPE tokenizer files vocab.json and merges.txt), and
// the architecture of a ConvNeXt OpenCLIP model: the config names a timm model
// ("convnext_large") whose depths and widths it does not spell out, so they are read from the
// weights' names and shapes. Torch-free: `diffcut model list/check` and the tests use it without
// LibTorch; the towers in diffusion/torch/ are built from OpenClipArchitecture.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace diffcut {

inline constexpr const char *kOpenClipConfigFile = "open_clip_config.json";
inline constexpr const char *kOpenClipWeightsFile = "open_clip_model.safetensors";
inline constexpr const char *kOpenClipPickleFile = "open_clip_pytorch_model.bin";
inline constexpr const char *kClipVocabFile = "vocab.json";
inline constexpr const char *kClipMergesFile = "merges.txt";

// What open_clip_config.json says (keys absent take open_clip's defaults).
struct OpenClipConfig {
    std::int64_t embedDim = 0;
    std::string timmModelName; // vision_cfg.timm_model_name, e.g. "convnext_large"
    bool projBias = false;     // vision_cfg.timm_proj_bias: bias of the MLP head's last layer
    bool quickGelu = false;    // model_cfg.quick_gelu: QuickGELU in the text tower
    std::int64_t contextLength = 77, vocabSize = 49408, width = 512, heads = 8, layers = 12;
    double mlpRatio = 4.0;
    std::array<float, 3> mean{0.48145466f, 0.4578275f, 0.40821073f}; // preprocess_cfg (OpenAI CLIP's by default)
    std::array<float, 3> std{0.26862954f, 0.26130258f, 0.27577711f};

    // Throws Error naming the file and the key for a config that is not a timm ConvNeXt OpenCLIP
    // model with timm_pool "" and timm_proj "mlp" (what DiffCut's open-vocabulary step uses).
    static OpenClipConfig fromFile(const std::filesystem::path &configJson);
};

using TensorShapes = std::map<std::string, std::vector<std::int64_t>>;

struct ConvNextArchitecture {
    std::vector<std::int64_t> depths, dims; // blocks and channels per stage
    std::int64_t stemPatch = 4, kernel = 7, mlpHidden0 = 0; // mlpHidden0: fc1 width of stage 0
    bool layerScale = true;                 // blocks have "gamma"
    std::int64_t headHidden = 0;            // visual.head.mlp.fc1 outputs (2 × embed_dim)
};

struct OpenClipArchitecture {
    OpenClipConfig config;
    ConvNextArchitecture vision;
    std::int64_t mlpRatio() const { return vision.mlpHidden0 / vision.dims.front(); }
};

// Depths, widths, kernel, patch and head sizes of the ConvNeXt trunk from the tensors'
// names and shapes ("visual.trunk.stages.{i}.blocks.{j}.conv_dw.weight" …). Throws Error naming
// `where` when the tensors are not a timm ConvNeXt trunk.
OpenClipArchitecture openClipArchitecture(const OpenClipConfig &config, const TensorShapes &shapes,
                                          const std::string &where);

struct OpenClipModelInfo {
    std::filesystem::path folder;
    std::string id;                    // "laion/CLIP-convnext_large_d_320..." for a cache snapshot, else the folder name
    OpenClipConfig config;
    std::vector<std::string> missing;  // files it needs that are absent, with where to get them
    std::uintmax_t bytes = 0;
    bool complete() const { return missing.empty(); }
    // xxHash3-64 of the folder, the weight and tokenizer files' names, sizes and modification
    // times: what cached dense features are keyed by, without reading 1.4 GB.
    std::string fingerprint() const;
};

bool isOpenClipFolder(const std::filesystem::path &folder);

// Reads the config and lists what is missing (a repo with only the pickle weights is told which
// file to get). Throws Error when the folder is not an OpenCLIP model folder.
OpenClipModelInfo inspectOpenClipModel(const std::filesystem::path &folder);

// A complete model found by path or Hugging Face repo id; throws Error naming what is missing.
OpenClipModelInfo resolveOpenClipModel(const std::string &pathOrRepoId);

// Every OpenCLIP folder in the Hugging Face cache and in `extraFolders` (as discoverModels).
std::vector<OpenClipModelInfo> discoverOpenClipModels(const std::vector<std::filesystem::path> &extraFolders = {});

} // namespace diffcut
