#include "panels/granularity_panel.h"

#include "segmentation/granularity.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

namespace diffcut::ui {

namespace {

// The τ slider moves in steps of 0.005 over core's whole range.
constexpr double kTauStep = 0.005;
constexpr int kTauSliderSteps = int((kMaxTau - kMinTau) / kTauStep + 0.5);
constexpr int kTypingPauseMs = 700; // typed values apply after this pause, or when editing finishes
constexpr int kMaxSegmentCount = 100000;

int tauToSlider(double tau) { return qRound((tau - kMinTau) / kTauStep); }
double sliderToTau(int position) { return kMinTau + position * kTauStep; }

// Shows `value` unless the user is typing in the box (focus and a pending, different text).
void showValue(QDoubleSpinBox *box, double value) {
    if (box->hasFocus() && box->value() == value)
        return;
    box->setValue(value);
}

} // namespace

GranularityPanel::GranularityPanel(QWidget *parent)
    : QWidget(parent), tauSlider_(new QSlider(Qt::Horizontal, this)), tauSpinBox_(new QDoubleSpinBox(this)),
      alphaSlider_(new QSlider(Qt::Horizontal, this)), alphaSpinBox_(new QDoubleSpinBox(this)),
      countSpinBox_(new QSpinBox(this)), countButton_(new QPushButton(tr("Apply"), this)),
      refineCheckBox_(new QCheckBox(tr("Refine boundaries (PAMR)"), this)), summaryLabel_(new QLabel(this)) {
    tauSlider_->setObjectName("tauSlider");
    tauSlider_->setRange(0, kTauSliderSteps);
    tauSlider_->setPageStep(10);
    tauSpinBox_->setObjectName("tauSpinBox");
    tauSpinBox_->setRange(kMinTau, kMaxTau);
    tauSpinBox_->setDecimals(3);
    tauSpinBox_->setSingleStep(0.01);
    tauSpinBox_->setKeyboardTracking(false);
    const QString tauHelp = tr("Threshold τ: a region is split in two while the Normalized Cut of its best split is "
                               "below τ. A higher τ gives more, smaller segments.");
    tauSlider_->setToolTip(tauHelp);
    tauSpinBox_->setToolTip(tauHelp);

    alphaSlider_->setObjectName("alphaSlider");
    alphaSlider_->setRange(int(kMinAlpha), int(kMaxAlpha));
    alphaSlider_->setPageStep(5);
    // Every α builds a new hierarchy: report it once the slider is released, not at every step.
    alphaSlider_->setTracking(false);
    alphaSpinBox_->setObjectName("alphaSpinBox");
    alphaSpinBox_->setRange(kMinAlpha, kMaxAlpha);
    alphaSpinBox_->setDecimals(1);
    alphaSpinBox_->setSingleStep(0.5);
    alphaSpinBox_->setKeyboardTracking(false);
    const QString alphaHelp = tr("Sharpness α: pixel similarities are raised to the power α, so a higher α "
                                 "separates regions more readily. Each α computes its own hierarchy.");
    alphaSlider_->setToolTip(alphaHelp);
    alphaSpinBox_->setToolTip(alphaHelp);

    countSpinBox_->setObjectName("segmentCountSpinBox");
    countSpinBox_->setRange(1, kMaxSegmentCount);
    countSpinBox_->setValue(10);
    countSpinBox_->setKeyboardTracking(false);
    countButton_->setObjectName("segmentCountButton");
    const QString countHelp = tr("Choose the τ whose cut of the current hierarchy gives the number of segments "
                                 "nearest to this one.");
    countSpinBox_->setToolTip(countHelp);
    countButton_->setToolTip(countHelp);

    refineCheckBox_->setObjectName("refineCheckBox");
    refineCheckBox_->setToolTip(tr("Align segment boundaries with the image's edges (PAMR); slower."));
    summaryLabel_->setObjectName("summaryLabel");
    summaryLabel_->setWordWrap(true);

    auto *layout = new QGridLayout(this);
    layout->addWidget(new QLabel(tr("τ"), this), 0, 0);
    layout->addWidget(tauSlider_, 0, 1);
    layout->addWidget(tauSpinBox_, 0, 2);
    layout->addWidget(new QLabel(tr("α"), this), 1, 0);
    layout->addWidget(alphaSlider_, 1, 1);
    layout->addWidget(alphaSpinBox_, 1, 2);
    layout->addWidget(new QLabel(tr("About"), this), 2, 0);
    auto *countRow = new QHBoxLayout;
    countRow->addWidget(countSpinBox_);
    countRow->addWidget(new QLabel(tr("segments"), this));
    countRow->addStretch(1);
    layout->addLayout(countRow, 2, 1);
    layout->addWidget(countButton_, 2, 2);
    layout->addWidget(refineCheckBox_, 3, 0, 1, 3);
    layout->addWidget(summaryLabel_, 4, 0, 1, 3);
    layout->setRowStretch(5, 1);

    for (QTimer *timer : {&tauTyping_, &alphaTyping_}) {
        timer->setSingleShot(true);
        timer->setInterval(kTypingPauseMs);
    }
    connect(&tauTyping_, &QTimer::timeout, this, &GranularityPanel::applyTypedTau);
    connect(&alphaTyping_, &QTimer::timeout, this, &GranularityPanel::applyTypedAlpha);
    connect(tauSpinBox_->findChild<QLineEdit *>(), &QLineEdit::textEdited, &tauTyping_, qOverload<>(&QTimer::start));
    connect(alphaSpinBox_->findChild<QLineEdit *>(), &QLineEdit::textEdited, &alphaTyping_, qOverload<>(&QTimer::start));

    connect(tauSlider_, &QSlider::valueChanged, this, [this](int position) {
        const double tau = sliderToTau(position);
        const QSignalBlocker blocker(tauSpinBox_);
        tauSpinBox_->setValue(tau);
        emit tauChanged(tau);
    });
    connect(tauSpinBox_, &QDoubleSpinBox::valueChanged, this, [this](double tau) {
        tauTyping_.stop();
        const QSignalBlocker blocker(tauSlider_);
        tauSlider_->setValue(tauToSlider(tau));
        emit tauChanged(tau);
    });
    // While dragging, the spin box follows the slider without reporting anything yet.
    connect(alphaSlider_, &QSlider::sliderMoved, this, [this](int position) {
        const QSignalBlocker blocker(alphaSpinBox_);
        alphaSpinBox_->setValue(position);
    });
    connect(alphaSlider_, &QSlider::valueChanged, this, [this](int position) {
        const QSignalBlocker blocker(alphaSpinBox_);
        alphaSpinBox_->setValue(position);
        emit alphaChanged(position);
    });
    connect(alphaSpinBox_, &QDoubleSpinBox::valueChanged, this, [this](double alpha) {
        alphaTyping_.stop();
        const QSignalBlocker blocker(alphaSlider_);
        alphaSlider_->setValue(qRound(alpha));
        emit alphaChanged(alpha);
    });
    const auto requestCount = [this] {
        countSpinBox_->interpretText();
        emit segmentCountRequested(countSpinBox_->value());
    };
    connect(countButton_, &QPushButton::clicked, this, requestCount);
    connect(countSpinBox_->findChild<QLineEdit *>(), &QLineEdit::returnPressed, this, requestCount);
    connect(refineCheckBox_, &QCheckBox::toggled, this, &GranularityPanel::refineChanged);

    setValues(kDefaultTau, kDefaultAlpha, false);
    updateSummary();
}

void GranularityPanel::applyTypedTau() { tauSpinBox_->interpretText(); }
void GranularityPanel::applyTypedAlpha() { alphaSpinBox_->interpretText(); }

void GranularityPanel::setValues(double tau, double alpha, bool refine) {
    const QSignalBlocker tauSliderBlocker(tauSlider_), tauSpinBlocker(tauSpinBox_);
    const QSignalBlocker alphaSliderBlocker(alphaSlider_), alphaSpinBlocker(alphaSpinBox_);
    const QSignalBlocker refineBlocker(refineCheckBox_);
    showValue(tauSpinBox_, tau);
    tauSlider_->setValue(tauToSlider(tau));
    showValue(alphaSpinBox_, alpha);
    alphaSlider_->setValue(qRound(alpha));
    refineCheckBox_->setChecked(refine);
}

void GranularityPanel::setSegmentCount(int count) {
    segmentCount_ = count;
    updateSummary();
}

void GranularityPanel::setStatus(const QString &text) {
    status_ = text;
    updateSummary();
}

double GranularityPanel::tau() const { return tauSpinBox_->value(); }
double GranularityPanel::alpha() const { return alphaSpinBox_->value(); }
bool GranularityPanel::refine() const { return refineCheckBox_->isChecked(); }

void GranularityPanel::updateSummary() {
    QStringList parts;
    if (segmentCount_ >= 0)
        parts << tr("%n segment(s)", "", segmentCount_);
    if (!status_.isEmpty())
        parts << status_;
    summaryLabel_->setText(parts.join(QStringLiteral(" — ")));
}

} // namespace diffcut::ui
