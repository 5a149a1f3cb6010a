#pragma once
// Where background work waits while something more important runs: a job calls wait() between
// blocks (its WorkControl's progress reports are such points) and sleeps there while paused; a stop
// request ends the wait at once, so a paused job can always be cancelled.
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace diffcut::ui {

class PauseGate {
public:
    void setPaused(bool paused) {
        {
            const std::lock_guard lock(mutex_);
            paused_ = paused;
        }
        changed_.notify_all();
    }
    bool paused() const {
        const std::lock_guard lock(mutex_);
        return paused_;
    }
    // Returns when not paused, or when `stop` is requested.
    void wait(std::stop_token stop) const {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, stop, [this] { return !paused_; });
    }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable_any changed_;
    bool paused_ = false;
};

} // namespace diffcut::ui
