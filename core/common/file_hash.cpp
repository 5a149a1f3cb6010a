#include "common/file_hash.h"

#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

namespace diffcut {

std::string fileContentHash(const std::filesystem::path &path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        return {};
    const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), &XXH3_freeState);
    XXH3_64bits_reset(state.get());
    std::vector<char> buffer(1 << 20);
    while (stream.read(buffer.data(), std::streamsize(buffer.size())) || stream.gcount() > 0)
        XXH3_64bits_update(state.get(), buffer.data(), std::size_t(stream.gcount()));
    if (stream.bad())
        return {};
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(XXH3_64bits_digest(state.get())));
    return text;
}

} // namespace diffcut
