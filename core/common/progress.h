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

    void report(double fraction, std::string_view stage) const {
        if (progress)
            progress(fraction, stage);
    }
    // Throws Cancelled when a stop was requested; call between blocks of work.
    void checkpoint() const {
        if (stop.stop_requested())
            throw Cancelled();
    }
};

} // namespace diffcut
