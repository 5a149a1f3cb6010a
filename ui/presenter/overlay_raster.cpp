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
    const auto count = unsigned(std::min(style.fills.size(), style.outlines.size()));
    // One entry more than there are colours, transparent: where every label without a colour
    // (negative or beyond the lists) is looked up, so the loops below need no branch for them.
    std::vector<QRgb> fill(count + 1, 0), outline(count + 1, 0), stripe(count + 1, 0); // stripe 0: not hatched
    bool hatched = false;
    for (unsigned i = 0; i < count; ++i) {
        const QRgb colour = style.fills[qsizetype(i)];
        const int alpha = qRound(qAlpha(colour) * std::clamp(style.opacity, 0.0, 1.0));
        fill[i] = qPremultiply(qRgba(qRed(colour), qGreen(colour), qBlue(colour), alpha));
        outline[i] = qPremultiply(style.outlines[qsizetype(i)]);
        // Opaque stripes and outline: a suggestion must read apart from an accepted (flat) fill.
        if (const QRgb hatch = i < unsigned(style.hatches.size()) ? style.hatches[qsizetype(i)] : 0; hatch != 0) {
            stripe[i] = outline[i] = qRgba(qRed(hatch), qGreen(hatch), qBlue(hatch), 255);
            hatched = true;
        }
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
        const int last = labels.cols - 1;
        for (int y = begin; y < end; ++y) {
            const int *row = labels[y];
            const int *below = outlines && y + 1 < labels.rows ? labels[y + 1] : row; // the last row: no edge below
            auto *out = reinterpret_cast<QRgb *>(bits + bytesPerLine * y);
            // A pixel is outline where its right or lower neighbour differs; fill elsewhere.
            const auto edgeAt = [&](int x) {
                return outlines && ((x < last && row[x + 1] != row[x]) || below[x] != row[x]);
            };
            if (!outlines) {
                for (int x = 0; x <= last; ++x)
                    out[x] = fill[std::min(unsigned(row[x]), count)];
            } else {
                for (int x = 0; x < last; ++x) { // without branches: most of the time in a τ step
                    const unsigned label = std::min(unsigned(row[x]), count);
                    const bool edge = (row[x + 1] != row[x]) | (below[x] != row[x]);
                    out[x] = edge ? outline[label] : fill[label];
                }
                out[last] = (edgeAt(last) ? outline : fill)[std::min(unsigned(row[last]), count)];
            }
            if (!hatched)
                continue;
            for (int x = 0, phase = y % stripePeriod; x <= last; ++x, phase = phase + 1 == stripePeriod ? 0 : phase + 1) {
                const QRgb colour = stripe[std::min(unsigned(row[x]), count)];
                if (colour != 0 && phase < stripeWidth && !edgeAt(x))
                    out[x] = colour;
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
