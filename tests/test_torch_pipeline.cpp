// The whole diffusion feature extraction, PNG in, features out, against what diffusers and
// transformers compute (../shared/fixtures/pipeline): model folder loading, image decoding and
// resizing, VAE, noise schedule, empty-prompt conditioning, UNet encoder path, output layout.
// The encoder computes where torch_test_target.h says (the CPU in float32 by default).
#include "cli_support.h"
#include "common/error.h"
#include "diffusion/torch/diffusion_encoder.h"
#include "features/npy.h"
#include "image/image.h"
#include "test_support.h"
#include "torch_test_target.h"

#include <QTest>
#include <opencv2/imgproc.hpp>

#include <ATen/ATen.h>

#include <cmath>

namespace fs = std::filesystem;
using namespace diffcut;

namespace {

fs::path pipeline(const QString &name) { return testing::fixturesDir() / "pipeline" / name.toStdString(); }

EncoderSettings settingsFor(const fs::path &folder, const QTemporaryDir &cache) {
    EncoderSettings settings;
    settings.model = folder.string();
    settings.device = testing::torchTestTarget().device.is_cuda() ? "cuda" : "cpu";
    settings.precision = testing::torchTestTarget().precision;
    settings.noiseFile = folder / "golden/noise.npy";
    settings.cacheRoot = testing::toPath(cache);
    return settings;
}

// max|a − b| / max|b| and ‖a − b‖ / ‖b‖.
std::pair<double, double> difference(const FeatureMap &a, const FeatureMap &b) {
    double maxDiff = 0, maxRef = 0, diff2 = 0, ref2 = 0;
    for (std::size_t i = 0; i < b.values.size(); ++i) {
        const double d = double(a.values[i]) - b.values[i];
        maxDiff = std::max(maxDiff, std::abs(d));
        maxRef = std::max(maxRef, std::abs(double(b.values[i])));
        diff2 += d * d;
        ref2 += double(b.values[i]) * b.values[i];
    }
    return {maxDiff / maxRef, std::sqrt(diff2 / ref2)};
}

// Our features are the fixture's (shape, and values within the tolerance of where the tests compute).
void expectDiffusersFeatures(const FeatureMap &ours, const fs::path &folder, const char *what) {
    const FeatureMap expected = readFeaturesNpy(folder / "golden/features.npy");
    QCOMPARE(ours.channels, expected.channels);
    QCOMPARE(ours.height, expected.height);
    QCOMPARE(ours.width, expected.width);
    const auto [maxRelative, relativeL2] = difference(ours, expected);
    qInfo("%s, %s: max|a-b|/max|ref| %.3g, rel L2 %.3g", qPrintable(QString::fromStdString(folder.filename().string())),
          what, maxRelative, relativeL2);
    QVERIFY(maxRelative <= testing::torchTestTarget().tolerance.maxAbsolute);
    QVERIFY(relativeL2 <= testing::torchTestTarget().tolerance.relativeL2);
}

} // namespace

class TestTorchPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        const QString problem = testing::errorOf([] { testing::torchTestTarget(); });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void matchesDiffusers_data() {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("sdxl") << "sdxl-tiny-full";
        QTest::newRow("sd14") << "sd14-tiny-full";
    }

    void matchesDiffusers() {
        DIFFCUT_REQUIRE_FIXTURES();
        QFETCH(QString, fixture);
        const fs::path folder = pipeline(fixture);
        QTemporaryDir cache;
        const DiffusionEncoder encoder(settingsFor(folder, cache));
        QCOMPARE(encoder.model().resolution, 64);
        expectDiffusersFeatures(encoder.encode(loadImageRgb(folder / "golden/image.png")), folder, "features");

        // The conditioning was cached on disk: a second encoder does not need the text encoders.
        QVERIFY(!QDir(cache.filePath("conditioning")).entryList(QDir::Files).isEmpty());
    }

    // `diffcut encode` on a held-out diffusers pipeline folder, a PNG and a noise file: the .npy it
    // writes is the diffusers feature.
    void encodeCommandReproducesDiffusers_data() { matchesDiffusers_data(); }

    void encodeCommandReproducesDiffusers() {
        DIFFCUT_REQUIRE_FIXTURES();
        QFETCH(QString, fixture);
        const fs::path folder = pipeline(fixture);
        QTemporaryDir dir;
        const QString out = dir.filePath("features.npy");
        const testing::Run run = testing::runDiffcut(
            {"encode", QString::fromStdString((folder / "golden/image.png").string()), "--model",
             QString::fromStdString(folder.string()), "--timestep", "50", "--noise",
             QString::fromStdString((folder / "golden/noise.npy").string()), "--device", "cpu", "--cache",
             dir.filePath("cache"), "--out", out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // Loading is reported stage by stage (a line each, stderr not being a terminal here).
        for (const char *stage : {"text encoder", "VAE weights", "UNet weights"})
            QVERIFY2(run.err.contains(QString("diffcut: loading the model: ") + stage + "\n"), qPrintable(run.err));
        expectDiffusersFeatures(readFeaturesNpy(out.toStdString()), folder, "diffcut encode");
    }

    void seededNoiseIsDeterministicAndTheIdNamesTheSettings() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir cache;
        EncoderSettings settings = settingsFor(pipeline("sdxl-tiny-full"), cache);
        settings.noiseFile.clear();
        const cv::Mat3b image = loadImageRgb(pipeline("sdxl-tiny-full") / "golden/image.png");
        const DiffusionEncoder first(settings), second(settings);
        QCOMPARE(first.encode(image).values, second.encode(image).values);
        settings.timestep = 200;
        const DiffusionEncoder later(settings);
        QVERIFY(later.id() != first.id());
        QVERIFY(QString::fromStdString(first.description()).contains("t=50"));
        // A non-square image of another size is squashed to the model's resolution.
        cv::Mat3b wide;
        cv::resize(image, wide, cv::Size(150, 90));
        QCOMPARE(first.encode(wide).width, 8);
    }

    void badSettingsAreErrors() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir cache;
        EncoderSettings settings = settingsFor(pipeline("sdxl-tiny-full"), cache);
        settings.timestep = 1000;
        QVERIFY_THROWS_EXCEPTION(Error, DiffusionEncoder{settings});
        settings = settingsFor(pipeline("sdxl-tiny-full"), cache);
        settings.noiseFile = pipeline("sdxl-tiny-full") / "golden/features.npy"; // wrong shape
        const DiffusionEncoder encoder(settings);
        try {
            encoder.encode(loadImageRgb(pipeline("sdxl-tiny-full") / "golden/image.png"));
            QFAIL("noise of the wrong shape accepted");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("noise of shape"));
        }
        settings.model = (testing::fixturesDir() / "ncut-ref").string();
        QVERIFY_THROWS_EXCEPTION(Error, DiffusionEncoder{settings});
    }

    void cancellationStopsBetweenBlocks() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir cache;
        const DiffusionEncoder encoder(settingsFor(pipeline("sdxl-tiny-full"), cache));
        std::stop_source stop;
        QStringList stages;
        WorkControl control{stop.get_token(), [&](double, std::string_view stage) {
                                stages << QString::fromUtf8(stage.data(), int(stage.size()));
                                if (stage == "UNet")
                                    stop.request_stop();
                            }};
        QVERIFY_THROWS_EXCEPTION(Cancelled, encoder.encode(loadImageRgb(pipeline("sdxl-tiny-full") / "golden/image.png"), control));
        QVERIFY(stages.contains("VAE"));
    }

    // A model's large CPU tensors (activations, attention scores: tens to hundreds of MB, made and
    // dropped layer after layer) are mappings of their own with huge pages advised, given back
    // when freed; small ones stay on the heap. (Without the advice the UNet path spent two thirds
    // of its time in page faults.)
    void largeTensorsLiveInHugePagesAndAreGivenBack() {
        if (!testing::hugePagesCanBeAdvised())
            QSKIP("this kernel has no transparent huge pages");
        at::Tensor large = at::empty({std::int64_t(16) << 20}, at::kFloat); // 64 MiB
        const void *address = large.data_ptr();
        const std::optional<std::string> flags = testing::mappingFlagsAt(address);
        QVERIFY(flags);
        QVERIFY2(flags->find(" hg") != std::string::npos, flags->c_str());
        large.reset();
        QVERIFY(!testing::mappingFlagsAt(address));

        const at::Tensor small = at::ones({1024}, at::kFloat);
        const std::optional<std::string> smallFlags = testing::mappingFlagsAt(small.data_ptr());
        QVERIFY(smallFlags);
        QVERIFY2(smallFlags->find(" hg") == std::string::npos, smallFlags->c_str());
    }

    // Loading a model reports its progress (text encoders, then the VAE's and the UNet's tensors,
    // never going back) and stops between tensors when asked.
    void loadingReportsProgressAndCanBeCancelled() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir cache;
        const EncoderSettings settings = settingsFor(pipeline("sdxl-tiny-full"), cache);
        QStringList stages;
        double last = 0.0;
        bool monotonic = true;
        WorkControl reporting{{}, [&](double fraction, std::string_view stage) {
                                  const QString name = QString::fromUtf8(stage.data(), int(stage.size()));
                                  if (stages.isEmpty() || stages.back() != name)
                                      stages << name;
                                  monotonic = monotonic && fraction >= last && fraction <= 1.0;
                                  last = fraction;
                              }};
        const DiffusionEncoder loaded(settings, reporting);
        QVERIFY(monotonic);
        // (The text encoders ran for an earlier test: their conditioning is kept in memory.)
        QCOMPARE(stages.mid(stages.size() - 2), QStringList({"VAE weights", "UNet weights"}));
        QVERIFY(last > 0.9);

        std::stop_source stop;
        WorkControl stopping{stop.get_token(), [&](double, std::string_view stage) {
                                 if (stage == "UNet weights")
                                     stop.request_stop();
                             }};
        QVERIFY_THROWS_EXCEPTION(Cancelled, DiffusionEncoder(settings, stopping));
    }
};

QTEST_APPLESS_MAIN(TestTorchPipeline)
#include "test_torch_pipeline.moc"
