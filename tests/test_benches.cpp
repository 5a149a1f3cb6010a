// The benchmark programs as commands: options, and failures that are reported instead of turning
// into figures. Their figures themselves are not tested (speed is shown by benchmarks).
#include "test_support.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

namespace {

struct Run {
    int exitCode;
    QString out, err;
};

Run run(const QString &program, const QStringList &arguments) {
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted())
        qFatal("%s could not be started (%s): is it built?", qPrintable(program), qPrintable(process.errorString()));
    if (!process.waitForFinished(600000))
        qFatal("%s did not finish", qPrintable(program));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestBenches : public QObject {
    Q_OBJECT
private slots:
    // diffcut-bench prints the lines compared across commits, each starting with the same words.
    void benchPrintsItsComparableLines() {
        const Run bench = run(DIFFCUT_BENCH_PATH, {"--quick"});
        QVERIFY2(bench.exitCode == 0, qPrintable(bench.err));
        for (const char *pattern : {R"(^cli-path 32x32x1280: \d+(\.\d+)? ms)", R"(^tau-change 1024x1024 1000-segments: \d+(\.\d+)? ms)",
                                    R"(^tau-change 12000x9000 display: \d+(\.\d+)? ms)",
                                    R"(^contention 32x32x1280: \d+(\.\d+)? ms \(alone \d+(\.\d+)? ms\))"}) {
            const QRegularExpression line(pattern, QRegularExpression::MultilineOption);
            QVERIFY2(line.match(bench.out).hasMatch(), qPrintable(QString(pattern) + " not in:\n" + bench.out));
        }
    }

    // A wait that runs out stops the bench with an error; it used to print a figure (or -1) and exit 0.
    void studioBenchReportsATimeout() {
#ifndef DIFFCUT_STUDIO_BENCH_PATH
        QSKIP("built without the GUI");
#else
        const Run bench = run(DIFFCUT_STUDIO_BENCH_PATH, {"32", "--timeout", "0.001"}); // offscreen (ctest)
        QCOMPARE(bench.exitCode, 1);
        QVERIFY2(bench.err.contains("diffcut-studio-bench: timed out after 0.001 s waiting for the first segmentation"),
                 qPrintable(bench.err));
        QCOMPARE(run(DIFFCUT_STUDIO_BENCH_PATH, {"--timeout", "-1"}).exitCode, 2);
#endif
    }

    void encoderBenchTimesABatch() {
#ifndef DIFFCUT_BENCH_ENCODER_PATH
        QSKIP("built without LibTorch");
#else
        DIFFCUT_REQUIRE_FIXTURES();
        const QString configs = QString::fromStdString((diffcut::testing::fixturesDir() / "diffusers/sdxl-tiny").string());
        const Run bench = run(DIFFCUT_BENCH_ENCODER_PATH, {configs, "--resolution", "64", "--batch", "2", "--warmup",
                                                           "0", "--runs", "3", "--threads", "1"});
        QVERIFY2(bench.exitCode == 0, qPrintable(bench.err));
        QVERIFY2(bench.out.contains("at 64 px, batch 2, on CPU: UNet float32, VAE float32; CPU threads: 1;"),
                 qPrintable(bench.out));
        QVERIFY2(bench.out.contains("feature 32 x 8 x 8 per image"), qPrintable(bench.out));
        QVERIFY2(bench.out.contains("median of 3 runs after 0 warm-up") && bench.out.contains("ms per image (VAE encoder"),
                 qPrintable(bench.out));
        // The figures compared across commits, each on a line of its own starting with these words.
        for (const char *figure : {R"(^vae \d+\.\d+ s$)", R"(^unet \d+\.\d+ s$)", R"(^peak-rss \d+ MiB$)"})
            QVERIFY2(QRegularExpression(figure, QRegularExpression::MultilineOption).match(bench.out).hasMatch(),
                     qPrintable(QString(figure) + " not in:\n" + bench.out));
        QCOMPARE(run(DIFFCUT_BENCH_ENCODER_PATH, {configs, "--threads", "0"}).exitCode, 2);

        QCOMPARE(run(DIFFCUT_BENCH_ENCODER_PATH, {configs, "--batch", "0"}).exitCode, 2);
        QCOMPARE(run(DIFFCUT_BENCH_ENCODER_PATH, {configs, "--device", "gpu"}).exitCode, 2);
        const Run missing = run(DIFFCUT_BENCH_ENCODER_PATH, {"/no/such/configs", "--resolution", "64"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("/no/such/configs/unet/config.json"), qPrintable(missing.err));
        // Without a GPU, CUDA is refused with the reason instead of silently timing the CPU.
        const Run cuda = run(DIFFCUT_BENCH_ENCODER_PATH, {configs, "--resolution", "64", "--device", "cuda", "--runs", "1"});
        if (cuda.exitCode != 0) {
            QCOMPARE(cuda.exitCode, 1);
            QVERIFY2(cuda.err.contains("--device cuda: this LibTorch"), qPrintable(cuda.err));
        }
#endif
    }
};

QTEST_GUILESS_MAIN(TestBenches)
#include "test_benches.moc"
