#include "document/annotation_document.h"

#include "annotation/sidecar.h"
#include "common/error.h"

#include <QColor>
#include <QSet>
#include <QUndoCommand>

#include <algorithm>
#include <cmath>

namespace diffcut::ui {

namespace {

constexpr int kAutosaveDelayMs = 400;
constexpr int kGranularityMergeId = 1;

cv::Vec3b toRgb(const QColor &colour) { return {uchar(colour.red()), uchar(colour.green()), uchar(colour.blue())}; }

bool sameClassList(const ClassList &a, const ClassList &b) {
    const auto same = [](const std::vector<ProjectClass> &x, const std::vector<ProjectClass> &y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const ProjectClass &p, const ProjectClass &q) {
            return p.id == q.id && p.name == q.name && p.colour == q.colour && p.formerNames == q.formerNames;
        });
    };
    return a.projectId == b.projectId && a.nextId == b.nextId && same(a.classes, b.classes) && same(a.deleted, b.deleted);
}

// The brush layer is shared with requests and saves in flight: copy it before writing into it.
void detach(cv::Mat1w &brush) {
    if (!brush.empty() && brush.u && CV_XADD(&brush.u->refcount, 0) > 1)
        brush = brush.clone();
}

} // namespace

// One undo step of the decisions and of the class list: the whole before and after, which are
// small (the brush layer is not part of it: strokes have their own command).
class DecisionsCommand : public QUndoCommand {
public:
    DecisionsCommand(AnnotationDocument *document, const QString &text, AnnotationDocument::Decisions before,
                     AnnotationDocument::Decisions after, int mergeId)
        : QUndoCommand(text), document_(document), before_(std::move(before)), after_(std::move(after)),
          mergeId_(mergeId) {}
    void undo() override { document_->apply(before_); }
    void redo() override { document_->apply(after_); }
    int id() const override { return mergeId_; }
    bool mergeWith(const QUndoCommand *other) override {
        after_ = static_cast<const DecisionsCommand *>(other)->after_;
        return true;
    }

private:
    AnnotationDocument *document_;
    AnnotationDocument::Decisions before_, after_;
    int mergeId_;
};

// One brush or eraser stroke: only the rectangle it touched, before and after.
class StrokeCommand : public QUndoCommand {
public:
    StrokeCommand(AnnotationDocument *document, const QString &text, cv::Rect rect, cv::Mat1w before, cv::Mat1w after)
        : QUndoCommand(text), document_(document), rect_(rect), before_(std::move(before)), after_(std::move(after)) {}
    void undo() override { put(before_); }
    void redo() override { put(after_); }

private:
    void put(const cv::Mat1w &patch) {
        cv::Mat1w &brush = document_->state_.brush;
        if (brush.empty())
            brush = cv::Mat1w(document_->imageSize_, BrushValue::kUntouched);
        detach(brush);
        patch.copyTo(brush(rect_));
        document_->touched();
    }
    AnnotationDocument *document_;
    cv::Rect rect_;
    cv::Mat1w before_, after_;
};

AnnotationDocument::AnnotationDocument(QObject *parent) : QObject(parent) {
    project_.list = makeClassList();
    savePool_.setMaxThreadCount(1);
    autosave_.setSingleShot(true);
    autosave_.setInterval(kAutosaveDelayMs);
    connect(&autosave_, &QTimer::timeout, this, [this] {
        const bool saveImage = dirty_ && isOpen();
        const bool saveClasses = classesDirty_;
        if (!saveImage && !saveClasses)
            return;
        dirty_ = false;
        classesDirty_ = false;
        // Written off the UI thread from a snapshot: a large brush layer takes a while to encode.
        savePool_.start([this, saveImage, saveClasses, image = std::filesystem::path(imagePath_.toStdString()),
                         snapshot = state_, project = project_, cacheRoot = cacheRoot_, size = imageSize_,
                         path = imagePath_]() mutable {
            QString error;
            try {
                if (saveClasses || (project.file.empty() && !project.list.classes.empty()))
                    saveProject(project, cacheRoot);
                if (saveImage)
                    saveSidecar(image, cacheRoot, snapshot, project.list, size);
            } catch (const std::exception &exception) {
                error = QString::fromUtf8(exception.what());
            }
            QMetaObject::invokeMethod(this, [this, error, path, saveImage, saveClasses, file = project.file,
                                             done = snapshot.done] {
                if (project_.file.empty())
                    project_.file = file;
                if (error.isEmpty()) {
                    if (saveImage)
                        emit saved(path, done);
                    return;
                }
                // Try again at the next change or when the image is left.
                dirty_ = dirty_ || (saveImage && path == imagePath_);
                classesDirty_ = classesDirty_ || saveClasses;
                emit saveFailed(error);
            }, Qt::QueuedConnection);
        });
    });
}

AnnotationDocument::~AnnotationDocument() { close(); }

void AnnotationDocument::setProject(ProjectClasses project) {
    close();
    project_ = std::move(project);
    classesDirty_ = false;
    undoStack_.clear();
    emit classesChanged();
}

QStringList AnnotationDocument::open(const QString &imagePath, cv::Size imageSize, const AnnotationState &defaults,
                                     const std::filesystem::path &cacheRoot) {
    close();
    imagePath_ = imagePath;
    imageSize_ = imageSize;
    cacheRoot_ = cacheRoot;
    result_.reset();
    undoStack_.clear();
    state_ = AnnotationState{};
    state_.tau = defaults.tau;
    state_.alpha = defaults.alpha;
    state_.refine = defaults.refine;
    QStringList messages;
    const std::filesystem::path image = imagePath.toStdString();
    if (const std::filesystem::path sidecar = findSidecar(image, cacheRoot); !sidecar.empty()) {
        try {
            const std::vector<ProjectClass> before = project_.list.classes;
            LoadedSidecar loaded = loadSidecar(sidecar, imageSize, project_.list);
            state_ = std::move(loaded.state);
            for (const std::string &note : loaded.notes)
                messages << QString::fromStdString(note);
            if (project_.list.classes.size() != before.size()) {
                classesDirty_ = true;
                autosave_.start();
                emit classesChanged();
            }
        } catch (const Error &error) {
            // Kept aside with all its files, never overwritten by the next save.
            QString where;
            try {
                where = tr("it was kept as %1").arg(QString::fromStdString(setSidecarAside(sidecar).string()));
            } catch (const Error &moveError) {
                where = QString::fromUtf8(moveError.what());
            }
            messages << tr("The saved annotation could not be read (%1); %2. The image starts fresh.")
                            .arg(QString::fromUtf8(error.what()), where);
        }
    }
    emit changed();
    return messages;
}

void AnnotationDocument::close() {
    autosave_.stop();
    savePool_.waitForDone();
    if ((dirty_ && isOpen()) || classesDirty_)
        saveNow();
    imagePath_.clear();
    state_ = AnnotationState{};
    dirty_ = false;
    result_.reset();
    undoStack_.clear();
}

bool AnnotationDocument::saveNow() {
    savePool_.waitForDone();
    try {
        if (classesDirty_ || (project_.file.empty() && !project_.list.classes.empty()))
            saveProject(project_, cacheRoot_);
        classesDirty_ = false;
        if (isOpen())
            saveSidecar(imagePath_.toStdString(), cacheRoot_, state_, project_.list, imageSize_);
    } catch (const std::exception &exception) {
        emit saveFailed(QString::fromUtf8(exception.what()));
        return false;
    }
    if (!isOpen())
        return true;
    dirty_ = false;
    emit saved(imagePath_, state_.done);
    return true;
}

SegmentationRequest AnnotationDocument::request() const { return {state_, project_.list}; }

void AnnotationDocument::touched() {
    dirty_ = true;
    autosave_.start();
    emit changed();
}

void AnnotationDocument::apply(const Decisions &decisions) {
    const cv::Mat1w brush = state_.brush;
    state_ = decisions.state;
    state_.brush = brush;
    if (!sameClassList(project_.list, decisions.classes)) {
        project_.list = decisions.classes;
        classesDirty_ = true;
        emit classesChanged();
    }
    if (isOpen())
        touched();
    else
        autosave_.start();
}

bool AnnotationDocument::record(const QString &text, const std::function<bool(Decisions &)> &edit, int mergeId,
                                bool needsImage) {
    if (needsImage && !isOpen())
        return false;
    Decisions before{state_, project_.list};
    before.state.brush = cv::Mat1w();
    Decisions after = before;
    if (!edit(after))
        return false;
    undoStack_.push(new DecisionsCommand(this, text, std::move(before), std::move(after), mergeId));
    return true;
}

QString AnnotationDocument::nodeEditProblem() const {
    if (!result_)
        return tr("Wait for the segmentation to be shown.");
    if (result_->treeKey.alpha != state_.alpha)
        return tr("The segmentation for α = %1 is not shown yet.").arg(state_.alpha);
    return {};
}

bool AnnotationDocument::recordNodeEdit(const QString &text, const std::function<bool(NodeDecisions &)> &edit) {
    const TreeKey tree = result_->treeKey;
    return record(text, [&](Decisions &decisions) { return edit(editDecisionsFor(decisions.state, tree)); });
}

std::vector<NodePath> AnnotationDocument::pathsOf(const QList<int> &segments) const {
    std::vector<NodePath> paths;
    if (!result_)
        return paths;
    for (const int segment : segments)
        if (segment >= 0 && segment < int(result_->composed.segmentPaths.size()))
            for (const NodePath &path : result_->composed.segmentPaths[std::size_t(segment)])
                paths.push_back(path);
    return paths;
}

void AnnotationDocument::setGranularity(double tau, double alpha, bool refine) {
    if (state_.tau == tau && state_.alpha == alpha && state_.refine == refine)
        return;
    record(tr("Change granularity"), [&](Decisions &decisions) {
        decisions.state.tau = tau;
        decisions.state.alpha = alpha;
        decisions.state.refine = refine;
        return true;
    }, kGranularityMergeId);
}

QString AnnotationDocument::splitSegments(const QList<int> &segments) {
    if (segments.isEmpty())
        return tr("Select a segment to split.");
    if (const QString problem = nodeEditProblem(); !problem.isEmpty())
        return problem;
    QString reason = tr("These segments cannot be split further.");
    std::vector<NodePath> produced;
    const bool done = recordNodeEdit(tr("Split segment"), [&](NodeDecisions &decisions) {
        bool changed = false;
        for (const int segment : segments) {
            if (segment < 0 || segment >= int(result_->composed.segmentPaths.size()))
                continue;
            const auto &paths = result_->composed.segmentPaths[std::size_t(segment)];
            if (paths.size() > 1) { // a merged segment splits back into its parts
                changed |= dissolveMerge(decisions, paths.front());
                produced.insert(produced.end(), paths.begin(), paths.end());
                continue;
            }
            if (paths.empty()) {
                reason = tr("Brush strokes are not part of the hierarchy; paint over them instead.");
                continue;
            }
            // The segment's own node (nodeAtPath would wait for a cut running in the worker).
            const int node = result_->composed.annotation.segmentNode[std::size_t(segment)];
            if (node >= 0 && std::isfinite(result_->tree->node(node).ncut) && diffcut::splitNode(decisions, paths.front())) {
                changed = true;
                produced.push_back(paths.front());
            }
        }
        return changed;
    });
    if (!done)
        return reason;
    emit selectPaths(produced);
    return {};
}

QString AnnotationDocument::coarsenSegments(const QList<int> &segments) {
    const std::vector<NodePath> paths = pathsOf(segments);
    if (paths.empty())
        return tr("Select a segment to coarsen.");
    if (const QString problem = nodeEditProblem(); !problem.isEmpty())
        return problem;
    std::vector<NodePath> parents;
    const bool done = recordNodeEdit(tr("Coarsen segment"), [&](NodeDecisions &decisions) {
        bool changed = false;
        for (const NodePath &path : paths)
            if (diffcut::coarsenNode(decisions, path)) {
                changed = true;
                parents.push_back(path.substr(0, path.size() - 1));
            }
        return changed;
    });
    if (!done)
        return tr("The whole image is already one segment.");
    emit selectPaths(parents);
    return {};
}

QString AnnotationDocument::mergeSegments(const QList<int> &segments) {
    const std::vector<NodePath> paths = pathsOf(segments);
    if (QSet<int>(segments.begin(), segments.end()).size() < 2 || paths.size() < 2)
        return tr("Select at least two segments to merge (Shift+click adds to the selection).");
    if (const QString problem = nodeEditProblem(); !problem.isEmpty())
        return problem;
    if (!recordNodeEdit(tr("Merge segments"), [&](NodeDecisions &decisions) { return mergeNodes(decisions, paths); }))
        return tr("These segments are already merged.");
    emit selectPaths(paths);
    return {};
}

QString AnnotationDocument::assignClass(const QList<int> &segments, ClassId classId) {
    const std::vector<NodePath> paths = pathsOf(segments);
    if (paths.empty())
        return tr("Select the segments to assign a class to.");
    if (classId != Annotation::kUnlabelled && !project_.list.find(classId))
        return tr("There is no such class; add classes in the Classes panel.");
    if (const QString problem = nodeEditProblem(); !problem.isEmpty())
        return problem;
    const QString text = classId == Annotation::kUnlabelled
                             ? tr("Remove class")
                             : tr("Assign class %1").arg(QString::fromStdString(project_.list.find(classId)->name));
    recordNodeEdit(text, [&](NodeDecisions &decisions) { return diffcut::assignClass(decisions, paths, classId); });
    return {};
}

QString AnnotationDocument::makeSegment(const NodePath &node) {
    if (const QString problem = nodeEditProblem(); !problem.isEmpty())
        return problem;
    const std::vector<NodePath> &leaves = result_->leafPaths;
    if (!recordNodeEdit(tr("Make one segment"),
                        [&](NodeDecisions &decisions) { return diffcut::makeSegment(decisions, node, leaves); }))
        return tr("This node is one segment already.");
    emit selectPaths({node});
    return {};
}

QString AnnotationDocument::splitNode(const NodePath &node) {
    if (const QString problem = nodeEditProblem(); !problem.isEmpty())
        return problem;
    if (!recordNodeEdit(tr("Split segment"), [&](NodeDecisions &decisions) { return diffcut::splitNode(decisions, node); }))
        return tr("This node is split already.");
    emit selectPaths({node});
    return {};
}

QString AnnotationDocument::coarsenNode(const NodePath &node) {
    if (const QString problem = nodeEditProblem(); !problem.isEmpty())
        return problem;
    if (!recordNodeEdit(tr("Coarsen segment"), [&](NodeDecisions &decisions) { return diffcut::coarsenNode(decisions, node); }))
        return tr("The whole image is already one segment.");
    emit selectPaths({node.substr(0, node.empty() ? 0 : node.size() - 1)});
    return {};
}

QString AnnotationDocument::assignClassToNode(const NodePath &node, ClassId classId) {
    if (const QString problem = nodeEditProblem(); !problem.isEmpty())
        return problem;
    if (classId != Annotation::kUnlabelled && !project_.list.find(classId))
        return tr("There is no such class; add classes in the Classes panel.");
    recordNodeEdit(tr("Assign class"), [&](NodeDecisions &decisions) { return diffcut::assignClass(decisions, {node}, classId); });
    return {};
}

void AnnotationDocument::paintStroke(const QVector<QPoint> &points, int radius, bool eraser, ClassId classId) {
    if (points.isEmpty() || !isOpen())
        return;
    std::vector<cv::Point> stroke;
    stroke.reserve(std::size_t(points.size()));
    cv::Rect bounds(points.front().x(), points.front().y(), 1, 1);
    for (const QPoint &point : points) {
        stroke.emplace_back(point.x(), point.y());
        bounds |= cv::Rect(point.x(), point.y(), 1, 1);
    }
    // Everything the stroke can touch: the points' box grown by the radius, inside the image.
    const cv::Rect area = cv::Rect(bounds.x - radius - 1, bounds.y - radius - 1, bounds.width + 2 * radius + 2,
                                   bounds.height + 2 * radius + 2) &
                          cv::Rect(cv::Point(), imageSize_);
    if (area.empty())
        return;
    if (state_.brush.empty())
        state_.brush = cv::Mat1w(imageSize_, BrushValue::kUntouched);
    detach(state_.brush);
    cv::Mat1w before = state_.brush(area).clone();
    const std::uint16_t value = eraser ? BrushValue::kErased : BrushValue::forClass(classId);
    if (diffcut::paintStroke(state_, imageSize_, stroke, radius, value).empty())
        return;
    cv::Mat1w after = state_.brush(area).clone();
    // The stroke is already painted; pushing redoes it, which writes the same pixels again.
    undoStack_.push(new StrokeCommand(this, eraser ? tr("Erase") : tr("Paint"), area, std::move(before), std::move(after)));
}

void AnnotationDocument::setDone(bool done) {
    record(done ? tr("Mark as done") : tr("Mark as not done"), [&](Decisions &decisions) {
        if (decisions.state.done == done)
            return false;
        decisions.state.done = done;
        return true;
    });
}

QString AnnotationDocument::classListProblem(const std::function<bool(ClassList &)> &edit, const QString &text) {
    QString problem;
    record(text, [&](Decisions &decisions) {
        try {
            return edit(decisions.classes);
        } catch (const Error &error) {
            problem = QString::fromUtf8(error.what());
            return false;
        }
    }, -1, false);
    return problem;
}

QString AnnotationDocument::addClass(const QString &name, const QColor &colour) {
    return classListProblem([&](ClassList &list) { return diffcut::addClass(list, name.toStdString(), toRgb(colour)) >= 0; },
                            tr("Add class %1").arg(name));
}

QString AnnotationDocument::renameClass(ClassId id, const QString &name) {
    return classListProblem([&](ClassList &list) { return diffcut::renameClass(list, id, name.toStdString()); },
                            tr("Rename class"));
}

QString AnnotationDocument::recolourClass(ClassId id, const QColor &colour) {
    return classListProblem([&](ClassList &list) { return diffcut::recolourClass(list, id, toRgb(colour)); },
                            tr("Change class colour"));
}

QString AnnotationDocument::removeClass(ClassId id) {
    return classListProblem([&](ClassList &list) { return diffcut::deleteClass(list, id); }, tr("Delete class"));
}

QString AnnotationDocument::moveClass(ClassId id, int index) {
    return classListProblem([&](ClassList &list) { return diffcut::moveClass(list, id, index); }, tr("Reorder classes"));
}

QStringList AnnotationDocument::importLabels(const QString &text) {
    std::vector<std::string> added;
    classListProblem([&](ClassList &list) {
        added = importLabelmeLabels(list, text.toStdString(), &defaultClassColour);
        return !added.empty();
    }, tr("Import classes"));
    QStringList names;
    for (const std::string &name : added)
        names << QString::fromStdString(name);
    return names;
}

} // namespace diffcut::ui
