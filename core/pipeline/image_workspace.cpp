#include "pipeline/image_workspace.h"

#include "common/error.h"
#include "segmentation/affinity.h"
#include "segmentation/local_assignment.h"
#include "segmentation/pamr.h"
#include "segmentation/partition_tree.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace diffcut {
namespace {

// Automatic segmentations kept for going back to a τ or α seen a moment ago.
constexpr std::size_t kSegmentationBudgetBytes = std::size_t(256) << 20;

std::size_t treeBytes(const PartitionTree &tree) {
    const std::size_t n = std::size_t(tree.height()) * std::size_t(tree.width());
    return n * n * sizeof(float);
}

} // namespace

ImageWorkspace::ImageWorkspace(std::filesystem::path imagePath, cv::Mat3b rgb, std::shared_ptr<const FeatureMap> features,
                               FeatureIdentity encoderIdentity, const WorkControl &control)
    : imagePath_(std::move(imagePath)), rgb_(std::move(rgb)), features_(std::move(features)),
      identity_(std::move(encoderIdentity)),
      assigner_(*features_),
      affinity_(std::make_shared<const CosineAffinity>(assigner_.unitFeatures(), features_->height, features_->width,
                                                       control)) {
    identity_.gridWidth = features_->width;
    identity_.gridHeight = features_->height;
    identity_.imageHash = imagePixelHash(rgb_);
}

ImageWorkspace::~ImageWorkspace() = default;

std::shared_ptr<PartitionTree> ImageWorkspace::tree(double alpha, const WorkControl &control, bool ahead) {
    {
        const std::lock_guard lock(mutex_);
        for (auto it = trees_.begin(); it != trees_.end(); ++it)
            if (it->alpha == alpha) {
                if (!ahead)
                    trees_.splice(trees_.begin(), trees_, it);
                return it->tree;
            }
    }
    auto built = std::make_shared<PartitionTree>(affinity_, alpha, control);
    const std::lock_guard lock(mutex_);
    for (const CachedTree &cached : trees_)
        if (cached.alpha == alpha) // built meanwhile by another thread: one tree per α
            return cached.tree;
    ++treesBuilt_;
    trees_.insert(ahead && !trees_.empty() ? std::next(trees_.begin()) : trees_.begin(),
                  {alpha, built, std::make_shared<LeafScoreCache>()});
    std::size_t total = 0;
    for (const CachedTree &cached : trees_)
        total += treeBytes(*cached.tree);
    while (trees_.size() > 1 && total > treeBudget_) {
        total -= treeBytes(*trees_.back().tree);
        trees_.pop_back();
    }
    return built;
}

std::shared_ptr<PartitionTree> ImageWorkspace::cachedTree(double alpha) const {
    const std::lock_guard lock(mutex_);
    for (const CachedTree &cached : trees_)
        if (cached.alpha == alpha)
            return cached.tree;
    return nullptr;
}

int ImageWorkspace::treesBuilt() const {
    const std::lock_guard lock(mutex_);
    return treesBuilt_;
}

void ImageWorkspace::setTreeBudget(std::size_t bytes) {
    const std::lock_guard lock(mutex_);
    treeBudget_ = bytes;
}

std::shared_ptr<LeafScoreCache> ImageWorkspace::scoresOf(const PartitionTree *tree) {
    const std::lock_guard lock(mutex_);
    for (const CachedTree &cached : trees_)
        if (cached.tree.get() == tree)
            return cached.scores;
    return std::make_shared<LeafScoreCache>(); // evicted meanwhile: computed for this call only
}

std::size_t ImageWorkspace::CachedSegmentation::bytes() const {
    return assignment->labels.total() * assignment->labels.elemSize() + refined.total() * refined.elemSize() +
           (assignment->cellLeaves.size() + assignment->sampleWinners.size()) * sizeof(int);
}

ImageWorkspace::CachedSegmentation *ImageWorkspace::findSegmentation(const PartitionTree *tree,
                                                                     const std::vector<int> &leaves, cv::Size size) {
    for (CachedSegmentation &cached : segmentations_)
        if (cached.tree.lock().get() == tree && cached.assignment->labels.size() == size &&
            cached.assignment->leaves == leaves)
            return &cached;
    return nullptr;
}

std::shared_ptr<const LeafAssignment> ImageWorkspace::latestAssignment(const PartitionTree *tree, cv::Size size) const {
    for (const CachedSegmentation &cached : segmentations_)
        if (cached.tree.lock().get() == tree && cached.assignment->labels.size() == size)
            return cached.assignment;
    return nullptr;
}

std::shared_ptr<const PamrGuide> ImageWorkspace::findGuide(cv::Size size) const {
    for (const auto &guide : guides_)
        if (guide->imageSize() == size)
            return guide;
    return nullptr;
}

std::shared_ptr<const PamrGuide> ImageWorkspace::refinementGuide(cv::Size size, const WorkControl &control) {
    {
        const std::lock_guard lock(mutex_);
        if (auto guide = findGuide(size)) {
            guides_.remove(guide);
            guides_.push_front(guide);
            return guide;
        }
    }
    auto made = std::make_shared<const PamrGuide>(imageAt(size), PamrParams{}, control);
    const std::lock_guard lock(mutex_);
    if (auto guide = findGuide(size)) // made meanwhile by another thread: one per size
        return guide;
    guides_.push_front(made);
    if (guides_.size() > 2)
        guides_.pop_back();
    return made;
}

std::shared_ptr<const PamrGuide> ImageWorkspace::cachedRefinementGuide(cv::Size size) const {
    const std::lock_guard lock(mutex_);
    return findGuide(size);
}

cv::Mat3b ImageWorkspace::imageAt(cv::Size size) {
    if (size == rgb_.size())
        return rgb_;
    const std::lock_guard lock(mutex_);
    if (resizedImage_.size() != size)
        cv::resize(rgb_, resizedImage_, size, 0, 0, cv::INTER_AREA);
    return resizedImage_;
}

LabelMap ImageWorkspace::automaticSegmentation(const std::shared_ptr<PartitionTree> &tree, const std::vector<int> &leaves,
                                               bool refine, cv::Size size, StageTimer &timer,
                                               const WorkControl &control) {
    std::shared_ptr<const LeafAssignment> assignment, previous;
    {
        const std::lock_guard lock(mutex_);
        if (const CachedSegmentation *cached = findSegmentation(tree.get(), leaves, size)) {
            if (!refine)
                return cached->assignment->labels;
            if (!cached->refined.empty())
                return cached->refined;
            assignment = cached->assignment; // PAMR switched on: the assignment stands
        } else {
            previous = latestAssignment(tree.get(), size); // a neighbouring τ: only its changed cells are redone
        }
    }
    if (!assignment) {
        const std::shared_ptr<LeafScoreCache> scores = scoresOf(tree.get());
        assignment = timer.run("assignment", [&] {
            return std::make_shared<const LeafAssignment>(
                assigner_.assignLeaves(*tree, leaves, size, *scores, previous.get(), control));
        });
        const std::lock_guard lock(mutex_);
        if (!findSegmentation(tree.get(), leaves, size)) // kept even if the refinement is stopped
            segmentations_.push_front({tree, assignment, {}});
        evictSegmentations();
    }
    if (!refine)
        return assignment->labels;
    LabelMap refined =
        timer.run("refinement", [&] { return refineLabels(*refinementGuide(size, control), assignment->labels, control); });
    const std::lock_guard lock(mutex_);
    if (CachedSegmentation *cached = findSegmentation(tree.get(), leaves, size); cached && cached->refined.empty())
        cached->refined = refined;
    evictSegmentations();
    return refined;
}

void ImageWorkspace::evictSegmentations() {
    std::size_t total = 0;
    for (auto it = segmentations_.begin(); it != segmentations_.end(); ++it) {
        total += it->bytes();
        if (total > kSegmentationBudgetBytes && it != segmentations_.begin()) {
            segmentations_.erase(it, segmentations_.end());
            break;
        }
    }
}

SegmentationResult ImageWorkspace::segment(const SegmentationRequest &request, const WorkControl &control) {
    const cv::Size size = request.outputSize == cv::Size() ? rgb_.size() : request.outputSize;
    if (size.width <= 0 || size.height <= 0)
        throw Error("the output size must be positive");
    // A smaller output size: the brush layer follows it (nearest neighbour, as the canvas shows it).
    AnnotationState scaledState;
    const bool scaleBrush = !request.state.brush.empty() && request.state.brush.size() != size;
    if (scaleBrush) {
        scaledState = request.state;
        cv::resize(request.state.brush, scaledState.brush, size, 0, 0, cv::INTER_NEAREST);
    }
    const AnnotationState &state = scaleBrush ? scaledState : request.state;
    StageTimer timer;
    SegmentationResult result;
    result.imageSize = rgb_.size();
    result.treeKey = treeKey(state.alpha);
    result.tree = cachedTree(state.alpha);
    if (!result.tree)
        result.tree = timer.run("partition_tree", [&] { return tree(state.alpha, control); });
    else
        tree(state.alpha, control); // most recently used now
    PartitionTree &partition = *result.tree;

    const NodeDecisions *decisions = decisionsFor(state, result.treeKey);
    const std::vector<int> automaticLeaves = timer.run("cut", [&] { return partition.cut(state.tau, control); });
    LabelMap segments = automaticSegmentation(result.tree, automaticLeaves, state.refine, size, timer, control);
    result.leaves = automaticLeaves;
    if (decisions && !decisions->overrides.empty()) {
        result.leaves = partition.cut(state.tau, control, cutOverridesFor(partition, *decisions, control));
        segments = timer.run("edits", [&] {
            return assignLocally(partition, assigner_, segments, automaticLeaves, result.leaves);
        });
    }
    result.leafPaths.reserve(result.leaves.size());
    for (const int leaf : result.leaves)
        result.leafPaths.push_back(partition.pathOf(leaf));
    control.checkpoint();
    result.composed = timer.run("composition", [&] {
        return composeAnnotation(state, decisions, segments, result.leafPaths, result.leaves, request.classes, imagePath_);
    });

    result.decisionsApplied = decisions ? decisions->count() : 0;
    for (const DecisionSet *aside : setAsideDecisions(state, result.treeKey))
        result.setAside.push_back({setAsideReason(result.treeKey, aside->tree), aside->tree, aside->decisions.count()});
    result.timings = timer.stages();
    return result;
}

double ImageWorkspace::tauForSegmentCount(const AnnotationState &state, int count, const WorkControl &control) {
    const std::shared_ptr<PartitionTree> shown = tree(state.alpha, control);
    const NodeDecisions *decisions = decisionsFor(state, treeKey(state.alpha));
    return shown->tauForLeafCount(count, decisions ? cutOverridesFor(*shown, *decisions, control) : CutOverrides{},
                                  control);
}

SetAsideDecisions::Why setAsideReason(const TreeKey &shown, const TreeKey &other) {
    FeatureIdentity sameImage = other.features;
    sameImage.imageHash = shown.features.imageHash;
    if (!sameImage.sameFeatures(shown.features))
        return SetAsideDecisions::Why::OtherFeatures;
    if (!other.features.sameFeatures(shown.features))
        return SetAsideDecisions::Why::OtherImage;
    return SetAsideDecisions::Why::OtherAlpha;
}

std::string describeSetAside(const SetAsideDecisions &aside) {
    const std::string decisions =
        std::to_string(aside.count) + (aside.count == 1 ? " decision made " : " decisions made ");
    const std::string verb = aside.count == 1 ? " is set aside" : " are set aside";
    switch (aside.why) {
    case SetAsideDecisions::Why::OtherFeatures:
        return decisions + "with " + aside.tree.features.describe() + verb;
    case SetAsideDecisions::Why::OtherImage:
        return decisions + "on an earlier version of the image's pixels" + verb;
    case SetAsideDecisions::Why::OtherAlpha:
        break;
    }
    char alpha[32];
    std::snprintf(alpha, sizeof alpha, "%g", aside.tree.alpha);
    return decisions + "at α = " + alpha + verb;
}

cv::Size interactiveSize(cv::Size image, cv::Size screen) {
    // Below about two full-HD screens, a full-resolution assignment takes tens of milliseconds:
    // a preview would only add a second result.
    constexpr double kSmallestScreen = 1920.0 * 1080.0;
    const double imagePixels = double(image.area());
    const double screenPixels = screen.area() > 0 ? std::max(double(screen.area()), kSmallestScreen) : 0.0;
    if (screenPixels <= 0 || imagePixels <= kInteractiveExcess * screenPixels)
        return image;
    const double scale = std::sqrt(screenPixels / imagePixels);
    return {std::max(1, int(std::lround(image.width * scale))), std::max(1, int(std::lround(image.height * scale)))};
}

} // namespace diffcut
