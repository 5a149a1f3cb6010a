#pragma once
// The one reader for JSON that a user or another tool wrote (configs, model indexes, COCO files,
// sidecars, hub replies): a missing, unreadable, malformed or too deeply nested document is a
// one-line Error naming its source, never an exception of the JSON library, a hang or a crash.
//
// Nesting is bounded because nlohmann::json copies, compares and dumps values recursively: a
// 2 MB "[[[...]]]" one million levels deep overflows the stack wherever such a value is touched.
// The bound is checked while parsing, before any of the document is built.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace diffcut {

// Deepest nesting of arrays and objects accepted. Real documents stay far below it (a COCO
// polygon sits 5 levels deep, a diffusers config at most 3).
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses `text`; `source` names it in errors ("<source>: not valid JSON (...)").
nlohmann::json parseJsonBounded(std::string_view text, const std::string &source);

// Reads and parses a regular file (a FIFO or device is refused, not waited on).
nlohmann::json readJsonFile(const std::filesystem::path &path);

// An untrusted value for an error message: compact JSON, non-ASCII escaped, at most ~60
// characters ("[1, 2, 3, ..." when longer), so a message stays one short line.
std::string jsonExcerpt(const nlohmann::json &value);

} // namespace diffcut
