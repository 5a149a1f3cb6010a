#include "canvas/navigator.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace diffcut::ui {
namespace {

// Large enough to stay sharp in a wide dock, small enough to scale on every repaint.
constexpr int kThumbnailSide = 512;
constexpr int kPreferredWidth = 220;

} // namespace

Navigator::Navigator(QWidget *parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setCursor(Qt::PointingHandCursor);
}

void Navigator::setImage(const QImage &image) {
    imageSize_ = image.size();
    thumbnail_ = image.isNull() || std::max(image.width(), image.height()) <= kThumbnailSide
                     ? image
                     : image.scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    visibleArea_ = QRectF();
    updateGeometry();
    update();
}

void Navigator::setVisibleArea(const QRectF &imageRect) {
    visibleArea_ = imageRect;
    update();
}

QSize Navigator::sizeHint() const {
    if (imageSize_.isEmpty())
        return QSize(kPreferredWidth, kPreferredWidth * 3 / 4);
    const int height = kPreferredWidth * imageSize_.height() / imageSize_.width();
    return QSize(kPreferredWidth, std::clamp(height, kPreferredWidth / 4, kPreferredWidth * 2));
}

QRectF Navigator::imageArea() const {
    if (imageSize_.isEmpty())
        return {};
    const QSizeF fitted = QSizeF(imageSize_).scaled(QSizeF(size()), Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
}

void Navigator::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window).darker(130));
    if (thumbnail_.isNull())
        return;
    const QRectF area = imageArea();
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(area, thumbnail_);
    if (visibleArea_.isEmpty())
        return;
    const double scale = area.width() / imageSize_.width();
    const QRectF shown(area.topLeft() + visibleArea_.topLeft() * scale, visibleArea_.size() * scale);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0, 0, 0, 160), 3));
    painter.drawRect(shown);
    painter.setPen(QPen(QColor(255, 80, 80), 1.5));
    painter.drawRect(shown);
}

void Navigator::mousePressEvent(QMouseEvent *event) {
    if (event->button() == Qt::LeftButton)
        requestCentre(event->position());
}

void Navigator::mouseMoveEvent(QMouseEvent *event) {
    if (event->buttons() & Qt::LeftButton)
        requestCentre(event->position());
}

void Navigator::requestCentre(QPointF widgetPos) {
    const QRectF area = imageArea();
    if (area.isEmpty())
        return;
    const double scale = imageSize_.width() / area.width();
    const QPointF imagePos = (widgetPos - area.topLeft()) * scale;
    emit centreRequested(QPointF(std::clamp(imagePos.x(), 0.0, double(imageSize_.width())),
                                 std::clamp(imagePos.y(), 0.0, double(imageSize_.height()))));
}

} // namespace diffcut::ui
