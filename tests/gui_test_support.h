#pragma once
// Helpers for the tests that drive the real main window.
#include "canvas/image_canvas.h"
#include "document/annotation_document.h"
#include "main_window.h"

#include <QTest>

#include <opencv2/core.hpp>

#include <vector>

namespace diffcut::testing {

// Moves the pointer over a pixel of `segment` of the shown result and clicks there; returns that
// image pixel, or (−1, −1) when the segment has none.
inline QPoint clickSegment(ui::MainWindow &window, int segment, Qt::KeyboardModifiers modifiers = {}) {
    const LabelMap &labels = window.document()->result()->composed.annotation.segments;
    const cv::Mat1b mask = labels == segment;
    std::vector<cv::Point> pixels;
    cv::findNonZero(mask, pixels);
    if (pixels.empty())
        return {-1, -1};
    const cv::Point pixel = pixels[pixels.size() / 2];
    ui::ImageCanvas *canvas = window.canvas();
    const QPoint viewPoint = canvas->mapFromScene(QPointF(pixel.x + 0.5, pixel.y + 0.5));
    QTest::mouseMove(canvas->viewport(), viewPoint);
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, modifiers, viewPoint);
    return {pixel.x, pixel.y};
}

} // namespace diffcut::testing
