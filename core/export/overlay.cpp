#include "export/overlay.h"

#include "common/error.h"
#include "export/atomic_file.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace diffcut {
namespace {

// Neutral greys for unlabelled segments: four lightness levels, stable per tree node.
constexpr std::array<std::uint8_t, 4> kGreys{150, 190, 225, 110};
constexpr std::uint8_t kUnlabelledFillAlpha = 128;

cv::Vec4b lightened(cv::Vec3b colour, std::uint8_t alpha) {
    return {std::uint8_t((colour[0] + 255) / 2), std::uint8_t((colour[1] + 255) / 2), std::uint8_t((colour[2] + 255) / 2),
            alpha};
}

bool onBoundary(const LabelMap &labels, int y, int x) {
    const int label = labels(y, x);
    return (x > 0 && labels(y, x - 1) != label) || (x + 1 < labels.cols && labels(y, x + 1) != label)
           || (y > 0 && labels(y - 1, x) != label) || (y + 1 < labels.rows && labels(y + 1, x) != label);
}

} // namespace

std::vector<SegmentPaint> segmentPaints(const Annotation &annotation, const PaintOptions &options) {
    std::vector<SegmentPaint> paints(std::size_t(annotation.segmentCount()));
    for (int segment = 0; segment < annotation.segmentCount(); ++segment) {
        const int classIndex = annotation.segmentClass[std::size_t(segment)];
        SegmentPaint &paint = paints[std::size_t(segment)];
        if (classIndex >= 0 && classIndex < int(annotation.classes.size())) {
            if (options.hiddenClasses.contains(classIndex))
                continue; // transparent
            const cv::Vec3b colour = annotation.classes[std::size_t(classIndex)].colour;
            paint = {{colour[0], colour[1], colour[2], 255}, lightened(colour, 255)};
        } else if (options.showUnlabelled) {
            const int node = segment < int(annotation.segmentNode.size()) ? annotation.segmentNode[std::size_t(segment)] : -1;
            const std::uint8_t grey = kGreys[std::size_t(node >= 0 ? node : segment) % kGreys.size()];
            paint = {{grey, grey, grey, kUnlabelledFillAlpha}, {220, 220, 220, 140}};
        }
    }
    return paints;
}

cv::Mat3b renderOverlay(const cv::Mat3b &rgb, const LabelMap &labels, const std::vector<SegmentPaint> &paints,
                        double opacity, bool outlines) {
    if (rgb.size() != labels.size())
        throw Error("overlay: the image is " + std::to_string(rgb.cols) + " x " + std::to_string(rgb.rows)
                    + " but the labels are " + std::to_string(labels.cols) + " x " + std::to_string(labels.rows));
    if (!(opacity >= 0.0 && opacity <= 1.0))
        throw Error("overlay: opacity " + std::to_string(opacity) + " is outside 0..1");
    cv::Mat3b overlay = rgb.clone();
    for (int y = 0; y < rgb.rows; ++y)
        for (int x = 0; x < rgb.cols; ++x) {
            const int label = labels(y, x);
            if (label < 0 || label >= int(paints.size()))
                continue;
            const SegmentPaint &paint = paints[std::size_t(label)];
            const bool edge = outlines && onBoundary(labels, y, x);
            const cv::Vec4b &colour = edge ? paint.outline : paint.fill;
            const float tint = float(colour[3]) / 255.0f * (edge ? 1.0f : float(opacity));
            cv::Vec3b &pixel = overlay(y, x);
            for (int channel = 0; channel < 3; ++channel)
                pixel[channel] = cv::saturate_cast<uchar>((1.0f - tint) * pixel[channel] + tint * colour[channel]);
        }
    return overlay;
}

void writeRgbPng(const std::filesystem::path &path, const cv::Mat3b &rgb) {
    if (rgb.empty())
        throw Error(path.string() + ": the image is empty");
    cv::Mat3b bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    // Encoded in memory: PNG whatever the extension, and no narrow-path file API.
    std::vector<std::uint8_t> encoded;
    if (!cv::imencode(".png", bgr, encoded))
        throw Error(path.string() + ": PNG encoding failed");
    writeBytesAtomically(path, encoded);
}

} // namespace diffcut
