#pragma once
// Dropping the last reference to a full-resolution result frees hundreds of megabytes (the label
// maps of a 108-megapixel image are 432 MB each; unmapping them takes tens of milliseconds): that
// happens on a pool thread, never on the UI thread.
#include <QThreadPool>

#include <memory>
#include <utility>

namespace diffcut::ui {

template <typename T>
void releaseInBackground(std::shared_ptr<T> pointer) {
    if (!pointer || pointer.use_count() > 1) // someone else holds it: dropping ours frees nothing
        return;
    QThreadPool::globalInstance()->start([pointer = std::move(pointer)]() mutable { pointer.reset(); });
}

} // namespace diffcut::ui
