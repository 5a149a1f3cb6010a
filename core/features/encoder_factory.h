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
    std::filesystem::path noiseFile;    // optional .npy noise (1, 4, h, w) instead of the seeded noise
    std::filesystem::path cacheRoot;    // the cache folder (common/cache_layout.h); empty = the default
    bool useCache = true;               // features read from and written to the cache's features/
    int builtinGrid = 32;               // grid of the built-in encoder (32 or 64)
    NoteFn note;                        // told about discarded cache entries and failed cache writes
};

// Throws Error when the model cannot be used (not found, incomplete, diffusion support not built).
std::unique_ptr<FeatureEncoder> createEncoder(const EncoderSettings &settings);

struct ModelInfo;

// Every problem with a model's weights: each tensor the encoder needs, by name, shape and dtype,
// against modules built from the model's configs, in every weight variant of the folder. Needs
// the diffusion library; throws Error when it is not available.
std::vector<std::string> checkModelWeights(const ModelInfo &model);

// Entry points the diffcut_diffusion library exports (extern "C" to find them with dlsym).
using CreateDiffusionEncoderFn = FeatureEncoder *(const EncoderSettings &settings);
inline constexpr const char *kCreateDiffusionEncoderSymbol = "diffcut_create_diffusion_encoder";
using CheckModelWeightsFn = void(const ModelInfo &model, std::vector<std::string> &problems);
inline constexpr const char *kCheckModelWeightsSymbol = "diffcut_check_model_weights";

} // namespace diffcut
