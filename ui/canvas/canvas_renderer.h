#pragma once
// The segment overlay, rasterised off the UI thread so that a τ step on a 12-megapixel image
// never freezes the window. Latest wins: a request replaces the one still waiting, and an overlay
// the canvas has asked past is never delivered. Results come back on the UI thread (rendered()).
// Thread safety: the public functions are for the thread the renderer lives in (the UI thread);
// the render thread shares only the waiting job and the spare buffer, under mutex_.
#include "presenter/overlay_raster.h"

#include <QObject>
#include <QThreadPool>

#include <cstdint>
#include <mutex>
#include <optional>

namespace diffcut::ui {

class CanvasRenderer : public QObject {
    Q_OBJECT
public:
    explicit CanvasRenderer(QObject *parent = nullptr);
    ~CanvasRenderer() override; // waits for the overlay being rendered

    // `labels` must not be written to afterwards (cv::Mat shares its data).
    void render(const cv::Mat1i &labels, const OverlayStyle &style);
    void discard(); // what was asked is no longer wanted
    // An overlay the canvas no longer shows: the next one is written into it (no fresh buffer, no
    // page faults, per τ step).
    void recycle(QImage overlay);
    // No overlay to recycle yet (the first of an image): a buffer of `size` is made in advance on
    // the render thread, so that the next τ step is not the one that page-faults it in (≈ 100 ms
    // for the 48 MB of a 12-megapixel overlay).
    void prepareSpare(QSize size);
    bool busy() const; // an overlay asked for has not been delivered yet

signals:
    // zoomedOut: the overlay of the labels sampled down to zoomedOutSize() (nearest neighbour),
    // for painting zoomed out; null when the overlay is no larger.
    void rendered(const QImage &overlay, const QImage &zoomedOut);

private:
    struct Job {
        std::uint64_t generation;
        cv::Mat1i labels;
        OverlayStyle style;
    };
    void runJobs(); // on the render thread, until nothing waits
    void deliver(std::uint64_t generation, const QImage &overlay, const QImage &zoomedOut);

    QThreadPool thread_;
    std::uint64_t requested_ = 0; // the newest request's generation
    std::uint64_t delivered_ = 0; // the newest generation shown or discarded

    std::mutex mutex_;
    std::optional<Job> waiting_;
    bool running_ = false;
    QImage spare_;
    QSize spareWanted_;
};

} // namespace diffcut::ui
