#pragma once
// Where and how an image's annotation decisions (AnnotationState) are kept on disk: a small JSON
// "sidecar" file beside the image, plus a 16-bit PNG for the brush layer when something was painted.
//
// Version 2:
// {"format":"diffcut-annotation","version":2,"image":"<file name>","imageSize":[w,h],
//  "project":"<ClassList::projectId>","tau":0.5,"alpha":10,"refine":false,"done":false,
//  "classes":[{"id":3,"name":"cat","colour":[r,g,b]}],        every class the file refers to
//  "trees":[{"features":{"encoder":"builtin-lab-texture/1","model":"","weights":"","timestep":0,
//                        "resolution":256,"grid":[32,32],"imageHash":"<32 hex digits>"},
//            "alpha":10,"overrides":{"0110":true},"nodeClass":{"01":3},"merges":[["01","10"]]}],
//  "brush":"<file name>.diffcut-brush.png" or null}
// Node decisions are kept per tree (feature identity and α: see annotation_state.h); classes by
// their project id; brush pixels hold 0 untouched, 1 erased, 2 + class id. The brush file is named
// relative to the JSON's folder.
//
// Version 1 (DiffCut Studio 0.1.0) is read: it has no feature identity, so its node decisions are
// taken as made with the built-in encoder at 32×32 on this image, at its "nodeAlpha" (or, when 0,
// its "alpha"); its classes are a list whose indices the file uses (brush: 2 + index), matched to
// the project's classes by name. It is written back as version 2.
#include "annotation/annotation.h"
#include "annotation/annotation_state.h"

#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

// Where an image's annotation is kept: next to the image as "<file name>.diffcut.json" (plus
// "<file name>.diffcut-brush.png", a 16-bit PNG, when the brush layer is non-empty) — or, when the
// image's folder is not writable, in <cacheFolder>/annotations/<xxh3-128 hex of the absolute image path>.diffcut.json.
std::filesystem::path sidecarPathNextTo(const std::filesystem::path &image);
std::filesystem::path sidecarPathInCache(const std::filesystem::path &image, const std::filesystem::path &cacheFolder);
// The brush PNG that belongs to a sidecar JSON: same folder, same stem.
std::filesystem::path brushPathFor(const std::filesystem::path &sidecar);

// The sidecar that exists (next to the image first, then the cache), or an empty path.
std::filesystem::path findSidecar(const std::filesystem::path &image, const std::filesystem::path &cacheFolder);

// Writes atomically (brush PNG first, then the JSON; the file's own brush PNG is removed when the
// layer has no painted pixel) next to the image when possible, else in the cache; returns where the
// JSON went. A successful write next to the image removes an older copy in the cache. Class ids are
// written with the classes' names and colours from `classes` (current or deleted). Throws Error
// when neither place can be written.
std::filesystem::path saveSidecar(const std::filesystem::path &image, const std::filesystem::path &cacheFolder,
                                  const AnnotationState &state, const ClassList &classes, cv::Size imageSize);

struct LoadedSidecar {
    AnnotationState state;          // class ids are the project's
    std::vector<std::string> notes; // for the user: classes added to the list, references dropped
};

// Reads a sidecar for an image of `imageSize`, resolving its classes into `project` (resolveClass:
// classes it names that the list lacks are added; classes deleted from the list are dropped with a
// note). Throws Error naming the file for a corrupt or hostile file (bad JSON, wrong types, paths
// with characters other than 0/1 or longer than 64, a brush PNG that is missing or of another size
// than imageSize, classes the file does not list, tau/alpha non-finite or out of range), never
// crashes; `project` is then unchanged.
LoadedSidecar loadSidecar(const std::filesystem::path &sidecar, cv::Size imageSize, ClassList &project);

// Moves an unreadable sidecar and its brush PNG out of the way, never over an earlier set:
// "<name>.diffcut.unreadable-N.json" and "<name>.diffcut-brush.unreadable-N.png" with the first N
// free for both. Returns the JSON's new path. Throws Error when it cannot be moved.
std::filesystem::path setSidecarAside(const std::filesystem::path &sidecar);

// Whether the sidecar refers to the class (by id when it was written in this project, else by
// name): for "N images use this class" before a class is deleted. Unreadable files: false.
bool sidecarUsesClass(const std::filesystem::path &sidecar, const ClassList &project, ClassId id);

// Cheap, for the file list of a 20,000-image folder: reads only the JSON's "done" (None when no
// sidecar, Started when it exists but is not done or unreadable).
AnnotationProgress annotationProgress(const std::filesystem::path &image, const std::filesystem::path &cacheFolder);

// Longest node path a sidecar may hold: far deeper than any real tree, short enough that a hostile
// file cannot make the tree expand without end.
inline constexpr std::size_t kMaxSidecarPathLength = 64;

} // namespace diffcut
