// Prefetch: the pure policy (order, bounds, pause, cancel) without widgets or threads, the pause
// gate, and the real window preparing the next images of a folder in the background — marked in
// Files, said in the status bar, opened from what was prepared, stopped when the folder is left.
#include "test_support.h"

#include "main_window.h"
#include "panels/files_panel.h"
#include "pipeline/pause_gate.h"
#include "pipeline/prefetch_policy.h"
#include "pipeline/prefetcher.h"
#include "pipeline/prepared_images.h"
#include "pipeline/segmentation_session.h"

#include <QAction>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <thread>

using namespace diffcut;
using namespace diffcut::ui;

namespace {

constexpr int kTimeoutMs = 60000;
using Kind = PrefetchDecision::Kind;

PrefetchState folderOf(int count, int current, int direction = 1) {
    PrefetchState state;
    state.imageCount = count;
    state.current = current;
    state.direction = direction;
    state.bounds.maxImages = 3;
    return state;
}

PrefetchDecision start(int image) { return {Kind::Start, image, false}; }

} // namespace

class TestGuiPrefetch : public QObject {
    Q_OBJECT
private slots:
    void candidatesFollowTheFilesOrderInTheUsersDirection() {
        QCOMPARE(prefetchCandidates(folderOf(10, 4, 1)), (std::vector<int>{5, 6, 7}));
        QCOMPARE(prefetchCandidates(folderOf(10, 4, -1)), (std::vector<int>{3, 2, 1}));
        QCOMPARE(prefetchCandidates(folderOf(10, 9, 1)), std::vector<int>{}); // the last image
        QCOMPARE(prefetchCandidates(folderOf(10, 1, -1)), std::vector<int>{0});
        QCOMPARE(prefetchCandidates(folderOf(10, -1, 1)), std::vector<int>{}); // no image open
        QCOMPARE(nextPrefetch(folderOf(10, 4, 1)), start(5));
        QCOMPARE(nextPrefetch(folderOf(10, 4, -1)), start(3));

        // D moves forward, A backward, a click in Files in the direction of the jump.
        QCOMPARE(moveDirection(4, 5, -1), 1);
        QCOMPARE(moveDirection(4, 3, 1), -1);
        QCOMPARE(moveDirection(4, 9, -1), 1);
        QCOMPARE(moveDirection(-1, 3, -1), -1); // no move: the direction stays
        QCOMPARE(moveDirection(3, 3, -1), -1);
    }

    void readyAndFailedImagesAreSkipped() {
        PrefetchState state = folderOf(10, 4);
        state.ready = {{5, 100}};
        QCOMPARE(nextPrefetch(state), start(6));
        state.failed = {6};
        QCOMPARE(nextPrefetch(state), start(7));
        state.ready[7] = 100;
        QCOMPARE(nextPrefetch(state), PrefetchDecision{}); // all three ahead done
    }

    void theCountBoundsHowFarAhead() {
        PrefetchState state = folderOf(10, 4);
        state.bounds.maxImages = 0;
        QCOMPARE(nextPrefetch(state), PrefetchDecision{}); // prefetch off
        state.bounds.maxImages = 1;
        state.ready = {{5, 100}};
        QCOMPARE(nextPrefetch(state), PrefetchDecision{});
        state.bounds.maxImages = 2;
        QCOMPARE(nextPrefetch(state), start(6));
    }

    void theDiskBoundCountsTheFeaturesAhead() {
        PrefetchState state = folderOf(10, 4);
        state.bounds.maxBytes = 1000;
        state.ready = {{0, 400}, {5, 400}}; // about 400 bytes an image
        QCOMPARE(nextPrefetch(state), start(6)); // 400 ahead + 400 estimated fit
        state.ready[6] = 400;
        QCOMPARE(nextPrefetch(state), PrefetchDecision{}); // 800 ahead + 400 would not
        state.current = 6;                                   // the user moved on: 5 and 6 no longer count
        QCOMPARE(nextPrefetch(state), start(7));
    }

    void nothingStartsWhileTheCurrentImageOrAnExportWorks() {
        PrefetchState state = folderOf(10, 4);
        state.currentWorking = true;
        QCOMPARE(nextPrefetch(state), PrefetchDecision{});
        state.currentWorking = false;
        state.exportRunning = true;
        QCOMPARE(nextPrefetch(state), PrefetchDecision{});
    }

    void aJobInFlightPausesWhileTheCurrentImageWorks() {
        PrefetchState state = folderOf(10, 4);
        state.inFlight = 5;
        QCOMPARE(nextPrefetch(state), PrefetchDecision{}); // runs on
        state.currentWorking = true;                         // a cut or a tree of the open image
        QCOMPARE(nextPrefetch(state), (PrefetchDecision{Kind::None, -1, true}));
        // The user moved onto the image being prepared: the session waits for it, it must not pause.
        state.current = 5;
        state.currentEncoding = true;
        QCOMPARE(nextPrefetch(state), PrefetchDecision{});
    }

    void aJobInFlightIsCancelledWhenItIsInTheWay() {
        PrefetchState state = folderOf(10, 4);
        state.inFlight = 6;
        state.currentWorking = state.currentEncoding = true; // opening image 4 needs the shared encoder
        QCOMPARE(nextPrefetch(state), (PrefetchDecision{Kind::Cancel, 6, false}));

        state = folderOf(10, 4);
        state.inFlight = 6;
        state.exportRunning = true; // so does an export
        QCOMPARE(nextPrefetch(state), (PrefetchDecision{Kind::Cancel, 6, false}));

        state = folderOf(10, 4, -1); // the user turned back: 6 is no longer ahead
        state.inFlight = 6;
        QCOMPARE(nextPrefetch(state), (PrefetchDecision{Kind::Cancel, 6, false}));
    }

    void onlyCheapTreesArePreparedInMemory() {
        QVERIFY(treeWorthPreparing(32 * 32, 1024 * 1024));
        QVERIFY(!treeWorthPreparing(64 * 64, 1024 * 1024));
        QVERIFY(!treeWorthPreparing(32 * 32, 20'000'000));
    }

    void thePauseGateHoldsAJobUntilResumedOrStopped() {
        PauseGate gate;
        std::stop_source stop;
        gate.wait(stop.get_token()); // not paused: returns at once
        gate.setPaused(true);
        std::atomic<bool> passed = false;
        std::thread job([&] {
            gate.wait(stop.get_token());
            passed = true;
        });
        QTest::qWait(50);
        QVERIFY(!passed);
        gate.setPaused(false);
        job.join();
        QVERIFY(passed);

        gate.setPaused(true);
        passed = false;
        std::thread cancelled([&] {
            gate.wait(stop.get_token());
            passed = true;
        });
        QTest::qWait(50);
        QVERIFY(!passed);
        stop.request_stop(); // a paused job can always be cancelled
        cancelled.join();
        QVERIFY(passed);
    }

    void theWindowPreparesTheNextImagesAndOpensThemFromThere() {
        QTemporaryDir dir;
        const QString folder = dir.filePath("images");
        QDir().mkpath(folder);
        const cv::Mat sample = cv::imread(testing::sampleImage().string());
        QStringList images;
        for (int i = 0; i < 5; ++i) {
            cv::Mat image;
            cv::resize(sample(cv::Rect(i * 9, 0, sample.cols - 40, sample.rows)), image, {160, 120});
            images << QString("%1/img%2.png").arg(folder).arg(i);
            QVERIFY(cv::imwrite(images.back().toStdString(), image));
        }
        auto store = std::make_unique<QSettings>(dir.filePath("settings.ini"), QSettings::IniFormat);
        store->setValue("cache/folder", dir.filePath("cache"));
        store->setValue("prefetch/images", 2);
        MainWindow window(std::move(store));
        window.show();
        QSignalSpy shown(&window, &MainWindow::segmentationShown);
        window.openFolder(folder);
        QVERIFY(shown.wait(kTimeoutMs));

        // The next two images get prepared, marked in Files; the status bar says so; not the third.
        Prefetcher *prefetcher = window.prefetcher();
        QTRY_VERIFY_WITH_TIMEOUT(prefetcher->mark(images[1]) == FeatureMark::Ready &&
                                     prefetcher->mark(images[2]) == FeatureMark::Ready,
                                 kTimeoutMs);
        QCOMPARE(prefetcher->mark(images[3]), FeatureMark::None);
        auto *files = window.filesPanel()->findChild<QTreeView *>("filesView");
        QCOMPARE(files->model()->index(1, ImageListModel::FeaturesColumn).data().toString(), QString("◆"));
        QCOMPARE(files->model()->index(3, ImageListModel::FeaturesColumn).data().toString(), QString());
        QTRY_VERIFY(window.findChild<QLabel *>("backgroundText")->text().startsWith("Next 2 image"));
        QVERIFY(prefetcher->prepared()->contains(images[1]));

        // D opens the prepared image: no decoding, encoding or affinity in its timings.
        QSignalSpy features(window.session(), &SegmentationSession::featuresReady);
        shown.clear();
        window.action("nextImage")->trigger();
        QVERIFY(shown.wait(kTimeoutMs));
        QCOMPARE(window.session()->imagePath(), images[1]);
        QCOMPARE(features.count(), 1);
        const QString timings = features.last().at(1).toString();
        QVERIFY2(!timings.contains("features") && !timings.contains("affinity"), qPrintable(timings));
        QVERIFY(!prefetcher->prepared()->contains(images[1]));
        // ...and the window moves on: image 3 is prepared next.
        QTRY_VERIFY_WITH_TIMEOUT(prefetcher->mark(images[3]) == FeatureMark::Ready, kTimeoutMs);

        // A turns the direction: what lies behind is prepared (image 0 is cached already).
        window.action("previousImage")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->imagePath(), images[0], kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!window.session()->working() && prefetcher->status().isEmpty(), kTimeoutMs);

        // Leaving the folder stops everything and forgets what was prepared.
        const QString single = dir.filePath("single.png");
        QVERIFY(QFile::copy(images[4], single));
        window.openImage(single);
        QCOMPARE(prefetcher->mark(images[3]), FeatureMark::None);
        QVERIFY(!prefetcher->prepared()->contains(images[2]));
        QVERIFY(prefetcher->status().isEmpty());
    }

    void theNextFolderSessionKnowsWhatWasEncodedBefore() {
        // Features computed earlier (by `diffcut encode` or another session) are marked ready from
        // their source records without decoding anything, and need not be prepared again.
        QTemporaryDir dir;
        const QString folder = dir.filePath("images");
        QDir().mkpath(folder);
        const cv::Mat sample = cv::imread(testing::sampleImage().string());
        QStringList images;
        for (int i = 0; i < 3; ++i) {
            cv::Mat image;
            cv::resize(sample(cv::Rect(i * 9, 0, sample.cols - 40, sample.rows)), image, {160, 120});
            images << QString("%1/img%2.png").arg(folder).arg(i);
            QVERIFY(cv::imwrite(images.back().toStdString(), image));
        }
        const auto openWindow = [&](int prefetch) {
            auto store = std::make_unique<QSettings>(dir.filePath("settings.ini"), QSettings::IniFormat);
            store->setValue("cache/folder", dir.filePath("cache"));
            store->setValue("prefetch/images", prefetch);
            return std::make_unique<MainWindow>(std::move(store));
        };
        {
            auto first = openWindow(2);
            QSignalSpy shown(first.get(), &MainWindow::segmentationShown);
            first->openFolder(folder);
            QVERIFY(shown.wait(kTimeoutMs));
            QTRY_VERIFY_WITH_TIMEOUT(first->prefetcher()->mark(images[2]) == FeatureMark::Ready, kTimeoutMs);
        }
        auto second = openWindow(0); // prefetch off: only what the cache holds is marked
        QSignalSpy shown(second.get(), &MainWindow::segmentationShown);
        second->openFolder(folder);
        QVERIFY(shown.wait(kTimeoutMs));
        for (const QString &image : images)
            QTRY_VERIFY_WITH_TIMEOUT(second->prefetcher()->mark(image) == FeatureMark::Ready, kTimeoutMs);
    }
};

QTEST_MAIN(TestGuiPrefetch)
#include "test_gui_prefetch.moc"
