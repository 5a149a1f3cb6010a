#pragma once
// What to export and where: formats, output folder, the current image or the whole folder. The
// dialog shows where each format's files go (the layout of core/export/export_layout.h).
#include "export/export_layout.h"

#include <QDialog>
#include <QString>

#include <map>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace diffcut::ui {

struct ExportRequest {
    QString outputFolder;
    diffcut::ExportFormats formats;
    bool wholeFolder = false;     // every image of the opened folder, else the current image
    double overlayOpacity = 0.5;
    bool embedImageData = false;  // labelme imageData (LabelmeOptions::embedImage)
    diffcut::UnlabelledPixels vocUnlabelled = diffcut::UnlabelledPixels::Background;
};

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // `folderImageCount`: images in the opened folder; 0 when no folder is open (then only the
    // current image can be exported).
    ExportDialog(const ExportRequest &initial, int folderImageCount, QWidget *parent = nullptr);

    // The output folder comes back absolute and clean, as the dialog showed it.
    ExportRequest request() const;

private:
    QString outputFolder() const;
    void updateState();

    std::map<ExportFormat, QCheckBox *> formatChecks_;
    QLineEdit *outputFolder_ = nullptr;
    QRadioButton *currentImage_ = nullptr;
    QRadioButton *wholeFolder_ = nullptr;
    QSpinBox *overlayOpacity_ = nullptr;
    QCheckBox *embedImageData_ = nullptr;
    QComboBox *vocUnlabelled_ = nullptr;
    QLabel *destination_ = nullptr;
    QPushButton *export_ = nullptr;
};

} // namespace diffcut::ui
