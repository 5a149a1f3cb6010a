// "Suggest names" in the real window (issue 16), on the tiny OpenCLIP fixture model: every
// unlabelled segment gets the class SegmentNamer gives it, shown apart from accepted classes;
// accept all / accept the selection (Enter) / reject; suggestions follow τ; the features are
// computed through the task indicator and can be cancelled; accepted names are ordinary class
// assignments (one undo step, autosaved and restored).
#include "gui_test_support.h"
#include "test_support.h"

#include "canvas/image_canvas.h"
#include "controllers/naming_controller.h"
#include "controllers/task_indicator.h"
#include "document/annotation_document.h"
#include "main_window.h"
#include "naming/segment_namer.h"
#include "panels/classes_panel.h"
#include "panels/granularity_panel.h"
#include "panels/segments_panel.h"
#include "pipeline/segmentation_session.h"

#include <QAction>
#include <QColor>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFont>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace diffcut;
using namespace diffcut::ui;

namespace {

constexpr int kTimeoutMs = 120000;
constexpr int kClipSize = 192; // the fixture's own size: quick on a CPU

std::filesystem::path fixture() { return testing::fixturesDir() / "openclip/convnext-tiny-a"; }

const std::vector<std::string> kClasses{"cat", "dog, puppy", "bus", "sky", "traffic light", "person"};

} // namespace

class TestGuiSuggest : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> workspace_;
    std::unique_ptr<MainWindow> window_;
    QString image_;

    std::unique_ptr<MainWindow> makeWindow(const QString &clipModel = QString::fromStdString(fixture().string())) {
        auto store = std::make_unique<QSettings>(workspace_->filePath("settings.ini"), QSettings::IniFormat);
        store->setValue("cache/folder", workspace_->filePath("cache"));
        store->setValue("encoder/device", "cpu");
        store->setValue("naming/clipModel", clipModel);
        store->setValue("naming/clipSize", kClipSize);
        auto window = std::make_unique<MainWindow>(std::move(store));
        window->resize(1200, 800);
        window->show();
        return window;
    }

    bool openAndWait() {
        QSignalSpy shown(window_.get(), &MainWindow::segmentationShown);
        window_->openImage(image_);
        return shown.wait(kTimeoutMs);
    }

    void addClasses() {
        for (std::size_t i = 0; i < kClasses.size(); ++i)
            QVERIFY(window_->document()->addClass(QString::fromStdString(kClasses[i]), QColor::fromHsv(int(i) * 60, 255, 255)).isEmpty());
    }

    // Suggests and waits for the suggestions of the shown result.
    QVector<NameSuggestion> suggestAndWait() {
        QSignalSpy changed(window_->naming(), &NamingController::suggestionsChanged);
        window_->action("suggestNames")->trigger();
        [&] { QVERIFY(changed.wait(kTimeoutMs)); }();
        return window_->naming()->suggestions();
    }

    const Annotation &shown() const { return window_->document()->result()->composed.annotation; }

    // Waits for the next result and, when suggesting, its suggestions.
    void waitForResult(QSignalSpy &shownSpy) {
        QVERIFY(shownSpy.count() > 0 || shownSpy.wait(kTimeoutMs));
        if (window_->naming()->isActive())
            QVERIFY(QTest::qWaitFor([&] { return !window_->naming()->suggestions().isEmpty(); }, kTimeoutMs));
    }

private Q_SLOTS:
    void initTestCase() {
        if (!DIFFCUT_HAS_DIFFUSION)
            QSKIP("built without LibTorch: no CLIP model can be loaded");
        if (!std::filesystem::exists(fixture() / "open_clip_model.safetensors"))
            QSKIP("OpenCLIP fixture not found under " DIFFCUT_FIXTURES_DIR);
    }

    void init() {
        workspace_ = std::make_unique<QTemporaryDir>();
        QVERIFY(workspace_->isValid());
        image_ = workspace_->filePath("image.jpg");
        QVERIFY(QFile::copy(QString::fromStdString(testing::sampleImage().string()), image_));
        window_ = makeWindow();
    }

    void cleanup() { window_.reset(); }

    void suggestionsAreTheNamersClassesOfUnlabelledSegments() {
        QVERIFY(!window_->action("suggestNames")->isEnabled()); // no image, no class
        QVERIFY(openAndWait());
        QVERIFY(!window_->action("suggestNames")->isEnabled()); // no class yet
        addClasses();
        QVERIFY(window_->action("suggestNames")->isEnabled());
        QVERIFY(!window_->action("acceptSuggestions")->isEnabled());

        QSignalSpy changed(window_->naming(), &NamingController::suggestionsChanged);
        window_->action("suggestNames")->trigger();
        // The slow half is long work the status bar shows, with its Cancel.
        QVERIFY(window_->tasks()->shown().has_value());
        QVERIFY(changed.wait(kTimeoutMs));
        const QVector<NameSuggestion> suggestions = window_->naming()->suggestions();
        QCOMPARE(suggestions.size(), shown().segmentCount());
        QVERIFY(!window_->tasks()->shown().has_value());
        QVERIFY(window_->action("acceptSuggestions")->isEnabled());

        // The same as SegmentNamer on the same pixels and label map.
        NamerSettings settings = window_->naming()->namerSettings();
        settings.useCache = false; // computed afresh, not read back from what the window cached
        const SegmentNamer namer(settings);
        const FeatureMap dense = namer.denseFeatures(window_->session()->image());
        const std::vector<SegmentScores> scores = namer.classify(dense, shown().segments, namer.buildClassifier(kClasses));
        QCOMPARE(int(scores.size()), shown().segmentCount());
        const ClassList &classes = window_->document()->classes();
        for (const SegmentScores &each : scores) {
            const NameSuggestion &suggestion = suggestions[each.label];
            QCOMPARE(suggestion.classId, classes.classes[std::size_t(each.classIndex)].id);
            QCOMPARE(suggestion.score, each.probabilities[std::size_t(each.classIndex)]);
        }

        // The Segments panel shows them in their own column, in italics, beside "unlabelled".
        auto *table = window_->segmentsPanel()->findChild<QTableView *>("segmentsView");
        const QAbstractItemModel *model = table->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const int segment = model->index(row, SegmentTableModel::SegmentColumn).data(Qt::UserRole).toInt();
            const QModelIndex suggested = model->index(row, SegmentTableModel::SuggestedColumn);
            const QString name = QString::fromStdString(classes.find(suggestions[segment].classId)->name);
            QVERIFY2(suggested.data().toString().startsWith(name + "?"), qPrintable(suggested.data().toString()));
            QVERIFY(suggested.data(Qt::FontRole).value<QFont>().italic());
            QCOMPARE(model->index(row, SegmentTableModel::ClassColumn).data(Qt::UserRole).toString(), QString());
        }
    }

    void acceptSelectedAcceptAllUndoAndAutosave() {
        QVERIFY(openAndWait());
        addClasses();
        const QVector<NameSuggestion> suggestions = suggestAndWait();
        QVERIFY(shown().segmentCount() >= 2);
        const LabelMap before = shown().segments.clone();

        // Enter accepts the selection's suggestion only, and only where segments are chosen.
        QVERIFY(testing::clickSegment(*window_, 1).x() >= 0);
        QCOMPARE(window_->selectedSegments(), QList<int>{1});
        auto *tau = window_->granularityPanel()->findChild<QDoubleSpinBox *>("tauSpinBox");
        const int steps = window_->document()->undoStack()->count();
        tau->setFocus();
        QTest::keyClick(tau, Qt::Key_Return);
        QCOMPARE(window_->document()->undoStack()->count(), steps);
        window_->canvas()->setFocus();
        QSignalSpy shownSpy(window_.get(), &MainWindow::segmentationShown);
        QTest::keyClick(window_->canvas()->viewport(), Qt::Key_Return);
        waitForResult(shownSpy);
        QCOMPARE(cv::countNonZero(shown().segments != before), 0);
        // By name: the restored window below has its own class ids.
        const ClassList classes = window_->document()->classes();
        const auto suggestedName = [&](int segment) { return classes.find(suggestions[segment].classId)->name; };
        const auto classOf = [&](int segment) -> std::string {
            const int index = shown().segmentClass[std::size_t(segment)];
            return index == Annotation::kUnlabelled ? "" : shown().classes[std::size_t(index)].name;
        };
        QCOMPARE(classOf(1), suggestedName(1));
        for (int segment = 0; segment < shown().segmentCount(); ++segment)
            if (segment != 1)
                QCOMPARE(classOf(segment), std::string());
        // An accepted segment no longer has a suggestion; the others keep theirs (once the new
        // result is classified: until then it has none).
        QVERIFY(QTest::qWaitFor([&] { return window_->naming()->suggestions().size() == shown().segmentCount(); }, kTimeoutMs));
        QCOMPARE(window_->naming()->suggestions()[1].classId, -1);
        QCOMPARE(window_->naming()->suggestions()[0].classId, suggestions[0].classId);

        // Accept all: one undo step for every segment.
        const int undoSteps = window_->document()->undoStack()->count();
        window_->action("acceptSuggestions")->trigger();
        // One assignment per suggested class, each a request of its own: the first result shown may
        // carry only the first class, so wait for the one with all of them.
        const auto allAccepted = [&] {
            for (int segment = 0; segment < shown().segmentCount(); ++segment)
                if (classOf(segment) != suggestedName(segment))
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allAccepted(), kTimeoutMs);
        QCOMPARE(window_->document()->undoStack()->count(), undoSteps + 1);

        window_->action("undo")->trigger(); // back to the one accepted by Enter
        const auto onlySegmentOneAccepted = [&] {
            for (int segment = 0; segment < shown().segmentCount(); ++segment)
                if (classOf(segment) != (segment == 1 ? suggestedName(1) : std::string()))
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(onlySegmentOneAccepted(), kTimeoutMs);
        window_->action("redo")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(allAccepted(), kTimeoutMs);

        // Autosaved: a new window on the same image restores every accepted class.
        QSignalSpy saved(window_->document(), &AnnotationDocument::saved);
        QVERIFY(saved.wait(kTimeoutMs));
        window_.reset();
        window_ = makeWindow();
        QVERIFY(openAndWait());
        QCOMPARE(cv::countNonZero(shown().segments != before), 0);
        for (int segment = 0; segment < shown().segmentCount(); ++segment)
            QCOMPARE(classOf(segment), suggestedName(segment));
    }

    void rejectClearsAndCancelStops() {
        QVERIFY(openAndWait());
        addClasses();
        QVERIFY(!suggestAndWait().isEmpty());
        auto *view = window_->segmentsPanel()->findChild<QTableView *>("segmentsView");
        QVERIFY(!view->isColumnHidden(SegmentTableModel::SuggestedColumn));
        window_->action("rejectSuggestions")->trigger();
        QVERIFY(window_->naming()->suggestions().isEmpty());
        QVERIFY(view->isColumnHidden(SegmentTableModel::SuggestedColumn)); // its width back to the areas
        QVERIFY(!window_->action("acceptSuggestions")->isEnabled());
        QVERIFY(view->model()->index(0, SegmentTableModel::SuggestedColumn).data().toString().isEmpty());
        QVERIFY(window_->document()->undoStack()->index() == window_->document()->undoStack()->count());
        QCOMPARE(shown().segmentClass[0], Annotation::kUnlabelled);

        // Cancel in the status bar: no suggestions arrive, nothing stays running.
        QSignalSpy changed(window_->naming(), &NamingController::suggestionsChanged);
        window_->action("suggestNames")->trigger();
        window_->tasks()->cancelShown();
        QTest::qWait(1000);
        QVERIFY(!window_->naming()->isActive());
        QVERIFY(window_->naming()->suggestions().isEmpty());
        QVERIFY(!window_->tasks()->shown().has_value());
    }

    // A folder that is not an OpenCLIP model: one message naming it, nothing left running.
    void aFolderThatIsNoModelIsReported() {
        window_ = makeWindow(workspace_->path());
        QVERIFY(openAndWait());
        addClasses();
        QSignalSpy failed(window_->naming(), &NamingController::failed);
        window_->action("suggestNames")->trigger();
        QVERIFY(failed.wait(kTimeoutMs));
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(workspace_->path()) && !message.contains('\n'), qPrintable(message));
        QVERIFY(!window_->naming()->isActive());
        QVERIFY(window_->naming()->suggestions().isEmpty());
        QVERIFY(!window_->tasks()->shown().has_value());
        QVERIFY(window_->action("suggestNames")->isEnabled()); // the user may fix the setting and retry
    }

    void suggestionsFollowTau() {
        QVERIFY(openAndWait());
        addClasses();
        const int before = int(suggestAndWait().size());
        QSignalSpy shownSpy(window_.get(), &MainWindow::segmentationShown);
        auto *tau = window_->granularityPanel()->findChild<QDoubleSpinBox *>("tauSpinBox");
        tau->setValue(tau->value() + 0.3);
        waitForResult(shownSpy);
        QVERIFY(QTest::qWaitFor([&] { return window_->naming()->suggestions().size() == shown().segmentCount(); }, kTimeoutMs));
        QVERIFY(shown().segmentCount() != before);
        for (const NameSuggestion &each : window_->naming()->suggestions())
            QVERIFY(each.classId >= 0);
    }
};

QTEST_MAIN(TestGuiSuggest)
#include "test_gui_suggest.moc"
