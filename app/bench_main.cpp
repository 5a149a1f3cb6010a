// diffcut-bench: speed and memory of the segmentation core on this machine. Prints figures; it
// asserts nothing (timed tests are flaky, so speed lives here, not in the test suite). Lines that
// start with a fixed phrase ("cli-path 32x32x1280:", "tau-change 1024x1024 1000-segments:",
// "tau-change 12000x9000 display:", "contention 32x32x1280:") can be compared across commits.
//   diffcut-bench [--quick] [IMAGE]      --quick: one repeat each and no 64x64 grid (for tests)
//
// Features: the built-in encoder on the sample photo, lifted to 1280 channels by a fixed random
// ReLU projection (the recipe of the golden fixtures' "x1280" input), so the graph has the
// structure of a real image at the channel count of SSD-1B.
#include "annotation/class_list.h"
#include "common/blas_threads.h"
#include "common/huge_pages.h"
#include "export/overlay.h"
#include "features/builtin_encoder.h"
#include "features/npy.h"
#include "image/image.h"
#include "pipeline/image_workspace.h"
#include "segmentation/assignment.h"
#include "segmentation/partition_tree.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

extern char **environ;

using namespace diffcut;
namespace fs = std::filesystem;

namespace {

constexpr double kAlpha = 10.0, kTau = 0.5;

double millisecondsOf(const std::function<void()> &work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    return values[values.size() / 2];
}

// Median of `repeats` runs of work(), each after an untimed setup().
double medianMs(int repeats, const std::function<void()> &setup, const std::function<void()> &work) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        setup();
        times.push_back(millisecondsOf(work));
    }
    return median(times);
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

cv::Mat3b resized(const cv::Mat3b &rgb, cv::Size size) {
    cv::Mat3b out;
    cv::resize(rgb, out, size, 0, 0, cv::INTER_LINEAR);
    return out;
}

AnnotationState granularity(double tau) {
    AnnotationState state;
    state.alpha = kAlpha;
    state.tau = tau;
    return state;
}

// Runs a program to its end, its output discarded; false if it could not run or failed.
bool runQuietly(const std::vector<std::string> &arguments) {
    std::vector<char *> argv;
    for (const std::string &argument : arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    int status = 0;
    return spawned == 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// `diffcut segment IMAGE --features F.npy` in fresh processes, as a user runs it: the sum of the
// compute stages its summary.json reports (reading the image and features, writing: not counted).
void cliPath(const FeatureMap &features, const cv::Mat3b &rgb, int repeats) {
    const fs::path cli = fs::read_symlink("/proc/self/exe").parent_path() / "diffcut";
    if (!fs::exists(cli)) {
        std::printf("cli-path 32x32x1280: skipped (no %s)\n", cli.c_str());
        return;
    }
    char pattern[] = "/tmp/diffcut-bench-XXXXXX";
    const fs::path dir = mkdtemp(pattern);
    writeRgbPng(dir / "image.png", resized(rgb, {1024, 1024}));
    writeFeaturesNpy(dir / "features.npy", features);
    std::vector<double> sums;
    for (int run = 0; run < repeats; ++run) {
        if (!runQuietly({cli.string(), "segment", (dir / "image.png").string(), "--features",
                         (dir / "features.npy").string(), "--tau", "0.5", "--alpha", "10", "--out", (dir / "out").string()}))
            break;
        const nlohmann::json summary = nlohmann::json::parse(std::ifstream(dir / "out" / "summary.json"));
        double sum = 0.0;
        for (const auto &[stage, milliseconds] : summary.at("timings_ms").items())
            if (stage != "load_image" && stage != "read_features" && stage != "write")
                sum += milliseconds.get<double>();
        sums.push_back(sum);
    }
    fs::remove_all(dir);
    if (sums.empty())
        std::printf("cli-path 32x32x1280: failed (%s segment did not run)\n", cli.c_str());
    else
        std::printf("cli-path 32x32x1280: %.1f ms (median of %zu runs of `diffcut segment --features` at 1024x1024: "
                    "the compute stages of its summary)\n", median(sums), sums.size());
}

// τ changes that yield many segments, as the window asks for them while the τ slider is dragged
// from ~600 to ~1000 segments: cut, assignment and composition at 1024x1024, each τ new (nothing
// cached but the tree and the leaves' scores).
void manySegments(const std::shared_ptr<const FeatureMap> &features, const cv::Mat3b &rgb, int repeats) {
    ImageWorkspace workspace("bench.png", resized(rgb, {1024, 1024}), features, {});
    AnnotationState state = granularity(kTau);
    const double low = workspace.tauForSegmentCount(state, 600), high = workspace.tauForSegmentCount(state, 1000);
    workspace.tree(kAlpha)->cut(high); // the tree expanded that far once
    state.tau = low;
    workspace.segment({state, makeClassList()});
    const int steps = std::max(3, repeats * 4);
    std::vector<double> times;
    std::size_t segments = 0;
    for (int step = 0; step < steps; ++step) {
        state.tau = low + (high - low) * double(step + 1) / steps;
        times.push_back(millisecondsOf([&] { segments = workspace.segment({state, makeClassList()}).leaves.size(); }));
    }
    std::printf("tau-change 1024x1024 1000-segments: %.1f ms (median of %d new tau between %.3f and %.3f, "
                "last %zu segments)\n", median(times), steps, low, high, segments);
}

// A τ change on a 12000x9000 image that leaves the segments as they were, asked at the size a
// 1920x1080 screen shows it (the window's first answer; the full-size map follows in the background).
void hugeImage(const std::shared_ptr<const FeatureMap> &features, const cv::Mat3b &rgb, int repeats) {
    ImageWorkspace workspace("huge.png", resized(rgb, {12000, 9000}), features, {});
    AnnotationState state = granularity(kTau);
    const cv::Size display(1440, 1080);
    workspace.segment({state, makeClassList(), display});
    std::vector<double> times;
    for (int step = 0; step < std::max(3, repeats * 2); ++step) {
        state.tau = kTau + 1e-6 * (step + 1); // the same cut: no node's NCut lies this close to 0.5
        times.push_back(millisecondsOf([&] { workspace.segment({state, makeClassList(), display}); }));
    }
    std::printf("tau-change 12000x9000 display: %.1f ms (median of %zu, label map %dx%d)\n", median(times), times.size(),
                display.width, display.height);
}

// Affinity and tree for τ ≤ 0.5 alone, then with another process spinning on one core.
void contention(const FeatureMap &features, int repeats) {
    const auto affinityAndTree = [&] {
        return medianMs(repeats, [] {}, [&] {
            PartitionTree(std::make_shared<CosineAffinity>(features), kAlpha).cut(kTau);
        });
    };
    const double alone = affinityAndTree();
    const pid_t spinner = fork();
    if (spinner == 0) {
        std::atomic<unsigned long> spin{0};
        while (true)
            spin.fetch_add(1, std::memory_order_relaxed);
    }
    const double contended = affinityAndTree();
    kill(spinner, SIGKILL);
    waitpid(spinner, nullptr, 0);
    std::printf("contention 32x32x1280: %.1f ms (alone %.1f ms) — affinity + tree with a process spinning on one core\n",
                contended, alone);
}

} // namespace

int main(int argc, char **argv) {
    useBlasOnCallingThreads(); // as the programs do
    reserveHugePageHeap(std::size_t(512) << 20); // as the CLI does
    mapLargeImagesInHugePages();
    bool quick = false;
    std::string imagePath = DIFFCUT_SAMPLE_IMAGE;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0)
            quick = true;
        else
            imagePath = argv[i];
    }
    const cv::Mat3b rgb = loadImageRgb(imagePath);
    std::printf("diffcut-bench %s — image %s, alpha %.0f, medians of repeated runs\n\n", DIFFCUT_VERSION,
                imagePath.c_str(), kAlpha);

    const auto features32 = std::make_shared<const FeatureMap>(liftChannels(BuiltinEncoder(32).encode(rgb), 1280));
    cliPath(*features32, rgb, quick ? 1 : 7);
    manySegments(features32, rgb, quick ? 1 : 5);
    hugeImage(features32, rgb, quick ? 1 : 5);
    contention(*features32, quick ? 1 : 7);
    std::printf("\n");

    for (const int grid : quick ? std::vector<int>{32} : std::vector<int>{32, 64}) {
        const FeatureMap features = grid == 32 ? *features32 : liftChannels(BuiltinEncoder(grid).encode(rgb), 1280);
        const int repeats = quick ? 1 : grid == 32 ? 9 : 3;
        std::shared_ptr<const CosineAffinity> affinity;
        std::unique_ptr<PartitionTree> tree;
        const double affinityMs = medianMs(repeats, [] {}, [&] { affinity = std::make_shared<CosineAffinity>(features); });
        const double treeMs = medianMs(
            repeats, [&] { tree.reset(); },
            [&] {
                tree = std::make_unique<PartitionTree>(affinity, kAlpha);
                tree->cut(kTau);
            });
        std::printf("%dx%dx1280: affinity %.1f ms, tree for tau <= %.1f %.1f ms (%d nodes, %zu leaves), total %.1f ms\n",
                    grid, grid, affinityMs, kTau, treeMs, tree->nodeCount(), tree->cut(kTau).size(), affinityMs + treeMs);

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
        if (quick)
            continue;
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
