// The parallel loops of the core (common/parallel.h): every item once, whatever the thread count,
// and a failure in any chunk reaches the caller after all threads have stopped.
#include "common/error.h"
#include "common/parallel.h"
#include "common/progress.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace diffcut;

class TestParallel : public QObject {
    Q_OBJECT
private slots:
    void everyItemOnce_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("grain");
        QTest::newRow("one thread") << 1 << 7;
        QTest::newRow("two threads") << 2 << 7;
        QTest::newRow("more threads than chunks") << 16 << 400;
        QTest::newRow("free cores") << 0 << 1;
    }
    void everyItemOnce() {
        QFETCH(int, threads);
        QFETCH(int, grain);
        std::vector<std::atomic<int>> visits(1000);
        std::atomic<int> calls{0}, longest{0};
        parallelFor(int(visits.size()), grain, [&](int begin, int end) {
            ++calls;
            longest = std::max(longest.load(), end - begin);
            for (int i = begin; i < end; ++i)
                ++visits[std::size_t(i)];
        }, threads);
        for (const auto &count : visits)
            QCOMPARE(count.load(), 1);
        if (calls > 1) // one thread takes the whole range in one call
            QVERIFY(longest <= grain);
        parallelFor(0, grain, [](int, int) { QFAIL("no chunk for no items"); }, threads);
    }

    void aFailureReachesTheCaller() {
        std::atomic<int> started{0};
        QVERIFY_THROWS_EXCEPTION(Cancelled, parallelFor(100, 1, [&](int begin, int) {
            ++started;
            if (begin == 3)
                throw Cancelled();
        }, 2));
        QVERIFY(started.load() >= 4);
    }

    void freeCoresIsAtLeastOne() { QVERIFY(freeCores() >= 1); }

    // Other processes' runnable threads take cores; this process's own do not (a UI thread busy
    // for a millisecond as a cut starts left the whole cut on one thread).
    void onlyOtherProcessesTakeCores() {
        QCOMPARE(freeCoresGiven(2, 1, 1), 2);    // the caller alone
        QCOMPARE(freeCoresGiven(2, 3, 3), 2);    // the caller and two threads of its own
        QCOMPARE(freeCoresGiven(2, 3, 2), 1);    // another process runs
        QCOMPARE(freeCoresGiven(2, 9, 1), 1);    // a busy machine: still the caller's core
        QCOMPARE(freeCoresGiven(16, 5, 2), 13);
        QCOMPARE(freeCoresGiven(4, 1, 3), 4);    // counts read at slightly different moments
        // A thread of this process that spins is counted as this process's.
        std::atomic<bool> stop{false}, spinning{false};
        std::thread spinner([&] {
            spinning = true;
            while (!stop) {
            }
        });
        while (!spinning) {
        }
        int seen = 0;
        for (int attempt = 0; attempt < 200 && seen < 2; ++attempt)
            seen = std::max(seen, runnableThreadsOfThisProcess());
        stop = true;
        spinner.join();
        QVERIFY2(seen >= 2, qPrintable(QString::number(seen)));
    }

    // Bands of consecutive rows cover every row once; a small map is one band, run by the caller.
    void rowBandsCoverEveryRowOnce() {
        for (const auto &[rows, cols] : {std::pair{1000, 1000}, std::pair{3, 200000}, std::pair{100, 100}}) {
            std::vector<std::atomic<int>> visits(static_cast<std::size_t>(rows));
            std::vector<std::atomic<int>> bandCalls(kMaxRowBands);
            const std::thread::id caller = std::this_thread::get_id();
            std::atomic<bool> inline_{true};
            const int bands = forRowBands(rows, cols, [&](int band, int first, int end) {
                ++bandCalls[std::size_t(band)];
                inline_ = inline_ && std::this_thread::get_id() == caller;
                for (int y = first; y < end; ++y)
                    ++visits[std::size_t(y)];
            });
            for (const auto &count : visits)
                QCOMPARE(count.load(), 1);
            for (int band = 0; band < kMaxRowBands; ++band)
                QCOMPARE(bandCalls[std::size_t(band)].load(), band < bands ? 1 : 0);
            QCOMPARE(bands, rows * cols < (1 << 18) ? 1 : std::min(rows, kMaxRowBands));
            if (bands == 1)
                QVERIFY(inline_);
        }
    }

    // Work prepared ahead waits at its checkpoints (WorkControl::yield), in its parts too, and a
    // stop still ends it there.
    void checkpointsYieldThenStop() {
        std::stop_source stop;
        int yields = 0;
        WorkControl control;
        control.stop = stop.get_token();
        control.yield = [&] {
            if (++yields == 3)
                stop.request_stop();
        };
        control.checkpoint();
        control.part(0.0, 0.5).checkpoint();
        QCOMPARE(yields, 2);
        QVERIFY_THROWS_EXCEPTION(Cancelled, control.part(0.5, 1.0, "second").checkpoint());
        QCOMPARE(yields, 3);
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "test_parallel.moc"
