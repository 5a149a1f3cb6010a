#pragma once
// "Suggest names" (issue 16): an OpenCLIP model names the unlabelled segments of the shown result.
// The slow half — loading the model, the image's dense CLIP features, the text classifier — runs
// once on a worker, shown by the task indicator with progress and Cancel; the fast half (pooling
// and classifying, milliseconds) runs on a worker again for every new result, so the suggestions
// follow τ, α, split and merge. Suggestions are only shown until the user accepts them — then they
// are ordinary class assignments of the annotation document (undoable, autosaved) — or rejects them.
#include "annotation/class_list.h"
#include "naming/segment_namer.h"
#include "pipeline/segmentation_request.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QVector>

#include <memory>
#include <stop_token>

namespace diffcut::ui {

class AnnotationDocument;
class TaskIndicator;

struct NameSuggestion {
    ClassId classId = -1; // −1: none (the segment is labelled, or nothing is suggested)
    float score = 0;      // the suggested class's probability
};

class NamingController : public QObject {
    Q_OBJECT
public:
    NamingController(AnnotationDocument *document, TaskIndicator *tasks, QObject *parent = nullptr);
    ~NamingController() override; // stops the work and waits for it

    // The model and how it runs; an empty model means no suggestions. A change drops the loaded
    // model and the suggestions.
    void setNamerSettings(const NamerSettings &settings);
    const NamerSettings &namerSettings() const { return settings_; }
    // A CLIP model is set, the project has a class and an image is open.
    bool canSuggest() const;
    // The image the document is open on (its dense features are kept until another opens).
    void setImage(const QString &path, const cv::Mat3b &rgb);

    // Starts naming the document's result; false (nothing started) when it cannot.
    bool suggest();
    bool isActive() const { return active_; }
    bool isWorking() const { return preparing_ != 0; }
    // Per segment of the document's current result; empty while none are computed for it.
    QVector<NameSuggestion> suggestions() const;
    // Assign the suggested classes (one undo step); they return why not, or an empty string.
    QString acceptAll();
    QString acceptSegments(const QList<int> &segments);
    // Drops the suggestions until the next suggest().
    void reject();
    // The document's result changed (call after it did): the suggestions follow it.
    void resultChanged();

signals:
    void suggestionsChanged();
    void availabilityChanged(bool canSuggest);
    void failed(const QString &message);

private:
    struct Prepared {
        std::shared_ptr<const SegmentNamer> namer;
        std::shared_ptr<const FeatureMap> dense;
        std::shared_ptr<const TextClassifier> classifier;
        std::vector<ClassId> classIds; // the class of each classifier index
        std::vector<std::string> classNames;
    };
    void prepare();
    void classify();
    void stop();
    void notifyAvailability();

    AnnotationDocument *document_;
    TaskIndicator *tasks_;
    NamerSettings settings_;
    QString imagePath_;
    cv::Mat3b image_;
    bool active_ = false;
    bool lastAvailable_ = false;
    int preparing_ = 0;     // the task indicator's entry while preparing, else 0
    quint64 generation_ = 0; // bumped by everything that makes running work stale
    Prepared prepared_;
    std::shared_ptr<const SegmentationResult> suggestedFor_;
    QVector<NameSuggestion> suggestions_;
    std::stop_source stop_;
    QThreadPool pool_;
};

} // namespace diffcut::ui
