#pragma once
// The settings dialog: pages Model, Segmentation, Cache, Interface and Shortcuts editing a copy of
// AppSettings. Slow work (finding the installed models, measuring the cache) runs off the UI thread.
#include "settings/app_settings.h"

#include <QAction>
#include <QDialog>
#include <QKeySequence>
#include <QList>
#include <QMap>

#include <filesystem>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace diffcut::ui {

class ShortcutEditor;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const AppSettings &settings, const QList<QAction *> &actions,
                   const QMap<QString, QList<QKeySequence>> &defaultShortcuts, QWidget *parent = nullptr);

    // The edited copy (fields the dialog does not show are those it was given).
    AppSettings settings() const;

    // Refused while two actions share a shortcut: shows the Shortcuts page instead.
    void accept() override;

private:
    QWidget *createModelPage();
    QWidget *createSegmentationPage();
    QWidget *createCachePage();
    QWidget *createInterfacePage();

    void discoverModelsInBackground();
    void updateModelNote();
    std::filesystem::path editedCacheRoot() const;
    // Measures the feature cache off the UI thread, first clearing it when `clear` is set.
    void scanCacheInBackground(bool clear);

    AppSettings initial_;

    QTabWidget *pages_ = nullptr;
    QLineEdit *model_ = nullptr;
    QComboBox *discoveredModels_ = nullptr;
    QLabel *modelNote_ = nullptr;
    QComboBox *device_ = nullptr;
    QSpinBox *timestep_ = nullptr;
    QLineEdit *clipModel_ = nullptr;
    QSpinBox *clipSize_ = nullptr;

    QDoubleSpinBox *tau_ = nullptr;
    QDoubleSpinBox *alpha_ = nullptr;
    QCheckBox *refine_ = nullptr;
    QComboBox *builtinGrid_ = nullptr;

    QLineEdit *cacheFolder_ = nullptr;
    QCheckBox *useCache_ = nullptr;
    QSpinBox *cacheLimit_ = nullptr;
    QSpinBox *prefetchImages_ = nullptr;
    QSpinBox *prefetchMb_ = nullptr;
    QLabel *cacheSize_ = nullptr;
    QPushButton *clearCache_ = nullptr;

    QComboBox *language_ = nullptr;
    QSpinBox *overlayOpacity_ = nullptr;
    QCheckBox *showOutlines_ = nullptr;

    ShortcutEditor *shortcuts_ = nullptr;
    QDialogButtonBox *buttons_ = nullptr;
};

} // namespace diffcut::ui
