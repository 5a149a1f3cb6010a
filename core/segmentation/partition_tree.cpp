#include "segmentation/partition_tree.h"

#include "common/error.h"
#include "segmentation/bipartition.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <numeric>
#include <queue>
#include <string>

namespace diffcut {

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

void PartitionTree::expand(int id, const WorkControl &control) {
    if (nodes_[id].expanded())
        return;
    const PartitionNode &parent = nodes_[id];
    PartitionNode on, off;
    on.pixels = parent.onSet;
    std::set_difference(parent.pixels.begin(), parent.pixels.end(), parent.onSet.begin(), parent.onSet.end(),
                        std::back_inserter(off.pixels));
    for (PartitionNode *child : {&on, &off}) {
        child->parent = id;
        child->depth = parent.depth + 1;
        evaluate(*child, control);
    }
    // Evaluation may be cancelled; the tree changes only once both children are complete, and
    // readers wait only for this append, never for the evaluation above.
    const std::lock_guard nodesLock(nodesMutex_);
    on.id = int(nodes_.size());
    off.id = on.id + 1;
    nodes_.push_back(std::move(on));
    nodes_.push_back(std::move(off));
    nodes_[id].onChild = nodes_[nodes_.size() - 2].id;
    nodes_[id].offChild = nodes_.back().id;
}

std::vector<int> PartitionTree::cut(double tau, const WorkControl &control, const CutOverrides &overrides) {
    if (!(tau >= kMinTau && tau <= kMaxTau))
        throw Error("tau must be between 0 and 2 (got " + std::to_string(tau) + ")");
    const std::lock_guard lock(expandMutex_);
    std::vector<int> leaves;
    std::vector<int> stack{0};
    while (!stack.empty()) {
        const int id = stack.back();
        stack.pop_back();
        const auto forced = overrides.find(id);
        const bool splittable = !nodes_[id].onSet.empty();
        const bool split = splittable && (forced != overrides.end() ? forced->second : nodes_[id].ncut < tau);
        if (!split) {
            leaves.push_back(id);
            continue;
        }
        expand(id, control);
        control.report(double(leaves.size()) / double(affinity_->size()), "partition tree");
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

std::optional<int> PartitionTree::nodeAtPath(const NodePath &path, const WorkControl &control) {
    if (path.find_first_not_of("01") != NodePath::npos)
        return std::nullopt;
    const std::lock_guard lock(expandMutex_);
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

double PartitionTree::tauForLeafCount(int count, const CutOverrides &overrides, const WorkControl &control) {
    if (count <= 1)
        return kMinTau;
    const std::lock_guard lock(expandMutex_);
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
