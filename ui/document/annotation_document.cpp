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

} // namespace

// One undo step of the decisions (and of the class list): the whole before and after, which are
// small; the brush layer is part of it only for the edits that rewrite it (removing a class).
class DecisionsCommand : public QUndoCommand {
public:
    DecisionsCommand(AnnotationDocument *document, const QString &text, AnnotationDocument::Decisions before,
                     AnnotationDocument::Decisions after, bool withBrush, int mergeId)
        : QUndoCommand(text), document_(document), before_(std::move(before)), after_(std::move(after)),
          withBrush_(withBrush), mergeId_(mergeId) {}
    void undo() override { document_->apply(before_, withBrush_); }
    void redo() override { document_->apply(after_, withBrush_); }
    int id() const override { return mergeId_; }
    bool mergeWith(const QUndoCommand *other) override {
        after_ = static_cast<const DecisionsCommand *>(other)->after_;
        return true;
    }

private:
    AnnotationDocument *document_;
    AnnotationDocument::Decisions before_, after_;
    bool withBrush_;
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
        if (brush.empty()) // undoing a class removal can restore the layer to "never painted"
            brush = cv::Mat1w(document_->imageSize_, BrushValue::kUntouched);
        patch.copyTo(brush(rect_));
        document_->touched();
    }
    AnnotationDocument *document_;
    cv::Rect rect_;
    cv::Mat1w before_, after_;
};

AnnotationDocument::AnnotationDocument(QObject *parent) : QObject(parent) {
    autosave_.setSingleShot(true);
    autosave_.setInterval(kAutosaveDelayMs);
    connect(&autosave_, &QTimer::timeout, this, [this] {
        if (!dirty_ || !isOpen())
            return;
        dirty_ = false;
        // Written off the UI thread from a snapshot: a large brush layer takes a while to encode.
        const std::filesystem::path image = imagePath_.toStdString();
        AnnotationState snapshot = state_;
        snapshot.brush = state_.brush.clone();
        savePool_.start([this, image, snapshot, classes = classes_, cacheRoot = cacheRoot_, path = imagePath_] {
            QString error;
            try {
                saveSidecar(image, cacheRoot, snapshot, classes);
            } catch (const std::exception &exception) {
                error = QString::fromUtf8(exception.what());
            }
            QMetaObject::invokeMethod(this, [this, error, path, done = snapshot.done] {
                if (error.isEmpty()) {
                    emit saved(path, done);
                } else {
                    if (path == imagePath_)
                        dirty_ = true; // try again at the next change or when the image is left
                    emit saveFailed(error);
                }
            }, Qt::QueuedConnection);
        });
    });
    savePool_.setMaxThreadCount(1);
}

AnnotationDocument::~AnnotationDocument() { close(); }

void AnnotationDocument::setClasses(std::vector<LabelClass> classes) {
    classes_ = std::move(classes);
    emit classesChanged();
}

QString AnnotationDocument::open(const QString &imagePath, cv::Size imageSize, const AnnotationState &defaults,
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
    QString problem;
    const std::filesystem::path image = imagePath.toStdString();
    const std::filesystem::path sidecar = findSidecar(image, cacheRoot);
    if (!sidecar.empty()) {
        try {
            LoadedSidecar loaded = loadSidecar(sidecar, imageSize);
            mergeClassesInto(classes_, loaded);
            state_ = std::move(loaded.state);
            emit classesChanged();
        } catch (const Error &error) {
            // Keep the unreadable file for the user instead of overwriting it at the next save.
            std::filesystem::path aside = sidecar;
            aside += ".unreadable";
            std::error_code ignored;
            std::filesystem::rename(sidecar, aside, ignored);
            problem = tr("The saved annotation could not be read and was kept as %1: %2")
                          .arg(QString::fromStdString(aside.string()), QString::fromUtf8(error.what()));
        }
    }
    emit changed();
    return problem;
}

void AnnotationDocument::close() {
    autosave_.stop();
    savePool_.waitForDone();
    if (dirty_ && isOpen())
        saveNow();
    imagePath_.clear();
    state_ = AnnotationState{};
    dirty_ = false;
    result_.reset();
    undoStack_.clear();
}

bool AnnotationDocument::saveNow() {
    if (!isOpen())
        return false;
    savePool_.waitForDone();
    try {
        saveSidecar(imagePath_.toStdString(), cacheRoot_, state_, classes_);
    } catch (const std::exception &exception) {
        emit saveFailed(QString::fromUtf8(exception.what()));
        return false;
    }
    dirty_ = false;
    emit saved(imagePath_, state_.done);
    return true;
}

CutRequest AnnotationDocument::cutRequest() const {
    CutRequest request{state_, classes_};
    request.state.brush = state_.brush.clone();
    return request;
}

void AnnotationDocument::touched() {
    dirty_ = true;
    autosave_.start();
    emit changed();
}

void AnnotationDocument::apply(const Decisions &decisions, bool withBrush) {
    const cv::Mat1w brush = state_.brush;
    state_ = decisions.state;
    state_.brush = withBrush ? decisions.state.brush.clone() : brush;
    const bool classesDiffer = classes_.size() != decisions.classes.size() ||
                               !std::equal(classes_.begin(), classes_.end(), decisions.classes.begin(),
                                           [](const LabelClass &a, const LabelClass &b) {
                                               return a.name == b.name && a.colour == b.colour;
                                           });
    classes_ = decisions.classes;
    if (classesDiffer)
        emit classesChanged();
    touched();
}

bool AnnotationDocument::record(const QString &text, const std::function<bool(Decisions &)> &edit, bool withBrush,
                                int mergeId, bool needsImage) {
    if (needsImage && !isOpen())
        return false;
    Decisions before{state_, classes_};
    if (withBrush)
        before.state.brush = state_.brush.clone();
    Decisions after = before;
    if (withBrush)
        after.state.brush = state_.brush.clone();
    if (!edit(after))
        return false;
    undoStack_.push(new DecisionsCommand(this, text, std::move(before), std::move(after), withBrush, mergeId));
    return true;
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
    }, false, kGranularityMergeId);
}

QString AnnotationDocument::splitSegments(const QList<int> &segments) {
    if (!result_ || segments.isEmpty())
        return tr("Select a segment to split.");
    QString reason = tr("These segments cannot be split further.");
    const bool done = record(tr("Split segment"), [&](Decisions &decisions) {
        adoptCurrentAlpha(decisions.state);
        bool changed = false;
        for (const int segment : segments) {
            if (segment < 0 || segment >= int(result_->composed.segmentPaths.size()))
                continue;
            const auto &paths = result_->composed.segmentPaths[std::size_t(segment)];
            if (paths.size() > 1) { // a merged segment splits back into its parts
                changed |= dissolveMerge(decisions.state, paths.front());
                continue;
            }
            if (paths.empty()) {
                reason = tr("Brush strokes are not part of the hierarchy; paint over them instead.");
                continue;
            }
            // The segment's own node (nodeAtPath would wait for a cut running in the worker).
            const int node = result_->composed.annotation.segmentNode[std::size_t(segment)];
            if (node >= 0 && std::isfinite(result_->tree->node(node).ncut))
                changed |= splitNode(decisions.state, paths.front());
        }
        return changed;
    });
    return done ? QString() : reason;
}

QString AnnotationDocument::coarsenSegments(const QList<int> &segments) {
    const std::vector<NodePath> paths = pathsOf(segments);
    if (paths.empty())
        return tr("Select a segment to coarsen.");
    const bool done = record(tr("Coarsen segment"), [&](Decisions &decisions) {
        adoptCurrentAlpha(decisions.state);
        bool changed = false;
        for (const NodePath &path : paths)
            changed |= coarsenNode(decisions.state, path);
        return changed;
    });
    return done ? QString() : tr("The whole image is already one segment.");
}

QString AnnotationDocument::mergeSegments(const QList<int> &segments) {
    const std::vector<NodePath> paths = pathsOf(segments);
    if (QSet<int>(segments.begin(), segments.end()).size() < 2 || paths.size() < 2)
        return tr("Select at least two segments to merge (Shift+click adds to the selection).");
    const bool done = record(tr("Merge segments"), [&](Decisions &decisions) {
        adoptCurrentAlpha(decisions.state);
        return mergeNodes(decisions.state, paths);
    });
    return done ? QString() : tr("These segments are already merged.");
}

QString AnnotationDocument::assignClass(const QList<int> &segments, int classIndex) {
    const std::vector<NodePath> paths = pathsOf(segments);
    if (paths.empty())
        return tr("Select the segments to assign a class to.");
    if (classIndex != Annotation::kUnlabelled && (classIndex < 0 || classIndex >= int(classes_.size())))
        return tr("There is no class %1 yet; add classes in the Classes panel.").arg(classIndex + 1);
    const QString text = classIndex == Annotation::kUnlabelled
                             ? tr("Remove class")
                             : tr("Assign class %1").arg(QString::fromStdString(classes_[std::size_t(classIndex)].name));
    record(text, [&](Decisions &decisions) {
        adoptCurrentAlpha(decisions.state);
        return diffcut::assignClass(decisions.state, paths, classIndex);
    });
    return {};
}

void AnnotationDocument::paintStroke(const QVector<QPoint> &points, int radius, bool eraser, int classIndex) {
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
    cv::Mat1w before = state_.brush(area).clone();
    const std::uint16_t value = eraser ? BrushValue::kErased : BrushValue::forClass(classIndex);
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

void AnnotationDocument::addClass(const QString &name, const QColor &colour) {
    record(tr("Add class %1").arg(name), [&](Decisions &decisions) {
        decisions.classes.push_back({name.toStdString(), toRgb(colour)});
        return true;
    }, false, -1, false);
}

void AnnotationDocument::renameClass(int index, const QString &name) {
    record(tr("Rename class"), [&](Decisions &decisions) {
        if (index < 0 || index >= int(decisions.classes.size()) || decisions.classes[std::size_t(index)].name == name.toStdString())
            return false;
        decisions.classes[std::size_t(index)].name = name.toStdString();
        return true;
    }, false, -1, false);
}

void AnnotationDocument::recolourClass(int index, const QColor &colour) {
    record(tr("Change class colour"), [&](Decisions &decisions) {
        if (index < 0 || index >= int(decisions.classes.size()))
            return false;
        decisions.classes[std::size_t(index)].colour = toRgb(colour);
        return true;
    }, false, -1, false);
}

void AnnotationDocument::removeClass(int index) {
    record(tr("Delete class"), [&](Decisions &decisions) {
        if (index < 0 || index >= int(decisions.classes.size()))
            return false;
        decisions.classes.erase(decisions.classes.begin() + index);
        diffcut::removeClass(decisions.state, index);
        return true;
    }, true, -1, false);
}

bool AnnotationDocument::classInUse(int index) const {
    if (std::any_of(state_.nodeClass.begin(), state_.nodeClass.end(), [&](const auto &entry) { return entry.second == index; }))
        return true;
    if (state_.brush.empty())
        return false;
    const std::uint16_t value = BrushValue::forClass(index);
    return cv::countNonZero(state_.brush == value) > 0;
}

} // namespace diffcut::ui
