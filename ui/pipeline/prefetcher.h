#pragma once
// Runs what the prefetch policy decides (prefetch_policy.h). In a folder, the next images in the
// user's direction are decoded and encoded on one worker thread at the lowest priority with the
// session's encoder; their features go to the feature cache with their source recorded (so the
// Files panel, and a later session, know them without decoding) and, when cheap, their affinity
// and tree for the α they open with are built and handed to the session through PreparedImages.
// The job pauses while the open image's work runs and gives the shared encoder up whenever the
// session or an export needs it; the cache is trimmed to its bound (this folder's entries last);
// everything stops when the folder is left or the application closes.
#include "annotation/annotation_state.h"
#include "features/encoder_factory.h"
#include "pipeline/feature_mark.h"
#include "pipeline/prefetch_policy.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>

namespace diffcut::ui {

class PauseGate;
class PreparedImages;
class SegmentationSession;

class Prefetcher : public QObject {
    Q_OBJECT
public:
    struct Settings {
        PrefetchBounds bounds;
        std::uint64_t cacheLimitBytes = 0; // the feature cache's bound; 0: unbounded
        AnnotationState defaults;          // τ, α and PAMR of images without an annotation
        EncoderSettings encoder;           // its cache root is where features and annotations are
    };

    explicit Prefetcher(SegmentationSession *session, QObject *parent = nullptr);
    ~Prefetcher() override; // stops the job and waits for it

    // What the session takes prepared images from.
    std::shared_ptr<PreparedImages> prepared() const { return prepared_; }
    // New encoder settings drop what was prepared and wait for the session's new encoder.
    void setSettings(const Settings &settings);
    // The folder's images in the Files order; an empty folder: the user left it, everything stops.
    void setFolder(const QString &folder, const QStringList &images);
    // The user opens this image (call before the session opens it): the direction follows the move.
    void setCurrentImage(const QString &path);
    void setExportRunning(bool running);

    FeatureMark mark(const QString &path) const;
    // For the status bar: what runs in the background (empty when nothing does).
    QString status() const;

signals:
    void markChanged(const QString &path);
    void marksReset(); // every image's mark may have changed
    void statusChanged(const QString &status);

private:
    void evaluate(); // asks the policy, runs what it says
    void start(int image);
    void finish(std::uint64_t generation, int image, bool ok, bool cancelled, std::uint64_t bytes);
    void onFeaturesReady();
    void scanFolder();
    void resetFolderState();
    void stopJob();
    std::filesystem::path cacheRoot() const;
    int positionOf(const QString &path) const; // -1: not in the folder

    SegmentationSession *session_;
    std::shared_ptr<PreparedImages> prepared_;
    std::shared_ptr<PauseGate> gate_;
    QThreadPool pool_;        // the prefetch job
    QThreadPool bookkeeping_; // short: a folder's cached entries, the open image's source record
    QTimer evaluateSoon_;
    Settings settings_;
    bool exportRunning_ = false;

    QString folder_;
    QStringList images_;
    QHash<QString, int> positions_;
    PrefetchState state_;
    std::string encoderKey_;     // featureCacheKey of the encoder the ready marks are for; empty: none yet
    bool waitingForEncoder_ = true; // the session's encoder is not (yet) the settings' one
    bool scanned_ = false;       // the folder's cached entries are known
    std::uint64_t generation_ = 0; // bumped per folder and encoder; results of older ones are dropped
    std::stop_source jobStop_;
};

} // namespace diffcut::ui
