#pragma once
// The annotation of the open image as the user edits it: the decisions (granularity, local
// split/coarsen, merges, classes, brush), the project's class list, unlimited undo/redo, and the
// sidecar file that is written shortly after every change and before the image is left, so that
// neither a crash nor switching images loses work.
#include "annotation/annotation_state.h"
#include "pipeline/segmentation_session.h"

#include <QObject>
#include <QPoint>
#include <QThreadPool>
#include <QTimer>
#include <QUndoStack>

#include <filesystem>
#include <memory>

namespace diffcut::ui {

class AnnotationDocument : public QObject {
    Q_OBJECT
public:
    explicit AnnotationDocument(QObject *parent = nullptr);
    ~AnnotationDocument() override; // saves what is unsaved

    QUndoStack *undoStack() { return &undoStack_; }

    // The project's classes (shared by all images). setClasses is not an edit (no undo step).
    const std::vector<LabelClass> &classes() const { return classes_; }
    void setClasses(std::vector<LabelClass> classes);

    // Starts on an image: its sidecar when there is one (its classes merged into the project's
    // list), else `defaults` (granularity only). Returns a message when a sidecar exists but
    // cannot be read; it is then kept aside as "<sidecar>.unreadable" and the image starts fresh.
    QString open(const QString &imagePath, cv::Size imageSize, const AnnotationState &defaults,
                 const std::filesystem::path &cacheRoot);
    void close(); // saves now when there are unsaved changes
    bool isOpen() const { return !imagePath_.isEmpty(); }
    QString imagePath() const { return imagePath_; }
    const AnnotationState &state() const { return state_; }
    // A snapshot for the pipeline (the brush layer is copied: the worker reads it while the user paints).
    CutRequest cutRequest() const;

    // The pipeline's latest result: what segment indices refer to in the edits below.
    void setResult(std::shared_ptr<const CutResult> result) { result_ = std::move(result); }
    const std::shared_ptr<const CutResult> &result() const { return result_; }

    // Edits; each is one undo step. They return an empty string when done, else why not.
    void setGranularity(double tau, double alpha, bool refine); // consecutive moves merge into one step
    QString splitSegments(const QList<int> &segments);
    QString coarsenSegments(const QList<int> &segments);
    QString mergeSegments(const QList<int> &segments);
    QString assignClass(const QList<int> &segments, int classIndex); // or Annotation::kUnlabelled
    void paintStroke(const QVector<QPoint> &points, int radius, bool eraser, int classIndex);
    void setDone(bool done);
    void addClass(const QString &name, const QColor &colour);
    void renameClass(int index, const QString &name);
    void recolourClass(int index, const QColor &colour);
    void removeClass(int index);
    bool classInUse(int index) const;

    // Writes the sidecar now (also what autosave calls). False (and saveFailed) when it cannot.
    bool saveNow();

signals:
    void changed();        // the decisions changed: the view needs a new cut
    void classesChanged(); // the project's class list changed
    void saved(const QString &imagePath, bool done);
    void saveFailed(const QString &message);

private:
    friend class DecisionsCommand;
    friend class StrokeCommand;
    struct Decisions {
        AnnotationState state; // brush included only when the edit touches it
        std::vector<LabelClass> classes;
    };
    // Records `edit` applied to a copy of the current decisions as one undo step (nothing when
    // it returns false). withBrush: the edit rewrites the brush layer (snapshots copy it);
    // needsImage: refused while no image is open (every edit but those of the class list).
    bool record(const QString &text, const std::function<bool(Decisions &)> &edit, bool withBrush = false,
                int mergeId = -1, bool needsImage = true);
    void apply(const Decisions &decisions, bool withBrush);
    void touched(); // after any change: notify, autosave soon
    std::vector<NodePath> pathsOf(const QList<int> &segments) const;

    std::vector<LabelClass> classes_;
    QString imagePath_;
    cv::Size imageSize_;
    std::filesystem::path cacheRoot_;
    AnnotationState state_;
    std::shared_ptr<const CutResult> result_;
    QUndoStack undoStack_;
    QTimer autosave_;
    bool dirty_ = false;
    QThreadPool savePool_; // one thread: saves are written in order, off the UI thread
};

} // namespace diffcut::ui
