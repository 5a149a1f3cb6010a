#include "controllers/annotation_controller.h"

#include "annotation/project_classes.h"
#include "controllers/task_indicator.h"
#include "document/annotation_document.h"
#include "pipeline/segmentation_session.h"

#include <utility>

namespace diffcut::ui {

AnnotationController::AnnotationController(SegmentationSession *session, AnnotationDocument *document,
                                           TaskIndicator *tasks, std::function<Defaults()> defaults, QObject *parent)
    : QObject(parent), session_(session), document_(document), tasks_(tasks), defaults_(std::move(defaults)) {
    connect(session_, &SegmentationSession::imageLoaded, this, [this](const QString &path, const QImage &image) {
        const Defaults defaults = defaults_();
        const QStringList messages =
            document_->open(path, {image.width(), image.height()}, defaults.granularity, defaults.cacheRoot);
        emit imageOpened(path, image, messages);
    });
    connect(session_, &SegmentationSession::cutReady, this, [this](std::shared_ptr<const SegmentationResult> result) {
        document_->setResult(result);
        emit resultReady(result);
    });
    connect(session_, &SegmentationSession::tauChosen, this, [this](double tau, int count) {
        const AnnotationState &state = document_->state();
        document_->setGranularity(tau, state.alpha, state.refine);
        emit tauChosen(tau, count);
    });
    connect(session_, &SegmentationSession::busyChanged, this, [this](bool busy, const QString &what) {
        if (sessionTask_) {
            tasks_->end(sessionTask_);
            sessionTask_ = 0;
        }
        if (busy) {
            endUpdating(); // the job's own task says more
            sessionTask_ = tasks_->begin(what + QStringLiteral("…"), [this] { session_->cancel(); });
        } else if (session_->updating()) {
            updatingDelay_.start(); // the cut the job held back runs now
        }
    });
    updatingDelay_.setSingleShot(true);
    updatingDelay_.setInterval(kUpdatingShownAfterMs);
    connect(&updatingDelay_, &QTimer::timeout, this, &AnnotationController::showUpdating);
    connect(session_, &SegmentationSession::updatingChanged, this, [this](bool updating) {
        if (updating) {
            updatingDelay_.start();
        } else {
            updatingDelay_.stop();
            endUpdating();
        }
    });
    connect(session_, &SegmentationSession::progress, this, [this](double fraction, const QString &stage) {
        if (sessionTask_)
            tasks_->setFraction(sessionTask_, fraction, stage);
    });
    connect(document_, &AnnotationDocument::changed, this, &AnnotationController::requestCut);
}

void AnnotationController::showUpdating() {
    if (session_->updating() && !sessionTask_ && !updatingTask_)
        updatingTask_ = tasks_->begin(tr("Updating the segments") + QStringLiteral("…"), {});
}

void AnnotationController::endUpdating() {
    if (updatingTask_)
        tasks_->end(std::exchange(updatingTask_, 0));
}

void AnnotationController::openImage(const QString &path) {
    document_->close();
    session_->openImage(path);
}

QString AnnotationController::openProject(const QString &folder) {
    const Defaults defaults = defaults_();
    std::string note;
    document_->setProject(diffcut::openProject(folder.toStdString(), defaults.cacheRoot, defaults.classes, &note));
    return QString::fromStdString(note);
}

void AnnotationController::requestSegmentCount(int count) { session_->requestSegmentCount(document_->state(), count); }

void AnnotationController::requestCut() {
    if (document_->isOpen())
        session_->requestCut(document_->request());
}

} // namespace diffcut::ui
