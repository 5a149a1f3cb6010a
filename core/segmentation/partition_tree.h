#pragma once
// The recursive 2-way Normalized Cut as a tree (method doc §2). A node's best bipartition and its
// NCut value depend only on its region and W, never on τ, so one tree serves every τ: cut(τ)
// descends while ncut < τ. Nodes are evaluated lazily — only when some requested cut reaches
// them — and everything evaluated is kept, so raising τ later only adds work below the old leaves.
#include "common/progress.h"
#include "segmentation/affinity.h"
#include "segmentation/granularity.h"
#include "segmentation/label_map.h"

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace diffcut {

struct PartitionNode {
    int id = 0;
    int parent = -1; // -1 for the root
    int depth = 0;
    std::vector<int> pixels; // the region, ascending pixel indices (n = row * width + col)
    // Every node in the tree has been evaluated:
    double ncut = 0.0;        // NCut of its best bipartition; +inf when it cannot be split
    std::vector<int> onSet;   // the on side of that bipartition
    // Filled when the node is expanded (its children created and evaluated):
    int onChild = -1;  // region = onSet
    int offChild = -1; // region = pixels − onSet
    bool expanded() const { return onChild >= 0; }
};

// Local decisions that override τ for one node: true = split it even if ncut ≥ τ,
// false = keep it whole even if ncut < τ.
using CutOverrides = std::map<int, bool>;

// A node named by its way down from the root: "" is the root; each character is the side taken,
// '1' = on child, '0' = off child. Unlike ids, a path names the same node in every tree built
// from the same features and α, so saved annotations refer to nodes by path.
using NodePath = std::string;

class PartitionTree {
public:
    // Builds W = A0^α from the shared α-independent affinity and evaluates the root.
    PartitionTree(std::shared_ptr<const CosineAffinity> affinity, double alpha, const WorkControl &control = {});

    double alpha() const { return alpha_; }
    int height() const { return affinity_->height(); }
    int width() const { return affinity_->width(); }

    // Leaves of the tree cut at τ (a node is split iff ncut < τ, unless overridden), in
    // pre-order with the on side first. Evaluates whatever nodes the cut needs. Thread-safe.
    std::vector<int> cut(double tau, const WorkControl &control = {}, const CutOverrides &overrides = {});

    // h x w map: pixel → index of its leaf in `leaves`.
    LabelMap labelsFor(const std::vector<int> &leaves) const;

    // A copy of one node; ids are stable for the tree's lifetime. Thread-safe.
    PartitionNode node(int id) const;
    // Nodes evaluated so far (the root, and both children of every expanded node). Ids are dense:
    // 0..nodeCount()−1, the root is 0.
    int nodeCount() const;

    // The path of node `id`. Throws Error for an id that does not exist. Thread-safe.
    NodePath pathOf(int id) const;
    // The node at `path`, expanding nodes along it as needed; nullopt when the path has a character
    // other than '0'/'1' or passes a node that cannot be split (ncut = +inf). Thread-safe.
    std::optional<int> nodeAtPath(const NodePath &path, const WorkControl &control = {});
    // Parent, children and grid pixels of a node without copying it; −1 for none. Thread-safe.
    int parentOf(int id) const;
    std::pair<int, int> childrenOf(int id) const; // (on, off); (−1, −1) unless expanded
    double ncutOf(int id) const;
    const std::vector<int> &pixelsOf(int id) const; // a node's region never changes once it exists

    // The τ whose cut (with `overrides`) has the number of leaves nearest `count` (ties: fewer
    // leaves), for "about K segments". The leaf count grows with τ by events — a node splits once
    // τ passes its NCut — so this walks the events in order, expanding nodes as it goes, and returns
    // the middle of the chosen interval of τ, as far as can be from the counts on either side.
    // Clamped to [kMinTau, kMaxTau]; count ≤ 1 gives kMinTau. Thread-safe.
    double tauForLeafCount(int count, const CutOverrides &overrides = {}, const WorkControl &control = {});

private:
    void evaluate(PartitionNode &node, const WorkControl &control);
    void expand(int id, const WorkControl &control);
    void expandAll(const std::vector<int> &ids, const WorkControl &control); // children ids in `ids`' order
    bool splits(int id, double tau, const CutOverrides &overrides) const;

    std::shared_ptr<const CosineAffinity> affinity_;
    double alpha_;
    Eigen::MatrixXf weights_; // W = A0^α
    std::deque<PartitionNode> nodes_;
    // expandMutex_: one thread expands at a time (cut, nodeAtPath), and only it writes nodes_,
    // so it reads nodes_ without further locking. nodesMutex_: held by readers (node, pathOf,
    // labelsFor) and by the writer only while it appends, so a long cut in a worker never blocks
    // the UI thread's reads.
    std::mutex expandMutex_;
    mutable std::mutex nodesMutex_;
};

} // namespace diffcut
