#pragma once
// DiffCut's feature extractor as a FeatureEncoder: image → resize to the model's resolution →
// 2x − 1 → VAE posterior mean × scaling_factor → noise at timestep t → UNet encoder path with the
// empty-prompt conditioning → the hooked self-attention output as a (C, h, w) FeatureMap.
// Loaded at run time from libdiffcut_diffusion.so (see features/encoder_factory.h).
#include "diffusion/model_folder.h"
#include "diffusion/scheduler.h"
#include "diffusion/torch/clip_text.h"
#include "diffusion/torch/unet_encoder.h"
#include "diffusion/torch/vae_encoder.h"
#include "features/encoder_factory.h"

#include <torch/types.h>

namespace diffcut {

class DiffusionEncoder final : public FeatureEncoder {
public:
    // Resolves and loads the model (VAE and UNet encoder path; the text encoders only when the
    // empty-prompt conditioning is not cached), reporting progress and stopping (Cancelled)
    // between tensors when asked. Throws Error for an unusable model or settings.
    explicit DiffusionEncoder(const EncoderSettings &settings, const WorkControl &control = {});

    std::string id() const override { return id_; }
    std::string description() const override;
    FeatureIdentity identity() const override { return identity_; }
    FeatureMap encode(const cv::Mat3b &rgb, const WorkControl &control = {}) const override;

    const ModelInfo &model() const { return model_; }
    torch::Device device() const { return device_; }

private:
    void load(const torch::Device &device, const WorkControl &control);
    FeatureMap run(const cv::Mat3b &rgb, const WorkControl &control) const;
    torch::Tensor noiseFromFile() const;

    EncoderSettings settings_;
    ModelInfo model_;
    NoiseSchedule schedule_;
    torch::Device device_{torch::kCPU};
    std::shared_ptr<VaeEncoderImpl> vae_;
    std::shared_ptr<UNetEncoderImpl> unet_;
    PromptConditioning conditioning_;
    std::string id_;
    FeatureIdentity identity_;
    std::string loadSummary_;
};

} // namespace diffcut
