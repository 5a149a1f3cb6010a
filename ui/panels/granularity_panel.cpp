#include "panels/granularity_panel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

namespace diffcut::ui {

namespace {

// The τ slider moves in steps of 0.005 over [0, 1].
constexpr int kTauSliderSteps = 200;
constexpr double kMaxPanelTau = 1.0;
constexpr int kMinPanelAlpha = 1;
constexpr int kMaxPanelAlpha = 20;

int tauToSlider(double tau) { return qRound(tau / kMaxPanelTau * kTauSliderSteps); }
double sliderToTau(int position) { return position * kMaxPanelTau / kTauSliderSteps; }

} // namespace

GranularityPanel::GranularityPanel(QWidget *parent)
    : QWidget(parent), tauSlider_(new QSlider(Qt::Horizontal, this)), tauSpinBox_(new QDoubleSpinBox(this)),
      alphaSlider_(new QSlider(Qt::Horizontal, this)), alphaSpinBox_(new QDoubleSpinBox(this)),
      refineCheckBox_(new QCheckBox(tr("Refine boundaries (PAMR)"), this)), summaryLabel_(new QLabel(this)) {
    tauSlider_->setObjectName("tauSlider");
    tauSlider_->setRange(0, kTauSliderSteps);
    tauSlider_->setPageStep(10);
    tauSpinBox_->setObjectName("tauSpinBox");
    tauSpinBox_->setRange(0.0, kMaxPanelTau);
    tauSpinBox_->setDecimals(3);
    tauSpinBox_->setSingleStep(0.01);
    const QString tauHelp = tr("Threshold τ: a region is split in two while the Normalized Cut of its best split is "
                               "below τ. A higher τ gives more, smaller segments.");
    tauSlider_->setToolTip(tauHelp);
    tauSpinBox_->setToolTip(tauHelp);

    alphaSlider_->setObjectName("alphaSlider");
    alphaSlider_->setRange(kMinPanelAlpha, kMaxPanelAlpha);
    alphaSlider_->setPageStep(5);
    // Every α builds a new hierarchy: report it once the slider is released, not at every step.
    alphaSlider_->setTracking(false);
    alphaSpinBox_->setObjectName("alphaSpinBox");
    alphaSpinBox_->setRange(kMinPanelAlpha, kMaxPanelAlpha);
    alphaSpinBox_->setDecimals(1);
    alphaSpinBox_->setSingleStep(0.5);
    alphaSpinBox_->setKeyboardTracking(false);
    const QString alphaHelp = tr("Sharpness α: pixel similarities are raised to the power α, so a higher α "
                                 "separates regions more readily. Each α computes its own hierarchy.");
    alphaSlider_->setToolTip(alphaHelp);
    alphaSpinBox_->setToolTip(alphaHelp);

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
    layout->addWidget(refineCheckBox_, 2, 0, 1, 3);
    layout->addWidget(summaryLabel_, 3, 0, 1, 3);
    layout->setRowStretch(4, 1);

    connect(tauSlider_, &QSlider::valueChanged, this, [this](int position) {
        const double tau = sliderToTau(position);
        const QSignalBlocker blocker(tauSpinBox_);
        tauSpinBox_->setValue(tau);
        emit tauChanged(tau);
    });
    connect(tauSpinBox_, &QDoubleSpinBox::valueChanged, this, [this](double tau) {
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
        const QSignalBlocker blocker(alphaSlider_);
        alphaSlider_->setValue(qRound(alpha));
        emit alphaChanged(alpha);
    });
    connect(refineCheckBox_, &QCheckBox::toggled, this, &GranularityPanel::refineChanged);

    setValues(0.5, 10.0, false);
    updateSummary();
}

void GranularityPanel::setValues(double tau, double alpha, bool refine) {
    const QSignalBlocker tauSliderBlocker(tauSlider_), tauSpinBlocker(tauSpinBox_);
    const QSignalBlocker alphaSliderBlocker(alphaSlider_), alphaSpinBlocker(alphaSpinBox_);
    const QSignalBlocker refineBlocker(refineCheckBox_);
    tauSpinBox_->setValue(tau);
    tauSlider_->setValue(tauToSlider(tauSpinBox_->value()));
    alphaSpinBox_->setValue(alpha);
    alphaSlider_->setValue(qRound(alphaSpinBox_->value()));
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
