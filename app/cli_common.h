#pragma once
// What the diffcut subcommands share: exit codes, the encoder and granularity options, checks.
#include "features/encoder_factory.h"
#include "segmentation/granularity.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>

namespace diffcut {

inline constexpr int kExitFailure = 1; // the work failed
inline constexpr int kExitUsage = 2;   // the command line is invalid

struct EncoderOptions {
    EncoderSettings settings;
    bool noCache = false;
};

// τ and α (ranges from segmentation/granularity.h, checked as the command line is read) and
// "about K segments", which chooses τ on the tree.
struct GranularityOptions {
    double tau = kDefaultTau;
    double alpha = kDefaultAlpha;
    int segments = 0; // 0 = use tau
};

void addEncoderOptions(CLI::App &command, EncoderOptions &options);
// --tau and --alpha, each refused by the parser (exit 2) unless a number in the core's range.
void addGranularityOptions(CLI::App &command, GranularityOptions &options);

// The configured encoder; says on stderr which one it is (and when it is the fallback).
std::unique_ptr<FeatureEncoder> createEncoderNoting(const EncoderOptions &options);

// The cache folder (features, annotations of read-only folders, class lists): --cache, else the default.
std::filesystem::path cacheRoot(const EncoderOptions &options);
// JSON files (summary.json, labelme, COCO) hold only UTF-8: a path that is not (a Latin-1 file
// name) is refused before any work with this Error, not after half the files are written.
void requireUtf8Path(const std::string &path);
// Creates the folder; throws Error when it cannot.
void prepareOutputDirectory(const std::filesystem::path &dir);

} // namespace diffcut
