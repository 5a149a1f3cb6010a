#include "pipeline/prefetcher.h"

#include "pipeline/pause_gate.h"
#include "pipeline/prepared_images.h"
#include "pipeline/segmentation_session.h"
#include "util/thread_priority.h"

#include "annotation/sidecar.h"
#include "common/cache_layout.h"
#include "features/feature_cache.h"
#include "image/image.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace fs = std::filesystem;

namespace diffcut::ui {
namespace {

// Lowest: prefetching must never take a core from what the user is waiting for.
constexpr int kPrefetchNiceness = 19;

struct Job {
    QString path;
    std::shared_ptr<const FeatureEncoder> encoder;
    fs::path cacheRoot, folder;
    std::uint64_t cacheLimit = 0;
    AnnotationState defaults;
    std::shared_ptr<PreparedImages> prepared;
    std::shared_ptr<PauseGate> gate;
    std::stop_token stop;
};

// τ, α and PAMR the image will open with: its annotation's, else the defaults (as the document does).
AnnotationState openingState(const fs::path &image, cv::Size size, const fs::path &cacheRoot, const AnnotationState &defaults) {
    AnnotationState state;
    state.tau = defaults.tau;
    state.alpha = defaults.alpha;
    state.refine = defaults.refine;
    if (const fs::path sidecar = findSidecar(image, cacheRoot); !sidecar.empty()) {
        try {
            ClassList scratch;
            const LoadedSidecar loaded = loadSidecar(sidecar, size, scratch);
            state.tau = loaded.state.tau;
            state.alpha = loaded.state.alpha;
            state.refine = loaded.state.refine;
        } catch (const Error &) { // the document says so when the image is opened
        }
    }
    return state;
}

// Runs on the prefetch thread: the features into the cache (source recorded), the cache trimmed,
// and — when cheap — the workspace with its tree and automatic cut into `prepared`. Returns the
// cache entry's bytes (0 without one). Throws Error, or Cancelled.
std::uint64_t prepareImage(const Job &job) {
    WorkControl control;
    control.stop = job.stop;
    // Every progress report of the encoder is a point where the job may wait.
    control.progress = [gate = job.gate, stop = job.stop](double, std::string_view) { gate->wait(stop); };
    const auto pauseOrStop = [&] {
        job.gate->wait(job.stop);
        control.checkpoint();
    };
    const fs::path path = job.path.toStdString();
    PreparedImages::Prepared prepared;
    const bool stamped = PreparedImages::stamp(path, prepared);
    const cv::Mat3b rgb = loadImageRgb(path);
    pauseOrStop();
    auto features = std::make_shared<const FeatureMap>(job.encoder->encode(rgb, control));
    const std::string encoderKey = featureCacheKey(*job.encoder);
    const FeatureCache cache(CacheLayout(job.cacheRoot).features());
    cache.recordSource(rgb, encoderKey, path);
    std::error_code error;
    const std::uintmax_t bytes = fs::file_size(cache.pathFor(rgb, encoderKey), error);
    if (job.cacheLimit > 0)
        cache.trim(job.cacheLimit, job.folder);
    if (stamped && treeWorthPreparing(features->pixels(), std::int64_t(rgb.total()))) {
        pauseOrStop();
        const AnnotationState state = openingState(path, rgb.size(), job.cacheRoot, job.defaults);
        auto workspace = std::make_shared<ImageWorkspace>(path, rgb, features, job.encoder->identity(), control);
        pauseOrStop();
        workspace->segment({state, ClassList{}}, control); // the tree and its automatic cut, kept by the workspace
        prepared.workspace = std::move(workspace);
        prepared.encoderKey = encoderKey;
        prepared.alpha = state.alpha;
        job.prepared->put(job.path, std::move(prepared));
    }
    return error ? 0 : bytes;
}

bool sameEncoder(const EncoderSettings &a, const EncoderSettings &b) {
    return a.model == b.model && a.timestep == b.timestep && a.device == b.device && a.noiseFile == b.noiseFile &&
           a.cacheRoot == b.cacheRoot && a.useCache == b.useCache && a.builtinGrid == b.builtinGrid;
}

} // namespace

Prefetcher::Prefetcher(SegmentationSession *session, QObject *parent)
    : QObject(parent), session_(session), prepared_(std::make_shared<PreparedImages>()),
      gate_(std::make_shared<PauseGate>()) {
    pool_.setMaxThreadCount(1);
    bookkeeping_.setMaxThreadCount(1);
    evaluateSoon_.setSingleShot(true);
    evaluateSoon_.setInterval(0);
    connect(&evaluateSoon_, &QTimer::timeout, this, &Prefetcher::evaluate);
    // At once: a job holding the shared encoder must give it up before the session waits for it.
    connect(session_, &SegmentationSession::workingChanged, this, &Prefetcher::evaluate);
    connect(session_, &SegmentationSession::featuresReady, this, &Prefetcher::onFeaturesReady);
}

Prefetcher::~Prefetcher() {
    jobStop_.request_stop();
    pool_.waitForDone();
    bookkeeping_.waitForDone();
}

fs::path Prefetcher::cacheRoot() const { return CacheLayout(settings_.encoder.cacheRoot).root(); }

int Prefetcher::positionOf(const QString &path) const {
    return positions_.value(QDir::cleanPath(QFileInfo(path).absoluteFilePath()), -1);
}

void Prefetcher::setSettings(const Settings &settings) {
    const bool encoderChanged = !sameEncoder(settings_.encoder, settings.encoder);
    settings_ = settings;
    state_.bounds = settings.bounds;
    if (encoderChanged) {
        resetFolderState();
        encoderKey_.clear();
        waitingForEncoder_ = true;
    }
    evaluateSoon_.start();
}

void Prefetcher::setFolder(const QString &folder, const QStringList &images) {
    if (folder == folder_ && images == images_)
        return;
    resetFolderState();
    folder_ = folder;
    images_ = folder.isEmpty() ? QStringList() : images;
    positions_.clear();
    for (int i = 0; i < images_.size(); ++i)
        positions_.insert(images_[i], i);
    state_.imageCount = int(images_.size());
    state_.current = -1;
    state_.direction = 1;
    if (!folder_.isEmpty() && !waitingForEncoder_)
        scanFolder();
    evaluateSoon_.start();
}

void Prefetcher::setCurrentImage(const QString &path) {
    const int position = positionOf(path);
    state_.direction = moveDirection(state_.current, position, state_.direction);
    state_.current = position;
    evaluateSoon_.start();
}

void Prefetcher::setExportRunning(bool running) {
    exportRunning_ = running;
    evaluate(); // an export needs the shared encoder now
}

FeatureMark Prefetcher::mark(const QString &path) const {
    const int position = positions_.value(path, -1);
    if (position < 0)
        return FeatureMark::None;
    if (state_.inFlight == position)
        return FeatureMark::Preparing;
    return state_.ready.contains(position) || prepared_->contains(path) ? FeatureMark::Ready : FeatureMark::None;
}

QString Prefetcher::status() const {
    if (state_.inFlight)
        return tr("Preparing %1 in the background").arg(QFileInfo(images_[*state_.inFlight]).fileName());
    int ahead = 0;
    for (const int image : prefetchCandidates(state_)) {
        if (!state_.ready.contains(image))
            break;
        ++ahead;
    }
    return ahead > 0 ? tr("Next %n image(s) ready", "", ahead) : QString();
}

void Prefetcher::resetFolderState() {
    stopJob();
    ++generation_;
    state_.ready.clear();
    state_.failed.clear();
    state_.inFlight.reset();
    gate_->setPaused(false);
    prepared_->clear();
    scanned_ = false;
    emit marksReset();
    emit statusChanged(QString());
}

void Prefetcher::stopJob() { jobStop_.request_stop(); }

void Prefetcher::onFeaturesReady() {
    const std::shared_ptr<const FeatureEncoder> encoder = session_->encoder();
    if (!encoder)
        return;
    const std::string id = featureCacheKey(*encoder);
    if (id != encoderKey_) {
        resetFolderState();
        encoderKey_ = id;
    }
    if (waitingForEncoder_ || !scanned_) {
        waitingForEncoder_ = false;
        if (!folder_.isEmpty())
            scanFolder();
    }
    // The open image's features were cached by the session: record where they come from.
    const QString path = session_->imagePath();
    const int position = positionOf(path);
    if (position < 0 || !settings_.encoder.useCache)
        return;
    bookkeeping_.start([this, generation = generation_, position, path, rgb = session_->image(), id,
                        cache = FeatureCache(CacheLayout(cacheRoot()).features()), limit = settings_.cacheLimitBytes,
                        folder = fs::path(folder_.toStdString())] {
        lowerCurrentThreadPriority(kPrefetchNiceness);
        cache.recordSource(rgb, id, path.toStdString());
        std::error_code error;
        const std::uintmax_t bytes = fs::file_size(cache.pathFor(rgb, id), error);
        if (limit > 0)
            cache.trim(limit, folder);
        if (error)
            return;
        QMetaObject::invokeMethod(this, [this, generation, position, path, bytes] {
            if (generation != generation_)
                return;
            state_.ready[position] = bytes;
            emit markChanged(images_[position]);
        }, Qt::QueuedConnection);
    });
}

void Prefetcher::scanFolder() {
    scanned_ = false;
    bookkeeping_.start([this, generation = generation_, cache = FeatureCache(CacheLayout(cacheRoot()).features()),
                        folder = fs::path(folder_.toStdString()), id = encoderKey_] {
        lowerCurrentThreadPriority(kPrefetchNiceness);
        const std::map<fs::path, std::uintmax_t> entries = cache.entriesUnder(folder, id);
        QMetaObject::invokeMethod(this, [this, generation, entries] {
            if (generation != generation_)
                return;
            for (const auto &[image, bytes] : entries)
                if (const int position = positions_.value(QString::fromStdString(image.string()), -1); position >= 0)
                    state_.ready[position] = bytes;
            scanned_ = true;
            emit marksReset();
            evaluate();
        }, Qt::QueuedConnection);
    });
}

void Prefetcher::evaluate() {
    if (folder_.isEmpty() || waitingForEncoder_ || !scanned_)
        return;
    state_.currentWorking = session_->working();
    state_.currentEncoding = session_->busy() && !session_->hasFeatures();
    state_.exportRunning = exportRunning_;
    const PrefetchDecision decision = nextPrefetch(state_);
    gate_->setPaused(decision.pause);
    if (decision.kind == PrefetchDecision::Kind::Start)
        start(decision.image);
    else if (decision.kind == PrefetchDecision::Kind::Cancel)
        stopJob();
    // Prepared images stay in memory only while they may be opened next (or are being opened).
    QSet<QString> keep;
    for (const int image : prefetchCandidates(state_))
        keep.insert(images_[image]);
    if (state_.current >= 0)
        keep.insert(images_[state_.current]);
    prepared_->retain(keep);
    emit statusChanged(status());
}

void Prefetcher::start(int image) {
    Job job;
    job.encoder = session_->encoder();
    if (!job.encoder)
        return;
    jobStop_ = std::stop_source();
    job.path = images_[image];
    job.cacheRoot = cacheRoot();
    job.folder = folder_.toStdString();
    job.cacheLimit = settings_.cacheLimitBytes;
    job.defaults = settings_.defaults;
    job.prepared = prepared_;
    job.gate = gate_;
    job.stop = jobStop_.get_token();
    state_.inFlight = image;
    pool_.start([this, job, generation = generation_, image] {
        lowerCurrentThreadPriority(kPrefetchNiceness);
        bool ok = false, cancelled = false;
        std::uint64_t bytes = 0;
        try {
            bytes = prepareImage(job);
            ok = true;
        } catch (const Cancelled &) {
            cancelled = true;
        } catch (const std::exception &) { // the session says what is wrong when the image is opened
        }
        QMetaObject::invokeMethod(this, [this, generation, image, ok, cancelled, bytes] {
            finish(generation, image, ok, cancelled, bytes);
        }, Qt::QueuedConnection);
    });
    emit markChanged(job.path);
}

void Prefetcher::finish(std::uint64_t generation, int image, bool ok, bool cancelled, std::uint64_t bytes) {
    if (generation != generation_)
        return;
    state_.inFlight.reset();
    if (ok)
        state_.ready[image] = bytes;
    else if (!cancelled)
        state_.failed.insert(image);
    emit markChanged(images_[image]);
    evaluate();
}

} // namespace diffcut::ui
