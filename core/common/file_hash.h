#pragma once
// A fingerprint of a file's bytes, to tell whether an output was made from this very input.
#include <filesystem>
#include <string>

namespace diffcut {

// xxHash3-64 of the file's bytes as 16 hex digits, or "" when it cannot be read.
std::string fileContentHash(const std::filesystem::path &path);

} // namespace diffcut
