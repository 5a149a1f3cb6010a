#include "features/npy.h"

#include "common/error.h"
#include "export/atomic_file.h"

#include <Eigen/Core>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>

namespace diffcut {
namespace {

constexpr unsigned char kMagic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
// Real headers are a few hundred bytes; a bound keeps a hostile length from being trusted.
constexpr std::size_t kMaxHeaderLength = 64 * 1024;

[[noreturn]] void fail(const std::string &name, const std::string &what) { throw Error(name + ": " + what); }

// Header text quoted in an error: anything but printable ASCII escaped as \xNN, so that the
// message stays one line, and long text cut short (a header may hold 64 KiB of anything).
std::string printable(std::string_view text) {
    constexpr std::size_t kMaxLength = 80;
    constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (char c : text.substr(0, kMaxLength)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F) {
            out += c;
        } else {
            out += "\\x";
            out += digits[byte >> 4];
            out += digits[byte & 0xF];
        }
    }
    if (text.size() > kMaxLength)
        out += "...";
    return out;
}

// Matches [<|][fiub][1248], e.g. '<f4' → 4; 0 for anything else.
std::size_t dtypeSize(const std::string &descr) {
    if (descr.size() == 3 && (descr[0] == '<' || descr[0] == '|') &&
        std::string_view("fiub").find(descr[1]) != std::string_view::npos &&
        std::string_view("1248").find(descr[2]) != std::string_view::npos)
        return std::size_t(descr[2] - '0');
    return 0;
}

// Hand-written scanning, not std::regex: libstdc++'s regex recurses once per character matched,
// and a header of tens of kilobytes (the bound above allows 64 KiB) overflowed the stack.
bool isSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The value of `key` in the header dict text, e.g. 'descr': '<f4' → "'<f4'": a quoted string,
// True, False or a parenthesised tuple, from the first occurrence of the key that has one.
std::string headerField(const std::string &header, const std::string &key, const std::string &name) {
    const std::string quotedKey = "'" + key + "'";
    for (std::size_t at = header.find(quotedKey); at != std::string::npos; at = header.find(quotedKey, at + 1)) {
        std::size_t i = at + quotedKey.size();
        while (i < header.size() && isSpace(header[i]))
            ++i;
        if (i == header.size() || header[i] != ':')
            continue;
        ++i;
        while (i < header.size() && isSpace(header[i]))
            ++i;
        const std::string_view rest = std::string_view(header).substr(i);
        for (std::string_view literal : {"True", "False"})
            if (rest.starts_with(literal))
                return std::string(literal);
        if (rest.starts_with('\'') || rest.starts_with('(')) {
            const std::size_t close = rest.find(rest[0] == '\'' ? '\'' : ')', 1);
            if (close != std::string_view::npos)
                return std::string(rest.substr(0, close + 1));
        }
    }
    fail(name, "malformed .npy header (no '" + key + "')");
}

// The header is a flat Python dict whose only nested value is the shape tuple. Deeper nesting
// (a structured dtype, which is not supported, or a hostile header) is refused before any field
// is looked at. Quoted text is skipped; nothing here recurses.
void checkFlatHeader(const std::string &header, const std::string &name) {
    int depth = 0;
    char quote = 0;
    for (char c : header) {
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '{' || c == '(' || c == '[') {
            if (++depth > 2)
                fail(name, "unsupported .npy header (nested values: a structured dtype?)");
        } else if (c == '}' || c == ')' || c == ']') {
            --depth;
        }
    }
}

std::vector<std::int64_t> parseShape(const std::string &tuple, const std::string &name) {
    std::vector<std::int64_t> shape;
    const std::string inner = tuple.substr(1, tuple.size() - 2);
    for (std::size_t i = 0; i < inner.size();) {
        if (!std::isdigit(static_cast<unsigned char>(inner[i]))) {
            ++i;
            continue;
        }
        const std::size_t digitsEnd = std::min(inner.find_first_not_of("0123456789", i), inner.size());
        if (digitsEnd - i > 12)
            fail(name, "implausible .npy shape " + printable(tuple));
        shape.push_back(std::stoll(inner.substr(i, digitsEnd - i)));
        i = digitsEnd;
    }
    if (inner.find_first_not_of("0123456789, ") != std::string::npos)
        fail(name, "malformed .npy shape " + printable(tuple));
    return shape;
}

std::string shapeText(const std::vector<std::int64_t> &shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

float halfToFloat(std::uint16_t bits) { return float(Eigen::half(Eigen::half_impl::raw_uint16_to_half(bits))); }

} // namespace

namespace {

// What the header says, checked against the file's size: where the data starts and its length.
struct NpyHeader {
    std::string dtype;
    std::vector<std::int64_t> shape;
    std::size_t dataOffset = 0;
    std::size_t dataBytes = 0;
};

// `head`: the first bytes of the file (at least the prefix and the header, when the file has
// them); `fileSize`: the whole file's length, so the payload is checked before any of it is read.
NpyHeader parseHeader(const unsigned char *head, std::size_t headSize, std::size_t fileSize, const std::string &name) {
    if (headSize < 10 || std::memcmp(head, kMagic, sizeof kMagic) != 0)
        fail(name, "not a NumPy .npy file");
    const int major = head[6];
    std::size_t headerLength = 0, prefix = 0;
    if (major == 1) {
        headerLength = head[8] | (std::size_t(head[9]) << 8);
        prefix = 10;
    } else if (major == 2 || major == 3) {
        if (headSize < 12)
            fail(name, "truncated .npy header");
        headerLength = head[8] | (std::size_t(head[9]) << 8) | (std::size_t(head[10]) << 16) |
                       (std::size_t(head[11]) << 24);
        prefix = 12;
    } else {
        fail(name, "unsupported .npy format version " + std::to_string(major));
    }
    if (headerLength > kMaxHeaderLength || prefix + headerLength > headSize)
        fail(name, "truncated or malformed .npy header");
    const std::string header(reinterpret_cast<const char *>(head + prefix), headerLength);

    checkFlatHeader(header, name);
    NpyHeader result;
    const std::string descr = headerField(header, "descr", name);
    result.dtype = descr.substr(1, descr.size() - 2);
    if (headerField(header, "fortran_order", name) != "False")
        fail(name, "Fortran-ordered arrays are not supported; save with C order (numpy.ascontiguousarray)");
    result.shape = parseShape(headerField(header, "shape", name), name);

    const std::size_t elementSize = dtypeSize(result.dtype);
    if (elementSize == 0)
        fail(name, "unsupported dtype '" + printable(result.dtype) + "'");
    std::size_t count = 1;
    for (std::int64_t dim : result.shape) {
        if (dim != 0 && count > std::numeric_limits<std::size_t>::max() / elementSize / std::size_t(dim))
            fail(name, "shape " + shapeText(result.shape) + " is too large");
        count *= std::size_t(dim);
    }
    result.dataOffset = prefix + headerLength;
    result.dataBytes = count * elementSize;
    const std::size_t payload = fileSize - result.dataOffset;
    if (payload < result.dataBytes)
        fail(name, "truncated: shape " + shapeText(result.shape) + " needs " + std::to_string(result.dataBytes) +
                       " bytes of data, the file has " + std::to_string(payload));
    return result;
}

// An .npy file opened and its header checked; the payload is then read in one call straight
// into its destination (a byte-wise stream copy of a 5 MB map cost ~90 ms).
class NpyFile {
public:
    explicit NpyFile(const std::filesystem::path &path) : name_(path.string()) {
        std::error_code status;
        if (!std::filesystem::is_regular_file(path, status))
            throw Error(name_ + (std::filesystem::exists(path, status) ? ": not a regular file" : ": not found"));
        const std::uintmax_t size = std::filesystem::file_size(path, status);
        in_.open(path, std::ios::binary);
        if (status || !in_)
            throw Error(name_ + ": cannot open file");
        std::vector<unsigned char> head(std::min<std::uintmax_t>(size, 12 + kMaxHeaderLength));
        read(head.data(), head.size());
        header_ = parseHeader(head.data(), head.size(), std::size_t(size), name_);
        in_.seekg(std::streamoff(header_.dataOffset));
    }
    const NpyHeader &header() const { return header_; }
    const std::string &name() const { return name_; }
    void readPayload(void *target) { read(target, header_.dataBytes); }

private:
    void read(void *target, std::size_t bytes) {
        in_.read(static_cast<char *>(target), std::streamsize(bytes));
        if (std::size_t(in_.gcount()) != bytes)
            throw Error(name_ + ": read error");
    }
    std::string name_;
    std::ifstream in_;
    NpyHeader header_;
};

// An empty (C, h, w) map of the header's shape; Error for any other dtype or rank.
FeatureMap featureShape(const std::string &dtype, const std::vector<std::int64_t> &shape, const std::string &name) {
    if (dtype != "<f4" && dtype != "<f2")
        fail(name, "feature dtype '" + printable(dtype) + "' is not supported; expected float32 ('<f4') or float16 ('<f2')");
    if (shape.size() != 3)
        fail(name, "features must have shape (C, h, w); found " + shapeText(shape));
    for (std::int64_t dim : shape)
        if (dim > std::numeric_limits<int>::max())
            fail(name, "shape " + shapeText(shape) + " is too large");
    return FeatureMap(int(shape[0]), int(shape[1]), int(shape[2]));
}

void halvesToFloats(const unsigned char *halves, std::vector<float> &values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::uint16_t h;
        std::memcpy(&h, halves + 2 * i, 2);
        values[i] = halfToFloat(h);
    }
}

FeatureMap validated(FeatureMap features, const std::string &name, long long maxCells = kMaxFeatureGridCells) {
    try {
        validateFeatures(features, maxCells);
    } catch (const Error &e) {
        fail(name, e.what());
    }
    return features;
}

} // namespace

NpyArray parseNpy(const unsigned char *data, std::size_t size, const std::string &name) {
    const NpyHeader header = parseHeader(data, size, size, name);
    const unsigned char *begin = data + header.dataOffset;
    return {header.dtype, header.shape, std::vector<unsigned char>(begin, begin + header.dataBytes)};
}

NpyArray readNpy(const std::filesystem::path &path) {
    NpyFile file(path);
    NpyArray array{file.header().dtype, file.header().shape, std::vector<unsigned char>(file.header().dataBytes)};
    file.readPayload(array.bytes.data());
    return array;
}

FeatureMap featuresFromNpy(const NpyArray &array, const std::string &name, long long maxCells) {
    FeatureMap features = featureShape(array.dtype, array.shape, name);
    if (array.dtype == "<f4") {
        // std::copy_n, not memcpy: a zero-sized array (rejected below) has null data(), which
        // memcpy must not be given even for 0 bytes.
        std::copy_n(array.bytes.data(), features.values.size() * sizeof(float),
                    reinterpret_cast<unsigned char *>(features.values.data()));
    } else {
        halvesToFloats(array.bytes.data(), features.values);
    }
    return validated(std::move(features), name, maxCells);
}

FeatureMap readFeaturesNpy(const std::filesystem::path &path) {
    NpyFile file(path);
    FeatureMap features = featureShape(file.header().dtype, file.header().shape, file.name());
    // The grid is checked before the payload is read: a hostile shape costs no read.
    if (features.values.empty() || std::int64_t(features.height) * features.width > kMaxFeatureGridCells)
        return validated(std::move(features), file.name());
    if (file.header().dtype == "<f4") {
        file.readPayload(features.values.data());
    } else {
        std::vector<unsigned char> halves(file.header().dataBytes);
        file.readPayload(halves.data());
        halvesToFloats(halves.data(), features.values);
    }
    return validated(std::move(features), file.name());
}

std::string featuresNpyBytes(const FeatureMap &features) {
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(features.channels) +
                         ", " + std::to_string(features.height) + ", " + std::to_string(features.width) + "), }";
    // Pad so that the data starts on a 64-byte boundary, as numpy does; the header ends in '\n'.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string bytes(reinterpret_cast<const char *>(kMagic), sizeof kMagic);
    bytes += {1, 0, char(header.size() & 0xff), char(header.size() >> 8)};
    bytes += header;
    bytes.append(reinterpret_cast<const char *>(features.values.data()), features.values.size() * sizeof(float));
    return bytes;
}

void writeFeaturesNpy(const std::filesystem::path &path, const FeatureMap &features) {
    const std::string bytes = featuresNpyBytes(features);
    writeBytesAtomically(path, {reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size()});
}

LabelMap readLabelsNpy(const std::filesystem::path &path) {
    const NpyArray array = readNpy(path);
    const std::string name = path.string();
    if (array.shape.size() != 2 || array.shape[0] > std::numeric_limits<int>::max() ||
        array.shape[1] > std::numeric_limits<int>::max())
        fail(name, "labels must have shape (h, w); found " + shapeText(array.shape));
    LabelMap labels(int(array.shape[0]), int(array.shape[1]));
    const std::size_t count = labels.total();
    if (array.dtype == "<i4") {
        std::memcpy(labels.ptr<int>(), array.bytes.data(), count * 4);
    } else if (array.dtype == "<i8") {
        for (std::size_t i = 0; i < count; ++i) {
            std::int64_t value;
            std::memcpy(&value, array.bytes.data() + 8 * i, 8);
            if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
                fail(name, "label value out of the int32 range");
            labels.ptr<int>()[i] = int(value);
        }
    } else {
        fail(name, "label dtype '" + printable(array.dtype) + "' is not supported; expected int32 or int64");
    }
    return labels;
}

} // namespace diffcut
