#pragma once
// Class names for naming segments, as DiffCut's open-vocabulary evaluation takes them: one class
// per line, synonyms separated by commas ("dog, puppy"; split as the official code does, after
// replacing ", " by ","), each synonym put into the 14 ViLD prompt templates.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

// DiffCut's VILD_PROMPT templates, in its order ("{}" is the synonym).
inline constexpr std::array<const char *, 14> kPromptTemplates{
    "a photo of a {}.",
    "This is a photo of a {}",
    "There is a {} in the scene",
    "There is the {} in the scene",
    "a photo of a {} in the scene",
    "a photo of a small {}.",
    "a photo of a medium {}.",
    "a photo of a large {}.",
    "This is a photo of a small {}.",
    "This is a photo of a medium {}.",
    "This is a photo of a large {}.",
    "There is a small {} in the scene.",
    "There is a medium {} in the scene.",
    "There is a large {} in the scene."};

// More would take hours of text encoding on a CPU (14 prompts per synonym) and mean a mistaken file.
inline constexpr std::size_t kMaxClassCount = 2000;

// "dog, puppy" → {"dog", "puppy"}: ", " replaced by ",", then split at every ','.
std::vector<std::string> splitSynonyms(const std::string &classLine);
// The template with its "{}" replaced by the synonym.
std::string promptOf(const char *promptTemplate, const std::string &synonym);

// The classes of a file: one per line (a trailing '\r' and surrounding spaces removed; a leading
// "N:" as in DiffCut's metadata files, e.g. pascal_voc_21_with_prompt_eng.txt, dropped), empty
// lines skipped, labelme's "__ignore__" and "_background_" skipped, so a labelme --labels file
// works as it is. Throws Error naming the file (and line) when it cannot be read, is not UTF-8,
// has a class with an empty synonym, no class, or more than kMaxClassCount.
std::vector<std::string> readClassFile(const std::filesystem::path &path);
// The same checks for classes given one by one (`where` names them in errors).
void checkClassNames(const std::vector<std::string> &classes, const std::string &where);

} // namespace diffcut
