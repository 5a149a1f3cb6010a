#pragma once
// Typed access to the application's QSettings: the one place that knows the keys, the defaults and
// what a stored value may be (a hand-edited or stale settings file gives defaults, never a crash).
#include "annotation/annotation.h"
#include "export/voc.h"
#include "features/encoder_factory.h"
#include "naming/segment_namer.h"

#include <QKeySequence>
#include <QMap>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <filesystem>

namespace diffcut::ui {

// What QCoreApplication's organisation and application names are set to, so that a default
// QSettings finds the file AppSettings writes.
inline constexpr char kSettingsOrganization[] = "DiffCut";
inline constexpr char kSettingsApplication[] = "DiffCut Studio";

struct AppSettings {
    static constexpr int kMaxRecentFiles = 10;
    // The diffusion schedulers DiffCut supports have 1000 training timesteps.
    static constexpr int kMaxTimestep = 999;
    static constexpr int kMaxCacheLimitGb = 100000;
    static constexpr int kMaxPrefetchImages = 50;
    static constexpr int kMaxPrefetchMb = 1000000;
    static constexpr int kMaxClipSize = 4096; // SegmentNamer's bound

    // Encoder
    QString model;            // folder or Hugging Face repo id; empty = built-in encoder (the fallback)
    QString device = "auto";  // auto | cpu | cuda
    int timestep = 50;
    int builtinGrid = 32;     // working resolution of the built-in encoder: 32 or 64
    QString cacheFolder;      // empty = the default, CacheLayout::defaultRoot()
    bool useCache = true;
    int cacheLimitGb = 20;    // the feature cache's bound (least recently used entries go first)
    // Prefetch: the next images in the user's direction, prepared in the background
    int prefetchImages = 3;   // how many ahead; 0 = none
    int prefetchMb = 1024;    // at most this much of their features on disk
    // Naming segments ("Suggest names"): an OpenCLIP ConvNeXt model and the size its image tower sees
    QString clipModel;        // folder or Hugging Face repo id; empty = no suggestions
    int clipSize = 1024;      // a multiple of 32 (the official VOC setting: 1024)
    // Segmentation defaults for images without an annotation
    double tau = 0.5;
    double alpha = 10.0;
    bool refine = false;
    // The classes a folder without a class list starts with (the last list used).
    std::vector<diffcut::LabelClass> defaultClasses;
    // Interface
    QString language;         // empty = follow the system locale; else "en", "de", "fr", "es", "zh_CN", "ja"
    double overlayOpacity = 0.5;
    bool showOutlines = true;
    QMap<QString, QKeySequence> shortcuts;  // action objectName → the user's key (only overrides)
    QStringList recentFiles;  // most recent first, at most kMaxRecentFiles
    // Export dialog memory
    QString exportFolder;
    QStringList exportFormats{"labelme", "voc"};  // exportFormatName() of each format
    diffcut::UnlabelledPixels exportUnlabelled = diffcut::UnlabelledPixels::Background; // VOC

    // Values out of range or of the wrong kind are replaced by their defaults.
    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    // What createEncoder receives.
    diffcut::EncoderSettings encoderSettings() const;
    // What the segment namer receives (the encoder's device and cache).
    diffcut::NamerSettings namerSettings() const;
    // The resolved cache folder (its layout: common/cache_layout.h).
    std::filesystem::path cacheRoot() const;
    // Puts `path` first (absolute, without duplicates) and drops the oldest beyond kMaxRecentFiles.
    void addRecentFile(const QString &path);
    void removeRecentFile(const QString &path);
};

} // namespace diffcut::ui
