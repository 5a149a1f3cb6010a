#pragma once
// OpenBLAS's own threads, used only where they pay. Debian's OpenBLAS (the pthread build) starts
// a pool of one thread per core as it loads, and an idle pool thread spins on sched_yield for
// 2^28 cycles (about 0.1 s) after the start and after each threaded call before it sleeps. On two
// cores that spinning thread took the second core from what ran next: `diffcut segment --features`
// spent 31–46 ms in the affinity instead of 19–23. So a program calls useBlasOnCallingThreads()
// first: BLAS calls then run on their callers and the idle pool is stopped. LibTorch's models
// call BLAS for their linear layers and gain from OpenBLAS's threads (SSD-1B's UNet on two cores:
// 16.4 s on one BLAS thread, 11.0 s on two): they run inside BlasThreadPool scopes. Our own
// products run inside BlasOnCallingThreads scopes: our loops split them, and OpenBLAS's threaded
// calls give other bits than its single-threaded ones. All of this acts on OpenBLAS's pthread
// build (Debian's default) only; with its OpenMP or serial build, or another BLAS, it does nothing.
namespace diffcut {

// Once, first thing in main(), before any other thread calls BLAS (under an open scope it does
// nothing). A process that does not call it keeps OpenBLAS's own threading outside
// BlasOnCallingThreads scopes.
void useBlasOnCallingThreads();

// While one is open (they may overlap, on any threads) and no BlasOnCallingThreads scope is,
// OpenBLAS splits each call over as many threads as it started with, restarting its pool on
// demand. When the last closes, calls run on their callers again; the pool sleeps after its spin
// (it is not stopped there: a call of another thread may still be using it).
class BlasThreadPool {
public:
    // `used` false: nothing (a model running on a GPU calls no CPU BLAS; the pool would only spin).
    explicit BlasThreadPool(bool used = true);
    ~BlasThreadPool();
    BlasThreadPool(const BlasThreadPool &) = delete;
    BlasThreadPool &operator=(const BlasThreadPool &) = delete;

private:
    bool used_;
};

// While one is open, every BLAS call runs on its calling thread, so that a product gives the same
// bits whatever else runs; an open BlasThreadPool's calls run single-threaded meanwhile.
class BlasOnCallingThreads {
public:
    BlasOnCallingThreads();
    ~BlasOnCallingThreads();
    BlasOnCallingThreads(const BlasOnCallingThreads &) = delete;
    BlasOnCallingThreads &operator=(const BlasOnCallingThreads &) = delete;
};

} // namespace diffcut
