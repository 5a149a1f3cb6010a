#pragma once
// The ClipModel of core/naming on LibTorch (created through the library's entry point
// diffcut_create_clip_model), and around a model built in place (the benchmark's random weights).
#include "diffusion/torch/openclip_model.h"
#include "naming/clip_model.h"

#include <memory>

namespace diffcut {

std::unique_ptr<ClipModel> makeClipModel(std::shared_ptr<OpenClipModelImpl> model, OpenClipModelInfo info,
                                         const torch::Device &device);

} // namespace diffcut
