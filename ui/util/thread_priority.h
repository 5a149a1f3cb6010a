#pragma once
// Workers run below the UI thread's priority, and so do the OpenMP threads they start (a new
// thread inherits its creator's niceness): on a machine with few cores the event loop must still
// get a core while features, a tree or an export are computed, or the window stalls.

namespace diffcut::ui {

// Niceness of the calling thread (Linux; elsewhere nothing happens).
void lowerCurrentThreadPriority(int niceness);

inline constexpr int kLongWorkNiceness = 10; // encoding, tree builds, exports
inline constexpr int kCutNiceness = 4;       // cuts: what the user is watching

} // namespace diffcut::ui
