#pragma once
// What the diffcut subcommands share: exit codes, the encoder and granularity options, checks.
#include "features/encoder_factory.h"

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

void addEncoderOptions(CLI::App &command, EncoderOptions &options);
// --tau and --alpha, each refused by the parser (exit 2) unless a number in the core's range.
void addGranularityOptions(CLI::App &command, double &tau, double &alpha);

// The configured encoder; says on stderr which one it is (and when it is the fallback).
std::unique_ptr<FeatureEncoder> createEncoderNoting(const EncoderOptions &options);

// Throws Error with the option's name when τ or α is out of range.
void checkParameters(double tau, double alpha);
// Creates the folder; throws Error when it cannot.
void prepareOutputDirectory(const std::filesystem::path &dir);

} // namespace diffcut
