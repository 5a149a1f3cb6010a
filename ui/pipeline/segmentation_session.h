#pragma once
// The pipeline of one open image, run off the UI thread: decode → features (encoder or cache) →
// affinity → one partition tree per α (kept in a bounded LRU) → cut(τ) → assignment at full
// resolution → refinement → the user's edits composed on top. Each request delivers its result by
// signal; the UI thread never waits. Two worker threads keep the interactive path free: long
// work (decoding, encoding, building a tree) runs on one, cuts on the other, so moving τ stays
// live while a tree for another α is being built.
#include "annotation/annotation_state.h"
#include "features/encoder_factory.h"
#include "segmentation/partition_tree.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <opencv2/core.hpp>

#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <stop_token>

namespace diffcut {
class ConceptAssigner;
class CosineAffinity;
class FeatureEncoder;
struct FeatureMap;
} // namespace diffcut

namespace diffcut::ui {

// What the canvas and panels show for one request.
struct CutResult {
    std::shared_ptr<PartitionTree> tree;
    std::vector<int> leaves;             // tree ids of the automatic segments
    std::vector<NodePath> leafPaths;
    ComposedAnnotation composed;         // the automatic segments with the user's edits applied
    std::vector<qint64> segmentAreas;    // pixels per segment of composed (counted off the UI thread)
    QString timings;                     // "cut 1.2 ms · assignment 1.8 ms · …"
};

// What a cut request needs: the user's decisions and the classes their indices refer to.
struct CutRequest {
    AnnotationState state; // its brush must not be written to after the request (pass a copy)
    std::vector<LabelClass> classes;
};

class SegmentationSession : public QObject {
    Q_OBJECT
public:
    explicit SegmentationSession(QObject *parent = nullptr);
    ~SegmentationSession() override; // stops the work and waits for the workers

    // Takes effect for the next image opened (features of the open image are kept).
    void setEncoderSettings(const EncoderSettings &settings);
    // Cancels everything for the previous image, then decodes and encodes this one.
    void openImage(const QString &path);
    // The latest request wins: while a cut runs, newer requests replace the waiting one.
    void requestCut(CutRequest request);
    // Stops the long job in progress (encoding or a tree build). The image stays open.
    void cancel();

    QString imagePath() const { return imagePath_; }
    // The encoder of the open image (shared with exports; calls take turns), null before the first.
    std::shared_ptr<const FeatureEncoder> encoder() const { return encoder_; }
    const cv::Mat3b &image() const { return rgb_; }
    bool hasFeatures() const { return bool(affinity_); }
    bool busy() const { return longJobRunning_; }
    // The cached tree for α, if any (for tests, the benchmark and the hierarchy view).
    std::shared_ptr<PartitionTree> cachedTree(double alpha) const;
    // Trees constructed since the image was opened: what a τ change must not increase.
    int treesBuilt() const { return treesBuilt_; }
    // Bytes the LRU of trees may hold (each tree keeps W, N² floats).
    void setTreeMemoryBudget(std::size_t bytes) { treeBudget_ = bytes; }

signals:
    void imageLoaded(const QString &path, const QImage &image);
    void featuresReady(const QString &encoderDescription, const QString &timings);
    void busyChanged(bool busy, const QString &what);
    void progress(double fraction, const QString &stage);
    void treeBuilding(double alpha);
    void treeReady(double alpha, double milliseconds);
    void cutReady(std::shared_ptr<const diffcut::ui::CutResult> result);
    void failed(const QString &message);
    void warning(const QString &message);

private:
public:
    class SegmentationCache;

private:
    // Runs on the long-work thread; returns what to apply on the UI thread when it succeeds.
    using LongWork = std::function<std::function<void()>(const WorkControl &control)>;

    void startLongJob(const QString &what, LongWork work);
    void scheduleWork();          // decides what runs next: a cut, a tree build, idle prefetch
    void startCut();
    // Builds the tree for α if it is not cached, cuts it for the latest decisions and assigns
    // the segments; idle = preparation nobody waits for (silent, gives way to requests).
    void prepareTree(double alpha, bool idle);
    struct CachedTree {
        double alpha;
        std::shared_ptr<PartitionTree> tree;
        double preparedTau; // the cut evaluated and assigned in advance
        bool preparedRefine;
    };
    std::shared_ptr<PartitionTree> takeFromCache(double alpha);
    void insertIntoCache(CachedTree entry, bool mostRecent);
    template <typename Function>
    void postToUi(std::uint64_t generation, Function function);

    std::unique_ptr<QThreadPool> longPool_;
    std::unique_ptr<QThreadPool> cutPool_;
    EncoderSettings encoderSettings_;
    bool encoderStale_ = true;
    int encoderSettingsVersion_ = 0; // an encoder made from older settings is not kept
    std::shared_ptr<FeatureEncoder> encoder_;

    std::uint64_t generation_ = 0; // bumped per image; results of older generations are dropped
    std::stop_source imageStop_;   // stops all work of the current image
    std::stop_source longJobStop_; // stops the long job only (Cancel button)
    bool longJobRunning_ = false;
    QString imagePath_;
    cv::Mat3b rgb_;
    std::shared_ptr<const FeatureMap> features_;
    std::shared_ptr<const CosineAffinity> affinity_;
    std::shared_ptr<const ConceptAssigner> assigner_;

    std::list<CachedTree> trees_; // most recently used first
    std::size_t treeBudget_ = std::size_t(768) << 20;
    int treesBuilt_ = 0;
    std::optional<double> treeInProgress_;
    bool preparing_ = false;

    std::optional<CutRequest> pendingCut_;
    bool cutRunning_ = false;
    std::shared_ptr<SegmentationCache> segmentations_;
    AnnotationState lastDecisions_; // of the latest request, without the brush
    QTimer alphaDebounce_; // a new α waits for the slider to rest before its tree is built
    QTimer idleDelay_;     // preparing neighbouring α waits for a pause in the requests
};

} // namespace diffcut::ui
