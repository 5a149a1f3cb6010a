#pragma once
// diffcut batch: a folder tree of images → segmentations exported in the chosen formats, with each
// image's saved annotation (sidecar) applied exactly as the GUI shows and exports it; resumable
// (an image is redone unless its outputs were made from the same image and the same settings),
// shardable across processes, per-image failures and set-aside decisions reported at the end.
// diffcut merge-coco: joins the per-shard COCO files of a sharded batch.
#include "cli_common.h"
#include "naming_options.h"

#include <string>
#include <vector>

namespace diffcut {

struct BatchOptions {
    std::string input, out;
    EncoderOptions encoder;
    GranularityOptions granularity;
    bool refine = false;
    bool ignoreAnnotations = false;
    std::string formats = "voc,labelme,coco,masks";
    std::string unlabelled = "background"; // VOC: background, void or segment
    std::string shard;                     // "I/N"; empty = all images
    NamingOptions naming;
};

CLI::App *addBatchCommand(CLI::App &app, BatchOptions &options);
// Returns the exit code: kExitFailure when any image failed.
int runBatch(const BatchOptions &options);

struct MergeCocoOptions {
    std::vector<std::string> inputs;
    std::string output;
};

CLI::App *addMergeCocoCommand(CLI::App &app, MergeCocoOptions &options);
void runMergeCoco(const MergeCocoOptions &options);

} // namespace diffcut
