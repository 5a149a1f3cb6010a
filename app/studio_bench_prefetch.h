#pragma once
// diffcut-studio-bench --prefetch: how long D takes to show the next image of a folder, with and
// without prefetch (studio_bench_prefetch.cpp).

// argv[0] is "--prefetch"; returns the exit code.
int runPrefetchBench(int argc, char *argv[]);
