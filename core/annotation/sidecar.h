#pragma once
// Where and how an image's annotation decisions (AnnotationState) are kept on disk: a small JSON
// "sidecar" file beside the image, plus a 16-bit PNG for the brush layer when something was painted.
//
// {"format":"diffcut-annotation","version":1,"image":"<file name>","imageSize":[w,h] or null,
//  "tau":0.5,"alpha":10,"refine":false,"done":false,"overrides":{"0110":true},
//  "classes":[{"name":"cat","colour":[r,g,b]}],"nodeClass":{"01":0},"merges":[["01","10"]],
//  "brush":"<file name>.diffcut-brush.png" or null}
// imageSize is known (from the brush layer) only when there is a brush file; the brush file is named
// relative to the JSON's folder.
#include "annotation/annotation.h"
#include "annotation/annotation_state.h"

#include <filesystem>
#include <vector>

namespace diffcut {

// Where an image's annotation is kept: next to the image as "<file name>.diffcut.json" (plus
// "<file name>.diffcut-brush.png", a 16-bit PNG, when the brush layer is non-empty) — or, when the
// image's folder is not writable, in <cacheFolder>/annotations/<xxh3-128 hex of the absolute image path>.diffcut.json.
std::filesystem::path sidecarPathNextTo(const std::filesystem::path &image);
std::filesystem::path sidecarPathInCache(const std::filesystem::path &image, const std::filesystem::path &cacheFolder);

// The sidecar that exists (next to the image first, then the cache), or an empty path.
std::filesystem::path findSidecar(const std::filesystem::path &image, const std::filesystem::path &cacheFolder);

// Writes atomically (brush PNG first, then the JSON; a stale brush file is removed when the layer is
// empty, i.e. has no painted pixel) next to the image when possible, else in the cache; returns where
// the JSON went. A successful write next to the image removes an older copy in the cache. Throws
// Error when neither place can be written.
std::filesystem::path saveSidecar(const std::filesystem::path &image, const std::filesystem::path &cacheFolder,
                                  const AnnotationState &state, const std::vector<LabelClass> &classes);

struct LoadedSidecar {
    AnnotationState state;
    std::vector<LabelClass> classes; // the classes state's indices refer to
};

// Throws Error naming the file for a corrupt or hostile file (bad JSON, wrong types, paths with
// characters other than 0/1 or longer than 64, a brush PNG that is missing or of another size than
// imageSize, class indices outside the list, tau/alpha non-finite or out of range), never crashes.
// Keys other than format and version may be missing (they take AnnotationState's defaults).
LoadedSidecar loadSidecar(const std::filesystem::path &sidecar, cv::Size imageSize);

// Cheap, for the file list of a 20,000-image folder: reads only the JSON's "done" (None when no
// sidecar, Started when it exists but is not done or unreadable).
AnnotationProgress annotationProgress(const std::filesystem::path &image, const std::filesystem::path &cacheFolder);

// Re-indexes a loaded annotation into the project's class list: classes are matched by name,
// unknown ones appended to `project` (with their colour); nodeClass and brush are rewritten, and
// loaded.classes becomes `project`.
void mergeClassesInto(std::vector<LabelClass> &project, LoadedSidecar &loaded);

// Longest node path a sidecar may hold: far deeper than any real tree, short enough that a hostile
// file cannot make the tree expand without end.
inline constexpr std::size_t kMaxSidecarPathLength = 64;

} // namespace diffcut
