#include "diffusion/torch/diffusers_layers.h"

#include <ATen/ATen.h>
#include <torch/version.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace diffcut::diffusers {

namespace {

#if TORCH_VERSION_MAJOR < 2
// Bounds each chunk's attention scores to 2^26 elements (256 MB in float32).
constexpr std::int64_t kScoreElementBudget = std::int64_t(1) << 26;

// LibTorch 1.x has no fused attention: diffusers' AttnProcessor (baddbmm, softmax, bmm), with the
// queries in chunks so that the score matrix stays bounded. Every chunk's scores are computed,
// normalised and applied in one buffer, and the output is written in place: a fresh 256 MB
// buffer per step costs more in page faults than the products themselves (UNet at 1024²: 2.9 s
// against 0.45 s per attention on 2 cores). (B, heads, N, d) in and out; `additiveMask` (Nq, Nk),
// when defined, is added to the scaled scores.
torch::Tensor chunkedAttention(const torch::Tensor &query, const torch::Tensor &key, const torch::Tensor &value,
                               bool upcastAttention, bool upcastSoftmax, const torch::Tensor &additiveMask) {
    const std::int64_t batch = query.size(0), heads = query.size(1), queryCount = query.size(2);
    const std::int64_t keyCount = key.size(2), headSize = query.size(3), matrices = batch * heads;
    const double scale = 1.0 / std::sqrt(double(headSize));
    auto flatten = [&](const torch::Tensor &tensor) { return tensor.reshape({matrices, tensor.size(2), headSize}); };
    torch::Tensor queries = flatten(query), keys = flatten(key);
    const torch::Tensor values = flatten(value);
    if (upcastAttention) {
        queries = queries.to(at::kFloat);
        keys = keys.to(at::kFloat);
    }
    const torch::Tensor keysTransposed = keys.transpose(-1, -2);

    const std::int64_t chunk =
        std::clamp<std::int64_t>(kScoreElementBudget / (matrices * keyCount), 1, queryCount);
    const torch::Tensor scoreBuffer = at::empty({matrices * chunk * keyCount}, queries.options());
    torch::Tensor output = at::empty({matrices, queryCount, headSize}, values.options());
    for (std::int64_t start = 0; start < queryCount; start += chunk) {
        const std::int64_t rows = std::min(chunk, queryCount - start);
        torch::Tensor scores = scoreBuffer.narrow(0, 0, matrices * rows * keyCount).view({matrices, rows, keyCount});
        const torch::Tensor chunkQueries = queries.narrow(1, start, rows);
        if (additiveMask.defined())
            scores.copy_(additiveMask.narrow(0, start, rows).expand_as(scores));
        at::baddbmm_out(scores, scores, chunkQueries, keysTransposed, /*beta=*/additiveMask.defined() ? 1 : 0,
                        /*alpha=*/scale);
        if (upcastSoftmax && scores.scalar_type() != at::kFloat)
            scores = scores.to(at::kFloat).softmax(-1);
        else
            at::_softmax_out(scores, scores, -1, /*half_to_float=*/false); // row by row: safe in place
        torch::Tensor outputRows = output.narrow(1, start, rows);
        at::bmm_out(outputRows, scores.to(values.scalar_type()), values);
    }
    return output.reshape({batch, heads, queryCount, headSize});
}
#endif

} // namespace

torch::Tensor registerParameter(torch::nn::Module &module, const std::string &name, at::IntArrayRef shape,
                                const torch::TensorOptions &options) {
    return module.register_parameter(name, at::empty(shape, options), /*requires_grad=*/false);
}

Conv2d::Conv2d(std::int64_t inChannels, std::int64_t outChannels, std::int64_t kernel,
               const torch::TensorOptions &options, std::int64_t stride, std::int64_t padding, std::int64_t groups)
    : stride_(stride), padding_(padding < 0 ? (kernel - 1) / 2 : padding), groups_(groups) {
    weight_ = registerParameter(*this, "weight", {outChannels, inChannels / groups, kernel, kernel}, options);
    bias_ = registerParameter(*this, "bias", {outChannels}, options);
}

torch::Tensor Conv2d::forward(const torch::Tensor &input) const {
    return at::conv2d(input, weight_, bias_, stride_, padding_, /*dilation=*/1, groups_);
}

Linear::Linear(std::int64_t inFeatures, std::int64_t outFeatures, bool bias, const torch::TensorOptions &options) {
    weight_ = registerParameter(*this, "weight", {outFeatures, inFeatures}, options);
    if (bias)
        bias_ = registerParameter(*this, "bias", {outFeatures}, options);
}

torch::Tensor Linear::forward(const torch::Tensor &input) const { return at::linear(input, weight_, bias_); }

Embedding::Embedding(std::int64_t count, std::int64_t dim, const torch::TensorOptions &options) {
    weight_ = registerParameter(*this, "weight", {count, dim}, options);
}

torch::Tensor Embedding::forward(const torch::Tensor &indices) const { return at::embedding(weight_, indices); }

GroupNorm::GroupNorm(std::int64_t groups, std::int64_t channels, double eps, const torch::TensorOptions &options)
    : groups_(groups), eps_(eps) {
    weight_ = registerParameter(*this, "weight", {channels}, options);
    bias_ = registerParameter(*this, "bias", {channels}, options);
}

torch::Tensor GroupNorm::forward(const torch::Tensor &input) const {
    return at::group_norm(input, groups_, weight_, bias_, eps_);
}

LayerNorm::LayerNorm(std::int64_t channels, double eps, const torch::TensorOptions &options) : eps_(eps) {
    weight_ = registerParameter(*this, "weight", {channels}, options);
    bias_ = registerParameter(*this, "bias", {channels}, options);
}

torch::Tensor LayerNorm::forward(const torch::Tensor &input) const {
    return at::layer_norm(input, {weight_.size(0)}, weight_, bias_, eps_);
}

ResnetBlock2D::ResnetBlock2D(std::int64_t inChannels, std::int64_t outChannels, std::int64_t tembChannels,
                             std::int64_t groups, double eps, const torch::TensorOptions &options) {
    norm1_ = register_module("norm1", std::make_shared<GroupNorm>(groups, inChannels, eps, options));
    conv1_ = register_module("conv1", std::make_shared<Conv2d>(inChannels, outChannels, 3, options));
    if (tembChannels > 0)
        timeEmbProj_ = register_module("time_emb_proj", std::make_shared<Linear>(tembChannels, outChannels, true, options));
    norm2_ = register_module("norm2", std::make_shared<GroupNorm>(groups, outChannels, eps, options));
    conv2_ = register_module("conv2", std::make_shared<Conv2d>(outChannels, outChannels, 3, options));
    if (inChannels != outChannels)
        convShortcut_ = register_module("conv_shortcut", std::make_shared<Conv2d>(inChannels, outChannels, 1, options));
}

torch::Tensor siluInPlace(torch::Tensor tensor) {
    at::silu_(tensor);
    return tensor;
}

// SiLU and the additions work in place on tensors this block made itself: at 1024² a VAE
// activation is 512 MiB, and each fresh one is page-faulted and zeroed by the kernel (a third of
// the encoder's CPU time). The sums are the same (IEEE addition commutes).
torch::Tensor ResnetBlock2D::forward(const torch::Tensor &input, const torch::Tensor &temb) const {
    torch::Tensor hidden = conv1_->forward(siluInPlace(norm1_->forward(input)));
    if (timeEmbProj_)
        hidden.add_(timeEmbProj_->forward(at::silu(temb)).unsqueeze(-1).unsqueeze(-1));
    hidden = conv2_->forward(siluInPlace(norm2_->forward(hidden)));
    return hidden.add_(convShortcut_ ? convShortcut_->forward(input) : input);
}

Downsample2D::Downsample2D(std::int64_t channels, std::int64_t padding, const torch::TensorOptions &options)
    : padBottomRight_(padding == 0) {
    conv_ = register_module("conv", std::make_shared<Conv2d>(channels, channels, 3, options, 2, padding));
}

torch::Tensor Downsample2D::forward(const torch::Tensor &input) const {
    return conv_->forward(padBottomRight_ ? at::constant_pad_nd(input, {0, 1, 0, 1}, 0) : input);
}

torch::Tensor multiHeadAttention(const torch::Tensor &query, const torch::Tensor &key, const torch::Tensor &value,
                                 std::int64_t heads, [[maybe_unused]] bool upcastAttention,
                                 [[maybe_unused]] bool upcastSoftmax, const torch::Tensor &additiveMask) {
    const std::int64_t batch = query.size(0), queryCount = query.size(1);
    const std::int64_t headSize = query.size(2) / heads;
    // (B, N, heads·d) -> (B, heads, N, d)
    auto splitHeads = [&](const torch::Tensor &tensor) {
        return tensor.reshape({batch, tensor.size(1), heads, headSize}).transpose(1, 2);
    };
#if TORCH_VERSION_MAJOR >= 2
    // One fused kernel (flash or memory-efficient attention on CUDA, a blocked one on the CPU) with
    // the same 1/√d scale, which bounds its memory itself and keeps the softmax in float32 — what
    // the upcast flags ask for, and what diffusers' AttnProcessor2_0 relies on too. A float mask
    // is added to the scaled scores.
    const torch::Tensor output =
        at::scaled_dot_product_attention(splitHeads(query), splitHeads(key), splitHeads(value), additiveMask);
#else
    const torch::Tensor output =
        chunkedAttention(splitHeads(query), splitHeads(key), splitHeads(value), upcastAttention, upcastSoftmax, additiveMask);
#endif
    // (B, heads, Nq, d) -> (B, Nq, heads·d)
    return output.transpose(1, 2).reshape({batch, queryCount, heads * headSize});
}

} // namespace diffcut::diffusers
