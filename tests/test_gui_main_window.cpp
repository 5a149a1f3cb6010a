// The real main window, driven as a user would (offscreen): open → segments; τ and α live over
// cached trees; split / coarsen / merge / assign with undo and redo; autosave and restore;
// export; cancel.
#include "test_support.h"

#include "canvas/image_canvas.h"
#include "dialogs/export_dialog.h"
#include "document/annotation_document.h"
#include "main_window.h"
#include "panels/granularity_panel.h"
#include "pipeline/segmentation_session.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>

using namespace diffcut;
using namespace diffcut::ui;

namespace {

constexpr int kTimeoutMs = 60000;

class MainWindowTest : public QObject {
    Q_OBJECT

    // Each test starts from nothing: its own settings, cache, images and sidecars.
    std::unique_ptr<QTemporaryDir> workspace_;
    std::unique_ptr<MainWindow> window_;

    QString copyOfSample(const QString &name) {
        const QString target = workspace_->filePath(name);
        QFile::remove(target);
        QFile::copy(QString::fromStdString(testing::sampleImage().string()), target);
        return target;
    }

    // A window whose settings, caches and sidecars all live in the test's folder.
    std::unique_ptr<MainWindow> makeWindow(int builtinGrid = 32) {
        auto store = std::make_unique<QSettings>(workspace_->filePath("settings.ini"), QSettings::IniFormat);
        store->setValue("cache/folder", workspace_->filePath("cache"));
        store->setValue("encoder/builtinGrid", builtinGrid);
        auto window = std::make_unique<MainWindow>(std::move(store));
        window->resize(1200, 800);
        window->show();
        return window;
    }

    // Opens an image and waits for its first segmentation; returns the segment count.
    int openAndWait(const QString &image) {
        QSignalSpy shown(window_.get(), &MainWindow::segmentationShown);
        window_->openImage(image);
        if (!shown.wait(kTimeoutMs))
            return -1;
        return shown.last().at(0).toInt();
    }

    int segmentCount() const { return window_->document()->result()->composed.annotation.segmentCount(); }

    bool waitForShown(QSignalSpy &shown) { return shown.count() > 0 || shown.wait(kTimeoutMs); }

    // Clicks the canvas over an image pixel that belongs to `segment`.
    void clickSegment(int segment, Qt::KeyboardModifiers modifiers = {}) {
        const LabelMap &labels = window_->document()->result()->composed.annotation.segments;
        cv::Mat1b mask = labels == segment;
        std::vector<cv::Point> pixels;
        cv::findNonZero(mask, pixels);
        QVERIFY(!pixels.empty());
        const cv::Point pixel = pixels[pixels.size() / 2];
        ImageCanvas *canvas = window_->canvas();
        const QPoint viewPoint = canvas->mapFromScene(QPointF(pixel.x + 0.5, pixel.y + 0.5));
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, modifiers, viewPoint);
    }

    void setTau(double tau) {
        auto *spin = window_->granularityPanel()->findChild<QDoubleSpinBox *>("tauSpinBox");
        QVERIFY(spin);
        spin->setValue(tau);
    }
    void setAlpha(double alpha) {
        auto *spin = window_->granularityPanel()->findChild<QDoubleSpinBox *>("alphaSpinBox");
        QVERIFY(spin);
        spin->setValue(alpha);
    }

private slots:
    void init() {
        workspace_ = std::make_unique<QTemporaryDir>();
        QVERIFY(workspace_->isValid());
        window_ = makeWindow();
    }
    void cleanup() { window_.reset(); }

    void openingTheSampleShowsSegments() {
        const int count = openAndWait(copyOfSample("open.jpg"));
        QVERIFY2(count > 1, "the built-in encoder should find several segments in the sample");
        QVERIFY(window_->session()->hasFeatures());
        QVERIFY(window_->windowTitle().contains("open.jpg"));
    }

    void tauChangesRecutTheCachedTree() {
        QVERIFY(openAndWait(copyOfSample("tau.jpg")) > 0);
        const double alpha = window_->document()->state().alpha;
        const auto tree = window_->session()->cachedTree(alpha);
        QVERIFY(tree);
        const int before = segmentCount();
        QSignalSpy shown(window_.get(), &MainWindow::segmentationShown);
        setTau(0.1);
        QVERIFY(waitForShown(shown));
        QVERIFY(QTest::qWaitFor([&] { return window_->document()->result()->composed.annotation.tau == 0.1; }, kTimeoutMs));
        QVERIFY2(segmentCount() < before, "a lower τ gives fewer segments");
        QCOMPARE(window_->document()->result()->tree, tree); // the same tree, re-cut: no rebuild
        QCOMPARE(window_->session()->cachedTree(alpha), tree);
    }

    void alphaBuildsOffTheUiThreadAndRevisitingIsInstant() {
        QVERIFY(openAndWait(copyOfSample("alpha.jpg")) > 0);
        const double firstAlpha = window_->document()->state().alpha;
        const auto firstTree = window_->session()->cachedTree(firstAlpha);
        QSignalSpy building(window_->session(), &SegmentationSession::treeBuilding);
        setAlpha(17.0); // far from the neighbours prepared in idle time
        // setAlpha returned without the tree: it is built in the background.
        QCOMPARE(window_->document()->result()->tree, firstTree);
        QVERIFY(QTest::qWaitFor([&] { return window_->document()->result()->tree->alpha() == 17.0; }, kTimeoutMs));
        QCOMPARE(building.count(), 1);
        QVERIFY(window_->session()->cachedTree(17.0));

        building.clear();
        QVERIFY(window_->session()->cachedTree(firstAlpha) == firstTree);
        setAlpha(firstAlpha);
        QVERIFY(QTest::qWaitFor([&] { return window_->document()->result()->tree == firstTree; }, kTimeoutMs));
        QCOMPARE(building.count(), 0); // revisiting used the cached tree
    }

    void splitCoarsenMergeAssignUndoRedo() {
        QVERIFY(openAndWait(copyOfSample("edit.jpg")) > 2);
        QSignalSpy shown(window_.get(), &MainWindow::segmentationShown);
        const auto waitForCount = [&](int expected) {
            return QTest::qWaitFor([&] { return segmentCount() == expected; }, kTimeoutMs);
        };
        const int initial = segmentCount();

        // Split the largest splittable segment: one more segment, τ unchanged.
        const double tau = window_->document()->state().tau;
        clickSegment(0);
        QCOMPARE(window_->selectedSegments(), QList<int>{0});
        window_->action("split")->trigger();
        QVERIFY(waitForCount(initial + 1));
        QCOMPARE(window_->document()->state().tau, tau);
        QCOMPARE(window_->document()->state().overrides.size(), std::size_t(1));

        // Coarsen one of the two halves back into their parent.
        clickSegment(0);
        window_->action("coarsen")->trigger();
        QVERIFY(waitForCount(initial));

        // Merge two segments (Shift+click adds to the selection).
        clickSegment(0);
        clickSegment(1, Qt::ShiftModifier);
        QCOMPARE(window_->selectedSegments().size(), 2);
        window_->action("merge")->trigger();
        QVERIFY(waitForCount(initial - 1));

        // Assign a class with key 1.
        window_->document()->addClass("sky", Qt::blue);
        clickSegment(0);
        QTest::keyClick(window_.get(), Qt::Key_1);
        QVERIFY(QTest::qWaitFor([&] { return window_->document()->result()->composed.annotation.segmentClass[0] == 0; }, kTimeoutMs));

        // Undo everything back to the automatic segmentation, then redo it all.
        QUndoStack *stack = window_->document()->undoStack();
        const int steps = stack->index();
        QVERIFY(steps >= 5); // split, coarsen, merge, add class, assign
        while (stack->canUndo())
            window_->action("undo")->trigger();
        QVERIFY(waitForCount(initial));
        QVERIFY(window_->document()->state().overrides.empty());
        QVERIFY(window_->document()->classes().empty());
        for (int i = 0; i < steps; ++i)
            QTest::keyClick(window_.get(), Qt::Key_Y, Qt::ControlModifier);
        QVERIFY(waitForCount(initial - 1));
        QVERIFY(QTest::qWaitFor([&] { return window_->document()->result()->composed.annotation.segmentClass[0] == 0; }, kTimeoutMs));
    }

    void autosaveRestoresTheAnnotationOnReopen() {
        const QString first = copyOfSample("first.jpg");
        const QString second = copyOfSample("second.jpg");
        QVERIFY(openAndWait(first) > 1);
        setTau(0.3);
        window_->document()->addClass("tree", Qt::green);
        QVERIFY(QTest::qWaitFor([&] { return window_->document()->result()->composed.annotation.tau == 0.3; }, kTimeoutMs));
        clickSegment(0);
        window_->action("assignClass1")->trigger();
        QVERIFY(openAndWait(second) > 0); // leaving the image saves it
        QVERIFY(QFile::exists(first + ".diffcut.json"));
        QCOMPARE(window_->document()->state().tau, 0.5);

        // A new window (a restart) restores both the decisions and the class.
        window_ = makeWindow();
        QVERIFY(openAndWait(first) > 0);
        QCOMPARE(window_->document()->state().tau, 0.3);
        QCOMPARE(window_->document()->classes().size(), std::size_t(1));
        QCOMPARE(window_->document()->classes().front().name, std::string("tree"));
        QCOMPARE(window_->document()->result()->composed.annotation.segmentClass[0], 0);
    }

    void exportWritesTheFiles() {
        const QString image = copyOfSample("export.jpg");
        QVERIFY(openAndWait(image) > 0);
        ExportRequest request;
        request.outputFolder = workspace_->filePath("out");
        request.formats = parseFormats("labelme,voc,coco,masks,overlay");
        QSignalSpy finished(window_.get(), &MainWindow::exportFinished);
        window_->startExport(request);
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        for (const char *file : {"labelme/export.json", "voc/SegmentationClass/export.png", "voc/SegmentationObject/export.png",
                                 "coco/annotations.json", "masks/export/index.json", "overlays/export.png"})
            QVERIFY2(QFile::exists(workspace_->filePath("out/") + file), file);
    }

    void exportOfTheWholeFolderSegmentsTheImagesNotOpened() {
        QDir().mkpath(workspace_->filePath("set/sub"));
        for (const char *name : {"set/a.jpg", "set/sub/b.jpg"})
            QVERIFY(QFile::copy(QString::fromStdString(testing::sampleImage().string()), workspace_->filePath(name)));
        QSignalSpy shown(window_.get(), &MainWindow::segmentationShown);
        window_->openPath(workspace_->filePath("set"));
        QVERIFY(shown.wait(kTimeoutMs));
        window_->document()->addClass("bus", Qt::yellow);
        clickSegment(0);
        window_->action("assignClass1")->trigger();
        QVERIFY(QTest::qWaitFor([&] { return window_->document()->result()->composed.annotation.segmentClass[0] == 0; }, kTimeoutMs));

        ExportRequest request;
        request.outputFolder = workspace_->filePath("out");
        request.formats = parseFormats("labelme,voc,coco");
        request.wholeFolder = true;
        QSignalSpy finished(window_.get(), &MainWindow::exportFinished);
        window_->startExport(request);
        QVERIFY(finished.wait(kTimeoutMs));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        for (const char *file : {"labelme/a.json", "labelme/sub/b.json", "voc/SegmentationClass/sub/b.png", "coco/annotations.json"})
            QVERIFY2(QFile::exists(workspace_->filePath("out/") + file), file);
        QFile names(workspace_->filePath("out/voc/class_names.txt"));
        QVERIFY(names.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(names.readAll()).contains("bus"));
    }

    void remappedShortcutsTakeEffect() {
        window_.reset();
        {
            QSettings store(workspace_->filePath("settings.ini"), QSettings::IniFormat);
            store.setValue("shortcuts/split", "X");
        }
        window_ = makeWindow();
        QCOMPARE(window_->action("split")->shortcut(), QKeySequence(Qt::Key_X));
        QCOMPARE(window_->action("coarsen")->shortcut(), QKeySequence(Qt::Key_C)); // the others keep their defaults
        QVERIFY(openAndWait(copyOfSample("keys.jpg")) > 0);
        const int before = segmentCount();
        clickSegment(0);
        QTest::keyClick(window_.get(), Qt::Key_X);
        QVERIFY(QTest::qWaitFor([&] { return segmentCount() == before + 1; }, kTimeoutMs));
    }

    void aCorruptImageGivesAMessageNotACrash() {
        const QString corrupt = workspace_->filePath("corrupt.jpg");
        QFile file(corrupt);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\xff\xd8\xff\xe0 this is not really a JPEG");
        file.close();
        window_->openImage(corrupt);
        QVERIFY(QTest::qWaitFor([&] { return window_->findChild<QMessageBox *>("errorBox") != nullptr; }, kTimeoutMs));
        QVERIFY(window_->findChild<QMessageBox *>("errorBox")->text().contains("corrupt.jpg"));
        // The window still works.
        QVERIFY(openAndWait(copyOfSample("after-corrupt.jpg")) > 0);
    }

    void folderNavigationWithDAndA() {
        QDir().mkpath(workspace_->filePath("folder"));
        for (const char *name : {"folder/img1.jpg", "folder/img2.jpg", "folder/img10.jpg"})
            QVERIFY(QFile::copy(QString::fromStdString(testing::sampleImage().string()), workspace_->filePath(name)));
        QSignalSpy shown(window_.get(), &MainWindow::segmentationShown);
        window_->openPath(workspace_->filePath("folder"));
        QVERIFY(shown.wait(kTimeoutMs));
        QVERIFY(window_->session()->imagePath().endsWith("img1.jpg"));
        QTest::keyClick(window_.get(), Qt::Key_D);
        QVERIFY(QTest::qWaitFor([&] { return window_->session()->imagePath().endsWith("img2.jpg"); }, kTimeoutMs));
        QTest::keyClick(window_.get(), Qt::Key_D);
        QVERIFY(QTest::qWaitFor([&] { return window_->session()->imagePath().endsWith("img10.jpg"); }, kTimeoutMs));
        QTest::keyClick(window_.get(), Qt::Key_A);
        QVERIFY(QTest::qWaitFor([&] { return window_->session()->imagePath().endsWith("img2.jpg"); }, kTimeoutMs));
    }

    void brushPaintsAClassSegmentAndUndoRemovesIt() {
        QVERIFY(openAndWait(copyOfSample("brush.jpg")) > 0);
        const int before = segmentCount();
        window_->document()->addClass("road", Qt::gray);
        window_->document()->paintStroke({QPoint(20, 20), QPoint(120, 20)}, 6, false, 0);
        QVERIFY(QTest::qWaitFor([&] { return segmentCount() == before + 1; }, kTimeoutMs));
        const Annotation &annotation = window_->document()->result()->composed.annotation;
        QCOMPARE(annotation.segmentClass.back(), 0); // the painted pixels are one segment of class "road"
        QCOMPARE(annotation.segments(20, 70), annotation.segmentCount() - 1);
        window_->action("undo")->trigger();
        QVERIFY(QTest::qWaitFor([&] { return segmentCount() == before; }, kTimeoutMs));
    }

    void strokesRedoAfterAClassRemovalIsUndone() {
        QVERIFY(openAndWait(copyOfSample("redo.jpg")) > 0);
        AnnotationDocument *document = window_->document();
        document->addClass("a", Qt::red);
        document->addClass("b", Qt::blue);
        document->removeClass(1); // snapshots the (still empty) brush layer
        document->paintStroke({QPoint(10, 10)}, 4, false, 0);
        QUndoStack *stack = document->undoStack();
        stack->undo(); // the stroke
        stack->undo(); // the removal: the layer is "never painted" again
        stack->redo();
        stack->redo(); // the stroke onto that layer
        QCOMPARE(document->state().brush(10, 10), BrushValue::forClass(0));
    }

    void cancelStopsARunningTreeBuild() {
        window_ = makeWindow(64); // a 64×64 grid: a tree takes long enough to be cancelled
        QVERIFY(openAndWait(copyOfSample("cancel.jpg")) > 0);
        QSignalSpy building(window_->session(), &SegmentationSession::treeBuilding);
        QSignalSpy ready(window_->session(), &SegmentationSession::treeReady);
        QSignalSpy busy(window_->session(), &SegmentationSession::busyChanged);
        // Any prefetch in progress finishes or gives way first; then ask for a far α.
        QVERIFY(QTest::qWaitFor([&] { return !window_->session()->busy(); }, kTimeoutMs));
        ready.clear();
        setAlpha(3.0);
        QVERIFY(building.wait(kTimeoutMs));
        auto *cancel = window_->findChild<QPushButton *>("cancel");
        QVERIFY(cancel && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !window_->session()->busy(); }, kTimeoutMs));
        const bool builtAnyway = std::any_of(ready.begin(), ready.end(), [](const QList<QVariant> &args) { return args.at(0).toDouble() == 3.0; });
        if (builtAnyway)
            QSKIP("the tree was finished before the click reached it (machine too fast to observe a cancel)");
        QVERIFY(!window_->session()->cachedTree(3.0));
    }
};

} // namespace

QTEST_MAIN(MainWindowTest)
#include "test_gui_main_window.moc"
