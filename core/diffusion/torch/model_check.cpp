// `diffcut model check`: every tensor the encoder needs, checked by name, shape and dtype
// against modules built from the model's own configs on the meta device (the VAE, the UNet and
// the text encoders: no memory for their weights), in every weight variant the folder holds.
#include "diffusion/model_folder.h"
#include "diffusion/torch/clip_text.h"
#include "diffusion/diffusers_config.h"
#include "diffusion/torch/unet_encoder.h"
#include "diffusion/torch/vae_encoder.h"
#include "diffusion/torch/weights.h"

#include <functional>

namespace diffcut {
namespace {

// The full-precision and the fp16 file sets of a component folder (one when it has only one).
std::vector<WeightFiles> weightVariants(const std::filesystem::path &folder) {
    std::vector<WeightFiles> variants;
    variants.push_back(WeightFiles::fromFolder(folder, /*preferHalf=*/false));
    WeightFiles half = WeightFiles::fromFolder(folder, /*preferHalf=*/true);
    if (half.files().front().name() != variants.front().files().front().name())
        variants.push_back(std::move(half));
    return variants;
}

void checkComponent(const std::filesystem::path &folder,
                    const std::function<std::shared_ptr<torch::nn::Module>(const WeightFiles &)> &build,
                    std::vector<std::string> &problems) {
    try {
        for (const WeightFiles &weights : weightVariants(folder)) {
            const std::vector<std::string> found = checkModule(*build(weights), weights);
            problems.insert(problems.end(), found.begin(), found.end());
        }
    } catch (const Error &e) {
        problems.emplace_back(e.what());
    }
}

} // namespace
} // namespace diffcut

extern "C" __attribute__((visibility("default"))) void
diffcut_check_model_weights(const diffcut::ModelInfo &model, std::vector<std::string> &problems) {
    using namespace diffcut;
    const auto meta = torch::TensorOptions().dtype(torch::kFloat).device(torch::kMeta);
    checkComponent(model.folder / "vae", [&](const WeightFiles &weights) {
        return std::make_shared<VaeEncoderImpl>(parseVaeConfig(model.folder / "vae/config.json"), meta,
                                                attentionNamesOf(weights));
    }, problems);
    checkComponent(model.folder / "unet", [&](const WeightFiles &) {
        return std::make_shared<UNetEncoderImpl>(parseUNetConfig(model.folder / "unet/config.json"), meta);
    }, problems);
    for (const char *encoder : {"text_encoder", "text_encoder_2"}) {
        if (model.family == ModelFamily::StableDiffusion1 && std::string(encoder) == "text_encoder_2")
            continue;
        checkComponent(model.folder / encoder, [&](const WeightFiles &) {
            return std::make_shared<ClipTextModelImpl>(ClipTextConfig::fromFile(model.folder / encoder / "config.json"), meta);
        }, problems);
    }
}
