#pragma once
// The DiffCut Studio window: it orchestrates — the canvas and the docks display, the session
// computes off the UI thread, the document holds the user's decisions — and owns the actions,
// menus, status bar and settings.
#include "annotation/class_list.h"
#include "presenter/segmentation_view.h"
#include "settings/app_settings.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSlider;

namespace diffcut::ui {

class AnnotationController;
class AnnotationDocument;
class ClassesPanel;
class ExportController;
class FilesPanel;
class GranularityPanel;
class HierarchyPanel;
class ImageCanvas;
class NamingController;
class Navigator;
class Prefetcher;
class SegmentationSession;
class SegmentsPanel;
class TaskIndicator;
struct ExportRequest;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // settingsStore: where settings live (the user's QSettings by default; tests pass their own).
    explicit MainWindow(std::unique_ptr<QSettings> settingsStore = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // An image file or a folder (its images are listed, the first one opened).
    void openPath(const QString &path);
    void openImage(const QString &path);
    void openFolder(const QString &folder);

    // For tests and the benchmark: the parts the window is made of.
    SegmentationSession *session() const { return session_; }
    Prefetcher *prefetcher() const { return prefetcher_; }
    AnnotationDocument *document() const { return document_; }
    ImageCanvas *canvas() const { return canvas_; }
    GranularityPanel *granularityPanel() const { return granularityPanel_; }
    SegmentsPanel *segmentsPanel() const { return segmentsPanel_; }
    HierarchyPanel *hierarchyPanel() const { return hierarchyPanel_; }
    ClassesPanel *classesPanel() const { return classesPanel_; }
    FilesPanel *filesPanel() const { return filesPanel_; }
    QList<int> selectedSegments() const { return selection_; }
    QAction *action(const QString &objectName) const;
    // Exports without the dialog (the dialog's OK calls this); exportFinished() reports the outcome.
    void startExport(const ExportRequest &request);
    bool exportRunning() const;
    TaskIndicator *tasks() const { return tasks_; }
    NamingController *naming() const { return naming_; }

signals:
    void segmentationShown(int segmentCount); // after the canvas got a new result
    void exportFinished(bool ok, const QString &summary);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void createDocks();
    void createStatusBar();
    void connectPipeline();
    void connectPrefetch(); // the next images prepared in the background, shown in Files and the status bar
    void applyShortcuts();
    void applySettings();
    void restoreWindowState();

    void showResult(const std::shared_ptr<const diffcut::SegmentationResult> &result);
    void presentResult(); // repaints the views from the shown result (classes or view options changed)
    void setSelection(QList<int> segments);
    void showHover(int segment, QPoint pixel);
    void showHierarchyNode(int id);
    void showSetAside(const diffcut::SegmentationResult &result);
    void report(const QString &problem); // a refused edit or a failure: status bar, and a box for failures
    void showError(const QString &title, const QString &message);
    void showTasks(); // the task indicator's state in the status bar
    void assignToSelection(diffcut::ClassId classId);
    void assignKey(int key); // 1–9: the class at that place in the list
    void openProjectFor(const QString &folder);
    void connectClassesPanel();
    void removeClass(diffcut::ClassId id);
    void importLabels();
    void exportLabels();
    void updateAssignActions();
    void connectNaming(); // "Suggest names": its actions, the panels and the canvas
    void updateSuggestionActions();
    void stepImage(bool forward);
    void updateRecentMenu();
    void updateWindowTitle();
    void showSettingsDialog();
    void showExportDialog();
    void showAbout();

    std::unique_ptr<QSettings> settingsStore_;
    AppSettings settings_;
    QMap<QString, QList<QKeySequence>> defaultShortcuts_;

    SegmentationSession *session_ = nullptr;
    Prefetcher *prefetcher_ = nullptr;
    AnnotationDocument *document_ = nullptr;
    TaskIndicator *tasks_ = nullptr;
    AnnotationController *annotations_ = nullptr;
    ExportController *exports_ = nullptr;
    NamingController *naming_ = nullptr;
    ImageCanvas *canvas_ = nullptr;
    Navigator *navigator_ = nullptr;
    GranularityPanel *granularityPanel_ = nullptr;
    SegmentsPanel *segmentsPanel_ = nullptr;
    HierarchyPanel *hierarchyPanel_ = nullptr;
    ClassesPanel *classesPanel_ = nullptr;
    FilesPanel *filesPanel_ = nullptr;

    QList<QAction *> actions_;
    QMenu *recentMenu_ = nullptr;
    QSlider *opacitySlider_ = nullptr;

    QLabel *statusText_ = nullptr;
    QLabel *hoverText_ = nullptr;
    QLabel *timingsText_ = nullptr;
    QLabel *backgroundText_ = nullptr; // what the prefetcher does
    QLabel *zoomText_ = nullptr;
    QProgressBar *progressBar_ = nullptr;
    QPushButton *cancelButton_ = nullptr;

    QList<int> selection_;
    std::shared_ptr<const diffcut::SegmentationResult> shown_; // the result the views show
    std::vector<diffcut::NodePath> pendingSelection_; // select these once the next result shows them
    ViewOptions viewOptions_;
    QMenu *assignMenu_ = nullptr;       // the segments' context menu: Assign Class ▸
    QPoint hoveredPixel_{-1, -1};
    QString pendingFolderImage_; // the image to open once the folder is listed
};

} // namespace diffcut::ui
