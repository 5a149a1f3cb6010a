#include "settings/settings_dialog.h"

#include "settings/shortcut_editor.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "diffusion/model_folder.h"
#include "segmentation/affinity.h"
#include "segmentation/partition_tree.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace fs = std::filesystem;

namespace diffcut::ui {

namespace {

struct DiscoveredModel {
    QString label;
    QString model; // what the model field gets: the repo id for a Hugging Face cache snapshot, else the folder
};

struct Discovery {
    QList<DiscoveredModel> models;
    QString error;
};

struct CacheScan {
    fs::path root;
    CacheUsage features;
    CacheUsage kept; // annotations and class lists of read-only folders: the user's work
    QString error;
};

// Each language named in itself, so that a user who cannot read the current one finds theirs.
const QList<QPair<QString, QString>> kLanguages{
    {"en", "English"}, {"de", "Deutsch"}, {"es", "Español"},
    {"fr", "Français"}, {"ja", "日本語"}, {"zh_CN", "简体中文"},
};

QString familyName(ModelFamily family) {
    switch (family) {
    case ModelFamily::StableDiffusionXL:
        return "SDXL";
    case ModelFamily::StableDiffusion1:
        return "SD 1.x";
    }
    return {};
}

Discovery discover() {
    Discovery discovery;
    try {
        for (const ModelInfo &info : discoverModels()) {
            const QString id = QString::fromStdString(info.id);
            // A cache snapshot's id is "ORG/NAME"; a folder's id is its name, which cannot hold a '/'.
            const QString model = id.contains('/') ? id : QString::fromStdString(info.folder.string());
            QString label = SettingsDialog::tr("%1 — %2, %3 px, %4")
                                .arg(id, familyName(info.family))
                                .arg(info.resolution)
                                .arg(QLocale().formattedDataSize(qint64(info.bytes())));
            if (!info.complete())
                label = SettingsDialog::tr("%1 (incomplete)").arg(label);
            discovery.models.append({label, model});
        }
    } catch (const std::exception &error) {
        discovery.error = QString::fromUtf8(error.what());
    }
    return discovery;
}

// Measures the cache (first clearing what can be recomputed, when `clear` is set).
CacheScan scanCache(const fs::path &root, bool clear) {
    const CacheLayout layout(root);
    CacheScan scan;
    scan.root = root;
    for (const CacheArea area : CacheLayout::areas()) {
        const CacheUsage usage = clear ? layout.clear(area) : layout.usage(area);
        if (area == CacheArea::Features || area == CacheArea::ClipFeatures) { // diffusion and CLIP features
            scan.features.bytes += usage.bytes;
            scan.features.entries += usage.entries;
        } else if (!CacheLayout::recomputable(area)) {
            scan.kept.bytes += usage.bytes;
            scan.kept.entries += usage.entries;
        }
        if (scan.error.isEmpty())
            scan.error = QString::fromStdString(usage.error);
    }
    return scan;
}

template <typename Result, typename Receiver, typename Work, typename Done>
void runInBackground(Receiver *receiver, Work work, Done done) {
    // Owned by the receiver: when the dialog closes first, the result is simply dropped.
    auto *watcher = new QFutureWatcher<Result>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver, [watcher, done] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

QPushButton *browseButton(QWidget *parent, const QString &objectName) {
    auto *button = new QPushButton(SettingsDialog::tr("Browse…"), parent);
    button->setObjectName(objectName);
    return button;
}

QWidget *fieldWithButton(QWidget *parent, QWidget *field, QWidget *button) {
    auto *container = new QWidget(parent);
    auto *layout = new QHBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    layout->addWidget(button);
    return container;
}

// A model's field: a folder or a Hugging Face repo id, typed or chosen with Browse….
QLineEdit *modelEdit(QWidget *page, const QString &text, const QString &objectName, const QString &placeholder) {
    auto *edit = new QLineEdit(text, page);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

QWidget *modelField(QWidget *dialog, QWidget *page, QLineEdit *edit, const QString &buttonName, const QString &title) {
    QPushButton *browse = browseButton(page, buttonName);
    QObject::connect(browse, &QPushButton::clicked, dialog, [dialog, edit, title] {
        const QString folder = QFileDialog::getExistingDirectory(dialog, title, edit->text());
        if (!folder.isEmpty())
            edit->setText(folder);
    });
    return fieldWithButton(page, edit, browse);
}

QLabel *note(QWidget *parent, const QString &text = {}) {
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings &settings, const QList<QAction *> &actions,
                               const QMap<QString, QList<QKeySequence>> &defaultShortcuts, QWidget *parent)
    : QDialog(parent), initial_(settings) {
    setWindowTitle(tr("Settings"));

    pages_ = new QTabWidget(this);
    pages_->setObjectName("pages");
    pages_->addTab(createModelPage(), tr("Model"));
    pages_->addTab(createSegmentationPage(), tr("Segmentation"));
    pages_->addTab(createCachePage(), tr("Cache"));
    pages_->addTab(createInterfacePage(), tr("Interface"));
    shortcuts_ = new ShortcutEditor(actions, defaultShortcuts, this);
    shortcuts_->setObjectName("shortcutEditor");
    shortcuts_->setOverrides(settings.shortcuts);
    pages_->addTab(shortcuts_, tr("Shortcuts"));

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->setObjectName("buttons");
    connect(buttons_, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    const auto enableOk = [this](bool conflicts) {
        QPushButton *ok = buttons_->button(QDialogButtonBox::Ok);
        ok->setEnabled(!conflicts);
        ok->setToolTip(conflicts ? tr("Two actions share a shortcut; see the Shortcuts page.") : QString());
    };
    connect(shortcuts_, &ShortcutEditor::conflictsChanged, this, enableOk);
    enableOk(shortcuts_->hasConflicts());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pages_);
    layout->addWidget(buttons_);
    // Wide enough for a model's description and a cache path.
    // Room for the Shortcuts table's two columns and a dozen rows without scrolling sideways.
    resize(sizeHint().expandedTo(QSize(760, 560)));

    discoverModelsInBackground();
    scanCacheInBackground(false);
}

QWidget *SettingsDialog::createModelPage() {
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);

    model_ = modelEdit(page, initial_.model, "modelEdit", tr("Model folder or Hugging Face repo id, e.g. segmind/SSD-1B"));
    form->addRow(tr("Model:"), modelField(this, page, model_, "browseModelButton", tr("Diffusion Model Folder")));

    discoveredModels_ = new QComboBox(page);
    discoveredModels_->setObjectName("discoveredModelsCombo");
    connect(discoveredModels_, &QComboBox::activated, this, [this](int index) {
        const QString model = discoveredModels_->itemData(index).toString();
        if (!model.isEmpty())
            model_->setText(model);
    });
    form->addRow(tr("Installed models:"), discoveredModels_);

    modelNote_ = note(page);
    modelNote_->setObjectName("modelNote");
    form->addRow(modelNote_);
    connect(model_, &QLineEdit::textChanged, this, &SettingsDialog::updateModelNote);
    updateModelNote();

    device_ = new QComboBox(page);
    device_->setObjectName("deviceCombo");
    device_->addItem(tr("Automatic (CUDA when available)"), "auto");
    device_->addItem(tr("CPU"), "cpu");
    device_->addItem(tr("CUDA (NVIDIA GPU)"), "cuda");
    device_->setCurrentIndex(std::max(0, device_->findData(initial_.device)));
    form->addRow(tr("Device:"), device_);

    timestep_ = new QSpinBox(page);
    timestep_->setObjectName("timestepSpin");
    timestep_->setRange(0, AppSettings::kMaxTimestep);
    timestep_->setValue(initial_.timestep);
    timestep_->setToolTip(tr("Noise level at which the diffusion model is asked for features (the paper uses 50)."));
    form->addRow(tr("Timestep:"), timestep_);

    clipModel_ = modelEdit(page, initial_.clipModel, "clipModelEdit",
                           tr("OpenCLIP folder or repo id, e.g. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup"));
    form->addRow(tr("CLIP model:"), modelField(this, page, clipModel_, "browseClipModelButton", tr("CLIP Model Folder")));
    clipSize_ = new QSpinBox(page);
    clipSize_->setObjectName("clipSizeSpin");
    clipSize_->setRange(32, AppSettings::kMaxClipSize);
    clipSize_->setSingleStep(32);
    clipSize_->setValue(initial_.clipSize);
    clipSize_->setToolTip(tr("The square size the CLIP image tower sees (a multiple of 32; the paper uses 1024)."));
    form->addRow(tr("CLIP size:"), clipSize_);
    form->addRow(note(page, tr("With a CLIP model, the Classes panel can suggest a class for every unlabelled segment.")));
    return page;
}

QWidget *SettingsDialog::createSegmentationPage() {
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->addRow(note(page, tr("Used for images that have no saved annotation yet.")));

    tau_ = new QDoubleSpinBox(page);
    tau_->setObjectName("tauSpin");
    tau_->setRange(kMinTau, kMaxTau);
    tau_->setDecimals(2);
    tau_->setSingleStep(0.05);
    tau_->setValue(initial_.tau);
    tau_->setToolTip(tr("A region is split while the Normalized Cut of its best split is below τ; "
                        "a higher τ gives more, smaller segments."));
    form->addRow(tr("Threshold τ:"), tau_);

    alpha_ = new QDoubleSpinBox(page);
    alpha_->setObjectName("alphaSpin");
    alpha_->setRange(kMinAlpha, kMaxAlpha);
    alpha_->setDecimals(1);
    alpha_->setSingleStep(1.0);
    alpha_->setValue(initial_.alpha);
    alpha_->setToolTip(tr("Similarities are raised to the power α; a higher α separates regions more readily."));
    form->addRow(tr("Sharpness α:"), alpha_);

    refine_ = new QCheckBox(tr("Refine boundaries along the image's edges (PAMR; slower)"), page);
    refine_->setObjectName("refineCheck");
    refine_->setChecked(initial_.refine);
    form->addRow(refine_);

    builtinGrid_ = new QComboBox(page);
    builtinGrid_->setObjectName("builtinGridCombo");
    builtinGrid_->addItem(tr("32 × 32 (faster)"), 32);
    builtinGrid_->addItem(tr("64 × 64 (finer boundaries)"), 64);
    builtinGrid_->setCurrentIndex(std::max(0, builtinGrid_->findData(initial_.builtinGrid)));
    form->addRow(tr("Built-in encoder resolution:"), builtinGrid_);
    form->addRow(note(page, tr("The built-in encoder is used when no diffusion model is set.")));
    return page;
}

QWidget *SettingsDialog::createCachePage() {
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);

    cacheFolder_ = new QLineEdit(initial_.cacheFolder, page);
    cacheFolder_->setObjectName("cacheFolderEdit");
    cacheFolder_->setPlaceholderText(QString::fromStdString(AppSettings().cacheRoot().string()));
    cacheFolder_->setClearButtonEnabled(true);
    QPushButton *browse = browseButton(page, "browseCacheButton");
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Cache Folder"), QString::fromStdString(editedCacheRoot().string()));
        if (!folder.isEmpty()) {
            cacheFolder_->setText(folder);
            scanCacheInBackground(false);
        }
    });
    connect(cacheFolder_, &QLineEdit::editingFinished, this, [this] { scanCacheInBackground(false); });
    form->addRow(tr("Cache folder:"), fieldWithButton(page, cacheFolder_, browse));

    useCache_ = new QCheckBox(tr("Keep computed features on disk, so that reopening an image is instant"), page);
    useCache_->setObjectName("useCacheCheck");
    useCache_->setChecked(initial_.useCache);
    form->addRow(useCache_);

    cacheLimit_ = new QSpinBox(page);
    cacheLimit_->setObjectName("cacheLimitSpin");
    cacheLimit_->setRange(1, AppSettings::kMaxCacheLimitGb);
    cacheLimit_->setSuffix(tr(" GB"));
    cacheLimit_->setValue(initial_.cacheLimitGb);
    cacheLimit_->setToolTip(tr("Beyond this size the least recently used features are removed; those of the "
                               "folder you work in go last."));
    form->addRow(tr("Feature cache limit:"), cacheLimit_);

    prefetchImages_ = new QSpinBox(page);
    prefetchImages_->setObjectName("prefetchImagesSpin");
    prefetchImages_->setRange(0, AppSettings::kMaxPrefetchImages);
    prefetchImages_->setSpecialValueText(tr("Off"));
    prefetchImages_->setValue(initial_.prefetchImages);
    prefetchImages_->setToolTip(tr("While you work on an image, the next ones in the direction you move (D or A) are "
                                   "encoded in the background, so that they open at once."));
    form->addRow(tr("Prepare images ahead:"), prefetchImages_);

    prefetchMb_ = new QSpinBox(page);
    prefetchMb_->setObjectName("prefetchMbSpin");
    prefetchMb_->setRange(1, AppSettings::kMaxPrefetchMb);
    prefetchMb_->setSuffix(tr(" MB"));
    prefetchMb_->setValue(initial_.prefetchMb);
    form->addRow(tr("Their features take at most:"), prefetchMb_);

    cacheSize_ = note(page);
    cacheSize_->setObjectName("cacheSizeLabel");
    clearCache_ = new QPushButton(tr("Clear Feature Cache"), page);
    clearCache_->setObjectName("clearCacheButton");
    connect(clearCache_, &QPushButton::clicked, this, [this] { scanCacheInBackground(true); });
    form->addRow(fieldWithButton(page, cacheSize_, clearCache_));
    return page;
}

QWidget *SettingsDialog::createInterfacePage() {
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);

    language_ = new QComboBox(page);
    language_->setObjectName("languageCombo");
    language_->addItem(tr("System default"), QString());
    for (const auto &[code, name] : kLanguages)
        language_->addItem(name, code);
    // A language the combo does not know (a settings file from a newer version) stays selectable.
    if (language_->findData(initial_.language) < 0)
        language_->addItem(initial_.language, initial_.language);
    language_->setCurrentIndex(language_->findData(initial_.language));
    form->addRow(tr("Language:"), language_);
    form->addRow(note(page, tr("A new language applies when DiffCut Studio is restarted.")));

    overlayOpacity_ = new QSpinBox(page);
    overlayOpacity_->setObjectName("overlayOpacitySpin");
    overlayOpacity_->setRange(0, 100);
    overlayOpacity_->setSuffix(tr(" %"));
    overlayOpacity_->setValue(qRound(initial_.overlayOpacity * 100));
    form->addRow(tr("Segment overlay opacity:"), overlayOpacity_);

    showOutlines_ = new QCheckBox(tr("Outline the segments"), page);
    showOutlines_->setObjectName("showOutlinesCheck");
    showOutlines_->setChecked(initial_.showOutlines);
    form->addRow(showOutlines_);
    return page;
}

AppSettings SettingsDialog::settings() const {
    AppSettings edited = initial_;
    edited.model = model_->text().trimmed();
    edited.device = device_->currentData().toString();
    edited.timestep = timestep_->value();
    edited.clipModel = clipModel_->text().trimmed();
    edited.clipSize = clipSize_->value() / 32 * 32;
    edited.tau = tau_->value();
    edited.alpha = alpha_->value();
    edited.refine = refine_->isChecked();
    edited.builtinGrid = builtinGrid_->currentData().toInt();
    edited.cacheFolder = cacheFolder_->text().trimmed();
    edited.useCache = useCache_->isChecked();
    edited.cacheLimitGb = cacheLimit_->value();
    edited.prefetchImages = prefetchImages_->value();
    edited.prefetchMb = prefetchMb_->value();
    edited.language = language_->currentData().toString();
    edited.overlayOpacity = overlayOpacity_->value() / 100.0;
    edited.showOutlines = showOutlines_->isChecked();
    edited.shortcuts = shortcuts_->overrides();
    return edited;
}

void SettingsDialog::accept() {
    if (shortcuts_->hasConflicts()) {
        pages_->setCurrentWidget(shortcuts_);
        return;
    }
    QDialog::accept();
}

void SettingsDialog::discoverModelsInBackground() {
    discoveredModels_->addItem(tr("Searching for models…"));
    discoveredModels_->setEnabled(false);
    runInBackground<Discovery>(this, discover, [this](const Discovery &discovery) {
        discoveredModels_->clear();
        if (!discovery.error.isEmpty())
            discoveredModels_->addItem(tr("The search for models failed: %1").arg(discovery.error));
        else if (discovery.models.isEmpty())
            discoveredModels_->addItem(tr("None in the Hugging Face cache (%1)")
                                           .arg(QString::fromStdString(huggingFaceHubCache().string())));
        else
            discoveredModels_->addItem(tr("Models found: %n. Choose one…", nullptr, int(discovery.models.size())));
        for (const DiscoveredModel &model : discovery.models)
            discoveredModels_->addItem(model.label, model.model);
        discoveredModels_->setEnabled(!discovery.models.isEmpty());
    });
}

void SettingsDialog::updateModelNote() {
    const QString model = model_->text().trimmed();
    if (model.isEmpty()) {
        modelNote_->setText(tr("No model is set, so the built-in encoder is used: it groups pixels by colour and "
                               "texture, not by meaning. Set a diffusion model for the segments of the paper."));
        return;
    }
    try {
        const fs::path folder = resolveModel(model.toStdString());
        modelNote_->setText(tr("Features come from the diffusion model in %1.")
                                .arg(QString::fromStdString(folder.string())));
    } catch (const Error &error) {
        modelNote_->setText(tr("This model cannot be used: %1").arg(QString::fromUtf8(error.what())));
    }
}

fs::path SettingsDialog::editedCacheRoot() const {
    AppSettings edited;
    edited.cacheFolder = cacheFolder_->text().trimmed();
    return edited.cacheRoot();
}

void SettingsDialog::scanCacheInBackground(bool clear) {
    const fs::path root = editedCacheRoot();
    cacheSize_->setText(clear ? tr("Clearing the feature cache…") : tr("Measuring the feature cache…"));
    clearCache_->setEnabled(false);
    const auto show = [this](const CacheScan &scan) {
        // A scan of a folder the user has since changed says nothing about the current one.
        if (scan.root != editedCacheRoot())
            return;
        const QString folder = QString::fromStdString(CacheLayout(scan.root).features().string());
        QString text = tr("The feature cache in %1 is empty.").arg(folder);
        if (scan.features.entries > 0)
            text = tr("The feature cache in %1 takes %2; cached images: %n.", nullptr, scan.features.entries)
                       .arg(folder, QLocale().formattedDataSize(qint64(scan.features.bytes)));
        if (scan.kept.entries > 0)
            text += ' ' + tr("Annotations and class lists of read-only folders kept there (%1) are never cleared.")
                              .arg(QLocale().formattedDataSize(qint64(scan.kept.bytes)));
        if (!scan.error.isEmpty())
            text += ' ' + tr("(Not every file could be read or removed: %1.)").arg(scan.error);
        cacheSize_->setText(text);
        clearCache_->setEnabled(scan.features.entries > 0);
    };
    runInBackground<CacheScan>(this, [root, clear] { return scanCache(root, clear); }, show);
}

} // namespace diffcut::ui
