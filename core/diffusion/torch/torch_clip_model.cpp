#include "diffusion/torch/torch_clip_model.h"

#include "common/blas_threads.h"
#include "common/error.h"

#include <torch/cuda.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>

#include <algorithm>
#include <cstring>

namespace diffcut {
namespace {

// DiffCut encodes prompts in chunks of 128.
constexpr std::int64_t kPromptChunk = 128;

RowMatrixXf toMatrix(const torch::Tensor &tensor) {
    const torch::Tensor cpu = tensor.to(torch::kCPU, torch::kFloat).contiguous();
    RowMatrixXf matrix(cpu.size(0), cpu.size(1));
    std::memcpy(matrix.data(), cpu.data_ptr<float>(), std::size_t(matrix.size()) * sizeof(float));
    return matrix;
}

class TorchClipModel final : public ClipModel {
public:
    TorchClipModel(std::shared_ptr<OpenClipModelImpl> model, OpenClipModelInfo info, const torch::Device &device)
        : info_(std::move(info)), device_(device), model_(std::move(model)) {}

    const OpenClipModelInfo &info() const override { return info_; }

    std::string description() const override {
        const ConvNextArchitecture &vision = model_->architecture().vision;
        std::string dims;
        for (std::size_t i = 0; i < vision.dims.size(); ++i)
            dims += (i ? "," : "") + std::to_string(vision.depths[i]) + "x" + std::to_string(vision.dims[i]);
        return "CLIP model " + info_.id + " (" + model_->architecture().config.timmModelName + " [" + dims + "], " +
               (device_.is_cuda() ? "CUDA" : "CPU") + ")";
    }

    FeatureMap denseFeatures(const FeatureMap &image, int size, bool normalize, const WorkControl &control) const override {
        return guarded([&] {
            torch::NoGradGuard noGrad;
            torch::Tensor x = torch::from_blob(const_cast<float *>(image.values.data()), {1, 3, image.height, image.width},
                                               torch::kFloat)
                                  .to(device_);
            namespace F = torch::nn::functional;
            if (image.height != size || image.width != size)
                x = F::interpolate(x, F::InterpolateFuncOptions()
                                          .size(std::vector<std::int64_t>{size, size})
                                          .mode(torch::kBilinear)
                                          .align_corners(false));
            if (normalize) {
                const OpenClipConfig &config = model_->architecture().config;
                const auto vector = [&](const std::array<float, 3> &v) {
                    return torch::tensor({v[0], v[1], v[2]}, torch::kFloat).view({1, 3, 1, 1}).to(device_);
                };
                x = (x - vector(config.mean)) / vector(config.std);
            }
            const torch::Tensor dense = model_->visual().dense(x, {}, control)[0].to(torch::kCPU).contiguous();
            FeatureMap map(int(dense.size(0)), int(dense.size(1)), int(dense.size(2)));
            std::memcpy(map.values.data(), dense.data_ptr<float>(), map.values.size() * sizeof(float));
            validateFeatures(map);
            return map;
        });
    }

    RowMatrixXf encodeText(const std::vector<std::int64_t> &ids, std::int64_t count, const WorkControl &control) const override {
        const std::int64_t context = contextLength();
        if (count < 1 || std::int64_t(ids.size()) != count * context)
            throw Error("CLIP text tower: expected " + std::to_string(count) + " prompts of " + std::to_string(context) + " ids");
        const std::int64_t vocab = model_->architecture().config.vocabSize;
        if (std::any_of(ids.begin(), ids.end(), [&](std::int64_t id) { return id < 0 || id >= vocab; }))
            throw Error("CLIP text tower: a token id is outside the vocabulary of " + std::to_string(vocab));
        return guarded([&] {
            torch::NoGradGuard noGrad;
            const torch::Tensor all = torch::from_blob(const_cast<std::int64_t *>(ids.data()), {count, context}, torch::kInt64);
            std::vector<torch::Tensor> features;
            for (std::int64_t start = 0; start < count; start += kPromptChunk) {
                control.checkpoint();
                control.report(double(start) / double(count), "CLIP text tower");
                torch::Tensor chunk = all.narrow(0, start, std::min(kPromptChunk, count - start));
                // Causal attention: nothing after the last end token changes a pooled row.
                const std::int64_t length = chunk.argmax(-1).max().item<std::int64_t>() + 1;
                features.push_back(model_->text().encode(chunk.narrow(1, 0, length).to(device_)));
            }
            control.report(1.0, "CLIP text tower");
            return toMatrix(torch::cat(features));
        });
    }

    RowMatrixXf embedPooled(const RowMatrixXf &pooled) const override {
        return guarded([&] {
            torch::NoGradGuard noGrad;
            const torch::Tensor input =
                torch::from_blob(const_cast<float *>(pooled.data()), {pooled.rows(), pooled.cols()}, torch::kFloat).to(device_);
            return toMatrix(model_->visual().embedPooled(input));
        });
    }

    float logitScale() const override { return model_->logitScale(); }
    std::int64_t contextLength() const override { return model_->architecture().config.contextLength; }

private:
    template <typename Work>
    auto guarded(Work &&work) const -> decltype(work()) {
        const BlasThreadPool blasThreads(device_.is_cpu());
        try {
            return work();
        } catch (const c10::Error &error) {
            if (device_.is_cuda() && std::string(error.what()).find("out of memory") != std::string::npos)
                throw Error("out of GPU memory in the CLIP model; close other GPU programs or use --device cpu");
            throw Error(std::string("CLIP model failed: ") + error.what_without_backtrace());
        }
    }

    OpenClipModelInfo info_;
    torch::Device device_{torch::kCPU};
    std::shared_ptr<OpenClipModelImpl> model_;
};

} // namespace

std::unique_ptr<ClipModel> makeClipModel(std::shared_ptr<OpenClipModelImpl> model, OpenClipModelInfo info,
                                         const torch::Device &device) {
    return std::make_unique<TorchClipModel>(std::move(model), std::move(info), device);
}

} // namespace diffcut

extern "C" __attribute__((visibility("default"))) diffcut::ClipModel *
diffcut_create_clip_model(const diffcut::ClipModelSettings &settings) {
    using namespace diffcut;
    OpenClipModelInfo info = resolveOpenClipModel(settings.model);
    if (settings.device == "cuda" && !torch::cuda::is_available())
        throw Error("--device cuda: this LibTorch has no CUDA support or no GPU is visible");
    const torch::Device device =
        settings.device == "cuda" || (settings.device == "auto" && torch::cuda::is_available()) ? torch::kCUDA : torch::kCPU;
    try {
        std::shared_ptr<OpenClipModelImpl> model = loadOpenClipModel(info, device);
        return makeClipModel(std::move(model), std::move(info), device).release();
    } catch (const c10::Error &error) {
        throw Error(std::string("loading the CLIP model failed: ") + error.what_without_backtrace());
    }
}

extern "C" __attribute__((visibility("default"))) void
diffcut_check_openclip_weights(const diffcut::OpenClipModelInfo &model, std::vector<std::string> &problems) {
    problems = diffcut::checkOpenClipModel(model);
}
