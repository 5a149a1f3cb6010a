// OpenBLAS's threads (common/blas_threads.h): a program stops the idle pool that spins as OpenBLAS
// loads, our own products never start it again, models get it back inside their scopes, and the
// affinity has the same bits while a model multiplies on another thread. The setting is
// process-wide: the slots run in order in this suite's own process.
#include "common/blas_threads.h"
#include "segmentation/affinity.h"
#include "synthetic_features.h"

#include <QTest>

#include <dlfcn.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

using namespace diffcut;

namespace {

using Get = int (*)();

// BLAS's sgemm_, found at run time as the core finds it (the tests do not link BLAS).
using Sgemm = void (*)(const char *, const char *, const int *, const int *, const int *, const float *, const float *,
                       const int *, const float *, const int *, const float *, float *, const int *);

// OpenBLAS's thread count for a call now.
int blasThreads() { return reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"))(); }

int threadsOfThisProcess() {
    int count = 0;
    for ([[maybe_unused]] const auto &task : std::filesystem::directory_iterator("/proc/self/task"))
        ++count;
    return count;
}

// A joined thread leaves /proc/self/task a moment after the join returns: wait up to 5 s for it.
int threadsOfThisProcessOnceSettledAt(int expected) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int count = threadsOfThisProcess();
    while (count != expected && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        count = threadsOfThisProcess();
    }
    return count;
}

FeatureMap features() {
    return testing::regionFeatures(96, 24, 24, 4, [](int y, int x) { return (y / 12) * 2 + x / 12; }, 0.6f);
}

} // namespace

class TestBlasThreads : public QObject {
    Q_OBJECT
    int startingThreads_ = 1; // OpenBLAS's own count as the process started

private slots:
    void initTestCase() {
        const auto parallel = reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
        if (!parallel || parallel() != 1)
            QSKIP("the BLAS here is not OpenBLAS's pthread build");
        startingThreads_ = blasThreads();
    }

    // The pool OpenBLAS started as it loaded (one thread less than its count) is gone, and the
    // affinity's product does not start it again: it runs on our own loops' threads.
    void aProgramStopsTheIdlePool() {
        const int before = threadsOfThisProcess();
        const int stopped = before - (startingThreads_ - 1);
        useBlasOnCallingThreads();
        QCOMPARE(blasThreads(), 1);
        QCOMPARE(threadsOfThisProcessOnceSettledAt(stopped), stopped);
        const CosineAffinity affinity(features());
        QCOMPARE(threadsOfThisProcessOnceSettledAt(stopped), stopped);
        QCOMPARE(blasThreads(), 1);
    }

    // Overlapping scopes on two threads: OpenBLAS splits calls (its pool started again) until the
    // last one closes, except while one of our own products runs. A scope for a GPU does nothing.
    void modelsGetTheThreadsWhileAScopeIsOpen() {
        if (startingThreads_ == 1)
            QSKIP("OpenBLAS started with one thread here: there is no pool");
        useBlasOnCallingThreads(); // done already, unless this slot runs alone
        const int stopped = threadsOfThisProcess();
        {
            const BlasThreadPool gpu(false);
            QCOMPARE(blasThreads(), 1);
        }
        auto first = std::make_unique<BlasThreadPool>();
        QCOMPARE(blasThreads(), startingThreads_);
        QCOMPARE(threadsOfThisProcess(), stopped + startingThreads_ - 1);
        std::unique_ptr<BlasThreadPool> second;
        std::thread([&] { second = std::make_unique<BlasThreadPool>(); }).join();
        first.reset();
        QCOMPARE(blasThreads(), startingThreads_);
        {
            const BlasOnCallingThreads ours;
            QCOMPARE(blasThreads(), 1);
        }
        QCOMPARE(blasThreads(), startingThreads_);
        std::thread([&] { second.reset(); }).join();
        QCOMPARE(blasThreads(), 1);
    }

    // OpenBLAS's threaded calls give other bits than its single-threaded ones (this test found
    // it): while a model multiplies on another thread with the pool, the affinity is still the
    // same, bit for bit, as one computed alone.
    void theAffinityIsTheSameWhileAModelRuns() {
        if (startingThreads_ == 1)
            QSKIP("OpenBLAS started with one thread here: its calls are never split");
        const FeatureMap map = features();
        const CosineAffinity alone(map);
        std::atomic<bool> modelStarted{false}, done{false};
        const auto sgemm = reinterpret_cast<Sgemm>(dlsym(RTLD_DEFAULT, "sgemm_"));
        QVERIFY(sgemm);
        std::thread model([&] {
            const BlasThreadPool scope;
            const int n = 384;
            const float one = 1.0f, zero = 0.0f;
            std::vector<float> a(std::size_t(n) * n, 0.5f), c(std::size_t(n) * n);
            while (!done) {
                sgemm("N", "N", &n, &n, &n, &one, a.data(), &n, a.data(), &n, &zero, c.data(), &n);
                modelStarted = true;
            }
        });
        while (!modelStarted)
            std::this_thread::yield();
        std::vector<std::unique_ptr<CosineAffinity>> besideAModel;
        for (int i = 0; i < 5; ++i)
            besideAModel.push_back(std::make_unique<CosineAffinity>(map));
        done = true;
        model.join();
        for (const auto &affinity : besideAModel) {
            QCOMPARE(affinity->normalized().rows(), Eigen::Index(576));
            QVERIFY(alone.normalized() == affinity->normalized());
        }
        QCOMPARE(blasThreads(), 1);
    }
};

QTEST_APPLESS_MAIN(TestBlasThreads)
#include "test_blas_threads.moc"
