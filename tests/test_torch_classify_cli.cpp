// diffcut classify end to end on the OpenCLIP fixture (../shared/fixtures/openclip/convnext-tiny-a):
// the exact CLIP input and label map of the official run give its classes and logits; an image is
// named with its dense features cached; model list and check know OpenCLIP folders; and every bad
// input is a one-line error (exit 1 bad data, 2 bad command line).
#include "diffusion/safetensors.h"
#include "diffusion/torch/weights.h"
#include "export/label_png.h"
#include "features/npy.h"
#include "cli_support.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstring>
#include <fstream>

using namespace diffcut;
using diffcut::testing::Run;
using diffcut::testing::runDiffcut;
namespace fs = std::filesystem;

namespace {

fs::path fixture() { return testing::fixturesDir() / "openclip/convnext-tiny-a"; }
QString fixtureQ() { return QString::fromStdString(fixture().string()); }
QString golden(const char *name) { return QString::fromStdString((fixture() / "golden" / name).string()); }
QString q(const fs::path &path) { return QString::fromStdString(path.string()); }

const QStringList kClasses{"--class", "cat", "--class", "dog, puppy", "--class", "bus",
                           "--class", "sky", "--class", "traffic light", "--class", "person"};

torch::Tensor expected(const std::string &name) {
    return readTensor(SafetensorsFile::open(fixture() / "golden/expected.safetensors"), name);
}

// The golden (3, 192, 192) CLIP input as .npy.
fs::path writeClipInput(const fs::path &folder) {
    const torch::Tensor image = readTensor(SafetensorsFile::open(fixture() / "golden/inputs.safetensors"), "image");
    FeatureMap map(3, 192, 192);
    std::memcpy(map.values.data(), image.contiguous().data_ptr<float>(), map.values.size() * sizeof(float));
    writeFeaturesNpy(folder / "clip_input.npy", map);
    return folder / "clip_input.npy";
}

QJsonObject readJson(const fs::path &path) {
    QFile file(q(path));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QProcessEnvironment cacheIn(const fs::path &folder) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XDG_CACHE_HOME", q(folder));
    environment.insert("HF_HOME", q(folder / "hf"));
    return environment;
}

void expectOneLineError(const Run &run, int exitCode, const QString &mentions) {
    QVERIFY2(run.exitCode == exitCode, qPrintable(QString::number(run.exitCode) + ": " + run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY2(run.err.trimmed().count('\n') == 0, qPrintable(run.err));
}

} // namespace

class TestTorchClassifyCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        if (!fs::exists(fixture() / "golden/expected.safetensors")) {
            if (std::getenv("CI"))
                QFAIL("OpenCLIP fixture not found under " DIFFCUT_FIXTURES_DIR);
            QSKIP("OpenCLIP fixture not found under " DIFFCUT_FIXTURES_DIR);
        }
    }

    void reproducesTheOfficialClassesAndLogits() {
        QTemporaryDir dir;
        const fs::path folder = testing::toPath(dir);
        const QStringList common{"classify", "--clip-input", q(writeClipInput(folder)), "--segments", golden("label_map.npy"),
                                 "--clip", fixtureQ(), "--clip-size", "192", "--out"};
        const Run run = runDiffcut(common + QStringList{q(folder / "out.json"), "--class-map", q(folder / "classes.png")} + kClasses,
                                   cacheIn(folder));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const LabelMap classMap = readLabelPng(folder / "classes.png");
        QCOMPARE(torch::from_blob(const_cast<int *>(classMap[0]), {100, 100}, torch::kInt32).equal(expected("final_class_map")), true);
        // The same classes from a file: empty lines and labelme's own entries are skipped.
        std::ofstream(folder / "classes.txt") << "__ignore__\n_background_\ncat\n\ndog, puppy\r\nbus\n  \nsky\ntraffic light\nperson\n";
        const Run fromFile = runDiffcut(common + QStringList{q(folder / "file.json"), "--classes-file", q(folder / "classes.txt")},
                                        cacheIn(folder));
        QVERIFY2(fromFile.exitCode == 0, qPrintable(fromFile.err));

        for (const char *name : {"out.json", "file.json"}) {
            const QJsonObject out = readJson(folder / name);
            QCOMPARE(out["classes"].toArray().size(), 6);
            QCOMPARE(out["classes"].toArray()[1].toString(), QString("dog"));
            const QJsonArray segments = out["segments"].toArray();
            const torch::Tensor labels = expected("mask.label_values"), classes = expected("seg.class_index");
            const torch::Tensor logits = expected("seg.logits");
            QCOMPARE(segments.size(), 5);
            const double bound = 1e-4 * logits.abs().max().item<double>();
            for (int s = 0; s < 5; ++s) {
                const QJsonObject segment = segments[s].toObject();
                QCOMPARE(segment["label"].toInt(), int(labels[s].item<std::int64_t>()));
                QCOMPARE(segment["class"].toInt(), int(classes[s].item<std::int64_t>()));
                QCOMPARE(segment["name"].toString(), out["classes"].toArray()[segment["class"].toInt()].toString());
                const QJsonArray segmentLogits = segment["logits"].toArray();
                const QJsonArray probabilities = segment["probabilities"].toArray();
                QCOMPARE(segmentLogits.size(), 6);
                double sum = 0;
                for (int c = 0; c < 6; ++c) {
                    QVERIFY(std::abs(segmentLogits[c].toDouble() - logits[s][c].item<double>()) <= bound);
                    sum += probabilities[c].toDouble();
                }
                QVERIFY(std::abs(sum - 1) < 1e-5);
            }
        }
    }

    void namesAnImageAndCachesItsFeatures() {
        QTemporaryDir dir;
        const fs::path folder = testing::toPath(dir);
        LabelMap labels(188, 250, 0);
        labels(cv::Rect(0, 0, 125, 94)).setTo(4);
        labels(cv::Rect(125, 94, 125, 94)).setTo(9);
        writeLabelPng(folder / "labels.png", labels);
        const QStringList arguments{"classify", golden("image.png"), "--segments", q(folder / "labels.png"), "--clip",
                                    fixtureQ(), "--clip-size", "64"};
        const Run first = runDiffcut(arguments + QStringList{"--out", q(folder / "first.json")} + kClasses, cacheIn(folder));
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        int cached = 0;
        for (const auto &entry : fs::directory_iterator(folder / "diffcut-studio/clip-features"))
            cached += entry.path().extension() == ".npy";
        QCOMPARE(cached, 1);
        const Run second = runDiffcut(arguments + QStringList{"--out", q(folder / "second.json")} + kClasses, cacheIn(folder));
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(readJson(folder / "second.json"), readJson(folder / "first.json"));
        const QJsonArray segments = readJson(folder / "first.json")["segments"].toArray();
        QCOMPARE(segments.size(), 3);
        QCOMPARE(segments[2].toObject()["label"].toInt(), 9);
        // Another size or the model's normalisation are other features: a second cache entry.
        QVERIFY(runDiffcut(arguments + QStringList{"--normalize", "--out", q(folder / "third.json")} + kClasses, cacheIn(folder)).exitCode == 0);
        cached = 0;
        for (const auto &entry : fs::directory_iterator(folder / "diffcut-studio/clip-features"))
            cached += entry.path().extension() == ".npy";
        QCOMPARE(cached, 2);
        // --cache chooses the cache folder, as for the other commands.
        QVERIFY(runDiffcut(arguments + QStringList{"--cache", q(folder / "chosen"), "--out", q(folder / "fourth.json")} + kClasses,
                           cacheIn(folder)).exitCode == 0);
        QVERIFY(fs::is_directory(folder / "chosen/clip-features"));
        QCOMPARE(std::distance(fs::directory_iterator(folder / "chosen/clip-features"), fs::directory_iterator()) > 0, true);
    }

    // segment and batch --clip: every unlabelled segment named with its most probable class when
    // that reaches --min-score, in summary.json and in the exports; the naming is part of the
    // settings a batch output records.
    void segmentAndBatchNameTheirSegments() {
        QTemporaryDir dir;
        const fs::path folder = testing::toPath(dir);
        fs::create_directory(folder / "images");
        fs::copy_file(testing::sampleImage(), folder / "images/a.jpg");
        std::ofstream(folder / "classes.txt") << "bus, coach\nroad\nsky\ntree\n";
        const QStringList naming{"--clip", fixtureQ(), "--classes-file", q(folder / "classes.txt"), "--clip-size", "64"};
        const QStringList names{"bus", "road", "sky", "tree"};

        const Run segment = runDiffcut(QStringList{"segment", q(folder / "images/a.jpg"), "--out", q(folder / "seg"),
                                                   "--min-score", "0.5"} + naming, cacheIn(folder));
        QVERIFY2(segment.exitCode == 0, qPrintable(segment.err));
        const QJsonObject summary = readJson(folder / "seg/summary.json");
        const QJsonArray named = summary["segment_names"].toArray();
        QCOMPARE(named.size(), summary["segments"].toInt());
        int labelled = 0;
        for (const QJsonValue &value : named) {
            const QJsonObject entry = value.toObject();
            const QJsonArray probabilities = entry["probabilities"].toArray();
            const int best = entry["best"].toInt();
            for (const QJsonValue &p : probabilities)
                QVERIFY(p.toDouble() <= probabilities[best].toDouble());
            if (probabilities[best].toDouble() >= 0.5) {
                QCOMPARE(entry["class"].toString(), names[best]);
                ++labelled;
            } else {
                QVERIFY(entry["class"].isNull());
            }
        }
        QVERIFY(labelled > 0);

        const QStringList batch{"batch", q(folder / "images"), "--out", q(folder / "batch"), "--format", "labelme"};
        Run run = runDiffcut(batch + naming, cacheIn(folder));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const QJsonValue &shape : readJson(folder / "batch/labelme/a.json")["shapes"].toArray())
            QVERIFY2(names.contains(shape.toObject()["label"].toString()), qPrintable(shape.toObject()["label"].toString()));
        // Another minimum score is another output, not "up to date"; a higher one leaves more unnamed.
        run = runDiffcut(batch + naming + QStringList{"--min-score", "1"}, cacheIn(folder));
        QVERIFY2(run.exitCode == 0 && run.err.contains("1 segmented"), qPrintable(run.err));

        // --clip and --classes-file go together.
        QCOMPARE(runDiffcut({"segment", q(folder / "images/a.jpg"), "--out", q(folder / "x"), "--clip", fixtureQ()}).exitCode, 2);
        QCOMPARE(runDiffcut({"batch", q(folder / "images"), "--out", q(folder / "y"), "--classes-file",
                             q(folder / "classes.txt")}).exitCode, 2);
    }

    void modelListAndCheckKnowOpenClip() {
        QTemporaryDir dir;
        const fs::path folder = testing::toPath(dir);
        const Run list = runDiffcut({"model", "list", q(fixture().parent_path())}, cacheIn(folder));
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains("convnext-tiny-a  OpenCLIP convnext_fixture_a, embed 32"), qPrintable(list.out));
        const Run check = runDiffcut({"model", "check", fixtureQ()});
        QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
        QVERIFY(check.out.contains("every tensor of the image and text towers"));
        QVERIFY(check.out.contains("model is complete"));

        fs::create_directory(folder / "broken");
        for (const char *file : {"open_clip_config.json", "vocab.json"})
            fs::copy_file(fixture() / file, folder / "broken" / file);
        std::ofstream(folder / "broken/open_clip_pytorch_model.bin") << "pickle";
        const Run broken = runDiffcut({"model", "check", q(folder / "broken")});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.out.contains("missing: open_clip_model.safetensors (the folder has only open_clip_pytorch_model.bin"),
                 qPrintable(broken.out));
        QVERIFY2(broken.out.contains("missing: merges.txt (the CLIP tokenizer"), qPrintable(broken.out));
        QVERIFY(broken.out.contains("2 problem(s)"));
    }

    void badInputIsAOneLineError() {
        QTemporaryDir dir;
        const fs::path folder = testing::toPath(dir);
        const QString clipInput = q(writeClipInput(folder));
        const auto classify = [&](const QStringList &extra, const QString &model = fixtureQ()) {
            return runDiffcut(QStringList{"classify", "--clip-input", clipInput, "--segments", golden("label_map.npy"),
                                          "--clip", model, "--clip-size", "192", "--out", q(folder / "out.json")} +
                                  extra,
                              cacheIn(folder));
        };
        // Not an OpenCLIP folder (a diffusers pipeline, an empty folder), or one without its tokenizer.
        expectOneLineError(classify(kClasses, q(testing::fixturesDir() / "pipeline/sd14-tiny-full")), 1,
                           "not an OpenCLIP model folder (no open_clip_config.json)");
        fs::create_directory(folder / "no-tokenizer");
        for (const char *file : {"open_clip_config.json", "open_clip_model.safetensors"})
            fs::copy_file(fixture() / file, folder / "no-tokenizer" / file);
        expectOneLineError(classify(kClasses, q(folder / "no-tokenizer")), 1,
                           "missing vocab.json (the CLIP tokenizer: in the model's repo on the hub");
        // Class files: only empty lines, an empty synonym, 10,000 classes, not UTF-8.
        std::ofstream(folder / "empty.txt") << "\n\n   \n";
        expectOneLineError(classify({"--classes-file", q(folder / "empty.txt")}), 1, "empty.txt: no class names");
        std::ofstream(folder / "comma.txt") << "cat\ndog,,puppy\n";
        expectOneLineError(classify({"--classes-file", q(folder / "comma.txt")}), 1, "comma.txt:2: 'dog,,puppy' has an empty name");
        {
            std::ofstream many(folder / "many.txt");
            for (int i = 0; i < 10000; ++i)
                many << "class " << i << "\n";
        }
        expectOneLineError(classify({"--classes-file", q(folder / "many.txt")}), 1, "at most 2000 are supported");
        std::ofstream(folder / "latin1.txt") << "caf\xe9\n";
        expectOneLineError(classify({"--classes-file", q(folder / "latin1.txt")}), 1, "latin1.txt:1: text is not valid UTF-8");
        expectOneLineError(classify({"--classes-file", q(folder / "absent.txt")}), 1, "absent.txt: cannot read the class file");
        // A label map of another size than the image.
        LabelMap labels(100, 100, 1);
        writeLabelPng(folder / "labels.png", labels);
        expectOneLineError(runDiffcut({"classify", golden("image.png"), "--segments", q(folder / "labels.png"), "--clip",
                                       fixtureQ(), "--out", q(folder / "out.json"), "--class", "cat"}),
                           1, "labels.png: the label map is 100x100, the image " + golden("image.png") + " is 250x188");
        // A CLIP input that is not a (3, H, W) float32 tensor.
        writeFeaturesNpy(folder / "four.npy", FeatureMap(4, 8, 8));
        expectOneLineError(runDiffcut({"classify", "--clip-input", q(folder / "four.npy"), "--segments", golden("label_map.npy"),
                                       "--clip", fixtureQ(), "--out", q(folder / "out.json"), "--class", "cat"}),
                           1, "four.npy: expected a float32 (3, H, W) RGB tensor");
        QVERIFY(!fs::exists(folder / "out.json"));

        // The command line: IMAGE and --clip-input, neither, no class, a size that is not a multiple of 32.
        expectOneLineError(classify(kClasses + QStringList{golden("image.png")}), 2, "excludes");
        expectOneLineError(runDiffcut({"classify", "--segments", golden("label_map.npy"), "--clip", fixtureQ(), "--out",
                                       q(folder / "out.json"), "--class", "cat"}),
                           2, "give either IMAGE or --clip-input");
        expectOneLineError(classify({}), 2, "give --classes-file or at least one --class");
        expectOneLineError(classify(kClasses + QStringList{"--clip-size", "100"}), 2, "multiple of 32");
        expectOneLineError(classify(kClasses + QStringList{"--classes-file", q(folder / "comma.txt")}), 2, "excludes");
    }
};

QTEST_APPLESS_MAIN(TestTorchClassifyCli)
#include "test_torch_classify_cli.moc"
