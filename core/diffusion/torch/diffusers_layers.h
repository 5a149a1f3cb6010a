#pragma once
// Layers shared by the VAE, UNet and CLIP encoders, mirroring diffusers (v0.26) module by module so
// that their parameters carry diffusers' names ("conv1.weight", "to_out.0.bias"). Parameters are
// allocated uninitialised on the options' device and never require gradients: every one is
// overwritten by the weights, and on the meta device the structure costs no memory.
#include <torch/nn/module.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace diffcut {

// Receives intermediate tensors under their diffusers module names ("down_blocks.1.resnets.0"),
// for checking against diffusers' own; empty in normal use.
using TensorTap = std::function<void(const std::string &name, const torch::Tensor &value)>;

inline void emitTap(const TensorTap &tap, const std::string &name, const torch::Tensor &value) {
    if (tap)
        tap(name, value);
}

namespace diffusers {

// nn.ModuleList: children named "0", "1", ...
class ModuleList : public torch::nn::Module {
public:
    template <typename ModuleType>
    std::shared_ptr<ModuleType> append(std::shared_ptr<ModuleType> child) {
        return register_module(std::to_string(children().size()), std::move(child));
    }
};

// A parameter allocated uninitialised on the options' device, never requiring gradients.
torch::Tensor registerParameter(torch::nn::Module &module, const std::string &name, at::IntArrayRef shape,
                                const torch::TensorOptions &options);

class Conv2d : public torch::nn::Module {
public:
    // padding -1: (kernel - 1) / 2, i.e. the output keeps the input's size at stride 1; groups =
    // inChannels is a depthwise conv (ConvNeXt).
    Conv2d(std::int64_t inChannels, std::int64_t outChannels, std::int64_t kernel, const torch::TensorOptions &options,
           std::int64_t stride = 1, std::int64_t padding = -1, std::int64_t groups = 1);
    torch::Tensor forward(const torch::Tensor &input) const;
    const torch::Tensor &weight() const { return weight_; }

private:
    torch::Tensor weight_, bias_;
    std::int64_t stride_, padding_, groups_;
};

class Linear : public torch::nn::Module {
public:
    Linear(std::int64_t inFeatures, std::int64_t outFeatures, bool bias, const torch::TensorOptions &options);
    torch::Tensor forward(const torch::Tensor &input) const;

private:
    torch::Tensor weight_, bias_;
};

// nn.Embedding: rows of "weight" (count, dim) by index.
class Embedding : public torch::nn::Module {
public:
    Embedding(std::int64_t count, std::int64_t dim, const torch::TensorOptions &options);
    torch::Tensor forward(const torch::Tensor &indices) const;

private:
    torch::Tensor weight_;
};

class GroupNorm : public torch::nn::Module {
public:
    GroupNorm(std::int64_t groups, std::int64_t channels, double eps, const torch::TensorOptions &options);
    torch::Tensor forward(const torch::Tensor &input) const;

private:
    torch::Tensor weight_, bias_;
    std::int64_t groups_;
    double eps_;
};

class LayerNorm : public torch::nn::Module {
public:
    LayerNorm(std::int64_t channels, double eps, const torch::TensorOptions &options);
    torch::Tensor forward(const torch::Tensor &input) const;

private:
    torch::Tensor weight_, bias_;
    double eps_;
};

// ResnetBlock2D with time_embedding_norm "default", SiLU, output_scale_factor 1;
// tembChannels 0 = no time embedding (the VAE).
class ResnetBlock2D : public torch::nn::Module {
public:
    ResnetBlock2D(std::int64_t inChannels, std::int64_t outChannels, std::int64_t tembChannels, std::int64_t groups,
                  double eps, const torch::TensorOptions &options);
    torch::Tensor forward(const torch::Tensor &input, const torch::Tensor &temb = {}) const;

private:
    std::shared_ptr<GroupNorm> norm1_, norm2_;
    std::shared_ptr<Conv2d> conv1_, conv2_, convShortcut_;
    std::shared_ptr<Linear> timeEmbProj_;
};

// Downsample2D with a 3×3 stride-2 conv; padding 0 means diffusers' asymmetric F.pad(0, 1, 0, 1)
// first (the VAE), otherwise symmetric padding (the UNet's downsample_padding).
class Downsample2D : public torch::nn::Module {
public:
    Downsample2D(std::int64_t channels, std::int64_t padding, const torch::TensorOptions &options);
    torch::Tensor forward(const torch::Tensor &input) const;

private:
    std::shared_ptr<Conv2d> conv_;
    bool padBottomRight_;
};

// SiLU computed in place on a tensor nobody else holds (an activation just made); returns it.
torch::Tensor siluInPlace(torch::Tensor tensor);

// softmax(q·kᵀ·headSize^-½)·v: q (B, Nq, heads·d), k and v (B, Nk, heads·d), heads as contiguous
// channel slices; returns (B, Nq, heads·d). With LibTorch ≥ 2 one scaled_dot_product_attention
// (flash / memory-efficient kernels on CUDA), as diffusers' AttnProcessor2_0; with LibTorch 1.x
// diffusers' AttnProcessor (baddbmm, softmax, bmm, the upcast flags honoured), queries in chunks
// so that the score matrix stays bounded in memory.
// `additiveMask` (Nq, Nk), when defined, is added to the scaled scores (OpenCLIP's causal mask).
torch::Tensor multiHeadAttention(const torch::Tensor &query, const torch::Tensor &key, const torch::Tensor &value,
                                 std::int64_t heads, bool upcastAttention, bool upcastSoftmax,
                                 const torch::Tensor &additiveMask = {});

} // namespace diffusers
} // namespace diffcut
