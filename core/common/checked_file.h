#pragma once
// Cache files that check themselves: the content, then a 24-byte trailer: "DCCHECK1", the
// content's length and its XXH3-64 checksum (both 64-bit little-endian). Written to a temporary
// file and renamed, so a full disk or a crash leaves no entry rather than a torn one; on reading,
// an entry that is empty, truncated, extended or has a flipped bit fails its check and is not
// used. (A .npy entry stays a valid .npy file: numpy reads no further than its data.)
//
// A `key` (the entry's name in its cache) seeds the checksum, so that a file that was written
// for another key — renamed, or copied in from elsewhere — fails its check like a damaged one.
#include <filesystem>
#include <string>
#include <string_view>

namespace diffcut {

// Throws Error naming `path` when it cannot be written; nothing is left behind then.
void writeCheckedFile(const std::filesystem::path &path, std::string_view content, std::string_view key = {});

// The content. Throws Error naming `path` and saying why it fails its check.
std::string readCheckedFile(const std::filesystem::path &path, std::string_view key = {});

} // namespace diffcut
