#include "settings/app_settings.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "export/export_layout.h"
#include "segmentation/affinity.h"
#include "segmentation/partition_tree.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace diffcut::ui {

namespace {

const QStringList kDevices{"auto", "cpu", "cuda"};
const QList<int> kBuiltinGrids{32, 64};

namespace key {
const QString model = "encoder/model";
const QString device = "encoder/device";
const QString timestep = "encoder/timestep";
const QString builtinGrid = "encoder/builtinGrid";
const QString clipModel = "naming/clipModel";
const QString clipSize = "naming/clipSize";
const QString cacheFolder = "cache/folder";
const QString useCache = "cache/enabled";
const QString cacheLimit = "cache/limitGB";
const QString prefetchImages = "prefetch/images";
const QString prefetchMb = "prefetch/diskMB";
const QString tau = "segmentation/tau";
const QString alpha = "segmentation/alpha";
const QString refine = "segmentation/refine";
const QString language = "interface/language";
const QString overlayOpacity = "interface/overlayOpacity";
const QString showOutlines = "interface/showOutlines";
const QString shortcutsGroup = "shortcuts";
const QString recentFiles = "recentFiles";
const QString exportFolder = "export/folder";
const QString exportFormats = "export/formats";
const QString exportUnlabelled = "export/unlabelled";
const QString classes = "classes";
} // namespace key

// INI files hold every value as text, so each reader accepts both the typed value and its text.

bool readBool(const QSettings &settings, const QString &name, bool fallback) {
    const QVariant value = settings.value(name);
    if (value.typeId() == QMetaType::Bool)
        return value.toBool();
    const QString text = value.toString().trimmed().toLower();
    if (text == "true" || text == "1")
        return true;
    if (text == "false" || text == "0")
        return false;
    return fallback;
}

int readInt(const QSettings &settings, const QString &name, int fallback, int min, int max) {
    bool ok = false;
    const int value = settings.value(name).toInt(&ok);
    return ok && value >= min && value <= max ? value : fallback;
}

double readDouble(const QSettings &settings, const QString &name, double fallback, double min, double max) {
    bool ok = false;
    const double value = settings.value(name).toDouble(&ok);
    return ok && std::isfinite(value) && value >= min && value <= max ? value : fallback;
}

QString readChoice(const QSettings &settings, const QString &name, const QString &fallback,
                   const QStringList &choices) {
    const QString value = settings.value(name).toString();
    return choices.contains(value) ? value : fallback;
}

bool isExportFormatName(const QString &name) {
    try {
        return parseFormats(name.toStdString()).size() == 1;
    } catch (const Error &) {
        return false;
    }
}

QString absoluteClean(const QString &path) { return QDir::cleanPath(QFileInfo(path).absoluteFilePath()); }

} // namespace

AppSettings AppSettings::load(QSettings &settings) {
    const AppSettings defaults;
    AppSettings loaded;
    loaded.model = settings.value(key::model).toString().trimmed();
    loaded.device = readChoice(settings, key::device, defaults.device, kDevices);
    loaded.timestep = readInt(settings, key::timestep, defaults.timestep, 0, AppSettings::kMaxTimestep);
    const int grid = readInt(settings, key::builtinGrid, defaults.builtinGrid, 0, 1 << 16);
    loaded.builtinGrid = kBuiltinGrids.contains(grid) ? grid : defaults.builtinGrid;
    loaded.clipModel = settings.value(key::clipModel).toString().trimmed();
    const int clipSize = readInt(settings, key::clipSize, defaults.clipSize, 32, kMaxClipSize);
    loaded.clipSize = clipSize % 32 == 0 ? clipSize : defaults.clipSize;
    loaded.cacheFolder = settings.value(key::cacheFolder).toString().trimmed();
    loaded.useCache = readBool(settings, key::useCache, defaults.useCache);
    loaded.cacheLimitGb = readInt(settings, key::cacheLimit, defaults.cacheLimitGb, 1, kMaxCacheLimitGb);
    loaded.prefetchImages = readInt(settings, key::prefetchImages, defaults.prefetchImages, 0, kMaxPrefetchImages);
    loaded.prefetchMb = readInt(settings, key::prefetchMb, defaults.prefetchMb, 1, kMaxPrefetchMb);

    loaded.tau = readDouble(settings, key::tau, defaults.tau, kMinTau, kMaxTau);
    loaded.alpha = readDouble(settings, key::alpha, defaults.alpha, kMinAlpha, kMaxAlpha);
    loaded.refine = readBool(settings, key::refine, defaults.refine);

    loaded.language = settings.value(key::language).toString().trimmed();
    loaded.overlayOpacity = readDouble(settings, key::overlayOpacity, defaults.overlayOpacity, 0.0, 1.0);
    loaded.showOutlines = readBool(settings, key::showOutlines, defaults.showOutlines);

    settings.beginGroup(key::shortcutsGroup);
    for (const QString &action : settings.allKeys()) {
        const QString text = settings.value(action).toString();
        const QKeySequence sequence = QKeySequence::fromString(text, QKeySequence::PortableText);
        // An empty value is an override too: the user removed the action's shortcut.
        if (text.isEmpty() || !sequence.isEmpty())
            loaded.shortcuts.insert(action, sequence);
    }
    settings.endGroup();

    // Appended oldest first, so that addRecentFile's ordering and limit apply.
    const QStringList recent = settings.value(key::recentFiles).toStringList();
    for (auto path = recent.crbegin(); path != recent.crend(); ++path)
        if (!path->trimmed().isEmpty())
            loaded.addRecentFile(*path);

    for (const QVariant &entry : settings.value(key::classes).toList()) {
        const QVariantMap map = entry.toMap();
        const QColor colour(map.value("colour").toString());
        if (!map.value("name").toString().trimmed().isEmpty() && colour.isValid())
            loaded.defaultClasses.push_back({map.value("name").toString().trimmed().toStdString(),
                                             cv::Vec3b(uchar(colour.red()), uchar(colour.green()), uchar(colour.blue()))});
    }

    loaded.exportFolder = settings.value(key::exportFolder).toString().trimmed();
    try {
        loaded.exportUnlabelled = parseUnlabelledPixels(settings.value(key::exportUnlabelled, "background").toString().toStdString());
    } catch (const Error &) { // a hand-edited value: the default
    }
    if (settings.contains(key::exportFormats)) {
        loaded.exportFormats.clear();
        for (const QString &name : settings.value(key::exportFormats).toStringList())
            if (isExportFormatName(name) && !loaded.exportFormats.contains(name))
                loaded.exportFormats.append(name);
    }
    return loaded;
}

void AppSettings::save(QSettings &settings) const {
    settings.setValue(key::model, model);
    settings.setValue(key::device, device);
    settings.setValue(key::timestep, timestep);
    settings.setValue(key::builtinGrid, builtinGrid);
    settings.setValue(key::clipModel, clipModel);
    settings.setValue(key::clipSize, clipSize);
    settings.setValue(key::cacheFolder, cacheFolder);
    settings.setValue(key::useCache, useCache);
    settings.setValue(key::cacheLimit, cacheLimitGb);
    settings.setValue(key::prefetchImages, prefetchImages);
    settings.setValue(key::prefetchMb, prefetchMb);
    settings.setValue(key::tau, tau);
    settings.setValue(key::alpha, alpha);
    settings.setValue(key::refine, refine);
    settings.setValue(key::language, language);
    settings.setValue(key::overlayOpacity, overlayOpacity);
    settings.setValue(key::showOutlines, showOutlines);
    // Rewritten whole, so that an override the user reset disappears.
    settings.remove(key::shortcutsGroup);
    settings.beginGroup(key::shortcutsGroup);
    for (auto shortcut = shortcuts.cbegin(); shortcut != shortcuts.cend(); ++shortcut)
        settings.setValue(shortcut.key(), shortcut.value().toString(QKeySequence::PortableText));
    settings.endGroup();
    settings.setValue(key::recentFiles, recentFiles);
    settings.setValue(key::exportFolder, exportFolder);
    settings.setValue(key::exportFormats, exportFormats);
    settings.setValue(key::exportUnlabelled, QString::fromUtf8(unlabelledPixelsName(exportUnlabelled).data()));
    QVariantList classList;
    for (const LabelClass &labelClass : defaultClasses)
        classList << QVariantMap{{"name", QString::fromStdString(labelClass.name)},
                                 {"colour", QColor(labelClass.colour[0], labelClass.colour[1], labelClass.colour[2]).name()}};
    settings.setValue(key::classes, classList);
}

EncoderSettings AppSettings::encoderSettings() const {
    EncoderSettings encoder;
    encoder.model = model.toStdString();
    encoder.timestep = timestep;
    encoder.device = device.toStdString();
    encoder.cacheRoot = cacheRoot();
    encoder.useCache = useCache;
    encoder.builtinGrid = builtinGrid;
    return encoder;
}

NamerSettings AppSettings::namerSettings() const {
    NamerSettings namer;
    namer.model.model = clipModel.toStdString();
    namer.model.device = device.toStdString();
    namer.clipSize = clipSize;
    namer.cacheFolder = CacheLayout(cacheRoot()).clipFeatures();
    namer.useCache = useCache;
    return namer;
}

std::filesystem::path AppSettings::cacheRoot() const { return CacheLayout(cacheFolder.toStdString()).root(); }

void AppSettings::addRecentFile(const QString &path) {
    const QString absolute = absoluteClean(path);
    recentFiles.removeIf([&](const QString &known) { return absoluteClean(known) == absolute; });
    recentFiles.prepend(absolute);
    while (recentFiles.size() > kMaxRecentFiles)
        recentFiles.removeLast();
}

void AppSettings::removeRecentFile(const QString &path) {
    const QString absolute = absoluteClean(path);
    recentFiles.removeIf([&](const QString &known) { return absoluteClean(known) == absolute; });
}

} // namespace diffcut::ui
