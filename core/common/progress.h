#pragma once
// Progress reporting and cooperative cancellation shared by every long-running stage.
#include "common/error.h"

#include <functional>
#include <stop_token>
#include <string>
#include <string_view>

namespace diffcut {

// fraction in [0, 1] of the current stage; stage is a short human-readable name.
using ProgressFn = std::function<void(double fraction, std::string_view stage)>;

// Something the user should know that is not an error, one line (a cache entry that failed its
// check and was discarded); the CLI prints it as "diffcut: note: ...".
using NoteFn = std::function<void(const std::string &note)>;

// What long work receives: where to report progress and when to stop. Both may be empty.
struct WorkControl {
    std::stop_token stop;
    ProgressFn progress;
    // Called at every checkpoint: where work done ahead of the user waits while something the
    // user waits for runs (it may block; it must return once `stop` is requested). May be empty.
    // Code holding a lock another thread may need clears it meanwhile (PartitionTree does).
    std::function<void()> yield{};

    void report(double fraction, std::string_view stage) const {
        if (progress)
            progress(fraction, stage);
    }
    // Throws Cancelled when a stop was requested; call between blocks of work.
    void checkpoint() const {
        if (yield)
            yield();
        if (stop.stop_requested())
            throw Cancelled();
    }
    // The same stop, with progress reported into [from, to] of this one's, under `stage` when given
    // (the parts of a job that has several: loading the VAE, then the UNet).
    WorkControl part(double from, double to, std::string stage = {}) const {
        WorkControl inner{stop, {}, yield};
        if (progress)
            inner.progress = [outer = progress, from, to, stage = std::move(stage)](double fraction, std::string_view name) {
                outer(from + fraction * (to - from), stage.empty() ? name : std::string_view(stage));
            };
        return inner;
    }
};

} // namespace diffcut
