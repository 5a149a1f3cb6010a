#include "naming/clip_text_cleaning.h"

#include "common/error.h"

#include <libxml/HTMLparser.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace diffcut {
namespace {

using Text = std::u32string;

Text decodeUtf8(std::string_view utf8) {
    Text text;
    text.reserve(utf8.size());
    const auto *bytes = reinterpret_cast<const std::uint8_t *>(utf8.data());
    const std::int32_t length = std::int32_t(utf8.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0)
            throw Error("text is not valid UTF-8 (byte " + std::to_string(i) + ")");
        text.push_back(char32_t(c));
    }
    return text;
}

std::string encodeUtf8(const Text &text) {
    std::string utf8;
    for (char32_t c : text) {
        std::uint8_t buffer[U8_MAX_LENGTH];
        std::int32_t length = 0;
        U8_APPEND_UNSAFE(buffer, length, UChar32(c));
        utf8.append(reinterpret_cast<const char *>(buffer), std::size_t(length));
    }
    return utf8;
}

icu::UnicodeString toIcu(const Text &text) {
    return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32 *>(text.data()), std::int32_t(text.size()));
}

Text fromIcu(const icu::UnicodeString &text) {
    Text result;
    for (std::int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1))
        result.push_back(char32_t(text.char32At(i)));
    return result;
}

const icu::Normalizer2 &normalizer(bool compatibility) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *instance =
        compatibility ? icu::Normalizer2::getNFKCInstance(status) : icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status))
        throw Error(std::string("ICU normalisation data unavailable: ") + u_errorName(status));
    return *instance;
}

Text normalized(const Text &text, bool compatibility) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString result = normalizer(compatibility).normalize(toIcu(text), status);
    if (U_FAILURE(status))
        throw Error(std::string("Unicode normalisation failed: ") + u_errorName(status));
    return fromIcu(result);
}

// Windows-1252's characters for bytes 0x80–0x9F; 0 where it defines none (ftfy's "sloppy"
// variant and Python's html.unescape then keep U+0080 + n).
constexpr std::array<char32_t, 32> kWindows1252High{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char32_t windows1252(char32_t byte) {
    if (byte < 0x80 || byte >= 0xA0)
        return byte;
    const char32_t mapped = kWindows1252High[byte - 0x80];
    return mapped ? mapped : byte;
}

// The byte a character has in Latin-1 or Windows-1252, or -1.
int singleByteOf(char32_t c) {
    if (c < 0x100)
        return int(c);
    const auto found = std::find(kWindows1252High.begin(), kWindows1252High.end(), c);
    return found == kWindows1252High.end() ? -1 : int(0x80 + (found - kWindows1252High.begin()));
}

// Python's str.isspace(), which split() and strip() use.
bool isPythonSpace(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// HTML 4 entities by name (libxml2's table); the upper-case spellings HTML 5 also accepts.
std::optional<char32_t> namedEntity(const std::string &name) {
    static const std::map<std::string, std::string> upperCase{{"AMP", "amp"}, {"COPY", "copy"}, {"GT", "gt"},
                                                              {"LT", "lt"},   {"QUOT", "quot"}, {"REG", "reg"}};
    const auto upper = upperCase.find(name);
    const std::string &lookup = upper == upperCase.end() ? name : upper->second;
    const htmlEntityDesc *entity = htmlEntityLookup(reinterpret_cast<const xmlChar *>(lookup.c_str()));
    if (!entity)
        return std::nullopt;
    return char32_t(entity->value);
}

// The names html.unescape also accepts without ';': the Latin-1 ones and amp, lt, gt, quot.
std::optional<char32_t> legacyEntity(const std::string &name) {
    const std::optional<char32_t> value = namedEntity(name);
    if (value && ((*value >= 0xA0 && *value <= 0xFF) || *value == '&' || *value == '<' || *value == '>' || *value == '"'))
        return value;
    return std::nullopt;
}

// Python's html._replace_charref for a numeric reference: "" for the code points HTML forbids.
Text numericReference(std::uint64_t code) {
    if (code == 0)
        return U"\uFFFD";
    if (code == 0x0D)
        return U"\r";
    if (code >= 0x80 && code <= 0x9F)
        return Text(1, windows1252(char32_t(code)));
    if ((code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
        return U"\uFFFD";
    if ((code >= 0x01 && code <= 0x08) || code == 0x0B || (code >= 0x0E && code <= 0x1F) || code == 0x7F ||
        (code >= 0xFDD0 && code <= 0xFDEF) || (code & 0xFFFE) == 0xFFFE)
        return U"";
    return Text(1, char32_t(code));
}

bool isDigit(char32_t c, bool hex) {
    return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
}

bool isAsciiAlnum(char32_t c) { return isDigit(c, false) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string asciiOf(const Text &text) { return std::string(text.begin(), text.end()); }

// At text[at] == '&': the length of the numeric reference there (with its ';') and its code, or 0.
std::size_t numericReferenceAt(const Text &text, std::size_t at, std::uint64_t &code) {
    std::size_t i = at + 1;
    if (i >= text.size() || text[i] != '#')
        return 0;
    const bool hex = i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X');
    i += hex ? 2 : 1;
    const std::size_t digits = i;
    code = 0;
    for (; i < text.size() && isDigit(text[i], hex); ++i) {
        const char32_t c = text[i];
        const unsigned digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        code = std::min<std::uint64_t>(code * (hex ? 16 : 10) + digit, 0x110000); // saturates past U+10FFFF
    }
    if (i == digits)
        return 0;
    return i + (i < text.size() && text[i] == ';') - at;
}

Text pythonHtmlUnescape(const Text &text) {
    Text out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '&') {
            out.push_back(text[i++]);
            continue;
        }
        std::uint64_t code = 0;
        if (const std::size_t length = numericReferenceAt(text, i, code)) {
            out += numericReference(code);
            i += length;
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() && end - i - 1 < 32 && Text(U"\t\n\f <&#;").find(text[end]) == Text::npos)
            ++end;
        if (end == i + 1) {
            out.push_back(text[i++]);
            continue;
        }
        const bool semicolon = end < text.size() && text[end] == ';';
        const Text name = text.substr(i + 1, end - i - 1);
        const Text reference = name + (semicolon ? U";" : U"");
        i = end + semicolon;
        if (const auto value = semicolon ? namedEntity(asciiOf(name)) : legacyEntity(asciiOf(name))) {
            out.push_back(*value);
            continue;
        }
        // The longest legacy name the reference starts with, the rest kept: "&notit;" → "¬it;".
        bool replaced = false;
        for (std::size_t x = reference.size() - 1; x >= 2 && !replaced; --x)
            if (const auto value = legacyEntity(asciiOf(reference.substr(0, x)))) {
                out.push_back(*value);
                out += reference.substr(x);
                replaced = true;
            }
        if (!replaced)
            out += U"&" + reference;
    }
    return out;
}

// ftfy's unescape_html: "&name;" (a name of the entity table) and "&#…;" (when Python's
// html.unescape turns the whole reference into characters) are replaced; the rest stays.
Text ftfyUnescapeHtml(const Text &text) {
    Text out;
    for (std::size_t i = 0; i < text.size();) {
        const bool numeric = i + 1 < text.size() && text[i + 1] == '#';
        const std::size_t start = i + 1 + numeric;
        std::size_t end = start;
        while (end < text.size() && end - start < 24 && isAsciiAlnum(text[end]))
            ++end;
        if (text[i] != '&' || end == start || end >= text.size() || text[end] != ';') {
            out.push_back(text[i++]);
            continue;
        }
        const Text reference = text.substr(i, end + 1 - i);
        i = end + 1;
        if (numeric) {
            const Text unescaped = pythonHtmlUnescape(reference);
            out += unescaped.find(U';') == Text::npos ? unescaped : reference;
        } else if (const auto value = namedEntity(asciiOf(reference.substr(1, reference.size() - 2)))) {
            out.push_back(*value);
        } else {
            out += reference;
        }
    }
    return out;
}

// A line entirely in Latin-1 / Windows-1252 whose bytes are UTF-8 with a multi-byte sequence:
// UTF-8 that was decoded with the wrong encoding ("cafÃ©" → "café").
Text fixMojibake(const Text &line) {
    std::string bytes;
    bool multiByte = false;
    for (char32_t c : line) {
        const int byte = singleByteOf(c);
        if (byte < 0)
            return line;
        multiByte |= byte >= 0x80;
        bytes.push_back(char(byte));
    }
    if (!multiByte)
        return line;
    try {
        return decodeUtf8(bytes);
    } catch (const Error &) {
        return line;
    }
}

Text replaceEach(const Text &text, const std::map<char32_t, Text> &table) {
    Text out;
    for (char32_t c : text) {
        const auto found = table.find(c);
        out += found == table.end() ? Text(1, c) : found->second;
    }
    return out;
}

Text fixLatinLigatures(const Text &text) {
    static const std::map<char32_t, Text> ligatures{
        {U'Ĳ', U"IJ"}, {U'ĳ', U"ij"}, {U'ŉ', U"ʼn"}, {U'Ǆ', U"DŽ"}, {U'ǅ', U"Dž"}, {U'ǆ', U"dž"}, {U'Ǉ', U"LJ"},
        {U'ǈ', U"Lj"}, {U'ǉ', U"lj"}, {U'Ǌ', U"NJ"}, {U'ǋ', U"Nj"}, {U'ǌ', U"nj"}, {U'ﬀ', U"ff"}, {U'ﬁ', U"fi"},
        {U'ﬂ', U"fl"}, {U'ﬃ', U"ffi"}, {U'ﬄ', U"ffl"}, {U'ﬅ', U"ſt"}, {U'ﬆ', U"st"}};
    return replaceEach(text, ligatures);
}

Text fixCharacterWidth(const Text &text) {
    Text out;
    for (char32_t c : text)
        out += c == 0x3000 ? Text(U" ") : c >= 0xFF01 && c <= 0xFFEF ? normalized(Text(1, c), true) : Text(1, c);
    return out;
}

Text uncurlQuotes(const Text &text) {
    Text out = text;
    for (char32_t &c : out)
        c = c == 0x02BC || (c >= 0x2018 && c <= 0x201B) ? U'\'' : c >= 0x201C && c <= 0x201F ? U'"' : c;
    return out;
}

Text fixLineBreaks(const Text &text) {
    Text out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            continue;
        out.push_back(c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85 ? U'\n' : c);
    }
    return out;
}

// ESC [ digits-or-semicolons letter: colour and cursor codes of a terminal.
Text removeTerminalEscapes(const Text &text) {
    Text out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == 0x1B && i + 1 < text.size() && text[i + 1] == '[') {
            std::size_t end = i + 2;
            while (end < text.size() && (isDigit(text[end], false) || text[end] == ';'))
                ++end;
            if (end < text.size() && ((text[end] | 0x20) >= 'a' && (text[end] | 0x20) <= 'z')) {
                i = end;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

Text removeControlChars(const Text &text) {
    Text out;
    for (char32_t c : text)
        if (!(c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F || (c >= 0x206A && c <= 0x206F) ||
              c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC)))
            out.push_back(c);
    return out;
}

Text fixSegment(Text text, bool unescapeHtml) {
    for (;;) {
        const Text before = text;
        if (unescapeHtml)
            text = ftfyUnescapeHtml(text);
        text = fixMojibake(text);
        for (char32_t &c : text)
            c = windows1252(c); // C1 controls
        text = fixLatinLigatures(text);
        text = fixCharacterWidth(text);
        text = uncurlQuotes(text);
        text = fixLineBreaks(text);
        text = removeTerminalEscapes(text);
        text = removeControlChars(text);
        text = normalized(text, false);
        if (text == before)
            return text;
    }
}

Text stripped(const Text &text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && isPythonSpace(text[begin]))
        ++begin;
    while (end > begin && isPythonSpace(text[end - 1]))
        --end;
    return text.substr(begin, end - begin);
}

} // namespace

std::string fixText(std::string_view utf8) {
    const Text text = decodeUtf8(utf8);
    const bool unescapeHtml = text.find(U'<') == Text::npos;
    // ftfy fixes the text line by line (each line keeps its '\n').
    Text out;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t newline = text.find(U'\n', start);
        const std::size_t end = newline == Text::npos ? text.size() : newline + 1;
        out += fixSegment(text.substr(start, end - start), unescapeHtml);
        start = end;
    }
    return encodeUtf8(out);
}

std::string htmlUnescape(std::string_view utf8) { return encodeUtf8(pythonHtmlUnescape(decodeUtf8(utf8))); }

std::string basicClean(std::string_view utf8) {
    const Text fixed = decodeUtf8(fixText(utf8));
    return encodeUtf8(stripped(pythonHtmlUnescape(pythonHtmlUnescape(fixed))));
}

std::string cleanForClip(std::string_view utf8) {
    const Text text = decodeUtf8(basicClean(utf8));
    Text collapsed;
    for (std::size_t i = 0; i < text.size();) {
        if (!isPythonSpace(text[i])) {
            collapsed.push_back(text[i++]);
            continue;
        }
        while (i < text.size() && isPythonSpace(text[i]))
            ++i;
        if (!collapsed.empty() && i < text.size())
            collapsed.push_back(U' ');
    }
    icu::UnicodeString lower = toIcu(collapsed);
    lower.toLower(icu::Locale::getRoot());
    return encodeUtf8(fromIcu(lower));
}

} // namespace diffcut
