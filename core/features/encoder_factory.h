#pragma once
// Which FeatureEncoder a front end gets: the diffusion encoder when a model is configured (loaded
// at run time from the diffcut_diffusion library, so programs start without LibTorch), else the
// built-in fallback.
#include "common/progress.h"
#include "features/feature_encoder.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace diffcut {

struct EncoderSettings {
    std::string model;                  // model folder or Hugging Face repo id; empty = built-in encoder
    int timestep = 50;                  // noise level of the diffusion features
    std::string device = "auto";        // "auto" (CUDA when available), "cpu" or "cuda"
    std::string precision = "auto";     // the UNet's: "auto" (float16 on CUDA, float32 on the CPU), "float32", "float16"
    std::filesystem::path noiseFile;    // optional .npy noise (1, 4, h, w) instead of the seeded noise
    std::filesystem::path cacheRoot;    // the cache folder (common/cache_layout.h); empty = the default
    bool useCache = true;               // features read from and written to the cache's features/
    int builtinGrid = 32;               // grid of the built-in encoder (32 or 64)
    NoteFn note;                        // told about discarded cache entries and failed cache writes
};

// Throws Error when the model cannot be used (not found, incomplete, diffusion support not built),
// Cancelled when `control` asks to stop while the model loads (it reports the loading's progress).
std::unique_ptr<FeatureEncoder> createEncoder(const EncoderSettings &settings, const WorkControl &control = {});

struct ModelInfo;

// Every problem with a model's weights: each tensor the encoder needs, by name, shape and dtype,
// against modules built from the model's configs, in every weight variant of the folder. Needs
// the diffusion library; throws Error when it is not available.
std::vector<std::string> checkModelWeights(const ModelInfo &model);

// One line on where the diffusion encoder runs here: "CUDA (<GPU>, <memory>), UNet float16 (LibTorch
// <version>)", "CPU, float32 (...)" — saying when a CUDA LibTorch finds no GPU — or, without the
// diffusion library, that only the built-in encoder is available and why. Loads the library.
std::string encoderDeviceDescription();

// An entry point of the diffcut_diffusion library (loaded on first use, never unloaded). Throws
// Error when the library or the symbol is not available.
void *diffusionLibrarySymbol(const char *symbolName);

// Entry points the diffcut_diffusion library exports (extern "C" to find them with dlsym).
using CreateDiffusionEncoderFn = FeatureEncoder *(const EncoderSettings &settings, const WorkControl &control);
inline constexpr const char *kCreateDiffusionEncoderSymbol = "diffcut_create_diffusion_encoder";
using CheckModelWeightsFn = void(const ModelInfo &model, std::vector<std::string> &problems);
inline constexpr const char *kCheckModelWeightsSymbol = "diffcut_check_model_weights";
using DescribeComputeDeviceFn = void(std::string &description);
inline constexpr const char *kDescribeComputeDeviceSymbol = "diffcut_describe_compute_device";

} // namespace diffcut
