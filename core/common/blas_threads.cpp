#include "common/blas_threads.h"

#include <dlfcn.h>

#include <algorithm>
#include <mutex>

namespace diffcut {
namespace {

// OpenBLAS's entry points, looked up at run time: absent with another BLAS.
struct OpenBlas {
    using Set = void (*)(int);
    using Get = int (*)();
    Set set = reinterpret_cast<Set>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    Get get = reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    Get parallel = reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
    Get shutdown = reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "blas_thread_shutdown_"));
    // The pthread build (1; 0 is the serial one). The OpenMP one (2) is left alone: a call there
    // runs on as many threads as its calling thread's OpenMP setting, which setting the count
    // changes for that thread only, and LibTorch reads.
    bool hasPool() const { return set && get && parallel && shutdown && parallel() == 1; }
};

// The open scopes and the thread count they call for, under one mutex. OpenBLAS's count is set
// only when it must change: setting it, even to 1, restarts a stopped pool.
class ThreadPolicy {
public:
    static ThreadPolicy &instance() {
        static ThreadPolicy policy;
        return policy;
    }

    void stopPool() {
        const std::lock_guard lock(mutex_);
        // Never under an open scope: a pool thread stopped in the middle of a job never returns.
        if (!pthreadBuild_ || poolStopped_ || modelScopes_ > 0 || callerScopes_ > 0)
            return;
        poolStopped_ = true;
        apply();
        if (starting_ > 1)
            blas_.shutdown(); // nothing calls BLAS yet, and the count is 1: it stays stopped
    }

    enum class Scope { Model, Caller };
    void change(Scope scope, int delta) {
        const std::lock_guard lock(mutex_);
        (scope == Scope::Model ? modelScopes_ : callerScopes_) += delta;
        if (pthreadBuild_)
            apply();
    }

private:
    ThreadPolicy() : pthreadBuild_(blas_.hasPool()), starting_(pthreadBuild_ ? std::max(1, blas_.get()) : 1) {}

    void apply() {
        const bool pool = callerScopes_ == 0 && (modelScopes_ > 0 || !poolStopped_);
        const int wanted = pool ? starting_ : 1;
        if (blas_.get() != wanted)
            blas_.set(wanted);
    }

    std::mutex mutex_;
    const OpenBlas blas_;
    const bool pthreadBuild_; // the rule acts only there (OpenBlas::hasPool)
    const int starting_; // OpenBLAS's own count as the process started
    bool poolStopped_ = false;
    int modelScopes_ = 0;
    int callerScopes_ = 0;
};

} // namespace

void useBlasOnCallingThreads() { ThreadPolicy::instance().stopPool(); }

using Scope = ThreadPolicy::Scope;
BlasThreadPool::BlasThreadPool(bool used) : used_(used) {
    if (used_)
        ThreadPolicy::instance().change(Scope::Model, +1);
}
BlasThreadPool::~BlasThreadPool() {
    if (used_)
        ThreadPolicy::instance().change(Scope::Model, -1);
}
BlasOnCallingThreads::BlasOnCallingThreads() { ThreadPolicy::instance().change(Scope::Caller, +1); }
BlasOnCallingThreads::~BlasOnCallingThreads() { ThreadPolicy::instance().change(Scope::Caller, -1); }

} // namespace diffcut
