#pragma once
// The pipeline of the open image, run off the UI thread: decode → features (encoder or cache) →
// the image's ImageWorkspace (core: affinity, trees by α, cuts, assignment, local decisions,
// composition). This object only runs jobs — what runs next is decided by the pure scheduling
// policy (scheduling_policy.h) — and delivers results by signal; the UI thread never waits.
// Two worker threads keep the interactive path free: long work (decoding, encoding, building a
// tree) runs on one, cuts on the other, so moving τ stays live while another α's tree is built.
#include "features/encoder_factory.h"
#include "pipeline/scheduling_policy.h"
#include "pipeline/segmentation_request.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <opencv2/core.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <stop_token>

namespace diffcut {
class FeatureEncoder;
class ImageWorkspace;
} // namespace diffcut

namespace diffcut::ui {

class PauseGate;
class PreparedImages;

class SegmentationSession : public QObject {
    Q_OBJECT
public:
    explicit SegmentationSession(QObject *parent = nullptr);
    ~SegmentationSession() override; // stops the work and waits for the workers

    // Takes effect for the next image opened (features of the open image are kept).
    void setEncoderSettings(const EncoderSettings &settings);
    // Where images prepared ahead come from (prefetcher.h): one prepared with this session's
    // encoder is opened from there, without decoding or encoding.
    void setPreparedImages(std::shared_ptr<PreparedImages> prepared) { prepared_ = std::move(prepared); }
    // Cancels everything for the previous image, then decodes and encodes this one.
    void openImage(const QString &path);
    // The latest request wins: while a cut runs, newer requests replace the waiting one. On an
    // image of more pixels than kInteractiveExcess screens (setScreenSize), a request without an
    // output size gives two results: first at about the screen's size (interactiveSize()), then —
    // unless a newer request comes first, which stops it — at full resolution.
    void requestCut(SegmentationRequest request);
    // The screen's size in device pixels: how large a preview is worth (0 × 0: never a preview).
    void setScreenSize(cv::Size size) { screenSize_ = size; }
    // Chooses the τ that gives about `count` segments for the state (its α's tree, its decisions);
    // answers with tauChosen.
    void requestSegmentCount(const AnnotationState &state, int count);
    // Stops the long job in progress (encoding or a tree build). The image stays open.
    void cancel();

    QString imagePath() const { return imagePath_; }
    // The encoder of the open image (shared with exports; calls take turns), null before the first.
    std::shared_ptr<const FeatureEncoder> encoder() const { return encoder_; }
    const cv::Mat3b &image() const { return rgb_; }
    // The open image's pipeline, null until its features are ready.
    std::shared_ptr<ImageWorkspace> workspace() const { return workspace_; }
    bool hasFeatures() const { return bool(workspace_); }
    bool busy() const { return scheduler_.longJob != SchedulerState::LongJob::None; }
    // Any job of the open image runs (features, a tree, a cut): background work waits meanwhile.
    bool working() const { return busy() || scheduler_.cutRunning; }
    // From a request until a result of it is on its way to the screen (for a huge image, its
    // preview): meanwhile the canvas shows an earlier request's segments.
    bool updating() const { return pendingCut_.has_value() || (scheduler_.cutRunning && !runningCutShown_); }
    // "cut 1.2 ms · assignment 1.8 ms · …" with the stages' translated names.
    static QString formatTimings(const std::vector<std::pair<std::string, double>> &stages);

signals:
    void imageLoaded(const QString &path, const QImage &image);
    void featuresReady(const QString &encoderDescription, const QString &timings);
    void busyChanged(bool busy, const QString &what);
    void progress(double fraction, const QString &stage);
    void treeBuilding(double alpha);
    void treeReady(double alpha, double milliseconds);
    void cutReady(std::shared_ptr<const diffcut::SegmentationResult> result);
    void tauChosen(double tau, int count);
    void failed(const QString &message);
    void warning(const QString &message);
    // Worth a line in the status bar, never an interruption: a cache entry discarded, a cache that
    // could not be written (only speed is lost).
    void noted(const QString &note);
    // working() changed.
    void workingChanged(bool working);
    // updating() changed.
    void updatingChanged(bool updating);

private:
    // Runs on the long-work thread; returns what to apply on the UI thread when it succeeds.
    using LongWork = std::function<std::function<void()>(const WorkControl &control)>;

    void startLongJob(SchedulerState::LongJob kind, double alpha, const QString &what, LongWork work);
    void scheduleWork(); // asks the policy, runs what it says
    void startCut();
    void resumeUnfinishedCut();
    // The tree for α with the cut and assignment of the latest request; `ahead`: nobody waits for
    // it; `refine`: with PAMR whatever the request says.
    void prepareTree(double alpha, bool ahead, bool refine = false);
    template <typename Function>
    void postToUi(std::uint64_t generation, Function function);
    void announceWorking(); // and updating()

    std::unique_ptr<QThreadPool> longPool_;
    std::unique_ptr<QThreadPool> cutPool_;
    EncoderSettings encoderSettings_;
    bool encoderStale_ = true;
    int encoderSettingsVersion_ = 0; // an encoder made from older settings is not kept
    std::shared_ptr<FeatureEncoder> encoder_;

    std::uint64_t generation_ = 0; // bumped per image; results of older generations are dropped
    std::stop_source imageStop_;   // stops all work of the current image
    std::stop_source longJobStop_; // stops the long job only (Cancel button)
    std::stop_source fullCutStop_; // stops the full-resolution half of the running cut (a newer request)
    cv::Size screenSize_{1920, 1080};
    // Closed while a cut runs: work prepared ahead waits at its checkpoints (WorkControl::yield).
    std::shared_ptr<PauseGate> aheadGate_;
    QString imagePath_;
    cv::Mat3b rgb_;
    std::shared_ptr<ImageWorkspace> workspace_;
    std::shared_ptr<PreparedImages> prepared_;
    bool announcedWorking_ = false;
    bool runningCutShown_ = false; // the running cut's preview is on its way to the screen
    bool announcedUpdating_ = false;

    SchedulerState scheduler_;
    std::optional<SegmentationRequest> pendingCut_;
    std::optional<SegmentationRequest> unfinishedCut_; // shown as a preview only: its full map was stopped
    QTimer alphaDebounce_; // a new α waits for the slider to rest before its tree is built
    QTimer idleDelay_;     // preparing neighbouring α waits for a pause in the requests
};

} // namespace diffcut::ui
