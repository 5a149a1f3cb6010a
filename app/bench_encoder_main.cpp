// diffcut-bench-encoder: time and memory of the diffusion encoder path on this machine, for a
// model architecture given by its configs (e.g. ../shared/fixtures/configs/ssd-1b: the real
// SSD-1B layout). Weights are random — no weights are needed, and the cost does not depend on
// their values — so it also plans memory before a multi-gigabyte download.
//
//   diffcut-bench-encoder CONFIG_FOLDER [RESOLUTION] [cpu|cuda]
#include "bench_support.h"
#include "diffusion/torch/diffusers_config.h"
#include "diffusion/torch/feature_extractor.h"
#include "diffusion/torch/unet_encoder.h"
#include "diffusion/torch/vae_encoder.h"

#include <sys/resource.h>
#include <torch/cuda.h>

#include <chrono>
#include <cstdio>
#include <string>

using namespace diffcut;

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: diffcut-bench-encoder CONFIG_FOLDER [RESOLUTION] [cpu|cuda]\n");
        return 2;
    }
    try {
        const std::filesystem::path folder = argv[1];
        const UNetConfig unetConfig = parseUNetConfig(folder / "unet/config.json");
        const VaeConfig vaeConfig = parseVaeConfig(folder / "vae/config.json");
        const bool cuda = argc > 3 && std::string(argv[3]) == "cuda" && torch::cuda::is_available();
        const torch::Device device = cuda ? torch::kCUDA : torch::kCPU;
        const auto unetOptions = torch::TensorOptions().device(device).dtype(cuda ? torch::kHalf : torch::kFloat);
        const auto vaeOptions = torch::TensorOptions().device(device).dtype(torch::kFloat);
        const int resolution = argc > 2 ? std::stoi(argv[2]) : 1024;

        auto start = std::chrono::steady_clock::now();
        VaeEncoderImpl vae(vaeConfig, vaeOptions);
        UNetEncoderImpl unet(unetConfig, unetOptions);
        randomise(vae);
        randomise(unet);
        std::printf("%s at %d px on %s: built in %.1f s (UNet encoder path %s)\n", folder.string().c_str(), resolution,
                    cuda ? "CUDA (UNet fp16)" : "CPU fp32", seconds(start), unetConfig.hookedModuleName().c_str());

        const int latentSide = resolution / vaeConfig.latentStride();
        const int crossDim = unetConfig.downBlocks[unetConfig.hookedBlock()].crossAttentionDim;
        DiffusionFeatureInputs inputs;
        inputs.image = torch::rand({1, 3, resolution, resolution}).to(device);
        inputs.alphaCumprod = 0.9;
        inputs.encoderHiddenStates = torch::randn({1, 77, crossDim}).to(device);
        if (unetConfig.hasTextTimeEmbedding()) {
            const int timeIds = 6;
            inputs.textEmbeds =
                torch::randn({1, unetConfig.additionEmbedInputDim - timeIds * unetConfig.additionTimeEmbedDim}).to(device);
            inputs.timeIds = torch::full({1, timeIds}, float(resolution)).to(device);
        }
        for (int run = 0; run < 2; ++run) { // the first run includes one-off allocations
            double vaeSeconds = 0;
            start = std::chrono::steady_clock::now();
            WorkControl control;
            control.progress = [&](double, std::string_view stage) {
                if (stage == "UNet" && vaeSeconds == 0)
                    vaeSeconds = seconds(start);
            };
            const UNetFeature feature = extractDiffusionFeature(vae, unet, inputs, control);
            if (cuda)
                torch::cuda::synchronize();
            const double total = seconds(start);
            std::printf("  run %d: %.2f s (VAE encoder %.2f s, UNet encoder path %.2f s), feature %lld x %lld x %lld, "
                        "latent %d x %d\n",
                        run + 1, total, vaeSeconds, total - vaeSeconds, static_cast<long long>(feature.tokens.size(2)),
                        static_cast<long long>(feature.height), static_cast<long long>(feature.width), latentSide,
                        latentSide);
        }
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("peak memory (max RSS): %.0f MiB\n", double(usage.ru_maxrss) / 1024.0);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "diffcut-bench-encoder: %s\n", e.what());
        return 1;
    }
}
