// The image canvas and the navigator, driven as real widgets (offscreen platform).
#include "canvas/image_canvas.h"
#include "canvas/navigator.h"
#include "export/label_png.h"

#include <QApplication>
#include <QFile>
#include <QMimeData>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QCursor>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QUrl>

#include <cmath>

using diffcut::ui::ImageCanvas;
using diffcut::ui::Navigator;

namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 48;
const QRgb kGrey = qRgb(100, 100, 100);
const QVector<QRgb> kQuadrantColours = {qRgb(255, 0, 0), qRgb(0, 255, 0), qRgb(0, 0, 255), qRgb(255, 255, 0)};

// Outlines halfway to white, as segmentPaints() draws them.
QVector<QRgb> outlinesOf(const QVector<QRgb> &fills) {
    QVector<QRgb> outlines;
    for (const QRgb fill : fills)
        outlines << qRgba((qRed(fill) + 255) / 2, (qGreen(fill) + 255) / 2, (qBlue(fill) + 255) / 2, qAlpha(fill));
    return outlines;
}

QImage greyImage(int width = kWidth, int height = kHeight) {
    QImage image(width, height, QImage::Format_RGB888);
    image.fill(kGrey);
    return image;
}

// Four segments: 0 top left, 1 top right, 2 bottom left, 3 bottom right.
cv::Mat1i quadrants(int width = kWidth, int height = kHeight) {
    cv::Mat1i labels(height, width);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            labels(y, x) = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
    return labels;
}

// Where the centre of image pixel (x, y) is on the canvas viewport.
QPoint viewPosOf(const ImageCanvas &canvas, int x, int y) { return canvas.mapFromScene(QPointF(x + 0.5, y + 0.5)); }

// What the viewport shows once everything set on the canvas is rendered (off the UI thread).
QImage screenshot(ImageCanvas &canvas) {
    if (!QTest::qWaitFor([&] { return !canvas.rendering(); }, 10'000))
        qWarning("the canvas did not finish rendering");
    return canvas.viewport()->grab().toImage();
}

QRgb shownAt(ImageCanvas &canvas, int x, int y) { return screenshot(canvas).pixel(viewPosOf(canvas, x, y)); }

void sendMouse(QWidget *widget, QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
    QMouseEvent event(type, QPointF(pos), QPointF(widget->mapToGlobal(pos)), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

void sendWheel(QWidget *widget, QPoint pos, int delta) {
    QWheelEvent event(QPointF(pos), QPointF(widget->mapToGlobal(pos)), QPoint(), QPoint(0, delta), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

bool near(QRgb actual, QRgb expected, int tolerance = 3) {
    return std::abs(qRed(actual) - qRed(expected)) <= tolerance &&
           std::abs(qGreen(actual) - qGreen(expected)) <= tolerance &&
           std::abs(qBlue(actual) - qBlue(expected)) <= tolerance;
}

QString describe(QRgb colour) { return QColor(colour).name(); }

} // namespace

class TestGuiCanvas : public QObject {
    Q_OBJECT

private:
    // A shown 640×480 canvas with the grey image and the quadrant segments.
    void showQuadrants(ImageCanvas &canvas) {
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        canvas.setImage(greyImage());
        canvas.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours));
    }

private slots:
    // Fill and outline are separate: an unlabelled segment can be outlined without a fill.
    void outlinesAreDrawnWithoutAFill() {
        ImageCanvas canvas;
        canvas.resize(200, 200);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        canvas.setImage(greyImage());
        canvas.setOverlayOpacity(1.0);
        const QVector<QRgb> fills{qRgba(0, 0, 0, 0), qRgb(255, 0, 0), qRgb(0, 255, 0), qRgb(0, 0, 255)};
        const QVector<QRgb> outlines{qRgb(255, 255, 255), qRgb(255, 0, 0), qRgb(0, 255, 0), qRgb(0, 0, 255)};
        canvas.setSegments(quadrants(), fills, outlines);
        const QImage shot = screenshot(canvas);
        const QPoint inside = canvas.mapFromScene(QPointF(kWidth / 4.0, kHeight / 4.0));
        QCOMPARE(shot.pixelColor(inside).rgb(), kGrey); // no fill: the photo shows
        const QPoint edge = canvas.mapFromScene(QPointF(kWidth / 2.0 - 0.5, kHeight / 4.0));
        QCOMPARE(shot.pixelColor(edge).rgb(), qRgb(255, 255, 255));
    }

    void segmentAtReadsTheSegmentMap() {
        ImageCanvas canvas;
        QCOMPARE(canvas.segmentAt(QPointF(1, 1)), -1); // no image
        canvas.setImage(greyImage());
        QCOMPARE(canvas.segmentAt(QPointF(1, 1)), -1); // no segments
        canvas.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours));
        QCOMPARE(canvas.segmentAt(QPointF(10.5, 10.5)), 0);
        QCOMPARE(canvas.segmentAt(QPointF(50.2, 3.9)), 1);
        QCOMPARE(canvas.segmentAt(QPointF(0, 47.99)), 2);
        QCOMPARE(canvas.segmentAt(QPointF(63.99, 47.99)), 3);
        QCOMPARE(canvas.segmentAt(QPointF(31.99, 0)), 0);
        QCOMPARE(canvas.segmentAt(QPointF(32, 0)), 1);
        QCOMPARE(canvas.segmentAt(QPointF(-0.01, 5)), -1);
        QCOMPARE(canvas.segmentAt(QPointF(64, 5)), -1);
        QCOMPARE(canvas.segmentAt(QPointF(5, 48)), -1);

        canvas.setImage(greyImage()); // a new image drops the segments
        QCOMPARE(canvas.segmentAt(QPointF(10.5, 10.5)), -1);
        canvas.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours));
        canvas.clear();
        QCOMPARE(canvas.segmentAt(QPointF(10.5, 10.5)), -1);
    }

    void segmentMapOfAnotherSizeIsRefused() {
        ImageCanvas canvas;
        canvas.setImage(greyImage());
        canvas.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("65x48 segment map is larger than the 64x48 image"));
        canvas.setSegments(cv::Mat1i(kHeight, kWidth + 1, 7), kQuadrantColours, outlinesOf(kQuadrantColours));
        QCOMPARE(canvas.segmentAt(QPointF(50, 40)), 3); // the previous map stays

        ImageCanvas empty;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no image"));
        empty.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours));
        QCOMPARE(empty.segmentAt(QPointF(1, 1)), -1);

        canvas.setSegments(cv::Mat1i(), {}, {}); // an empty map removes the overlay
        QCOMPARE(canvas.segmentAt(QPointF(50, 40)), -1);
    }

    // Issue 13: a preview map (smaller than the image) is stretched over it, for the overlay,
    // hit testing and the selection alike.
    void aSmallerMapIsStretchedOverTheImage() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        canvas.setOutlinesVisible(false);
        canvas.setOverlayOpacity(1);
        canvas.setSegments(quadrants(16, 12), kQuadrantColours, outlinesOf(kQuadrantColours));
        QCOMPARE(canvas.segmentAt(QPointF(31.9, 23.9)), 0);
        QCOMPARE(canvas.segmentAt(QPointF(32.1, 23.9)), 1);
        QCOMPARE(canvas.segmentAt(QPointF(63.9, 47.9)), 3);
        QCOMPARE(canvas.segmentAt(QPointF(64, 10)), -1);
        QCOMPARE(shownAt(canvas, 30, 20), kQuadrantColours[0]);
        QCOMPARE(shownAt(canvas, 34, 20), kQuadrantColours[1]);
        QCOMPARE(shownAt(canvas, 60, 44), kQuadrantColours[3]);
        canvas.setOverlayOpacity(0);
        canvas.setSegments(quadrants(16, 12), kQuadrantColours, outlinesOf(kQuadrantColours), {},
                           {{0, 0, 8, 6}, {8, 0, 8, 6}, {0, 6, 8, 6}, {8, 6, 8, 6}});
        canvas.setSelection({3});
        QVERIFY(shownAt(canvas, 50, 40) != kGrey);
        QCOMPARE(shownAt(canvas, 20, 10), kGrey);
        QCOMPARE(shownAt(canvas, 50, 10), kGrey);
    }

    void clickEmitsTheSegmentAndModifiers() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        QSignalSpy clicked(&canvas, &ImageCanvas::segmentClicked);
        QTest::mouseClick(canvas.viewport(), Qt::LeftButton, Qt::ShiftModifier, viewPosOf(canvas, 50, 10));
        QTest::mouseClick(canvas.viewport(), Qt::LeftButton, Qt::NoModifier, viewPosOf(canvas, 5, 40));
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked.at(0).at(0).toInt(), 1);
        QCOMPARE(clicked.at(0).at(1).value<Qt::KeyboardModifiers>(), Qt::KeyboardModifiers(Qt::ShiftModifier));
        QCOMPARE(clicked.at(1).at(0).toInt(), 2);
        QCOMPARE(clicked.at(1).at(1).value<Qt::KeyboardModifiers>(), Qt::KeyboardModifiers(Qt::NoModifier));

        // Brush clicks paint instead of selecting.
        canvas.setTool(ImageCanvas::Tool::Brush);
        QTest::mouseClick(canvas.viewport(), Qt::LeftButton, Qt::NoModifier, viewPosOf(canvas, 5, 5));
        QCOMPARE(clicked.count(), 2);
    }

    void hoverReportsSegmentAndPixel() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        QSignalSpy hovered(&canvas, &ImageCanvas::hoveredSegmentChanged);
        sendMouse(canvas.viewport(), QEvent::MouseMove, viewPosOf(canvas, 10, 20), Qt::NoButton, Qt::NoButton);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.last().at(0).toInt(), 0);
        QCOMPARE(hovered.last().at(1).toPoint(), QPoint(10, 20));
        sendMouse(canvas.viewport(), QEvent::MouseMove, viewPosOf(canvas, 10, 20), Qt::NoButton, Qt::NoButton);
        QCOMPARE(hovered.count(), 1); // same pixel: nothing new
        sendMouse(canvas.viewport(), QEvent::MouseMove, viewPosOf(canvas, 60, 30), Qt::NoButton, Qt::NoButton);
        QCOMPARE(hovered.count(), 2);
        QCOMPARE(hovered.last().at(0).toInt(), 3);
        QCOMPARE(hovered.last().at(1).toPoint(), QPoint(60, 30));
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(canvas.viewport(), &leave);
        QCOMPARE(hovered.count(), 3);
        QCOMPARE(hovered.last().at(0).toInt(), -1);
        QCOMPARE(hovered.last().at(1).toPoint(), QPoint(-1, -1));
    }

    void zoomStepsFitAndActualSize() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        const QSize available = canvas.maximumViewportSize() - QSize(2, 2);
        const double fit = std::min(available.width() / double(kWidth), available.height() / double(kHeight));
        QCOMPARE(canvas.zoom(), fit);

        QSignalSpy zoomed(&canvas, &ImageCanvas::zoomChanged);
        canvas.zoomToActualSize();
        QCOMPARE(canvas.zoom(), 1.0);
        canvas.zoomIn();
        QVERIFY(canvas.zoom() > 1.2 && canvas.zoom() < 1.3);
        canvas.zoomOut();
        QVERIFY(qFuzzyCompare(canvas.zoom(), 1.0));
        canvas.fitToWindow();
        QCOMPARE(canvas.zoom(), fit);
        QCOMPARE(zoomed.count(), 4);
        QCOMPARE(zoomed.last().at(0).toDouble(), fit);

        // Fitted, the whole image is in view and a window resize refits it.
        const QRectF shown = canvas.mapFromScene(QRectF(0, 0, kWidth, kHeight)).boundingRect();
        QVERIFY(QRectF(canvas.viewport()->rect()).contains(shown));
        canvas.resize(320, 480);
        QVERIFY(canvas.zoom() < fit * 0.6);
        // ...until the user zooms.
        canvas.zoomIn();
        const double chosen = canvas.zoom();
        canvas.resize(640, 480);
        QCOMPARE(canvas.zoom(), chosen);
    }

    void wheelZoomKeepsThePointUnderTheCursor() {
        ImageCanvas canvas;
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        canvas.setImage(greyImage(400, 300));
        const QPoint cursor(210, 170);
        const QPointF underCursor = canvas.imagePosition(cursor);
        for (int delta : {120, 120, 240, -120, 60}) {
            const double before = canvas.zoom();
            sendWheel(canvas.viewport(), cursor, delta);
            QCoreApplication::processEvents();
            QVERIFY(std::abs(canvas.zoom() / before - std::pow(1.2, delta / 120.0)) < 1e-9);
            const QPointF now = canvas.viewportTransform().map(underCursor);
            QVERIFY2(std::abs(now.x() - cursor.x()) <= 1 && std::abs(now.y() - cursor.y()) <= 1,
                     qPrintable(QString("image point drifted to %1, %2").arg(now.x()).arg(now.y())));
        }
    }

    void pixelsAreCrispWhenZoomedIn() {
        ImageCanvas canvas;
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QImage halves(16, 16, QImage::Format_RGB888);
        halves.fill(Qt::black);
        for (int y = 0; y < 16; ++y)
            for (int x = 8; x < 16; ++x)
                halves.setPixel(x, y, qRgb(255, 255, 255));
        canvas.setImage(halves);
        QVERIFY(canvas.zoom() > 20);
        // Two screen pixels left of the black/white edge: nearest gives black, smoothing would blend.
        const QPoint edge = canvas.mapFromScene(QPointF(8, 8));
        const QImage shown = screenshot(canvas);
        QCOMPARE(shown.pixel(edge - QPoint(2, 0)), qRgb(0, 0, 0));
        QCOMPARE(shown.pixel(edge + QPoint(2, 0)), qRgb(255, 255, 255));
    }

    void visibleAreaFollowsZoomAndScroll() {
        ImageCanvas canvas;
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QSignalSpy visible(&canvas, &ImageCanvas::visibleAreaChanged);
        canvas.setImage(greyImage(4000, 3000));
        QCOMPARE(visible.last().at(0).toRectF(), QRectF(0, 0, 4000, 3000));
        canvas.zoomToActualSize();
        canvas.centreOn(QPointF(1000, 1000));
        const QRectF area = visible.last().at(0).toRectF();
        QCOMPARE(area.size(), QSizeF(canvas.viewport()->size()));
        QVERIFY(std::abs(area.center().x() - 1000) <= 1 && std::abs(area.center().y() - 1000) <= 1);
    }

    // Issue 10 §6: Space pans while the pointer is over the canvas even when a panel has the focus
    // (and the panel does not also get the key).
    void spacePansWhileAPanelHasTheFocus() {
        QWidget window;
        auto *layout = new QHBoxLayout(&window);
        auto *panel = new QLineEdit(&window);
        auto *canvas = new ImageCanvas(&window);
        layout->addWidget(panel);
        layout->addWidget(canvas, 1);
        window.resize(800, 480);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        canvas->setImage(greyImage(2000, 2000));
        canvas->zoomToActualSize();
        panel->setFocus();
        QTRY_VERIFY(panel->hasFocus());
        QWidget *viewport = canvas->viewport();
        QCursor::setPos(viewport->mapToGlobal(QPoint(300, 200)));
        QScrollBar *horizontal = canvas->horizontalScrollBar();
        const int start = horizontal->value();
        QTest::keyPress(panel, Qt::Key_Space);
        QVERIFY(panel->text().isEmpty()); // taken by the canvas
        sendMouse(viewport, QEvent::MouseButtonPress, QPoint(300, 200), Qt::LeftButton, Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseMove, QPoint(320, 200), Qt::NoButton, Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseButtonRelease, QPoint(320, 200), Qt::LeftButton, Qt::NoButton);
        QTest::keyRelease(panel, Qt::Key_Space);
        QCOMPARE(horizontal->value(), start - 20);
        // Away from the canvas, Space is the panel's again.
        QCursor::setPos(panel->mapToGlobal(QPoint(5, 5)));
        QTest::keyClick(panel, Qt::Key_Space);
        QCOMPARE(panel->text(), QString(" "));
    }

    void panWithTheMiddleButtonAndWithSpace() {
        ImageCanvas canvas;
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        canvas.setImage(greyImage(2000, 2000));
        canvas.zoomToActualSize();
        QScrollBar *horizontal = canvas.horizontalScrollBar();
        const int start = horizontal->value();
        QWidget *viewport = canvas.viewport();
        sendMouse(viewport, QEvent::MouseButtonPress, QPoint(300, 200), Qt::MiddleButton, Qt::MiddleButton);
        sendMouse(viewport, QEvent::MouseMove, QPoint(260, 200), Qt::NoButton, Qt::MiddleButton);
        sendMouse(viewport, QEvent::MouseButtonRelease, QPoint(260, 200), Qt::MiddleButton, Qt::NoButton);
        QCOMPARE(horizontal->value(), start + 40);

        QSignalSpy clicked(&canvas, &ImageCanvas::segmentClicked);
        QTest::keyPress(&canvas, Qt::Key_Space);
        QCOMPARE(viewport->cursor().shape(), Qt::OpenHandCursor);
        sendMouse(viewport, QEvent::MouseButtonPress, QPoint(300, 200), Qt::LeftButton, Qt::LeftButton);
        QCOMPARE(viewport->cursor().shape(), Qt::ClosedHandCursor);
        sendMouse(viewport, QEvent::MouseMove, QPoint(330, 200), Qt::NoButton, Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseButtonRelease, QPoint(330, 200), Qt::LeftButton, Qt::NoButton);
        QTest::keyRelease(&canvas, Qt::Key_Space);
        QCOMPARE(horizontal->value(), start + 10);
        QCOMPARE(clicked.count(), 0); // panning is not selecting
        QCOMPARE(viewport->cursor().shape(), Qt::ArrowCursor);
    }

    void brushStrokeIsPreviewedAndEmittedOnRelease() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        canvas.setOverlayOpacity(0);
        canvas.setOutlinesVisible(false);
        canvas.setTool(ImageCanvas::Tool::Brush);
        QSignalSpy radius(&canvas, &ImageCanvas::brushRadiusChanged);
        canvas.setBrushRadius(2);
        QCOMPARE(radius.count(), 1);
        QCOMPARE(radius.last().at(0).toInt(), 2);

        QSignalSpy strokes(&canvas, &ImageCanvas::strokeFinished);
        QWidget *viewport = canvas.viewport();
        QCOMPARE(shownAt(canvas, 11, 10), kGrey);
        sendMouse(viewport, QEvent::MouseButtonPress, viewPosOf(canvas, 10, 10), Qt::LeftButton, Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseMove, viewPosOf(canvas, 12, 10), Qt::NoButton, Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseMove, viewPosOf(canvas, 12, 10), Qt::NoButton, Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseMove, viewPosOf(canvas, 12, 13), Qt::NoButton, Qt::LeftButton);
        QCOMPARE(strokes.count(), 0);
        QVERIFY2(shownAt(canvas, 11, 10) != kGrey, "the stroke is not previewed");
        sendMouse(viewport, QEvent::MouseButtonRelease, viewPosOf(canvas, 12, 13), Qt::LeftButton, Qt::NoButton);
        QCOMPARE(strokes.count(), 1);
        QCOMPARE(strokes.last().at(0).value<QVector<QPoint>>(), (QVector<QPoint>{{10, 10}, {12, 10}, {12, 13}}));
        QCOMPARE(strokes.last().at(1).toInt(), 2);
        QCOMPARE(strokes.last().at(2).toBool(), false);
        QCOMPARE(shownAt(canvas, 11, 10), kGrey); // the preview is gone

        // The brush outline circles the pixels a stroke there would paint.
        sendMouse(viewport, QEvent::MouseMove, viewPosOf(canvas, 30, 20), Qt::NoButton, Qt::NoButton);
        const QPoint onCircle = canvas.mapFromScene(QPointF(30.5 + 2.5, 20.5));
        QVERIFY(screenshot(canvas).pixel(onCircle) != kGrey);
        QCOMPARE(shownAt(canvas, 30, 20), kGrey);
        canvas.setTool(ImageCanvas::Tool::Select);
        QCOMPARE(screenshot(canvas).pixel(onCircle), kGrey);

        canvas.setTool(ImageCanvas::Tool::Eraser);
        QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, viewPosOf(canvas, 40, 30));
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, viewPosOf(canvas, 40, 30));
        QCOMPARE(strokes.count(), 2);
        QCOMPARE(strokes.last().at(0).value<QVector<QPoint>>(), (QVector<QPoint>{{40, 30}}));
        QCOMPARE(strokes.last().at(2).toBool(), true);

        // Escape cancels the stroke being drawn.
        sendMouse(viewport, QEvent::MouseButtonPress, viewPosOf(canvas, 5, 5), Qt::LeftButton, Qt::LeftButton);
        QTest::keyClick(&canvas, Qt::Key_Escape);
        sendMouse(viewport, QEvent::MouseButtonRelease, viewPosOf(canvas, 5, 5), Qt::LeftButton, Qt::NoButton);
        QCOMPARE(strokes.count(), 2);
    }

    void brushRadiusIsClamped() {
        ImageCanvas canvas;
        QSignalSpy radius(&canvas, &ImageCanvas::brushRadiusChanged);
        canvas.setBrushRadius(0);
        QCOMPARE(canvas.brushRadius(), 1);
        canvas.setBrushRadius(100000);
        QCOMPARE(canvas.brushRadius(), 500);
        canvas.setBrushRadius(500);
        QCOMPARE(radius.count(), 2); // no signal without a change
    }

    void overlayOpacityAndOutlinesShow() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        canvas.setOutlinesVisible(false);
        canvas.setOverlayOpacity(0);
        QCOMPARE(shownAt(canvas, 10, 10), kGrey);
        canvas.setOverlayOpacity(1);
        QCOMPARE(shownAt(canvas, 10, 10), kQuadrantColours[0]);
        QCOMPARE(shownAt(canvas, 50, 40), kQuadrantColours[3]);
        canvas.setOverlayOpacity(0.5);
        const QRgb half = shownAt(canvas, 10, 10);
        QVERIFY2(near(half, qRgb(178, 50, 50)), qPrintable(describe(half)));

        // Outlines: the last column of segment 0 (its right neighbour is segment 1) and its last row
        // are drawn opaque in its colour lightened halfway to white.
        const QRgb lightRed = qRgb(255, 127, 127);
        canvas.setOverlayOpacity(0);
        QCOMPARE(shownAt(canvas, 31, 10), kGrey);
        canvas.setOutlinesVisible(true);
        QCOMPARE(shownAt(canvas, 31, 10), lightRed);
        QCOMPARE(shownAt(canvas, 30, 10), kGrey);
        QCOMPARE(shownAt(canvas, 10, 23), lightRed); // above segment 2
        canvas.setOverlayOpacity(1);
        QCOMPARE(shownAt(canvas, 31, 10), lightRed);
        QCOMPARE(shownAt(canvas, 30, 10), kQuadrantColours[0]);

        // Changing the segments keeps the view.
        canvas.zoomIn();
        const QTransform view = canvas.viewportTransform();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("is larger than"));
        canvas.setSegments(cv::Mat1i(quadrants().t()), kQuadrantColours, outlinesOf(kQuadrantColours));
        canvas.setSegments(cv::Mat1i(kHeight, kWidth, 1), kQuadrantColours, outlinesOf(kQuadrantColours));
        QCOMPARE(canvas.viewportTransform(), view);
        QCOMPARE(canvas.segmentAt(QPointF(1, 1)), 1);
    }

    // Issue 12: the overlay is rasterised on the render thread. setSegments returns at once; hit
    // testing answers for the new map immediately, the screen keeps the old overlay until the
    // new one is rendered, and only the newest of several maps is ever shown.
    void segmentsAreRenderedOffTheUiThread() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        canvas.setOutlinesVisible(false);
        canvas.setOverlayOpacity(1);
        QCOMPARE(shownAt(canvas, 10, 10), kQuadrantColours[0]);

        QSignalSpy rendered(&canvas, &ImageCanvas::rendered);
        canvas.setSegments(cv::Mat1i(kHeight, kWidth, 2), kQuadrantColours, outlinesOf(kQuadrantColours));
        canvas.setSegments(cv::Mat1i(kHeight, kWidth, 1), kQuadrantColours, outlinesOf(kQuadrantColours));
        canvas.setSegments(cv::Mat1i(kHeight, kWidth, 3), kQuadrantColours, outlinesOf(kQuadrantColours));
        QVERIFY(canvas.rendering());
        QCOMPARE(canvas.segmentAt(QPointF(10, 10)), 3);
        QCOMPARE(canvas.viewport()->grab().toImage().pixel(viewPosOf(canvas, 10, 10)), kQuadrantColours[0]);
        QCOMPARE(shownAt(canvas, 10, 10), kQuadrantColours[3]);
        QCOMPARE(rendered.count(), 1); // the maps asked past were never shown
    }

    // A new image drops what is still being rendered for the old one.
    void aNewImageNeverShowsTheOldImagesOverlay() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        canvas.setOverlayOpacity(1);
        canvas.setSelection({0});
        canvas.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours));
        canvas.setImage(greyImage());
        QVERIFY(!canvas.rendering());
        QTest::qWait(200); // the old overlay's frames arrive and are dropped
        QCOMPARE(shownAt(canvas, 10, 10), kGrey);
        QCOMPARE(shownAt(canvas, 50, 40), kGrey);
    }

    // The zoomed-out copy of a large image, made on a worker, never shows over the next image.
    void aSmallImageNeverShowsTheLargeImagesCopy() {
        ImageCanvas canvas;
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QImage large(4000, 3000, QImage::Format_RGB32);
        large.fill(qRgb(200, 0, 0));
        canvas.setImage(large);
        canvas.setImage(greyImage()); // before the large image's copy is done
        QThreadPool::globalInstance()->waitForDone();
        QTest::qWait(50); // the copy's result arrives and is dropped
        QCOMPARE(shownAt(canvas, 10, 10), kGrey);
    }

    // A highlight given by segments is drawn from each new map, like the selection.
    void aHighlightOfSegmentsFollowsNewMaps() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        canvas.setOutlinesVisible(false);
        canvas.setOverlayOpacity(0);
        canvas.setHighlight({{3}, {}});
        QVERIFY(shownAt(canvas, 50, 40) != kGrey);
        QCOMPARE(shownAt(canvas, 10, 10), kGrey);
        canvas.setSegments(cv::Mat1i(quadrants() == 0) / 255 * 3, kQuadrantColours, outlinesOf(kQuadrantColours));
        QVERIFY(shownAt(canvas, 10, 10) != kGrey);
        QCOMPARE(shownAt(canvas, 50, 40), kGrey);
    }

    // With the segments' bounding boxes a selection is painted only inside them (no pixel of the
    // map is visited to find where it is).
    void aSelectionIsPaintedWithinItsSegmentsBoxes() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        canvas.setOutlinesVisible(false);
        canvas.setOverlayOpacity(0);
        std::vector<cv::Rect> boxes{{0, 0, 32, 24}, {32, 0, 32, 24}, {0, 24, 32, 24}, {32, 24, 32, 24}};
        canvas.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours), {}, boxes);
        canvas.setSelection({1});
        QVERIFY(shownAt(canvas, 50, 10) != kGrey);
        QCOMPARE(shownAt(canvas, 10, 10), kGrey);
        boxes[1] = {32, 0, 8, 24}; // a box that says less: the painting stops there
        canvas.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours), {}, boxes);
        QVERIFY(shownAt(canvas, 34, 10) != kGrey);
        QCOMPARE(shownAt(canvas, 50, 10), kGrey);
    }

    void selectionAndHighlightAreDrawnOnTop() {
        ImageCanvas canvas;
        showQuadrants(canvas);
        canvas.setOutlinesVisible(false);
        canvas.setOverlayOpacity(0);
        canvas.setSelection({1, 99, -4}); // unknown indices are ignored
        const QRgb selected = shownAt(canvas, 50, 10);
        QVERIFY2(qGray(selected) > qGray(kGrey) + 20, qPrintable(describe(selected)));
        QCOMPARE(shownAt(canvas, 10, 10), kGrey);
        // The selection follows new segment maps (indices, not pixels).
        canvas.setSegments(quadrants(), kQuadrantColours, outlinesOf(kQuadrantColours));
        QVERIFY(shownAt(canvas, 50, 10) == selected);
        canvas.setSelection({});
        QCOMPARE(shownAt(canvas, 50, 10), kGrey);

        // A 2×2 mask stretched over the image: its top-left cell is the top-left quadrant.
        cv::Mat1b mask(2, 2, uchar(0));
        mask(0, 0) = 1;
        canvas.setHighlight({{}, mask});
        QVERIFY(shownAt(canvas, 10, 10) != kGrey);
        QCOMPARE(shownAt(canvas, 50, 40), kGrey);
        QCOMPARE(shownAt(canvas, 40, 10), kGrey);
        canvas.setHighlight({});
        QCOMPARE(shownAt(canvas, 10, 10), kGrey);
    }

    void emptyCanvasShowsAHint() {
        ImageCanvas canvas;
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        const QImage shown = screenshot(canvas);
        int textPixels = 0;
        for (int y = 0; y < shown.height(); ++y)
            for (int x = 0; x < shown.width(); ++x)
                textPixels += qGray(shown.pixel(x, y)) > 120;
        QVERIFY(textPixels > 50);
        QCOMPARE(shown.pixel(5, 5), shown.pixel(shown.width() - 5, shown.height() - 5)); // background elsewhere
    }

    void largeImagesWork() {
        ImageCanvas canvas;
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        constexpr int width = 4000, height = 3000;
        canvas.setImage(greyImage(width, height));
        cv::Mat1i labels(height, width);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x)
                labels(y, x) = (y / 100) * 40 + x / 100;
        QVector<QRgb> colours;
        for (int i = 0; i < 1200; ++i)
            colours << QColor::fromHsv((i * 137) % 360, 200, 230).rgb();
        canvas.setSegments(labels, colours, outlinesOf(colours));
        canvas.setSelection({5, 6, 7});
        canvas.setOverlayOpacity(1);
        canvas.zoomToActualSize();
        canvas.centreOn(QPointF(3950, 2950));
        QCOMPARE(canvas.segmentAt(QPointF(3950, 2950)), 29 * 40 + 39);
        QCOMPARE(shownAt(canvas, 3950, 2950), colours[29 * 40 + 39]);
        // Fitted to the window the overlay is painted from its zoomed-out copy: the same colours.
        canvas.fitToWindow();
        QCOMPARE(shownAt(canvas, 2050, 1550), colours[15 * 40 + 20]);
        QCOMPARE(shownAt(canvas, 50, 50), colours[0]);
    }

    void droppedImagesAndFoldersAreReported() {
        ImageCanvas canvas;
        QTemporaryDir dir;
        const QString image = dir.filePath("photo.jpg");
        const QString text = dir.filePath("notes.txt");
        for (const QString &path : {image, text}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(image), QUrl::fromLocalFile(text), QUrl::fromLocalFile(dir.path()),
                      QUrl("https://example.org/remote.png")});
        QSignalSpy dropped(&canvas, &ImageCanvas::filesDropped);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas.viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas.viewport(), &drop);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.last().at(0).toStringList(), (QStringList{image, dir.path()}));

        QMimeData textOnly;
        textOnly.setUrls({QUrl::fromLocalFile(text)});
        QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &textOnly, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas.viewport(), &refused);
        QVERIFY(!refused.isAccepted());
    }

    void navigatorRequestsCentres() {
        Navigator navigator;
        QCOMPARE(navigator.sizeHint().width(), 220);
        navigator.setImage(greyImage(400, 200));
        QCOMPARE(navigator.sizeHint(), QSize(220, 110));
        navigator.resize(200, 100);
        navigator.show();
        QVERIFY(QTest::qWaitForWindowExposed(&navigator));
        QSignalSpy centres(&navigator, &Navigator::centreRequested);
        QTest::mouseClick(&navigator, Qt::LeftButton, Qt::NoModifier, QPoint(50, 25));
        QCOMPARE(centres.count(), 1);
        QCOMPARE(centres.last().at(0).toPointF(), QPointF(100, 50));
        sendMouse(&navigator, QEvent::MouseMove, QPoint(150, 80), Qt::NoButton, Qt::LeftButton);
        QCOMPARE(centres.count(), 2);
        QCOMPARE(centres.last().at(0).toPointF(), QPointF(300, 160));
        sendMouse(&navigator, QEvent::MouseMove, QPoint(150, 80), Qt::NoButton, Qt::NoButton);
        QCOMPARE(centres.count(), 2); // hovering does not move the view

        // The visible area is drawn over the thumbnail.
        const QRgb before = navigator.grab().toImage().pixel(100, 20);
        navigator.setVisibleArea(QRectF(100, 40, 200, 100));
        QVERIFY(navigator.grab().toImage().pixel(100, 20) != before);
    }
};

QTEST_MAIN(TestGuiCanvas)
#include "test_gui_canvas.moc"
