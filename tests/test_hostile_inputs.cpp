// The command line against hostile input and faults (issue 11): deeply nested JSON, decompression
// bombs, oversized feature grids, unbounded config values, a full disk and flipped bits under the
// caches, symlink loops, FIFOs, odd file names and numbers. Each ends in a clean result or a clean
// one-line error with the right exit code, in bounded time and memory.
#include "cli_support.h"
#include "export/label_png.h"
#include "features/npy.h"
#include "image_bombs.h"
#include "test_support.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <opencv2/imgcodecs.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <map>

using namespace diffcut;
using testing::Run;
using testing::runDiffcut;
using testing::writeBytes;

namespace {

QString sample() { return QString::fromStdString(testing::sampleImage().string()); }
QString fixturePipeline(const char *name) {
    return QString::fromStdString((testing::fixturesDir() / "pipeline" / name).string());
}

QByteArray readBytes(const QString &path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

QJsonObject readJson(const QString &path) { return QJsonDocument::fromJson(readBytes(path)).object(); }

// A copy of a fixture pipeline made of symlinks (as the Hugging Face cache lays models out), with
// the files in `replaced` (relative paths) written as real files with the given content.
QString modelWith(const QString &folder, const char *fixture, const std::map<QString, QByteArray> &replaced = {}) {
    const QString source = fixturePipeline(fixture);
    QDirIterator entries(source, QDir::Files, QDirIterator::Subdirectories);
    while (entries.hasNext()) {
        const QString file = entries.next();
        const QString relative = QDir(source).relativeFilePath(file);
        QDir().mkpath(QFileInfo(folder + "/" + relative).path());
        if (!replaced.count(relative))
            QFile::link(file, folder + "/" + relative);
    }
    for (const auto &[relative, content] : replaced)
        writeBytes(folder + "/" + relative, content);
    return folder;
}

// The fixture's JSON file with `raw` (any JSON text, however deep) as the value of `key`: added
// last, where the reader's duplicate-key rule makes it win.
QByteArray withRawValue(const char *fixture, const QString &file, const QByteArray &key, const QByteArray &raw) {
    QByteArray json = readBytes(fixturePipeline(fixture) + "/" + file).trimmed();
    json.chop(1); // the closing brace
    return json + ", \"" + key + "\": " + raw + "}";
}

QByteArray nested(int depth) { return QByteArray(depth, '[') + QByteArray(depth, ']'); }

// The one diffcut line an error must be, and nothing else on stderr but notes.
bool isOneCleanError(const Run &run, const QString &expected) {
    QStringList lines = run.err.trimmed().split('\n');
    lines.removeIf([](const QString &line) { return line.startsWith("diffcut: note: "); });
    return lines.size() == 1 && lines[0].startsWith("diffcut: ") && lines[0].contains(expected);
}

QString describe(const Run &run) {
    return QString("exit %1, %2 MB%3\nstdout: %4\nstderr: %5")
        .arg(run.exitCode)
        .arg(run.peakMegabytes)
        .arg(run.timedOut ? ", TIMED OUT" : "")
        .arg(run.out.left(600), run.err.left(600));
}

QProcessEnvironment withCache(const QString &folder) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XDG_CACHE_HOME", folder);
    return environment;
}

// `segment` of the tiny SDXL pipeline's own image with that pipeline, into dir/o.
QStringList segmentWithTinyModel(const QTemporaryDir &dir) {
    const QString model = fixturePipeline("sdxl-tiny-full");
    return {"segment", model + "/golden/image.png", "--model", model, "--out", dir.filePath("o")};
}

QByteArray npy(const QByteArray &descr, const QByteArray &shape, const QByteArray &payload) {
    QByteArray header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    header.append(QByteArray((64 - (10 + header.size() + 1) % 64) % 64, ' ')).append('\n');
    return QByteArray("\x93NUMPY\x01\x00", 8) + char(header.size() & 0xff) + char(header.size() >> 8) + header + payload;
}

} // namespace

class TestHostileInputs : public QObject {
    Q_OBJECT
private slots:
    // Item 5: a million levels of [[[...]]] where each reader looks.
    void deeplyNestedJsonIsAnErrorNamingTheFile_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("file");
        QTest::newRow("model list, unet config") << "list" << "unet/config.json";
        QTest::newRow("model check, unet config") << "check" << "unet/config.json";
        QTest::newRow("model check, model index") << "check" << "model_index.json";
        QTest::newRow("model check, text encoder config") << "check" << "text_encoder/config.json";
        QTest::newRow("segment --model, unet config") << "segment" << "unet/config.json";
        QTest::newRow("merge-coco") << "merge-coco" << "coco.json";
    }

    void deeplyNestedJsonIsAnErrorNamingTheFile() {
        DIFFCUT_REQUIRE_FIXTURES();
        QFETCH(QString, command);
        QFETCH(QString, file);
        if ((command == "segment" || file.startsWith("text_encoder")) && !DIFFCUT_HAS_DIFFUSION)
            QSKIP("read by the diffusion library");
        QTemporaryDir dir;
        const QByteArray deep = nested(1'000'000);
        Run run;
        if (command == "merge-coco") {
            writeBytes(dir.filePath(file), R"({"images": [{"id": 1, "file_name": "a.jpg", "extra": )" + deep +
                                               R"(}], "annotations": [], "categories": []})");
            run = runDiffcut({"merge-coco", dir.filePath(file), "--out", dir.filePath("out.json")});
        } else {
            const QByteArray key = file == "model_index.json" ? "_class_name" : "addition_embed_type";
            const QString model = modelWith(dir.filePath("m"), "sdxl-tiny-full",
                                            {{file, withRawValue("sdxl-tiny-full", file, key, deep)}});
            if (command == "list")
                run = runDiffcut({"model", "list", dir.path()});
            else if (command == "check")
                run = runDiffcut({"model", "check", model});
            else
                run = runDiffcut({"segment", sample(), "--model", model, "--out", dir.filePath("o")},
                                 withCache(dir.filePath("cache")));
        }
        const QString expected = dir.filePath(command == "merge-coco" ? file : "m/" + file) + ": nested more than 64 levels deep";
        if (command == "list") {
            QVERIFY2(run.exitCode == 0 && run.out.contains("unusable: " + expected), qPrintable(describe(run)));
        } else if (command == "check" && file == "text_encoder/config.json") {
            QVERIFY2(run.exitCode == 1 && run.out.contains("BAD: " + expected), qPrintable(describe(run)));
        } else {
            QVERIFY2(run.exitCode == 1 && isOneCleanError(run, expected), qPrintable(describe(run)));
        }
    }

    // Item 6: a full disk under the conditioning cache (RLIMIT_FSIZE 16 KB: the 27 KB conditioning
    // cannot be written, the 8 KB features and the outputs can) costs only the cache, and an empty
    // entry (what a crash on a full disk used to leave) is discarded with a note.
    void aFullDiskUnderTheCacheOnlyCostsSpeed() {
        DIFFCUT_REQUIRE_FIXTURES();
        if (!DIFFCUT_HAS_DIFFUSION)
            QSKIP("built without LibTorch (DIFFCUT_WITH_TORCH=OFF)");
        QTemporaryDir dir;
        const QStringList arguments = segmentWithTinyModel(dir);
        const QString conditioning = dir.filePath("cache/diffcut-studio/conditioning");
        const QString features = dir.filePath("cache/diffcut-studio/features");
        const auto clear = [](const QString &folder) {
            for (const QString &file : QDir(folder).entryList(QDir::Files))
                QFile::remove(folder + "/" + file);
        };
        QVERIFY(runDiffcut(arguments, withCache(dir.filePath("cache"))).exitCode == 0);
        const QString entry = conditioning + "/" + QDir(conditioning).entryList(QDir::Files).value(0);
        writeBytes(entry, {});
        clear(features);
        const Run emptyEntry = runDiffcut(arguments, withCache(dir.filePath("cache")));
        QVERIFY2(emptyEntry.exitCode == 0 &&
                     emptyEntry.err.contains("diffcut: note: discarded a bad conditioning cache entry: " + entry +
                                             ": no checksum trailer"),
                 qPrintable(describe(emptyEntry)));

        clear(conditioning);
        clear(features);
        const QString command = QString("trap '' XFSZ; ulimit -f 32; exec \"$0\" \"$@\"");
        QProcess shell;
        shell.setProcessEnvironment(withCache(dir.filePath("cache")));
        shell.start("sh", QStringList{"-c", command, DIFFCUT_CLI_PATH} + arguments);
        QVERIFY(shell.waitForFinished(120000));
        const QString err = QString::fromUtf8(shell.readAllStandardError());
        QVERIFY2(shell.exitStatus() == QProcess::NormalExit && shell.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains("diffcut: note: the text conditioning was not cached: " + entry) && err.contains("disk full"),
                 qPrintable(err));
        QVERIFY(QDir(conditioning).entryList(QDir::Files | QDir::Hidden).isEmpty()); // nothing half-written
        QVERIFY(runDiffcut(arguments, withCache(dir.filePath("cache"))).exitCode == 0);
        QCOMPARE(QDir(conditioning).entryList(QDir::Files), QStringList{QFileInfo(entry).fileName()});
    }

    // Item 7: flipped bits in the conditioning cache are detected, never used, and the features
    // computed then are the right ones.
    void aCorruptedConditioningCacheIsNeverUsed() {
        DIFFCUT_REQUIRE_FIXTURES();
        if (!DIFFCUT_HAS_DIFFUSION)
            QSKIP("built without LibTorch (DIFFCUT_WITH_TORCH=OFF)");
        QTemporaryDir dir;
        const QStringList arguments = segmentWithTinyModel(dir);
        QVERIFY(runDiffcut(arguments, withCache(dir.filePath("cache"))).exitCode == 0);
        const QString features = dir.filePath("cache/diffcut-studio/features");
        const QString featureFile = features + "/" + QDir(features).entryList(QDir::Files).value(0);
        const QByteArray right = readBytes(featureFile);
        QVERIFY(QFile::remove(featureFile)); // so that the next run encodes again
        const QString conditioning = dir.filePath("cache/diffcut-studio/conditioning");
        const QString conditioningFile = conditioning + "/" + QDir(conditioning).entryList(QDir::Files).value(0);
        QByteArray bytes = readBytes(conditioningFile);
        // A mantissa bit of the first tensor's 11th float: torch::save's zip stores the tensor
        // uncompressed, as its first entry, right after the entry's local header.
        const auto little16 = [&](int at) { return int(uchar(bytes[at])) | int(uchar(bytes[at + 1])) << 8; };
        const int data = 30 + little16(26) + little16(28);
        QVERIFY(bytes.startsWith("PK\x03\x04") && bytes.mid(30, little16(26)).endsWith("/data/0") && bytes.size() > data + 64);
        bytes[data + 42] = char(bytes[data + 42] ^ 0x10);
        writeBytes(conditioningFile, bytes);

        const Run run = runDiffcut(arguments, withCache(dir.filePath("cache")));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains("diffcut: note: discarded a bad conditioning cache entry: " + conditioningFile +
                                  ": checksum mismatch"),
                 qPrintable(run.err));
        QCOMPARE(readBytes(featureFile), right);
    }

    // Item 8: the issue's three bombs, refused from their headers: no more than 300 MB (decoded,
    // they take 0.8 to 2.7 GB). Each runs in its own process, whose peak memory is its own.
    void decompressionBombsTakeNoMemory_data() {
        testing::addBombRows();
    }

    void decompressionBombsTakeNoMemory() {
        QFETCH(QByteArray, file);
        QFETCH(QString, name);
        QFETCH(QString, size);
        QTemporaryDir dir;
        writeBytes(dir.filePath(name), file);
        const Run run = runDiffcut({"segment", dir.filePath(name), "--out", dir.filePath("o")});
        QVERIFY2(run.exitCode == 1 && isOneCleanError(run, name + ": image is " + size + " pixels") && run.peakMegabytes < 300,
                 qPrintable(describe(run)));
    }

    // Item 9: a 33 KB float16 .npy of a 128 x 128 grid (its affinity: 3.2 GB).
    void oversizedFeatureGridsAreRefused() {
        QTemporaryDir dir;
        writeBytes(dir.filePath("grid.npy"), npy("<f2", "(1, 128, 128)", QByteArray(128 * 128 * 2, '\x3c')));
        const Run run = runDiffcut({"segment", sample(), "--features", dir.filePath("grid.npy"), "--out", dir.filePath("o")});
        QVERIFY2(run.exitCode == 1 && isOneCleanError(run, "grid.npy: feature grid 128x128 is larger than the 9216 cells") &&
                     run.peakMegabytes < 300,
                 qPrintable(describe(run)));
    }

    // Item 10: values the encoder would choke on, refused by `model check`, in bounded time.
    void modelCheckValidatesEveryConfigValue_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("sample_size 4096") << "unet/config.json" << QByteArray("sample_size") << QByteArray("4096") << "sample_size";
        QTest::newRow("sample_size 0") << "unet/config.json" << QByteArray("sample_size") << QByteArray("0") << "sample_size";
        QTest::newRow("sample_size -8") << "unet/config.json" << QByteArray("sample_size") << QByteArray("-8") << "sample_size";
        QTest::newRow("sample_size 2^31") << "unet/config.json" << QByteArray("sample_size") << QByteArray("2147483648")
                                          << "sample_size";
        QTest::newRow("no timesteps") << "scheduler/scheduler_config.json" << QByteArray("num_train_timesteps") << QByteArray("0")
                                      << "num_train_timesteps";
        QTest::newRow("unparseable scheduler") << "scheduler/scheduler_config.json" << QByteArray() << QByteArray("{\"beta")
                                               << "not a valid JSON file";
        QTest::newRow("a million transformer layers") << "unet/config.json" << QByteArray("transformer_layers_per_block")
                                                      << QByteArray("[1, 1000000, 1000000]") << "transformer_layers_per_block";
        QTest::newRow("a FIFO for a config") << "unet/config.json" << QByteArray("fifo") << QByteArray() << "not a regular file";
    }

    void modelCheckValidatesEveryConfigValue() {
        DIFFCUT_REQUIRE_FIXTURES();
        QFETCH(QString, file);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, value);
        QFETCH(QString, expected);
        if (key == "transformer_layers_per_block" && !DIFFCUT_HAS_DIFFUSION)
            QSKIP("the UNet config is checked by the diffusion library");
        QTemporaryDir dir;
        const QByteArray content = key.isEmpty() ? value : withRawValue("sdxl-tiny-full", file, key, value);
        const QString model = modelWith(dir.filePath("m"), "sdxl-tiny-full", {{file, key == "fifo" ? QByteArray() : content}});
        if (key == "fifo") {
            QFile::remove(model + "/" + file);
            QCOMPARE(mkfifo(qPrintable(model + "/" + file), 0600), 0);
        }
        const Run run = runDiffcut({"model", "check", model}, QProcessEnvironment::systemEnvironment(), 60);
        QVERIFY2(run.exitCode == 1 && (run.out + run.err).contains(file) && (run.out + run.err).contains(expected) &&
                     run.peakMegabytes < 1000,
                 qPrintable(describe(run)));
    }

    // Item 11: values inside the documented ranges succeed; more than 255 segments go to a 16-bit PNG.
    void everyDocumentedParameterValueSucceeds_data() {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("tau 1.0") << QStringList{"--tau", "1.0"};
        QTest::newRow("alpha 50, tau 0.7") << QStringList{"--alpha", "50", "--tau", "0.7"};
        QTest::newRow("grid 64, tau 0.9") << QStringList{"--grid", "64", "--tau", "0.9"};
        QTest::newRow("tau 2") << QStringList{"--tau", "2"};
    }

    void everyDocumentedParameterValueSucceeds() {
        QFETCH(QStringList, options);
        QTemporaryDir dir;
        const Run run = runDiffcut(QStringList{"segment", sample(), "--out", dir.path()} + options);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const int segments = readJson(dir.filePath("summary.json"))["segments"].toInt();
        const LabelMap labels = readLabelPng(testing::toPath(dir) / "labels.png");
        QCOMPARE(labelCount(labels), segments);
        QCOMPARE(int(readBytes(dir.filePath("labels.png"))[24]), segments > 256 ? 16 : 8); // IHDR bit depth
    }

    // Item 12: `model list` shows the good models and names each bad entry.
    void modelListNamesEachBadEntry() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        modelWith(dir.filePath("models/good"), "sd14-tiny-full");
        QVERIFY(QFile::link(dir.filePath("models/loop"), dir.filePath("models/loop")));
        modelWith(dir.filePath("models/bad"), "sdxl-tiny-full",
                  {{"model_index.json", withRawValue("sdxl-tiny-full", "model_index.json", "_class_name", "[1]")}});
        const Run run = runDiffcut({"model", "list", dir.filePath("models")});
        QVERIFY2(run.exitCode == 0 && run.out.contains("good  SD 1.x, 64 px") &&
                     run.out.contains("unusable: " + dir.filePath("models/loop") + ": cannot be read") &&
                     run.out.contains("unusable: " + dir.filePath("models/bad/model_index.json") +
                                      ": _class_name must be a string, not [1]"),
                 qPrintable(describe(run)));
    }

    // Item 13: a bad number on the command line is a usage error (exit 2), echoed short.
    void outOfRangeParametersAreUsageErrors_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tau 3") << QStringList{"--tau", "3"} << "--tau: must be a number from 0-2, not '3'";
        QTest::newRow("alpha 0.5") << QStringList{"--alpha", "0.5"} << "--alpha: must be a number from 1-50, not '0.5'";
        QTest::newRow("empty tau") << QStringList{"--tau", ""} << "--tau: must be a number from 0-2, not ''";
        QTest::newRow("tau 1e308") << QStringList{"--tau", "1e308"} << "not '1e308'";
        QTest::newRow("tau nan") << QStringList{"--tau", "nan"} << "not 'nan'";
        QTest::newRow("tau 0.5x") << QStringList{"--tau", "0.5x"} << "not '0.5x'";
        QTest::newRow("309 digits") << QStringList{"--alpha", QString(309, '9')} << "not '999999999999999999999999...'";
    }

    void outOfRangeParametersAreUsageErrors() {
        QFETCH(QStringList, options);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        for (const char *command : {"segment", "tree"}) {
            const Run run = runDiffcut(QStringList{command, sample(), "--out", dir.filePath("o")} + options);
            QVERIFY2(run.exitCode == 2 && isOneCleanError(run, expected) && run.err.size() < 200, qPrintable(describe(run)));
        }
        QVERIFY(!QFileInfo::exists(dir.filePath("o")));
    }

    void corruptImagesGiveOnlyTheDiffcutLine() {
        // libpng's own handlers print "libpng error: ..." (and warnings) on stderr.
        QTemporaryDir dir;
        std::vector<uchar> png;
        cv::imencode(".png", cv::Mat3b(32, 32, cv::Vec3b(1, 2, 3)), png);
        png[png.size() / 2] ^= 0xFF;
        writeBytes(dir.filePath("bad.png"), QByteArray(reinterpret_cast<const char *>(png.data()), qsizetype(png.size())));
        const Run run = runDiffcut({"segment", dir.filePath("bad.png"), "--out", dir.filePath("o")});
        QVERIFY2(run.exitCode == 1 && run.err.count('\n') == 1 && run.err.startsWith("diffcut: " + dir.filePath("bad.png") + ": corrupt PNG"),
                 qPrintable(describe(run)));
    }

    void noiseWithTheBuiltInEncoderIsNoted() {
        QTemporaryDir dir;
        const Run run = runDiffcut({"segment", sample(), "--noise", dir.filePath("noise.npy"), "--out", dir.filePath("o")});
        QVERIFY2(run.exitCode == 0 && run.err.contains("diffcut: note: --noise is ignored: the built-in encoder"),
                 qPrintable(describe(run)));
    }

    void aOnePixelImageIsOneSegment() {
        QTemporaryDir dir;
        cv::imwrite(dir.filePath("dot.png").toStdString(), cv::Mat3b(1, 1, cv::Vec3b(10, 200, 30)));
        const Run run = runDiffcut({"segment", dir.filePath("dot.png"), "--tau", "1.0", "--out", dir.filePath("o")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject summary = readJson(dir.filePath("o/summary.json"));
        QCOMPARE(summary["segments"].toInt(), 1);
        QCOMPARE(summary["segment_areas"].toArray(), QJsonArray{1});
    }

    void mergingAFileWithItselfIsRefused() {
        QTemporaryDir dir;
        writeBytes(dir.filePath("a.json"), R"({"images": [{"id": 1, "file_name": "a.jpg", "width": 2, "height": 2}],
                                              "annotations": [], "categories": []})");
        const Run run = runDiffcut({"merge-coco", dir.filePath("a.json"), dir.path() + "/./a.json", "--out", dir.filePath("m.json")});
        QVERIFY2(run.exitCode == 1 && isOneCleanError(run, "a.json: given twice (also as " + dir.filePath("a.json") + ")"),
                 qPrintable(describe(run)));
        QVERIFY(!QFileInfo::exists(dir.filePath("m.json")));
    }

    void aFileNameThatIsNotUtf8IsRefusedBeforeAnyWork() {
        // "café.jpg" in Latin-1: summary.json (JSON, UTF-8) could not record it.
        QTemporaryDir dir;
        std::filesystem::copy_file(testing::sampleImage(), testing::toPath(dir) / "caf\xe9.jpg");
        QProcess shell; // the name goes to diffcut as raw bytes
        shell.setWorkingDirectory(dir.path());
        shell.start("sh", {"-c", "exec \"$0\" segment \"$(printf 'caf\\351.jpg')\" --out o", DIFFCUT_CLI_PATH});
        QVERIFY(shell.waitForFinished(60000));
        const QString err = QString::fromUtf8(shell.readAllStandardError());
        QVERIFY2(shell.exitCode() == 1 && err.contains("the file name is not valid UTF-8") && err.count('\n') == 1, qPrintable(err));
        QVERIFY(!QFileInfo::exists(dir.filePath("o/labels.png")) && !QFileInfo::exists(dir.filePath("o/overlay.png")));
        std::filesystem::remove(testing::toPath(dir) / "caf\xe9.jpg"); // QTemporaryDir cannot name it
    }

    void featureMagnitudesBeyondFloatSquaresStillSegment() {
        // Four quadrants of distinct directions, scaled by 1e20 and 1e-20.
        QTemporaryDir dir;
        for (const float scale : {1e20f, 1e-20f}) {
            FeatureMap features(4, 8, 8);
            for (int y = 0; y < 8; ++y)
                for (int x = 0; x < 8; ++x)
                    features.at(2 * (y >= 4) + (x >= 4), y, x) = scale * (1.0f + 0.01f * float(x + y));
            writeFeaturesNpy(testing::toPath(dir) / "f.npy", features);
            const Run run = runDiffcut({"segment", sample(), "--features", dir.filePath("f.npy"), "--out", dir.filePath("o")});
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
            QVERIFY2(readJson(dir.filePath("o/summary.json"))["segments"].toInt() >= 4, qPrintable(QString::number(scale)));
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "test_hostile_inputs.moc"
