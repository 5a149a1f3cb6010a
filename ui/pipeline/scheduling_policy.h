#pragma once
// What the interactive session runs next, as a pure function of what is requested, cached and
// running — so the rules can be tested without widgets, threads or timers:
//  - the latest cut request wins (the runner keeps only the newest waiting one);
//  - a cut runs as soon as its tree is cached and no cut is running;
//  - a tree for a new α waits until the α slider rests (debounce), then is built on the long-work
//    thread; a long job that is only preparing ahead, or building an α the user has left, gives way;
//  - when nothing is requested and the user has paused, the neighbouring α of the current one are
//    prepared (tree, cut and assignment for the current τ), one at a time, then PAMR's refinement
//    of the cut on screen (so that switching it on is immediate);
//  - a new image cancels everything of the old one (the runner starts from a fresh state).
#include <map>
#include <optional>
#include <set>

namespace diffcut::ui {

struct SchedulerState {
    bool featuresReady = false;

    // The newest cut request not yet started, by its α.
    std::optional<double> pendingAlpha;
    bool alphaDebouncing = false; // the α slider moved a moment ago
    bool userActive = false;      // requests came a moment ago: do not prepare ahead yet

    bool cutRunning = false;
    enum class LongJob { None, Features, BuildTree, Prepare };
    LongJob longJob = LongJob::None;
    double longJobAlpha = 0.0; // BuildTree, Prepare

    std::set<double> cachedTrees; // α with a tree in the workspace
    struct Prepared {
        double tau;
        bool refine;
    };
    std::map<double, Prepared> prepared; // α whose cut for (τ, refine) is assigned in advance (the
                                         // current α: refined in advance while PAMR is off)

    // The latest request's granularity: what preparing ahead prepares for.
    double alpha = 10.0;
    double tau = 0.5;
    bool refine = false;
    double minAlpha = 1.0, maxAlpha = 20.0;
};

struct NextJob {
    enum class Kind {
        None,
        Cut,           // start the pending cut
        BuildTree,     // build the tree for `alpha` (someone waits for it)
        Prepare,       // prepare `alpha` ahead (nobody waits)
        PrepareRefinement, // refine the cut of `alpha` (the current one) ahead, PAMR being off
        StopLongJob,   // stop the long job: it is in the way of the pending cut
    };
    Kind kind = Kind::None;
    double alpha = 0.0;
    bool operator==(const NextJob &) const = default;
};

NextJob nextJob(const SchedulerState &state);

} // namespace diffcut::ui
