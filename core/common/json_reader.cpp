#include "common/json_reader.h"

#include "common/error.h"
#include "common/json_file.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace diffcut {

using Json = nlohmann::json;

JsonObject JsonObject::readFile(const std::filesystem::path &file) { return {file.string(), readJsonFile(file)}; }

JsonObject::JsonObject(std::string source, Json value, std::string path)
    : source_(std::move(source)), value_(std::move(value)), path_(std::move(path)) {
    if (!value_.is_object())
        fail(path_.empty() ? "not a JSON object" : "must be an object, not " + jsonExcerpt(value_));
}

std::string JsonObject::where(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonObject::fail(std::string_view key, const std::string &problem) const {
    throw Error(source_ + ": " + where(key) + " " + problem);
}

void JsonObject::fail(const std::string &problem) const {
    throw Error(source_ + ": " + (path_.empty() ? "" : path_ + " ") + problem);
}

const Json *JsonObject::find(std::string_view key) const {
    const auto found = value_.find(key);
    return found == value_.end() || found->is_null() ? nullptr : &*found;
}

std::string JsonObject::shortNumber(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

long long JsonObject::integer(std::string_view key, std::optional<long long> fallback, long long min, long long max) const {
    const Json *value = find(key);
    if (!value) {
        if (!fallback)
            fail(key, "is required");
        return *fallback;
    }
    if (!value->is_number_integer() || value->get<long long>() < min || value->get<long long>() > max ||
        (value->is_number_unsigned() && value->get<unsigned long long>() > (unsigned long long)max))
        fail(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max) + ", not " +
                      jsonExcerpt(*value));
    return value->get<long long>();
}

double JsonObject::number(std::string_view key, std::optional<double> fallback, double min, double max) const {
    const Json *value = find(key);
    if (!value) {
        if (!fallback)
            fail(key, "is required");
        return *fallback;
    }
    const bool bounded = min > -std::numeric_limits<double>::max() || max < std::numeric_limits<double>::max();
    const double given = value->is_number() ? value->get<double>() : std::nan("");
    if (!std::isfinite(given) || !(given >= min && given <= max))
        fail(key, (bounded ? "must be a number from " + shortNumber(min) + " to " + shortNumber(max)
                           : std::string("must be a finite number")) +
                      ", not " + jsonExcerpt(*value));
    return given;
}

bool JsonObject::boolean(std::string_view key, std::optional<bool> fallback) const {
    const Json *value = find(key);
    if (!value) {
        if (!fallback)
            fail(key, "is required");
        return *fallback;
    }
    if (!value->is_boolean())
        fail(key, "must be true or false, not " + jsonExcerpt(*value));
    return value->get<bool>();
}

std::string JsonObject::string(std::string_view key, std::optional<std::string> fallback) const {
    const Json *value = find(key);
    if (!value) {
        if (!fallback)
            fail(key, "is required");
        return *fallback;
    }
    if (!value->is_string())
        fail(key, "must be a string, not " + jsonExcerpt(*value));
    return value->get<std::string>();
}

JsonObject JsonObject::object(std::string_view key) const {
    const Json *value = find(key);
    if (!value)
        fail(key, "is required");
    return {source_, *value, where(key)};
}

std::optional<JsonObject> JsonObject::optionalObject(std::string_view key) const {
    const Json *value = find(key);
    if (!value)
        return std::nullopt;
    return JsonObject(source_, *value, where(key));
}

const Json *JsonObject::array(std::string_view key) const {
    const Json *value = find(key);
    if (value && !value->is_array())
        fail(key, "must be an array, not " + jsonExcerpt(*value));
    return value;
}

const Json *JsonObject::objectValue(std::string_view key) const {
    const Json *value = find(key);
    if (value && !value->is_object())
        fail(key, "must be an object, not " + jsonExcerpt(*value));
    return value;
}

std::optional<std::vector<long long>> JsonObject::optionalIntegers(std::string_view key, std::size_t count,
                                                                   long long min, long long max) const {
    const Json *value = find(key);
    if (!value)
        return std::nullopt;
    const auto inRange = [&](const Json &entry) {
        return entry.is_number_integer() && entry.get<long long>() >= min && entry.get<long long>() <= max &&
               !(entry.is_number_unsigned() && entry.get<unsigned long long>() > (unsigned long long)max);
    };
    if (!value->is_array() || value->size() != count || !std::all_of(value->begin(), value->end(), inRange))
        fail(key, "must be a list of " + std::to_string(count) + " integers from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", not " + jsonExcerpt(*value));
    std::vector<long long> result;
    for (const Json &entry : *value)
        result.push_back(entry.get<long long>());
    return result;
}

std::vector<long long> JsonObject::integers(std::string_view key, std::size_t count, long long min, long long max) const {
    std::optional<std::vector<long long>> result = optionalIntegers(key, count, min, max);
    if (!result)
        fail(key, "is required");
    return std::move(*result);
}

std::optional<std::vector<double>> JsonObject::optionalNumbers(std::string_view key, std::size_t count, double min,
                                                               double max) const {
    const Json *value = find(key);
    if (!value)
        return std::nullopt;
    const auto inRange = [&](const Json &entry) {
        return entry.is_number() && entry.get<double>() >= min && entry.get<double>() <= max;
    };
    if (!value->is_array() || value->size() != count || !std::all_of(value->begin(), value->end(), inRange))
        fail(key, "must be a list of " + std::to_string(count) + " numbers from " + shortNumber(min) + " to " +
                      shortNumber(max) + ", not " + jsonExcerpt(*value));
    std::vector<double> result;
    for (const Json &entry : *value)
        result.push_back(entry.get<double>());
    return result;
}

std::vector<JsonObject> JsonObject::objects(std::string_view key) const {
    std::vector<JsonObject> result;
    if (const Json *list = array(key))
        for (std::size_t index = 0; index < list->size(); ++index)
            result.emplace_back(source_, (*list)[index], where(key) + "[" + std::to_string(index) + "]");
    return result;
}

void JsonObject::requireOneOf(std::string_view key, std::initializer_list<Json> accepted, const Json &fallback) const {
    const Json *value = find(key);
    const Json &actual = value ? *value : fallback;
    for (const Json &candidate : accepted)
        if (actual == candidate)
            return;
    fail(key, jsonExcerpt(actual) + " is not supported");
}

void JsonObject::requireNull(std::string_view key) const {
    if (const Json *value = find(key))
        fail(key, jsonExcerpt(*value) + " is not supported (only null)");
}

} // namespace diffcut
