#pragma once
// The one typed reader for JSON objects from files (diffusers configs, the scheduler, text
// encoder configs, model indexes, annotation sidecars, class lists): every value is checked for
// its kind and range as it is read, and every complaint is one Error line naming the file, the
// key (a dotted path inside nested objects) and the offending value, quoted short. Absent and
// null keys both mean "not given", as in diffusers.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diffcut {

class JsonObject {
public:
    // Reads `file` with readJsonFile (depth-bounded, regular files only); throws unless an object.
    static JsonObject readFile(const std::filesystem::path &file);
    // `value` must be an object; `source` names the file in messages and `path` where it sits in
    // it ("trees[0].features"; empty at the top).
    JsonObject(std::string source, nlohmann::json value, std::string path = {});

    const std::string &source() const { return source_; }
    const nlohmann::json &value() const { return value_; }

    // "<source>: <path.key> <problem>" / "<source>: <path> <problem>" (or "<source>: <problem>").
    [[noreturn]] void fail(std::string_view key, const std::string &problem) const;
    [[noreturn]] void fail(const std::string &problem) const;

    // The member, or nullptr when it is absent or null.
    const nlohmann::json *find(std::string_view key) const;
    // Without a fallback the key is required.
    long long integer(std::string_view key, std::optional<long long> fallback, long long min, long long max) const;
    double number(std::string_view key, std::optional<double> fallback,
                  double min = -std::numeric_limits<double>::max(), double max = std::numeric_limits<double>::max()) const;
    bool boolean(std::string_view key, std::optional<bool> fallback) const;
    std::string string(std::string_view key, std::optional<std::string> fallback) const;
    JsonObject object(std::string_view key) const; // required
    std::optional<JsonObject> optionalObject(std::string_view key) const;
    // nullptr when absent or null; fails when not an array (or not an object).
    const nlohmann::json *array(std::string_view key) const;
    const nlohmann::json *objectValue(std::string_view key) const;
    // An array of exactly `count` integers in [min, max] ("grid": [32, 32], "colour": [r, g, b]).
    std::vector<long long> integers(std::string_view key, std::size_t count, long long min, long long max) const;
    std::optional<std::vector<long long>> optionalIntegers(std::string_view key, std::size_t count, long long min,
                                                           long long max) const;
    // An array of exactly `count` finite numbers in [min, max] ("mean": [0.48, 0.46, 0.41]).
    std::optional<std::vector<double>> optionalNumbers(std::string_view key, std::size_t count, double min, double max) const;
    // The entries of an array of objects, each named "key[i]" in messages; empty when absent.
    std::vector<JsonObject> objects(std::string_view key) const;
    // Values that change the computation in ways the program does not implement.
    void requireOneOf(std::string_view key, std::initializer_list<nlohmann::json> accepted, const nlohmann::json &fallback) const;
    void requireNull(std::string_view key) const;

    // The short form of a number in messages ("2", "0.5", "1e+308").
    static std::string shortNumber(double value);

private:
    std::string where(std::string_view key) const;

    std::string source_;
    nlohmann::json value_;
    std::string path_;
};

} // namespace diffcut
