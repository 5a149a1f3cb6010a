#include "common/checked_file.h"

#include "common/error.h"
#include "export/atomic_file.h"

#include <xxhash.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>

namespace diffcut {
namespace {

constexpr char kMagic[8] = {'D', 'C', 'C', 'H', 'E', 'C', 'K', '1'};
constexpr std::size_t kTrailerSize = sizeof kMagic + 2 * sizeof(std::uint64_t);

void appendLittleEndian(std::string &out, std::uint64_t value) {
    for (int byte = 0; byte < 8; ++byte)
        out += char((value >> (8 * byte)) & 0xFF);
}

std::uint64_t readLittleEndian(const char *bytes) {
    std::uint64_t value = 0;
    for (int byte = 7; byte >= 0; --byte)
        value = value << 8 | static_cast<unsigned char>(bytes[byte]);
    return value;
}

// Seed 0 without a key: XXH3_64bits_withSeed(..., 0) is XXH3_64bits, so key-less files keep their checksum.
std::uint64_t checksum(std::string_view content, std::string_view key) {
    const std::uint64_t seed = key.empty() ? 0 : XXH3_64bits(key.data(), key.size());
    return XXH3_64bits_withSeed(content.data(), content.size(), seed);
}

} // namespace

void writeCheckedFile(const std::filesystem::path &path, std::string_view content, std::string_view key) {
    std::string trailer(kMagic, sizeof kMagic);
    appendLittleEndian(trailer, content.size());
    appendLittleEndian(trailer, checksum(content, key));
    writeFileAtomically(path, [&](const std::filesystem::path &temporary) {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(content.data(), std::streamsize(content.size()));
        out.write(trailer.data(), std::streamsize(trailer.size()));
        out.close();
        if (!out)
            throw Error("writing failed (disk full?)");
    });
}

std::string readCheckedFile(const std::filesystem::path &path, std::string_view key) {
    const auto fail = [&](const std::string &why) { throw Error(path.string() + ": " + why); };
    if (std::error_code status; !std::filesystem::is_regular_file(path, status))
        fail("not a regular file");
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        fail("cannot be read");
    if (bytes.size() < kTrailerSize || std::memcmp(bytes.data() + bytes.size() - kTrailerSize, kMagic, sizeof kMagic) != 0)
        fail("no checksum trailer (empty, truncated, or not written by this version)");
    const char *trailer = bytes.data() + bytes.size() - kTrailerSize + sizeof kMagic;
    const std::size_t length = bytes.size() - kTrailerSize;
    if (readLittleEndian(trailer) != length)
        fail("holds " + std::to_string(length) + " bytes, its trailer says " + std::to_string(readLittleEndian(trailer)));
    if (readLittleEndian(trailer + 8) != checksum({bytes.data(), length}, key))
        fail(key.empty() ? "checksum mismatch (the file is corrupt)"
                         : "checksum mismatch (the file is corrupt, or was written for another entry)");
    bytes.resize(length);
    return bytes;
}

} // namespace diffcut
