// diffcut batch and merge-coco end to end: layout, resume, per-image failures, shards.
#include "test_support.h"

#include "annotation/project_classes.h"
#include "annotation/sidecar.h"
#include "features/builtin_encoder.h"
#include "image/image.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <thread>

namespace {

struct Run {
    int exitCode;
    QString err;
};

Run runDiffcut(const QStringList &arguments) {
    QProcess process;
    process.start(DIFFCUT_CLI_PATH, arguments);
    if (!process.waitForFinished(300000))
        qFatal("diffcut did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError())};
}

QJsonObject readJson(const QString &path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList filesUnder(const QString &folder) {
    QStringList files;
    for (QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        files << QDir(folder).relativeFilePath(it.next());
    files.sort();
    return files;
}

// Three copies of the sample (one in a subfolder, one with an upper-case extension) and a
// corrupt "image".
void makeInput(const QString &input) {
    const QString sample = QString::fromStdString(diffcut::testing::sampleImage().string());
    QDir().mkpath(input + "/street");
    QFile::copy(sample, input + "/a.jpg");
    QFile::copy(sample, input + "/street/b.JPG");
    QFile::copy(sample, input + "/street/c.jpg");
    QFile bad(input + "/broken.png");
    bad.open(QIODevice::WriteOnly);
    bad.write("not a png");
}

} // namespace

class TestBatchCli : public QObject {
    Q_OBJECT
private slots:
    void exportsResumesAndReportsFailures() {
        QTemporaryDir dir;
        const QString input = dir.filePath("in"), out = dir.filePath("out");
        makeInput(input);
        const QStringList arguments{"batch", input, "--out", out, "--format", "voc,labelme,coco,masks", "--tau", "0.4"};
        const Run first = runDiffcut(arguments);
        QCOMPARE(first.exitCode, 1); // one image failed
        QVERIFY2(first.err.contains("3 segmented, 0 up to date, 1 failed"), qPrintable(first.err));
        QVERIFY(first.err.contains("failed: ") && first.err.contains("broken.png"));
        for (const char *name : {"a", "street/b", "street/c"}) {
            QVERIFY(QFile::exists(out + "/labelme/" + name + ".json"));
            QVERIFY(QFile::exists(out + "/voc/SegmentationClass/" + name + ".png"));
            QVERIFY(QFile::exists(out + "/voc/SegmentationObject/" + name + ".png"));
            QVERIFY(QFile::exists(out + "/masks/" + name + "/index.json"));
        }
        const QJsonObject coco = readJson(out + "/coco/annotations.json");
        QCOMPARE(coco["images"].toArray().size(), 3);
        QVERIFY(!coco["annotations"].toArray().isEmpty());
        // file_name is the image's path in the input folder (never "../").
        const QString fileName = coco["images"].toArray()[0].toObject()["file_name"].toString();
        QCOMPARE(fileName, QString("a.jpg"));
        QVERIFY2(QFile::exists(input + "/" + fileName), qPrintable(fileName));

        // Run again: nothing to do but the broken file.
        const QStringList before = filesUnder(out);
        const Run second = runDiffcut(arguments);
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains("0 segmented, 3 up to date, 1 failed"), qPrintable(second.err));
        QCOMPARE(filesUnder(out), before);

        // An image whose content changed is segmented again (its time alone does not decide); the
        // COCO file still has all three.
        {
            cv::Mat3b flipped = diffcut::loadImageRgb(diffcut::testing::sampleImage());
            cv::flip(flipped, flipped, 1);
            cv::cvtColor(flipped, flipped, cv::COLOR_RGB2BGR);
            QVERIFY(cv::imwrite((input + "/street/c.jpg").toStdString(), flipped));
        }
        QFile::remove(input + "/broken.png");
        const Run third = runDiffcut(arguments);
        QCOMPARE(third.exitCode, 0);
        QVERIFY2(third.err.contains("1 segmented, 2 up to date, 0 failed"), qPrintable(third.err));
        QCOMPARE(readJson(out + "/coco/annotations.json")["images"].toArray().size(), 3);
        const qsizetype coarse = readJson(out + "/coco/annotations.json")["annotations"].toArray().size();

        // Issue 11, data loss 2: other settings are never "up to date" with outputs of the old ones.
        const Run finer = runDiffcut({"batch", input, "--out", out, "--format", "voc,labelme,coco,masks", "--tau", "0.8"});
        QCOMPARE(finer.exitCode, 0);
        QVERIFY2(finer.err.contains("3 segmented, 0 up to date, 0 failed"), qPrintable(finer.err));
        QVERIFY(readJson(out + "/coco/annotations.json")["annotations"].toArray().size() > coarse); // τ 0.8: more objects

        // An image that fails on a rerun keeps nothing current: its files and COCO entries go.
        QFile::resize(input + "/a.jpg", 100);
        const Run failing = runDiffcut({"batch", input, "--out", out, "--format", "voc,labelme,coco,masks", "--tau", "0.8"});
        QCOMPARE(failing.exitCode, 1);
        QVERIFY(!QFile::exists(out + "/labelme/a.json"));
        QVERIFY(!QFile::exists(out + "/voc/SegmentationClass/a.png"));
        const QJsonArray images = readJson(out + "/coco/annotations.json")["images"].toArray();
        QCOMPARE(images.size(), 2);
        for (const auto image : images)
            QVERIFY(image.toObject()["file_name"].toString() != "a.jpg");
    }

    // Issue 11, data loss 3 and 4: names that differ only by extension get distinct outputs, and a
    // batch writing into its own input folder never reads what it wrote.
    void distinctNamesAndNoOutputsAsInput() {
        QTemporaryDir dir;
        const QString input = dir.filePath("in");
        QDir().mkpath(input);
        const QString sample = QString::fromStdString(diffcut::testing::sampleImage().string());
        QFile::copy(sample, input + "/photo.jpg");
        QVERIFY(cv::imwrite((input + "/photo.png").toStdString(), cv::imread(sample.toStdString())));
        for (int run = 0; run < 2; ++run) {
            const Run result = runDiffcut({"batch", input, "--out", input, "--format", "labelme,coco,overlay"});
            QCOMPARE(result.exitCode, 0);
            QVERIFY2(result.err.contains("batch: 2 images"), qPrintable(result.err));
        }
        QVERIFY(QFile::exists(input + "/labelme/photo.jpg.json"));
        QVERIFY(QFile::exists(input + "/labelme/photo.png.json"));
        QVERIFY(!QDir(input + "/overlays/overlays").exists());
        const QJsonArray images = readJson(input + "/coco/annotations.json")["images"].toArray();
        QCOMPARE(images.size(), 2);
        QVERIFY(images[0].toObject()["file_name"] != images[1].toObject()["file_name"]);
    }

    // Issue 11 §13: a file name that is not UTF-8 is refused up front (labelme and COCO files are
    // UTF-8) instead of written as U+FFFD; a failing final COCO write does not hide the summary.
    void nonUtf8NamesAndAFailingCocoWriteAreReportedCleanly() {
        QTemporaryDir dir;
        const std::filesystem::path input = diffcut::testing::toPath(dir) / "in";
        std::filesystem::create_directories(input);
        std::filesystem::copy_file(diffcut::testing::sampleImage(), input / "good.jpg");
        std::filesystem::copy_file(diffcut::testing::sampleImage(), input / "bad\xff.jpg");
        const QString out = dir.filePath("out");
        QDir().mkpath(out + "/coco/annotations.json"); // a folder where the joined file goes: its write fails
        const Run run = runDiffcut({"batch", QString::fromStdString(input.string()), "--out", out, "--format", "labelme,coco"});
        QCOMPARE(run.exitCode, 1);
        const qsizetype summary = run.err.indexOf("batch: 2 images: 1 segmented, 0 up to date, 1 failed");
        QVERIFY2(summary >= 0, qPrintable(run.err));
        QVERIFY2(run.err.contains("not valid UTF-8"), qPrintable(run.err));
        const qsizetype cocoError = run.err.indexOf("annotations.json", summary);
        QVERIFY2(cocoError > summary, qPrintable(run.err)); // the summary first, then the COCO failure
        QVERIFY(QFile::exists(out + "/labelme/good.json"));
        QVERIFY(QDir(out + "/labelme").entryList(QDir::Files).size() == 1);
        std::filesystem::remove_all(input); // QTemporaryDir cannot name the non-UTF-8 file to remove it
    }

    // Issue 10 §1: batch applies each image's saved annotation as the GUI does, reports decisions
    // that do not apply to its encoder settings, and --ignore-annotations segments from scratch.
    void appliesSavedAnnotationsAndReportsThoseSetAside() {
        QTemporaryDir dir;
        const QString input = dir.filePath("in"), out = dir.filePath("out");
        QDir().mkpath(input);
        const QString image = input + "/bus.jpg";
        QFile::copy(QString::fromStdString(diffcut::testing::sampleImage().string()), image);
        // What the GUI saves after "bus" is given to the whole image (the root node) at 32×32.
        using namespace diffcut;
        const cv::Mat3b rgb = loadImageRgb(image.toStdString());
        ProjectClasses project = openProject(input.toStdString(), dir.filePath("cache").toStdString(), {});
        addClass(project.list, "bus", {255, 200, 0});
        saveProject(project, {});
        FeatureIdentity features = BuiltinEncoder(32).identity();
        features.gridWidth = features.gridHeight = 32;
        features.imageHash = imagePixelHash(rgb);
        AnnotationState state;
        assignClass(editDecisionsFor(state, {features, state.alpha}), {""}, 0);
        saveSidecar(image.toStdString(), {}, state, project.list, rgb.size());

        const Run applied = runDiffcut({"batch", input, "--out", out, "--format", "labelme"});
        QCOMPARE(applied.exitCode, 0);
        QVERIFY2(!applied.err.contains("set aside"), qPrintable(applied.err));
        const QJsonArray shapes = readJson(out + "/labelme/bus.json")["shapes"].toArray();
        QVERIFY(!shapes.isEmpty());
        for (const auto shape : shapes)
            QCOMPARE(shape.toObject()["label"].toString(), QString("bus"));

        const Run other = runDiffcut({"batch", input, "--out", out + "64", "--format", "labelme", "--grid", "64"});
        QCOMPARE(other.exitCode, 0);
        QVERIFY2(other.err.contains("set aside: " + image + ": 1 decision made with the 32×32 built-in encoder is set aside"),
                 qPrintable(other.err));
        for (const auto shape : readJson(out + "64/labelme/bus.json")["shapes"].toArray())
            QCOMPARE(shape.toObject()["label"].toString(), QString("segment"));

        const Run scratch = runDiffcut({"batch", input, "--out", out + "-scratch", "--format", "labelme", "--ignore-annotations"});
        QCOMPARE(scratch.exitCode, 0);
        for (const auto shape : readJson(out + "-scratch/labelme/bus.json")["shapes"].toArray())
            QCOMPARE(shape.toObject()["label"].toString(), QString("segment"));
    }

    void shardsPartitionTheImagesAndMergeCocoJoinsThem() {
        QTemporaryDir dir;
        const QString input = dir.filePath("in"), out = dir.filePath("out");
        makeInput(input);
        QFile::remove(input + "/broken.png");
        QSet<QString> seen;
        for (const char *shard : {"0/2", "1/2"}) {
            const Run run = runDiffcut({"batch", input, "--out", out, "--format", "labelme,coco", "--shard", shard});
            QCOMPARE(run.exitCode, 0);
        }
        for (const QString &file : filesUnder(out + "/labelme"))
            seen.insert(file);
        QCOMPARE(seen, (QSet<QString>{"a.json", "street/b.json", "street/c.json"}));
        const QString shard0 = out + "/coco/annotations.shard-0-of-2.json", shard1 = out + "/coco/annotations.shard-1-of-2.json";
        QCOMPARE(readJson(shard0)["images"].toArray().size() + readJson(shard1)["images"].toArray().size(), 3);

        const Run merge = runDiffcut({"merge-coco", shard0, shard1, "--out", out + "/coco/all.json"});
        QCOMPARE(merge.exitCode, 0);
        const QJsonObject merged = readJson(out + "/coco/all.json");
        QCOMPARE(merged["images"].toArray().size(), 3);
        QSet<int> ids;
        for (const auto image : merged["images"].toArray())
            ids.insert(image.toObject()["id"].toInt());
        QCOMPARE(ids, (QSet<int>{1, 2, 3}));
    }

    void badArgumentsAreUsageErrors() {
        QTemporaryDir dir;
        QCOMPARE(runDiffcut({"batch", dir.path(), "--out", dir.filePath("o"), "--shard", "2/2"}).exitCode, 2);
        QCOMPARE(runDiffcut({"batch", dir.path(), "--out", dir.filePath("o"), "--format", "voc,pdf"}).exitCode, 2);
        const Run empty = runDiffcut({"batch", dir.path(), "--out", dir.filePath("o")});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY(empty.err.contains("no images"));
    }
};

QTEST_GUILESS_MAIN(TestBatchCli)
#include "test_batch_cli.moc"
