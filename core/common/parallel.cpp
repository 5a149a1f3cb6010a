#include "common/parallel.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace diffcut {
namespace {

int availableProcessors() {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        return std::max(1, CPU_COUNT(&set));
    return std::max(1u, std::thread::hardware_concurrency());
}

// Runnable threads on the whole machine now, the caller included; 0 when unknown.
int runnableThreads() {
    std::FILE *file = std::fopen("/proc/loadavg", "r");
    if (!file)
        return 0;
    double load1, load5, load15;
    int running = 0, total = 0;
    const bool read = std::fscanf(file, "%lf %lf %lf %d/%d", &load1, &load5, &load15, &running, &total) == 5;
    std::fclose(file);
    return read ? running : 0;
}

} // namespace

int runnableThreadsOfThisProcess() {
    int running = 0;
    std::error_code error;
    for (const auto &task : std::filesystem::directory_iterator("/proc/self/task", error)) {
        std::FILE *file = std::fopen((task.path() / "stat").c_str(), "r");
        if (!file)
            continue; // the thread ended meanwhile
        char line[512];
        const bool read = std::fgets(line, sizeof line, file) != nullptr;
        std::fclose(file);
        // "tid (name) S ...": the state follows the last ')' (a name may hold one).
        const char *close = read ? std::strrchr(line, ')') : nullptr;
        running += close && close[1] == ' ' && close[2] == 'R';
    }
    return std::max(running, 1); // the caller runs
}

int freeCoresGiven(int processors, int runnableOnMachine, int runnableHere) {
    const int others = std::max(0, runnableOnMachine - runnableHere);
    return std::clamp(processors - others, 1, std::max(processors, 1));
}

int freeCores() {
    // Read at most every few milliseconds: PAMR asks hundreds of times per refinement, and a
    // scan of this process's threads costs tens of microseconds.
    constexpr std::int64_t kValidNs = 5'000'000;
    static std::atomic<std::int64_t> readAt{std::numeric_limits<std::int64_t>::min() / 2};
    static std::atomic<int> cores{1};
    const std::int64_t now = std::chrono::steady_clock::now().time_since_epoch() / std::chrono::nanoseconds(1);
    if (now - readAt.load(std::memory_order_relaxed) < kValidNs)
        return cores.load(std::memory_order_relaxed);
    const int runnable = runnableThreads();
    const int fresh = runnable > 0 ? freeCoresGiven(availableProcessors(), runnable, runnableThreadsOfThisProcess())
                                   : availableProcessors();
    cores.store(fresh, std::memory_order_relaxed);
    readAt.store(now, std::memory_order_relaxed);
    return fresh;
}

void parallelFor(int count, int grain, const std::function<void(int begin, int end)> &body, int threads) {
    if (count <= 0)
        return;
    grain = std::max(1, grain);
    const int chunks = (count + grain - 1) / grain;
    threads = std::min(threads > 0 ? threads : freeCores(), chunks);
    if (threads <= 1) {
        body(0, count);
        return;
    }
    std::atomic<int> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto work = [&] {
        for (int chunk = next++; chunk < chunks; chunk = next++) {
            try {
                body(chunk * grain, std::min(count, (chunk + 1) * grain));
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = chunks; // the others stop after their current chunk
            }
        }
    };
    {
        std::vector<std::jthread> helpers;
        for (int t = 1; t < threads; ++t)
            helpers.emplace_back(work);
        work();
    }
    if (failure)
        std::rethrow_exception(failure);
}

int forRowBands(int rows, int cols, const std::function<void(int band, int first, int end)> &body) {
    constexpr std::int64_t kParallelFromPixels = 1 << 18;
    const int bands = std::int64_t(rows) * cols < kParallelFromPixels ? 1 : std::min(rows, kMaxRowBands);
    if (bands <= 1) {
        body(0, 0, rows);
        return 1;
    }
    parallelFor(bands, 1, [&](int first, int end) {
        for (int band = first; band < end; ++band)
            body(band, int(std::int64_t(rows) * band / bands), int(std::int64_t(rows) * (band + 1) / bands));
    });
    return bands;
}

} // namespace diffcut
