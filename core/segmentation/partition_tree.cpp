#include "segmentation/partition_tree.h"

#include "common/error.h"
#include "common/parallel.h"
#include "segmentation/bipartition.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <numeric>
#include <queue>
#include <string>

namespace diffcut {
namespace {

// Work done holding expandMutex_ never waits at a checkpoint (WorkControl::yield): the thread it
// would wait for — a cut the user is watching — may need this very tree, and would wait for the
// mutex in turn. A stop still ends it.
WorkControl withoutYield(const WorkControl &control) {
    WorkControl locked = control;
    locked.yield = {};
    return locked;
}

} // namespace

PartitionTree::PartitionTree(std::shared_ptr<const CosineAffinity> affinity, double alpha,
                             const WorkControl &control)
    : affinity_(std::move(affinity)), alpha_(alpha) {
    weights_ = raiseAffinity(affinity_->normalized(), alpha);
    PartitionNode &root = nodes_.emplace_back();
    root.pixels.resize(affinity_->size());
    std::iota(root.pixels.begin(), root.pixels.end(), 0);
    evaluate(root, control);
}

void PartitionTree::evaluate(PartitionNode &node, const WorkControl &control) {
    control.checkpoint();
    if (affinity_->isConstant()) {
        // Every pair is equally similar: no bipartition is better than another; one segment.
        node.ncut = std::numeric_limits<double>::infinity();
    } else {
        Bipartition best = bestBipartition(weights_, node.pixels, control);
        node.ncut = best.ncut;
        node.onSet = std::move(best.onSet);
    }
}

void PartitionTree::expand(int id, const WorkControl &control) { expandAll({id}, control); }

void PartitionTree::expandAll(const std::vector<int> &ids, const WorkControl &control) {
    // Both children of every node, evaluated in parallel (the largest regions first, so that no
    // thread is left with a big one at the end); each evaluation reads only W and its region.
    std::vector<PartitionNode> children;
    children.reserve(2 * ids.size()); // references into it are taken below
    std::vector<int> parents;
    for (const int id : ids) {
        if (nodes_[id].expanded())
            continue;
        const PartitionNode &parent = nodes_[id];
        PartitionNode &on = children.emplace_back();
        on.pixels = parent.onSet;
        PartitionNode &off = children.emplace_back();
        std::set_difference(parent.pixels.begin(), parent.pixels.end(), parent.onSet.begin(), parent.onSet.end(),
                            std::back_inserter(off.pixels));
        for (PartitionNode *child : {&on, &off}) {
            child->parent = id;
            child->depth = parent.depth + 1;
        }
        parents.push_back(id);
    }
    std::vector<int> bySize(children.size());
    std::iota(bySize.begin(), bySize.end(), 0);
    std::stable_sort(bySize.begin(), bySize.end(),
                     [&](int a, int b) { return children[a].pixels.size() > children[b].pixels.size(); });
    parallelFor(int(bySize.size()), 1, [&](int first, int end) {
        for (int task = first; task < end; ++task)
            evaluate(children[bySize[task]], control);
    });
    // Evaluation may be cancelled; the tree changes only once every child is complete, and
    // readers wait only for this append, never for the evaluation above. Ids follow `ids`' order.
    const std::lock_guard nodesLock(nodesMutex_);
    for (std::size_t p = 0; p < parents.size(); ++p) {
        const int on = int(nodes_.size());
        children[2 * p].id = on;
        children[2 * p + 1].id = on + 1;
        nodes_.push_back(std::move(children[2 * p]));
        nodes_.push_back(std::move(children[2 * p + 1]));
        nodes_[parents[p]].onChild = on;
        nodes_[parents[p]].offChild = on + 1;
    }
}

bool PartitionTree::splits(int id, double tau, const CutOverrides &overrides) const {
    const auto forced = overrides.find(id);
    const bool splittable = !nodes_[id].onSet.empty();
    return splittable && (forced != overrides.end() ? forced->second : nodes_[id].ncut < tau);
}

std::vector<int> PartitionTree::cut(double tau, const WorkControl &caller, const CutOverrides &overrides) {
    if (!(tau >= kMinTau && tau <= kMaxTau))
        throw Error("tau must be between 0 and 2 (got " + std::to_string(tau) + ")");
    const std::lock_guard lock(expandMutex_);
    const WorkControl control = withoutYield(caller);
    // Level by level, every node the cut splits is expanded, all of a level at once (in parallel).
    std::vector<int> level{0};
    int reached = 0;
    while (!level.empty()) {
        std::vector<int> splitting;
        for (const int id : level)
            if (splits(id, tau, overrides))
                splitting.push_back(id);
        reached += int(level.size() - splitting.size());
        expandAll(splitting, control);
        control.report(double(reached) / double(affinity_->size()), "partition tree");
        level.clear();
        for (const int id : splitting)
            level.insert(level.end(), {nodes_[id].onChild, nodes_[id].offChild});
    }
    // The leaves in pre-order, on side first.
    std::vector<int> leaves;
    std::vector<int> stack{0};
    while (!stack.empty()) {
        const int id = stack.back();
        stack.pop_back();
        if (!splits(id, tau, overrides)) {
            leaves.push_back(id);
            continue;
        }
        stack.push_back(nodes_[id].offChild); // popped after the whole on-side subtree
        stack.push_back(nodes_[id].onChild);
    }
    return leaves;
}

LabelMap PartitionTree::labelsFor(const std::vector<int> &leaves) const {
    const std::lock_guard lock(nodesMutex_);
    LabelMap labels(height(), width(), -1);
    for (std::size_t index = 0; index < leaves.size(); ++index)
        for (int pixel : nodes_.at(leaves[index]).pixels)
            labels(pixel / width(), pixel % width()) = int(index);
    return labels;
}

PartitionNode PartitionTree::node(int id) const {
    const std::lock_guard lock(nodesMutex_);
    return nodes_.at(id);
}

int PartitionTree::nodeCount() const {
    const std::lock_guard lock(nodesMutex_);
    return int(nodes_.size());
}

NodePath PartitionTree::pathOf(int id) const {
    const std::lock_guard lock(nodesMutex_);
    if (id < 0 || id >= int(nodes_.size()))
        throw Error("partition tree: there is no node " + std::to_string(id));
    NodePath path;
    for (int child = id; nodes_[child].parent >= 0; child = nodes_[child].parent)
        path += nodes_[nodes_[child].parent].onChild == child ? '1' : '0';
    std::reverse(path.begin(), path.end());
    return path;
}

std::optional<int> PartitionTree::nodeAtPath(const NodePath &path, const WorkControl &caller) {
    if (path.find_first_not_of("01") != NodePath::npos)
        return std::nullopt;
    const std::lock_guard lock(expandMutex_);
    const WorkControl control = withoutYield(caller);
    int id = 0;
    for (char side : path) {
        if (nodes_[id].onSet.empty())
            return std::nullopt;
        expand(id, control);
        id = side == '1' ? nodes_[id].onChild : nodes_[id].offChild;
    }
    return id;
}

int PartitionTree::parentOf(int id) const {
    const std::lock_guard lock(nodesMutex_);
    return nodes_.at(id).parent;
}

std::pair<int, int> PartitionTree::childrenOf(int id) const {
    const std::lock_guard lock(nodesMutex_);
    const PartitionNode &node = nodes_.at(id);
    return {node.onChild, node.offChild};
}

double PartitionTree::ncutOf(int id) const {
    const std::lock_guard lock(nodesMutex_);
    return nodes_.at(id).ncut;
}

const std::vector<int> &PartitionTree::pixelsOf(int id) const {
    const std::lock_guard lock(nodesMutex_);
    return nodes_.at(id).pixels; // std::deque never moves its elements when appending
}

double PartitionTree::tauForLeafCount(int count, const CutOverrides &overrides, const WorkControl &caller) {
    if (count <= 1)
        return kMinTau;
    const std::lock_guard lock(expandMutex_);
    const WorkControl control = withoutYield(caller);
    // A node splits at τ when τ > its threshold: its NCut, −inf when forced, +inf when kept whole
    // or unsplittable. Splitting cascades: children whose threshold is already passed split too.
    const auto threshold = [&](int id) {
        const auto forced = overrides.find(id);
        if (nodes_[id].onSet.empty() || (forced != overrides.end() && !forced->second))
            return std::numeric_limits<double>::infinity();
        return forced != overrides.end() ? -std::numeric_limits<double>::infinity() : nodes_[id].ncut;
    };
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> frontier;
    int leaves = 1;
    double passed = -std::numeric_limits<double>::infinity();
    const auto split = [&](int root) {
        std::vector<int> stack{root};
        while (!stack.empty()) {
            const int id = stack.back();
            stack.pop_back();
            expand(id, control);
            ++leaves;
            for (const int child : {nodes_[id].onChild, nodes_[id].offChild}) {
                if (threshold(child) <= passed)
                    stack.push_back(child);
                else
                    frontier.emplace(threshold(child), child);
            }
        }
    };
    // Forced splits happen at every τ.
    if (threshold(0) == -std::numeric_limits<double>::infinity())
        split(0);
    else
        frontier.emplace(threshold(0), 0);
    double lower = kMinTau; // the interval of τ giving the current count
    while (true) {
        const double next = frontier.empty() ? std::numeric_limits<double>::infinity() : frontier.top().first;
        const int before = leaves;
        if (before >= count || !(next < kMaxTau)) {
            const double upper = std::min(next, kMaxTau);
            return std::clamp(lower + (upper - lower) / 2.0, kMinTau, kMaxTau);
        }
        // Pass every node whose threshold is `next`, then see which side is nearer.
        passed = next;
        while (!frontier.empty() && frontier.top().first <= passed) {
            const int id = frontier.top().second;
            frontier.pop();
            split(id);
        }
        if (leaves > count && leaves - count >= count - before)
            return std::clamp(lower + (next - lower) / 2.0, kMinTau, kMaxTau);
        lower = next;
        control.checkpoint();
    }
}

} // namespace diffcut
