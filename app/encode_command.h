#pragma once
// diffcut encode: an image's features as a .npy file (the layout --features reads), or the feature
// cache filled for every image of a folder tree — resumable, shardable like batch, failures
// summarised at the end — so that a folder can be encoded on a GPU machine, a cluster or overnight
// and annotated wherever the cache is copied to.
#include "cli_common.h"

#include <string>

namespace diffcut {

struct EncodeOptions {
    std::string input, out;
    EncoderOptions encoder;
    std::string shard; // "I/N"; empty = all images
};

CLI::App *addEncodeCommand(CLI::App &app, EncodeOptions &options);
// Returns the exit code: kExitFailure when any image failed, kExitUsage for options that do not fit
// the input (--out with a folder, none with an image).
int runEncode(const EncodeOptions &options);

} // namespace diffcut
