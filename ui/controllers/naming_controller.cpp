#include "controllers/naming_controller.h"

#include "controllers/task_indicator.h"
#include "document/annotation_document.h"
#include "util/thread_priority.h"

#include <map>
#include <utility>

namespace diffcut::ui {

NamingController::NamingController(AnnotationDocument *document, TaskIndicator *tasks, QObject *parent)
    : QObject(parent), document_(document), tasks_(tasks) {
    // Two threads: classifying a new result need not wait behind the image tower.
    pool_.setMaxThreadCount(2);
    connect(document_, &AnnotationDocument::classesChanged, this, [this] {
        notifyAvailability();
        if (active_ && canSuggest())
            prepare(); // a new classifier; the model and the dense features are kept
        else if (active_)
            reject();
    });
}

NamingController::~NamingController() {
    stop_.request_stop();
    pool_.waitForDone();
}

void NamingController::setNamerSettings(const NamerSettings &settings) {
    const bool same = settings.model.model == settings_.model.model && settings.model.device == settings_.model.device &&
                      settings.clipSize == settings_.clipSize && settings.normalize == settings_.normalize &&
                      settings.cacheFolder == settings_.cacheFolder && settings.useCache == settings_.useCache;
    if (same)
        return;
    reject();
    settings_ = settings;
    prepared_ = {};
    notifyAvailability();
}

bool NamingController::canSuggest() const {
    return !settings_.model.model.empty() && !document_->classes().classes.empty() && !image_.empty();
}

void NamingController::setImage(const QString &path, const cv::Mat3b &rgb) {
    reject();
    imagePath_ = path;
    image_ = rgb;
    prepared_.dense.reset();
    notifyAvailability();
}

bool NamingController::suggest() {
    if (!canSuggest())
        return false;
    active_ = true;
    prepare();
    return true;
}

QVector<NameSuggestion> NamingController::suggestions() const {
    return active_ && suggestedFor_ && suggestedFor_ == document_->result() ? suggestions_ : QVector<NameSuggestion>{};
}

QString NamingController::acceptAll() {
    QList<int> all;
    for (int segment = 0; segment < suggestions().size(); ++segment)
        all << segment;
    return acceptSegments(all);
}

QString NamingController::acceptSegments(const QList<int> &segments) {
    const QVector<NameSuggestion> current = suggestions();
    std::map<ClassId, QList<int>> byClass;
    for (const int segment : segments)
        if (segment >= 0 && segment < current.size() && current[segment].classId >= 0)
            byClass[current[segment].classId] << segment;
    if (byClass.empty())
        return tr("No suggested name for the selected segments.");
    QString problem;
    document_->undoStack()->beginMacro(tr("Accept suggested names"));
    for (const auto &[classId, members] : byClass)
        if (const QString why = document_->assignClass(members, classId); !why.isEmpty() && problem.isEmpty())
            problem = why;
    document_->undoStack()->endMacro();
    return problem;
}

void NamingController::reject() {
    const bool had = active_;
    active_ = false;
    stop();
    suggestedFor_.reset();
    suggestions_.clear();
    if (had)
        emit suggestionsChanged();
}

void NamingController::resultChanged() {
    if (active_ && prepared_.classifier)
        classify();
}

void NamingController::stop() {
    ++generation_;
    stop_.request_stop();
    stop_ = std::stop_source();
    if (preparing_ != 0)
        tasks_->end(std::exchange(preparing_, 0));
}

void NamingController::notifyAvailability() {
    if (canSuggest() != lastAvailable_)
        emit availabilityChanged(lastAvailable_ = canSuggest());
}

void NamingController::prepare() {
    stop();
    const quint64 generation = generation_;
    std::vector<std::string> names;
    std::vector<ClassId> ids;
    for (const ProjectClass &each : document_->classes().classes) {
        names.push_back(each.name);
        ids.push_back(each.id);
    }
    const TaskIndicator::TaskId task = tasks_->begin(tr("Suggesting names…"), [this] {
        // Not reject() here: that ends this task while the indicator is still calling it.
        stop_.request_stop();
        QMetaObject::invokeMethod(this, &NamingController::reject, Qt::QueuedConnection);
    });
    preparing_ = task;
    WorkControl control;
    control.stop = stop_.get_token();
    control.progress = [this, task](double fraction, std::string_view stage) {
        QMetaObject::invokeMethod(this, [this, task, fraction, detail = QString::fromUtf8(stage.data(), qsizetype(stage.size()))] {
            tasks_->setFraction(task, fraction, detail);
        }, Qt::QueuedConnection);
    };
    pool_.start([this, generation, control, prepared = prepared_, settings = settings_, image = image_,
                 names = std::move(names), ids = std::move(ids)]() mutable {
        lowerCurrentThreadPriority(kLongWorkNiceness);
        QString error;
        try {
            if (!prepared.namer)
                prepared.namer = std::make_shared<const SegmentNamer>(settings);
            if (!prepared.dense)
                prepared.dense = std::make_shared<const FeatureMap>(prepared.namer->denseFeatures(image, control.part(0, 0.9)));
            if (!prepared.classifier || prepared.classNames != names) {
                prepared.classifier =
                    std::make_shared<const TextClassifier>(prepared.namer->buildClassifier(names, control.part(0.9, 1)));
                prepared.classNames = names;
                prepared.classIds = ids;
            }
        } catch (const Cancelled &) {
            return; // the canceller has already reset the state
        } catch (const std::exception &failure) {
            error = QString::fromUtf8(failure.what());
        }
        QMetaObject::invokeMethod(this, [this, generation, prepared = std::move(prepared), error] {
            if (generation != generation_)
                return;
            if (preparing_ != 0)
                tasks_->end(std::exchange(preparing_, 0));
            if (!error.isEmpty()) {
                reject();
                emit failed(tr("Names cannot be suggested: %1").arg(error));
                return;
            }
            prepared_ = prepared;
            classify();
        }, Qt::QueuedConnection);
    });
}

void NamingController::classify() {
    const std::shared_ptr<const SegmentationResult> result = document_->result();
    if (!result)
        return;
    const quint64 generation = generation_;
    pool_.start([this, generation, result, prepared = prepared_] {
        QString error;
        QVector<NameSuggestion> suggestions;
        try {
            const Annotation &annotation = result->composed.annotation;
            const std::vector<SegmentScores> scores =
                prepared.namer->classify(*prepared.dense, annotation.segments, *prepared.classifier);
            suggestions.resize(annotation.segmentCount());
            for (const SegmentScores &each : scores)
                if (each.label >= 0 && each.label < annotation.segmentCount() &&
                    annotation.segmentClass[std::size_t(each.label)] == Annotation::kUnlabelled)
                    suggestions[each.label] = {prepared.classIds[std::size_t(each.classIndex)],
                                               each.probabilities[std::size_t(each.classIndex)]};
        } catch (const std::exception &failure) {
            error = QString::fromUtf8(failure.what());
        }
        QMetaObject::invokeMethod(this, [this, generation, result, suggestions = std::move(suggestions), error] {
            // Stale: rejected or re-prepared since, or a newer result is already shown.
            if (generation != generation_ || result != document_->result())
                return;
            if (!error.isEmpty()) {
                reject();
                emit failed(tr("Names cannot be suggested: %1").arg(error));
                return;
            }
            suggestedFor_ = result;
            suggestions_ = suggestions;
            emit suggestionsChanged();
        }, Qt::QueuedConnection);
    });
}

} // namespace diffcut::ui
