#include "dialogs/export_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fs = std::filesystem;

namespace diffcut::ui {

namespace {

struct FormatText {
    ExportFormat format;
    const char *title;
    const char *description;
};

// Marked for lupdate here, translated where shown.
const FormatText kFormats[] = {
    {ExportFormat::Labelme, QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "labelme JSON"),
     QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "A polygon per segment, to open and edit in labelme.")},
    {ExportFormat::Coco, QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "COCO"),
     QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "One annotations file for all exported images.")},
    {ExportFormat::Voc, QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "PASCAL VOC PNGs"),
     QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "Class and object label images with the VOC colour map.")},
    {ExportFormat::Masks, QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "Per-segment masks"),
     QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "A black-and-white PNG per segment, in a folder per image.")},
    {ExportFormat::Yolo, QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "YOLO segmentation"),
     QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "Normalised polygons per image, with data.yaml.")},
    {ExportFormat::Overlay, QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "Overlay image"),
     QT_TRANSLATE_NOOP("diffcut::ui::ExportDialog", "The image with the segments painted over it.")},
};

// Stands for each image's name in the layout the dialog shows (the layout's own notation).
const std::string kNamePlaceholder = "NAME";

// The files of `format` relative to the output folder, as the exporters name them.
QStringList layoutOf(ExportFormat format) {
    const fs::path root = "/";
    std::vector<fs::path> files = imageOutputPaths(root, kNamePlaceholder, {format}, kNamePlaceholder + ".ext");
    if (format == ExportFormat::Coco)
        files.push_back(cocoAnnotationsPath(root));
    QStringList relative;
    for (const fs::path &file : files)
        relative.append(QString::fromStdString(file.lexically_relative(root).generic_string()));
    return relative;
}

} // namespace

ExportDialog::ExportDialog(const ExportRequest &initial, int folderImageCount, QWidget *parent) : QDialog(parent) {
    setWindowTitle(tr("Export"));

    auto *formatsBox = new QGroupBox(tr("Formats"), this);
    auto *formatsLayout = new QFormLayout(formatsBox);
    for (const FormatText &text : kFormats) {
        auto *check = new QCheckBox(tr(text.title), formatsBox);
        check->setObjectName("format_" + QString::fromUtf8(exportFormatName(text.format)));
        check->setChecked(initial.formats.contains(text.format));
        connect(check, &QCheckBox::toggled, this, &ExportDialog::updateState);
        auto *description = new QLabel(tr(text.description), formatsBox);
        description->setWordWrap(true);
        description->setMinimumWidth(320); // room for every language's sentence, never clipped
        formatsLayout->addRow(check, description);
        formatChecks_[text.format] = check;
    }

    embedImageData_ = new QCheckBox(tr("Embed the image in the labelme files (larger, but they open on their own)"),
                                    this);
    embedImageData_->setObjectName("embedImageDataCheck");
    embedImageData_->setChecked(initial.embedImageData);
    overlayOpacity_ = new QSpinBox(this);
    overlayOpacity_->setObjectName("overlayOpacitySpin");
    overlayOpacity_->setRange(0, 100);
    overlayOpacity_->setSuffix(tr(" %"));
    overlayOpacity_->setValue(qRound(initial.overlayOpacity * 100));
    vocUnlabelled_ = new QComboBox(this);
    vocUnlabelled_->setObjectName("vocUnlabelledCombo");
    vocUnlabelled_->addItem(tr("background (0)"), int(UnlabelledPixels::Background));
    vocUnlabelled_->addItem(tr("void (255, ignored by evaluation)"), int(UnlabelledPixels::Void));
    vocUnlabelled_->addItem(tr("a class named “segment”"), int(UnlabelledPixels::Segment));
    vocUnlabelled_->setCurrentIndex(vocUnlabelled_->findData(int(initial.vocUnlabelled)));
    auto *options = new QFormLayout;
    options->addRow(embedImageData_);
    options->addRow(tr("Overlay opacity:"), overlayOpacity_);
    options->addRow(tr("Unlabelled segments in VOC PNGs:"), vocUnlabelled_);

    outputFolder_ = new QLineEdit(initial.outputFolder, this);
    outputFolder_->setObjectName("outputFolderEdit");
    outputFolder_->setPlaceholderText(tr("Folder the exported files go to"));
    connect(outputFolder_, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName("browseOutputButton");
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Folder"), outputFolder_->text());
        if (!folder.isEmpty())
            outputFolder_->setText(folder);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(outputFolder_, 1);
    folderRow->addWidget(browse);

    currentImage_ = new QRadioButton(tr("The current image"), this);
    currentImage_->setObjectName("currentImageRadio");
    wholeFolder_ = new QRadioButton(tr("Every image of the folder (%n in all)", nullptr, folderImageCount), this);
    wholeFolder_->setObjectName("wholeFolderRadio");
    wholeFolder_->setEnabled(folderImageCount > 0);
    if (folderImageCount <= 0)
        wholeFolder_->setToolTip(tr("Open a folder to export all of its images."));
    auto *scope = new QButtonGroup(this);
    scope->addButton(currentImage_);
    scope->addButton(wholeFolder_);
    (initial.wholeFolder && folderImageCount > 0 ? wholeFolder_ : currentImage_)->setChecked(true);
    auto *scopeLayout = new QVBoxLayout;
    scopeLayout->addWidget(currentImage_);
    scopeLayout->addWidget(wholeFolder_);

    destination_ = new QLabel(this);
    destination_->setObjectName("destinationLabel");
    destination_->setWordWrap(true);
    destination_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    export_ = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    export_->setObjectName("exportButton");
    export_->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Output folder:"), folderRow);
    form->addRow(tr("Export:"), scopeLayout);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(formatsBox);
    layout->addLayout(options);
    layout->addLayout(form);
    layout->addWidget(destination_);
    layout->addWidget(buttons);
    updateState();
}

ExportRequest ExportDialog::request() const {
    ExportRequest request;
    request.outputFolder = outputFolder();
    for (const auto &[format, check] : formatChecks_)
        if (check->isChecked())
            request.formats.insert(format);
    request.wholeFolder = wholeFolder_->isChecked();
    request.overlayOpacity = overlayOpacity_->value() / 100.0;
    request.embedImageData = embedImageData_->isChecked();
    request.vocUnlabelled = UnlabelledPixels(vocUnlabelled_->currentData().toInt());
    return request;
}

QString ExportDialog::outputFolder() const {
    const QString typed = outputFolder_->text().trimmed();
    return typed.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(typed).absoluteFilePath());
}

void ExportDialog::updateState() {
    const ExportFormats formats = request().formats;
    embedImageData_->setEnabled(formats.contains(ExportFormat::Labelme));
    overlayOpacity_->setEnabled(formats.contains(ExportFormat::Overlay));
    vocUnlabelled_->setEnabled(formats.contains(ExportFormat::Voc));

    const QString folder = outputFolder();
    const QFileInfo folderInfo(folder);
    QString problem;
    if (folder.isEmpty())
        problem = tr("Choose an output folder.");
    else if (folderInfo.exists() && !folderInfo.isDir())
        problem = tr("%1 is a file, not a folder.").arg(folder);
    else if (formats.empty())
        problem = tr("Choose at least one format.");
    export_->setEnabled(problem.isEmpty());
    if (!problem.isEmpty()) {
        destination_->setText(problem);
        return;
    }

    QStringList lines{folderInfo.exists() ? tr("The files go to %1:").arg(folder)
                                          : tr("The files go to %1 (created on export):").arg(folder)};
    for (const FormatText &text : kFormats)
        if (formats.contains(text.format))
            lines.append(tr("%1: %2").arg(tr(text.title), layoutOf(text.format).join(QStringLiteral(", "))));
    lines.append(tr("NAME stands for the image's path in the folder without its extension (with it when two images "
                    "differ only in extension); ext is the image's own. Existing files are replaced."));
    destination_->setText(lines.join('\n'));
}

} // namespace diffcut::ui
