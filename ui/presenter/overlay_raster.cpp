#include "presenter/overlay_raster.h"

#include "util/image_conversion.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace diffcut::ui {
namespace {

// Runs work(firstRow, endRow) over all rows, split over the cores when the image is large enough
// for threads to pay off.
template <typename RowWork>
void forEachRowRange(int rows, int cols, RowWork &&work) {
    constexpr std::int64_t parallelFromPixels = 1 << 18;
    if (std::int64_t(rows) * cols < parallelFromPixels) {
        work(0, rows);
        return;
    }
    cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range &range) { work(range.start, range.end); });
}

} // namespace

QImage overlayImage(const cv::Mat1i &labels, const OverlayStyle &style, QImage reuse) {
    if (labels.empty() || style.fills.isEmpty())
        return {};
    const std::size_t count = std::size_t(std::min(style.fills.size(), style.outlines.size()));
    std::vector<QRgb> fill(count), outline(count), stripe(count, 0); // stripe 0: not hatched
    for (std::size_t i = 0; i < count; ++i) {
        const QRgb colour = style.fills[qsizetype(i)];
        const int alpha = qRound(qAlpha(colour) * std::clamp(style.opacity, 0.0, 1.0));
        fill[i] = qPremultiply(qRgba(qRed(colour), qGreen(colour), qBlue(colour), alpha));
        outline[i] = qPremultiply(style.outlines[qsizetype(i)]);
        // Opaque stripes and outline: a suggestion must read apart from an accepted (flat) fill.
        if (const QRgb hatch = i < std::size_t(style.hatches.size()) ? style.hatches[qsizetype(i)] : 0; hatch != 0)
            stripe[i] = outline[i] = qRgba(qRed(hatch), qGreen(hatch), qBlue(hatch), 255);
    }
    const bool outlines = style.outlinesVisible;
    // Stripes stay visible when a large image is shown fitted to the window.
    const int stripePeriod = std::max(12, std::max(labels.cols, labels.rows) / 60), stripeWidth = std::max(2, stripePeriod / 6);
    QImage overlay = std::move(reuse);
    // A buffer someone else still shows is left to them: a fresh one, rather than a copy of it.
    if (overlay.size() != QSize(labels.cols, labels.rows) || overlay.format() != QImage::Format_ARGB32_Premultiplied ||
        !overlay.isDetached())
        overlay = newImage(QSize(labels.cols, labels.rows), QImage::Format_ARGB32_Premultiplied);
    if (overlay.isNull())
        return {}; // no memory for it: no overlay, as for no labels
    uchar *bits = overlay.bits();
    const qsizetype bytesPerLine = overlay.bytesPerLine();
    forEachRowRange(labels.rows, labels.cols, [&](int begin, int end) {
        const int lastColumn = labels.cols - 1;
        for (int y = begin; y < end; ++y) {
            const int *row = labels[y];
            const int *below = y + 1 < labels.rows ? labels[y + 1] : nullptr;
            auto *out = reinterpret_cast<QRgb *>(bits + bytesPerLine * y);
            for (int x = 0; x < labels.cols; ++x) {
                const int label = row[x];
                if (std::size_t(unsigned(label)) >= count) {
                    out[x] = 0;
                    continue;
                }
                const bool edge =
                    outlines && ((x < lastColumn && row[x + 1] != label) || (below && below[x] != label));
                const bool striped = stripe[std::size_t(label)] != 0 && (x + y) % stripePeriod < stripeWidth;
                out[x] = edge ? outline[std::size_t(label)] : striped ? stripe[std::size_t(label)] : fill[std::size_t(label)];
            }
        }
    });
    return overlay;
}

QSize zoomedOutSize(QSize full) {
    if (std::max(full.width(), full.height()) <= kZoomedOutSide)
        return full;
    return full.scaled(kZoomedOutSide, kZoomedOutSide, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
}

} // namespace diffcut::ui
