// The diffcut command line end to end: outputs, exit codes, and bad input of every kind giving a
// one-line error with nothing left behind.
#include "cli_support.h"
#include "features/npy.h"
#include "test_support.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <fstream>
#include <functional>

using namespace diffcut;

namespace {

using testing::Run;
using testing::runDiffcut;
using testing::writeBytes;

QString sample() { return QString::fromStdString(testing::sampleImage().string()); }

QJsonObject readJson(const QString &path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

// PNG chunk CRC (ISO 3309), for hand-made PNG headers.
quint32 crc32(const QByteArray &data) {
    quint32 crc = 0xffffffffu;
    for (char byte : data) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A PNG that claims to be width x height but holds no pixel data.
QByteArray pngHeaderClaiming(quint32 width, quint32 height) {
    QByteArray ihdr("IHDR");
    for (quint32 value : {width, height})
        for (int shift : {24, 16, 8, 0})
            ihdr.append(char((value >> shift) & 0xff));
    ihdr.append("\x08\x02\x00\x00\x00", 5);
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    png.append(QByteArray("\x00\x00\x00\x0d", 4)).append(ihdr);
    const quint32 crc = crc32(ihdr);
    for (int shift : {24, 16, 8, 0})
        png.append(char((crc >> shift) & 0xff));
    return png;
}

// `folder` as the pipeline fixture, every entry linked except `component`'s config.json, which is
// the fixture's edited by `edit`.
void linkPipelineWithConfig(const QString &folder, const char *fixture, const QString &component,
                            const std::function<void(QJsonObject &)> &edit) {
    const QString source = QString::fromStdString((testing::fixturesDir() / "pipeline" / fixture).string());
    for (const QString &entry : QDir(source).entryList(QDir::AllEntries | QDir::NoDotAndDotDot))
        if (entry != component)
            QFile::link(source + "/" + entry, folder + "/" + entry);
    QDir(folder).mkdir(component);
    for (const QString &entry : QDir(source + "/" + component).entryList(QDir::Files))
        if (entry != "config.json")
            QFile::link(source + "/" + component + "/" + entry, folder + "/" + component + "/" + entry);
    QJsonObject config = readJson(source + "/" + component + "/config.json");
    edit(config);
    writeBytes(folder + "/" + component + "/config.json", QJsonDocument(config).toJson());
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void segmentWritesLabelsOverlayAndSummary() {
        QTemporaryDir dir;
        const QString out = dir.filePath("result");
        const Run run = runDiffcut({"segment", sample(), "--out", out, "--tau", "0.4"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.err.contains("fallback")); // the built-in encoder says what it is

        const QImage labels(out + "/labels.png");
        QCOMPARE(labels.format(), QImage::Format_Indexed8);
        QCOMPARE(labels.size(), QSize(500, 375));
        QCOMPARE(labels.color(1), qRgb(128, 0, 0)); // VOC colour map
        QSet<int> values;
        for (int y = 0; y < labels.height(); ++y)
            for (int x = 0; x < labels.width(); ++x)
                values.insert(labels.pixelIndex(x, y));

        const QJsonObject summary = readJson(out + "/summary.json");
        QCOMPARE(summary["segments"].toInt(), values.size());
        QCOMPARE(summary["tau"].toDouble(), 0.4);
        QCOMPARE(summary["segment_areas"].toArray().size(), values.size());
        qint64 area = 0;
        for (const auto a : summary["segment_areas"].toArray())
            area += a.toInteger();
        QCOMPARE(area, qint64(500 * 375));
        for (const char *stage : {"load_image", "encode", "affinity", "partition_tree", "assignment", "write"})
            QVERIFY2(summary["timings_ms"].toObject().contains(stage), stage);
        QCOMPARE(QImage(out + "/overlay.png").size(), QSize(500, 375));
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).size(), 3); // no temporaries left
    }

    void segmentWithFeaturesAndRefinement() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const QString features =
            QString::fromStdString((testing::fixturesDir() / "ncut-ref/inputs/voc_2011_000025.features.npy").string());
        const Run run = runDiffcut({"segment", sample(), "--features", features, "--refine", "--out", dir.path()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject summary = readJson(dir.filePath("summary.json"));
        QCOMPARE(summary["features"].toObject()["channels"].toInt(), 24);
        QVERIFY(summary["refine"].toBool());
        QVERIFY(summary["timings_ms"].toObject().contains("refinement"));
        QVERIFY(summary["segments"].toInt() >= 2);
    }

    void treeDumpsTheHierarchy() {
        QTemporaryDir dir;
        const QString json = dir.filePath("tree.json");
        const Run run = runDiffcut({"tree", sample(), "--tau", "0.5", "--alpha", "10", "--out", json});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject tree = readJson(json);
        const QJsonArray nodes = tree["nodes"].toArray();
        QVERIFY(nodes.size() >= 3);
        QCOMPARE(nodes[0].toObject()["size"].toInt(), 32 * 32);
        QVERIFY(nodes[0].toObject()["parent"].isNull());
        int leafPixels = 0;
        for (const auto node : nodes) {
            const QJsonObject n = node.toObject();
            if (n["leaf_at_tau"].toBool())
                leafPixels += n["size"].toInt();
            else
                QVERIFY(n["ncut"].toDouble() < 0.5); // only nodes below τ are split
        }
        QCOMPARE(leafPixels, 32 * 32); // the leaves partition the grid
        QCOMPARE(tree["leaves"].toArray().size(), nodes.size() - (nodes.size() - 1) / 2);
    }

    void helpAndVersion() {
        const Run help = runDiffcut({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("segment") && help.out.contains("tree") && help.out.contains("Exit codes"));
        const Run version = runDiffcut({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(DIFFCUT_VERSION));
        // The second line says where the encoder runs (CI has no GPU: the CPU, or no LibTorch at all).
        const QString encoderLine = version.out.split('\n').value(1);
        QVERIFY2(encoderLine.startsWith(DIFFCUT_HAS_DIFFUSION ? "diffusion encoder: CPU, float32 (LibTorch "
                                                              : "built-in encoder only: "),
                 qPrintable(encoderLine));
        QCOMPARE(runDiffcut({}).exitCode, 2);
        QCOMPARE(runDiffcut({"segment", sample()}).exitCode, 2); // --out missing
        QCOMPARE(runDiffcut({"segment", sample(), "--out", "x", "--tau", "abc"}).exitCode, 2);
        // Out of the documented ranges: a bad command line, said before any work is done.
        QCOMPARE(runDiffcut({"segment", sample(), "--out", "x", "--tau", "3"}).exitCode, 2);
        QCOMPARE(runDiffcut({"segment", sample(), "--out", "x", "--alpha", "0.5"}).exitCode, 2);
        QCOMPARE(runDiffcut({"segment", sample(), "--out", "x", "--segments", "0"}).exitCode, 2);
        QCOMPARE(runDiffcut({"segment", sample(), "--out", "x", "--segments", "5", "--tau", "0.3"}).exitCode, 2);
    }

    void badInputIsAOneLineErrorAndLeavesNothing_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing image") << "missing-image" << "not found";
        QTest::newRow("corrupt image") << "corrupt-image" << "image";
        QTest::newRow("huge image") << "huge-image" << "image";
        QTest::newRow("truncated npy") << "truncated-npy" << "truncated";
        QTest::newRow("wrong dtype") << "float64-npy" << "'<f8'";
        QTest::newRow("fortran order") << "fortran-npy" << "Fortran";
        QTest::newRow("nan features") << "nan-npy" << "non-finite";
        QTest::newRow("no channels") << "c0-npy" << "no channels";
        QTest::newRow("unwritable output") << "unwritable" << "output directory";
    }

    void badInputIsAOneLineErrorAndLeavesNothing() {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString out = dir.filePath("out");
        QString image = sample();
        QStringList extra;
        auto npy = [&](const char *descr, const char *order, const char *shape, const QByteArray &payload) {
            QByteArray header = QByteArray("{'descr': '") + descr + "', 'fortran_order': " + order + ", 'shape': " + shape + ", }";
            header.append(QByteArray((64 - (10 + header.size() + 1) % 64) % 64, ' ')).append('\n');
            QByteArray file("\x93NUMPY\x01\x00", 8);
            file.append(char(header.size() & 0xff)).append(char(header.size() >> 8)).append(header).append(payload);
            writeBytes(dir.filePath("f.npy"), file);
            extra << "--features" << dir.filePath("f.npy");
        };
        const QByteArray sixteenFloats(64, '\0');
        if (kind == "missing-image") {
            image = dir.filePath("nope.jpg");
        } else if (kind == "corrupt-image") {
            image = dir.filePath("corrupt.jpg");
            writeBytes(image, QByteArray("\xff\xd8\xff\xe0 this is not really a JPEG", 30));
        } else if (kind == "huge-image") {
            image = dir.filePath("huge.png");
            writeBytes(image, pngHeaderClaiming(200000, 200000));
        } else if (kind == "truncated-npy") {
            npy("<f4", "False", "(4, 2, 2)", sixteenFloats.left(20));
        } else if (kind == "float64-npy") {
            npy("<f8", "False", "(1, 2, 2)", sixteenFloats.left(32));
        } else if (kind == "fortran-npy") {
            npy("<f4", "True", "(4, 2, 2)", sixteenFloats);
        } else if (kind == "nan-npy") {
            QByteArray payload = sixteenFloats;
            const float nan = std::nanf("");
            memcpy(payload.data() + 8, &nan, 4);
            npy("<f4", "False", "(4, 2, 2)", payload);
        } else if (kind == "c0-npy") {
            npy("<f4", "False", "(0, 2, 2)", {});
        } else if (kind == "unwritable") {
            writeBytes(dir.filePath("file"), "x");
            out = dir.filePath("file/sub");
        }
        const Run run = runDiffcut(QStringList{"segment", image, "--out", out} + extra);
        QCOMPARE(run.exitCode, 1);
        const QStringList lines = run.err.trimmed().split('\n');
        const QString error = lines.last();
        QVERIFY2(error.startsWith("diffcut: ") && error.contains(expected), qPrintable(run.err));
        QVERIFY2(lines.size() == 1 || lines.first().contains("note:"), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(out + "/labels.png") && !QFileInfo::exists(out + "/summary.json"));
        QVERIFY(QDir(out).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    // Issue 11 §2: a failed segment leaves nothing of an earlier run that looks current.
    void aFailedSegmentLeavesNoEarlierResults() {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        QCOMPARE(runDiffcut({"segment", sample(), "--out", out}).exitCode, 0);
        QVERIFY(QFileInfo::exists(out + "/summary.json"));
        writeBytes(dir.filePath("corrupt.jpg"), QByteArray("\xff\xd8\xff\xe0 not a JPEG", 20));
        QCOMPARE(runDiffcut({"segment", dir.filePath("corrupt.jpg"), "--out", out}).exitCode, 1);
        for (const char *file : {"summary.json", "labels.png", "overlay.png"})
            QVERIFY2(!QFileInfo::exists(out + "/" + file), file);
    }

    void segmentWithADiffusionModel() {
        DIFFCUT_REQUIRE_FIXTURES();
        if (!DIFFCUT_HAS_DIFFUSION)
            QSKIP("built without LibTorch (DIFFCUT_WITH_TORCH=OFF)");
        QTemporaryDir dir;
        const QString model = QString::fromStdString((testing::fixturesDir() / "pipeline/sdxl-tiny-full").string());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("XDG_CACHE_HOME", dir.filePath("cache"));
        const QStringList arguments{"segment", model + "/golden/image.png", "--model", model, "--out", dir.filePath("o")};
        const Run run = runDiffcut(arguments, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(!run.err.contains("fallback"));
        const QJsonObject features = readJson(dir.filePath("o/summary.json"))["features"].toObject();
        QVERIFY(features["source"].toString().startsWith("diffusion:sdxl-tiny-full:"));
        QCOMPARE(features["channels"].toInt(), 32);
        QCOMPARE(features["height"].toInt(), 8);
        // The features went into the cache: a second run reads them instead of running the model.
        QCOMPARE(QDir(dir.filePath("cache/diffcut-studio/features")).entryList(QDir::Files).size(), 1);
        QCOMPARE(runDiffcut(arguments, environment).exitCode, 0);
    }

    void modelCommands() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HF_HOME", dir.path());
        const Run empty = runDiffcut({"model", "list"}, environment);
        QCOMPARE(empty.exitCode, 0);
        QVERIFY(empty.out.contains("no models found"));
        const QString pipelines = QString::fromStdString((testing::fixturesDir() / "pipeline").string());
        const Run listed = runDiffcut({"model", "list", pipelines}, environment);
        QVERIFY(listed.out.contains("sdxl-tiny-full  SDXL family, 64 px") && listed.out.contains("sd14-tiny-full  SD 1.x"));
        const Run checked = runDiffcut({"model", "check", pipelines + "/sd14-tiny-full"});
        QCOMPARE(checked.exitCode, 0);
        QVERIFY(checked.out.contains("model is complete"));
        const Run wrong = runDiffcut({"model", "check", pipelines + "/../ncut-ref"});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(wrong.err.contains("no model_index.json"));
        const Run unknown = runDiffcut({"model", "check", "nobody/nothing"}, environment);
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("not found"));
    }

    void modelCheckFindsWeightsThatDisagreeWithTheConfig() {
        DIFFCUT_REQUIRE_FIXTURES();
        if (!DIFFCUT_HAS_DIFFUSION)
            QSKIP("built without LibTorch (DIFFCUT_WITH_TORCH=OFF)");
        QTemporaryDir dir;
        // A UNet config whose first block is wider than the weights.
        linkPipelineWithConfig(dir.path(), "sd14-tiny-full", "unet", [](QJsonObject &unet) {
            QJsonArray channels = unet["block_out_channels"].toArray();
            channels[0] = channels.first().toInt() * 2;
            unet["block_out_channels"] = channels;
        });

        const Run run = runDiffcut({"model", "check", dir.path()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("BAD: ") && run.out.contains("has shape") && run.out.contains("the model expects"),
                 qPrintable(run.out));
        QVERIFY(run.out.contains("diffusion_pytorch_model.fp16.safetensors")); // every variant is checked
    }

    // The text encoders are checked on the meta device, like the UNet and the VAE: a config that
    // describes a 208 GB text encoder (8192 wide, 64 layers) has every tensor name and shape
    // compared with the files, without the memory (it used to be built on the CPU, or refused).
    void modelCheckBuildsTheTextEncodersWithoutTheirMemory() {
        DIFFCUT_REQUIRE_FIXTURES();
        if (!DIFFCUT_HAS_DIFFUSION)
            QSKIP("built without LibTorch (DIFFCUT_WITH_TORCH=OFF)");
        QTemporaryDir dir;
        linkPipelineWithConfig(dir.path(), "sdxl-tiny-full", "text_encoder_2", [](QJsonObject &encoder) {
            encoder["hidden_size"] = 8192;
            encoder["intermediate_size"] = 32768;
            encoder["num_attention_heads"] = 64;
            encoder["num_hidden_layers"] = 64;
        });

        const Run run = runDiffcut({"model", "check", dir.path()});
        QCOMPARE(run.exitCode, 1);
        const QString lastLayer = "text_model.encoder.layers.63.mlp.fc1.weight";
        QVERIFY2(run.out.contains("BAD: ") && run.out.contains("text_model.encoder.layers.0.self_attn.q_proj.weight") &&
                     run.out.contains("missing tensor '" + lastLayer + "'"),
                 qPrintable(run.out + run.err));
        QVERIFY2(run.peakMegabytes < 1000, qPrintable(QString::number(run.peakMegabytes) + " MB"));
    }

    void tinyFeatureMapsStillSegment() {
        QTemporaryDir dir;
        FeatureMap one(4, 1, 1);
        one.values = {1, 2, 3, 4};
        writeFeaturesNpy(testing::toPath(dir) / "one.npy", one);
        const Run run = runDiffcut({"segment", sample(), "--features", dir.filePath("one.npy"), "--out", dir.filePath("o")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(readJson(dir.filePath("o/summary.json"))["segments"].toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
