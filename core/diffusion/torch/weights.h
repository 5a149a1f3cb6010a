#pragma once
// Weights by name, as diffusers and transformers name them ("down_blocks.0.resnets.0.conv1.weight"):
// the modules register their parameters under those names, and load() fills every parameter of
// a module from the safetensors file(s) of its folder. A missing tensor or a shape mismatch is an
// Error naming the tensor; tensors the module does not use (mid/up blocks, the VAE decoder) are
// left on disk and reported as skipped.
#include "common/progress.h"
#include "diffusion/safetensors.h"

#include <torch/nn/module.h>

#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

class WeightFiles {
public:
    // The weight file(s) of one component folder (unet/, vae/, text_encoder/): prefers the
    // ".fp16" variant when `preferHalf` and it exists, else the full-precision file; sharded
    // files ("*.safetensors.index.json") are followed. Throws Error when there are none.
    static WeightFiles fromFolder(const std::filesystem::path &folder, bool preferHalf);
    explicit WeightFiles(std::vector<SafetensorsFile> files);

    const std::vector<SafetensorsFile> &files() const { return files_; }
    const TensorInfo *find(const std::string &name, const SafetensorsFile **owner = nullptr) const;

    // Throws Error naming the tensor when it is missing, has another shape, or (for a floating
    // target) is not floating point.
    void expectTensor(const std::string &name, const torch::Tensor &target) const;
    // Copies tensor `name` into `target` (same shape, converting F16/BF16/F32/F64 to target's
    // dtype and device) after expectTensor.
    void copyInto(const std::string &name, torch::Tensor &target) const;

private:
    std::pair<const SafetensorsFile *, const TensorInfo *> locate(const std::string &name, const torch::Tensor &target) const;

    std::vector<SafetensorsFile> files_;
};

// Tensor `name` of a file as a CPU tensor of its own dtype (a copy). Throws Error when absent.
torch::Tensor readTensor(const SafetensorsFile &file, const std::string &name);

struct LoadReport {
    std::vector<std::string> loaded;
    std::vector<std::string> skipped; // in the files but not used by the module
};

// Fills every parameter and buffer of `module` (named as registered, optionally under `prefix`,
// e.g. "text_model.") from `weights`, reporting the fraction of tensors read and stopping between
// tensors when asked (a model is gigabytes and tens of seconds).
LoadReport loadModule(torch::nn::Module &module, const WeightFiles &weights, const std::string &prefix = "",
                      const WorkControl &control = {});

// What loadModule would object to, every problem rather than the first, without reading any
// tensor data (the module may live on the meta device).
std::vector<std::string> checkModule(const torch::nn::Module &module, const WeightFiles &weights);

// Throws Error with checkModule's first problem (and how many more there are), if any. Loaders
// call it with a copy of the module built on the meta device: a config that describes a bigger
// module than the weight files hold is then refused before any memory is allocated for it.
void requireWeightsFor(const torch::nn::Module &module, const WeightFiles &weights);

} // namespace diffcut
