#pragma once
// The neural half of naming segments: an OpenCLIP ConvNeXt model (image and text towers), built
// and run by LibTorch in the separately loaded diffcut_diffusion library, behind this interface so
// that core, the CLI and the GUI use it without LibTorch. Torch-free types only.
#include "common/progress.h"
#include "diffusion/openclip_folder.h"
#include "features/feature_map.h"
#include "naming/segment_scores.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace diffcut {

struct ClipModelSettings {
    std::string model;           // OpenCLIP folder or Hugging Face repo id in the local cache
    std::string device = "auto"; // "auto" (CUDA when available), "cpu" or "cuda"
};

class ClipModel {
public:
    virtual ~ClipModel() = default;
    virtual const OpenClipModelInfo &info() const = 0;
    // One line for the user: model, device, architecture.
    virtual std::string description() const = 0;
    // The stride-32 output of the ConvNeXt trunk (DiffCut's clip_vis_dense): `image` is a
    // (3, H, W) float32 RGB map in [0, 1], resized to size × size (bilinear, half-pixel centres,
    // no antialiasing; not at all when it has that size), then, when `normalize`, standardised
    // with the model's preprocess_cfg mean and std. Returns (C, size/32, size/32).
    virtual FeatureMap denseFeatures(const FeatureMap &image, int size, bool normalize,
                                     const WorkControl &control = {}) const = 0;
    // Text features (before normalisation) of `count` prompts of contextLength() token ids each.
    virtual RowMatrixXf encodeText(const std::vector<std::int64_t> &ids, std::int64_t count,
                                   const WorkControl &control = {}) const = 0;
    // Visual embeddings (before normalisation) of pooled trunk features (segments × C): the
    // trunk's head (LayerNorm) and the MLP projection head.
    virtual RowMatrixXf embedPooled(const RowMatrixXf &pooled) const = 0;
    // min(exp(logit_scale), 100).
    virtual float logitScale() const = 0;
    virtual std::int64_t contextLength() const = 0;
};

// Loads the model from the diffcut_diffusion library. Throws Error when the model is not a
// complete OpenCLIP ConvNeXt folder or the library is not available.
std::unique_ptr<ClipModel> createClipModel(const ClipModelSettings &settings);

// Every problem with an OpenCLIP folder's weights: each tensor the towers need, by name, shape and
// dtype, against modules built on the meta device from its config and the weights' own sizes.
std::vector<std::string> checkOpenClipWeights(const OpenClipModelInfo &model);

using CreateClipModelFn = ClipModel *(const ClipModelSettings &settings);
inline constexpr const char *kCreateClipModelSymbol = "diffcut_create_clip_model";
using CheckOpenClipWeightsFn = void(const OpenClipModelInfo &model, std::vector<std::string> &problems);
inline constexpr const char *kCheckOpenClipWeightsSymbol = "diffcut_check_openclip_weights";

} // namespace diffcut
