#pragma once
// What the GUI prepares ahead of the user in a folder, as a pure function of where the user is,
// which way they move, what is ready and what runs — so the rules can be tested without widgets,
// threads or timers (prefetcher.h runs what this decides):
//  - the candidates are the images after the open one in the Files order, in the direction of the
//    user's last move (D, or a jump forward: forward; A, or a jump back: backward), at most
//    `maxImages` of them;
//  - the first candidate that is neither ready nor failed starts, unless the features ready ahead
//    plus its own (estimated from the entries ready so far) would pass `maxBytes`;
//  - nothing starts while the open image's own work runs (features, a tree, a cut) or an export;
//  - a job in flight pauses while the open image's work runs — unless it is the open image
//    itself, which the session is waiting for; it is cancelled when the session needs the shared
//    encoder for another image (opening one), when an export starts (it needs the encoder too; a
//    paused job would hold it) and when its image is no longer a candidate;
//  - leaving the folder or the application cancels everything (the runner).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace diffcut::ui {

struct PrefetchBounds {
    int maxImages = 3;                          // 0: no prefetch
    std::uint64_t maxBytes = std::uint64_t(1) << 30; // features prepared ahead, on disk
};

struct PrefetchState {
    int imageCount = 0;
    int current = -1;   // the open image's position in the Files order; -1: none
    int direction = 1;  // +1 forward, -1 backward
    std::map<int, std::uint64_t> ready; // images whose features are cached: their entry's bytes
    std::set<int> failed;               // images that could not be prepared (never retried here)
    std::optional<int> inFlight;        // the image being prepared
    bool currentWorking = false;        // the session runs a job of the open image
    bool currentEncoding = false;       // ... and that job is the features (it needs the encoder)
    bool exportRunning = false;
    PrefetchBounds bounds;
};

struct PrefetchDecision {
    enum class Kind { None, Start, Cancel };
    Kind kind = Kind::None;
    int image = -1;     // Start: which
    bool pause = false; // the job in flight waits at its next checkpoint
    bool operator==(const PrefetchDecision &) const = default;
};

// The images the policy would prepare, nearest first.
std::vector<int> prefetchCandidates(const PrefetchState &state);
PrefetchDecision nextPrefetch(const PrefetchState &state);
// The direction after a move from `from` to `to` (positions in the Files order; -1: none).
int moveDirection(int from, int to, int previous);
// Whether an image's partition tree is cheap enough to build ahead and keep in memory: a grid of at
// most 48 × 48 cells (at 64 × 64 a tree takes seconds and ~100 MB) on an image of at most 16 MP.
bool treeWorthPreparing(int gridCells, std::int64_t imagePixels);

} // namespace diffcut::ui
