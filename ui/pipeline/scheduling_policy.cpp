#include "pipeline/scheduling_policy.h"

namespace diffcut::ui {

NextJob nextJob(const SchedulerState &state) {
    using Kind = NextJob::Kind;
    using LongJob = SchedulerState::LongJob;
    if (!state.featuresReady)
        return {};
    if (state.pendingAlpha) {
        const double alpha = *state.pendingAlpha;
        if (state.cutRunning)
            return {};
        if (state.cachedTrees.contains(alpha))
            return {Kind::Cut, alpha};
        const bool buildingIt = state.longJob == LongJob::BuildTree && state.longJobAlpha == alpha;
        if (buildingIt || state.alphaDebouncing)
            return {};
        if (state.longJob != LongJob::None) {
            // Preparation, or a build for an α the user has already left, gives way to this α.
            const bool inTheWay = state.longJob == LongJob::Prepare || state.longJob == LongJob::BuildTree;
            return inTheWay ? NextJob{Kind::StopLongJob, state.longJobAlpha} : NextJob{};
        }
        return {Kind::BuildTree, alpha};
    }
    if (state.longJob != LongJob::None || state.cutRunning || state.userActive)
        return {};
    // Idle: the neighbouring α, so that the next slider step is immediate.
    for (const double neighbour : {state.alpha + 1.0, state.alpha - 1.0}) {
        if (neighbour < state.minAlpha || neighbour > state.maxAlpha)
            continue;
        const auto prepared = state.prepared.find(neighbour);
        const bool current = state.cachedTrees.contains(neighbour) && prepared != state.prepared.end() &&
                             prepared->second.tau == state.tau && prepared->second.refine == state.refine;
        if (!current)
            return {Kind::Prepare, neighbour};
    }
    // Then PAMR for the cut on screen, so that switching it on costs nothing.
    const auto shown = state.prepared.find(state.alpha);
    const bool refined = shown != state.prepared.end() && shown->second.tau == state.tau && shown->second.refine;
    if (!state.refine && !refined && state.cachedTrees.contains(state.alpha))
        return {Kind::PrepareRefinement, state.alpha};
    return {};
}

} // namespace diffcut::ui
