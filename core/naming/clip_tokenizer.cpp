#include "naming/clip_tokenizer.h"

#include "common/error.h"
#include "common/json_file.h"
#include "naming/clip_text_cleaning.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <fstream>
#include <limits>
#include <memory>

namespace diffcut {
namespace {

std::string utf8Of(UChar32 c) {
    char buffer[U8_MAX_LENGTH];
    std::int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, c);
    return std::string(buffer, std::size_t(length));
}

// GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the others for 256 + n.
std::vector<std::string> byteSymbols() {
    std::vector<std::string> symbols(256);
    int next = 256;
    for (int byte = 0; byte < 256; ++byte) {
        const bool printable = (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) || (byte >= 0xAE);
        symbols[byte] = utf8Of(printable ? byte : next++);
    }
    return symbols;
}

const icu::RegexPattern &splitPattern() {
    static const std::unique_ptr<icu::RegexPattern> pattern = [] {
        UErrorCode status = U_ZERO_ERROR;
        UParseError parseError;
        std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
            icu::UnicodeString::fromUTF8(R"(<start_of_text>|<end_of_text>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+)"),
            UREGEX_CASE_INSENSITIVE, parseError, status));
        if (U_FAILURE(status))
            throw Error(std::string("the tokenizer's pattern does not compile with ICU: ") + u_errorName(status));
        return compiled;
    }();
    return *pattern;
}

} // namespace

ClipTokenizer ClipTokenizer::fromFiles(const std::filesystem::path &vocabJson, const std::filesystem::path &mergesTxt) {
    ClipTokenizer tokenizer;
    for (const auto &path : {vocabJson, mergesTxt})
        if (!std::filesystem::is_regular_file(path))
            throw Error(path.string() + ": missing CLIP tokenizer file (it comes with the model's repo on the hub; "
                                        "openai/clip-vit-large-patch14 has the same one)");
    const nlohmann::json vocab = readJsonFile(vocabJson);
    if (!vocab.is_object())
        throw Error(vocabJson.string() + ": not a JSON object of token ids");
    for (const auto &[token, id] : vocab.items()) {
        if (!id.is_number_integer() || id.get<std::int64_t>() < 0)
            throw Error(vocabJson.string() + ": the id of '" + token + "' is not a non-negative integer");
        tokenizer.vocab_.emplace(token, id.get<std::int64_t>());
    }
    const auto special = [&](const char *token) {
        const auto found = tokenizer.vocab_.find(token);
        if (found == tokenizer.vocab_.end())
            throw Error(vocabJson.string() + ": no id for '" + token + "' (not a CLIP vocabulary)");
        return found->second;
    };
    tokenizer.startId_ = special("<|startoftext|>");
    tokenizer.endId_ = special("<|endoftext|>");

    std::ifstream merges(mergesTxt);
    std::string line;
    for (std::size_t number = 1; std::getline(merges, line); ++number) {
        if (number == 1 && line.rfind("#version", 0) == 0)
            continue;
        if (line.empty())
            continue;
        const std::size_t space = line.find(' ');
        if (space == std::string::npos || space == 0 || space + 1 == line.size() || line.find(' ', space + 1) != std::string::npos)
            throw Error(mergesTxt.string() + ":" + std::to_string(number) + ": not a merge \"first second\"");
        tokenizer.mergeRanks_.emplace(line, tokenizer.mergeRanks_.size());
    }
    if (merges.bad() || tokenizer.mergeRanks_.empty())
        throw Error(mergesTxt.string() + ": cannot read BPE merges from it");
    tokenizer.byteSymbols_ = byteSymbols();
    return tokenizer;
}

ClipTokenizer ClipTokenizer::fromFolder(const std::filesystem::path &folder) {
    return fromFiles(folder / "vocab.json", folder / "merges.txt");
}

std::vector<std::string> ClipTokenizer::pieces(const std::string &cleanedText) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(cleanedText);
    std::unique_ptr<icu::RegexMatcher> matcher(splitPattern().matcher(text, status));
    std::vector<std::string> found;
    while (U_SUCCESS(status) && matcher->find(status)) {
        std::string piece;
        matcher->group(status).toUTF8String(piece);
        found.push_back(std::move(piece));
    }
    if (U_FAILURE(status))
        throw Error(std::string("splitting text for the tokenizer failed: ") + u_errorName(status));
    return found;
}

std::vector<std::string> ClipTokenizer::bpe(const std::string &piece) const {
    std::vector<std::string> word;
    for (const unsigned char byte : piece)
        word.push_back(byteSymbols_[byte]);
    if (word.empty())
        return {};
    word.back() += "</w>";
    while (word.size() > 1) {
        std::size_t best = std::numeric_limits<std::size_t>::max(), bestAt = 0;
        for (std::size_t i = 0; i + 1 < word.size(); ++i)
            if (const auto rank = mergeRanks_.find(word[i] + " " + word[i + 1]); rank != mergeRanks_.end() && rank->second < best) {
                best = rank->second;
                bestAt = i;
            }
        if (best == std::numeric_limits<std::size_t>::max())
            break;
        // Every occurrence of the best pair, left to right.
        const std::string first = word[bestAt], second = word[bestAt + 1];
        std::vector<std::string> merged;
        for (std::size_t i = 0; i < word.size(); ++i) {
            if (i + 1 < word.size() && word[i] == first && word[i + 1] == second) {
                merged.push_back(first + second);
                ++i;
            } else {
                merged.push_back(word[i]);
            }
        }
        word = std::move(merged);
    }
    return word;
}

std::vector<std::int64_t> ClipTokenizer::encode(std::string_view text) const {
    std::vector<std::int64_t> ids;
    for (const std::string &piece : pieces(cleanForClip(text))) {
        if (piece == "<start_of_text>" || piece == "<end_of_text>") {
            ids.push_back(piece == "<start_of_text>" ? startId_ : endId_);
            continue;
        }
        for (const std::string &token : bpe(piece)) {
            const auto id = vocab_.find(token);
            if (id == vocab_.end())
                throw Error("the CLIP vocabulary has no token '" + token + "' that its merges produce");
            ids.push_back(id->second);
        }
    }
    return ids;
}

std::vector<std::int64_t> ClipTokenizer::tokenize(std::string_view text, std::size_t contextLength) const {
    std::vector<std::int64_t> ids{startId_};
    const std::vector<std::int64_t> body = encode(text);
    ids.insert(ids.end(), body.begin(), body.end());
    ids.push_back(endId_);
    if (ids.size() > contextLength) {
        ids.resize(contextLength);
        ids.back() = endId_;
    }
    ids.resize(contextLength, 0);
    return ids;
}

} // namespace diffcut
