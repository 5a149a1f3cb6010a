#pragma once
// The granularity controls: τ (where the NCut hierarchy is cut), α (the affinity's sharpness, one
// hierarchy per value), "about K segments" (the τ giving the nearest count), PAMR refinement, and a
// line with the segment count and the tree's state. Ranges are core's (segmentation/granularity.h).
// Typed values apply when editing finishes (Enter, focus out) or after a short pause, never per
// keystroke, and the program never rewrites a box the user is typing in.
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace diffcut::ui {

class GranularityPanel : public QWidget {
    Q_OBJECT
public:
    explicit GranularityPanel(QWidget *parent = nullptr);

    // Shows the values (clamped to the controls' ranges) without emitting any signal.
    void setValues(double tau, double alpha, bool refine);
    // A negative count hides the count (no segmentation yet).
    void setSegmentCount(int count);
    // e.g. "building hierarchy for α = 10…"; empty = nothing is going on.
    void setStatus(const QString &text);

    double tau() const;
    double alpha() const;
    bool refine() const;

signals:
    // User changes only. τ follows the slider while it moves; α (a new hierarchy each time) is
    // reported when the slider is released.
    void tauChanged(double tau);
    void alphaChanged(double alpha);
    void refineChanged(bool refine);
    void segmentCountRequested(int count); // "about K segments": the owner chooses τ

private:
    void updateSummary();
    void applyTypedTau();
    void applyTypedAlpha();

    QSlider *tauSlider_;
    QDoubleSpinBox *tauSpinBox_;
    QSlider *alphaSlider_;
    QDoubleSpinBox *alphaSpinBox_;
    QSpinBox *countSpinBox_;
    QPushButton *countButton_;
    QCheckBox *refineCheckBox_;
    QLabel *summaryLabel_;
    QTimer tauTyping_;   // a pause while typing applies the value
    QTimer alphaTyping_;
    int segmentCount_ = -1;
    QString status_;
};

} // namespace diffcut::ui
