// diffcut encode end to end with the built-in encoder: an image's features as the .npy that
// --features reads, a folder into the feature cache (resume, shards as batch's, failures
// summarised), --cache for every command, and the command-line errors.
#include "cli_support.h"
#include "test_support.h"

#include "common/cache_layout.h"
#include "features/builtin_encoder.h"
#include "features/feature_cache.h"
#include "features/npy.h"
#include "image/image.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

namespace fs = std::filesystem;
using namespace diffcut;
using testing::runDiffcut;

namespace {

QString sample() { return QString::fromStdString(testing::sampleImage().string()); }

// `count` distinct images (the sample shifted, so each has its own pixels and cache entry), some in a
// sub-folder, and a corrupt one when asked.
void makeFolder(const QString &folder, int count, bool broken) {
    QDir().mkpath(folder + "/sub");
    const cv::Mat bgr = cv::imread(sample().toStdString());
    for (int i = 0; i < count; ++i) {
        cv::Mat shifted;
        cv::resize(bgr(cv::Rect(i * 7, 0, bgr.cols - 40, bgr.rows)), shifted, {128, 96});
        const QString name = QString("%1/%2img%3.png").arg(folder, i % 2 ? "sub/" : "").arg(i);
        QVERIFY(cv::imwrite(name.toStdString(), shifted));
    }
    if (broken)
        testing::writeBytes(folder + "/broken.png", "not a png");
}

QStringList filesWithSuffix(const QString &folder, const QString &suffix) {
    QStringList files;
    for (QDirIterator it(folder, QDir::Files); it.hasNext();)
        if (const QString file = it.next(); file.endsWith(suffix))
            files << QFileInfo(file).fileName();
    files.sort();
    return files;
}

// The images a source record of the feature cache names, relative to `folder`.
QStringList recordedImages(const QString &cache, const QString &folder) {
    QStringList images;
    for (const auto &[image, bytes] : FeatureCache(CacheLayout(cache.toStdString()).features())
                                          .entriesUnder(folder.toStdString(), featureCacheKey(BuiltinEncoder())))
        images << QDir(folder).relativeFilePath(QString::fromStdString(image.string()));
    images.sort();
    return images;
}

} // namespace

class TestEncodeCli : public QObject {
    Q_OBJECT
private slots:
    void anImagesFeaturesAreTheNpyThatSegmentReads() {
        QTemporaryDir dir;
        const QString npy = dir.filePath("features.npy"), cache = dir.filePath("cache");
        const testing::Run run = runDiffcut({"encode", sample(), "--out", npy, "--cache", cache});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("(26, 32, 32)"), qPrintable(run.out));
        const FeatureMap written = readFeaturesNpy(npy.toStdString());
        const FeatureMap expected = BuiltinEncoder().encode(loadImageRgb(testing::sampleImage()));
        QCOMPARE(written.channels, expected.channels);
        QCOMPARE(written.values, expected.values);
        // The same features reach the cache, with their source recorded.
        QCOMPARE(filesWithSuffix(cache + "/features", ".npy").size(), 1);
        QCOMPARE(recordedImages(cache, QFileInfo(sample()).absolutePath()), QStringList{QFileInfo(sample()).fileName()});

        const testing::Run grid64 = runDiffcut({"encode", sample(), "--grid", "64", "--no-cache", "--out", npy});
        QVERIFY2(grid64.exitCode == 0, qPrintable(grid64.err));
        QCOMPARE(readFeaturesNpy(npy.toStdString()).width, 64);

        const testing::Run segment = runDiffcut({"segment", sample(), "--features", npy, "--out", dir.filePath("seg")});
        QVERIFY2(segment.exitCode == 0, qPrintable(segment.err));
    }

    void aFolderFillsTheCacheResumesAndSummarisesFailures() {
        QTemporaryDir dir;
        const QString input = dir.filePath("in"), cache = dir.filePath("cache");
        makeFolder(input, 3, true);
        const QStringList arguments{"encode", input, "--cache", cache};
        const testing::Run first = runDiffcut(arguments);
        QCOMPARE(first.exitCode, 1);
        QVERIFY2(first.err.contains("4 images: 3 encoded, 0 already cached, 1 failed"), qPrintable(first.err));
        QVERIFY2(first.err.contains("failed: ") && first.err.contains("broken.png"), qPrintable(first.err));
        QVERIFY2(first.err.contains("[4/4]") && first.err.contains("ETA"), qPrintable(first.err));
        QCOMPARE(filesWithSuffix(cache + "/features", ".npy").size(), 3);
        QCOMPARE(recordedImages(cache, input), (QStringList{"img0.png", "img2.png", "sub/img1.png"}));

        const testing::Run second = runDiffcut(arguments);
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains("0 encoded, 3 already cached, 1 failed"), qPrintable(second.err));

        // A damaged entry is noticed on the next run, discarded with a note and computed again.
        const QString damaged = cache + "/features/" + filesWithSuffix(cache + "/features", ".npy").front();
        QFile::resize(damaged, QFileInfo(damaged).size() - 10);
        QFile::remove(input + "/broken.png");
        const testing::Run third = runDiffcut(arguments);
        QCOMPARE(third.exitCode, 0);
        QVERIFY2(third.err.contains("3 images: 1 encoded, 2 already cached, 0 failed"), qPrintable(third.err));
        QVERIFY2(third.err.contains("discarded a bad feature cache entry"), qPrintable(third.err));
    }

    void shardsSplitTheFolderAsBatchDoes() {
        QTemporaryDir dir;
        const QString input = dir.filePath("in");
        makeFolder(input, 5, false);
        QStringList encoded;
        for (const char *shard : {"0/2", "1/2"}) {
            const QString cache = dir.filePath(QString("cache-%1").arg(shard[0]));
            const testing::Run run = runDiffcut({"encode", input, "--cache", cache, "--shard", shard});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            const QStringList mine = recordedImages(cache, input);
            // batch --shard takes the very same images.
            const QString out = dir.filePath(QString("out-%1").arg(shard[0]));
            QCOMPARE(runDiffcut({"batch", input, "--out", out, "--format", "labelme", "--cache", cache, "--shard", shard}).exitCode, 0);
            QStringList batched;
            for (QDirIterator it(out + "/labelme", QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
                batched << QDir(out + "/labelme").relativeFilePath(it.next()).replace(".json", ".png");
            batched.sort();
            QCOMPARE(mine, batched);
            encoded << mine;
        }
        encoded.sort();
        const QString whole = dir.filePath("cache-all");
        QCOMPARE(runDiffcut({"encode", input, "--cache", whole}).exitCode, 0);
        QCOMPARE(encoded, recordedImages(whole, input)); // every image exactly once
        QStringList entries = filesWithSuffix(dir.filePath("cache-0") + "/features", ".npy") +
                              filesWithSuffix(dir.filePath("cache-1") + "/features", ".npy");
        entries.sort();
        QCOMPARE(filesWithSuffix(whole + "/features", ".npy"), entries); // the same entries, bit for bit named
    }

    void theCacheOptionChoosesTheFolderOfEveryCommand() {
        QTemporaryDir dir;
        const QString cache = dir.filePath("chosen");
        QVERIFY(runDiffcut({"segment", sample(), "--out", dir.filePath("seg"), "--cache", cache}).exitCode == 0);
        QCOMPARE(filesWithSuffix(cache + "/features", ".npy").size(), 1);
        const testing::Run tree = runDiffcut({"tree", sample(), "--cache", dir.filePath("tree-cache")});
        QCOMPARE(tree.exitCode, 0);
        QCOMPARE(filesWithSuffix(dir.filePath("tree-cache") + "/features", ".npy").size(), 1);
    }

    void wrongCombinationsAreCommandLineErrors() {
        QTemporaryDir dir;
        const QString input = dir.filePath("in");
        makeFolder(input, 1, false);
        const auto expectUsage = [](const QStringList &arguments, const QString &message) {
            const testing::Run run = runDiffcut(arguments);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.startsWith("diffcut: ") && run.err.contains(message), qPrintable(run.err));
        };
        expectUsage({"encode", input, "--out", dir.filePath("f.npy")}, "--out is for one image");
        expectUsage({"encode", input, "--no-cache"}, "--no-cache with a folder");
        expectUsage({"encode", sample()}, "needs --out");
        expectUsage({"encode", sample(), "--out", dir.filePath("f.npy"), "--shard", "0/2"}, "--shard is for a folder");
        expectUsage({"encode", input, "--shard", "2/2"}, "--shard");
        const testing::Run missing = runDiffcut({"encode", dir.filePath("missing.png"), "--out", dir.filePath("f.npy")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("missing.png"), qPrintable(missing.err));
        const testing::Run empty = runDiffcut({"encode", dir.filePath("in/sub"), "--shard", "1/2"});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.err.contains("no images in shard 1/2"), qPrintable(empty.err));
    }
};

QTEST_GUILESS_MAIN(TestEncodeCli)
#include "test_encode_cli.moc"
