// libFuzzer target: parseJsonBounded, the reader of every JSON file we accept (configs, model
// indexes, COCO files, sidecars), must accept arbitrary bytes or reject them with a
// diffcut::Error; anything else is a bug. An accepted document then goes through what the
// callers do with one (copy, compare, dump, quote in a message): these recurse once per level of
// nesting, so they crash on a deep document unless the reader's depth bound holds.
#include "common/error.h"
#include "common/json_file.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {
constexpr std::string_view kName = "fuzz.json";
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    try {
        const nlohmann::json document =
            diffcut::parseJsonBounded({reinterpret_cast<const char *>(data), size}, std::string(kName));
        const nlohmann::json copy = document;
        if (copy != document)
            std::abort();
        (void)document.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
        const std::string excerpt = diffcut::jsonExcerpt(document);
        if (excerpt.size() > 64 || excerpt.find('\n') != std::string::npos)
            std::abort();
    } catch (const diffcut::Error &error) {
        // Errors are shown to the user as they are: one line that starts with the file's name.
        const std::string_view message = error.what();
        if (!message.starts_with(kName) || message.find('\n') != std::string_view::npos || message.size() > 300)
            std::abort();
    }
    return 0;
}
