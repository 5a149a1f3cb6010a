// diffcut-bench: speed and memory of the segmentation core on this machine. Prints figures; it
// asserts nothing (timed tests are flaky, so speed lives here, not in the test suite).
//
// Features: the built-in encoder on the sample photo, lifted to 1280 channels by a fixed random
// ReLU projection (the recipe of the golden fixtures' "x1280" input), so the graph has the
// structure of a real image at the channel count of SSD-1B.
#include "common/huge_pages.h"
#include "features/builtin_encoder.h"
#include "image/image.h"
#include "segmentation/assignment.h"
#include "segmentation/partition_tree.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>

using namespace diffcut;

namespace {

double millisecondsOf(const std::function<void()> &work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Median of `repeats` runs of work(), each after an untimed setup().
double medianMs(int repeats, const std::function<void()> &setup, const std::function<void()> &work) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        setup();
        times.push_back(millisecondsOf(work));
    }
    std::nth_element(times.begin(), times.begin() + repeats / 2, times.end());
    return times[repeats / 2];
}

FeatureMap liftChannels(const FeatureMap &base, int channels) {
    std::mt19937 rng(1280);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    Eigen::MatrixXf projection(channels, base.channels);
    for (int i = 0; i < projection.size(); ++i)
        projection.data()[i] = gauss(rng) / std::sqrt(float(base.channels));
    Eigen::VectorXf bias(channels);
    for (float &b : bias)
        b = 0.5f * gauss(rng);
    FeatureMap lifted(channels, base.height, base.width);
    Eigen::Map<Eigen::MatrixXf>(lifted.values.data(), base.pixels(), channels) =
        ((base.pixelMatrix() * projection.transpose()).rowwise() + bias.transpose()).cwiseMax(0.0f);
    return lifted;
}

double peakMemoryMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

} // namespace

int main(int argc, char **argv) {
    reserveHugePageHeap(std::size_t(512) << 20); // as the CLI does
    const std::string imagePath = argc > 1 ? argv[1] : DIFFCUT_SAMPLE_IMAGE;
    const cv::Mat3b rgb = loadImageRgb(imagePath);
    constexpr double alpha = 10.0, tau = 0.5;
    std::printf("diffcut-bench %s — image %s, alpha %.0f, medians of repeated runs\n\n", DIFFCUT_VERSION,
                imagePath.c_str(), alpha);

    for (const int grid : {32, 64}) {
        const FeatureMap features = liftChannels(BuiltinEncoder(grid).encode(rgb), 1280);
        const int repeats = grid == 32 ? 9 : 3;
        std::shared_ptr<const CosineAffinity> affinity;
        std::unique_ptr<PartitionTree> tree;
        const double affinityMs = medianMs(repeats, [] {}, [&] { affinity = std::make_shared<CosineAffinity>(features); });
        const double treeMs = medianMs(
            repeats, [&] { tree.reset(); },
            [&] {
                tree = std::make_unique<PartitionTree>(affinity, alpha);
                tree->cut(tau);
            });
        std::printf("%dx%dx1280: affinity %.1f ms, tree for tau <= %.1f %.1f ms (%d nodes, %zu leaves), total %.1f ms\n",
                    grid, grid, affinityMs, tau, treeMs, tree->nodeCount(), tree->cut(tau).size(), affinityMs + treeMs);

        const ConceptAssigner assigner(features);
        for (const cv::Size size : {cv::Size(1024, 1024), cv::Size(4000, 3000)}) {
            // A τ change on a tree already expanded that far: re-cut, then assign at full size.
            int step = 0;
            const double changeMs = medianMs(repeats * 3, [&] { ++step; }, [&] {
                const double newTau = 0.3 + 0.01 * (step % 20);
                assigner.assign(tree->labelsFor(tree->cut(newTau)), size);
            });
            std::printf("  tau change -> new %dx%d label map: %.2f ms\n", size.width, size.height, changeMs);
        }
        const double sweepMs = millisecondsOf([&] {
            for (int i = 1; i <= 100; ++i)
                assigner.assign(tree->labelsFor(tree->cut(0.005 * i)), cv::Size(1024, 1024));
        });
        std::printf("  sweep of 100 tau values in (0, 0.5], 1024x1024 each: %.1f ms (%.2f ms per tau)\n\n", sweepMs,
                    sweepMs / 100);
    }
    std::printf("peak memory (max RSS): %.0f MiB\n", peakMemoryMiB());
    return 0;
}
