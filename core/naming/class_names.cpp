#include "naming/class_names.h"

#include "common/error.h"
#include "naming/clip_text_cleaning.h"

#include <fstream>

namespace diffcut {
namespace {

std::string trimmed(const std::string &text) {
    const std::size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

void checkClass(const std::string &line, const std::string &where) {
    try {
        fixText(line); // validates the UTF-8
    } catch (const Error &e) {
        throw Error(where + ": " + e.what());
    }
    for (const std::string &synonym : splitSynonyms(line))
        if (trimmed(synonym).empty())
            throw Error(where + ": '" + line + "' has an empty name between its commas");
}

} // namespace

std::vector<std::string> splitSynonyms(const std::string &classLine) {
    std::string joined;
    for (std::size_t i = 0; i < classLine.size(); ++i) {
        joined += classLine[i];
        if (classLine[i] == ',' && i + 1 < classLine.size() && classLine[i + 1] == ' ')
            ++i;
    }
    std::vector<std::string> synonyms;
    std::size_t start = 0;
    for (std::size_t comma; (comma = joined.find(',', start)) != std::string::npos; start = comma + 1)
        synonyms.push_back(joined.substr(start, comma - start));
    synonyms.push_back(joined.substr(start));
    return synonyms;
}

std::string promptOf(const char *promptTemplate, const std::string &synonym) {
    std::string prompt = promptTemplate;
    const std::size_t at = prompt.find("{}");
    return at == std::string::npos ? prompt : prompt.replace(at, 2, synonym);
}

void checkClassNames(const std::vector<std::string> &classes, const std::string &where) {
    if (classes.empty())
        throw Error(where + ": no class names");
    if (classes.size() > kMaxClassCount)
        throw Error(where + ": " + std::to_string(classes.size()) + " classes; at most " + std::to_string(kMaxClassCount) +
                    " are supported (each costs 14 prompts through the text tower)");
    for (const std::string &name : classes)
        checkClass(name, where);
}

std::vector<std::string> readClassFile(const std::filesystem::path &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot read the class file");
    std::vector<std::string> classes;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
            line.erase(0, 3); // a byte-order mark
        line = trimmed(line);
        // DiffCut's metadata files number their lines: "1:aeroplane,airplane,aeroplanes,airplanes".
        if (const std::size_t colon = line.find(':');
            colon != std::string::npos && colon > 0 && line.find_first_not_of("0123456789") == colon)
            line = trimmed(line.substr(colon + 1));
        if (line.empty() || line == "__ignore__" || line == "_background_")
            continue;
        checkClass(line, path.string() + ":" + std::to_string(number));
        classes.push_back(line);
        if (classes.size() > kMaxClassCount)
            break; // checkClassNames says so; no need to read on
    }
    if (in.bad())
        throw Error(path.string() + ": cannot read the class file");
    checkClassNames(classes, path.string());
    return classes;
}

} // namespace diffcut
