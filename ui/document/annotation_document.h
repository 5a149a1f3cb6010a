#pragma once
// The annotation of the open image as the user edits it: the decisions (granularity, local
// split/coarsen, merges, classes, brush), the project's class list, unlimited undo/redo, and the
// files that are written shortly after every change and before the image is left (the image's
// sidecar, the project's class list), so that neither a crash nor switching images loses work.
//
// Node edits are bound to the tree the user sees (the shown result's features and α); decisions of
// other trees stay in the state, set aside (annotation_state.h). Class edits change the project's
// one list — every image of the folder — and are undoable like the rest.
#include "annotation/annotation_state.h"
#include "annotation/project_classes.h"
#include "pipeline/segmentation_request.h"
#include "util/background_release.h"

#include <QObject>
#include <QPoint>
#include <QThreadPool>
#include <QTimer>
#include <QUndoStack>

#include <filesystem>
#include <functional>
#include <memory>

class QColor;

namespace diffcut::ui {

class AnnotationDocument : public QObject {
    Q_OBJECT
public:
    explicit AnnotationDocument(QObject *parent = nullptr);
    ~AnnotationDocument() override; // saves what is unsaved

    QUndoStack *undoStack() { return &undoStack_; }

    // The project whose class list applies (the opened folder's, or the image's). Not an edit: the
    // undo history is cleared. Saves what is unsaved first.
    void setProject(ProjectClasses project);
    const ProjectClasses &project() const { return project_; }
    const ClassList &classes() const { return project_.list; }

    // Starts on an image: its sidecar when there is one (its classes resolved into the project's
    // list), else `defaults` (granularity only). Returns what the user should know: a sidecar that
    // cannot be read is kept aside with all its files and the image starts fresh; classes the
    // sidecar added to the list or could not restore.
    QStringList open(const QString &imagePath, cv::Size imageSize, const AnnotationState &defaults,
                     const std::filesystem::path &cacheRoot);
    void close(); // saves now when there are unsaved changes
    bool isOpen() const { return !imagePath_.isEmpty(); }
    QString imagePath() const { return imagePath_; }
    const AnnotationState &state() const { return state_; }
    // A snapshot for the pipeline. The brush layer is shared, not copied: the document copies it
    // before painting into it while a request still holds it.
    SegmentationRequest request() const;

    // The pipeline's latest result: what segment indices refer to in the edits below.
    void setResult(std::shared_ptr<const SegmentationResult> result) {
        releaseInBackground(std::exchange(result_, std::move(result)));
    }
    const std::shared_ptr<const SegmentationResult> &result() const { return result_; }

    // Edits; each is one undo step. They return an empty string when done, else why not.
    void setGranularity(double tau, double alpha, bool refine); // consecutive moves merge into one step
    QString splitSegments(const QList<int> &segments);
    QString coarsenSegments(const QList<int> &segments);
    QString mergeSegments(const QList<int> &segments);
    QString assignClass(const QList<int> &segments, ClassId classId); // or Annotation::kUnlabelled
    // Edits of one node of the shown tree (the Hierarchy panel).
    QString makeSegment(const NodePath &node);
    QString splitNode(const NodePath &node);
    QString coarsenNode(const NodePath &node);
    QString assignClassToNode(const NodePath &node, ClassId classId);
    void paintStroke(const QVector<QPoint> &points, int radius, bool eraser, ClassId classId);
    void setDone(bool done);

    // Class list edits (the whole project); they return why not, or an empty string.
    QString addClass(const QString &name, const QColor &colour);
    QString renameClass(ClassId id, const QString &name);
    QString recolourClass(ClassId id, const QColor &colour);
    QString removeClass(ClassId id);
    QString moveClass(ClassId id, int index);
    // labelme's --labels file: names it adds (existing ones and labelme's own entries are skipped).
    QStringList importLabels(const QString &text);

    // Writes the sidecar and the class list now (also what autosave calls). False (and saveFailed)
    // when it cannot.
    bool saveNow();

signals:
    void changed();        // the decisions changed: the view needs a new cut
    void classesChanged(); // the project's class list changed
    // After an edit that produces segments (split, merge, make-segment): the node paths whose
    // segments should be selected once the next result shows them.
    void selectPaths(const std::vector<diffcut::NodePath> &paths);
    void saved(const QString &imagePath, bool done);
    void saveFailed(const QString &message);

private:
    friend class DecisionsCommand;
    friend class StrokeCommand;
    struct Decisions {
        AnnotationState state; // brush included only when the edit touches it
        ClassList classes;
    };
    // Records `edit` applied to a copy of the current decisions as one undo step (nothing when
    // it returns false). needsImage: refused while no image is open (every edit but those of the
    // class list).
    bool record(const QString &text, const std::function<bool(Decisions &)> &edit, int mergeId = -1,
                bool needsImage = true);
    // A node edit on the shown tree: why it cannot be made now, or empty.
    QString nodeEditProblem() const;
    bool recordNodeEdit(const QString &text, const std::function<bool(NodeDecisions &)> &edit);
    void apply(const Decisions &decisions);
    void touched(); // after any change: notify, autosave soon
    std::vector<NodePath> pathsOf(const QList<int> &segments) const;
    QString classListProblem(const std::function<bool(ClassList &)> &edit, const QString &text);

    ProjectClasses project_;
    bool classesDirty_ = false;
    QString imagePath_;
    cv::Size imageSize_;
    std::filesystem::path cacheRoot_;
    AnnotationState state_;
    std::shared_ptr<const SegmentationResult> result_;
    QUndoStack undoStack_;
    QTimer autosave_;
    bool dirty_ = false;
    QThreadPool savePool_; // one thread: saves are written in order, off the UI thread
};

} // namespace diffcut::ui
