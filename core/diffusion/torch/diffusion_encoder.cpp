#include "diffusion/torch/diffusion_encoder.h"

#include "common/cache_layout.h"
#include "common/checked_file.h"
#include "common/error.h"
#include "diffusion/diffusers_config.h"
#include "diffusion/torch/compute_device.h"
#include "diffusion/torch/feature_extractor.h"
#include "diffusion/torch/weights.h"
#include "features/npy.h"

#include <torch/nn/functional/upsampling.h>
#include <torch/serialize.h>
#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

// Seed of the default noise: DiffCut's own (torch.Generator().manual_seed(42)); the extractor draws
// it on the CPU so that every device gives the same features (GPU generators differ).
constexpr std::uint64_t kNoiseSeed = 42;

std::string hex64(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

// What identifies a model's weights without reading them: folder, sizes and modification times.
std::uint64_t folderFingerprint(const fs::path &folder, const std::vector<std::string> &components) {
    std::string description = fs::weakly_canonical(folder).string();
    std::error_code error;
    for (const std::string &component : components)
        for (const auto &entry : fs::directory_iterator(folder / component, error)) {
            description += "|" + entry.path().filename().string() + ":" +
                           std::to_string(fs::file_size(entry.path(), error)) + ":" +
                           std::to_string(fs::last_write_time(entry.path(), error).time_since_epoch().count());
        }
    return XXH3_64bits(description.data(), description.size());
}

// The empty-prompt conditioning depends only on the text encoders: computed once per model and
// kept in memory and on disk, so the text encoders (1.4 GB for SDXL) are loaded once ever. The
// file is a checked file (common/checked_file.h) holding torch::save's bytes: one that fails its
// check (a torn write, flipped bits) is discarded with a note and recomputed, never used; a cache
// that cannot be written only costs the text encoders' time next run.
PromptConditioning cachedConditioning(const ModelInfo &model, const fs::path &cacheFolder, const NoteFn &note,
                                      const WorkControl &control) {
    static std::mutex mutex;
    static std::map<std::uint64_t, PromptConditioning> inMemory;
    const bool sdxl = model.family == ModelFamily::StableDiffusionXL;
    const std::uint64_t key =
        folderFingerprint(model.folder, sdxl ? std::vector<std::string>{"text_encoder", "text_encoder_2"}
                                             : std::vector<std::string>{"text_encoder"});
    std::lock_guard lock(mutex);
    if (auto found = inMemory.find(key); found != inMemory.end())
        return found->second;
    const auto tell = [&](const std::string &what) {
        if (note)
            note(what);
    };
    const fs::path file = cacheFolder / ("conditioning-" + hex64(key) + ".pt");
    std::error_code error;
    if (fs::exists(file, error)) {
        try {
            std::istringstream bytes(readCheckedFile(file));
            std::vector<torch::Tensor> tensors;
            torch::load(tensors, bytes);
            if (tensors.size() != std::size_t(sdxl ? 2 : 1))
                throw Error(file.string() + ": holds " + std::to_string(tensors.size()) + " tensors");
            PromptConditioning cached;
            cached.encoderHiddenStates = tensors.front();
            if (sdxl)
                cached.pooledTextEmbeds = tensors.back();
            return inMemory[key] = cached;
        } catch (const std::exception &e) {
            fs::remove(file, error);
            const auto *torchError = dynamic_cast<const c10::Error *>(&e);
            const std::string why = torchError ? file.string() + ": " + torchError->what_without_backtrace() : e.what();
            tell("discarded a bad conditioning cache entry: " + why.substr(0, why.find('\n')));
        }
    }
    const PromptConditioning conditioning = emptyPromptConditioning(model.folder, sdxl, control);
    std::vector<torch::Tensor> tensors{conditioning.encoderHiddenStates};
    if (conditioning.pooledTextEmbeds.defined())
        tensors.push_back(conditioning.pooledTextEmbeds);
    try {
        std::ostringstream bytes; // in memory: torch's file writer aborts the process when the disk is full
        torch::save(tensors, bytes);
        fs::create_directories(cacheFolder, error);
        writeCheckedFile(file, bytes.str());
    } catch (const Error &e) {
        tell(std::string("the text conditioning was not cached: ") + e.what());
    }
    return inMemory[key] = conditioning;
}

bool isOutOfMemory(const c10::Error &error) {
    return std::string(error.what()).find("out of memory") != std::string::npos;
}

} // namespace

DiffusionEncoder::DiffusionEncoder(const EncoderSettings &settings, const WorkControl &control)
    : settings_(settings), model_(inspectModel(resolveModel(settings.model))) {
    if (!model_.complete()) {
        std::string missing;
        for (const ModelComponent &component : model_.components)
            for (const std::string &file : component.missing)
                missing += (missing.empty() ? "" : ", ") + file;
        throw Error(model_.folder.string() + ": incomplete model, missing " + missing);
    }
    schedule_ = NoiseSchedule::fromConfig(model_.folder / "scheduler/scheduler_config.json");
    schedule_.alphaCumprod(settings.timestep); // validates the timestep now rather than per image

    const torch::Device device = chooseDevice(settings.device, settings.note);
    unetInHalf(settings.precision, device); // validates the precision before anything is loaded
    conditioning_ = cachedConditioning(model_, CacheLayout(settings.cacheRoot).conditioning(), settings.note, control.part(0.0, 0.3));
    try {
        load(device, control.part(0.3, 1.0));
    } catch (const c10::Error &error) {
        if (!device.is_cuda() || !isOutOfMemory(error))
            throw Error(std::string("loading the model failed: ") + error.what_without_backtrace());
        if (settings.note) // the library never writes to stderr: the CLI prints notes, the GUI shows them
            settings.note("not enough GPU memory for the model; running on the CPU (slow)");
        load(torch::Device(torch::kCPU), control.part(0.3, 1.0));
    }

    std::string noise = "seed" + std::to_string(kNoiseSeed);
    if (!settings.noiseFile.empty()) {
        std::ifstream in(settings.noiseFile, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        noise = "noise" + hex64(XXH3_64bits(bytes.data(), bytes.size()));
    }
    const bool half = unet_->parameters().front().scalar_type() == torch::kHalf;
    const std::string weights = hex64(folderFingerprint(model_.folder, {"unet", "vae"}));
    id_ = "diffusion:" + model_.id + ":" + weights + "/t" + std::to_string(settings.timestep) + "/s" +
          std::to_string(model_.resolution) + (half ? "/fp16/" : "/fp32/") + noise;
    // Precision and noise are not part of it: they move values slightly, not the regions a tree names.
    identity_ = {"diffusion/1", model_.id, weights, settings.timestep, model_.resolution, 0, 0, {}};
}

void DiffusionEncoder::load(const torch::Device &device, const WorkControl &control) {
    device_ = device;
    const bool half = unetInHalf(settings_.precision, device);
    const VaeConfig vaeConfig = parseVaeConfig(model_.folder / "vae/config.json");
    const UNetConfig unetConfig = parseUNetConfig(model_.folder / "unet/config.json");
    // float16: the UNet (the .fp16 weights when the folder has them), the VAE too unless its config asks for float32.
    const auto unetOptions = torch::TensorOptions().device(device).dtype(half ? torch::kHalf : torch::kFloat);
    const auto vaeOptions =
        torch::TensorOptions().device(device).dtype(half && !vaeConfig.forceUpcast ? torch::kHalf : torch::kFloat);
    LoadReport vaeReport, unetReport;
    vae_ = loadVaeEncoder(vaeConfig, WeightFiles::fromFolder(model_.folder / "vae", half), vaeOptions, &vaeReport,
                          control.part(0.0, 0.2, "VAE weights"));
    unet_ = loadUNetEncoder(unetConfig, WeightFiles::fromFolder(model_.folder / "unet", half), unetOptions, &unetReport,
                            control.part(0.2, 1.0, "UNet weights"));
    loadSummary_ = "loaded " + std::to_string(vaeReport.loaded.size() + unetReport.loaded.size()) +
                   " tensors of the encoder path; skipped " + std::to_string(vaeReport.skipped.size()) +
                   " of the VAE (decoder) and " + std::to_string(unetReport.skipped.size()) +
                   " of the UNet (later blocks, mid and up blocks)";
}

std::string DiffusionEncoder::description() const {
    return "diffusion encoder: " + model_.id + " (" +
           (model_.family == ModelFamily::StableDiffusionXL ? "SDXL family" : "SD 1.x") + ", " +
           std::to_string(model_.resolution) + " px, t=" + std::to_string(settings_.timestep) + ", " +
           deviceName(device_) +
           (unet_->parameters().front().scalar_type() == torch::kHalf ? ", UNet float16" : ", float32") + "; " +
           loadSummary_ + ")";
}

// The extractor checks that its shape is the latent's.
torch::Tensor DiffusionEncoder::noiseFromFile() const {
    const NpyArray array = readNpy(settings_.noiseFile);
    if (array.dtype != "<f4")
        throw Error(settings_.noiseFile.string() + ": noise must be float32");
    return torch::from_blob(const_cast<unsigned char *>(array.bytes.data()), array.shape, torch::kFloat)
        .clone()
        .to(device_);
}

FeatureMap DiffusionEncoder::encode(const cv::Mat3b &rgb, const WorkControl &control) const {
    if (rgb.empty())
        throw Error("diffusion encoder: the image is empty");
    try {
        return run(rgb, control);
    } catch (const c10::Error &error) {
        if (device_.is_cuda() && isOutOfMemory(error))
            throw Error("out of GPU memory while encoding; close other GPU programs or use --device cpu");
        throw Error(std::string("diffusion encoder failed: ") + error.what_without_backtrace());
    }
}

FeatureMap DiffusionEncoder::run(const cv::Mat3b &rgb, const WorkControl &control) const {
    torch::NoGradGuard noGrad;
    const int size = model_.resolution;
    // uint8 HWC → float NCHW in [0, 1] (a float32 division by 255, as torchvision's read_image / 255).
    const torch::Tensor pixels =
        torch::from_blob(const_cast<uchar *>(rgb.ptr()), {rgb.rows, rgb.cols, 3},
                         {static_cast<std::int64_t>(rgb.step[0]), 3, 1}, torch::kUInt8)
            .permute({2, 0, 1})
            .unsqueeze(0)
            .to(torch::kFloat)
            .div(255.0f);
    namespace F = torch::nn::functional;
    // Squashed to S x S with half-pixel-centre bilinear, no antialiasing: DiffCut's F.interpolate.
    const torch::Tensor image = F::interpolate(pixels, F::InterpolateFuncOptions()
                                                           .size(std::vector<std::int64_t>{size, size})
                                                           .mode(torch::kBilinear)
                                                           .align_corners(false))
                                    .to(device_);
    DiffusionFeatureInputs inputs;
    inputs.image = image;
    inputs.timestep = settings_.timestep;
    inputs.alphaCumprod = schedule_.alphaCumprod(settings_.timestep);
    inputs.noiseSeed = kNoiseSeed;
    if (!settings_.noiseFile.empty())
        inputs.noise = noiseFromFile();
    inputs.encoderHiddenStates = conditioning_.encoderHiddenStates.to(device_);
    if (unet_->config().hasTextTimeEmbedding()) {
        const float s = float(size);
        inputs.textEmbeds = conditioning_.pooledTextEmbeds.to(device_);
        inputs.timeIds = torch::tensor({{s, s, 0.0f, 0.0f, s, s}}, torch::kFloat).to(device_); // original, crop, target
    }
    const UNetFeature feature = extractDiffusionFeature(*vae_, *unet_, inputs, control);

    // (1, h·w, C) row-major tokens → (C, h, w).
    const torch::Tensor channelsFirst =
        feature.tokens[0].to(torch::kCPU, torch::kFloat).t().contiguous(); // (C, h·w)
    FeatureMap map(int(channelsFirst.size(0)), int(feature.height), int(feature.width));
    std::memcpy(map.values.data(), channelsFirst.data_ptr<float>(), map.values.size() * sizeof(float));
    validateFeatures(map);
    return map;
}

} // namespace diffcut

extern "C" __attribute__((visibility("default"))) diffcut::FeatureEncoder *
diffcut_create_diffusion_encoder(const diffcut::EncoderSettings &settings, const diffcut::WorkControl &control) {
    return new diffcut::DiffusionEncoder(settings, control);
}
