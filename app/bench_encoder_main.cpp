// diffcut-bench-encoder: time and memory of the diffusion encoder path on this machine, for a
// model architecture given by its configs (e.g. ../shared/fixtures/configs/ssd-1b: the real
// SSD-1B layout). Weights are random — no weights are needed, and the cost does not depend on
// their values — so it also plans memory before a multi-gigabyte download.
//
//   diffcut-bench-encoder CONFIG_FOLDER [--resolution 1024] [--device cpu|cuda] [--dtype auto|float32|float16]
//                         [--batch 1] [--warmup 1] [--runs N] [--threads N]
//
// The precision follows the encoder's rule (--dtype auto: the UNet in float16 on CUDA, the VAE
// too unless its config says force_upcast). Each run is the real extractDiffusionFeature on a
// batch, timed as a whole and split at the VAE's output; the medians over --runs (default 20 on
// CUDA, 1 on the CPU) follow --warmup untimed runs. The last lines, `vae N s`, `unet N s` and
// `peak-rss N MiB`, are the figures compared across commits (seconds per image, the process's
// maximum resident set).
#include "bench_support.h"
#include "common/blas_threads.h"
#include "diffusion/torch/compute_device.h"
#include "diffusion/diffusers_config.h"
#include "diffusion/torch/feature_extractor.h"
#include "diffusion/torch/unet_encoder.h"
#include "diffusion/torch/vae_encoder.h"

#include <ATen/Parallel.h>
#include <CLI/CLI.hpp>
#include <sys/resource.h>
#include <torch/cuda.h>
#ifdef DIFFCUT_TORCH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace diffcut;

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// Peak GPU memory since the start: what the caching allocator reserved and what tensors held at most.
std::string peakGpuMemory([[maybe_unused]] const torch::Device &device) {
#ifdef DIFFCUT_TORCH_CUDA
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device.index());
    char text[160];
    // [0]: StatType::AGGREGATE, all pool kinds together.
    std::snprintf(text, sizeof text, "peak GPU memory: %.2f GiB reserved, %.2f GiB allocated",
                  double(stats.reserved_bytes[0].peak) / double(1 << 30),
                  double(stats.allocated_bytes[0].peak) / double(1 << 30));
    return text;
#else
    return "peak GPU memory: not measured (built without a CUDA LibTorch's headers)";
#endif
}

// The process's maximum resident set so far (Linux reports ru_maxrss in KiB).
long peakRssMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace

int main(int argc, char **argv) {
    useBlasOnCallingThreads(); // as the programs do: the models open their BlasThreadPool
    CLI::App app{"Time and memory of the diffusion encoder path (VAE encoder, UNet encoder path) of a model "
                 "architecture given by its configs, with random weights"};
    std::string folderArgument, deviceOption = "cpu", dtype = "auto";
    int resolution = 1024, batch = 1, warmup = 1, runs = 0, threads = 0;
    app.add_option("CONFIG_FOLDER", folderArgument, "Folder with unet/config.json and vae/config.json")->required();
    app.add_option("--resolution", resolution, "Image side in pixels")->check(CLI::Range(64, 4096));
    app.add_option("--device", deviceOption, "cpu or cuda")->check(CLI::IsMember({"cpu", "cuda"}));
    app.add_option("--dtype", dtype, "The UNet's precision: auto (float16 on CUDA), float32 or float16")
        ->check(CLI::IsMember({"auto", "float32", "float16"}));
    app.add_option("--batch", batch, "Images per forward pass")->check(CLI::Range(1, 256));
    app.add_option("--warmup", warmup, "Untimed runs first")->check(CLI::Range(0, 100));
    app.add_option("--runs", runs, "Timed runs (default: 20 on CUDA, 1 on the CPU)")->check(CLI::Range(1, 1000));
    app.add_option("--threads", threads, "LibTorch's intra-op CPU threads (default: LibTorch's choice)")
        ->check(CLI::Range(1, 1024));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &error) {
        return app.exit(error) == 0 ? 0 : 2;
    }
    try {
        const std::filesystem::path folder = folderArgument;
        const UNetConfig unetConfig = parseUNetConfig(folder / "unet/config.json");
        const VaeConfig vaeConfig = parseVaeConfig(folder / "vae/config.json");
        const torch::Device device = chooseDevice(deviceOption, [](const std::string &note) { std::fprintf(stderr, "diffcut-bench-encoder: note: %s\n", note.c_str()); });
        const bool cuda = device.is_cuda();
        if (runs == 0)
            runs = cuda ? 20 : 1;
        const bool half = unetInHalf(dtype, device);
        const auto unetOptions = torch::TensorOptions().device(device).dtype(half ? torch::kHalf : torch::kFloat);
        const auto vaeOptions =
            torch::TensorOptions().device(device).dtype(half && !vaeConfig.forceUpcast ? torch::kHalf : torch::kFloat);

        if (threads > 0)
            at::set_num_threads(threads);
        const Clock::time_point buildStart = Clock::now();
        VaeEncoderImpl vae(vaeConfig, vaeOptions);
        UNetEncoderImpl unet(unetConfig, unetOptions);
        randomise(vae);
        randomise(unet);
        std::printf("%s at %d px, batch %d, on %s: UNet %s, VAE %s; CPU threads: %d; built in %.1f s "
                    "(UNet encoder path %s)\n",
                    folder.string().c_str(), resolution, batch, deviceName(device).c_str(), half ? "float16" : "float32",
                    vaeOptions.dtype() == torch::kHalf ? "float16" : "float32", at::get_num_threads(),
                    milliseconds(buildStart, Clock::now()) / 1000, unetConfig.hookedModuleName().c_str());

        const int crossDim = unetConfig.downBlocks[unetConfig.hookedBlock()].crossAttentionDim;
        DiffusionFeatureInputs inputs;
        inputs.image = torch::rand({batch, 3, resolution, resolution}).to(device);
        inputs.alphaCumprod = 0.9;
        inputs.encoderHiddenStates = torch::randn({1, 77, crossDim}).expand({batch, 77, crossDim}).to(device);
        if (unetConfig.hasTextTimeEmbedding()) {
            const int timeIds = 6;
            const int pooled = unetConfig.additionEmbedInputDim - timeIds * unetConfig.additionTimeEmbedDim;
            inputs.textEmbeds = torch::randn({1, pooled}).expand({batch, pooled}).to(device);
            inputs.timeIds = torch::full({batch, timeIds}, float(resolution)).to(device);
        }
        const auto synchronize = [&] {
            if (cuda)
                torch::cuda::synchronize();
        };
        std::vector<double> vaeTimes, unetTimes, totalTimes;
        UNetFeature feature;
        for (int run = 0; run < warmup + runs; ++run) {
            synchronize();
            const Clock::time_point start = Clock::now();
            Clock::time_point vaeEnd = start;
            feature = extractDiffusionFeature(vae, unet, inputs, {}, [&](const std::string &name, const torch::Tensor &) {
                if (name == "latent_mean") {
                    synchronize();
                    vaeEnd = Clock::now();
                }
            });
            synchronize();
            const Clock::time_point end = Clock::now();
            if (run < warmup)
                continue;
            vaeTimes.push_back(milliseconds(start, vaeEnd));
            unetTimes.push_back(milliseconds(vaeEnd, end));
            totalTimes.push_back(milliseconds(start, end));
        }
        std::printf("feature %lld x %lld x %lld per image\n", static_cast<long long>(feature.tokens.size(2)),
                    static_cast<long long>(feature.height), static_cast<long long>(feature.width));
        std::printf("median of %d runs after %d warm-up: %.1f ms per batch of %d, %.1f ms per image "
                    "(VAE encoder %.1f ms, UNet encoder path %.1f ms per image)\n",
                    runs, warmup, median(totalTimes), batch, median(totalTimes) / batch, median(vaeTimes) / batch,
                    median(unetTimes) / batch);
        if (cuda)
            std::printf("%s\n", peakGpuMemory(device).c_str());
        std::printf("vae %.2f s\nunet %.2f s\npeak-rss %ld MiB\n", median(vaeTimes) / batch / 1000,
                    median(unetTimes) / batch / 1000, peakRssMiB());
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "diffcut-bench-encoder: %s\n", e.what());
        return 1;
    }
}
