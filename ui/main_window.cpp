#include "main_window.h"

#include "canvas/image_canvas.h"
#include "canvas/navigator.h"
#include "canvas/palette.h"
#include "dialogs/export_dialog.h"
#include "document/annotation_document.h"
#include "jobs/export_job.h"
#include "panels/classes_panel.h"
#include "panels/files_panel.h"
#include "panels/granularity_panel.h"
#include "panels/hierarchy_panel.h"
#include "panels/segments_panel.h"
#include "pipeline/segmentation_session.h"
#include "settings/settings_dialog.h"
#include "util/mnemonic.h"
#include "util/thread_priority.h"

#include "annotation/sidecar.h"
#include "features/encoder_factory.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
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

namespace diffcut::ui {

namespace {

constexpr int kMaxAssignKeys = 9;

QString imageFilter() {
    return MainWindow::tr("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)");
}

QVector<QRgb> coloursOf(const CutResult &result, const std::vector<LabelClass> &classes) {
    const Annotation &annotation = result.composed.annotation;
    QVector<QRgb> colours(annotation.segmentCount());
    for (int segment = 0; segment < annotation.segmentCount(); ++segment) {
        const int classIndex = annotation.segmentClass[std::size_t(segment)];
        if (classIndex >= 0 && classIndex < int(classes.size())) {
            const cv::Vec3b rgb = classes[std::size_t(classIndex)].colour;
            colours[segment] = qRgb(rgb[0], rgb[1], rgb[2]);
        } else {
            // Colour by tree node, so a segment keeps its colour while τ moves.
            const int node = annotation.segmentNode[std::size_t(segment)];
            colours[segment] = segmentColour(node >= 0 ? node : 1000 + segment).rgb();
        }
    }
    return colours;
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<QSettings> settingsStore, QWidget *parent)
    : QMainWindow(parent),
      settingsStore_(settingsStore ? std::move(settingsStore) : std::make_unique<QSettings>()),
      exportPool_(std::make_unique<QThreadPool>()) {
    settings_ = AppSettings::load(*settingsStore_);
    exportPool_->setMaxThreadCount(1);
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    session_ = new SegmentationSession(this);
    document_ = new AnnotationDocument(this);
    canvas_ = new ImageCanvas(this);
    setCentralWidget(canvas_);
    canvas_->clear();

    createActions();
    createDocks();
    createMenusAndToolBar();
    createStatusBar();
    connectPipeline();
    applySettings();
    restoreWindowState();
    updateWindowTitle();
}

MainWindow::~MainWindow() {
    exportStop_.request_stop();
    exportPool_->waitForDone();
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
    add("clearClass", tr("Remove C&lass"), {QKeySequence(Qt::Key_0)}, "edit-clear",
        [this] { assignToSelection(Annotation::kUnlabelled); });
    for (int key = 1; key <= kMaxAssignKeys; ++key)
        add(QStringLiteral("assignClass%1").arg(key), tr("Assign Class %1").arg(key), {QKeySequence(Qt::Key_0 + key)}, {},
            [this, key] { assignToSelection(key - 1); });
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

    segmentsPanel_->setContextActions({action("split"), action("coarsen"), action("merge"), action("clearClass")});
    classesPanel_->setUsageCheck([this](int index) { return document_->classInUse(index); });
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
    edit->addActions({action("selectAll"), action("deselect")});
    edit->addSeparator();
    edit->addActions({action("selectTool"), action("brushTool"), action("eraserTool"), action("brushSmaller"),
                      action("brushBigger")});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({action("fit"), action("actualSize"), action("zoomIn"), action("zoomOut")});
    view->addSeparator();
    view->addAction(action("outlines"));
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
        {"actualSize", tr("100 %")}, {"outlines", tr("Outlines")}};
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
    statusBar()->addPermanentWidget(timingsText_);
    statusBar()->addPermanentWidget(zoomText_);
    statusBar()->addPermanentWidget(progressBar_);
    statusBar()->addPermanentWidget(cancelButton_);
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        if (exportRunning_)
            exportStop_.request_stop();
        else
            session_->cancel();
    });
}

void MainWindow::connectPipeline() {
    // Session → view.
    connect(session_, &SegmentationSession::imageLoaded, this, [this](const QString &path, const QImage &image) {
        canvas_->setImage(image);
        navigator_->setImage(image);
        AnnotationState defaults;
        defaults.tau = settings_.tau;
        defaults.alpha = settings_.alpha;
        defaults.refine = settings_.refine;
        const QString problem = document_->open(path, {image.width(), image.height()}, defaults, settings_.cacheRoot());
        if (!problem.isEmpty())
            showError(tr("Annotation not restored"), problem);
        action("markDone")->setChecked(document_->state().done);
        updateWindowTitle();
    });
    connect(session_, &SegmentationSession::featuresReady, this, [this](const QString &encoder, const QString &timings) {
        statusText_->setText(encoder);
        timingsText_->setText(timings);
    });
    connect(session_, &SegmentationSession::busyChanged, this, [this](bool busy, const QString &what) {
        if (!busy) {
            granularityPanel_->setStatus({}); // a build that was cancelled or failed says nothing more
            if (!session_->hasFeatures() && !session_->image().empty())
                statusText_->setText(tr("Stopped before the features were ready; open the image again to compute them."));
        }
        if (exportRunning_)
            return;
        progressBar_->setVisible(busy);
        cancelButton_->setVisible(busy);
        progressBar_->setRange(0, 0); // busy until the first progress report
        if (busy)
            statusText_->setText(what + QStringLiteral("…"));
    });
    connect(session_, &SegmentationSession::progress, this, [this](double fraction, const QString &stage) {
        if (exportRunning_)
            return;
        progressBar_->setRange(0, 1000);
        progressBar_->setValue(int(fraction * 1000));
        progressBar_->setToolTip(stage);
    });
    connect(session_, &SegmentationSession::treeBuilding, this, [this](double alpha) {
        granularityPanel_->setStatus(tr("building hierarchy for α = %1…").arg(alpha));
    });
    connect(session_, &SegmentationSession::treeReady, this, [this](double, double) { granularityPanel_->setStatus({}); });
    connect(session_, &SegmentationSession::cutReady, this, &MainWindow::showResult);
    connect(session_, &SegmentationSession::failed, this, [this](const QString &message) {
        if (session_->image().empty()) { // the image itself could not be read
            canvas_->clear();
            navigator_->setImage({});
        }
        showError(tr("Segmentation failed"), message);
    });
    connect(session_, &SegmentationSession::warning, this, [this](const QString &message) { showError(tr("Model not used"), message); });

    // Document → pipeline and panels.
    connect(document_, &AnnotationDocument::changed, this, [this] {
        const AnnotationState &state = document_->state();
        granularityPanel_->setValues(state.tau, state.alpha, state.refine);
        action("markDone")->setChecked(state.done);
        requestCut();
    });
    connect(document_, &AnnotationDocument::classesChanged, this, [this] {
        classesPanel_->setClasses(document_->classes());
        classesPanel_->setSuggestedColour(defaultClassColour(int(document_->classes().size())));
        for (int key = 1; key <= kMaxAssignKeys; ++key) {
            const bool exists = key <= int(document_->classes().size());
            action(QStringLiteral("assignClass%1").arg(key))
                ->setText(exists ? tr("Assign “%1”").arg(QString::fromStdString(document_->classes()[std::size_t(key - 1)].name))
                                 : tr("Assign Class %1").arg(key));
        }
        settingsStore_->setValue("classes", [this] {
            QVariantList list;
            for (const LabelClass &labelClass : document_->classes())
                list << QVariantMap{{"name", QString::fromStdString(labelClass.name)},
                                    {"colour", QColor(labelClass.colour[0], labelClass.colour[1], labelClass.colour[2]).name()}};
            return list;
        }());
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
    connect(classesPanel_, &ClassesPanel::addRequested, document_, &AnnotationDocument::addClass);
    connect(classesPanel_, &ClassesPanel::renameRequested, document_, &AnnotationDocument::renameClass);
    connect(classesPanel_, &ClassesPanel::recolourRequested, document_, &AnnotationDocument::recolourClass);
    connect(classesPanel_, &ClassesPanel::removeRequested, document_, &AnnotationDocument::removeClass);
    connect(classesPanel_, &ClassesPanel::assignRequested, this, &MainWindow::assignToSelection);
    connect(segmentsPanel_, &SegmentsPanel::selectionChanged, this, &MainWindow::setSelection);
    connect(hierarchyPanel_, &HierarchyPanel::nodeSelected, this, &MainWindow::showHierarchyNode);
    connect(filesPanel_, &FilesPanel::imageActivated, this, &MainWindow::openImage);
    connect(filesPanel_, &FilesPanel::folderListed, this, [this](int count) {
        statusText_->setText(tr("%n image(s) in the folder", "", count));
        const QString first = pendingFolderImage_.isEmpty() && !filesPanel_->images().isEmpty() ? filesPanel_->images().front()
                                                                                                : pendingFolderImage_;
        pendingFolderImage_.clear();
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
        const int classIndex = classesPanel_->currentClass();
        if (!eraser && classIndex < 0) {
            report(tr("Choose the class to paint with in the Classes panel."));
            return;
        }
        document_->paintStroke(points, radius, eraser, classIndex);
    });
    connect(canvas_, &ImageCanvas::zoomChanged, this, [this](double zoom) { zoomText_->setText(QStringLiteral("%1 %").arg(qRound(zoom * 100))); });
    connect(canvas_, &ImageCanvas::visibleAreaChanged, navigator_, &Navigator::setVisibleArea);
    connect(navigator_, &Navigator::centreRequested, canvas_, &ImageCanvas::centreOn);
    connect(canvas_, &ImageCanvas::filesDropped, this, [this](const QStringList &paths) {
        if (!paths.isEmpty())
            openPath(paths.front());
    });
}

void MainWindow::applySettings() {
    session_->setEncoderSettings(settings_.encoderSettings());
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
    std::vector<LabelClass> classes;
    for (const QVariant &entry : settingsStore_->value("classes").toList()) {
        const QVariantMap map = entry.toMap();
        const QColor colour(map.value("colour").toString());
        if (!map.value("name").toString().isEmpty() && colour.isValid())
            classes.push_back({map.value("name").toString().toStdString(),
                               cv::Vec3b(uchar(colour.red()), uchar(colour.green()), uchar(colour.blue()))});
    }
    document_->setClasses(std::move(classes));
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
    filesPanel_->openFolder(folder);
    statusText_->setText(tr("Listing %1…").arg(folder));
}

void MainWindow::openImage(const QString &path) {
    if (path == session_->imagePath() && session_->hasFeatures())
        return;
    if (!QFileInfo(path).isFile()) {
        showError(tr("Cannot open the image"), tr("%1 does not exist or is not a file.").arg(path));
        return;
    }
    document_->close();
    selection_.clear();
    hierarchyPanel_->clear();
    canvas_->setHighlight({});
    // The old image's segments go at once: edits are refused until the new image is ready.
    canvas_->setSegments({}, {});
    segmentsPanel_->setSegments({}, 0);
    session_->openImage(path);
    filesPanel_->setCurrentImage(path);
    settings_.addRecentFile(path);
    updateRecentMenu();
    updateWindowTitle();
}

void MainWindow::requestCut() {
    if (document_->isOpen())
        session_->requestCut(document_->cutRequest());
}

void MainWindow::showResult(const std::shared_ptr<const CutResult> &result) {
    // Selected segments stay selected when they still exist (matched by their tree nodes).
    std::vector<std::vector<NodePath>> selectedPaths;
    if (const auto &previous = document_->result())
        for (const int segment : selection_)
            if (segment < int(previous->composed.segmentPaths.size()))
                selectedPaths.push_back(previous->composed.segmentPaths[std::size_t(segment)]);
    document_->setResult(result);
    const Annotation &annotation = result->composed.annotation;
    const QVector<QRgb> colours = coloursOf(*result, document_->classes());
    canvas_->setSegments(annotation.segments, colours);

    QVector<SegmentRow> rows(annotation.segmentCount());
    for (int segment = 0; segment < annotation.segmentCount(); ++segment) {
        SegmentRow &row = rows[segment];
        row.colour = QColor::fromRgb(colours[segment]);
        const int classIndex = annotation.segmentClass[std::size_t(segment)];
        if (classIndex >= 0 && classIndex < int(document_->classes().size()))
            row.className = QString::fromStdString(document_->classes()[std::size_t(classIndex)].name);
        row.area = result->segmentAreas[std::size_t(segment)];
        row.nodeCount = int(result->composed.segmentPaths[std::size_t(segment)].size());
    }
    segmentsPanel_->setSegments(rows, qint64(annotation.segments.total()));

    QVector<QRgb> leafColours;
    for (const int leaf : result->leaves) {
        const auto segment = std::find(annotation.segmentNode.begin(), annotation.segmentNode.end(), leaf);
        leafColours << (segment != annotation.segmentNode.end() ? colours[int(segment - annotation.segmentNode.begin())]
                                                               : segmentColour(leaf).rgb());
    }
    hierarchyPanel_->setTree(result->tree, result->leaves, leafColours);
    granularityPanel_->setSegmentCount(annotation.segmentCount());
    timingsText_->setText(result->timings);

    QList<int> selection;
    for (int segment = 0; segment < annotation.segmentCount(); ++segment)
        if (std::find(selectedPaths.begin(), selectedPaths.end(), result->composed.segmentPaths[std::size_t(segment)]) !=
                selectedPaths.end() &&
            !result->composed.segmentPaths[std::size_t(segment)].empty())
            selection << segment;
    setSelection(selection);
    if (!nodeDecisionsApply(document_->state()))
        statusText_->setText(tr("The splits, merges and classes were made at α = %1; they apply again at that α.")
                                 .arg(document_->state().nodeAlpha));
    else if (!session_->busy())
        statusText_->setText(tr("%n segment(s)", "", annotation.segmentCount()));
    emit segmentationShown(annotation.segmentCount());
}

void MainWindow::setSelection(QList<int> segments) {
    std::sort(segments.begin(), segments.end());
    segments.erase(std::unique(segments.begin(), segments.end()), segments.end());
    selection_ = segments;
    canvas_->setHighlight({}); // a hierarchy node's highlight gives way to the new selection
    canvas_->setSelection(segments);
    segmentsPanel_->setSelectedSegments(segments);
    const auto &result = document_->result();
    if (result && segments.size() == 1) {
        const int node = result->composed.annotation.segmentNode[std::size_t(segments.front())];
        hierarchyPanel_->selectNode(node);
    }
}

void MainWindow::showHover(int segment, QPoint pixel) {
    const auto &result = document_->result();
    if (!result || segment < 0 || segment >= result->composed.annotation.segmentCount()) {
        hoverText_->clear();
        return;
    }
    const Annotation &annotation = result->composed.annotation;
    const int classIndex = annotation.segmentClass[std::size_t(segment)];
    const QString className = classIndex >= 0 && classIndex < int(document_->classes().size())
                                  ? QString::fromStdString(document_->classes()[std::size_t(classIndex)].name)
                                  : tr("unlabelled");
    const qint64 area = result->segmentAreas[std::size_t(segment)];
    hoverText_->setText(tr("Segment #%1 · %2 · %3 px (%4 %) · at %5, %6")
                            .arg(segment)
                            .arg(className)
                            .arg(area)
                            .arg(100.0 * double(area) / double(annotation.segments.total()), 0, 'f', 1)
                            .arg(pixel.x())
                            .arg(pixel.y()));
}

void MainWindow::showHierarchyNode(int id) {
    const auto &result = document_->result();
    if (!result || id < 0) {
        canvas_->setHighlight({});
        return;
    }
    const PartitionNode node = result->tree->node(id);
    const NodePath path = result->tree->pathOf(id);
    // A node at or above the cut: the union of its segments at full resolution, so the highlight
    // follows the segment boundaries; a node below the cut only exists on the feature grid.
    const Annotation &annotation = result->composed.annotation;
    std::vector<uchar> inside(std::size_t(annotation.segmentCount()), 0);
    bool any = false;
    for (int segment = 0; segment < annotation.segmentCount(); ++segment) {
        const auto &paths = result->composed.segmentPaths[std::size_t(segment)];
        const bool below = !paths.empty() && std::all_of(paths.begin(), paths.end(), [&](const NodePath &leaf) {
            return leaf.starts_with(path);
        });
        inside[std::size_t(segment)] = below ? 255 : 0;
        any |= below;
    }
    cv::Mat1b mask;
    if (any) {
        mask.create(annotation.segments.size());
        for (int y = 0; y < mask.rows; ++y) {
            const int *labels = annotation.segments.ptr<int>(y);
            uchar *out = mask.ptr(y);
            for (int x = 0; x < mask.cols; ++x)
                out[x] = inside[std::size_t(labels[x])];
        }
    } else {
        mask = cv::Mat1b(result->tree->height(), result->tree->width(), uchar(0));
        for (const int pixel : node.pixels)
            mask(pixel / mask.cols, pixel % mask.cols) = 255;
    }
    canvas_->setHighlight(mask);
    statusText_->setText(tr("Node %1: %2 cells, NCut %3")
                             .arg(path.empty() ? tr("root") : QString::fromStdString(path))
                             .arg(node.pixels.size())
                             .arg(std::isfinite(node.ncut) ? QString::number(node.ncut, 'f', 3) : tr("cannot be split")));
}

void MainWindow::assignToSelection(int classIndex) { report(document_->assignClass(selection_, classIndex)); }

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
        recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openPath(path); })->setToolTip(path);
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
    ExportDialog dialog(initial, int(filesPanel_->images().size()), this);
    dialog.setObjectName("exportDialog");
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportRequest request = dialog.request();
    settings_.exportFolder = request.outputFolder;
    settings_.exportFormats.clear();
    for (const ExportFormat format : request.formats)
        settings_.exportFormats << QString::fromUtf8(exportFormatName(format).data());
    startExport(request);
}

bool MainWindow::exportRunning() const { return exportRunning_; }

void MainWindow::startExport(const ExportRequest &request) {
    const auto &result = document_->result();
    if (exportRunning_ || (!request.wholeFolder && !result)) {
        report(exportRunning_ ? tr("An export is already running.") : tr("There is no segmentation to export yet."));
        return;
    }
    ExportJob job;
    job.outputFolder = request.outputFolder.toStdString();
    job.formats = request.formats;
    job.options.overlayOpacity = request.overlayOpacity;
    job.options.labelme.embedImage = request.embedImageData;
    if (result) {
        job.currentImage = session_->imagePath().toStdString();
        job.currentRgb = session_->image();
        job.currentAnnotation = result->composed.annotation;
    }
    if (request.wholeFolder) {
        job.imageFolder = filesPanel_->folder().toStdString();
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

    exportStop_ = std::stop_source();
    exportRunning_ = true;
    progressBar_->setRange(0, 1000);
    progressBar_->setValue(0);
    progressBar_->show();
    cancelButton_->show();
    statusText_->setText(tr("Exporting %n image(s)…", "", int(job.images.size())));
    WorkControl control;
    control.stop = exportStop_.get_token();
    control.progress = [this](double fraction, std::string_view) {
        QMetaObject::invokeMethod(this, [this, fraction] { progressBar_->setValue(int(fraction * 1000)); }, Qt::QueuedConnection);
    };
    const QString folder = request.outputFolder;
    exportPool_->start([this, job = std::move(job), control, folder] {
        lowerCurrentThreadPriority(kLongWorkNiceness);
        bool ok = false;
        QString summary;
        try {
            const ExportOutcome outcome = runExport(job, control);
            ok = outcome.failures.isEmpty();
            summary = tr("Exported %n image(s) to %1.", "", outcome.exported).arg(folder);
            if (!outcome.failures.isEmpty())
                summary += QLatin1Char('\n') + tr("%n image(s) could not be exported:", "", int(outcome.failures.size())) +
                           QLatin1Char('\n') + outcome.failures.join(QLatin1Char('\n'));
        } catch (const Cancelled &) {
            summary = tr("Export cancelled; the files written so far are complete.");
        } catch (const std::exception &error) {
            summary = tr("Export failed: %1").arg(QString::fromUtf8(error.what()));
        }
        QMetaObject::invokeMethod(this, [this, ok, summary] {
            exportRunning_ = false;
            progressBar_->setVisible(session_->busy());
            cancelButton_->setVisible(session_->busy());
            if (ok)
                statusText_->setText(summary);
            else
                showError(tr("Export"), summary);
            emit exportFinished(ok, summary);
        }, Qt::QueuedConnection);
    });
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
