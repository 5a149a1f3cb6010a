#pragma once
// Images the prefetcher prepared ahead, waiting to be opened: decoded, encoded, with the affinity
// and the tree (and its automatic cut) for the α they open with, in an ImageWorkspace. The session
// takes one when the user opens its image, so that image shows its segments at once. Thread-safe:
// the prefetcher puts from its worker, the session takes from its own.
#include "pipeline/image_workspace.h"

#include <QSet>
#include <QString>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace diffcut::ui {

class PreparedImages {
public:
    struct Prepared {
        std::shared_ptr<ImageWorkspace> workspace;
        std::string encoderKey; // featureCacheKey of the encoder that made the features
        double alpha = 0;      // the α whose tree is built
        // The file as it was when it was decoded: a file changed since is never shown from here.
        std::uintmax_t fileBytes = 0;
        std::filesystem::file_time_type fileModified;
    };

    // The file's size and modification time now, for Prepared.
    static bool stamp(const std::filesystem::path &file, Prepared &prepared) {
        std::error_code error;
        prepared.fileBytes = std::filesystem::file_size(file, error);
        if (!error)
            prepared.fileModified = std::filesystem::last_write_time(file, error);
        return !error;
    }

    void put(const QString &path, Prepared prepared) {
        const std::lock_guard lock(mutex_);
        images_[path] = std::move(prepared);
    }
    // The image's preparation, removed from the store; nothing when there is none or the file has
    // changed since it was decoded.
    std::optional<Prepared> take(const QString &path) {
        std::optional<Prepared> taken;
        {
            const std::lock_guard lock(mutex_);
            const auto found = images_.find(path);
            if (found == images_.end())
                return std::nullopt;
            taken = std::move(found->second);
            images_.erase(found);
        }
        Prepared now;
        if (!stamp(path.toStdString(), now) || now.fileBytes != taken->fileBytes || now.fileModified != taken->fileModified)
            return std::nullopt;
        return taken;
    }
    // Drops every image not in `keep`.
    void retain(const QSet<QString> &keep) {
        const std::lock_guard lock(mutex_);
        std::erase_if(images_, [&](const auto &entry) { return !keep.contains(entry.first); });
    }
    void clear() { retain({}); }
    bool contains(const QString &path) const {
        const std::lock_guard lock(mutex_);
        return images_.contains(path);
    }

private:
    mutable std::mutex mutex_;
    std::map<QString, Prepared> images_;
};

} // namespace diffcut::ui
