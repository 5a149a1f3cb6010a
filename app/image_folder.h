#pragma once
// What the folder commands (batch, encode) share: the images of a folder tree in one sorted order,
// the same shards of that list in every process of a cluster job, and one progress line with an ETA.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace diffcut {

struct Shard {
    int index = 0, count = 1;
};

// "I/N" with 0 <= I < N.
std::optional<Shard> parseShard(const std::string &text);
// Refuses (exit 2) a --shard value that parseShard does not accept.
CLI::Validator shardValidator();

// Every image (jpg, png, bmp, tif, webp; any case) under `input`, recursively but never under the
// `excluded` folders (canonical paths), relative to `input` and sorted, so that every process of a
// sharded run sees the same list. Throws Error when `input` is not a folder.
std::vector<std::filesystem::path> listImages(const std::filesystem::path &input,
                                              const std::vector<std::filesystem::path> &excluded = {});
// The positions in a list of `count` items that belong to `shard`: every N-th, from the I-th.
std::vector<std::size_t> shardPositions(std::size_t count, const Shard &shard);

// "[k/n] NAME: OUTCOME  ETA h:mm:ss" on stderr: one rewritten line on a terminal, a line per item otherwise.
class ProgressLine {
public:
    explicit ProgressLine(std::size_t total);
    void print(std::size_t done, const std::string &name, const std::string &outcome);
    // Ends the rewritten line, so that what follows starts on its own.
    void finish();

private:
    std::size_t total_;
    bool terminal_;
    std::chrono::steady_clock::time_point start_;
};

} // namespace diffcut
