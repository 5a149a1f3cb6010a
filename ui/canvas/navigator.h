#pragma once
// A minimap for large images: the whole image scaled to fit, the part the canvas shows as a
// rectangle; clicking or dragging asks for the view to be centred there.
#include <QImage>
#include <QWidget>

namespace diffcut::ui {

class Navigator : public QWidget {
    Q_OBJECT
public:
    explicit Navigator(QWidget *parent = nullptr);

    void setImage(const QImage &image);          // a null image empties the navigator
    void setVisibleArea(const QRectF &imageRect); // image pixel coordinates (ImageCanvas::visibleAreaChanged)
    QSize sizeHint() const override;

signals:
    void centreRequested(QPointF imagePos); // image pixel coordinates

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QRectF imageArea() const; // where the image is drawn: fitted and centred in the widget
    void requestCentre(QPointF widgetPos);

    QImage thumbnail_;
    QSize imageSize_;
    QRectF visibleArea_;
};

} // namespace diffcut::ui
