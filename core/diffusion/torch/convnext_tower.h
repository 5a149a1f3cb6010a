#pragma once
// The image tower of an OpenCLIP ConvNeXt model as DiffCut uses it: open_clip's TimmModel around
// a timm ConvNeXt (timm 0.9.16) with timm_pool "" and timm_proj "mlp". The trunk: stem (k×k
// stride-k patch conv, LayerNorm2d), stages (LayerNorm2d + 2×2 stride-2 conv before stages 1+;
// blocks: depthwise conv, channels-last LayerNorm, MLP with exact GELU, layer scale, residual);
// norm_pre is Identity, so the last stage's output is DiffCut's clip_vis_dense. The pooled
// features go through trunk.head (LayerNorm2d of a 1×1 map) and the MLP projection head
// (fc1 with bias, GELU, fc2 without bias unless timm_proj_bias). Parameters carry open_clip's
// names below "visual." ("trunk.stages.2.blocks.0.conv_dw.weight", "head.mlp.fc2.weight");
// every LayerNorm has eps 1e-6.
#include "common/progress.h"
#include "diffusion/openclip_folder.h"
#include "diffusion/torch/diffusers_layers.h"

#include <memory>
#include <vector>

namespace diffcut {

class ConvNextBlockImpl;
class ConvNextStageImpl;

class ConvNextVisualImpl : public torch::nn::Module {
public:
    ConvNextVisualImpl(const ConvNextArchitecture &architecture, std::int64_t embedDim, bool projBias,
                       const torch::TensorOptions &options);

    // image (1, 3, H, W) → (1, C, H/32, W/32). Taps carry the fixture's names: "vision.stem",
    // "vision.stages.{i}.downsample", "vision.stages.{i}.blocks.{j}", "vision.res{i+2}", and
    // inside each block "vision.debug.stages.{i}.blocks.{j}.{conv_dw,norm_nhwc,mlp_fc1_nhwc,
    // mlp_act_nhwc,mlp_fc2_nhwc}". Checks `control` between blocks and reports progress.
    torch::Tensor dense(const torch::Tensor &image, const TensorTap &tap = {}, const WorkControl &control = {}) const;

    // pooled (S, C) → (S, embed_dim). Taps "seg.after_trunk_head", "seg.visual_head_fc1",
    // "seg.visual_head_act", "seg.after_visual_head".
    torch::Tensor embedPooled(const torch::Tensor &pooled, const TensorTap &tap = {}) const;

private:
    std::shared_ptr<diffusers::Conv2d> stemConv_;
    std::shared_ptr<diffusers::LayerNorm> stemNorm_, headNorm_;
    std::vector<std::shared_ptr<ConvNextStageImpl>> stages_;
    std::shared_ptr<diffusers::Linear> headFc1_, headFc2_;
    std::int64_t blockCount_ = 0;
};

} // namespace diffcut
