#pragma once
// Parallel loops that survive a busy machine. OpenMP teams with static shares and spinning
// barriers collapse when another process takes a core: every short region waits a whole
// scheduler slice for the descheduled thread, and idle threads spin against the work (2 threads
// were 2x slower than 1 on a 2-core machine with one core taken). Here the thread count is chosen
// per call from the cores free at that moment, work is handed out in chunks on demand (a slow
// thread simply takes fewer), and helper threads exist only for the call, so nothing spins.
#include <functional>

namespace diffcut {

// Cores not running other processes' work right now (at least 1): the processors available to
// this process minus the runnable threads of other processes (/proc/loadavg's instantaneous
// count less this process's own, from /proc/self/task). This process's threads do not count: a
// window's UI thread painting for a millisecond as a cut starts must not leave the cut on one
// thread for all its length; another program's work must. Read at most every 5 ms.
int freeCores();
// The rule, on given counts (the caller is among `runnableHere`).
int freeCoresGiven(int processors, int runnableOnMachine, int runnableHere);
// This process's threads that are running or runnable now, the caller included.
int runnableThreadsOfThisProcess();

// body(begin, end) over [0, count) in chunks of `grain` items taken on demand by up to `threads`
// threads (the caller is one of them; 0 = freeCores()). With one thread it runs inline, the whole
// range in one call. The first exception thrown by a body is rethrown here, after every thread
// has stopped (the others take no new chunk).
void parallelFor(int count, int grain, const std::function<void(int begin, int end)> &body, int threads = 0);

// A pass over the rows of an image-sized map, in bands of consecutive rows that parallelFor hands
// out: body(band, firstRow, endRow), each band once; a band keeps its own partial results, which
// the caller merges. Maps of fewer than a quarter megapixel are one band, run inline (threads
// would cost more than they save). Returns the number of bands, at most kMaxRowBands.
inline constexpr int kMaxRowBands = 8; // a few per core: a thread slowed by another process takes fewer
int forRowBands(int rows, int cols, const std::function<void(int band, int first, int end)> &body);

} // namespace diffcut
