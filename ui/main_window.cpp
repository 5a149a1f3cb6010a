#include "main_window.h"

#include "canvas/image_canvas.h"
#include "canvas/navigator.h"
#include "controllers/annotation_controller.h"
#include "controllers/export_controller.h"
#include "controllers/naming_controller.h"
#include "controllers/task_indicator.h"
#include "dialogs/export_dialog.h"
#include "document/annotation_document.h"
#include "jobs/export_job.h"
#include "panels/classes_panel.h"
#include "panels/files_panel.h"
#include "panels/granularity_panel.h"
#include "panels/hierarchy_panel.h"
#include "panels/segments_panel.h"
#include "pipeline/prefetcher.h"
#include "pipeline/segmentation_session.h"
#include "settings/settings_dialog.h"
#include "util/background_release.h"
#include "util/mnemonic.h"
#include "util/thread_priority.h"

#include "annotation/sidecar.h"
#include "export/atomic_file.h"
#include "pipeline/image_workspace.h"
#include "features/encoder_factory.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSlider>
#include <QStatusBar>
#include <QThreadPool>
#include <QToolBar>

#include <algorithm>
#include <cmath>
#include <utility>

namespace diffcut::ui {

namespace {

constexpr int kMaxAssignKeys = 9;

QString imageFilter() {
    return MainWindow::tr("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)");
}

// "label" for files whose names are unique in `paths`, "parent/label" for the others.
QString recentLabel(const QString &path, const QStringList &paths) {
    const QFileInfo info(path);
    const bool clash = std::count_if(paths.begin(), paths.end(), [&](const QString &other) {
                           return QFileInfo(other).fileName() == info.fileName();
                       }) > 1;
    return clash ? info.dir().dirName() + QLatin1Char('/') + info.fileName() : info.fileName();
}

Prefetcher::Settings prefetchSettings(const AppSettings &settings) {
    Prefetcher::Settings prefetch;
    prefetch.bounds.maxImages = settings.prefetchImages;
    prefetch.bounds.maxBytes = std::uint64_t(settings.prefetchMb) << 20;
    prefetch.cacheLimitBytes = std::uint64_t(settings.cacheLimitGb) << 30;
    prefetch.defaults.tau = settings.tau;
    prefetch.defaults.alpha = settings.alpha;
    prefetch.defaults.refine = settings.refine;
    prefetch.encoder = settings.encoderSettings();
    return prefetch;
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<QSettings> settingsStore, QWidget *parent)
    : QMainWindow(parent),
      settingsStore_(settingsStore ? std::move(settingsStore) : std::make_unique<QSettings>()) {
    settings_ = AppSettings::load(*settingsStore_);
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    session_ = new SegmentationSession(this);
    if (const QScreen *screen = QApplication::primaryScreen()) {
        const QSize pixels = screen->size() * screen->devicePixelRatio();
        session_->setScreenSize({pixels.width(), pixels.height()});
    }
    prefetcher_ = new Prefetcher(session_, this);
    session_->setPreparedImages(prefetcher_->prepared());
    document_ = new AnnotationDocument(this);
    tasks_ = new TaskIndicator(this);
    annotations_ = new AnnotationController(session_, document_, tasks_, [this] {
        AnnotationController::Defaults defaults;
        defaults.granularity.tau = settings_.tau;
        defaults.granularity.alpha = settings_.alpha;
        defaults.granularity.refine = settings_.refine;
        defaults.cacheRoot = settings_.cacheRoot();
        defaults.classes = settings_.defaultClasses;
        return defaults;
    }, this);
    exports_ = new ExportController(tasks_, this);
    naming_ = new NamingController(document_, tasks_, this);
    canvas_ = new ImageCanvas(this);
    setCentralWidget(canvas_);
    canvas_->clear();

    createActions();
    createDocks();
    createMenusAndToolBar();
    createStatusBar();
    connectPipeline();
    connectPrefetch();
    connectNaming();
    applySettings();
    restoreWindowState();
    updateWindowTitle();
}

MainWindow::~MainWindow() {
    delete prefetcher_; // first: its job may hold the encoder the session's worker waits for
    delete exports_; // stops an export and waits for it
    delete naming_;  // the same for naming segments
    // Save before the widgets go, with nothing left to report to them.
    document_->disconnect(this);
    document_->close();
}

QAction *MainWindow::action(const QString &objectName) const {
    for (QAction *candidate : actions_)
        if (candidate->objectName() == objectName)
            return candidate;
    return nullptr;
}

void MainWindow::createActions() {
    const auto add = [this](const QString &name, const QString &text, const QList<QKeySequence> &keys,
                            const QString &icon, auto slot) {
        auto *newAction = new QAction(QIcon::fromTheme(icon), text, this);
        newAction->setObjectName(name);
        newAction->setShortcuts(keys);
        newAction->setShortcutContext(Qt::WindowShortcut);
        defaultShortcuts_.insert(name, keys);
        connect(newAction, &QAction::triggered, this, slot);
        actions_ << newAction;
        addAction(newAction); // shortcuts work even when the action is in no visible menu
        return newAction;
    };
    add("open", tr("&Open Image…"), {QKeySequence::Open}, "document-open", [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Image"), filesPanel_->folder(), imageFilter());
        if (!path.isEmpty())
            openImage(path);
    });
    add("openFolder", tr("Open &Folder…"), {QKeySequence(Qt::CTRL | Qt::Key_U)}, "folder-open", [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder"), filesPanel_->folder());
        if (!folder.isEmpty())
            openFolder(folder);
    });
    add("save", tr("&Save Annotation"), {QKeySequence::Save}, "document-save", [this] {
        if (document_->saveNow())
            statusText_->setText(tr("Saved."));
    });
    add("export", tr("&Export…"), {QKeySequence(Qt::CTRL | Qt::Key_E)}, "document-export", [this] { showExportDialog(); });
    add("nextImage", tr("&Next Image"), {QKeySequence(Qt::Key_D)}, "go-next", [this] { stepImage(true); });
    add("previousImage", tr("&Previous Image"), {QKeySequence(Qt::Key_A)}, "go-previous", [this] { stepImage(false); });
    QAction *done = add("markDone", tr("Mark Image as &Done"), {QKeySequence(Qt::CTRL | Qt::Key_D)}, "task-complete",
                        [this](bool checked) { document_->setDone(checked); });
    done->setCheckable(true);
    add("settings", tr("&Settings…"), {QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)},
        "preferences-system", [this] { showSettingsDialog(); });
    add("quit", tr("&Quit"), {QKeySequence::Quit}, "application-exit", [this] { close(); });

    QAction *undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName("undo");
    undo->setIcon(QIcon::fromTheme("edit-undo"));
    QAction *redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName("redo");
    redo->setIcon(QIcon::fromTheme("edit-redo"));
    for (QAction *stackAction : {undo, redo}) {
        actions_ << stackAction;
        addAction(stackAction);
    }
    undo->setShortcuts({QKeySequence::Undo});
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    defaultShortcuts_.insert("undo", undo->shortcuts());
    defaultShortcuts_.insert("redo", redo->shortcuts());

    add("split", tr("S&plit Segment"), {QKeySequence(Qt::Key_S)}, "view-split-left-right",
        [this] { report(document_->splitSegments(selection_)); });
    add("coarsen", tr("&Coarsen Segment"), {QKeySequence(Qt::Key_C)}, "view-restore",
        [this] { report(document_->coarsenSegments(selection_)); });
    add("merge", tr("&Merge Segments"), {QKeySequence(Qt::Key_M)}, "merge", [this] { report(document_->mergeSegments(selection_)); });
    add("clearClass", tr("Remove C&lass"), {QKeySequence(Qt::Key_0), QKeySequence(Qt::Key_Delete)}, "edit-clear",
        [this] { assignToSelection(Annotation::kUnlabelled); });
    for (int key = 1; key <= kMaxAssignKeys; ++key)
        add(QStringLiteral("assignClass%1").arg(key), tr("Assign Class %1").arg(key), {QKeySequence(Qt::Key_0 + key)}, {},
            [this, key] { assignKey(key); });
    add("suggestNames", tr("Suggest &Names"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)}, "tools-wizard", [this] {
        if (!naming_->suggest())
            report(tr("Set a CLIP model in Settings, add a class and open an image to get suggested names."));
    });
    add("acceptSuggestions", tr("Accept All Suggestions"), {QKeySequence(Qt::CTRL | Qt::Key_Return)}, "dialog-ok-apply",
        [this] { report(naming_->acceptAll()); });
    add("acceptSelectedSuggestions", tr("Accept Suggestions of the Selection"),
        {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, "dialog-ok", [this] { report(naming_->acceptSegments(selection_)); });
    add("rejectSuggestions", tr("Reject Suggestions"), {}, "dialog-cancel", [this] { naming_->reject(); });
    add("selectAll", tr("Select &All Segments"), {QKeySequence::SelectAll}, "edit-select-all", [this] {
        QList<int> all;
        if (const auto &result = document_->result())
            for (int segment = 0; segment < result->composed.annotation.segmentCount(); ++segment)
                all << segment;
        setSelection(all);
    });
    add("deselect", tr("Clear Selection"), {QKeySequence(Qt::Key_Escape)}, {}, [this] { setSelection({}); });

    auto *tools = new QActionGroup(this);
    const auto addTool = [&](const QString &name, const QString &text, Qt::Key key, const QString &icon, ImageCanvas::Tool tool) {
        QAction *toolAction = add(name, text, {QKeySequence(key)}, icon, [this, tool] { canvas_->setTool(tool); });
        toolAction->setCheckable(true);
        tools->addAction(toolAction);
        return toolAction;
    };
    addTool("selectTool", tr("Se&lect Tool"), Qt::Key_V, "edit-select", ImageCanvas::Tool::Select)->setChecked(true);
    addTool("brushTool", tr("&Brush"), Qt::Key_B, "draw-brush", ImageCanvas::Tool::Brush);
    addTool("eraserTool", tr("&Eraser"), Qt::Key_E, "draw-eraser", ImageCanvas::Tool::Eraser);
    add("brushSmaller", tr("Smaller Brush"), {QKeySequence(Qt::Key_BracketLeft)}, {},
        [this] { canvas_->setBrushRadius(std::max(1, canvas_->brushRadius() * 4 / 5)); });
    add("brushBigger", tr("Bigger Brush"), {QKeySequence(Qt::Key_BracketRight)}, {},
        [this] { canvas_->setBrushRadius(canvas_->brushRadius() * 5 / 4 + 1); });

    add("fit", tr("&Fit to Window"), {QKeySequence(Qt::CTRL | Qt::Key_F)}, "zoom-fit-best", [this] { canvas_->fitToWindow(); });
    add("actualSize", tr("&Actual Size (100 %)"), {QKeySequence(Qt::CTRL | Qt::Key_0)}, "zoom-original",
        [this] { canvas_->zoomToActualSize(); });
    add("zoomIn", tr("Zoom &In"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)}, "zoom-in",
        [this] { canvas_->zoomIn(); });
    add("zoomOut", tr("Zoom &Out"), {QKeySequence::ZoomOut}, "zoom-out", [this] { canvas_->zoomOut(); });
    QAction *outlines = add("outlines", tr("Segment &Outlines"), {QKeySequence(Qt::Key_O)}, {}, [this](bool checked) {
        canvas_->setOutlinesVisible(checked);
        settings_.showOutlines = checked;
    });
    outlines->setCheckable(true);
    QAction *unlabelled = add("showUnlabelled", tr("&Unlabelled Segments"), {QKeySequence(Qt::Key_U)}, {}, [this](bool checked) {
        viewOptions_.showUnlabelled = checked;
        presentResult();
    });
    unlabelled->setCheckable(true);
    unlabelled->setChecked(true);
    unlabelled->setToolTip(tr("Show the segments that have no class yet (in neutral greys)"));

    add("about", tr("&About DiffCut Studio"), {}, "help-about", [this] { showAbout(); });
    add("aboutQt", tr("About &Qt"), {}, {}, [] { QApplication::aboutQt(); });
}

void MainWindow::createDocks() {
    const auto dock = [this](const QString &name, const QString &title, QWidget *widget, Qt::DockWidgetArea area) {
        auto *dockWidget = new QDockWidget(title, this);
        dockWidget->setObjectName(name);
        dockWidget->setWidget(widget);
        addDockWidget(area, dockWidget);
        return dockWidget;
    };
    granularityPanel_ = new GranularityPanel;
    segmentsPanel_ = new SegmentsPanel;
    hierarchyPanel_ = new HierarchyPanel;
    classesPanel_ = new ClassesPanel;
    filesPanel_ = new FilesPanel;
    navigator_ = new Navigator;
    dock("granularityDock", tr("Granularity"), granularityPanel_, Qt::RightDockWidgetArea);
    QDockWidget *classes = dock("classesDock", tr("Classes"), classesPanel_, Qt::RightDockWidgetArea);
    QDockWidget *segments = dock("segmentsDock", tr("Segments"), segmentsPanel_, Qt::RightDockWidgetArea);
    QDockWidget *hierarchy = dock("hierarchyDock", tr("Hierarchy"), hierarchyPanel_, Qt::RightDockWidgetArea);
    tabifyDockWidget(segments, hierarchy);
    segments->raise();
    dock("filesDock", tr("Files"), filesPanel_, Qt::LeftDockWidgetArea);
    dock("navigatorDock", tr("Navigator"), navigator_, Qt::LeftDockWidgetArea);
    Q_UNUSED(classes);

    assignMenu_ = new QMenu(tr("Assign Class"), this);
    segmentsPanel_->setContextActions(
        {action("split"), action("coarsen"), action("merge"), assignMenu_->menuAction(), action("clearClass"),
         action("acceptSelectedSuggestions")});
    classesPanel_->setSuggestionActions({action("suggestNames"), action("acceptSuggestions"),
                                         action("acceptSelectedSuggestions"), action("rejectSuggestions")});
    filesPanel_->setProgressFunction([this](const QString &image) {
        return annotationProgress(image.toStdString(), settings_.cacheRoot());
    });
}

void MainWindow::createMenusAndToolBar() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({action("open"), action("openFolder")});
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addActions({action("save"), action("export"), action("markDone")});
    file->addSeparator();
    file->addActions({action("nextImage"), action("previousImage")});
    file->addSeparator();
    file->addActions({action("settings"), action("quit")});

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({action("undo"), action("redo")});
    edit->addSeparator();
    edit->addActions({action("split"), action("coarsen"), action("merge")});
    edit->addSeparator();
    QMenu *assign = edit->addMenu(tr("Assign &Class"));
    for (int key = 1; key <= kMaxAssignKeys; ++key)
        assign->addAction(action(QStringLiteral("assignClass%1").arg(key)));
    edit->addAction(action("clearClass"));
    edit->addSeparator();
    edit->addActions({action("suggestNames"), action("acceptSuggestions"), action("acceptSelectedSuggestions"),
                      action("rejectSuggestions")});
    edit->addSeparator();
    edit->addActions({action("selectAll"), action("deselect")});
    edit->addSeparator();
    edit->addActions({action("selectTool"), action("brushTool"), action("eraserTool"), action("brushSmaller"),
                      action("brushBigger")});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({action("fit"), action("actualSize"), action("zoomIn"), action("zoomOut")});
    view->addSeparator();
    view->addActions({action("outlines"), action("showUnlabelled")});
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    for (QDockWidget *dockWidget : findChildren<QDockWidget *>())
        panels->addAction(dockWidget->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addActions({action("about"), action("aboutQt")});

    // Toolbar buttons: short words, never a mnemonic (which the CJK convention would leave visible).
    for (QAction *each : actions_)
        each->setIconText(withoutMnemonic(each->text()).remove(QStringLiteral("…")));
    const std::pair<const char *, QString> shortTexts[] = {
        {"open", tr("Open")},       {"openFolder", tr("Folder")}, {"previousImage", tr("Previous")},
        {"nextImage", tr("Next")},  {"save", tr("Save")},         {"export", tr("Export")},
        {"undo", tr("Undo")},       {"redo", tr("Redo")},         {"selectTool", tr("Select")},
        {"brushTool", tr("Brush")}, {"eraserTool", tr("Eraser")}, {"split", tr("Split")},
        {"coarsen", tr("Coarsen")}, {"merge", tr("Merge")},       {"fit", tr("Fit")},
        {"actualSize", tr("100 %")}, {"outlines", tr("Outlines")},
        // The Classes panel's suggestion buttons.
        {"acceptSuggestions", tr("Accept All")}, {"acceptSelectedSuggestions", tr("Accept Selected")},
        {"rejectSuggestions", tr("Reject")}};
    for (const auto &[name, text] : shortTexts)
        action(QString::fromLatin1(name))->setIconText(text);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName("mainToolBar");
    toolBar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    toolBar->addActions({action("open"), action("openFolder"), action("previousImage"), action("nextImage"), action("save"),
                         action("export")});
    toolBar->addSeparator();
    toolBar->addActions({action("undo"), action("redo")});
    toolBar->addSeparator();
    toolBar->addActions({action("selectTool"), action("brushTool"), action("eraserTool")});
    toolBar->addSeparator();
    toolBar->addActions({action("split"), action("coarsen"), action("merge")});
    toolBar->addSeparator();
    toolBar->addActions({action("fit"), action("actualSize"), action("outlines")});
    auto *opacityLabel = new QLabel(tr("Overlay"));
    opacityLabel->setContentsMargins(8, 0, 4, 0);
    toolBar->addWidget(opacityLabel);
    opacitySlider_ = new QSlider(Qt::Horizontal);
    opacitySlider_->setObjectName("overlayOpacity");
    opacitySlider_->setRange(0, 100);
    opacitySlider_->setMaximumWidth(120);
    opacitySlider_->setToolTip(tr("Opacity of the segmentation overlay"));
    toolBar->addWidget(opacitySlider_);
    connect(opacitySlider_, &QSlider::valueChanged, this, [this](int value) {
        settings_.overlayOpacity = value / 100.0;
        canvas_->setOverlayOpacity(settings_.overlayOpacity);
    });
}

void MainWindow::createStatusBar() {
    statusText_ = new QLabel(tr("Ready"));
    hoverText_ = new QLabel;
    hoverText_->setObjectName("hoverText");
    timingsText_ = new QLabel;
    timingsText_->setObjectName("timings");
    zoomText_ = new QLabel;
    progressBar_ = new QProgressBar;
    progressBar_->setRange(0, 1000);
    progressBar_->setMaximumWidth(200);
    progressBar_->setTextVisible(false);
    cancelButton_ = new QPushButton(tr("Cancel"));
    cancelButton_->setObjectName("cancel");
    progressBar_->hide();
    cancelButton_->hide();
    statusBar()->addWidget(statusText_, 1);
    statusBar()->addWidget(hoverText_, 1);
    backgroundText_ = new QLabel;
    backgroundText_->setObjectName("backgroundText");
    statusBar()->addPermanentWidget(backgroundText_);
    statusBar()->addPermanentWidget(timingsText_);
    statusBar()->addPermanentWidget(zoomText_);
    statusBar()->addPermanentWidget(progressBar_);
    statusBar()->addPermanentWidget(cancelButton_);
    connect(cancelButton_, &QPushButton::clicked, tasks_, &TaskIndicator::cancelShown);
    connect(tasks_, &TaskIndicator::changed, this, &MainWindow::showTasks);
}

void MainWindow::connectPrefetch() {
    filesPanel_->setFeatureMarkFunction([this](const QString &image) { return prefetcher_->mark(image); });
    connect(prefetcher_, &Prefetcher::markChanged, filesPanel_, [this](const QString &image) { filesPanel_->refreshFeatureMarks(image); });
    connect(prefetcher_, &Prefetcher::marksReset, filesPanel_, [this] { filesPanel_->refreshFeatureMarks(); });
    connect(prefetcher_, &Prefetcher::statusChanged, backgroundText_, &QLabel::setText);
    connect(exports_, &ExportController::finished, prefetcher_, [this] { prefetcher_->setExportRunning(false); });
}

void MainWindow::showTasks() {
    const std::optional<TaskIndicator::Shown> shown = tasks_->shown();
    progressBar_->setVisible(bool(shown));
    cancelButton_->setVisible(shown && shown->cancellable);
    if (!shown)
        return;
    progressBar_->setRange(0, shown->maximum);
    progressBar_->setValue(shown->value);
    progressBar_->setFormat(shown->format);
    progressBar_->setTextVisible(!shown->format.isEmpty());
    progressBar_->setToolTip(shown->detail);
    statusText_->setText(shown->text);
}

void MainWindow::connectPipeline() {
    // Session → view.
    connect(annotations_, &AnnotationController::imageOpened, this,
            [this](const QString &path, const QImage &image, const QStringList &messages) {
        canvas_->setImage(image);
        navigator_->setImage(image);
        filesPanel_->setFailure(path, {});
        if (!messages.isEmpty())
            statusBar()->showMessage(messages.join(QStringLiteral(" ")), 15000);
        action("markDone")->setChecked(document_->state().done);
        updateWindowTitle();
    });
    connect(session_, &SegmentationSession::featuresReady, this, [this](const QString &encoder, const QString &timings) {
        statusText_->setText(encoder);
        timingsText_->setText(timings);
        // Only images that opened are worth offering again.
        settings_.addRecentFile(session_->imagePath());
        updateRecentMenu();
    });
    connect(session_, &SegmentationSession::busyChanged, this, [this](bool busy) {
        if (busy)
            return;
        granularityPanel_->setStatus({}); // a build that was cancelled or failed says nothing more
        if (!session_->hasFeatures() && !session_->image().empty())
            statusText_->setText(tr("Stopped before the features were ready; open the image again to compute them."));
    });
    connect(session_, &SegmentationSession::treeBuilding, this, [this](double alpha) {
        granularityPanel_->setStatus(tr("building hierarchy for α = %1…").arg(QLocale().toString(alpha)));
    });
    connect(session_, &SegmentationSession::treeReady, this, [this](double, double) { granularityPanel_->setStatus({}); });
    connect(annotations_, &AnnotationController::resultReady, this, &MainWindow::showResult);
    connect(exports_, &ExportController::finished, this, [this](bool ok, const QString &summary) {
        if (ok) {
            statusText_->setText(summary.section(QLatin1Char('\n'), 0, 0));
            statusText_->setToolTip(summary);
        } else {
            showError(tr("Export"), summary);
        }
        emit exportFinished(ok, summary);
    });
    connect(annotations_, &AnnotationController::tauChosen, this, [this](double tau, int count) {
        statusBar()->showMessage(tr("τ = %1 gives the count nearest to %n segment(s).", "", count)
                                     .arg(QLocale().toString(tau, 'f', 3)),
                                 5000);
    });
    connect(session_, &SegmentationSession::failed, this, [this](const QString &message) {
        if (session_->image().empty()) { // the image itself could not be read: say so, mark it, go on
            canvas_->clear();
            navigator_->setImage({});
            granularityPanel_->setSegmentCount(-1);
            filesPanel_->setFailure(session_->imagePath(), message);
            settings_.removeRecentFile(session_->imagePath());
            updateRecentMenu();
            statusText_->setText(tr("Cannot open %1: %2").arg(QFileInfo(session_->imagePath()).fileName(), message));
            statusText_->setToolTip(message);
            return;
        }
        showError(tr("Segmentation failed"), message);
    });
    connect(session_, &SegmentationSession::warning, this, [this](const QString &message) { showError(tr("Model not used"), message); });
    connect(session_, &SegmentationSession::noted, this, [this](const QString &note) { statusBar()->showMessage(note, 10000); });

    // Document → pipeline and panels.
    connect(document_, &AnnotationDocument::changed, this, [this] {
        const AnnotationState &state = document_->state();
        granularityPanel_->setValues(state.tau, state.alpha, state.refine);
        action("markDone")->setChecked(state.done);
    });
    connect(document_, &AnnotationDocument::selectPaths, this,
            [this](const std::vector<NodePath> &paths) { pendingSelection_ = paths; });
    connect(document_, &AnnotationDocument::classesChanged, this, [this] {
        const ClassList &classes = document_->classes();
        classesPanel_->setClasses(classes);
        classesPanel_->setSuggestedColour([&] {
            const cv::Vec3b rgb = defaultClassColour(int(classes.classes.size()));
            return QColor(rgb[0], rgb[1], rgb[2]);
        }());
        hierarchyPanel_->setClasses(classes);
        updateAssignActions();
        settings_.defaultClasses = classes.labelClasses(); // what a new folder starts with
        presentResult(); // names and colours of the shown segments follow
    });
    connect(document_, &AnnotationDocument::saved, this, [this](const QString &path, bool) { filesPanel_->refreshMark(path); });
    connect(document_, &AnnotationDocument::saveFailed, this,
            [this](const QString &message) { showError(tr("The annotation could not be saved"), message); });
    connect(document_->undoStack(), &QUndoStack::cleanChanged, this, [this] { updateWindowTitle(); });

    // Panels → document.
    connect(granularityPanel_, &GranularityPanel::tauChanged, this, [this](double tau) {
        const AnnotationState &state = document_->state();
        document_->setGranularity(tau, state.alpha, state.refine);
    });
    connect(granularityPanel_, &GranularityPanel::alphaChanged, this, [this](double alpha) {
        const AnnotationState &state = document_->state();
        document_->setGranularity(state.tau, alpha, state.refine);
    });
    connect(granularityPanel_, &GranularityPanel::refineChanged, this, [this](bool refine) {
        const AnnotationState &state = document_->state();
        document_->setGranularity(state.tau, state.alpha, refine);
    });
    connect(granularityPanel_, &GranularityPanel::segmentCountRequested, this, [this](int count) {
        if (!document_->isOpen() || !session_->hasFeatures())
            return report(tr("Open an image first."));
        annotations_->requestSegmentCount(count);
    });
    connectClassesPanel();
    connect(segmentsPanel_, &SegmentsPanel::selectionChanged, this, &MainWindow::setSelection);
    connect(hierarchyPanel_, &HierarchyPanel::nodeSelected, this, &MainWindow::showHierarchyNode);
    connect(hierarchyPanel_, &HierarchyPanel::makeSegmentRequested, this,
            [this](const QString &path) { report(document_->makeSegment(path.toStdString())); });
    connect(hierarchyPanel_, &HierarchyPanel::splitRequested, this,
            [this](const QString &path) { report(document_->splitNode(path.toStdString())); });
    connect(hierarchyPanel_, &HierarchyPanel::coarsenRequested, this,
            [this](const QString &path) { report(document_->coarsenNode(path.toStdString())); });
    connect(hierarchyPanel_, &HierarchyPanel::assignClassRequested, this,
            [this](const QString &path, ClassId id) { report(document_->assignClassToNode(path.toStdString(), id)); });
    connect(filesPanel_, &FilesPanel::imageActivated, this, &MainWindow::openImage);
    connect(filesPanel_, &FilesPanel::folderListed, this, [this](int count) {
        statusText_->setText(tr("%n image(s) in the folder", "", count));
        const QString first = pendingFolderImage_.isEmpty() && !filesPanel_->images().isEmpty() ? filesPanel_->images().front()
                                                                                                : pendingFolderImage_;
        pendingFolderImage_.clear();
        prefetcher_->setFolder(filesPanel_->folder(), filesPanel_->images());
        if (!first.isEmpty())
            openImage(first);
    });
    connect(filesPanel_, &FilesPanel::listingFailed, this, [this](const QString &message) { showError(tr("Cannot open the folder"), message); });

    // Canvas → selection, edits, status.
    connect(canvas_, &ImageCanvas::segmentClicked, this, [this](int segment, Qt::KeyboardModifiers modifiers) {
        QList<int> selection = modifiers & (Qt::ShiftModifier | Qt::ControlModifier) ? selection_ : QList<int>{};
        if (segment >= 0) {
            if (selection.contains(segment))
                selection.removeAll(segment);
            else
                selection << segment;
        }
        setSelection(selection);
    });
    connect(canvas_, &ImageCanvas::hoveredSegmentChanged, this, &MainWindow::showHover);
    connect(canvas_, &ImageCanvas::strokeFinished, this, [this](const QVector<QPoint> &points, int radius, bool eraser) {
        const ClassId classId = classesPanel_->currentClass();
        if (!eraser && classId < 0) {
            report(tr("Choose the class to paint with in the Classes panel."));
            return;
        }
        document_->paintStroke(points, radius, eraser, classId);
    });
    connect(canvas_, &ImageCanvas::zoomChanged, this, [this](double zoom) { zoomText_->setText(QStringLiteral("%1 %").arg(qRound(zoom * 100))); });
    connect(canvas_, &ImageCanvas::visibleAreaChanged, navigator_, &Navigator::setVisibleArea);
    connect(navigator_, &Navigator::centreRequested, canvas_, &ImageCanvas::centreOn);
    connect(canvas_, &ImageCanvas::filesDropped, this, [this](const QStringList &paths) {
        if (!paths.isEmpty())
            openPath(paths.front());
    });
}

void MainWindow::connectClassesPanel() {
    const auto refuseIf = [this](const QString &problem) {
        if (!problem.isEmpty())
            classesPanel_->showRefusal(problem);
    };
    connect(classesPanel_, &ClassesPanel::addRequested, this,
            [this, refuseIf](const QString &name, const QColor &colour) { refuseIf(document_->addClass(name, colour)); });
    connect(classesPanel_, &ClassesPanel::renameRequested, this,
            [this, refuseIf](ClassId id, const QString &name) { refuseIf(document_->renameClass(id, name)); });
    connect(classesPanel_, &ClassesPanel::recolourRequested, this,
            [this, refuseIf](ClassId id, const QColor &colour) { refuseIf(document_->recolourClass(id, colour)); });
    connect(classesPanel_, &ClassesPanel::moveRequested, this,
            [this, refuseIf](ClassId id, int index) { refuseIf(document_->moveClass(id, index)); });
    connect(classesPanel_, &ClassesPanel::removeRequested, this, &MainWindow::removeClass);
    connect(classesPanel_, &ClassesPanel::importRequested, this, &MainWindow::importLabels);
    connect(classesPanel_, &ClassesPanel::exportRequested, this, &MainWindow::exportLabels);
    connect(classesPanel_, &ClassesPanel::assignRequested, this, &MainWindow::assignToSelection);
    connect(classesPanel_, &ClassesPanel::visibilityChanged, this, [this](const QSet<ClassId> &hidden) {
        viewOptions_.hiddenClasses = hidden;
        presentResult();
    });
}

void MainWindow::removeClass(ClassId id) {
    const ProjectClass *labelClass = document_->classes().find(id);
    if (!labelClass)
        return;
    const QString name = QString::fromStdString(labelClass->name);
    // How many images use it: the open one from memory, the others from their saved annotations
    // (read in a worker: a folder can have thousands).
    QStringList others = filesPanel_->images();
    others.removeAll(document_->imagePath());
    statusText_->setText(tr("Counting the images that use “%1”…").arg(name));
    auto *watcher = new QFutureWatcher<int>(this);
    connect(watcher, &QFutureWatcher<int>::finished, this, [this, watcher, id, name] {
        watcher->deleteLater();
        const int count = watcher->result() + (usesClass(document_->state(), id) ? 1 : 0);
        statusText_->clear();
        if (count > 0 && !classesPanel_->confirmRemoval(name, count))
            return;
        report(document_->removeClass(id));
    });
    watcher->setFuture(QtConcurrent::run([others, classes = document_->classes(), cache = settings_.cacheRoot(), id] {
        int count = 0;
        for (const QString &image : others)
            if (const auto sidecar = findSidecar(image.toStdString(), cache); !sidecar.empty())
                count += sidecarUsesClass(sidecar, classes, id) ? 1 : 0;
        return count;
    }));
}

void MainWindow::importLabels() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import labelme Labels"), filesPanel_->folder(),
                                                      tr("Label files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return showError(tr("Import labelme Labels"), tr("%1 cannot be read: %2").arg(path, file.errorString()));
    const QStringList added = document_->importLabels(QString::fromUtf8(file.read(16 << 20)));
    statusBar()->showMessage(added.isEmpty() ? tr("No new classes in %1.").arg(QFileInfo(path).fileName())
                                             : tr("Added %n class(es): %1", "", int(added.size())).arg(added.join(QStringLiteral(", "))),
                             8000);
}

void MainWindow::exportLabels() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export labelme Labels"),
                                                      QDir(filesPanel_->folder()).filePath(QStringLiteral("labels.txt")),
                                                      tr("Label files (*.txt)"));
    if (path.isEmpty())
        return;
    try {
        writeTextFileAtomically(path.toStdString(), labelmeLabelsText(document_->classes()));
        statusBar()->showMessage(tr("Wrote %1.").arg(path), 5000);
    } catch (const Error &error) {
        showError(tr("Export labelme Labels"), QString::fromUtf8(error.what()));
    }
}

void MainWindow::connectNaming() {
    connect(naming_, &NamingController::suggestionsChanged, this, [this] {
        presentResult();
        updateSuggestionActions();
        const QVector<NameSuggestion> suggestions = naming_->suggestions();
        const int count = int(std::count_if(suggestions.begin(), suggestions.end(),
                                            [](const NameSuggestion &each) { return each.classId >= 0; }));
        statusText_->setText(naming_->isActive() ? tr("%n name(s) suggested: Enter accepts the selection's.", "", count)
                                                 : QString());
    });
    connect(naming_, &NamingController::availabilityChanged, this, &MainWindow::updateSuggestionActions);
    connect(naming_, &NamingController::failed, this, [this](const QString &message) {
        updateSuggestionActions();
        showError(tr("Suggest Names"), message);
    });
    // Enter accepts where segments are chosen (the canvas, the Segments panel), never in a field
    // of another panel, where it ends an edit.
    QAction *acceptSelected = action("acceptSelectedSuggestions");
    acceptSelected->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    removeAction(acceptSelected);
    canvas_->addAction(acceptSelected);
    segmentsPanel_->addAction(acceptSelected);
    connect(annotations_, &AnnotationController::resultReady, naming_, &NamingController::resultChanged);
    connect(annotations_, &AnnotationController::imageOpened, naming_,
            [this](const QString &path) { naming_->setImage(path, session_->image()); });
    updateSuggestionActions();
}

void MainWindow::updateSuggestionActions() {
    action("suggestNames")->setEnabled(naming_->canSuggest());
    for (const char *name : {"acceptSuggestions", "acceptSelectedSuggestions", "rejectSuggestions"})
        action(QLatin1String(name))->setEnabled(naming_->isActive());
}

void MainWindow::updateAssignActions() {
    const ClassList &classes = document_->classes();
    for (int key = 1; key <= kMaxAssignKeys; ++key) {
        const bool exists = key <= int(classes.classes.size());
        action(QStringLiteral("assignClass%1").arg(key))
            ->setText(exists ? tr("Assign “%1”").arg(QString::fromStdString(classes.classes[std::size_t(key - 1)].name))
                             : tr("Assign Class %1").arg(key));
    }
    assignMenu_->clear();
    for (const ProjectClass &labelClass : classes.classes)
        assignMenu_->addAction(QString::fromStdString(labelClass.name), this,
                               [this, id = labelClass.id] { assignToSelection(id); });
    assignMenu_->setEnabled(!classes.classes.empty());
}

void MainWindow::applySettings() {
    session_->setEncoderSettings(settings_.encoderSettings());
    naming_->setNamerSettings(settings_.namerSettings());
    prefetcher_->setSettings(prefetchSettings(settings_));
    canvas_->setOverlayOpacity(settings_.overlayOpacity);
    canvas_->setOutlinesVisible(settings_.showOutlines);
    action("outlines")->setChecked(settings_.showOutlines);
    const QSignalBlocker blocker(opacitySlider_);
    opacitySlider_->setValue(qRound(settings_.overlayOpacity * 100));
    applyShortcuts();
    updateRecentMenu();
}

void MainWindow::applyShortcuts() {
    for (QAction *each : actions_) {
        const auto custom = settings_.shortcuts.find(each->objectName());
        each->setShortcuts(custom != settings_.shortcuts.end() ? QList<QKeySequence>{*custom}
                                                               : defaultShortcuts_.value(each->objectName()));
    }
}

void MainWindow::restoreWindowState() {
    document_->setProject({{}, {}, makeClassList(settings_.defaultClasses)});
    if (!restoreGeometry(settingsStore_->value("window/geometry").toByteArray()))
        if (const QScreen *screen = QApplication::primaryScreen())
            resize(screen->availableSize() * 0.8);
    if (!restoreState(settingsStore_->value("window/state").toByteArray()))
        // First start: side panels wide enough for the segment table and the file names.
        resizeDocks({findChild<QDockWidget *>("granularityDock"), findChild<QDockWidget *>("filesDock")}, {360, 240},
                    Qt::Horizontal);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    document_->close(); // saves what is unsaved
    settingsStore_->setValue("window/geometry", saveGeometry());
    settingsStore_->setValue("window/state", saveState());
    settings_.save(*settingsStore_);
    settingsStore_->sync();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile())
        openPath(urls.front().toLocalFile());
}

void MainWindow::openPath(const QString &path) {
    if (QFileInfo(path).isDir())
        openFolder(path);
    else
        openImage(path);
}

void MainWindow::openFolder(const QString &folder) {
    pendingFolderImage_.clear();
    document_->close();
    openProjectFor(folder);
    prefetcher_->setFolder({}, {}); // the old folder is left; the new one starts once it is listed
    filesPanel_->openFolder(folder);
    statusText_->setText(tr("Listing %1…").arg(folder));
}

void MainWindow::openProjectFor(const QString &folder) {
    if (const QString note = annotations_->openProject(folder); !note.isEmpty())
        showError(tr("Class list not read"), note);
}

void MainWindow::openImage(const QString &path) {
    if (path == session_->imagePath() && session_->hasFeatures())
        return;
    if (!QFileInfo(path).isFile()) {
        showError(tr("Cannot open the image"), tr("%1 does not exist or is not a file.").arg(path));
        return;
    }
    document_->close();
    // An image that is not listed is shown on its own; outside the listed folder it is a project
    // of its own folder.
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (!filesPanel_->images().contains(absolute)) {
        const QString folder = filesPanel_->folder();
        if (folder.isEmpty() || !absolute.startsWith(folder + QLatin1Char('/')))
            openProjectFor(QFileInfo(absolute).absolutePath());
        filesPanel_->showSingleImage(absolute);
        prefetcher_->setFolder({}, {});
    }
    selection_.clear();
    pendingSelection_.clear();
    shown_.reset();
    hierarchyPanel_->clear();
    canvas_->setHighlight({});
    canvas_->setPreview({});
    // The old image's segments go at once: edits are refused until the new image is ready.
    canvas_->setSegments({}, {}, {});
    segmentsPanel_->setSegments({}, 0);
    granularityPanel_->setSegmentCount(-1);
    hoverText_->clear();
    statusText_->setToolTip({});
    prefetcher_->setCurrentImage(path); // before the session opens it: the prefetcher must know what it waits for
    annotations_->openImage(path);
    filesPanel_->setCurrentImage(path);
    updateWindowTitle();
}

void MainWindow::showResult(const std::shared_ptr<const SegmentationResult> &result) {
    std::shared_ptr<const SegmentationResult> previous = std::exchange(shown_, result);
    // What stays selected: after an edit, the segments it produced; on the same tree, the same
    // nodes; otherwise the segments that cover the old selection (or nothing).
    QList<int> selection;
    if (!pendingSelection_.empty()) {
        selection = segmentsUnder(result->composed, pendingSelection_);
        pendingSelection_.clear();
    } else if (previous && previous->tree == result->tree) {
        std::vector<std::vector<NodePath>> selectedPaths;
        for (const int segment : selection_)
            if (segment < int(previous->composed.segmentPaths.size()))
                selectedPaths.push_back(previous->composed.segmentPaths[std::size_t(segment)]);
        for (int segment = 0; segment < result->composed.annotation.segmentCount(); ++segment) {
            const auto &paths = result->composed.segmentPaths[std::size_t(segment)];
            if (!paths.empty() && std::find(selectedPaths.begin(), selectedPaths.end(), paths) != selectedPaths.end())
                selection << segment;
        }
        if (selection.size() != selection_.size()) // the cut moved under the selection
            selection = followSelection(previous->composed.annotation, selection_, result->composed.annotation);
    } else if (previous) {
        selection = followSelection(previous->composed.annotation, selection_, result->composed.annotation);
    }
    presentResult();
    setSelection(selection);
    showHover(canvas_->segmentAt(QPointF(hoveredPixel_) + QPointF(0.5, 0.5)), hoveredPixel_);
    const cv::Size shownSize = result->composed.annotation.segments.size();
    timingsText_->setText(result->isPreview() ? tr("Preview at %1×%2, full resolution follows · %3")
                                                    .arg(shownSize.width)
                                                    .arg(shownSize.height)
                                                    .arg(SegmentationSession::formatTimings(result->timings))
                                              : SegmentationSession::formatTimings(result->timings));
    showSetAside(*result);
    releaseInBackground(std::move(previous));
    emit segmentationShown(result->composed.annotation.segmentCount());
}

void MainWindow::presentResult() {
    const auto &result = document_->result();
    if (!result)
        return;
    SegmentView view = presentSegments(*result, document_->classes(), viewOptions_);
    addSuggestions(view, naming_->suggestions(), document_->classes(), viewOptions_);
    const Annotation &annotation = result->composed.annotation;
    canvas_->setSegments(annotation.segments, view.fills, view.outlines, view.hatches, result->composed.segmentBounds);
    segmentsPanel_->setSegments(view.rows, qint64(result->imageSize.area()));
    hierarchyPanel_->setTree(result->tree, result->leaves, view.leafColours);
    granularityPanel_->setSegmentCount(annotation.segmentCount());
}

void MainWindow::showSetAside(const SegmentationResult &result) {
    QStringList lines;
    for (const SetAsideDecisions &aside : result.setAside) {
        const FeatureIdentity &features = aside.tree.features;
        switch (aside.why) {
        case SetAsideDecisions::Why::OtherFeatures:
            lines << (features.model.empty()
                          ? tr("%n decision(s) made with the %1×%2 built-in encoder set aside", "", aside.count)
                                .arg(features.gridWidth)
                                .arg(features.gridHeight)
                          : tr("%n decision(s) made with %1 (t = %2) set aside", "", aside.count)
                                .arg(QString::fromStdString(features.model))
                                .arg(features.timestep));
            break;
        case SetAsideDecisions::Why::OtherImage:
            lines << tr("%n decision(s) made before the image's pixels changed set aside", "", aside.count);
            break;
        case SetAsideDecisions::Why::OtherAlpha:
            lines << tr("%n decision(s) made at α = %1 set aside", "", aside.count).arg(QLocale().toString(aside.tree.alpha));
            break;
        }
    }
    const QString note = lines.isEmpty() ? QString()
                                         : lines.join(QStringLiteral("; ")) + QStringLiteral(" — ") +
                                               tr("they apply again with those features and α.");
    hierarchyPanel_->setNote(note);
    if (!note.isEmpty())
        statusText_->setText(note);
    else if (!session_->busy())
        statusText_->setText(tr("%n segment(s)", "", result.composed.annotation.segmentCount()));
}

void MainWindow::setSelection(QList<int> segments) {
    std::sort(segments.begin(), segments.end());
    segments.erase(std::unique(segments.begin(), segments.end()), segments.end());
    selection_ = segments;
    canvas_->setHighlight({}); // a hierarchy node's highlight gives way to the new selection
    canvas_->setSelection(segments);
    segmentsPanel_->setSelectedSegments(segments);
    const auto &result = document_->result();
    if (!result) {
        canvas_->setPreview({});
        hierarchyPanel_->setPreviewPath({});
        return;
    }
    if (segments.size() == 1)
        hierarchyPanel_->selectNode(result->composed.annotation.segmentNode[std::size_t(segments.front())]);
    // Before Coarsen joins a segment with its sibling, the region it would make is outlined.
    canvas_->setPreview(coarsenPreview(*result, segments));
    hierarchyPanel_->setPreviewPath(segments.size() == 1 && result->composed.segmentPaths[std::size_t(segments.front())].size() == 1
                                        ? QString::fromStdString(coarsenTarget(*result, segments.front()))
                                        : QString());
}

void MainWindow::showHover(int segment, QPoint pixel) {
    hoveredPixel_ = pixel;
    const auto &result = document_->result();
    if (!result || segment < 0 || segment >= result->composed.annotation.segmentCount()) {
        hoverText_->clear();
        return;
    }
    const Annotation &annotation = result->composed.annotation;
    const int classIndex = annotation.segmentClass[std::size_t(segment)];
    const QString className = classIndex >= 0 && classIndex < int(annotation.classes.size())
                                  ? QString::fromStdString(annotation.classes[std::size_t(classIndex)].name)
                                  : tr("unlabelled");
    const qint64 area = imageArea(*result, segment);
    const QLocale locale;
    hoverText_->setText(tr("Segment #%1 · %2 · %3 px (%4 %) · at %5, %6")
                            .arg(segment)
                            .arg(className)
                            .arg(locale.toString(area))
                            .arg(locale.toString(100.0 * double(area) / double(result->imageSize.area()), 'f', 1))
                            .arg(pixel.x())
                            .arg(pixel.y()));
}

void MainWindow::showHierarchyNode(int id) {
    const auto &result = document_->result();
    if (!result || id < 0) {
        canvas_->setHighlight({});
        return;
    }
    const NodePath path = result->tree->pathOf(id);
    const double ncut = result->tree->ncutOf(id);
    // At or above the cut: the union of its segments at full resolution, so the highlight follows
    // the segment boundaries; a node below the cut only exists on the feature grid.
    canvas_->setHighlight(nodeRegion(*result, path));
    statusText_->setText(tr("Node %1: %2 cells, NCut %3")
                             .arg(path.empty() ? tr("root") : QString::fromStdString(path))
                             .arg(QLocale().toString(qlonglong(result->tree->pixelsOf(id).size())))
                             .arg(std::isfinite(ncut) ? QLocale().toString(ncut, 'f', 3) : tr("cannot be split")));
}

void MainWindow::assignToSelection(ClassId classId) { report(document_->assignClass(selection_, classId)); }

void MainWindow::assignKey(int key) {
    const ClassList &classes = document_->classes();
    if (key > int(classes.classes.size()))
        return report(tr("There is no class %1 yet; add classes in the Classes panel.").arg(key));
    assignToSelection(classes.classes[std::size_t(key - 1)].id);
}

void MainWindow::report(const QString &problem) {
    if (!problem.isEmpty())
        statusBar()->showMessage(problem, 5000);
}

void MainWindow::showError(const QString &title, const QString &message) {
    statusText_->setText(title);
    // Not modal: a failure must not stop the event loop, nor a test that provokes it.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName("errorBox");
    box->open();
}

void MainWindow::stepImage(bool forward) {
    const QString next = forward ? filesPanel_->nextImage() : filesPanel_->previousImage();
    if (next.isEmpty())
        report(forward ? tr("This is the last image.") : tr("This is the first image."));
    else
        openImage(next);
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    for (const QString &path : settings_.recentFiles)
        recentMenu_->addAction(recentLabel(path, settings_.recentFiles), this, [this, path] { openPath(path); })->setToolTip(path);
    recentMenu_->setEnabled(!settings_.recentFiles.isEmpty());
}

void MainWindow::updateWindowTitle() {
    const QString image = session_->imagePath();
    setWindowTitle(image.isEmpty() ? tr("DiffCut Studio") : tr("%1 — DiffCut Studio").arg(QFileInfo(image).fileName()));
}

void MainWindow::showSettingsDialog() {
    SettingsDialog dialog(settings_, actions_, defaultShortcuts_, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AppSettings previous = settings_;
    settings_ = dialog.settings();
    settings_.save(*settingsStore_);
    applySettings();
    if (settings_.encoderSettings().model != previous.encoderSettings().model || settings_.device != previous.device ||
        settings_.timestep != previous.timestep || settings_.builtinGrid != previous.builtinGrid)
        statusText_->setText(tr("The new encoder settings apply from the next image opened."));
}

void MainWindow::showExportDialog() {
    ExportRequest initial;
    initial.outputFolder = settings_.exportFolder;
    for (const QString &name : settings_.exportFormats)
        try {
            const ExportFormats formats = parseFormats(name.toStdString());
            initial.formats.insert(formats.begin(), formats.end());
        } catch (const Error &) { // a format this version no longer knows: leave it out
        }
    initial.overlayOpacity = settings_.overlayOpacity;
    initial.vocUnlabelled = settings_.exportUnlabelled;
    ExportDialog dialog(initial, int(filesPanel_->images().size()), this);
    dialog.setObjectName("exportDialog");
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportRequest request = dialog.request();
    settings_.exportFolder = request.outputFolder;
    settings_.exportUnlabelled = request.vocUnlabelled;
    settings_.exportFormats.clear();
    for (const ExportFormat format : request.formats)
        settings_.exportFormats << QString::fromUtf8(exportFormatName(format).data());
    startExport(request);
}

bool MainWindow::exportRunning() const { return exports_->running(); }

void MainWindow::startExport(const ExportRequest &request) {
    const auto &result = document_->result();
    if (exports_->running() || (!request.wholeFolder && !result)) {
        report(exports_->running() ? tr("An export is already running.") : tr("There is no segmentation to export yet."));
        return;
    }
    ExportJob job;
    job.outputFolder = request.outputFolder.toStdString();
    job.formats = request.formats;
    job.options.overlayOpacity = request.overlayOpacity;
    job.options.labelme.embedImage = request.embedImageData;
    job.options.vocUnlabelled = request.vocUnlabelled;
    // What is shown is what is exported: the overlay as the canvas draws it.
    job.options.overlayPaint.showUnlabelled = viewOptions_.showUnlabelled;
    for (const ClassId id : viewOptions_.hiddenClasses)
        if (const int index = document_->classes().indexOf(id); index >= 0)
            job.options.overlayPaint.hiddenClasses.insert(index);
    job.options.imageRoot = filesPanel_->folder().toStdString();
    if (result) {
        job.currentImage = session_->imagePath().toStdString();
        job.currentRgb = session_->image();
        if (result->isPreview()) { // the full map is not shown yet: the export computes it
            job.currentWorkspace = session_->workspace();
            job.currentRequest = document_->request();
        } else {
            job.currentAnnotation = result->composed.annotation;
        }
    }
    if (request.wholeFolder) {
        for (const QString &image : filesPanel_->images())
            job.images.push_back(image.toStdString());
    } else {
        job.images.push_back(job.currentImage);
    }
    job.encoder = session_->encoder();
    job.encoderSettings = settings_.encoderSettings();
    job.classes = document_->classes();
    job.defaults.tau = settings_.tau;
    job.defaults.alpha = settings_.alpha;
    job.defaults.refine = settings_.refine;
    job.cacheRoot = settings_.cacheRoot();
    document_->saveNow(); // the other images are read from their sidecars; this one is exported as shown
    prefetcher_->setExportRunning(true); // the export needs the shared encoder
    if (!exports_->start(std::move(job), request.outputFolder))
        prefetcher_->setExportRunning(false);
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About DiffCut Studio"),
                       tr("<h3>DiffCut Studio %1</h3>"
                          "<p>Zero-shot image segmentation with diffusion features and recursive Normalized Cut "
                          "(DiffCut, NeurIPS 2024): no labels, no text prompts.</p>"
                          "<p>Encoder: %2</p>"
                          "<p>Built with Qt %3.</p>")
                           .arg(QStringLiteral(DIFFCUT_VERSION),
                                session_->encoder() ? QString::fromStdString(session_->encoder()->description()).toHtmlEscaped()
                                                    : tr("not loaded yet"),
                                QString::fromLatin1(qVersion())) +
                           // Where diffusion models run here (CUDA device or CPU, precision); not translated.
                           "<p>" + QString::fromStdString(encoderDeviceDescription()).toHtmlEscaped() + "</p>");
}

} // namespace diffcut::ui
