#include "common/json_file.h"

#include "common/error.h"

#include <fstream>
#include <iterator>
#include <system_error>

namespace diffcut {
namespace {

using json = nlohmann::json;

// nlohmann's own DOM builder behind a depth count: parsing stops at the first array or object
// that would open deeper than kMaxJsonDepth. (json::parse with a callback could count depth
// too, but it rescans the parent container whenever a value closes: quadratic in a large file.)
class BoundedDomBuilder {
public:
    explicit BoundedDomBuilder(json &root) : dom_(root, /*allow_exceptions=*/false) {}

    bool tooDeep() const { return tooDeep_; }
    const std::string &error() const { return error_; }

    bool null() { return dom_.null(); }
    bool boolean(bool value) { return dom_.boolean(value); }
    bool number_integer(json::number_integer_t value) { return dom_.number_integer(value); }
    bool number_unsigned(json::number_unsigned_t value) { return dom_.number_unsigned(value); }
    bool number_float(json::number_float_t value, const json::string_t &text) { return dom_.number_float(value, text); }
    bool string(json::string_t &value) { return dom_.string(value); }
    bool binary(json::binary_t &value) { return dom_.binary(value); }
    bool key(json::string_t &value) { return dom_.key(value); }
    bool start_object(std::size_t size) { return open() && dom_.start_object(size); }
    bool start_array(std::size_t size) { return open() && dom_.start_array(size); }
    bool end_object() { return close() && dom_.end_object(); }
    bool end_array() { return close() && dom_.end_array(); }
    bool parse_error(std::size_t, const std::string &, const json::exception &error) {
        error_ = error.what();
        return false;
    }

private:
    bool open() {
        tooDeep_ = ++depth_ > kMaxJsonDepth;
        return !tooDeep_;
    }
    bool close() {
        --depth_;
        return true;
    }

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    std::size_t depth_ = 0;
    bool tooDeep_ = false;
    std::string error_;
};

// nlohmann's messages look like "[json.exception.parse_error.101] parse error at line 1, column
// 9: syntax error while parsing value - invalid literal; last read: '...'": keep the reason,
// and keep it short, since "last read" quotes the file.
std::string shortReason(std::string_view what) {
    constexpr std::size_t kMaxLength = 160;
    if (const std::size_t bracket = what.find("] "); bracket != std::string_view::npos)
        what.remove_prefix(bracket + 2);
    std::string reason(what.substr(0, kMaxLength));
    for (char &c : reason)
        if (static_cast<unsigned char>(c) < 0x20)
            c = ' ';
    return what.size() > kMaxLength ? reason + "..." : reason;
}

// Compact JSON as dump() writes it, with non-ASCII escaped, but stopping soon after `limit`
// characters: a value from a file may be huge, and only its start is shown.
void appendExcerpt(const json &value, std::string &out, std::size_t limit) {
    const auto dumped = [](const json &scalar) {
        return scalar.dump(-1, ' ', /*ensure_ascii=*/true, json::error_handler_t::replace);
    };
    if (value.is_string()) {
        out += dumped(value.get_ref<const std::string &>().substr(0, limit));
    } else if (value.is_array() || value.is_object()) {
        out += value.is_array() ? '[' : '{';
        for (auto item = value.begin(); item != value.end() && out.size() <= limit; ++item) {
            if (item != value.begin())
                out += ',';
            if (value.is_object())
                out += dumped(item.key().substr(0, limit)) + ':';
            appendExcerpt(*item, out, limit);
        }
        out += value.is_array() ? ']' : '}';
    } else {
        out += dumped(value);
    }
}

} // namespace

json parseJsonBounded(std::string_view text, const std::string &source) {
    json document;
    BoundedDomBuilder builder(document);
    if (json::sax_parse(text.begin(), text.end(), &builder))
        return document;
    if (builder.tooDeep())
        throw Error(source + ": nested more than " + std::to_string(kMaxJsonDepth) +
                    " levels deep; not a file this program reads");
    throw Error(source + ": not a valid JSON file (" + shortReason(builder.error()) + ")");
}

json readJsonFile(const std::filesystem::path &path) {
    std::error_code status;
    const std::filesystem::file_type type = std::filesystem::status(path, status).type();
    if (type == std::filesystem::file_type::not_found)
        throw Error(path.string() + ": cannot be read (not found)");
    if (status)
        throw Error(path.string() + ": cannot be read (" + status.message() + ")");
    if (type != std::filesystem::file_type::regular) // a FIFO would block the reader
        throw Error(path.string() + ": not a regular file");
    std::ifstream stream(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (!stream && !stream.eof())
        throw Error(path.string() + ": cannot be read");
    return parseJsonBounded(text, path.string());
}

std::string jsonExcerpt(const json &value) {
    constexpr std::size_t kMaxLength = 60;
    std::string text;
    appendExcerpt(value, text, kMaxLength);
    return text.size() > kMaxLength ? text.substr(0, kMaxLength) + "..." : text;
}

} // namespace diffcut
