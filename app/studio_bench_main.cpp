// diffcut-studio-bench: how live the window feels, measured with the real widgets (a benchmark,
// not a test: it prints figures). Run it under xvfb-run or with QT_QPA_PLATFORM=offscreen.
//   diffcut-studio-bench [32|64] [--timeout SECONDS]   (grid of the built-in encoder; each wait's limit, default 120)
//   τ change → repainted canvas at 1024×1024 (target ≤ 16 ms)
//   α change with a cached tree → repainted canvas (≤ 16 ms)
//   refinement (PAMR) switched on and off → repainted canvas (≤ 150 ms)
//   longest event-loop stall while features and a tree are computed (≤ 50 ms)
//   τ change on a 4000×3000 image (--large W×H) with everything selected: time to the canvas (a
//   screen-sized preview), to the full-resolution map on the canvas, longest event-loop stall
#include "canvas/image_canvas.h"
#include "common/blas_threads.h"
#include "common/huge_pages.h"
#include "document/annotation_document.h"
#include "main_window.h"
#include "panels/granularity_panel.h"
#include "pipeline/segmentation_session.h"
#include "pipeline/image_workspace.h"

#include "image/image.h"
#include "studio_bench_prefetch.h"

#include <QApplication>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

using namespace diffcut::ui;

namespace {

int timeoutMs = 120000;

// A wait that runs out is an error: the figures after it would describe something else.
[[noreturn]] void timedOut(const char *what) {
    char message[160];
    std::snprintf(message, sizeof message, "timed out after %g s waiting for %s", timeoutMs / 1000.0, what);
    throw std::runtime_error(message);
}

void waitFor(const std::function<bool()> &condition, const char *what) {
    if (!QTest::qWaitFor(condition, timeoutMs))
        timedOut(what);
}

struct Summary {
    double median, max;
};

Summary summarise(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return {values[values.size() / 2], values.back()};
}

// Counts the paint events a widget gets, and ends a waiting event loop at each.
class PaintCounter : public QObject {
public:
    explicit PaintCounter(QWidget *widget) : QObject(widget) { widget->installEventFilter(this); }
    int paints() const { return paints_; }
    // Runs the event loop until a paint after the first `paints` ones has been delivered.
    void waitBeyond(int paints) {
        if (paints_ > paints)
            return;
        QEventLoop loop;
        waiting_ = &loop;
        QTimer::singleShot(timeoutMs, &loop, [&] { loop.exit(1); });
        const int outcome = loop.exec();
        waiting_ = nullptr;
        if (outcome != 0)
            timedOut("the canvas to paint the new segmentation");
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() != QEvent::Paint)
            return false;
        ++paints_;
        // After it is painted: quit once this event is done.
        QMetaObject::invokeMethod(this, [this] { if (waiting_) waiting_->quit(); }, Qt::QueuedConnection);
        return QObject::eventFilter(watched, event);
    }

private:
    int paints_ = 0;
    QEventLoop *waiting_ = nullptr;
};

// Milliseconds from `change` to the canvas having painted the result it causes: the paint the
// new overlay asks for, as the window gets it (forcing one more would paint twice, the second
// time while the next step already runs).
double timeToRepaint(MainWindow &window, const std::function<void()> &change) {
    QSignalSpy shown(&window, &MainWindow::segmentationShown);
    static PaintCounter *const counter = new PaintCounter(window.canvas()->viewport());
    // The paints so far when the overlay reached the canvas: the next one shows it.
    int paintsBefore = -1;
    const QMetaObject::Connection arrival =
        QObject::connect(window.canvas(), &ImageCanvas::rendered, [&] { paintsBefore = counter->paints(); });
    QElapsedTimer timer;
    timer.start();
    change();
    if (!shown.wait(timeoutMs))
        timedOut("the new segmentation");
    // The overlay and the selection are rasterised on the canvas's render thread.
    if (window.canvas()->rendering()) {
        QSignalSpy rendered(window.canvas(), &ImageCanvas::rendered);
        if (paintsBefore < 0 && !rendered.wait(timeoutMs))
            timedOut("the canvas to render the new segmentation");
    }
    if (paintsBefore < 0)
        paintsBefore = counter->paints();
    QObject::disconnect(arrival);
    counter->waitBeyond(paintsBefore);
    return double(timer.nsecsElapsed()) / 1e6;
}

// The longest gap between ticks of a 1 ms timer while `work` runs until `done` says so.
double longestStall(const std::function<void()> &work, const std::function<bool()> &done, const char *what) {
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    qint64 longest = 0;
    QTimer ticker;
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        longest = std::max(longest, now - last);
        last = now;
    });
    ticker.start();
    work();
    waitFor(done, what);
    return double(longest) / 1e6;
}

// A large photo with everything selected: τ steps redraw the overlay and the selection; a preview
// map (about the screen's size) comes first, the full-resolution one after it; the window must
// stay responsive meanwhile. Prints the time to the first repainted canvas, to the full map on
// the canvas, and the longest event-loop stall.
void measureLarge(MainWindow &window, const QString &large) {
    auto *tauSpin = window.granularityPanel()->findChild<QDoubleSpinBox *>("tauSpinBox");
    const auto fullShown = [&] {
        const auto &result = window.document()->result();
        return result && !result->isPreview() && !window.canvas()->rendering();
    };
    QSignalSpy shown(&window, &MainWindow::segmentationShown);
    waitFor([&] { return !window.session()->working(); }, "the previous image's work");
    window.openImage(large);
    waitFor([&] { return shown.count() > 0 && fullShown() && !window.session()->working(); }, "the large image's segmentation");
    const cv::Size size = window.document()->result()->imageSize;
    window.action("selectAll")->trigger();
    std::vector<double> firstTimes, fullTimes;
    double stall = 0;
    for (int i = 0; i < 5; ++i) {
        const double tau = 0.35 + 0.05 * i;
        const auto step = [&] {
            QElapsedTimer clock;
            clock.start();
            firstTimes.push_back(timeToRepaint(window, [&] { tauSpin->setValue(tau); }));
            waitFor([&] { return std::abs(window.document()->state().tau - tau) < 1e-6 && fullShown(); }, "the full-resolution map");
            window.canvas()->viewport()->repaint();
            fullTimes.push_back(double(clock.nsecsElapsed()) / 1e6);
        };
        stall = std::max(stall, longestStall(step, [] { return true; }, "the large image's τ change"));
    }
    const Summary first = summarise(firstTimes), full = summarise(fullTimes);
    std::printf("tau change on %dx%d with everything selected -> repainted canvas: median %.1f ms, max %.1f ms; "
                "full resolution on the canvas: median %.1f ms, max %.1f ms; longest event-loop stall %.1f ms (target <= 50)\n",
                size.width, size.height, first.median, first.max, full.median, full.max, stall);
}

// Prints each figure; throws when a wait times out.
void measure(MainWindow &window, const QString &image, const QString &second, const QString &large) {
    auto *tauSpin = window.granularityPanel()->findChild<QDoubleSpinBox *>("tauSpinBox");
    auto *alphaSpin = window.granularityPanel()->findChild<QDoubleSpinBox *>("alphaSpinBox");
    const auto idle = [&] { return !window.session()->busy(); };
    const auto cached = [&](double alpha) {
        return window.session()->workspace() && window.session()->workspace()->cachedTree(alpha);
    };

    // Opening: features + affinity + the first tree, with the event loop watched throughout.
    QSignalSpy shown(&window, &MainWindow::segmentationShown);
    const double openStall = longestStall([&] { window.openImage(image); }, [&] { return shown.count() > 0 && idle(); },
                                         "the first segmentation");
    std::printf("open (features, affinity, tree, neighbour α prefetch): longest event-loop stall %.1f ms (target <= 50)\n", openStall);

    std::vector<double> tauTimes;
    for (int i = 0; i < 20; ++i) {
        const double tau = 0.2 + 0.03 * i;
        tauTimes.push_back(timeToRepaint(window, [&] { tauSpin->setValue(tau); }));
    }
    const Summary tau = summarise(tauTimes);
    std::printf("tau change -> repainted canvas: median %.1f ms, max %.1f ms over %zu changes (target <= 16)\n", tau.median,
                tau.max, tauTimes.size());

    // α: wait for the idle-time neighbours, then step between cached trees.
    waitFor([&] { return idle() && cached(9.0) && cached(11.0); }, "the trees of the neighbouring alpha values");
    // The same steps with the session at rest (no neighbouring α being prepared on the other core).
    std::vector<double> restTimes;
    for (int i = 0; i < 20; ++i) {
        const double tau = 0.21 + 0.03 * i;
        restTimes.push_back(timeToRepaint(window, [&] { tauSpin->setValue(tau); }));
        waitFor([&] { return !window.session()->working(); }, "the session to rest");
    }
    const Summary rest = summarise(restTimes);
    std::printf("tau change at rest -> repainted canvas: median %.1f ms, max %.1f ms over %zu changes (target <= 12)\n",
                rest.median, rest.max, restTimes.size());

    // Many segments: τ dragged from ~600 to ~1000 segments, as diffcut-bench's line, to the canvas.
    {
        const auto workspace = window.session()->workspace();
        const diffcut::AnnotationState state = window.document()->state(); // put back afterwards
        // The spin box's steps (thousandths) between the two: each a new τ.
        const int low = int(std::ceil(workspace->tauForSegmentCount(state, 600) * 1000));
        const int high = int(std::floor(workspace->tauForSegmentCount(state, 1000) * 1000));
        timeToRepaint(window, [&] { tauSpin->setValue(low / 1000.0); });
        std::vector<double> manyTimes;
        for (int step = low + 1; step <= high; ++step)
            manyTimes.push_back(timeToRepaint(window, [&] { tauSpin->setValue(step / 1000.0); }));
        const Summary many = summarise(manyTimes);
        std::printf("tau change 600-1000 segments -> repainted canvas: median %.1f ms, max %.1f ms over %zu changes, "
                    "last %d segments (target <= 16)\n",
                    many.median, many.max, manyTimes.size(), window.document()->result()->composed.annotation.segmentCount());
        timeToRepaint(window, [&] { tauSpin->setValue(state.tau); }); // the lines below measure where they did
        waitFor([&] { return !window.session()->working(); }, "the session to rest");
    }
    std::vector<double> alphaTimes;
    for (const double alpha : {9.0, 10.0, 11.0, 10.0, 9.0, 10.0}) {
        if (!cached(alpha))
            continue;
        alphaTimes.push_back(timeToRepaint(window, [&] { alphaSpin->setValue(alpha); }));
    }
    if (!alphaTimes.empty()) {
        const Summary alpha = summarise(alphaTimes);
        std::printf("alpha change, cached tree -> repainted canvas: median %.1f ms, max %.1f ms over %zu changes (target <= 16)\n",
                    alpha.median, alpha.max, alphaTimes.size());
    }

    // PAMR on and off. While the user looks, the session refines the cut on screen ahead, so
    // switching on only shows it; right after a τ change nothing is prepared yet: that switch
    // costs the refinement itself (its guide, made once per image, is kept).
    auto *refine = window.granularityPanel()->findChild<QCheckBox *>("refineCheckBox");
    QTest::qWait(1000); // the user looks: longer than the session waits before preparing ahead
    waitFor([&] { return !window.session()->working(); }, "the work prepared ahead");
    const double prepared = timeToRepaint(window, [&] { refine->setChecked(true); });
    std::vector<double> refineOff{timeToRepaint(window, [&] { refine->setChecked(false); })};
    std::vector<double> refineNow;
    for (const double tau : {0.45, 0.55, 0.65}) {
        timeToRepaint(window, [&] { tauSpin->setValue(tau); });
        refineNow.push_back(timeToRepaint(window, [&] { refine->setChecked(true); }));
        refineOff.push_back(timeToRepaint(window, [&] { refine->setChecked(false); }));
    }
    const double again = timeToRepaint(window, [&] { refine->setChecked(true); });
    refineOff.push_back(timeToRepaint(window, [&] { refine->setChecked(false); }));
    std::printf("refine on -> repainted canvas: prepared while idle %.1f ms; right after a tau change (refined then) "
                "median %.1f ms, max %.1f ms; again %.1f ms; off: max %.1f ms (target <= 150)\n",
                prepared, summarise(refineNow).median, summarise(refineNow).max, again, summarise(refineOff).max);

    // A new α (tree built in the background) while the user keeps scrubbing τ.
    const double buildStall = longestStall(
        [&] { alphaSpin->setValue(4.0); },
        [&] { return window.document()->result()->tree->alpha() == 4.0 && idle(); }, "the tree of the new alpha");
    std::printf("alpha change, new tree built in the worker: longest event-loop stall %.1f ms (target <= 50)\n", buildStall);

    shown.clear();
    const double secondStall = longestStall([&] { window.openImage(second); }, [&] { return shown.count() > 0 && idle(); },
                                           "the second image's segmentation");
    std::printf("second image (features + tree): longest event-loop stall %.1f ms (target <= 50)\n", secondStall);

    measureLarge(window, large);
}

} // namespace

int main(int argc, char *argv[]) {
    diffcut::useBlasOnCallingThreads(); // as diffcut-studio does
    if (argc > 1 && std::string(argv[1]) == "--prefetch")
        return runPrefetchBench(argc - 1, argv + 1);
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0); // as diffcut-studio does
    diffcut::reuseFreedMemory(std::size_t(32) << 20, std::size_t(256) << 20);
    diffcut::mapLargeImagesInHugePages();
    diffcut::keepHeapTopPopulated(std::size_t(64) << 20); // as diffcut-studio does
    QApplication app(argc, argv);
    int grid = 32;
    cv::Size largeSize(4000, 3000);
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        int width = 0, height = 0;
        if (argument == "--timeout" && i + 1 < argc && std::atof(argv[i + 1]) > 0)
            timeoutMs = std::max(1, int(std::atof(argv[++i]) * 1000));
        else if (argument == "--large" && i + 1 < argc && std::sscanf(argv[i + 1], "%dx%d", &width, &height) == 2 &&
                 width > 0 && height > 0 && double(width) * height <= 2e8)
            largeSize = {width, height}, ++i;
        else if (argument == "32" || argument == "64")
            grid = std::stoi(argument);
        else {
            std::fprintf(stderr, "usage: diffcut-studio-bench [32|64] [--timeout SECONDS] [--large WIDTHxHEIGHT]\n"
                                 "       diffcut-studio-bench --prefetch [options]\n");
            return 2;
        }
    }
    QTemporaryDir workspace;
    const cv::Mat3b sample = diffcut::loadImageRgb(DIFFCUT_SAMPLE_IMAGE);
    cv::Mat3b square;
    cv::resize(sample, square, {1024, 1024}, 0, 0, cv::INTER_LINEAR);
    cv::Mat3b bgr;
    cv::cvtColor(square, bgr, cv::COLOR_RGB2BGR);
    const QString image = workspace.filePath("bench-1024.png");
    const QString second = workspace.filePath("bench-1024-second.png");
    cv::imwrite(image.toStdString(), bgr);
    cv::flip(bgr, bgr, 1);
    cv::imwrite(second.toStdString(), bgr);
    const QString large = workspace.filePath("bench-large.jpg");
    cv::Mat3b big;
    cv::resize(bgr, big, largeSize, 0, 0, cv::INTER_LINEAR);
    cv::imwrite(large.toStdString(), big);

    auto store = std::make_unique<QSettings>(workspace.filePath("settings.ini"), QSettings::IniFormat);
    store->setValue("cache/folder", workspace.filePath("cache"));
    store->setValue("encoder/builtinGrid", grid);
    MainWindow window(std::move(store));
    window.resize(1400, 900);
    window.show();
    std::printf("diffcut-studio-bench: 1024x1024 image, built-in encoder on a %dx%d grid, platform %s\n", grid, grid,
                qPrintable(QGuiApplication::platformName()));

    try {
        measure(window, image, second, large);
    } catch (const std::exception &error) {
        std::fprintf(stderr, "diffcut-studio-bench: %s\n", error.what());
        return 1;
    }
    window.close();
    return 0;
}
