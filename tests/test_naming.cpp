// The torch-free half of naming segments: class files as DiffCut and labelme write them, the
// synonym split, the nearest-exact mask resize and pooling (a segment no cell samples, labels of
// any range), the classification arithmetic (max over synonyms, softmax, first argmax), and
// writing the chosen classes into an annotation.
#include "naming/class_names.h"
#include "naming/name_segments.h"
#include "naming/segment_scores.h"
#include "test_support.h"

#include <QTest>

#include <fstream>

using namespace diffcut;

class TestNaming : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void synonymsSplitAsTheOfficialCode() {
        QCOMPARE(splitSynonyms("dog, puppy"), (std::vector<std::string>{"dog", "puppy"}));
        QCOMPARE(splitSynonyms("a,b, c,  d"), (std::vector<std::string>{"a", "b", "c", " d"}));
        QCOMPARE(splitSynonyms("traffic light"), (std::vector<std::string>{"traffic light"}));
        QCOMPARE(promptOf(kPromptTemplates[1], "bus"), std::string("This is a photo of a bus"));
    }

    void classFilesOfDiffCutAndLabelme() {
        QTemporaryDir dir;
        const std::filesystem::path file = testing::toPath(dir) / "classes.txt";
        std::ofstream(file) << "\xEF\xBB\xBF__ignore__\r\n_background_\r\n0:background,crops\r\n\r\n1:aeroplane,airplane\r\n"
                               "  traffic light  \n10 pin bowling\n";
        QCOMPARE(readClassFile(file), (std::vector<std::string>{"background,crops", "aeroplane,airplane", "traffic light",
                                                                "10 pin bowling"}));
        testing::expectError([] { checkClassNames({"cat", ","}, "--class"); }, "--class: ',' has an empty name");
        testing::expectError([] { checkClassNames({}, "--class"); }, "--class: no class names");
        testing::expectError([] { checkClassNames(std::vector<std::string>(kMaxClassCount + 1, "cat"), "--class"); },
                             "2001 classes; at most 2000");
    }

    void nearestExactIndices() {
        // torch: floor((i + 0.5) * in / out), clamped.
        QCOMPARE(nearestExactSource(0, 100, 6), 8);
        QCOMPARE(nearestExactSource(5, 100, 6), 91);
        QCOMPARE(nearestExactSource(0, 4, 8), 0);
        QCOMPARE(nearestExactSource(7, 4, 8), 3);
        QCOMPARE(nearestExactSource(2, 6, 6), 2);
    }

    void poolingOverTheSampledCells() {
        FeatureMap dense(2, 2, 2);
        for (int i = 0; i < 8; ++i)
            dense.values[std::size_t(i)] = float(i + 1); // channel 0: 1 2 3 4, channel 1: 5 6 7 8
        // 4x4 labels: nearest-exact cells sample pixels (1|3, 1|3) (legacy nearest would take 0|2);
        // label -7 is sampled by none, 1000000 by the first cell.
        LabelMap labels(4, 4, 3);
        labels(0, 0) = -7;
        labels(1, 1) = 1000000;
        const PooledSegments pooled = poolSegments(dense, labels);
        QCOMPARE(pooled.labels, (std::vector<int>{-7, 3, 1000000}));
        QCOMPARE(pooled.cellCounts, (std::vector<int>{0, 3, 1}));
        QCOMPARE(pooled.pooled(0, 0), 0.0f);
        QVERIFY(std::abs(pooled.pooled(1, 0) - (2 + 3 + 4) / 3.0f) < 1e-6);
        QVERIFY(std::abs(pooled.pooled(1, 1) - (6 + 7 + 8) / 3.0f) < 1e-6);
        QVERIFY(std::abs(pooled.pooled(2, 1) - 5.0f) < 1e-6);
    }

    // segment/batch --clip: classes joined by name (an existing "road" kept), and only unlabelled
    // segments whose best class is probable enough named; the user's class stays.
    void namesGoToUnlabelledSegmentsAboveTheMinimumScore() {
        ClassList list = makeClassList({{"road", {128, 128, 128}}});
        const std::vector<ClassId> ids = joinNamedClasses(list, {"bus", "Road"});
        QCOMPARE(list.classes.size(), std::size_t(2));
        QCOMPARE(ids[1], list.classes[0].id);
        QCOMPARE(list.classes[1].name, std::string("bus"));
        Annotation annotation;
        annotation.segmentClass = {Annotation::kUnlabelled, 0, Annotation::kUnlabelled, Annotation::kUnlabelled};
        annotation.classes = list.labelClasses();
        const auto score = [](int label, int classIndex, float probability) {
            return SegmentScores{label, classIndex, {0, 0}, {classIndex == 0 ? probability : 1 - probability,
                                                            classIndex == 1 ? probability : 1 - probability}};
        };
        const std::vector<SegmentScores> scores{score(0, 0, 0.9f), score(1, 0, 0.99f), score(2, 1, 0.4f), score(3, 1, 0.6f)};
        QCOMPARE(applySegmentNames(annotation, list, ids, scores, 0.5), 2);
        QCOMPARE(annotation.segmentClass, (std::vector<int>{1, 0, Annotation::kUnlabelled, 0}));
    }

    void scoresTakeTheBestSynonym() {
        TextClassifier classifier;
        classifier.classNames = {"dog", "cat"};
        classifier.classOfRow = {0, 0, 1};
        classifier.rows = RowMatrixXf::Zero(3, 2);
        classifier.rows << 1, 0, 0, 1, -1, 0;
        classifier.logitScale = 10;
        RowMatrixXf embeddings(2, 2);
        embeddings << 0, 1, -1, 0;
        const std::vector<SegmentScores> scores = scoreSegments({4, 9}, embeddings, classifier);
        QCOMPARE(scores[0].label, 4);
        QCOMPARE(scores[0].logits, (std::vector<float>{10, 0})); // max of its synonyms' 0 and 10
        QCOMPARE(scores[0].classIndex, 0);
        QCOMPARE(scores[1].classIndex, 1);
        QVERIFY(std::abs(scores[0].probabilities[0] - 1 / (1 + std::exp(-10.0f))) < 1e-6);
        // Ties go to the first class, as torch's argmax.
        classifier.rows << 1, 0, 0, 1, 1, 0;
        QCOMPARE(scoreSegments({1}, RowMatrixXf::Constant(1, 2, 0.5f), classifier)[0].classIndex, 0);
    }
};

QTEST_APPLESS_MAIN(TestNaming)
#include "test_naming.moc"
