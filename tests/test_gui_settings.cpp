// Settings, shortcut editor, settings and export dialogs, translations: AppSettings through a real
// INI file, the dialogs driven through their widgets (found by objectName) as a user would.
#include "common/cache_layout.h"
#include "dialogs/export_dialog.h"
#include "i18n/translations.h"
#include "settings/app_settings.h"
#include "settings/settings_dialog.h"
#include "settings/shortcut_editor.h"
#include "test_support.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QLocale>
#include <QHeaderView>
#include <QTableView>
#include <QToolButton>
#include <QTranslator>

#include <memory>
#include <optional>

using namespace diffcut;
using namespace diffcut::ui;

namespace {

// Sets (or unsets) an environment variable for the lifetime of the object.
class EnvOverride {
public:
    EnvOverride(const char *name, const std::optional<QByteArray> &value)
        : name_(name), previous_(qEnvironmentVariableIsSet(name) ? std::optional(qgetenv(name)) : std::nullopt) {
        set(value);
    }
    ~EnvOverride() { set(previous_); }

private:
    void set(const std::optional<QByteArray> &value) {
        if (value)
            qputenv(name_, *value);
        else
            qunsetenv(name_);
    }
    const char *name_;
    std::optional<QByteArray> previous_;
};

template <typename Widget>
Widget *child(QObject *parent, const QString &name) {
    auto *widget = parent->findChild<Widget *>(name);
    if (!widget)
        qFatal("no widget named %s", qPrintable(name));
    return widget;
}

void writeFile(const QString &path, qint64 bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(QByteArray(bytes, 'x')) == bytes);
}

// Three actions as a main window has them: mnemonics in the text, one with two default keys.
struct Actions {
    QAction open{"&Open…"};
    QAction save{"&Save"};
    QAction zoomIn{"Zoom &In"};
    QAction unnamed{"No Name"};
    QMap<QString, QList<QKeySequence>> defaults;

    Actions() {
        open.setObjectName("openAction");
        save.setObjectName("saveAction");
        zoomIn.setObjectName("zoomInAction");
        defaults["openAction"] = {QKeySequence("Ctrl+O")};
        defaults["saveAction"] = {QKeySequence("Ctrl+S")};
        defaults["zoomInAction"] = {QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")};
    }
    QList<QAction *> list() { return {&open, &save, &zoomIn, &unnamed}; }
};

AppSettings customSettings() {
    AppSettings settings;
    settings.model = "segmind/SSD-1B";
    settings.device = "cuda";
    settings.timestep = 120;
    settings.builtinGrid = 64;
    settings.clipModel = "laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup";
    settings.clipSize = 2048;
    settings.cacheFolder = "/tmp/diffcut-cache";
    settings.useCache = false;
    settings.cacheLimitGb = 7;
    settings.prefetchImages = 5;
    settings.prefetchMb = 300;
    settings.tau = 0.35;
    settings.alpha = 12.5;
    settings.refine = true;
    settings.language = "ja";
    settings.overlayOpacity = 0.75;
    settings.showOutlines = false;
    settings.shortcuts = {{"openAction", QKeySequence("Ctrl+Shift+O")}, {"saveAction", QKeySequence()}};
    settings.recentFiles = {"/data/b.jpg", "/data/a.jpg"};
    settings.exportFolder = "/data/out";
    settings.exportFormats = {"coco", "overlay"};
    return settings;
}

} // namespace

class TestGuiSettings : public QObject {
    Q_OBJECT

private slots:
    void appSettingsRoundTripThroughAnIniFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("settings.ini");
        const AppSettings saved = customSettings();
        {
            QSettings settings(path, QSettings::IniFormat);
            saved.save(settings);
        }
        QSettings settings(path, QSettings::IniFormat);
        const AppSettings loaded = AppSettings::load(settings);
        QCOMPARE(loaded.model, saved.model);
        QCOMPARE(loaded.device, saved.device);
        QCOMPARE(loaded.timestep, saved.timestep);
        QCOMPARE(loaded.builtinGrid, saved.builtinGrid);
        QCOMPARE(loaded.clipModel, saved.clipModel);
        QCOMPARE(loaded.clipSize, saved.clipSize);
        QCOMPARE(loaded.cacheFolder, saved.cacheFolder);
        QCOMPARE(loaded.useCache, saved.useCache);
        QCOMPARE(loaded.cacheLimitGb, saved.cacheLimitGb);
        QCOMPARE(loaded.prefetchImages, saved.prefetchImages);
        QCOMPARE(loaded.prefetchMb, saved.prefetchMb);
        QCOMPARE(loaded.tau, saved.tau);
        QCOMPARE(loaded.alpha, saved.alpha);
        QCOMPARE(loaded.refine, saved.refine);
        QCOMPARE(loaded.language, saved.language);
        QCOMPARE(loaded.overlayOpacity, saved.overlayOpacity);
        QCOMPARE(loaded.showOutlines, saved.showOutlines);
        QCOMPARE(loaded.shortcuts, saved.shortcuts); // the removed shortcut stays an (empty) override
        QCOMPARE(loaded.recentFiles, saved.recentFiles);
        QCOMPARE(loaded.exportFolder, saved.exportFolder);
        QCOMPARE(loaded.exportFormats, saved.exportFormats);

        // Overrides the user reset disappear from the file.
        AppSettings reset = loaded;
        reset.shortcuts.clear();
        reset.save(settings);
        QVERIFY(AppSettings::load(settings).shortcuts.isEmpty());
    }

    void appSettingsDefaultsWhenTheFileIsEmptyOrWrong() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
        const AppSettings defaults;
        const AppSettings fresh = AppSettings::load(settings);
        QCOMPARE(fresh.device, defaults.device);
        QCOMPARE(fresh.exportFormats, defaults.exportFormats);
        QCOMPARE(fresh.tau, defaults.tau);

        settings.setValue("encoder/device", "gpu");
        settings.setValue("encoder/timestep", "-3");
        settings.setValue("encoder/builtinGrid", 48);
        settings.setValue("naming/clipSize", 1000); // not a multiple of 32
        settings.setValue("cache/enabled", "maybe");
        settings.setValue("cache/limitGB", 0);
        settings.setValue("prefetch/images", -1);
        settings.setValue("prefetch/diskMB", "lots");
        settings.setValue("segmentation/tau", "abc");
        settings.setValue("segmentation/alpha", 100);
        settings.setValue("interface/overlayOpacity", "nan");
        settings.setValue("export/formats", QStringList{"labelme", "bogus", "labelme", "yolo"});
        settings.setValue("shortcuts/openAction", "Ctrl+Shift+K");
        const AppSettings repaired = AppSettings::load(settings);
        QCOMPARE(repaired.device, defaults.device);
        QCOMPARE(repaired.timestep, defaults.timestep);
        QCOMPARE(repaired.builtinGrid, defaults.builtinGrid);
        QCOMPARE(repaired.clipSize, defaults.clipSize);
        QCOMPARE(repaired.useCache, defaults.useCache);
        QCOMPARE(repaired.cacheLimitGb, defaults.cacheLimitGb);
        QCOMPARE(repaired.prefetchImages, defaults.prefetchImages);
        QCOMPARE(repaired.prefetchMb, defaults.prefetchMb);
        QCOMPARE(repaired.tau, defaults.tau);
        QCOMPARE(repaired.alpha, defaults.alpha);
        QCOMPARE(repaired.overlayOpacity, defaults.overlayOpacity);
        QCOMPARE(repaired.exportFormats, (QStringList{"labelme", "yolo"}));
        QCOMPARE(repaired.shortcuts.value("openAction"), QKeySequence("Ctrl+Shift+K"));
    }

    void recentFilesAreAbsoluteUniqueAndAtMostTen() {
        AppSettings settings;
        for (int i = 0; i < 12; ++i)
            settings.addRecentFile(QString("/images/%1.jpg").arg(i));
        QCOMPARE(settings.recentFiles.size(), AppSettings::kMaxRecentFiles);
        QCOMPARE(settings.recentFiles.first(), QString("/images/11.jpg"));
        QCOMPARE(settings.recentFiles.last(), QString("/images/2.jpg"));

        settings.addRecentFile("/images/sub/../5.jpg");
        QCOMPARE(settings.recentFiles.first(), QString("/images/5.jpg"));
        QCOMPARE(settings.recentFiles.count("/images/5.jpg"), 1);
        QCOMPARE(settings.recentFiles.size(), AppSettings::kMaxRecentFiles);

        settings.addRecentFile("relative.jpg");
        QCOMPARE(settings.recentFiles.first(), QDir::current().absoluteFilePath("relative.jpg"));
    }

    void encoderSettingsMapsEveryField() {
        const AppSettings settings = customSettings();
        const EncoderSettings encoder = settings.encoderSettings();
        QCOMPARE(encoder.model, std::string("segmind/SSD-1B"));
        QCOMPARE(encoder.device, std::string("cuda"));
        QCOMPARE(encoder.timestep, 120);
        QCOMPARE(encoder.builtinGrid, 64);
        QCOMPARE(encoder.useCache, false);
        QCOMPARE(encoder.cacheRoot, std::filesystem::path("/tmp/diffcut-cache"));
        QCOMPARE(settings.cacheRoot(), std::filesystem::path("/tmp/diffcut-cache"));
        const NamerSettings namer = settings.namerSettings();
        QCOMPARE(namer.model.model, std::string("laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup"));
        QCOMPARE(namer.model.device, std::string("cuda"));
        QCOMPARE(namer.clipSize, 2048);
        QCOMPARE(namer.useCache, false);
        QCOMPARE(namer.cacheFolder, CacheLayout("/tmp/diffcut-cache").clipFeatures());

        // No folder set: the cache is where CacheLayout puts it by default.
        QTemporaryDir xdg;
        const EnvOverride cacheHome("XDG_CACHE_HOME", xdg.path().toUtf8());
        const AppSettings defaults;
        QCOMPARE(defaults.cacheRoot(), testing::toPath(xdg) / "diffcut-studio");
        QCOMPARE(defaults.encoderSettings().cacheRoot, CacheLayout::defaultRoot());
        QVERIFY(defaults.encoderSettings().model.empty());
    }

    void shortcutEditorFindsConflictsAndKeepsOnlyOverrides() {
        Actions actions;
        ShortcutEditor editor(actions.list(), actions.defaults);
        QSignalSpy conflictsChanged(&editor, &ShortcutEditor::conflictsChanged);
        auto *table = child<QTableWidget>(&editor, "shortcutTable");
        QCOMPARE(table->rowCount(), 3); // the action without objectName is not listed
        QCOMPARE(table->item(0, 0)->text(), QString("Open…"));
        QCOMPARE(table->item(2, 0)->text(), QString("Zoom In"));
        QVERIFY(editor.overrides().isEmpty());
        QVERIFY(!editor.hasConflicts());

        auto *save = child<QKeySequenceEdit>(&editor, "shortcut_saveAction");
        auto *message = child<QLabel>(&editor, "conflictMessage");
        save->setKeySequence(QKeySequence("Ctrl+O"));
        QVERIFY(editor.hasConflicts());
        QCOMPARE(conflictsChanged.size(), 1);
        QCOMPARE(conflictsChanged.last().at(0).toBool(), true);
        QVERIFY(!message->isHidden());
        QVERIFY2(message->text().contains("Open…") && message->text().contains("Save"), qPrintable(message->text()));
        QCOMPARE(editor.overrides(), (QMap<QString, QKeySequence>{{"saveAction", QKeySequence("Ctrl+O")}}));

        child<QToolButton>(&editor, "reset_saveAction")->click();
        QVERIFY(!editor.hasConflicts());
        QCOMPARE(conflictsChanged.size(), 2);
        QVERIFY(message->isHidden());
        QVERIFY(editor.overrides().isEmpty());

        // The second default key of an action that keeps its default counts too.
        child<QKeySequenceEdit>(&editor, "shortcut_openAction")->setKeySequence(QKeySequence("Ctrl+="));
        QVERIFY(editor.hasConflicts());
        // Once Zoom In is given its own single key, Ctrl+= is free.
        child<QKeySequenceEdit>(&editor, "shortcut_zoomInAction")->setKeySequence(QKeySequence("Ctrl+Shift+Z"));
        QVERIFY(!editor.hasConflicts());

        child<QPushButton>(&editor, "resetAllShortcuts")->click();
        QVERIFY(editor.overrides().isEmpty());

        // A removed shortcut is an override; overrides equal to the default are not.
        const QMap<QString, QKeySequence> overrides{{"openAction", QKeySequence()},
                                                    {"saveAction", QKeySequence("Ctrl+S")},
                                                    {"unknownAction", QKeySequence("Ctrl+U")}};
        editor.setOverrides(overrides);
        QCOMPARE(editor.overrides(), (QMap<QString, QKeySequence>{{"openAction", QKeySequence()}}));
        QVERIFY(!editor.hasConflicts());
    }

    void settingsDialogReturnsWhatWasEditedInItsWidgets() {
        QTemporaryDir hub;
        const EnvOverride hubCache("HF_HUB_CACHE", hub.path().toUtf8());
        Actions actions;
        AppSettings initial;
        initial.recentFiles = {"/data/a.jpg"};
        initial.shortcuts = {{"openAction", QKeySequence("Ctrl+Shift+O")}};
        SettingsDialog dialog(initial, actions.list(), actions.defaults);

        auto *modelNote = child<QLabel>(&dialog, "modelNote");
        QVERIFY2(modelNote->text().contains("built-in encoder"), qPrintable(modelNote->text()));
        auto *discovered = child<QComboBox>(&dialog, "discoveredModelsCombo");
        QTRY_VERIFY(!discovered->itemText(0).contains("Searching"));
        QVERIFY2(discovered->itemText(0).contains(hub.path()), qPrintable(discovered->itemText(0)));
        QVERIFY(!discovered->isEnabled());

        auto *model = child<QLineEdit>(&dialog, "modelEdit");
        model->setText("nobody/nothing");
        QVERIFY2(modelNote->text().contains("not found"), qPrintable(modelNote->text()));
        model->setText(hub.path());
        QVERIFY2(modelNote->text().contains(hub.path()), qPrintable(modelNote->text()));

        auto *device = child<QComboBox>(&dialog, "deviceCombo");
        device->setCurrentIndex(device->findData("cpu"));
        child<QSpinBox>(&dialog, "timestepSpin")->setValue(200);
        child<QLineEdit>(&dialog, "clipModelEdit")->setText(" /models/clip ");
        child<QSpinBox>(&dialog, "clipSizeSpin")->setValue(2000); // typed: rounded down to a multiple of 32
        child<QDoubleSpinBox>(&dialog, "tauSpin")->setValue(0.7);
        child<QDoubleSpinBox>(&dialog, "alphaSpin")->setValue(20);
        child<QCheckBox>(&dialog, "refineCheck")->setChecked(true);
        auto *grid = child<QComboBox>(&dialog, "builtinGridCombo");
        grid->setCurrentIndex(grid->findData(64));
        child<QLineEdit>(&dialog, "cacheFolderEdit")->setText("/tmp/elsewhere");
        child<QCheckBox>(&dialog, "useCacheCheck")->setChecked(false);
        child<QSpinBox>(&dialog, "cacheLimitSpin")->setValue(3);
        child<QSpinBox>(&dialog, "prefetchImagesSpin")->setValue(0);
        child<QSpinBox>(&dialog, "prefetchMbSpin")->setValue(64);
        auto *language = child<QComboBox>(&dialog, "languageCombo");
        QCOMPARE(language->currentData().toString(), QString()); // system default
        language->setCurrentIndex(language->findData("zh_CN"));
        child<QSpinBox>(&dialog, "overlayOpacitySpin")->setValue(30);
        child<QCheckBox>(&dialog, "showOutlinesCheck")->setChecked(false);
        child<QKeySequenceEdit>(&dialog, "shortcut_saveAction")->setKeySequence(QKeySequence("Ctrl+Alt+S"));

        const AppSettings edited = dialog.settings();
        QCOMPARE(edited.model, hub.path());
        QCOMPARE(edited.device, QString("cpu"));
        QCOMPARE(edited.timestep, 200);
        QCOMPARE(edited.clipModel, QString("/models/clip"));
        QCOMPARE(edited.clipSize, 1984);
        QCOMPARE(edited.tau, 0.7);
        QCOMPARE(edited.alpha, 20.0);
        QCOMPARE(edited.refine, true);
        QCOMPARE(edited.builtinGrid, 64);
        QCOMPARE(edited.cacheFolder, QString("/tmp/elsewhere"));
        QCOMPARE(edited.useCache, false);
        QCOMPARE(edited.cacheLimitGb, 3);
        QCOMPARE(edited.prefetchImages, 0);
        QCOMPARE(edited.prefetchMb, 64);
        QCOMPARE(edited.language, QString("zh_CN"));
        QCOMPARE(edited.overlayOpacity, 0.3);
        QCOMPARE(edited.showOutlines, false);
        QCOMPARE(edited.shortcuts, (QMap<QString, QKeySequence>{{"openAction", QKeySequence("Ctrl+Shift+O")},
                                                                {"saveAction", QKeySequence("Ctrl+Alt+S")}}));
        QCOMPARE(edited.recentFiles, initial.recentFiles); // not shown, kept
    }

    void settingsDialogListsModelsOfTheHuggingFaceCache() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir hub;
        QVERIFY(QDir(hub.path()).mkpath("models--tiny--sd14/snapshots"));
        QVERIFY(QDir(hub.path()).mkpath("models--tiny--sd14/refs"));
        QVERIFY(QFile::link(QString::fromStdString((testing::fixturesDir() / "pipeline/sd14-tiny-full").string()),
                            hub.filePath("models--tiny--sd14/snapshots/abc123")));
        QFile ref(hub.filePath("models--tiny--sd14/refs/main"));
        QVERIFY(ref.open(QIODevice::WriteOnly));
        ref.write("abc123");
        ref.close();
        const EnvOverride hubCache("HF_HUB_CACHE", hub.path().toUtf8());

        Actions actions;
        SettingsDialog dialog(AppSettings(), actions.list(), actions.defaults);
        auto *discovered = child<QComboBox>(&dialog, "discoveredModelsCombo");
        QTRY_VERIFY(discovered->isEnabled());
        QCOMPARE(discovered->count(), 2);
        QVERIFY2(discovered->itemText(1).contains("tiny/sd14"), qPrintable(discovered->itemText(1)));
        QVERIFY2(discovered->itemText(1).contains("SD 1.x"), qPrintable(discovered->itemText(1)));

        discovered->setCurrentIndex(1);
        emit discovered->activated(1);
        QCOMPARE(child<QLineEdit>(&dialog, "modelEdit")->text(), QString("tiny/sd14"));
        QVERIFY2(child<QLabel>(&dialog, "modelNote")->text().contains("abc123"),
                 qPrintable(child<QLabel>(&dialog, "modelNote")->text()));
        QCOMPARE(dialog.settings().model, QString("tiny/sd14"));
    }

    void settingsDialogRefusesOkWhileShortcutsConflict() {
        Actions actions;
        SettingsDialog dialog(AppSettings(), actions.list(), actions.defaults);
        QPushButton *ok = child<QDialogButtonBox>(&dialog, "buttons")->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());

        child<QKeySequenceEdit>(&dialog, "shortcut_saveAction")->setKeySequence(QKeySequence("Ctrl+O"));
        QVERIFY(!ok->isEnabled());
        dialog.show();
        dialog.accept();
        QVERIFY(dialog.isVisible());
        auto *pages = child<QTabWidget>(&dialog, "pages");
        QCOMPARE(pages->currentWidget(), child<ShortcutEditor>(&dialog, "shortcutEditor"));

        child<QKeySequenceEdit>(&dialog, "shortcut_saveAction")->setKeySequence(QKeySequence("Ctrl+S"));
        QVERIFY(ok->isEnabled());
        ok->click();
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    // Clearing removes what can be recomputed (features and their source records, the text
    // conditioning), never the annotations and class lists of read-only folders kept there.
    void settingsDialogMeasuresAndClearsTheFeatureCache() {
        QTemporaryDir cache;
        for (const char *area : {"features", "conditioning", "annotations", "projects"})
            QVERIFY(QDir(cache.path()).mkdir(area));
        writeFile(cache.filePath("features/0123.npy"), 1000);
        writeFile(cache.filePath("features/0123.json"), 10);
        writeFile(cache.filePath("features/4567.npy"), 500);
        writeFile(cache.filePath("features/notes.txt"), 10);
        writeFile(cache.filePath("conditioning/conditioning-1.pt"), 300);
        writeFile(cache.filePath("annotations/89ab.diffcut.json"), 200);
        writeFile(cache.filePath("projects/cdef.diffcut-classes.json"), 100);
        AppSettings initial;
        initial.cacheFolder = cache.path();
        Actions actions;
        SettingsDialog dialog(initial, actions.list(), actions.defaults);

        auto *size = child<QLabel>(&dialog, "cacheSizeLabel");
        auto *clear = child<QPushButton>(&dialog, "clearCacheButton");
        QTRY_VERIFY(clear->isEnabled());
        QVERIFY2(size->text().contains("cached images: 2") && size->text().contains(cache.path()) &&
                     size->text().contains("never cleared"),
                 qPrintable(size->text()));

        clear->click();
        QTRY_VERIFY(size->text().contains("empty"));
        QVERIFY(!clear->isEnabled());
        for (const char *removed : {"features/0123.npy", "features/0123.json", "features/4567.npy", "conditioning/conditioning-1.pt"})
            QVERIFY2(!QFile::exists(cache.filePath(removed)), removed);
        // Only cache entries are removed; the user's work stays.
        for (const char *kept : {"features/notes.txt", "annotations/89ab.diffcut.json", "projects/cdef.diffcut-classes.json"})
            QVERIFY2(QFile::exists(cache.filePath(kept)), kept);
    }

    void exportDialogEnablesExportOnlyWithAFolderAndAFormat() {
        ExportRequest initial;
        initial.formats = {ExportFormat::Labelme};
        initial.wholeFolder = true; // but no folder is open
        ExportDialog dialog(initial, 0);
        auto *exportButton = child<QPushButton>(&dialog, "exportButton");
        auto *folder = child<QLineEdit>(&dialog, "outputFolderEdit");
        auto *destination = child<QLabel>(&dialog, "destinationLabel");
        QVERIFY(!exportButton->isEnabled());
        QVERIFY(!child<QRadioButton>(&dialog, "wholeFolderRadio")->isEnabled());
        QVERIFY(child<QRadioButton>(&dialog, "currentImageRadio")->isChecked());

        QTemporaryDir out;
        folder->setText(out.path());
        QVERIFY(exportButton->isEnabled());
        QVERIFY2(destination->text().contains("labelme/NAME.json"), qPrintable(destination->text()));

        child<QCheckBox>(&dialog, "format_labelme")->setChecked(false);
        QVERIFY(!exportButton->isEnabled());
        QVERIFY(dialog.request().formats.empty());

        writeFile(out.filePath("a-file"), 1);
        child<QCheckBox>(&dialog, "format_voc")->setChecked(true);
        folder->setText(out.filePath("a-file"));
        QVERIFY(!exportButton->isEnabled());
        QVERIFY2(destination->text().contains("not a folder"), qPrintable(destination->text()));
        folder->setText(out.filePath("new/sub"));
        QVERIFY(exportButton->isEnabled());
        QVERIFY2(destination->text().contains("voc/SegmentationClass/NAME.png"), qPrintable(destination->text()));
    }

    void exportDialogRequestReflectsItsWidgets() {
        ExportRequest initial;
        initial.outputFolder = "/data/export/../out";
        initial.formats = {ExportFormat::Coco, ExportFormat::Overlay};
        initial.wholeFolder = true;
        initial.overlayOpacity = 0.4;
        ExportDialog dialog(initial, 7);
        QVERIFY(child<QPushButton>(&dialog, "exportButton")->isEnabled());
        auto *wholeFolder = child<QRadioButton>(&dialog, "wholeFolderRadio");
        QVERIFY(wholeFolder->isChecked());
        QVERIFY2(wholeFolder->text().contains("(7 in all)"), qPrintable(wholeFolder->text()));
        auto *embed = child<QCheckBox>(&dialog, "embedImageDataCheck");
        QVERIFY(!embed->isEnabled()); // labelme is not chosen
        QVERIFY(child<QSpinBox>(&dialog, "overlayOpacitySpin")->isEnabled());
        QVERIFY2(child<QLabel>(&dialog, "destinationLabel")->text().contains("coco/annotations.json"),
                 qPrintable(child<QLabel>(&dialog, "destinationLabel")->text()));

        const ExportRequest unchanged = dialog.request();
        QCOMPARE(unchanged.outputFolder, QString("/data/out"));
        QVERIFY((unchanged.formats == ExportFormats{ExportFormat::Coco, ExportFormat::Overlay}));
        QCOMPARE(unchanged.wholeFolder, true);
        QCOMPARE(unchanged.overlayOpacity, 0.4);
        QCOMPARE(unchanged.embedImageData, false);

        child<QCheckBox>(&dialog, "format_labelme")->setChecked(true);
        child<QCheckBox>(&dialog, "format_overlay")->setChecked(false);
        QVERIFY(embed->isEnabled());
        QVERIFY(!child<QSpinBox>(&dialog, "overlayOpacitySpin")->isEnabled());
        embed->setChecked(true);
        child<QRadioButton>(&dialog, "currentImageRadio")->setChecked(true);
        const ExportRequest edited = dialog.request();
        QVERIFY((edited.formats == ExportFormats{ExportFormat::Labelme, ExportFormat::Coco}));
        QCOMPARE(edited.wholeFolder, false);
        QCOMPARE(edited.embedImageData, true);
    }

    void translationsFallBackToEnglishAndListTheBuiltFiles() {
        auto &app = *QCoreApplication::instance();
        const auto segments = [](int count) {
            return QCoreApplication::translate("diffcut::ui::GranularityPanel", "%n segment(s)", nullptr, count);
        };
        const auto ourTranslators = [&app] { return app.findChildren<QTranslator *>().size(); };

        // English has the plural forms of the source texts, and is what an unknown language gets.
        for (const char *language : {"en", "xx"}) {
            QCOMPARE(installTranslations(app, language), QString("en"));
            QCOMPARE(segments(1), QString("1 segment"));
            QCOMPARE(segments(3), QString("3 segments"));
        }
        const qsizetype english = ourTranslators();
        QVERIFY(english >= 1);
        const QStringList languages = availableLanguages();
        QCOMPARE(languages.first(), QString("en"));
        QCOMPARE(languages.count("en"), 1);
        for (const char *language : {"de", "fr", "es", "zh_CN", "ja"})
            QVERIFY2(languages.contains(language), qPrintable(languages.join(", ")));

        // The build's German file is found, also for a regional variant, and replaced, not stacked.
        QCOMPARE(installTranslations(app, "de"), QString("de"));
        QCOMPARE(segments(1), QString("1 Segment"));
        QCOMPARE(segments(3), QString("3 Segmente"));
        const qsizetype german = ourTranslators();
        QVERIFY(german >= 1);
        QCOMPARE(installTranslations(app, "de_AT"), QString("de"));
        QCOMPARE(ourTranslators(), german);
        QCOMPARE(installTranslations(app, "zh_CN"), QString("zh_CN"));
        QCOMPARE(installTranslations(app, "en"), QString("en"));
        QCOMPARE(ourTranslators(), english);
        QCOMPARE(segments(3), QString("3 segments"));
    }

    // Issue 10 §6: numbers are written as the language shown writes them.
    void numbersFollowTheLanguageShown() {
        auto &app = *QCoreApplication::instance();
        installTranslations(app, "de");
        QCOMPARE(QLocale().toString(56053), QString("56.053"));
        QCOMPARE(QLocale().toString(29.9, 'f', 1), QString("29,9"));
        installTranslations(app, "en");
        QCOMPARE(QLocale().toString(56053), QString("56,053"));
    }

    // Issue 10 §6: the settings dialog opens large enough for its Shortcuts table.
    void settingsDialogOpensLargeEnoughForTheShortcuts() {
        Actions actions;
        SettingsDialog dialog(AppSettings{}, actions.list(), actions.defaults);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *table = dialog.findChild<QTableView *>();
        QVERIFY(table);
        int columns = 0;
        for (int column = 0; column < table->model()->columnCount(); ++column)
            columns += table->horizontalHeader()->sectionSizeHint(column);
        QVERIFY2(dialog.width() >= columns, qPrintable(QString("%1 < %2").arg(dialog.width()).arg(columns)));
        QVERIFY(dialog.height() >= 500);
    }
};

QTEST_MAIN(TestGuiSettings)
#include "test_gui_settings.moc"
