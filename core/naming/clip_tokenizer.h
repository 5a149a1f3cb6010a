#pragma once
// open_clip's SimpleTokenizer (what open_clip.get_tokenizer gives a ConvNeXt CLIP model), reading
// the Hugging Face CLIP BPE files a model repo ships (vocab.json, merges.txt): text cleaning
// (clip_text_cleaning.h), open_clip's split pattern
//   <start_of_text>|<end_of_text>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
// (ICU regex, case-insensitive), UTF-8 bytes through GPT-2's byte-to-unicode map, byte-level BPE
// by merge rank with "</w>" on the last symbol, then [start] + ids + [end], zero-padded to the
// context length or cut with the end token forced into the last position.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace diffcut {

class ClipTokenizer {
public:
    // Throws Error naming the file when one is missing or malformed.
    static ClipTokenizer fromFiles(const std::filesystem::path &vocabJson, const std::filesystem::path &mergesTxt);
    // vocab.json and merges.txt of a model folder.
    static ClipTokenizer fromFolder(const std::filesystem::path &folder);

    // The stages, for checking against open_clip: pieces of cleaned text, BPE tokens of a piece.
    std::vector<std::string> pieces(const std::string &cleanedText) const;
    std::vector<std::string> bpe(const std::string &piece) const;
    // Ids of the text without start/end tokens, not truncated.
    std::vector<std::int64_t> encode(std::string_view text) const;
    // What open_clip's tokenizer returns for one string: exactly `contextLength` ids.
    std::vector<std::int64_t> tokenize(std::string_view text, std::size_t contextLength = 77) const;

    std::int64_t startId() const { return startId_; }
    std::int64_t endId() const { return endId_; }

private:
    std::unordered_map<std::string, std::int64_t> vocab_;
    std::unordered_map<std::string, std::size_t> mergeRanks_; // "first second" -> rank
    std::vector<std::string> byteSymbols_;                    // byte -> its symbol (UTF-8)
    std::int64_t startId_ = 0, endId_ = 0;
};

} // namespace diffcut
