#pragma once
// What `diffcut model list|check|pull` say about OpenCLIP folders (the segment namer's models).
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace diffcut {

// Prints each problem `check` finds as "BAD: ..." (or `allGood` when none; a note when the check
// itself cannot run, e.g. without the LibTorch library) and returns how many it found.
int reportTensorProblems(const std::function<std::vector<std::string>()> &check, const std::string &allGood);

// One entry per OpenCLIP folder in the Hugging Face cache and `folders`; returns how many.
std::size_t listOpenClipModels(const std::vector<std::string> &folders);
// Files, tokenizer, the weights' structure, then every tensor on the meta device; prints the
// findings and returns the number of problems.
int checkOpenClipFolder(const std::filesystem::path &folder);
// The summary after a pull: architecture name, size, and what is missing.
void describeOpenClipModel(const std::filesystem::path &folder);

} // namespace diffcut
