#include "pipeline/segmentation_session.h"

#include "pipeline/serialized_encoder.h"

#include "common/stage_timer.h"
#include "features/feature_encoder.h"
#include "image/image.h"
#include "segmentation/affinity.h"
#include "segmentation/assignment.h"
#include "segmentation/pamr.h"
#include "util/image_conversion.h"

#include <QPointer>

#include <atomic>
#include <chrono>

namespace diffcut::ui {

namespace {

constexpr double kMinAlpha = 1.0;
constexpr double kMaxAlpha = 20.0;
constexpr int kAlphaDebounceMs = 120;
// Progress reports from a worker reach the UI at most this often; more would only flood the
// event loop.
constexpr auto kProgressInterval = std::chrono::milliseconds(50);

QString formatTimings(const StageTimer &timer) {
    QStringList parts;
    for (const auto &[stage, milliseconds] : timer.stages())
        parts << QStringLiteral("%1 %2 ms").arg(QString::fromStdString(stage)).arg(milliseconds, 0, 'f', 1);
    return parts.join(QStringLiteral(" · "));
}

std::size_t treeBytes(const PartitionTree &tree) {
    const std::size_t n = std::size_t(tree.height()) * std::size_t(tree.width());
    return n * n * sizeof(float);
}

} // namespace

// The automatic segmentation of the last cut, reused when only the user's edits changed (same
// tree, same leaves, same refinement). Touched only by cut jobs, which run one at a time.
struct SegmentationSession::LastCut {
    std::weak_ptr<const PartitionTree> tree;
    std::vector<int> leaves;
    bool refine = false;
    LabelMap segments;
};

SegmentationSession::SegmentationSession(QObject *parent)
    : QObject(parent), longPool_(std::make_unique<QThreadPool>()), cutPool_(std::make_unique<QThreadPool>()),
      lastCut_(std::make_shared<LastCut>()) {
    longPool_->setMaxThreadCount(1);
    cutPool_->setMaxThreadCount(1);
    alphaDebounce_.setSingleShot(true);
    alphaDebounce_.setInterval(kAlphaDebounceMs);
    connect(&alphaDebounce_, &QTimer::timeout, this, &SegmentationSession::scheduleWork);
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
            if (visible)
                emit busyChanged(false, {});
            if (!error.isEmpty())
                emit failed(error);
            if (apply)
                apply();
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
    treesBuilt_ = 0;
    treeInProgress_.reset();
    pendingCut_.reset();
    cutRunning_ = false;

    const bool createModel = encoderStale_ || !encoder_;
    auto encoder = encoder_;
    const EncoderSettings settings = encoderSettings_;
    const std::uint64_t generation = generation_;
    startLongJob(tr("Computing features"), [this, path, generation, createModel, encoder,
                                            settings](const WorkControl &control) mutable -> std::function<void()> {
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
        control.checkpoint();
        auto features = std::make_shared<const FeatureMap>(timer.run("features", [&] { return encoder->encode(rgb, control); }));
        auto affinity = timer.run("affinity", [&] { return std::make_shared<const CosineAffinity>(*features, control); });
        auto assigner = timer.run("assigner", [&] { return std::make_shared<const ConceptAssigner>(*features); });
        const QString description = QString::fromStdString(encoder->description());
        return [this, encoder, features, affinity, assigner, description, modelWarning, timings = formatTimings(timer)] {
            encoder_ = encoder;
            encoderStale_ = false;
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
    if (alpha != lastAlpha_ && !cachedTree(alpha))
        alphaDebounce_.start();
    lastAlpha_ = alpha;
    pendingCut_ = std::move(request);
    scheduleWork();
}

std::shared_ptr<PartitionTree> SegmentationSession::cachedTree(double alpha) const {
    for (const auto &[treeAlpha, tree] : trees_)
        if (treeAlpha == alpha)
            return tree;
    return nullptr;
}

std::shared_ptr<PartitionTree> SegmentationSession::takeFromCache(double alpha) {
    for (auto it = trees_.begin(); it != trees_.end(); ++it)
        if (it->first == alpha) {
            trees_.splice(trees_.begin(), trees_, it); // most recently used first
            return trees_.front().second;
        }
    return nullptr;
}

void SegmentationSession::insertIntoCache(double alpha, std::shared_ptr<PartitionTree> tree) {
    trees_.emplace_front(alpha, std::move(tree));
    std::size_t total = 0;
    for (const auto &entry : trees_)
        total += treeBytes(*entry.second);
    // Evict least recently used trees, but always keep the newest one.
    while (trees_.size() > 1 && total > treeBudget_) {
        total -= treeBytes(*trees_.back().second);
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
            // A prefetch for another α gives way to the α the user asked for.
            if (treePrefetch_)
                longJobStop_.request_stop();
            return;
        }
        buildTree(alpha, false);
        return;
    }
    if (longJobRunning_ || cutRunning_)
        return;
    // Idle: prepare the neighbouring α values so that the next slider step is immediate.
    for (const double neighbour : {lastAlpha_ + 1.0, lastAlpha_ - 1.0})
        if (neighbour >= kMinAlpha && neighbour <= kMaxAlpha && !cachedTree(neighbour)) {
            buildTree(neighbour, true);
            return;
        }
}

void SegmentationSession::buildTree(double alpha, bool prefetch) {
    treeInProgress_ = alpha;
    treePrefetch_ = prefetch;
    if (!prefetch)
        emit treeBuilding(alpha);
    const QString what = prefetch ? QString() : tr("Building the hierarchy for α = %1").arg(alpha);
    startLongJob(what, [this, affinity = affinity_, alpha, tau = lastTau_](const WorkControl &control) -> std::function<void()> {
        const auto start = std::chrono::steady_clock::now();
        auto tree = std::make_shared<PartitionTree>(affinity, alpha, control);
        // Evaluating the cut at the current τ now makes the first request for this α instant.
        tree->cut(tau, control);
        const double milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return [this, alpha, tree, milliseconds] {
            insertIntoCache(alpha, tree);
            ++treesBuilt_;
            emit treeReady(alpha, milliseconds);
        };
    });
}

void SegmentationSession::startCut() {
    CutRequest request = std::move(*pendingCut_);
    pendingCut_.reset();
    cutRunning_ = true;
    lastTau_ = request.state.tau;
    auto tree = takeFromCache(request.state.alpha);
    const std::uint64_t generation = generation_;
    WorkControl control;
    control.stop = imageStop_.get_token();
    cutPool_->start([this, generation, control, request = std::move(request), tree, assigner = assigner_, rgb = rgb_,
                     path = imagePath_.toStdString(), lastCut = lastCut_] {
        auto result = std::make_shared<CutResult>();
        QString error;
        try {
            StageTimer timer;
            const AnnotationState &state = request.state;
            const CutOverrides overrides = cutOverridesFor(*tree, state, control);
            result->tree = tree;
            result->leaves = timer.run("cut", [&] { return tree->cut(state.tau, control, overrides); });
            if (lastCut->tree.lock() != tree || lastCut->leaves != result->leaves || lastCut->refine != state.refine) {
                LabelMap segments = timer.run("assignment", [&] {
                    return assigner->assign(tree->labelsFor(result->leaves), rgb.size());
                });
                if (state.refine)
                    segments = timer.run("refinement", [&] { return refineLabels(rgb, segments, {}, control); });
                *lastCut = {tree, result->leaves, state.refine, segments};
            }
            result->leafPaths.reserve(result->leaves.size());
            for (const int leaf : result->leaves)
                result->leafPaths.push_back(tree->pathOf(leaf));
            result->composed = timer.run("edits", [&] {
                return composeAnnotation(state, lastCut->segments, result->leafPaths, result->leaves, request.classes, path);
            });
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
