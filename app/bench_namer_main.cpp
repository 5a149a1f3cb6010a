// diffcut-bench-namer: time of naming segments on this machine with the real OpenCLIP
// convnext_large_d_320 architecture (built from the names and shapes of its state_dict listing,
// ../shared/fixtures/openclip/convnext_large_d_320.state_dict.json) and random weights: dense
// features of one image, text classifiers of 21 and 150 classes × 14 prompt templates, and the
// per-segment pooling + classification of 100 segments.
//
//   diffcut-bench-namer STATE_DICT_JSON TOKENIZER_FOLDER [RESOLUTION] [cpu|cuda] [THREADS]
#include "bench_support.h"
#include "common/blas_threads.h"
#include "diffusion/torch/torch_clip_model.h"
#include "naming/segment_namer.h"

#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <torch/cuda.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

using namespace diffcut;

namespace {

// open_clip_config.json of laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup.
OpenClipConfig convnextLargeD320() {
    OpenClipConfig config;
    config.embedDim = 768;
    config.timmModelName = "convnext_large";
    config.width = 768;
    config.heads = 12;
    config.layers = 16;
    return config;
}

TensorShapes shapesOf(const std::filesystem::path &stateDictJson) {
    std::ifstream in(stateDictJson);
    const nlohmann::json listing = nlohmann::json::parse(in);
    TensorShapes shapes;
    for (const auto &[name, tensor] : listing.at("tensors").items())
        shapes[name] = tensor.at("shape").get<std::vector<std::int64_t>>();
    return shapes;
}

// PASCAL VOC's 21 classes, then numbered stand-ins of one or two words up to `count`.
std::vector<std::string> classNames(std::size_t count) {
    std::vector<std::string> names{"background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus",
                                   "car", "cat", "chair", "cow", "dining table", "dog", "horse",
                                   "motorbike", "person", "potted plant", "sheep", "sofa", "train", "tv monitor"};
    for (std::size_t i = names.size(); i < count; ++i)
        names.push_back((i % 2 ? "thing " : "object ") + std::to_string(i));
    names.resize(count);
    return names;
}

} // namespace

int main(int argc, char **argv) {
    useBlasOnCallingThreads(); // as the programs do: the models open their BlasThreadPool
    if (argc < 3) {
        std::fprintf(stderr, "usage: diffcut-bench-namer STATE_DICT_JSON TOKENIZER_FOLDER [RESOLUTION] [cpu|cuda] [THREADS]\n");
        return 2;
    }
    try {
        const int resolution = argc > 3 ? std::stoi(argv[3]) : 1024;
        const bool cuda = argc > 4 && std::string(argv[4]) == "cuda" && torch::cuda::is_available();
        at::set_num_threads(argc > 5 ? std::stoi(argv[5]) : 2);
        const torch::Device device = cuda ? torch::kCUDA : torch::kCPU;

        auto start = std::chrono::steady_clock::now();
        const OpenClipArchitecture architecture = openClipArchitecture(convnextLargeD320(), shapesOf(argv[1]), argv[1]);
        auto model = std::make_shared<OpenClipModelImpl>(architecture, torch::TensorOptions().device(device));
        randomise(*model);
        OpenClipModelInfo info;
        info.id = "convnext_large_d_320 (random weights)";
        NamerSettings settings;
        settings.clipSize = resolution;
        const ClipTokenizer tokenizer = ClipTokenizer::fromFolder(argv[2]);
        const SegmentNamer namer(makeClipModel(model, info, device), tokenizer, settings);
        std::printf("%s on %s, %d threads: built in %.1f s\n", namer.description().c_str(), cuda ? "CUDA" : "CPU",
                    at::get_num_threads(), seconds(start));

        FeatureMap image(3, resolution, resolution);
        for (std::size_t i = 0; i < image.values.size(); ++i)
            image.values[i] = float((i * 2654435761u) % 1000) / 1000.0f;
        start = std::chrono::steady_clock::now();
        const FeatureMap dense = namer.denseFeatures(image);
        std::printf("dense features at %d x %d: %.2f s per image -> %d x %d x %d\n", resolution, resolution,
                    seconds(start), dense.channels, dense.height, dense.width);

        // Fresh namers keep no synonym rows nor segment embeddings of an earlier measurement.
        const auto freshNamer = [&] { return SegmentNamer(makeClipModel(model, info, device), tokenizer, settings); };
        start = std::chrono::steady_clock::now();
        const TextClassifier classifier = freshNamer().buildClassifier(classNames(21));
        std::printf("text classifier, 21 classes x 14 templates (294 prompts): %.2f s\n", seconds(start));

        // 100 segments: a 10 x 10 grid of blocks over the image.
        LabelMap labels(resolution, resolution);
        for (int y = 0; y < resolution; ++y)
            for (int x = 0; x < resolution; ++x)
                labels(y, x) = (y * 10 / resolution) * 10 + x * 10 / resolution;
        std::vector<double> pooling, cold, warm;
        for (int run = 0; run < 21; ++run) {
            start = std::chrono::steady_clock::now();
            poolSegments(dense, labels);
            pooling.push_back(seconds(start) * 1e3);
            const SegmentNamer namerOfRun = freshNamer();
            start = std::chrono::steady_clock::now();
            namerOfRun.classify(dense, labels, classifier);
            cold.push_back(seconds(start) * 1e3);
            start = std::chrono::steady_clock::now();
            namerOfRun.classify(dense, labels, classifier);
            warm.push_back(seconds(start) * 1e3);
        }
        for (auto *times : {&pooling, &cold, &warm})
            std::sort(times->begin(), times->end());
        std::printf("100 segments (label map %d x %d), 21 classes, median of 21: pooling %.2f ms; pooling + heads + "
                    "classification %.2f ms; again with the segments' embeddings known %.2f ms\n",
                    resolution, resolution, pooling[10], cold[10], warm[10]);

        start = std::chrono::steady_clock::now();
        freshNamer().buildClassifier(classNames(150));
        std::printf("text classifier, 150 classes x 14 templates (2100 prompts): %.2f s\n", seconds(start));
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("peak memory (max RSS): %.0f MiB\n", double(usage.ru_maxrss) / 1024.0);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "diffcut-bench-namer: %s\n", e.what());
        return 1;
    }
}
