// OpenBLAS's threads (common/blas_threads.h): a program stops the idle pool that spins as OpenBLAS
// loads, our own products never start it again, models get it back inside their scopes, and the
// affinity has the same bits while a model's scope is open. The setting is process-wide: the
// slots run in order in this suite's own process.
#include "common/blas_threads.h"
#include "segmentation/affinity.h"
#include "synthetic_features.h"

#include <QTest>

#include <dlfcn.h>

#include <filesystem>
#include <thread>

using namespace diffcut;

namespace {

// OpenBLAS's thread count for a call now.
int blasThreads() {
    using Get = int (*)();
    return reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"))();
}

int threadsOfThisProcess() {
    int count = 0;
    for ([[maybe_unused]] const auto &task : std::filesystem::directory_iterator("/proc/self/task"))
        ++count;
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
        using Get = int (*)();
        const auto parallel = reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
        if (!parallel || parallel() != 1)
            QSKIP("the BLAS here is not OpenBLAS's pthread build");
        startingThreads_ = blasThreads();
    }

    // The pool OpenBLAS started as it loaded (one thread less than its count) is gone, and the
    // affinity's product does not start it again: it runs on our own loops' threads.
    void aProgramStopsTheIdlePool() {
        const int before = threadsOfThisProcess();
        useBlasOnCallingThreads();
        QCOMPARE(blasThreads(), 1);
        QCOMPARE(threadsOfThisProcess(), before - (startingThreads_ - 1));
        const CosineAffinity affinity(features());
        QCOMPARE(threadsOfThisProcess(), before - (startingThreads_ - 1));
        QCOMPARE(blasThreads(), 1);
    }

    // Overlapping scopes on two threads: OpenBLAS splits calls until the last one closes, except
    // while one of our own products runs.
    void modelsGetTheThreadsWhileAScopeIsOpen() {
        auto first = std::make_unique<BlasThreadPool>();
        QCOMPARE(blasThreads(), startingThreads_);
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
    // it): the affinity, computed while a model's scope is open, is still bit for bit the same.
    void theAffinityIsTheSameWhileAModelRuns() {
        const FeatureMap map = features();
        const CosineAffinity alone(map);
        std::unique_ptr<CosineAffinity> besideAModel;
        {
            const BlasThreadPool model;
            besideAModel = std::make_unique<CosineAffinity>(map);
        }
        QCOMPARE(besideAModel->normalized().rows(), Eigen::Index(576));
        QVERIFY(alone.normalized() == besideAModel->normalized());
    }
};

QTEST_APPLESS_MAIN(TestBlasThreads)
#include "test_blas_threads.moc"
