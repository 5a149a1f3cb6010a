#include "pipeline/segmentation_session.h"

#include "pipeline/pause_gate.h"
#include "pipeline/prepared_images.h"
#include "pipeline/serialized_encoder.h"

#include "common/huge_pages.h"
#include "common/stage_timer.h"
#include "features/feature_cache.h"
#include "features/feature_encoder.h"
#include "image/image.h"
#include "pipeline/image_workspace.h"
#include "util/image_conversion.h"
#include "util/thread_priority.h"

#include <QPointer>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <map>

namespace diffcut::ui {

namespace {

constexpr int kAlphaDebounceMs = 120;
constexpr int kIdleDelayMs = 300; // quiet time after the last request before preparing ahead
// Progress reports from a worker reach the UI at most this often; more would only flood the
// event loop.
constexpr auto kProgressInterval = std::chrono::milliseconds(50);
// Preparing ahead stays within the α the panel offers most of the time.
constexpr double kPreparedAlphaLimit = 20.0;

// The status bar's name of a pipeline stage.
QString stageLabel(const std::string &stage) {
    static const std::map<std::string, const char *> labels{
        {"model", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "model")},
        {"features", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "features")},
        {"affinity", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "affinity")},
        {"partition_tree", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "hierarchy")},
        {"cut", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "cut")},
        {"assignment", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "assignment")},
        {"refinement", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "refinement")},
        {"edits", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "edits")},
        {"composition", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "composition")},
        // Progress of the long job (decoding, loading a model, encoding).
        {"decoding", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "decoding the image")},
        {"text encoder", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "text encoder")},
        {"text encoder 2", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "second text encoder")},
        {"VAE weights", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "loading the VAE")},
        {"UNet weights", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "loading the UNet")},
        {"VAE", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "VAE")},
        {"UNet", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "UNet")},
        {"feature cache", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "feature cache")},
        {"built-in encoder", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "built-in encoder")}};
    const auto label = labels.find(stage);
    return label != labels.end() ? SegmentationSession::tr(label->second) : QString::fromStdString(stage);
}

} // namespace

QString SegmentationSession::formatTimings(const std::vector<std::pair<std::string, double>> &stages) {
    QStringList parts;
    for (const auto &[stage, milliseconds] : stages)
        parts << tr("%1 %2 ms").arg(stageLabel(stage)).arg(milliseconds, 0, 'f', 1);
    return parts.join(QStringLiteral(" · "));
}

SegmentationSession::SegmentationSession(QObject *parent)
    : QObject(parent), longPool_(std::make_unique<QThreadPool>()), cutPool_(std::make_unique<QThreadPool>()),
      aheadGate_(std::make_shared<PauseGate>()) {
    longPool_->setMaxThreadCount(1);
    cutPool_->setMaxThreadCount(1);
    scheduler_.maxAlpha = kPreparedAlphaLimit;
    alphaDebounce_.setSingleShot(true);
    alphaDebounce_.setInterval(kAlphaDebounceMs);
    connect(&alphaDebounce_, &QTimer::timeout, this, [this] {
        scheduler_.alphaDebouncing = false;
        scheduleWork();
    });
    idleDelay_.setSingleShot(true);
    idleDelay_.setInterval(kIdleDelayMs);
    connect(&idleDelay_, &QTimer::timeout, this, [this] {
        scheduler_.userActive = false;
        scheduleWork();
    });
}

SegmentationSession::~SegmentationSession() {
    imageStop_.request_stop();
    longJobStop_.request_stop();
    fullCutStop_.request_stop();
    longPool_->waitForDone();
    cutPool_->waitForDone();
}

void SegmentationSession::setEncoderSettings(const EncoderSettings &settings) {
    encoderSettings_ = settings;
    // Called from whichever thread encodes (the session's, or an export's sharing the encoder).
    encoderSettings_.note = [session = QPointer<SegmentationSession>(this)](const std::string &note) {
        QMetaObject::invokeMethod(session, [session, text = QString::fromStdString(note)] {
            if (session)
                emit session->noted(text);
        }, Qt::QueuedConnection);
    };
    encoderStale_ = true;
    ++encoderSettingsVersion_;
}

template <typename Function>
void SegmentationSession::postToUi(std::uint64_t generation, Function function) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, function = std::move(function)]() mutable {
            if (generation == generation_)
                function();
        },
        Qt::QueuedConnection);
}

void SegmentationSession::announceWorking() {
    if (working() != announcedWorking_)
        emit workingChanged(announcedWorking_ = working());
    if (updating() != announcedUpdating_)
        emit updatingChanged(announcedUpdating_ = updating());
}

void SegmentationSession::startLongJob(SchedulerState::LongJob kind, double alpha, const QString &what, LongWork work) {
    longJobStop_ = std::stop_source();
    scheduler_.longJob = kind;
    scheduler_.longJobAlpha = alpha;
    // Preparing ahead is not something the user waits for: no progress, no Cancel.
    const bool visible = !what.isEmpty();
    if (visible)
        emit busyChanged(true, what);
    const std::uint64_t generation = generation_;
    WorkControl control;
    control.stop = longJobStop_.get_token();
    // Preparing ahead steps aside while a cut runs: the cut gets both cores.
    if (kind == SchedulerState::LongJob::Prepare)
        control.yield = [gate = aheadGate_, stop = control.stop] { gate->wait(stop); };
    auto lastReport = std::make_shared<std::atomic<std::int64_t>>(0);
    if (visible)
        control.progress = [this, generation, lastReport](double fraction, std::string_view stage) {
            const std::int64_t now = std::chrono::steady_clock::now().time_since_epoch() / std::chrono::milliseconds(1);
            if (fraction < 1.0 && now - lastReport->load() < kProgressInterval.count())
                return;
            lastReport->store(now);
            const std::string stageName(stage);
            postToUi(generation, [this, fraction, stageName] { emit progress(fraction, stageLabel(stageName)); });
        };
    longPool_->start([this, generation, control, visible, work = std::move(work)] {
        lowerCurrentThreadPriority(kLongWorkNiceness);
        std::function<void()> apply;
        QString error;
        try {
            apply = work(control);
        } catch (const Cancelled &) {
        } catch (const std::exception &exception) {
            error = QString::fromUtf8(exception.what());
        }
        repopulateHeapTop(); // what the job kept (a tree, a refinement) came from there
        postToUi(generation, [this, apply, error, visible] {
            scheduler_.longJob = SchedulerState::LongJob::None;
            if (!error.isEmpty())
                emit failed(error);
            if (apply)
                apply();
            // Last: whoever hears "not busy" sees the job's outcome already applied.
            if (visible)
                emit busyChanged(false, {});
            scheduleWork();
            announceWorking();
        });
    });
    announceWorking();
}

void SegmentationSession::openImage(const QString &path) {
    ++generation_;
    imageStop_.request_stop();
    imageStop_ = std::stop_source();
    longJobStop_.request_stop();
    fullCutStop_.request_stop();
    aheadGate_->setPaused(false); // a cut of the old image is over as far as this one is concerned
    alphaDebounce_.stop();
    idleDelay_.stop();
    imagePath_ = path;
    rgb_.release();
    workspace_.reset();
    pendingCut_.reset();
    unfinishedCut_.reset();
    // Nothing of the old image is running any more as far as this image is concerned.
    scheduler_ = SchedulerState{};
    scheduler_.maxAlpha = kPreparedAlphaLimit;

    const bool createModel = encoderStale_ || !encoder_;
    auto encoder = encoder_;
    const EncoderSettings settings = encoderSettings_;
    const int settingsVersion = encoderSettingsVersion_;
    const std::uint64_t generation = generation_;
    startLongJob(SchedulerState::LongJob::Features, 0.0, tr("Computing features"),
                 [this, path, generation, createModel, encoder, settings, settingsVersion,
                  prepared = prepared_ ? prepared_->take(path) : std::nullopt](const WorkControl &control) mutable -> std::function<void()> {
        control.report(0.0, "decoding");
        const cv::Mat3b rgb = prepared ? prepared->workspace->image() : loadImageRgb(path.toStdString());
        const QImage image = toQImage(rgb);
        postToUi(generation, [this, rgb, image, path] {
            rgb_ = rgb;
            emit imageLoaded(path, image);
        });
        StageTimer timer;
        QString modelWarning;
        if (createModel) {
            encoder = timer.run("model", [&]() -> std::shared_ptr<FeatureEncoder> {
                try {
                    return std::make_shared<SerializedEncoder>(createEncoder(settings, control));
                } catch (const Error &error) {
                    if (settings.model.empty())
                        throw;
                    // The image is still worth segmenting: say why the model is not used and go on with the fallback.
                    modelWarning = tr("The model could not be loaded: %1\nUsing the built-in fallback encoder instead.")
                                       .arg(QString::fromUtf8(error.what()));
                    EncoderSettings fallback = settings;
                    fallback.model.clear();
                    return std::make_shared<SerializedEncoder>(createEncoder(fallback));
                }
            });
            // Kept even if this image is left before its features are done.
            QMetaObject::invokeMethod(this, [this, encoder, settingsVersion] {
                if (settingsVersion != encoderSettingsVersion_)
                    return; // made from settings that have changed since
                encoder_ = encoder;
                encoderStale_ = false;
            }, Qt::QueuedConnection);
        }
        control.checkpoint();
        std::shared_ptr<ImageWorkspace> workspace;
        if (prepared && prepared->encoderKey == featureCacheKey(*encoder)) {
            workspace = prepared->workspace;
        } else {
            prepared.reset();
            auto features = std::make_shared<const FeatureMap>(timer.run("features", [&] { return encoder->encode(rgb, control); }));
            workspace = timer.run("affinity", [&] {
                return std::make_shared<ImageWorkspace>(path.toStdString(), rgb, features, encoder->identity(), control);
            });
        }
        const QString description = QString::fromStdString(encoder->description());
        return [this, workspace, description, modelWarning, timings = formatTimings(timer.stages()),
                preparedAlpha = prepared ? std::optional(prepared->alpha) : std::nullopt] {
            workspace_ = workspace;
            scheduler_.featuresReady = true;
            if (preparedAlpha)
                scheduler_.cachedTrees.insert(*preparedAlpha);
            if (!modelWarning.isEmpty())
                emit warning(modelWarning);
            emit featuresReady(description, timings);
        };
    });
}

void SegmentationSession::cancel() {
    if (!busy())
        return;
    longJobStop_.request_stop();
    // A cut waiting for the tree being cancelled would only start the build again.
    if (pendingCut_ && !scheduler_.cachedTrees.contains(pendingCut_->state.alpha)) {
        pendingCut_.reset();
        scheduler_.pendingAlpha.reset();
        resumeUnfinishedCut();
        scheduleWork();
    }
}

void SegmentationSession::requestCut(SegmentationRequest request) {
    const double alpha = request.state.alpha;
    if (alpha != scheduler_.alpha && !scheduler_.cachedTrees.contains(alpha)) {
        scheduler_.alphaDebouncing = true;
        alphaDebounce_.start();
    }
    scheduler_.userActive = true;
    idleDelay_.start();
    scheduler_.alpha = alpha;
    scheduler_.tau = request.state.tau;
    scheduler_.refine = request.state.refine;
    scheduler_.pendingAlpha = alpha;
    pendingCut_ = std::move(request);
    fullCutStop_.request_stop(); // a full-resolution result for an older request is not worth waiting for
    scheduleWork();
    announceWorking(); // updating, whether or not the cut could start
}

void SegmentationSession::requestSegmentCount(const AnnotationState &state, int count) {
    if (!workspace_)
        return;
    AnnotationState decisions = state;
    decisions.brush = cv::Mat1w(); // the count is about the tree; the brush plays no part
    WorkControl control;
    control.stop = imageStop_.get_token();
    cutPool_->start([this, generation = generation_, workspace = workspace_, decisions, count, control] {
        lowerCurrentThreadPriority(kCutNiceness);
        try {
            const double tau = workspace->tauForSegmentCount(decisions, count, control);
            postToUi(generation, [this, tau, count] { emit tauChosen(tau, count); });
        } catch (const Cancelled &) {
        } catch (const std::exception &exception) {
            postToUi(generation, [this, error = QString::fromUtf8(exception.what())] { emit failed(error); });
        }
    });
}

void SegmentationSession::scheduleWork() {
    const NextJob next = nextJob(scheduler_);
    switch (next.kind) {
    case NextJob::Kind::None:
        return;
    case NextJob::Kind::Cut:
        startCut();
        return;
    case NextJob::Kind::BuildTree:
        prepareTree(next.alpha, false);
        return;
    case NextJob::Kind::Prepare:
        prepareTree(next.alpha, true);
        return;
    case NextJob::Kind::PrepareRefinement:
        prepareTree(next.alpha, true, true);
        return;
    case NextJob::Kind::StopLongJob:
        longJobStop_.request_stop();
        return;
    }
}

void SegmentationSession::prepareTree(double alpha, bool ahead, bool refine) {
    if (!ahead)
        emit treeBuilding(alpha);
    const QString what = ahead ? QString() : tr("Building the hierarchy for α = %1").arg(alpha);
    // Ahead: the tree, cut and assignment for the current τ, so the first request for this α is
    // instant (the workspace keeps them). Decisions of the latest request apply where they belong.
    SegmentationRequest request;
    request.state.tau = scheduler_.tau;
    request.state.alpha = alpha;
    request.state.refine = scheduler_.refine;
    if (pendingCut_)
        request = {pendingCut_->state, pendingCut_->classes};
    request.state.alpha = alpha;
    request.state.refine = request.state.refine || refine;
    request.state.brush = cv::Mat1w();
    // What the first request for this α will ask for first.
    request.outputSize = interactiveSize(rgb_.size(), screenSize_);
    startLongJob(ahead ? SchedulerState::LongJob::Prepare : SchedulerState::LongJob::BuildTree, alpha, what,
                 [this, workspace = workspace_, request, ahead](const WorkControl &control) -> std::function<void()> {
        const auto start = std::chrono::steady_clock::now();
        const bool built = !workspace->cachedTree(request.state.alpha);
        workspace->tree(request.state.alpha, control, ahead);
        workspace->segment(request, control);
        if (ahead) // once per image: switching PAMR on then costs only the refinement itself
            workspace->refinementGuide(request.outputSize, control);
        const double milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return [this, request, built, milliseconds] {
            const double alpha = request.state.alpha;
            scheduler_.cachedTrees.insert(alpha);
            scheduler_.prepared[alpha] = {request.state.tau, request.state.refine};
            if (built)
                emit treeReady(alpha, milliseconds);
        };
    });
}

void SegmentationSession::startCut() {
    SegmentationRequest request = std::move(*pendingCut_);
    pendingCut_.reset();
    scheduler_.pendingAlpha.reset();
    scheduler_.cutRunning = true;
    runningCutShown_ = false;
    aheadGate_->setPaused(true);
    const std::uint64_t generation = generation_;
    WorkControl control;
    control.stop = imageStop_.get_token();
    // The full-resolution half stops for a newer request too (and for a new image: openImage).
    fullCutStop_ = std::stop_source();
    WorkControl fullControl;
    fullControl.stop = fullCutStop_.get_token();
    const cv::Size preview = request.outputSize == cv::Size() ? interactiveSize(rgb_.size(), screenSize_) : rgb_.size();
    announceWorking();
    cutPool_->start([this, generation, control, fullControl, preview, request = std::move(request), workspace = workspace_] {
        lowerCurrentThreadPriority(kCutNiceness);
        std::shared_ptr<SegmentationResult> result;
        bool previewOnly = false; // shown at preview size, the full map stopped
        QString error;
        try {
            if (preview != workspace->image().size()) {
                SegmentationRequest first = request;
                first.outputSize = preview;
                auto shown = std::make_shared<SegmentationResult>(workspace->segment(first, control));
                postToUi(generation, [this, shown] {
                    runningCutShown_ = true;
                    emit cutReady(shown);
                    announceWorking();
                });
                previewOnly = true;
                result = std::make_shared<SegmentationResult>(workspace->segment(request, fullControl));
                previewOnly = false;
            } else {
                result = std::make_shared<SegmentationResult>(workspace->segment(request, control));
            }
        } catch (const Cancelled &) {
        } catch (const std::exception &exception) {
            error = QString::fromUtf8(exception.what());
            previewOnly = false;
        }
        repopulateHeapTop(); // the memory this cut took (a cache keeps its maps), brought in again for the next
        postToUi(generation, [this, result, error, previewOnly, request] {
            scheduler_.cutRunning = false;
            aheadGate_->setPaused(false);
            if (!error.isEmpty())
                emit failed(error);
            if (result)
                emit cutReady(result);
            if (previewOnly)
                unfinishedCut_ = request;
            else if (result)
                unfinishedCut_.reset();
            resumeUnfinishedCut();
            scheduleWork();
            announceWorking();
        });
    });
}

void SegmentationSession::resumeUnfinishedCut() {
    // A preview is never left as the last word: when the request that stopped its full map is
    // gone (dropped by Cancel) or never came, the full map is computed after all.
    if (pendingCut_ || !unfinishedCut_)
        return;
    scheduler_.pendingAlpha = unfinishedCut_->state.alpha;
    pendingCut_ = std::exchange(unfinishedCut_, std::nullopt);
}

} // namespace diffcut::ui
