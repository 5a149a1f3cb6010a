// The GUI's middle layer without windows: the task indicator that long work registers with, and the
// annotation document's copy-on-write brush layer (no full-resolution copy per τ step).
#include "controllers/task_indicator.h"
#include "document/annotation_document.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace diffcut;
using namespace diffcut::ui;

class TestGuiControllers : public QObject {
    Q_OBJECT

private slots:
    void theMostRecentTaskIsShownAndCancelReachesIt() {
        TaskIndicator tasks;
        QSignalSpy changed(&tasks, &TaskIndicator::changed);
        QVERIFY(!tasks.shown());
        int cancelledFeatures = 0, cancelledExport = 0;
        const auto features = tasks.begin("Computing features…", [&] { ++cancelledFeatures; });
        QCOMPARE(tasks.shown()->maximum, 0); // busy, no measure yet
        tasks.setFraction(features, 0.25, "features");
        QCOMPARE(tasks.shown()->value, 250);
        QCOMPARE(tasks.shown()->maximum, 1000);
        QVERIFY(tasks.shown()->format.isEmpty());

        const auto exporting = tasks.begin("Exporting 3 images…", [&] { ++cancelledExport; });
        tasks.setCount(exporting, 1, 3, "2/3 b");
        QCOMPARE(tasks.shown()->text, QString("Exporting 3 images…"));
        QCOMPARE(tasks.shown()->format, QString("%v / %m"));
        QCOMPARE(tasks.shown()->detail, QString("2/3 b"));
        tasks.cancelShown();
        QCOMPARE(cancelledExport, 1);
        QCOMPARE(cancelledFeatures, 0);

        tasks.end(exporting);
        QVERIFY(!tasks.isRunning(exporting));
        QCOMPARE(tasks.shown()->text, QString("Computing features…")); // the earlier task shows again
        tasks.cancelShown();
        QCOMPARE(cancelledFeatures, 1);
        tasks.end(features);
        QVERIFY(!tasks.shown());
        tasks.end(features); // ending twice changes nothing
        QCOMPARE(changed.count(), 6);
    }

    // Issue 12: the brush layer is shared with requests, not copied per request; painting copies it
    // only while a request still holds it, so the request keeps what it was given.
    void theBrushLayerIsCopiedOnWrite() {
        QTemporaryDir dir;
        AnnotationDocument document;
        document.open(dir.filePath("image.png"), {40, 30}, {}, dir.filePath("cache").toStdString());
        QVERIFY(document.addClass("road", Qt::gray).isEmpty());
        document.paintStroke({QPoint(5, 5)}, 2, false, 0);
        const SegmentationRequest first = document.request();
        const SegmentationRequest second = document.request();
        QCOMPARE(first.state.brush.data, document.state().brush.data); // shared, not cloned
        QCOMPARE(second.state.brush.data, first.state.brush.data);

        document.paintStroke({QPoint(30, 20)}, 2, false, 0);
        QVERIFY(document.state().brush.data != first.state.brush.data); // copied before writing
        QCOMPARE(first.state.brush(20, 30), BrushValue::kUntouched);     // the request kept its layer
        QCOMPARE(document.state().brush(20, 30), BrushValue::forClass(0));
        document.close();
    }
};

QTEST_MAIN(TestGuiControllers)
#include "test_gui_controllers.moc"
