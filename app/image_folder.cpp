#include "image_folder.h"

#include "common/error.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

bool isImage(const fs::path &path) {
    static const std::set<std::string> extensions{".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"};
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    return extensions.count(extension) > 0;
}

std::string clock(double seconds) {
    char text[32];
    const long total = long(seconds + 0.5);
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
    return text;
}

} // namespace

std::optional<Shard> parseShard(const std::string &text) {
    Shard shard;
    char slash = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%n", &shard.index, &slash, &shard.count, &used) != 3 || slash != '/' ||
        std::size_t(used) != text.size() || shard.count < 1 || shard.index < 0 || shard.index >= shard.count)
        return std::nullopt;
    return shard;
}

CLI::Validator shardValidator() {
    return CLI::Validator(
        [](const std::string &text) { return parseShard(text) ? std::string() : "expected I/N with 0 <= I < N"; }, "I/N");
}

std::vector<fs::path> listImages(const fs::path &input, const std::vector<fs::path> &excluded) {
    if (!fs::is_directory(input))
        throw Error(input.string() + ": not a folder");
    std::vector<fs::path> images;
    for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied);
         it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_directory() && !excluded.empty() &&
            std::find(excluded.begin(), excluded.end(), fs::weakly_canonical(it->path())) != excluded.end()) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && isImage(it->path()))
            images.push_back(fs::relative(it->path(), input));
    }
    std::sort(images.begin(), images.end());
    return images;
}

std::vector<std::size_t> shardPositions(std::size_t count, const Shard &shard) {
    std::vector<std::size_t> positions;
    for (std::size_t i = std::size_t(shard.index); i < count; i += std::size_t(shard.count))
        positions.push_back(i);
    return positions;
}

ProgressLine::ProgressLine(std::size_t total)
    : total_(total), terminal_(isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

void ProgressLine::print(std::size_t done, const std::string &name, const std::string &outcome) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = elapsed / double(done) * double(total_ - done);
    std::fprintf(stderr, "%s[%zu/%zu] %s: %s  ETA %s%s", terminal_ ? "\r\033[K" : "", done, total_, name.c_str(),
                 outcome.c_str(), clock(eta).c_str(), terminal_ ? "" : "\n");
}

void ProgressLine::finish() {
    if (terminal_)
        std::fputc('\n', stderr);
}

} // namespace diffcut
