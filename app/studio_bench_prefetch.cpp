// diffcut-studio-bench --prefetch [--images 200] [--steps 40] [--think 1000] [--model M] [--grid 32]
//
// A folder of distinct 1024×1024 images; the real window opens it, then the user "works" on each
// image for --think milliseconds and presses D. Printed: milliseconds from D to the repainted canvas
// with the next image's segments (median, 90th percentile, max), once with prefetch off and once
// with 3 images ahead, each from an empty cache. A --model that cannot be loaded is an error (the
// window would silently measure the built-in fallback).
#include "studio_bench_prefetch.h"

#include "canvas/image_canvas.h"
#include "main_window.h"

#include "common/error.h"
#include "features/encoder_factory.h"
#include "image/image.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace diffcut::ui;

namespace {

constexpr int kTimeoutMs = 600000;

struct Options {
    int images = 200, steps = 40, thinkMs = 1000, grid = 32;
    QString model;
};

Options parse(int argc, char *argv[]) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        if (name == "--images")
            options.images = std::max(2, std::atoi(argv[i + 1]));
        else if (name == "--steps")
            options.steps = std::max(1, std::atoi(argv[i + 1]));
        else if (name == "--think")
            options.thinkMs = std::max(0, std::atoi(argv[i + 1]));
        else if (name == "--grid")
            options.grid = std::atoi(argv[i + 1]);
        else if (name == "--model")
            options.model = QString::fromLocal8Bit(argv[i + 1]);
    }
    options.steps = std::min(options.steps, options.images - 1);
    return options;
}

// Distinct images: the sample shifted and mirrored, each at 1024×1024.
void makeFolder(const QString &folder, int count) {
    QDir().mkpath(folder);
    const cv::Mat3b sample = diffcut::loadImageRgb(DIFFCUT_SAMPLE_IMAGE);
    for (int i = 0; i < count; ++i) {
        const int shift = (i * 7) % 60;
        cv::Mat crop = sample(cv::Rect(shift, 0, sample.cols - 60, sample.rows)), image;
        cv::resize(crop, image, {1024, 1024}, 0, 0, cv::INTER_LINEAR);
        if (i % 2)
            cv::flip(image, image, 1);
        cv::cvtColor(image, image, cv::COLOR_RGB2BGR);
        cv::imwrite(QString("%1/img%2.jpg").arg(folder).arg(i, 4, 10, QChar('0')).toStdString(), image,
                    {cv::IMWRITE_JPEG_QUALITY, 92});
    }
}

struct Figures {
    double median, p90, max;
};

Figures measure(const Options &options, const QString &folder, const QString &workspace, int prefetch) {
    auto store = std::make_unique<QSettings>(workspace + "/settings.ini", QSettings::IniFormat);
    store->setValue("cache/folder", workspace + "/cache");
    store->setValue("encoder/builtinGrid", options.grid);
    store->setValue("encoder/model", options.model);
    store->setValue("encoder/device", "cpu");
    store->setValue("prefetch/images", prefetch);
    MainWindow window(std::move(store));
    window.resize(1400, 900);
    window.show();
    QSignalSpy shown(&window, &MainWindow::segmentationShown);
    window.openFolder(folder);
    if (!shown.wait(kTimeoutMs))
        return {-1, -1, -1};
    std::vector<double> times;
    for (int step = 0; step < options.steps; ++step) {
        QTest::qWait(options.thinkMs); // the user works on the image; prefetch runs meanwhile
        shown.clear();
        QElapsedTimer timer;
        timer.start();
        window.action("nextImage")->trigger();
        if (!shown.wait(kTimeoutMs))
            return {-1, -1, -1};
        window.canvas()->viewport()->repaint();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return {times[times.size() / 2], times[times.size() * 9 / 10], times.back()};
}

// The encoder the window will use, described; empty with an error printed when the model cannot be
// loaded, since the window would then measure the built-in fallback under the model's name.
std::string encoderDescription(const Options &options) {
    diffcut::EncoderSettings settings;
    settings.model = options.model.toStdString();
    settings.device = "cpu";
    settings.useCache = false;
    settings.builtinGrid = options.grid;
    try {
        return diffcut::createEncoder(settings)->description();
    } catch (const diffcut::Error &error) {
        std::fprintf(stderr, "diffcut-studio-bench: %s\n", error.what());
        return {};
    }
}

} // namespace

int runPrefetchBench(int argc, char *argv[]) {
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0); // as diffcut-studio does
    int qtArgc = 1;
    char *qtArgv[] = {argv[0], nullptr};
    QApplication app(qtArgc, qtArgv);
    const Options options = parse(argc, argv);
    const std::string encoder = encoderDescription(options);
    if (encoder.empty())
        return 1;
    QTemporaryDir workspace;
    const QString folder = workspace.filePath("images");
    makeFolder(folder, options.images);
    std::printf("diffcut-studio-bench --prefetch: %d images of 1024x1024, %d steps of D after %d ms of work each, "
                "encoder: %s%s, platform %s\n",
                options.images, options.steps, options.thinkMs, encoder.c_str(),
                options.model.isEmpty() ? qPrintable(QString(", grid %1x%1").arg(options.grid)) : "",
                qPrintable(QGuiApplication::platformName()));
    for (const int prefetch : {0, 3}) {
        const QString run = workspace.filePath(QString("run-%1").arg(prefetch));
        QDir().mkpath(run);
        const Figures figures = measure(options, folder, run, prefetch);
        if (figures.median < 0) {
            std::printf("D -> next image shown timed out\n");
            return 1;
        }
        std::printf("D -> next image's segments on the canvas, prefetch %s: median %.1f ms, p90 %.1f ms, max %.1f ms\n",
                    prefetch ? "3 ahead" : "off", figures.median, figures.p90, figures.max);
    }
    return 0;
}
