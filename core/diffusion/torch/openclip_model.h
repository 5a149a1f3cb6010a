#pragma once
// An OpenCLIP ConvNeXt model as one module whose parameter names are open_clip's state_dict names
// ("visual.trunk.stem.0.weight", "transformer.resblocks.0.ln_1.weight", "logit_scale"), so
// loadModule() fills it from open_clip_model.safetensors and checkModule() checks a file against
// it on the meta device. Built from open_clip_config.json and the weights' sizes.
#include "diffusion/openclip_folder.h"
#include "diffusion/torch/clip_text_tower.h"
#include "diffusion/torch/convnext_tower.h"
#include "diffusion/torch/weights.h"

#include <memory>

namespace diffcut {

class OpenClipModelImpl : public torch::nn::Module {
public:
    OpenClipModelImpl(const OpenClipArchitecture &architecture, const torch::TensorOptions &options);

    const OpenClipArchitecture &architecture() const { return architecture_; }
    const ConvNextVisualImpl &visual() const { return *visual_; }
    const ClipTextTower &text() const { return text_; }
    // min(exp(logit_scale), 100), as DiffCut's get_classification_logits.
    float logitScale() const;

private:
    OpenClipArchitecture architecture_;
    std::shared_ptr<ConvNextVisualImpl> visual_;
    ClipTextTower text_;
    torch::Tensor logitScale_;
};

// Names and shapes of every tensor of the weight files.
TensorShapes tensorShapesOf(const WeightFiles &weights);

// The model of a complete OpenCLIP folder, loaded in float32 on `device`, in eval mode. Throws
// Error naming the file for a missing or mis-shaped tensor, and for tensors the model lacks.
std::shared_ptr<OpenClipModelImpl> loadOpenClipModel(const OpenClipModelInfo &info, const torch::Device &device);

// What loading would object to, on the meta device (no memory): missing, mis-shaped and unused tensors.
std::vector<std::string> checkOpenClipModel(const OpenClipModelInfo &info);

} // namespace diffcut
