#include "diffusion/safetensors.h"

#include "common/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace diffcut {
namespace {

// The bound the reference implementation (safetensors' MAX_HEADER_SIZE) puts on the JSON header;
// real headers are well under 1 MB even for the largest checkpoints.
constexpr std::uint64_t kMaxHeaderLength = 100'000'000;
constexpr std::string_view kMetadataKey = "__metadata__";
// Names and JSON reasons come from the file: capped so that an error stays a readable line.
constexpr std::size_t kMaxQuotedLength = 160;

struct DTypeEntry {
    std::string_view name;
    TensorDType dtype;
    std::size_t size;
};

constexpr std::array<DTypeEntry, 10> kDTypes{{
    {"F64", TensorDType::F64, 8},
    {"F32", TensorDType::F32, 4},
    {"F16", TensorDType::F16, 2},
    {"BF16", TensorDType::BF16, 2},
    {"I64", TensorDType::I64, 8},
    {"I32", TensorDType::I32, 4},
    {"I16", TensorDType::I16, 2},
    {"I8", TensorDType::I8, 1},
    {"U8", TensorDType::U8, 1},
    {"BOOL", TensorDType::Bool, 1},
}};

const DTypeEntry &entryOf(TensorDType dtype) {
    return *std::find_if(kDTypes.begin(), kDTypes.end(), [&](const DTypeEntry &e) { return e.dtype == dtype; });
}

std::optional<TensorDType> dtypeFromName(std::string_view name) {
    for (const DTypeEntry &entry : kDTypes)
        if (entry.name == name)
            return entry.dtype;
    return std::nullopt;
}

// Length of the well-formed UTF-8 sequence that `text` starts with; 0 if it does not start with one.
std::size_t utf8SequenceLength(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80)
        return 1;
    const std::size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                             : lead >= 0xF0 && lead <= 0xF4                                    ? 4
                                                                                               : 0;
    if (length == 0 || length > text.size())
        return 0;
    // The second byte's range also excludes overlong forms, surrogates and code points past U+10FFFF.
    const unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    if (byte(1) < low || byte(1) > high)
        return 0;
    for (std::size_t i = 2; i < length; ++i)
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
    return length;
}

// Text taken from the file, made safe for a one-line UTF-8 message: control characters and
// malformed UTF-8 escaped as \xNN, long text cut and marked with "...".
std::string printable(std::string_view text) {
    constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (out.size() >= kMaxQuotedLength)
            return out + "...";
        const auto byte = static_cast<unsigned char>(text[i]);
        const std::size_t length = utf8SequenceLength(text.substr(i));
        if (length == 0 || byte < 0x20 || byte == 0x7F) {
            out += "\\x";
            out += digits[byte >> 4];
            out += digits[byte & 0xF];
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

// Built with append rather than "'" + ... + "'", which trips GCC 12's false -Wrestrict warning.
std::string quotedName(std::string_view text) {
    std::string quoted = "'";
    quoted += printable(text);
    quoted += '\'';
    return quoted;
}

template <typename Integer>
std::string listText(const std::vector<Integer> &values) {
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        text += i ? ", " : "";
        text += std::to_string(values[i]);
    }
    text += ']';
    return text;
}

std::string rangeText(std::size_t begin, std::size_t end) { return listText(std::vector<std::size_t>{begin, end}); }

// Reads the JSON header as a stream of SAX events (nlohmann::json::sax_parse) and validates as
// it goes. No document tree is built: memory stays proportional to the tensors described, and a
// hostile header cannot make the parser do more than linear work (nlohmann's DOM parser with a
// filtering callback rescans the parent object at every object end, quadratic in the entries).
// Problems are reported as "<file>: <what>" or "<file>: tensor '<name>': <what>".
class HeaderReader {
public:
    using json = nlohmann::json;

    HeaderReader(std::string fileName, std::size_t dataSize) : fileName_(std::move(fileName)), dataSize_(dataSize) {}

    [[noreturn]] void fail(const std::string &what) const { throw Error(fileName_ + ": " + what); }

    std::vector<TensorInfo> &tensors() { return tensors_; }
    std::map<std::string, std::string> &metadata() { return metadata_; }

    // The SAX interface.
    bool null() { return value({Kind::Other}); }
    bool boolean(bool) { return value({Kind::Other}); }
    bool number_integer(json::number_integer_t) { return value({Kind::Other}); }
    bool number_unsigned(json::number_unsigned_t number) { return value({Kind::Unsigned, number}); }
    bool number_float(json::number_float_t, const json::string_t &) { return value({Kind::Other}); }
    bool string(json::string_t &text) { return value({Kind::String, 0, &text}); }
    bool binary(json::binary_t &) { return value({Kind::Other}); }
    bool start_object(std::size_t) { return value({Kind::Object}); }
    bool start_array(std::size_t) { return value({Kind::Array}); }
    bool key(json::string_t &name) {
        key_ = std::move(name);
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t, const std::string &, const json::exception &error) {
        // what() is "[json.exception.parse_error.101] parse error at ...": keep the reason only.
        std::string_view reason = error.what();
        if (const auto bracket = reason.find("] "); bracket != std::string_view::npos)
            reason.remove_prefix(bracket + 2);
        fail("header is not valid JSON: " + printable(reason));
    }

private:
    enum class Kind { Object, Array, Unsigned, String, Other };
    struct Value {
        Kind kind;
        std::uint64_t number = 0;          // for Unsigned
        const std::string *text = nullptr; // for String
    };
    // Where a value sits: the containers open around it.
    enum class Context { Document, TopLevel, Metadata, Entry, Shape, Offsets, UnknownField };
    // The tensor entry being read.
    struct Entry {
        TensorInfo info;
        bool hasDType = false, hasShape = false, hasOffsets = false;
        std::uint64_t offsets[2] = {};
        std::size_t offsetCount = 0;
    };

    static constexpr const char *kShapeRule = "shape must be a list of non-negative integers";
    static constexpr const char *kOffsetsRule = "data_offsets must be two non-negative integers [begin, end]";
    // Far beyond any real tensor (NumPy allows 64 dimensions); bounds what one shape can allocate.
    static constexpr std::size_t kMaxRank = 64;

    [[noreturn]] void failTensor(const std::string &what) const {
        fail("tensor " + quotedName(entry_.info.name) + ": " + what);
    }

    bool value(const Value &value) {
        const bool opensContainer = value.kind == Kind::Object || value.kind == Kind::Array;
        Context opened = Context::UnknownField;
        switch (contexts_.empty() ? Context::Document : contexts_.back()) {
        case Context::Document:
            if (value.kind != Kind::Object)
                fail("header is not a JSON object");
            opened = Context::TopLevel;
            break;
        case Context::TopLevel:
            opened = topLevelValue(value);
            break;
        case Context::Metadata:
            if (value.kind != Kind::String)
                fail("__metadata__ value of " + quotedName(key_) + " is not a string");
            if (!metadata_.emplace(key_, *value.text).second)
                fail("__metadata__ names " + quotedName(key_) + " twice");
            break;
        case Context::Entry:
            opened = entryField(value);
            break;
        case Context::Shape:
            if (value.kind != Kind::Unsigned || value.number > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                failTensor(kShapeRule);
            if (entry_.info.shape.size() == kMaxRank)
                failTensor("shape has more than " + std::to_string(kMaxRank) + " dimensions");
            entry_.info.shape.push_back(std::int64_t(value.number));
            break;
        case Context::Offsets:
            if (value.kind != Kind::Unsigned || entry_.offsetCount == 2)
                failTensor(kOffsetsRule);
            entry_.offsets[entry_.offsetCount++] = value.number;
            break;
        case Context::UnknownField:
            if (opensContainer)
                fail("header nests deeper than a safetensors header can");
            break;
        }
        if (opensContainer)
            contexts_.push_back(opened);
        return true;
    }

    Context topLevelValue(const Value &value) {
        if (key_ == kMetadataKey) {
            if (value.kind != Kind::Object)
                fail("__metadata__ is not an object");
            if (std::exchange(hasMetadata_, true))
                fail("__metadata__ appears twice in the header");
            return Context::Metadata;
        }
        entry_ = Entry{};
        entry_.info.name = key_;
        if (value.kind != Kind::Object)
            failTensor("entry is not an object");
        return Context::Entry;
    }

    Context entryField(const Value &value) {
        const auto once = [&](bool &seen) {
            if (std::exchange(seen, true))
                failTensor("\"" + key_ + "\" appears twice");
        };
        if (key_ == "dtype") {
            once(entry_.hasDType);
            if (value.kind != Kind::String)
                failTensor("\"dtype\" is not a string");
            const auto dtype = dtypeFromName(*value.text);
            if (!dtype)
                failTensor("unknown dtype " + quotedName(*value.text));
            entry_.info.dtype = *dtype;
        } else if (key_ == "shape") {
            once(entry_.hasShape);
            if (value.kind != Kind::Array)
                failTensor(kShapeRule);
            return Context::Shape;
        } else if (key_ == "data_offsets") {
            once(entry_.hasOffsets);
            if (value.kind != Kind::Array)
                failTensor(kOffsetsRule);
            return Context::Offsets;
        }
        // Other fields are skipped, as the reference reader does.
        return Context::UnknownField;
    }

    bool close() {
        const Context closed = contexts_.back();
        contexts_.pop_back();
        if (closed == Context::Offsets && entry_.offsetCount != 2)
            failTensor(kOffsetsRule);
        if (closed == Context::Entry)
            tensors_.push_back(finishEntry());
        return true;
    }

    TensorInfo finishEntry() {
        if (!entry_.hasDType)
            failTensor("missing \"dtype\"");
        if (!entry_.hasShape)
            failTensor("missing \"shape\"");
        if (!entry_.hasOffsets)
            failTensor("missing \"data_offsets\"");
        const auto [begin, end] = entry_.offsets;
        if (begin > end)
            failTensor("data_offsets " + rangeText(begin, end) + " end before they begin");
        if (end > dataSize_)
            failTensor("data_offsets " + rangeText(begin, end) + " run past the end of the data section (" +
                       std::to_string(dataSize_) + " bytes)");
        TensorInfo &info = entry_.info;
        info.begin = std::size_t(begin);
        info.end = std::size_t(end);
        checkSize(info);
        return std::move(info);
    }

    void checkSize(const TensorInfo &info) const {
        const std::string shapeOfType = "shape " + listText(info.shape) + " of " + std::string(dtypeName(info.dtype));
        std::size_t bytes = 0;
        if (std::find(info.shape.begin(), info.shape.end(), 0) == info.shape.end()) {
            bytes = dtypeSize(info.dtype);
            for (std::int64_t dim : info.shape) {
                if (bytes > std::numeric_limits<std::size_t>::max() / std::uint64_t(dim))
                    failTensor(shapeOfType + " is too large");
                bytes *= std::size_t(dim);
            }
        }
        if (bytes != info.end - info.begin)
            failTensor(shapeOfType + " needs " + std::to_string(bytes) + " bytes but data_offsets " +
                       rangeText(info.begin, info.end) + " hold " + std::to_string(info.end - info.begin));
    }

    std::string fileName_;
    std::size_t dataSize_;
    std::vector<Context> contexts_; // never deeper than Document → TopLevel → Entry → Shape
    std::string key_;               // the last object key read
    Entry entry_;
    bool hasMetadata_ = false;
    std::vector<TensorInfo> tensors_;
    std::map<std::string, std::string> metadata_;
};

// Sorted by begin, a non-empty range overlaps an earlier one exactly when it starts before the
// furthest end seen so far. Empty ranges hold no bytes and overlap nothing.
void checkNoOverlap(const std::vector<TensorInfo> &tensors, const HeaderReader &reader) {
    std::vector<const TensorInfo *> byOffset;
    for (const TensorInfo &tensor : tensors)
        if (tensor.begin < tensor.end)
            byOffset.push_back(&tensor);
    std::sort(byOffset.begin(), byOffset.end(), [](const TensorInfo *a, const TensorInfo *b) {
        return std::tie(a->begin, a->end) < std::tie(b->begin, b->end);
    });
    const TensorInfo *furthest = nullptr;
    for (const TensorInfo *tensor : byOffset) {
        if (furthest && tensor->begin < furthest->end)
            reader.fail("tensors " + quotedName(furthest->name) + " " + rangeText(furthest->begin, furthest->end) +
                        " and " + quotedName(tensor->name) + " " + rangeText(tensor->begin, tensor->end) + " overlap");
        if (!furthest || tensor->end > furthest->end)
            furthest = tensor;
    }
}

std::uint64_t readLittleEndian64(std::span<const std::byte> bytes) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i)
        value = (value << 8) | std::to_integer<std::uint64_t>(bytes[std::size_t(i)]);
    return value;
}

[[noreturn]] void failWithErrno(const std::string &fileName, const std::string &what, int error) {
    throw Error(fileName + ": " + what + " (" + std::strerror(error) + ")");
}

} // namespace

std::string_view dtypeName(TensorDType dtype) { return entryOf(dtype).name; }
std::size_t dtypeSize(TensorDType dtype) { return entryOf(dtype).size; }

std::int64_t TensorInfo::elementCount() const {
    // A zero anywhere makes the product zero, whatever the other (possibly huge) dimensions.
    if (std::find(shape.begin(), shape.end(), 0) != shape.end())
        return 0;
    std::int64_t count = 1;
    for (std::int64_t dim : shape)
        count *= dim;
    return count;
}

SafetensorsFile SafetensorsFile::open(const std::filesystem::path &path) {
    const std::string name = path.string();
    // O_NONBLOCK: a FIFO in place of the file must not block the open (it is refused below).
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        failWithErrno(name, "cannot open", errno);
    // Closed on every way out: a mapping, once made, holds its own reference to the file.
    const struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat status {};
    if (::fstat(fd, &status) != 0)
        failWithErrno(name, "cannot read file status", errno);
    if (S_ISDIR(status.st_mode))
        throw Error(name + ": is a directory, not a safetensors file");
    if (!S_ISREG(status.st_mode))
        throw Error(name + ": not a regular file");
    if (status.st_size == 0)
        throw Error(name + ": file is empty");
    const auto size = std::size_t(status.st_size);
    void *address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (address == MAP_FAILED)
        failWithErrno(name, "cannot memory-map", errno);
    // Owned before parsing, so that a rejected file is unmapped as the error unwinds.
    std::shared_ptr<const void> mapping(address, [size](const void *mapped) { ::munmap(const_cast<void *>(mapped), size); });
    SafetensorsFile file = parse({static_cast<const std::byte *>(address), size}, name);
    file.mapping_ = std::move(mapping);
    return file;
}

SafetensorsFile SafetensorsFile::parse(std::span<const std::byte> bytes, const std::string &name) {
    if (bytes.size() < 8)
        throw Error(name + ": file is too short for a safetensors header (" + std::to_string(bytes.size()) +
                    " bytes)");
    const std::uint64_t headerLength = readLittleEndian64(bytes.first(8));
    if (headerLength > kMaxHeaderLength)
        throw Error(name + ": header length " + std::to_string(headerLength) + " exceeds the 100 MB limit");
    if (headerLength > bytes.size() - 8)
        throw Error(name + ": header length " + std::to_string(headerLength) + " runs past the end of the file (" +
                    std::to_string(bytes.size()) + " bytes)");

    SafetensorsFile file;
    file.name_ = name;
    file.data_ = bytes.subspan(8 + headerLength);
    HeaderReader reader(name, file.data_.size());
    const auto header = reinterpret_cast<const char *>(bytes.data() + 8);
    nlohmann::json::sax_parse(header, header + headerLength, &reader);
    file.tensors_ = std::move(reader.tensors());
    file.metadata_ = std::move(reader.metadata());

    std::sort(file.tensors_.begin(), file.tensors_.end(),
              [](const TensorInfo &a, const TensorInfo &b) { return a.name < b.name; });
    // nlohmann::json would keep one of two entries with the same name, other readers the other:
    // such a file is ambiguous, so it is refused.
    const auto duplicate = std::adjacent_find(file.tensors_.begin(), file.tensors_.end(),
                                              [](const TensorInfo &a, const TensorInfo &b) { return a.name == b.name; });
    if (duplicate != file.tensors_.end())
        reader.fail("tensor " + quotedName(duplicate->name) + " appears twice in the header");
    checkNoOverlap(file.tensors_, reader);
    return file;
}

const TensorInfo *SafetensorsFile::find(std::string_view tensorName) const {
    const auto it = std::lower_bound(tensors_.begin(), tensors_.end(), tensorName,
                                     [](const TensorInfo &tensor, std::string_view name) { return tensor.name < name; });
    return it != tensors_.end() && it->name == tensorName ? &*it : nullptr;
}

std::span<const std::byte> SafetensorsFile::bytes(const TensorInfo &tensor) const {
    if (tensor.begin > tensor.end || tensor.end > data_.size())
        throw Error(name_ + ": tensor " + quotedName(tensor.name) + " is not within this file's data");
    return data_.subspan(tensor.begin, tensor.end - tensor.begin);
}

} // namespace diffcut
