#pragma once
// diffcut eval: the paper's Hungarian-matched mIoU of a folder of predicted label maps against a
// folder of ground-truth label maps, or, for class maps, the open-vocabulary protocol.
#include <CLI/CLI.hpp>

#include <string>

namespace diffcut {

struct EvalOptions {
    std::string predictions, groundTruth;
    int numClasses = 0; // 0: inferred from the ground truth
    int ignoreLabel = 255;
    bool backgroundManyToOne = false;
    bool openVocabulary = false;
    bool json = false;
};

CLI::App *addEvalCommand(CLI::App &app, EvalOptions &options);
// The table (or --json) on stdout, notes on stderr; throws diffcut::Error when the work fails.
void runEval(const EvalOptions &options);

} // namespace diffcut
