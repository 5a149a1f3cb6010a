#pragma once
// diffcut classify: names the segments of a label map with an OpenCLIP ConvNeXt model, as
// DiffCut's open-vocabulary evaluation does, and writes per segment the class, its logits and
// probabilities as JSON.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace diffcut {

struct ClassifyOptions {
    std::string image, clipInput, segments, clip, classesFile, out, classMap, cache;
    std::vector<std::string> classes;
    int clipSize = 1024;
    bool normalize = false;
    std::string device = "auto";
    bool noCache = false;
};

CLI::App *addClassifyCommand(CLI::App &app, ClassifyOptions &options);
// Throws diffcut::Error when the work fails.
void runClassify(const ClassifyOptions &options);

} // namespace diffcut
