#pragma once
// The one segmentation pipeline of an image, for every caller — `diffcut segment`, `tree` and
// `batch`, the GUI's folder export and its interactive session:
//
//   image + features ─▶ affinity (α-independent) ─▶ tree(α) ─▶ automatic cut(τ) ─▶ assignment
//   (+ PAMR) ─▶ local decisions ─▶ composed annotation
//
// Each stage's result is kept by this object alone, keyed by exactly its inputs: the affinity and
// the assigner for the features, one tree per α (an LRU bounded in bytes), the automatic
// full-resolution segmentation per (tree, leaves, refine). A τ change only re-cuts; an α seen before
// costs nothing; an edit costs only its local change and the composition.
//
// Thread safety: every member may be called from any thread at once (the GUI builds trees on one
// worker while another cuts). Trees are shared: a caller keeps the one it got even if it is evicted.
#include "annotation/annotation_state.h"
#include "common/progress.h"
#include "common/stage_timer.h"
#include "features/feature_map.h"
#include "pipeline/segmentation_request.h"
#include "segmentation/assignment.h"
#include "segmentation/pamr.h"

#include <filesystem>
#include <list>
#include <memory>
#include <mutex>

namespace diffcut {

class CosineAffinity;

class ImageWorkspace {
public:
    // rgb: the decoded image (imagePath: where it was read from, for the annotation); encoderIdentity: the encoder's identity (FeatureEncoder::identity);
    // the grid and the image hash are filled in here. Builds the affinity and the assigner (tens of
    // milliseconds at 32×32). Throws Error for unusable features, Cancelled on a stop request.
    ImageWorkspace(std::filesystem::path imagePath, cv::Mat3b rgb, std::shared_ptr<const FeatureMap> features,
                   FeatureIdentity encoderIdentity, const WorkControl &control = {});
    ~ImageWorkspace();

    const std::filesystem::path &imagePath() const { return imagePath_; }
    const cv::Mat3b &image() const { return rgb_; }
    const FeatureMap &features() const { return *features_; }
    // The complete identity of the features: what every node decision on them is bound to.
    const FeatureIdentity &identity() const { return identity_; }
    TreeKey treeKey(double alpha) const { return {identity_, alpha}; }

    // The tree for α, built when not cached. `ahead`: prepared for later (idle time), so it goes
    // behind the most recently used tree in the LRU and is evicted first. The most recently used
    // tree is never evicted. Throws Cancelled on a stop request (nothing is cached then).
    std::shared_ptr<PartitionTree> tree(double alpha, const WorkControl &control = {}, bool ahead = false);
    std::shared_ptr<PartitionTree> cachedTree(double alpha) const; // null when not cached; no LRU change
    int treesBuilt() const;                                        // constructed so far
    void setTreeBudget(std::size_t bytes);                         // default 768 MiB; each tree keeps W (N² floats)

    // The whole request: tree(α) (built if needed), the automatic cut at τ and its full-resolution
    // segmentation (cached), the decisions of this tree applied locally (local_assignment.h), the
    // composition with classes and brush, segment areas, and the decisions set aside.
    SegmentationResult segment(const SegmentationRequest &request, const WorkControl &control = {});
    // PAMR's guide for the image at `size` (what refinement needs of the image alone: tens of
    // milliseconds and ~25-35 MB), made once and kept for the latest two sizes (a huge image's
    // preview and its full resolution). The window prepares it ahead, before PAMR is switched on.
    // Throws Cancelled on a stop request (nothing is kept then).
    std::shared_ptr<const PamrGuide> refinementGuide(cv::Size size, const WorkControl &control = {});
    std::shared_ptr<const PamrGuide> cachedRefinementGuide(cv::Size size) const; // null when not kept
    // "About K segments": the τ at which the tree of state.alpha, with the state's decisions for
    // it, has the leaf count nearest K.
    double tauForSegmentCount(const AnnotationState &state, int count, const WorkControl &control = {});

private:
    struct CachedTree {
        double alpha;
        std::shared_ptr<PartitionTree> tree;
        std::shared_ptr<LeafScoreCache> scores; // per node: its score map (assignment)
    };
    std::shared_ptr<LeafScoreCache> scoresOf(const PartitionTree *tree);
    struct CachedSegmentation {
        std::weak_ptr<PartitionTree> tree;
        std::shared_ptr<const LeafAssignment> assignment; // its leaves and size are the key
        LabelMap refined;                                 // empty until PAMR was asked for
        std::size_t bytes() const;
    };
    LabelMap automaticSegmentation(const std::shared_ptr<PartitionTree> &tree, const std::vector<int> &leaves,
                                   bool refine, cv::Size size, StageTimer &timer, const WorkControl &control);
    // Under mutex_: the entry of exactly this cut at this size, or null.
    CachedSegmentation *findSegmentation(const PartitionTree *tree, const std::vector<int> &leaves, cv::Size size);
    // Under mutex_: the latest assignment of another cut of this tree at this size, or null.
    std::shared_ptr<const LeafAssignment> latestAssignment(const PartitionTree *tree, cv::Size size) const;
    void evictSegmentations();                                       // under mutex_: to the budget
    std::shared_ptr<const PamrGuide> findGuide(cv::Size size) const; // under mutex_
    cv::Mat3b imageAt(cv::Size size); // the image area-resized to `size` (PAMR's input there), kept

    std::filesystem::path imagePath_;
    cv::Mat3b rgb_;
    std::shared_ptr<const FeatureMap> features_;
    FeatureIdentity identity_;
    ConceptAssigner assigner_; // before affinity_: the affinity is built from its unit features
    std::shared_ptr<const CosineAffinity> affinity_;

    mutable std::mutex mutex_; // guards everything below
    std::list<CachedTree> trees_; // most recently used first
    std::size_t treeBudget_ = std::size_t(768) << 20;
    int treesBuilt_ = 0;
    std::list<CachedSegmentation> segmentations_; // most recently made first, bounded in bytes
    cv::Mat3b resizedImage_;                      // imageAt's last answer
    std::list<std::shared_ptr<const PamrGuide>> guides_; // most recently used first, at most two
};

} // namespace diffcut
