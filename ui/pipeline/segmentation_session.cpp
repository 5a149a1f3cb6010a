#include "pipeline/segmentation_session.h"

#include "pipeline/serialized_encoder.h"

#include "common/stage_timer.h"
#include "features/feature_encoder.h"
#include "image/image.h"
#include "segmentation/affinity.h"
#include "segmentation/assignment.h"
#include "segmentation/pamr.h"
#include "util/image_conversion.h"
#include "util/thread_priority.h"

#include <QPointer>

#include <algorithm>
#include <mutex>

#include <atomic>
#include <map>
#include <chrono>

namespace diffcut::ui {

namespace {

constexpr double kMinAlpha = 1.0;
constexpr double kMaxAlpha = 20.0;
constexpr int kAlphaDebounceMs = 120;
constexpr int kIdleDelayMs = 300; // quiet time after the last request before preparing ahead
// Progress reports from a worker reach the UI at most this often; more would only flood the
// event loop.
constexpr auto kProgressInterval = std::chrono::milliseconds(50);

// The status bar's name of a pipeline stage.
QString stageLabel(const std::string &stage) {
    static const std::map<std::string, const char *> labels{
        {"model", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "model")},
        {"features", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "features")},
        {"affinity", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "affinity")},
        {"assigner", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "assigner")},
        {"cut", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "cut")},
        {"assignment", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "assignment")},
        {"refinement", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "refinement")},
        {"edits", QT_TRANSLATE_NOOP("diffcut::ui::SegmentationSession", "edits")}};
    const auto label = labels.find(stage);
    return label != labels.end() ? SegmentationSession::tr(label->second) : QString::fromStdString(stage);
}

QString formatTimings(const StageTimer &timer) {
    QStringList parts;
    for (const auto &[stage, milliseconds] : timer.stages())
        parts << SegmentationSession::tr("%1 %2 ms").arg(stageLabel(stage)).arg(milliseconds, 0, 'f', 1);
    return parts.join(QStringLiteral(" · "));
}

std::size_t treeBytes(const PartitionTree &tree) {
    const std::size_t n = std::size_t(tree.height()) * std::size_t(tree.width());
    return n * n * sizeof(float);
}

} // namespace

// Automatic segmentations (full resolution, before the user's edits) of recent cuts, so that
// going back to a τ or α seen a moment ago, or an edit that leaves the leaves alone, costs no
// assignment. Shared by the cut thread and idle-time warm-ups; bounded in bytes.
class SegmentationSession::SegmentationCache {
public:
    std::optional<LabelMap> find(const std::shared_ptr<PartitionTree> &tree, const std::vector<int> &leaves, bool refine) {
        const std::lock_guard lock(mutex_);
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->tree.lock() == tree && it->refine == refine && it->leaves == leaves) {
                entries_.splice(entries_.begin(), entries_, it);
                return entries_.front().segments;
            }
        return std::nullopt;
    }
    void insert(const std::shared_ptr<PartitionTree> &tree, std::vector<int> leaves, bool refine, LabelMap segments) {
        const std::lock_guard lock(mutex_);
        entries_.push_front({tree, std::move(leaves), refine, std::move(segments)});
        std::size_t total = 0;
        for (auto it = entries_.begin(); it != entries_.end(); ++it) {
            total += it->segments.total() * it->segments.elemSize();
            if (total > kBudgetBytes && it != entries_.begin()) {
                entries_.erase(it, entries_.end());
                break;
            }
        }
    }

private:
    static constexpr std::size_t kBudgetBytes = std::size_t(256) << 20;
    struct Entry {
        std::weak_ptr<PartitionTree> tree;
        std::vector<int> leaves;
        bool refine = false;
        LabelMap segments;
    };
    std::mutex mutex_;
    std::list<Entry> entries_;
};

namespace {

// The automatic segmentation for a cut, from the cache or computed (and then cached).
LabelMap automaticSegmentation(SegmentationSession::SegmentationCache &cache, const std::shared_ptr<PartitionTree> &tree,
                               const std::vector<int> &leaves, bool refine, const ConceptAssigner &assigner,
                               const cv::Mat3b &rgb, StageTimer &timer, const WorkControl &control) {
    if (auto cached = cache.find(tree, leaves, refine))
        return *cached;
    LabelMap segments = timer.run("assignment", [&] { return assigner.assign(tree->labelsFor(leaves), rgb.size()); });
    if (refine)
        segments = timer.run("refinement", [&] { return refineLabels(rgb, segments, {}, control); });
    cache.insert(tree, leaves, refine, segments);
    return segments;
}

} // namespace

SegmentationSession::SegmentationSession(QObject *parent)
    : QObject(parent), longPool_(std::make_unique<QThreadPool>()), cutPool_(std::make_unique<QThreadPool>()),
      segmentations_(std::make_shared<SegmentationCache>()) {
    longPool_->setMaxThreadCount(1);
    cutPool_->setMaxThreadCount(1);
    alphaDebounce_.setSingleShot(true);
    alphaDebounce_.setInterval(kAlphaDebounceMs);
    connect(&alphaDebounce_, &QTimer::timeout, this, &SegmentationSession::scheduleWork);
    idleDelay_.setSingleShot(true);
    idleDelay_.setInterval(kIdleDelayMs);
    connect(&idleDelay_, &QTimer::timeout, this, &SegmentationSession::scheduleWork);
}

SegmentationSession::~SegmentationSession() {
    imageStop_.request_stop();
    longJobStop_.request_stop();
    longPool_->waitForDone();
    cutPool_->waitForDone();
}

void SegmentationSession::setEncoderSettings(const EncoderSettings &settings) {
    encoderSettings_ = settings;
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

void SegmentationSession::startLongJob(const QString &what, LongWork work) {
    longJobStop_ = std::stop_source();
    longJobRunning_ = true;
    // Idle-time preparation is not something the user waits for: no progress, no Cancel.
    const bool visible = !what.isEmpty();
    if (visible)
        emit busyChanged(true, what);
    const std::uint64_t generation = generation_;
    WorkControl control;
    control.stop = longJobStop_.get_token();
    auto lastReport = std::make_shared<std::atomic<std::int64_t>>(0);
    if (visible)
        control.progress = [this, generation, lastReport](double fraction, std::string_view stage) {
            const std::int64_t now = std::chrono::steady_clock::now().time_since_epoch() / std::chrono::milliseconds(1);
            if (fraction < 1.0 && now - lastReport->load() < kProgressInterval.count())
                return;
            lastReport->store(now);
            const QString stageText = QString::fromUtf8(stage.data(), qsizetype(stage.size()));
            postToUi(generation, [this, fraction, stageText] { emit progress(fraction, stageText); });
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
        postToUi(generation, [this, apply, error, visible] {
            longJobRunning_ = false;
            treeInProgress_.reset();
            if (!error.isEmpty())
                emit failed(error);
            if (apply)
                apply();
            // Last: whoever hears "not busy" sees the job's outcome already applied.
            if (visible)
                emit busyChanged(false, {});
            scheduleWork();
        });
    });
}

void SegmentationSession::openImage(const QString &path) {
    ++generation_;
    imageStop_.request_stop();
    imageStop_ = std::stop_source();
    longJobStop_.request_stop();
    alphaDebounce_.stop();
    imagePath_ = path;
    rgb_.release();
    features_.reset();
    affinity_.reset();
    assigner_.reset();
    trees_.clear();
    lastDecisions_ = AnnotationState{}; // node paths of the previous image mean nothing here
    treesBuilt_ = 0;
    treeInProgress_.reset();
    pendingCut_.reset();
    cutRunning_ = false;

    const bool createModel = encoderStale_ || !encoder_;
    auto encoder = encoder_;
    const EncoderSettings settings = encoderSettings_;
    const int settingsVersion = encoderSettingsVersion_;
    const std::uint64_t generation = generation_;
    startLongJob(tr("Computing features"), [this, path, generation, createModel, encoder, settings,
                                            settingsVersion](const WorkControl &control) mutable -> std::function<void()> {
        control.report(0.0, "decoding");
        const cv::Mat3b rgb = loadImageRgb(path.toStdString());
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
                    return std::make_shared<SerializedEncoder>(createEncoder(settings));
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
        }
        if (createModel) // kept even if this image is left before its features are done
            QMetaObject::invokeMethod(this, [this, encoder, settingsVersion] {
                if (settingsVersion != encoderSettingsVersion_)
                    return; // made from settings that have changed since
                encoder_ = encoder;
                encoderStale_ = false;
            }, Qt::QueuedConnection);
        control.checkpoint();
        auto features = std::make_shared<const FeatureMap>(timer.run("features", [&] { return encoder->encode(rgb, control); }));
        auto affinity = timer.run("affinity", [&] { return std::make_shared<const CosineAffinity>(*features, control); });
        auto assigner = timer.run("assigner", [&] { return std::make_shared<const ConceptAssigner>(*features); });
        const QString description = QString::fromStdString(encoder->description());
        return [this, features, affinity, assigner, description, modelWarning, timings = formatTimings(timer)] {
            features_ = features;
            affinity_ = affinity;
            assigner_ = assigner;
            if (!modelWarning.isEmpty())
                emit warning(modelWarning);
            emit featuresReady(description, timings);
        };
    });
}

void SegmentationSession::cancel() {
    if (!longJobRunning_)
        return;
    longJobStop_.request_stop();
    // A cut waiting for the tree being cancelled would only start the build again.
    if (pendingCut_ && !cachedTree(pendingCut_->state.alpha))
        pendingCut_.reset();
}

void SegmentationSession::requestCut(CutRequest request) {
    const double alpha = request.state.alpha;
    if (alpha != lastDecisions_.alpha && !cachedTree(alpha))
        alphaDebounce_.start();
    idleDelay_.start();
    lastDecisions_ = request.state;
    lastDecisions_.brush = cv::Mat1w(); // what idle preparation cuts for; the brush plays no part
    pendingCut_ = std::move(request);
    scheduleWork();
}

std::shared_ptr<PartitionTree> SegmentationSession::cachedTree(double alpha) const {
    for (const CachedTree &entry : trees_)
        if (entry.alpha == alpha)
            return entry.tree;
    return nullptr;
}

std::shared_ptr<PartitionTree> SegmentationSession::takeFromCache(double alpha) {
    for (auto it = trees_.begin(); it != trees_.end(); ++it)
        if (it->alpha == alpha) {
            trees_.splice(trees_.begin(), trees_, it); // most recently used first
            return trees_.front().tree;
        }
    return nullptr;
}

void SegmentationSession::insertIntoCache(CachedTree entry, bool mostRecent) {
    // A tree prepared ahead goes behind the one in use, so that it is evicted first.
    trees_.insert(mostRecent || trees_.empty() ? trees_.begin() : std::next(trees_.begin()), std::move(entry));
    std::size_t total = 0;
    for (const CachedTree &cached : trees_)
        total += treeBytes(*cached.tree);
    // Evict least recently used trees, but always keep the one in front.
    while (trees_.size() > 1 && total > treeBudget_) {
        total -= treeBytes(*trees_.back().tree);
        trees_.pop_back();
    }
}

void SegmentationSession::scheduleWork() {
    if (!affinity_)
        return;
    if (pendingCut_) {
        if (cutRunning_)
            return;
        const double alpha = pendingCut_->state.alpha;
        if (cachedTree(alpha)) {
            startCut();
            return;
        }
        if (treeInProgress_ == alpha || alphaDebounce_.isActive())
            return;
        if (longJobRunning_) {
            // Preparation, or a build for an α the user has already left, gives way to this α.
            if (preparing_ || (treeInProgress_ && *treeInProgress_ != alpha))
                longJobStop_.request_stop();
            return;
        }
        prepareTree(alpha, false);
        return;
    }
    if (longJobRunning_ || cutRunning_)
        return;
    // Preparation waits until the user has paused: while τ is being scrubbed it would only take
    // cores from the cuts the user is watching.
    if (idleDelay_.isActive())
        return;
    // Idle: prepare the neighbouring α values for the current τ, so that the next slider step is
    // immediate — build their trees, cut them, assign the segments.
    for (const double neighbour : {lastDecisions_.alpha + 1.0, lastDecisions_.alpha - 1.0}) {
        if (neighbour < kMinAlpha || neighbour > kMaxAlpha)
            continue;
        const auto entry = std::find_if(trees_.begin(), trees_.end(), [&](const CachedTree &cached) { return cached.alpha == neighbour; });
        if (entry == trees_.end() || entry->preparedTau != lastDecisions_.tau || entry->preparedRefine != lastDecisions_.refine) {
            prepareTree(neighbour, true);
            return;
        }
    }
}

void SegmentationSession::prepareTree(double alpha, bool idle) {
    treeInProgress_ = alpha;
    preparing_ = idle;
    auto tree = cachedTree(alpha);
    if (!idle)
        emit treeBuilding(alpha);
    const QString what = idle ? QString() : tr("Building the hierarchy for α = %1").arg(alpha);
    startLongJob(what, [this, affinity = affinity_, assigner = assigner_, rgb = rgb_, segmentations = segmentations_, alpha, tree,
                        idle, decisions = lastDecisions_](const WorkControl &control) mutable -> std::function<void()> {
        const auto start = std::chrono::steady_clock::now();
        const bool built = !tree;
        if (built)
            tree = std::make_shared<PartitionTree>(affinity, alpha, control);
        // Cutting and assigning now makes the first request for this α instant.
        StageTimer timer;
        const std::vector<int> leaves = tree->cut(decisions.tau, control, cutOverridesFor(*tree, decisions, control));
        automaticSegmentation(*segmentations, tree, leaves, decisions.refine, *assigner, rgb, timer, control);
        const double milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return [this, alpha, tree, built, idle, milliseconds, tau = decisions.tau, refine = decisions.refine] {
            if (built) {
                insertIntoCache({alpha, tree, tau, refine}, !idle);
                ++treesBuilt_;
                emit treeReady(alpha, milliseconds);
            } else {
                for (CachedTree &entry : trees_)
                    if (entry.tree == tree) {
                        entry.preparedTau = tau;
                        entry.preparedRefine = refine;
                    }
            }
        };
    });
}

void SegmentationSession::startCut() {
    CutRequest request = std::move(*pendingCut_);
    pendingCut_.reset();
    cutRunning_ = true;
    auto tree = takeFromCache(request.state.alpha);
    const std::uint64_t generation = generation_;
    WorkControl control;
    control.stop = imageStop_.get_token();
    cutPool_->start([this, generation, control, request = std::move(request), tree, assigner = assigner_, rgb = rgb_,
                     path = imagePath_.toStdString(), segmentations = segmentations_] {
        lowerCurrentThreadPriority(kCutNiceness);
        auto result = std::make_shared<CutResult>();
        QString error;
        try {
            StageTimer timer;
            const AnnotationState &state = request.state;
            const CutOverrides overrides = cutOverridesFor(*tree, state, control);
            result->tree = tree;
            result->leaves = timer.run("cut", [&] { return tree->cut(state.tau, control, overrides); });
            const LabelMap segments =
                automaticSegmentation(*segmentations, tree, result->leaves, state.refine, *assigner, rgb, timer, control);
            result->leafPaths.reserve(result->leaves.size());
            for (const int leaf : result->leaves)
                result->leafPaths.push_back(tree->pathOf(leaf));
            result->composed = timer.run("edits", [&] {
                return composeAnnotation(state, segments, result->leafPaths, result->leaves, request.classes, path);
            });
            const LabelMap &composed = result->composed.annotation.segments;
            result->segmentAreas.assign(std::size_t(result->composed.annotation.segmentCount()), 0);
            for (int y = 0; y < composed.rows; ++y) {
                const int *row = composed[y];
                for (int x = 0; x < composed.cols; ++x)
                    ++result->segmentAreas[std::size_t(row[x])];
            }
            result->timings = formatTimings(timer);
        } catch (const Cancelled &) {
            result.reset();
        } catch (const std::exception &exception) {
            result.reset();
            error = QString::fromUtf8(exception.what());
        }
        postToUi(generation, [this, result, error] {
            cutRunning_ = false;
            if (!error.isEmpty())
                emit failed(error);
            if (result)
                emit cutReady(result);
            scheduleWork();
        });
    });
}

} // namespace diffcut::ui
