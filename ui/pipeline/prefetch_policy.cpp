#include "pipeline/prefetch_policy.h"

#include <algorithm>

namespace diffcut::ui {

std::vector<int> prefetchCandidates(const PrefetchState &state) {
    std::vector<int> candidates;
    if (state.current < 0)
        return candidates;
    const int step = state.direction < 0 ? -1 : 1;
    for (int image = state.current + step, left = state.bounds.maxImages; left > 0 && image >= 0 && image < state.imageCount;
         image += step, --left)
        candidates.push_back(image);
    return candidates;
}

PrefetchDecision nextPrefetch(const PrefetchState &state) {
    const std::vector<int> candidates = prefetchCandidates(state);
    if (state.inFlight) {
        const int image = *state.inFlight;
        const bool forCurrent = image == state.current;
        const bool candidate = std::find(candidates.begin(), candidates.end(), image) != candidates.end();
        if (state.exportRunning || (state.currentEncoding && !forCurrent) || (!candidate && !forCurrent))
            return {PrefetchDecision::Kind::Cancel, image, false};
        return {PrefetchDecision::Kind::None, -1, state.currentWorking && !forCurrent};
    }
    if (state.currentWorking || state.exportRunning)
        return {};
    std::uint64_t readyBytes = 0, readyAhead = 0;
    for (const auto &[image, bytes] : state.ready)
        readyBytes += bytes;
    const std::uint64_t estimate = state.ready.empty() ? 0 : readyBytes / state.ready.size();
    for (const int image : candidates) {
        if (const auto ready = state.ready.find(image); ready != state.ready.end()) {
            readyAhead += ready->second;
            continue;
        }
        if (state.failed.contains(image))
            continue;
        if (readyAhead + estimate > state.bounds.maxBytes)
            return {};
        return {PrefetchDecision::Kind::Start, image, false};
    }
    return {};
}

int moveDirection(int from, int to, int previous) {
    if (from < 0 || to < 0 || from == to)
        return previous;
    return to > from ? 1 : -1;
}

bool treeWorthPreparing(int gridCells, std::int64_t imagePixels) {
    return gridCells <= 48 * 48 && imagePixels <= std::int64_t(16) * 1000 * 1000;
}

} // namespace diffcut::ui
