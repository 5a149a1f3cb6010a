// diffcut eval end to end: small label-map folders with hand-computed scores, the pairing of files,
// and every failure as a one-line error.
#include "export/label_png.h"
#include "cli_support.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace diffcut;
using diffcut::testing::Run;
using diffcut::testing::runDiffcut;
namespace fs = std::filesystem;

namespace {

// A 1 x n label map.
LabelMap row(std::initializer_list<int> values) {
    LabelMap labels(1, int(values.size()));
    std::copy(values.begin(), values.end(), labels.begin());
    return labels;
}

void writeLabels(const fs::path &path, const LabelMap &labels) {
    fs::create_directories(path.parent_path());
    writeLabelPng(path, labels);
}

QString text(const fs::path &path) { return QString::fromStdString(path.string()); }

QStringList evalArguments(const fs::path &root, const QStringList &extra = {}) {
    return QStringList{"eval", "--pred", text(root / "pred"), "--gt", text(root / "gt")} + extra;
}

// Two VOC-style images (0 background, 1 and 2 objects, 255 void) with over-segmented background;
// scores hand-computed in test_eval.cpp (manyToOneMergesOverSegmentedBackground).
void writeVocStyleDataset(const fs::path &root) {
    writeLabels(root / "gt/img1.png", row({0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 255, 255}));
    writeLabels(root / "pred/img1.png", row({0, 0, 1, 1, 2, 2, 0, 3, 3, 4, 1, 5}));
    writeLabels(root / "gt/img2.png", row({0, 0, 1, 1}));
    writeLabels(root / "pred/img2.png", row({0, 1, 2, 2}));
}

QJsonObject parseJson(const Run &run) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(run.out));
    return document.object();
}

bool near(double a, double b) { return std::abs(a - b) < 1e-12; }

} // namespace

class TestEvalCli : public QObject {
    Q_OBJECT
private slots:
    void manyToOneJson() {
        QTemporaryDir dir;
        writeVocStyleDataset(testing::toPath(dir));
        const Run run =
            runDiffcut(evalArguments(testing::toPath(dir), {"--classes", "3", "--background-many-to-one", "--json"}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        const QJsonObject result = parseJson(run);
        QCOMPARE(result.keys(), (QStringList{"images", "miou", "per_class", "pixel_accuracy"}));
        QVERIFY(near(result["miou"].toDouble(), 34.0 / 45.0));
        QVERIFY(near(result["pixel_accuracy"].toDouble(), 14.0 / 16.0));
        QCOMPARE(result["images"].toInt(), 2);
        const QJsonArray perClass = result["per_class"].toArray();
        QCOMPARE(perClass.size(), 3);
        QVERIFY(near(perClass[0].toDouble(), 0.8)); // background
        QVERIFY(near(perClass[1].toDouble(), 0.8));
        QVERIFY(near(perClass[2].toDouble(), 2.0 / 3.0));
    }

    void oneToOneJsonWithInferredClasses() {
        // Image 1: IoU 0.8 and 0.5 (TP 4 / 3); image 2 is exact after renumbering. Summed: class 0
        // TP 6 FP 0 FN 1, class 1 TP 5 FP 1 FN 2. Void and labels above the classes are not scored.
        QTemporaryDir dir;
        const fs::path root = testing::toPath(dir);
        writeLabels(root / "gt/a.png", row({0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 255}));
        writeLabels(root / "pred/a.png", row({0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 1}));
        writeLabels(root / "gt/b.png", row({0, 0, 1, 1, 255, 255}));
        writeLabels(root / "pred/b.png", row({1, 1, 0, 0, 0, 3}));
        const Run run = runDiffcut(evalArguments(root, {"--json"}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains("note: --classes not given: 2 classes"), qPrintable(run.err));
        const QJsonObject result = parseJson(run);
        const QJsonArray perClass = result["per_class"].toArray();
        QCOMPARE(perClass.size(), 2);
        QVERIFY(near(perClass[0].toDouble(), 6.0 / 7.0));
        QVERIFY(near(perClass[1].toDouble(), 5.0 / 8.0));
        QVERIFY(near(result["miou"].toDouble(), (6.0 / 7.0 + 5.0 / 8.0) / 2));
        QVERIFY(near(result["pixel_accuracy"].toDouble(), 11.0 / 14.0));

        // A class never in the ground truth nor matched to a pixel is null and left out of the mean.
        const Run four = runDiffcut(evalArguments(root, {"--json", "--classes", "4"}));
        QVERIFY2(four.exitCode == 0, qPrintable(four.err));
        const QJsonArray fourClasses = parseJson(four)["per_class"].toArray();
        QCOMPARE(fourClasses.size(), 4);
        QVERIFY(fourClasses[3].isNull());
    }

    void table() {
        QTemporaryDir dir;
        writeVocStyleDataset(testing::toPath(dir));
        const Run run = runDiffcut(evalArguments(testing::toPath(dir), {"--classes", "3", "--background-many-to-one"}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 7);
        QCOMPARE(lines[0], QString("class  IoU"));
        QCOMPARE(lines[1], QString("    0  0.8000  background"));
        QCOMPARE(lines[3], QString("    2  0.6667"));
        QCOMPARE(lines[4], QString("mIoU            0.7556  (mean over 3 classes)"));
        QCOMPARE(lines[5], QString("pixel accuracy  0.8750"));
        QCOMPARE(lines[6], QString("images          2"));
    }

    void segmentOutputFoldersAndUnpairedFiles() {
        // pred/img1 is what `diffcut segment --out pred/img1` writes: labels.png goes by the
        // folder's name and overlay.png is no label map.
        QTemporaryDir dir;
        const fs::path root = testing::toPath(dir);
        writeLabels(root / "gt/val/img1.png", row({0, 0, 1, 1}));
        writeLabels(root / "pred/img1/labels.png", row({3, 3, 1, 1}));
        writeLabels(root / "pred/img1/overlay.png", row({0, 0, 0, 0}));
        writeLabels(root / "pred/extra.png", row({0}));
        writeLabels(root / "gt/val/missing.png", row({0}));
        const Run run = runDiffcut(evalArguments(root, {"--classes", "2", "--json"}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains("note: 1 prediction has no ground truth: ") && run.err.contains("extra.png"),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains("note: 1 ground-truth file has no prediction: ") && run.err.contains("missing.png"),
                 qPrintable(run.err));
        const QJsonObject result = parseJson(run);
        QCOMPARE(result["images"].toInt(), 1);
        QCOMPARE(result["miou"].toDouble(), 1.0);
    }

    void groundTruthResizedToThePrediction() {
        // A 4x4 ground truth for a 2x2 prediction is read at rows and columns 0 and 2, as the
        // official code's nearest interpolation does: 0 1 / 1 1, which the prediction matches.
        QTemporaryDir dir;
        const fs::path root = testing::toPath(dir);
        LabelMap truth(4, 4, 1);
        truth(0, 0) = 0;
        truth(0, 1) = 0; // not sampled
        writeLabels(root / "gt/a.png", truth);
        LabelMap prediction(2, 2, 5);
        prediction(0, 0) = 2;
        writeLabels(root / "pred/a.png", prediction);
        const Run run = runDiffcut(evalArguments(root, {"--json"}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(parseJson(run)["miou"].toDouble(), 1.0);
    }

    void failuresAreOneLineErrors_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no pairs") << "no-pairs" << 1 << "no prediction in";
        QTest::newRow("missing folder") << "missing-folder" << 1 << "not a folder";
        QTest::newRow("corrupt ground truth") << "corrupt" << 1 << "b.png";
        QTest::newRow("two files of one name") << "ambiguous" << 1 << "two files are named 'a'";
        QTest::newRow("another shape") << "shape" << 1 << "another shape";
        QTest::newRow("only void") << "void" << 1 << "no label other than the ignore label";
        QTest::newRow("classes 0") << "classes-0" << 2 << "--classes";
        QTest::newRow("many-to-one with 1 class") << "one-class" << 1 << "background and an object class";
        QTest::newRow("no --gt") << "no-gt" << 2 << "--gt";
        QTest::newRow("label 2^31-1") << "huge-label" << 1
                                      << "a.npy: ground-truth label 2147483647 is beyond the 1024 classes";
    }

    void failuresAreOneLineErrors() {
        QFETCH(QString, kind);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const fs::path root = testing::toPath(dir);
        writeLabels(root / "gt/a.png", row({0, 1}));
        writeLabels(root / "pred/a.png", row({0, 1}));
        QStringList arguments = evalArguments(root);
        if (kind == "no-pairs") {
            fs::rename(root / "pred/a.png", root / "pred/z.png");
        } else if (kind == "missing-folder") {
            arguments = QStringList{"eval", "--pred", text(root / "pred"), "--gt", text(root / "nowhere")};
        } else if (kind == "corrupt") {
            writeLabels(root / "pred/b.png", row({0}));
            std::ofstream(root / "gt/b.png") << "not a PNG";
        } else if (kind == "ambiguous") {
            writeLabels(root / "pred/sub/a.png", row({0, 1}));
        } else if (kind == "shape") {
            writeLabels(root / "pred/a.png", LabelMap(3, 3, 0));
        } else if (kind == "void") {
            writeLabels(root / "gt/a.png", row({255, 255}));
        } else if (kind == "classes-0") {
            arguments << "--classes" << "0";
        } else if (kind == "one-class") {
            arguments << "--classes" << "1" << "--background-many-to-one";
        } else if (kind == "no-gt") {
            arguments = QStringList{"eval", "--pred", text(root / "pred")};
        } else if (kind == "huge-label") { // int32 .npy, shape (1, 2): [0, 2^31 - 1]
            fs::remove(root / "gt/a.png");
            std::string header = "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }";
            header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ').push_back('\n');
            const char values[] = {0, 0, 0, 0, char(0xFF), char(0xFF), char(0xFF), 0x7F};
            std::ofstream(root / "gt/a.npy", std::ios::binary)
                << std::string("\x93NUMPY\x01\x00", 8) << char(header.size()) << '\0' << header << std::string(values, 8);
        }
        const Run run = runDiffcut(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        const QStringList lines = run.err.trimmed().split('\n');
        const QString error = lines.last();
        QVERIFY2(error.startsWith("diffcut: ") && error.contains(expected), qPrintable(run.err));
        for (const QString &line : lines.mid(0, lines.size() - 1))
            QVERIFY2(line.startsWith("diffcut: note: "), qPrintable(run.err));
    }

    void openVocabularyProtocol() {
        QTemporaryDir dir;
        const fs::path root = testing::toPath(dir);
        writeLabels(root / "gt/a.png", row({0, 0, 1, 1, 2, 2, 255}));
        writeLabels(root / "pred/a.png", row({0, 1, 1, 1, 2, 0, 2}));
        writeLabels(root / "gt/b.png", row({0, 0, 0, 0}));
        writeLabels(root / "pred/b.png", row({0, 0, 2, 2}));
        const Run run = runDiffcut(evalArguments(root, {"--open-vocabulary", "--classes", "3", "--json"}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = parseJson(run);
        QVERIFY(near(json["miou_per_image"].toDouble(), 0.375));
        QVERIFY(near(json["miou"].toDouble(), (3.0 / 7 + 2.0 / 3 + 0.25) / 3));
        const Run table = runDiffcut(evalArguments(root, {"--open-vocabulary", "--classes", "3"}));
        QVERIFY(table.out.contains("mIoU per image  0.3750"));
        const Run both = runDiffcut(evalArguments(root, {"--open-vocabulary", "--background-many-to-one"}));
        QCOMPARE(both.exitCode, 2);
        writeLabels(root / "pred/b.png", row({0, 0, 3, 3}));
        const Run outside = runDiffcut(evalArguments(root, {"--open-vocabulary", "--classes", "3"}));
        QCOMPARE(outside.exitCode, 1);
        QVERIFY2(outside.err.contains("b.png: predicted class 3 at (2, 0) is outside 0..2"), qPrintable(outside.err));
    }

    void helpExplainsTheBackgroundProtocol() {
        const Run run = runDiffcut({"eval", "--help"});
        QCOMPARE(run.exitCode, 0);
        for (const char *needle : {"--pred", "--gt", "--classes", "--ignore", "--background-many-to-one", "--json",
                                   "void pixels", "scored as background"})
            QVERIFY2(run.out.contains(needle), needle);
    }
};

QTEST_APPLESS_MAIN(TestEvalCli)
#include "test_eval_cli.moc"
