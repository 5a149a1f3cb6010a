#include "download/model_download.h"

#include "common/error.h"
#include "common/json_file.h"
#include "diffusion/model_folder.h"
#include "diffusion/openclip_folder.h"
#include "export/atomic_file.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace diffcut {
namespace {

const char *envOrNull(const char *name) {
    const char *value = std::getenv(name);
    return value && *value ? value : nullptr;
}

std::string trimmed(std::string_view text) {
    const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

// Percent-encodes all but RFC 3986's unreserved characters (and '/', for file paths), as
// huggingface_hub quotes revisions and file names in URLs.
std::string urlEncoded(std::string_view text, bool keepSlashes) {
    static const char hex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlashes && c == '/')) {
            encoded += char(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    return encoded;
}

std::optional<std::uint64_t> parseSize(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

bool isHex(std::string_view text, std::size_t length) {
    return text.size() == length && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c); });
}

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

class Sha256 {
public:
    Sha256() { reset(); }
    void reset() {
        if (!context_ || !EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr))
            throw Error("cannot start a SHA-256 digest (OpenSSL)");
    }
    void update(std::string_view bytes) { EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()); }
    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(context_.get(), digest, &length);
        static const char digits[] = "0123456789abcdef";
        std::string text;
        for (unsigned int i = 0; i < length; ++i) {
            text += digits[digest[i] >> 4];
            text += digits[digest[i] & 15];
        }
        return text;
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context_{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
};

// A download in progress, blobs/<etag>.incomplete: opened to append, with the SHA-256 of what it
// holds so far, so a resumed download is hashed as it arrives instead of read back at the end.
class PartialBlob {
public:
    explicit PartialBlob(fs::path path) : path_(std::move(path)) {
        std::ifstream existing(path_, std::ios::binary);
        std::vector<char> buffer(1 << 20);
        while (existing.read(buffer.data(), std::streamsize(buffer.size())) || existing.gcount() > 0) {
            hash_.update({buffer.data(), std::size_t(existing.gcount())});
            size_ += std::uint64_t(existing.gcount());
        }
        open("ab");
    }

    std::uint64_t size() const { return size_; }
    int writeError() const { return writeError_; }

    // False when the write failed (writeError() says why); called from libcurl, so it never throws.
    bool append(std::string_view chunk) noexcept {
        if (std::fwrite(chunk.data(), 1, chunk.size(), file_.get()) != chunk.size()) {
            writeError_ = errno;
            return false;
        }
        hash_.update(chunk);
        size_ += chunk.size();
        return true;
    }

    // Back to an empty file: the server ignored our Range request and sends the whole content.
    bool restart() noexcept {
        size_ = 0;
        try {
            hash_.reset();
        } catch (const Error &) {
            return false;
        }
        open("wb");
        return file_ != nullptr;
    }

    void close(const std::string &what) {
        if (file_ && std::fclose(file_.release()) != 0 && !writeError_)
            writeError_ = errno;
        if (writeError_)
            throw Error(what + ": cannot write " + path_.string() + ": " + std::strerror(writeError_));
    }

    std::string sha256() { return hash_.hex(); }

private:
    void open(const char *mode) {
        file_.reset(std::fopen(path_.c_str(), mode));
        if (!file_)
            writeError_ = errno;
    }

    fs::path path_;
    // A deleter type rather than decltype(&std::fclose): the attributes glibc puts on fclose do
    // not belong to a template argument (GCC 14's -Wignored-attributes).
    struct CloseFile {
        void operator()(std::FILE *file) const { std::fclose(file); }
    };
    std::unique_ptr<std::FILE, CloseFile> file_;
    Sha256 hash_;
    std::uint64_t size_ = 0;
    int writeError_ = 0;
};

struct Request {
    std::string url;
    bool headOnly = false;
    bool followRedirects = true;
    std::uint64_t from = 0; // Range start; 0: the whole content
    // Receives the body of a 2xx response with that status; false aborts the transfer.
    std::function<bool(std::string_view chunk, long status)> onBody = {};
};

struct Reply {
    CURLcode code = CURLE_OK;
    long status = 0;                            // of the last response (after redirects)
    std::map<std::string, std::string> headers; // of the last response, names in lower case
    std::string body;                           // when the request had no onBody
    std::string error;                          // libcurl's description when code != CURLE_OK

    bool ok() const { return code == CURLE_OK && status >= 200 && status < 300; }
    std::string header(const std::string &name) const {
        const auto found = headers.find(name);
        return found == headers.end() ? std::string() : found->second;
    }
};

// One libcurl handle for the whole pull, so requests reuse the connection.
class HttpClient {
public:
    HttpClient(const std::string &token, const WorkControl &control) : control_(control) {
        static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
        if (initialised != CURLE_OK || !curl_)
            throw Error("cannot initialise libcurl");
        if (!token.empty())
            headers_.reset(curl_slist_append(nullptr, ("Authorization: Bearer " + token).c_str()));
    }

    Reply perform(const Request &request) {
        Exchange exchange{request, {}, control_, nullptr};
        CURL *curl = curl_.get();
        curl_easy_reset(curl);
        errorBuffer_[0] = '\0';
        const std::string range = std::to_string(request.from) + "-";
        curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "diffcut/" DIFFCUT_VERSION);
        // libcurl drops this header when a redirect leaves the host (the hub's CDN needs none).
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers_.get());
        curl_easy_setopt(curl, CURLOPT_NOBODY, long(request.headOnly));
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, long(request.followRedirects));
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
        curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
        if (request.from > 0)
            curl_easy_setopt(curl, CURLOPT_RANGE, range.c_str());
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
        // A stalled transfer (under 1 byte/s for a minute) fails, to be retried, rather than hanging.
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer_);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &onHeader);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &onData);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &onTick);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &exchange);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);

        Reply &reply = exchange.reply;
        reply.code = curl_easy_perform(curl);
        if (exchange.failure)
            std::rethrow_exception(exchange.failure);
        if (reply.code == CURLE_ABORTED_BY_CALLBACK)
            throw Cancelled();
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
        if (reply.code != CURLE_OK)
            reply.error = trimmed(errorBuffer_[0] ? errorBuffer_ : curl_easy_strerror(reply.code));
        return reply;
    }

private:
    struct Exchange {
        const Request &request;
        Reply reply;
        const WorkControl &control;
        std::exception_ptr failure; // thrown by onBody; carried past libcurl's C frames
    };

    static std::size_t onHeader(char *data, std::size_t size, std::size_t count, void *user) {
        Reply &reply = static_cast<Exchange *>(user)->reply;
        const std::string_view line(data, size * count);
        if (line.starts_with("HTTP/")) { // a new response (after a redirect): forget the last one
            reply.headers.clear();
            const std::size_t space = line.find(' ');
            long status = 0;
            if (space != std::string_view::npos)
                std::from_chars(line.data() + space + 1, line.data() + line.size(), status);
            reply.status = status;
        } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
            reply.headers[lowercase(std::string(line.substr(0, colon)))] = trimmed(line.substr(colon + 1));
        }
        return size * count;
    }

    static std::size_t onData(char *data, std::size_t size, std::size_t count, void *user) {
        auto &exchange = *static_cast<Exchange *>(user);
        const std::string_view chunk(data, size * count);
        if (!exchange.request.onBody) {
            exchange.reply.body.append(chunk);
            return chunk.size();
        }
        try {
            return exchange.request.onBody(chunk, exchange.reply.status) ? chunk.size() : 0;
        } catch (...) {
            exchange.failure = std::current_exception();
            return 0;
        }
    }

    static int onTick(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
        return static_cast<Exchange *>(user)->control.stop.stop_requested() ? 1 : 0;
    }

    const WorkControl &control_;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl_{curl_easy_init(), &curl_easy_cleanup};
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers_{nullptr, &curl_slist_free_all};
    char errorBuffer_[CURL_ERROR_SIZE] = {};
};

// Failures a retry can cure: the connection dropped or stalled, or the server is overloaded.
bool isTransient(const Reply &reply) {
    switch (reply.code) {
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    case CURLE_HTTP_RETURNED_ERROR:
        return reply.status >= 500;
    default:
        return false;
    }
}

// Sleeps, waking early (and throwing Cancelled) when a stop is requested.
void pause(std::chrono::seconds duration, const WorkControl &control) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    wake.wait_for(lock, control.stop, duration, [] { return false; });
    control.checkpoint();
}

// "W/\"abc\"" → "abc"; the name of the file in blobs/, so only plain characters pass.
std::string normalisedEtag(std::string etag) {
    if (etag.starts_with("W/"))
        etag.erase(0, 2);
    etag.erase(std::remove(etag.begin(), etag.end(), '"'), etag.end());
    const bool plain = !etag.empty() && std::all_of(etag.begin(), etag.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_';
    });
    return plain ? etag : std::string();
}

// Points `link` at `blob` with a relative symlink ("../../blobs/<etag>", one more "../" per
// folder level), as the Hugging Face tools do, so the cache can be moved as a whole.
void linkIntoSnapshot(const fs::path &link, const fs::path &blob) {
    fs::create_directories(link.parent_path());
    const fs::path temporary = link.string() + ".link-tmp";
    fs::remove(temporary);
    fs::create_symlink(blob.lexically_relative(link.parent_path()), temporary);
    fs::rename(temporary, link); // replaces a dangling or stale link in one step
}

struct RepoFile {
    std::string path;
    std::optional<std::uint64_t> size; // as the API announced it
    std::string sha256;                // LFS files only
};

// What a HEAD request on the file's resolve URL says about it.
struct RemoteFile {
    std::string etag;
    std::optional<std::uint64_t> size;
    std::string sha256;
};

// Counts bytes in place and turns them into PullProgress reports.
class ProgressTally {
public:
    ProgressTally(const PullProgressFn &callback, const WorkControl &control) : callback_(callback), control_(control) {}

    // Counting starts here: model_index.json, fetched to make the plan, is counted again in it.
    void plan(std::size_t fileCount, std::uint64_t totalBytes) {
        progress_.fileCount = fileCount;
        progress_.totalBytes = totalBytes;
        bytesBeforeFile_ = 0;
    }

    void startFile(std::size_t index, const std::string &path, std::uint64_t announcedSize) {
        progress_.fileIndex = index;
        progress_.file = path;
        progress_.fileSize = announcedSize;
        progress_.fileBytes = 0;
        report(true);
    }

    void setFileBytes(std::uint64_t bytes) {
        progress_.fileBytes = bytes;
        report(false);
    }

    void received(std::size_t bytes) {
        if (downloaded_ == 0)
            firstByte_ = Clock::now();
        downloaded_ += bytes;
        setFileBytes(progress_.fileBytes + bytes);
    }

    void finishFile(std::uint64_t size) {
        progress_.totalBytes += size - progress_.fileSize; // the announced size may have been unknown
        progress_.fileSize = progress_.fileBytes = size;
        report(true);
        bytesBeforeFile_ += size;
    }

private:
    void report(bool always) {
        if (progress_.fileCount == 0) // model_index.json, fetched before the plan exists
            return;
        const Clock::time_point now = Clock::now();
        if (!always && now - lastReport_ < std::chrono::milliseconds(100))
            return;
        lastReport_ = now;
        progress_.bytes = bytesBeforeFile_ + progress_.fileBytes;
        const double seconds = std::chrono::duration<double>(now - firstByte_).count();
        progress_.bytesPerSecond = downloaded_ > 0 && seconds > 0 ? double(downloaded_) / seconds : 0;
        progress_.secondsLeft = progress_.bytesPerSecond > 0
                                    ? double(progress_.totalBytes - std::min(progress_.bytes, progress_.totalBytes)) /
                                          progress_.bytesPerSecond
                                    : -1;
        if (callback_)
            callback_(progress_);
        control_.report(progress_.totalBytes ? double(progress_.bytes) / double(progress_.totalBytes) : 0,
                        "downloading " + progress_.file);
    }

    const PullProgressFn &callback_;
    const WorkControl &control_;
    PullProgress progress_;
    std::uint64_t bytesBeforeFile_ = 0;
    std::uint64_t downloaded_ = 0; // by this pull, resumed parts and cached files excluded
    Clock::time_point firstByte_;
    Clock::time_point lastReport_;
};

class Puller {
public:
    Puller(const PullOptions &options, const PullProgressFn &progress, const WorkControl &control)
        : options_(options), control_(control), http_(options.token, control), tally_(progress, control) {
        const std::size_t slash = options.repoId.find('/');
        repoFolder_ = options.hubCache / ("models--" + options.repoId.substr(0, slash) + "--" +
                                          options.repoId.substr(slash + 1));
    }

    fs::path run() {
        const std::vector<RepoFile> repoFiles = listRepo();
        const auto find = [&](const std::string &path) {
            return std::find_if(repoFiles.begin(), repoFiles.end(), [&](const RepoFile &f) { return f.path == path; });
        };
        std::vector<std::string> paths;
        for (const RepoFile &file : repoFiles)
            paths.push_back(file.path);
        const auto index = find("model_index.json");
        if (index == repoFiles.end() && find(kOpenClipConfigFile) == repoFiles.end())
            throw Error(options_.repoId + ": neither a diffusers pipeline (no model_index.json) nor an OpenCLIP model (no " +
                        kOpenClipConfigFile + ")");
        if (index != repoFiles.end())
            fetch(*index, 0);
        std::vector<std::string> needed;
        try {
            needed = index != repoFiles.end() ? pipelineFilesToPull(paths, componentsOf(snapshot_ / "model_index.json"))
                                              : openClipFilesToPull(paths);
        } catch (const Error &e) {
            throw Error(options_.repoId + ": " + e.what());
        }

        std::uint64_t totalBytes = 0;
        for (const std::string &path : needed)
            totalBytes += find(path)->size.value_or(0);
        tally_.plan(needed.size(), totalBytes);
        for (std::size_t i = 0; i < needed.size(); ++i) {
            control_.checkpoint();
            fetch(*find(needed[i]), i + 1);
        }
        // Last, so the cache never points at a snapshot still being filled.
        if (options_.revision != commit_) {
            fs::create_directories((repoFolder_ / "refs" / options_.revision).parent_path());
            writeTextFileAtomically(repoFolder_ / "refs" / options_.revision, commit_);
        }
        return snapshot_;
    }

private:
    // The API's description of the revision: its commit, and every file with size and LFS sha256.
    std::vector<RepoFile> listRepo() {
        const std::string url = options_.endpoint + "/api/models/" + options_.repoId + "/revision/" +
                                urlEncoded(options_.revision, false) + "?blobs=true";
        const Reply reply = http_.perform({.url = url});
        if (!reply.ok())
            failed(options_.repoId, reply);
        std::vector<RepoFile> files;
        try {
            const nlohmann::json info = parseJsonBounded(reply.body, options_.repoId + ": the hub's answer");
            commit_ = info.at("sha").get<std::string>();
            for (const nlohmann::json &sibling : info.at("siblings")) {
                RepoFile file{sibling.at("rfilename").get<std::string>(), std::nullopt, {}};
                if (sibling.contains("size") && sibling["size"].is_number_unsigned())
                    file.size = sibling["size"].get<std::uint64_t>();
                if (sibling.contains("lfs") && sibling["lfs"].is_object()) {
                    file.sha256 = lowercase(sibling["lfs"].value("sha256", std::string()));
                    if (sibling["lfs"].contains("size") && sibling["lfs"]["size"].is_number_unsigned())
                        file.size = sibling["lfs"]["size"].get<std::uint64_t>();
                }
                files.push_back(std::move(file));
            }
        } catch (const nlohmann::json::exception &) {
            commit_.clear();
        } catch (const Error &) {
            commit_.clear();
        }
        if (!isHex(commit_, 40))
            throw Error(options_.repoId + ": unexpected answer from " + options_.endpoint + " (not a model description)");
        snapshot_ = repoFolder_ / "snapshots" / commit_;
        return files;
    }

    // The components model_index.json names with a class ("unet": ["diffusers", "UNet2DConditionModel"]).
    std::vector<std::string> componentsOf(const fs::path &modelIndex) const {
        const nlohmann::json index = readJsonFile(modelIndex);
        if (!index.is_object())
            throw Error(options_.repoId + ": model_index.json is not a JSON object");
        std::vector<std::string> components;
        for (const auto &[name, value] : index.items())
            if (value.is_array() && !value.empty() && !value[0].is_null())
                components.push_back(name);
        return components;
    }

    // Makes snapshots/<commit>/<path> a link to the file's blob, downloading the blob if needed.
    // pipelineFilesToPull only yields paths made of plain names, so `path` cannot leave the snapshot.
    void fetch(const RepoFile &file, std::size_t index) {
        const fs::path link = snapshot_ / file.path;
        tally_.startFile(index, file.path, file.size.value_or(0));
        std::error_code error;
        if (fs::is_regular_file(link, error) && (!file.size || fs::file_size(link, error) == *file.size)) {
            tally_.finishFile(fs::file_size(link));
            return;
        }
        const RemoteFile remote = describe(file);
        const fs::path blob = repoFolder_ / "blobs" / remote.etag;
        if (!fs::is_regular_file(blob, error) || (remote.size && fs::file_size(blob, error) != *remote.size))
            download(file, remote, blob);
        linkIntoSnapshot(link, blob);
        tally_.finishFile(fs::file_size(blob));
    }

    std::string resolveUrl(const std::string &path) const {
        return options_.endpoint + "/" + options_.repoId + "/resolve/" + commit_ + "/" + urlEncoded(path, true);
    }

    std::string nameOf(const RepoFile &file) const { return options_.repoId + "/" + file.path; }

    // HEAD on the resolve URL, as huggingface_hub does: LFS files answer with a redirect to
    // their storage whose X-Linked-Etag (the sha256) and X-Linked-Size describe the content;
    // other files answer 200 with ETag (the git blob sha1) and Content-Length.
    RemoteFile describe(const RepoFile &file) {
        std::string url = resolveUrl(file.path);
        for (int redirects = 0;; ++redirects) {
            const Reply reply = http_.perform({.url = url, .headOnly = true, .followRedirects = false});
            if (reply.code != CURLE_OK)
                failed(nameOf(file), reply);
            // A renamed repo redirects relatively, on the hub itself: follow that, but not the
            // redirect of an LFS file to its storage, whose headers are the ones we want.
            const std::string location = reply.header("location");
            if (reply.status >= 300 && reply.status < 400 && location.starts_with('/') && redirects < 5) {
                url = options_.endpoint + location;
                continue;
            }
            const std::string linkedEtag = reply.header("x-linked-etag");
            RemoteFile remote;
            remote.etag = normalisedEtag(linkedEtag.empty() ? reply.header("etag") : linkedEtag);
            if (remote.etag.empty())
                throw Error(nameOf(file) + ": the hub sent no usable ETag");
            const std::string size = reply.header(linkedEtag.empty() ? "content-length" : "x-linked-size");
            remote.size = file.size ? file.size : parseSize(size);
            remote.sha256 = !file.sha256.empty()                             ? file.sha256
                            : !linkedEtag.empty() && isHex(remote.etag, 64) ? lowercase(remote.etag)
                                                                             : std::string();
            return remote;
        }
    }

    // Fetches the content into blobs/<etag>.incomplete, resuming what an earlier attempt left
    // there (HTTP Range) and retrying dropped connections, then checks it and renames it to the blob.
    void download(const RepoFile &file, const RemoteFile &remote, const fs::path &blob) {
        fs::create_directories(blob.parent_path());
        const fs::path incomplete = blob.string() + ".incomplete";
        PartialBlob partial(incomplete);
        if (partial.writeError())
            partial.close(nameOf(file));
        if (remote.size && partial.size() > *remote.size && !partial.restart())
            partial.close(nameOf(file));
        tally_.setFileBytes(partial.size());

        int failuresInARow = 0;
        while (!remote.size || partial.size() < *remote.size) {
            const std::uint64_t from = partial.size();
            bool firstChunk = true;
            // A server that ignores Range answers 200 with the whole content: start the file over.
            const auto receive = [&](std::string_view chunk, long status) {
                if (std::exchange(firstChunk, false) && from > 0 && status == 200) {
                    if (!partial.restart())
                        return false;
                    tally_.setFileBytes(0);
                }
                if (!partial.append(chunk))
                    return false;
                tally_.received(chunk.size());
                return true;
            };
            const Reply reply = http_.perform({.url = resolveUrl(file.path), .from = from, .onBody = receive});
            if (reply.ok())
                break;
            if (partial.writeError())
                partial.close(nameOf(file));
            if (!isTransient(reply))
                failed(nameOf(file), reply);
            if (partial.size() > from) {
                failuresInARow = 0; // it moved forward: resume at once
                continue;
            }
            if (++failuresInARow > 5)
                failed(nameOf(file), reply);
            pause(std::chrono::seconds(1 << (failuresInARow - 1)), control_);
        }

        partial.close(nameOf(file));
        const auto reject = [&](const std::string &why) {
            fs::remove(incomplete);
            throw Error(nameOf(file) + ": " + why + " (download deleted; pull again)");
        };
        if (remote.size && partial.size() != *remote.size)
            reject("received " + std::to_string(partial.size()) + " bytes, the hub announced " +
                   std::to_string(*remote.size));
        if (!remote.sha256.empty() && partial.sha256() != remote.sha256)
            reject("content does not match the sha256 the hub announced");
        fs::rename(incomplete, blob);
    }

    [[noreturn]] void failed(const std::string &what, const Reply &reply) const {
        if (reply.code != CURLE_OK && reply.code != CURLE_HTTP_RETURNED_ERROR)
            throw Error(what + ": cannot download from " + options_.endpoint + ": " + reply.error);
        const std::string code = reply.header("x-error-code");
        const bool anonymous = options_.token.empty();
        if (code == "RevisionNotFound")
            throw Error(what + ": revision '" + options_.revision + "' not found");
        // The hub answers 401 RepoNotFound to anonymous requests for private repos too.
        if (reply.status == 404 || code == "RepoNotFound" || code == "EntryNotFound")
            throw Error(what + ": repository or file not found on " + options_.endpoint +
                        (reply.status != 404 && anonymous ? " (if it is private, set HF_TOKEN)" : ""));
        if ((reply.status == 401 || reply.status == 403) && anonymous)
            throw Error(what + ": needs a Hugging Face token (set HF_TOKEN)");
        if (reply.status == 401)
            throw Error(what + ": the Hugging Face token was refused (check HF_TOKEN)");
        if (reply.status == 403)
            throw Error(what + ": the Hugging Face token has no access (a gated model: accept its terms on its page)");
        throw Error(what + ": " + options_.endpoint + " answered HTTP " + std::to_string(reply.status));
    }

    const PullOptions &options_;
    const WorkControl &control_;
    HttpClient http_;
    ProgressTally tally_;
    fs::path repoFolder_; // models--ORG--NAME
    std::string commit_;
    fs::path snapshot_;
};

} // namespace

PullOptions pullOptionsFromEnvironment(std::string repoId) {
    PullOptions options;
    options.repoId = std::move(repoId);
    if (const char *endpoint = envOrNull("HF_ENDPOINT"))
        options.endpoint = endpoint;
    while (options.endpoint.ends_with('/'))
        options.endpoint.pop_back();
    if (const char *token = envOrNull("HF_TOKEN"))
        options.token = token;
    else if (const char *legacy = envOrNull("HUGGING_FACE_HUB_TOKEN"))
        options.token = legacy;
    else {
        fs::path home;
        if (const char *hfHome = envOrNull("HF_HOME"))
            home = hfHome;
        else if (const char *xdg = envOrNull("XDG_CACHE_HOME"))
            home = fs::path(xdg) / "huggingface";
        else if (const char *userHome = envOrNull("HOME"))
            home = fs::path(userHome) / ".cache/huggingface";
        std::ifstream tokenFile(home / "token");
        std::string token;
        std::getline(tokenFile, token);
        options.token = trimmed(token);
    }
    options.hubCache = huggingFaceHubCache();
    return options;
}

std::vector<std::string> pipelineFilesToPull(const std::vector<std::string> &repoFiles,
                                             const std::vector<std::string> &components) {
    // Weights directly in the component folder: "model.safetensors", sharded
    // "diffusion_pytorch_model-00001-of-00002.safetensors" with "….safetensors.index.json", and
    // their fp16 variants "model.fp16.safetensors", "….fp16-00001-of-00002.safetensors",
    // "….safetensors.index.fp16.json". No '/' or '.' in the stem: nothing from subfolders, no
    // other variants (.bf16, .ema), no ".." that could leave the snapshot folder.
    static const std::regex fp16Weights(R"([^./]+\.fp16(-\d{5}-of-\d{5})?\.safetensors|[^./]+\.safetensors\.index\.fp16\.json)");
    static const std::regex plainWeights(R"([^./]+(-\d{5}-of-\d{5})?\.safetensors|[^./]+\.safetensors\.index\.json)");
    const auto listed = [](const std::vector<std::string> &list, const std::string &item) {
        return std::find(list.begin(), list.end(), item) != list.end();
    };
    const auto hasWeights = [](const std::vector<std::string> &files) {
        return std::any_of(files.begin(), files.end(), [](const std::string &f) { return endsWith(f, ".safetensors"); });
    };

    std::vector<std::string> files;
    for (const std::string file : {"model_index.json", "scheduler/scheduler_config.json"})
        if (listed(repoFiles, file))
            files.push_back(file);
    for (const std::string component : {"unet", "vae", "text_encoder", "text_encoder_2"}) {
        if (!listed(components, component))
            continue;
        const std::string folder = component + "/";
        if (listed(repoFiles, folder + "config.json"))
            files.push_back(folder + "config.json");
        std::vector<std::string> fp16, plain;
        for (const std::string &file : repoFiles) {
            if (!file.starts_with(folder))
                continue;
            const std::string name = file.substr(folder.size());
            if (std::regex_match(name, fp16Weights))
                fp16.push_back(file);
            else if (std::regex_match(name, plainWeights))
                plain.push_back(file);
        }
        const std::vector<std::string> &weights = hasWeights(fp16) ? fp16 : plain;
        if (!hasWeights(weights))
            throw Error(component + " has no .safetensors weights (DiffCut reads only safetensors)");
        files.insert(files.end(), weights.begin(), weights.end());
    }
    return files;
}

std::vector<std::string> openClipFilesToPull(const std::vector<std::string> &repoFiles) {
    const auto listed = [&](const char *file) { return std::find(repoFiles.begin(), repoFiles.end(), file) != repoFiles.end(); };
    if (!listed(kOpenClipWeightsFile))
        throw Error(std::string("no ") + kOpenClipWeightsFile +
                    (listed(kOpenClipPickleFile) ? std::string(": the repo has only ") + kOpenClipPickleFile +
                                                       ", a pickle, which DiffCut does not load"
                                                 : std::string()));
    std::vector<std::string> files;
    for (const char *file : {kOpenClipConfigFile, kOpenClipWeightsFile, kClipVocabFile, kClipMergesFile})
        if (listed(file))
            files.emplace_back(file);
    return files;
}

fs::path pullModel(const PullOptions &options, const PullProgressFn &progress, const WorkControl &control) {
    static const std::regex repoId(R"([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)");
    if (!std::regex_match(options.repoId, repoId) || options.repoId.find("--") != std::string::npos ||
        options.repoId.find("..") != std::string::npos)
        throw Error("'" + options.repoId + "' is not a Hugging Face repo id (ORG/NAME)");
    // The revision names a file under refs/, so it must stay inside it.
    const fs::path revision(options.revision);
    if (options.revision.empty() || revision.is_absolute() ||
        std::any_of(revision.begin(), revision.end(), [](const fs::path &part) { return part == ".." || part == "."; }))
        throw Error("'" + options.revision + "' is not a revision name");
    if (options.hubCache.empty())
        throw Error("no Hugging Face cache folder (set HF_HOME)");
    try {
        return Puller(options, progress, control).run();
    } catch (const fs::filesystem_error &e) {
        throw Error(options.repoId + ": " + e.path1().string() + ": " + e.code().message());
    }
}

} // namespace diffcut
