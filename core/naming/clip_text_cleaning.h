#pragma once
// The text cleaning of open_clip's SimpleTokenizer (clean="lower"), on UTF-8 strings:
//   basic_clean:  ftfy.fix_text(text), html.unescape twice, strip()
//   then:         " ".join(text.split()) (Python's Unicode whitespace), then str.lower()
// ftfy is a Python library with no C/C++ counterpart; fixText implements the fixes of its default
// configuration that change class names and prompts (checked on every string of the fixture's
// tokenizer golden), with ICU for normalisation and case:
//   - HTML entities, repeatedly, only when the text has no '<' (ftfy's "auto"); named entities
//     are HTML 4's (libxml2's table), numeric ones as Python's html.unescape;
//   - mojibake: a line whose characters are all Latin-1 / Windows-1252 and whose bytes in that
//     encoding are valid UTF-8 with a multi-byte sequence is decoded as UTF-8 (ftfy weighs a
//     "badness" score instead; text that is valid both ways is rare);
//   - C1 controls as Windows-1252, Latin ligatures, full-/half-width forms (NFKC of U+FF01–U+FFEF,
//     U+3000 → space), curly quotes, line breaks, terminal escapes, control characters, NFC.
// Not implemented: ftfy's partial-mojibake repairs (mixed with correct text on one line),
// restore_byte_a0 and lossy-sequence replacement, and HTML 5-only entity names (left as written).
#include <string>
#include <string_view>

namespace diffcut {

// ftfy.fix_text as described above. `utf8` must be valid UTF-8 (Error otherwise).
std::string fixText(std::string_view utf8);
// Python's html.unescape (HTML 4 entity names; numeric references with its replacement rules).
std::string htmlUnescape(std::string_view utf8);
// open_clip's basic_clean: fixText, htmlUnescape twice, strip Unicode whitespace.
std::string basicClean(std::string_view utf8);
// basic_clean, whitespace collapsed to single spaces, full Unicode lower-casing: what the
// tokenizer's regex splits.
std::string cleanForClip(std::string_view utf8);

} // namespace diffcut
