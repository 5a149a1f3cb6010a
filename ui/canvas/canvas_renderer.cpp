#include "canvas/canvas_renderer.h"

#include <opencv2/imgproc.hpp>

#include <utility>

namespace diffcut::ui {

CanvasRenderer::CanvasRenderer(QObject *parent) : QObject(parent) {
    thread_.setMaxThreadCount(1);
    thread_.setExpiryTimeout(-1); // a warm thread: starting one costs more than a small overlay
}

CanvasRenderer::~CanvasRenderer() {
    {
        const std::lock_guard lock(mutex_);
        waiting_.reset();
    }
    thread_.waitForDone();
}

void CanvasRenderer::render(const cv::Mat1i &labels, const OverlayStyle &style) {
    const std::lock_guard lock(mutex_);
    waiting_ = Job{++requested_, labels, style};
    if (!std::exchange(running_, true))
        thread_.start([this] { runJobs(); });
}

void CanvasRenderer::discard() {
    delivered_ = ++requested_;
    const std::lock_guard lock(mutex_);
    waiting_.reset();
}

void CanvasRenderer::recycle(QImage overlay) {
    const std::lock_guard lock(mutex_);
    spare_ = std::move(overlay);
}

bool CanvasRenderer::busy() const { return requested_ != delivered_; }

void CanvasRenderer::prepareSpare(QSize size) {
    const std::lock_guard lock(mutex_);
    spareWanted_ = size;
    if (!std::exchange(running_, true))
        thread_.start([this] { runJobs(); });
}

void CanvasRenderer::runJobs() {
    for (;;) {
        std::optional<Job> job;
        QImage reuse;
        QSize spareSize;
        {
            const std::lock_guard lock(mutex_);
            if (waiting_) {
                job = std::exchange(waiting_, std::nullopt);
                reuse = std::exchange(spare_, QImage());
            } else if (spare_.isNull() && !spareWanted_.isEmpty()) {
                spareSize = std::exchange(spareWanted_, QSize());
            } else {
                running_ = false;
                return;
            }
        }
        if (!job) { // allocated and touched outside the lock: the UI thread never waits for it
            QImage spare(spareSize, QImage::Format_ARGB32_Premultiplied);
            spare.fill(Qt::transparent);
            const std::lock_guard lock(mutex_);
            if (spare_.isNull())
                spare_ = std::move(spare);
            continue;
        }
        QImage overlay = overlayImage(job->labels, job->style, std::move(reuse));
        QImage zoomedOut;
        if (const QSize small = zoomedOutSize(overlay.size()); small != overlay.size()) {
            cv::Mat1i sampled;
            cv::resize(job->labels, sampled, {small.width(), small.height()}, 0, 0, cv::INTER_NEAREST);
            zoomedOut = overlayImage(sampled, job->style);
        }
        const std::lock_guard lock(mutex_);
        if (waiting_) { // already asked past: its buffer serves the next one
            spare_ = std::move(overlay);
            continue;
        }
        QMetaObject::invokeMethod(this, [this, generation = job->generation, overlay = std::move(overlay),
                                         zoomedOut = std::move(zoomedOut)] { deliver(generation, overlay, zoomedOut); },
                                  Qt::QueuedConnection);
    }
}

void CanvasRenderer::deliver(std::uint64_t generation, const QImage &overlay, const QImage &zoomedOut) {
    if (generation != requested_) {
        recycle(overlay);
        return;
    }
    delivered_ = generation;
    emit rendered(overlay, zoomedOut);
}

} // namespace diffcut::ui
