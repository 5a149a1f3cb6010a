#pragma once
// The window's pipeline and an export share one encoder (a diffusion model takes gigabytes);
// its encode is not made to run twice at once, so calls take turns.
#include "features/feature_encoder.h"

#include <memory>
#include <mutex>

namespace diffcut::ui {

class SerializedEncoder final : public FeatureEncoder {
public:
    explicit SerializedEncoder(std::unique_ptr<FeatureEncoder> inner) : inner_(std::move(inner)) {}
    std::string id() const override { return inner_->id(); }
    std::string description() const override { return inner_->description(); }
    FeatureIdentity identity() const override { return inner_->identity(); }
    FeatureMap encode(const cv::Mat3b &rgb, const WorkControl &control = {}) const override {
        const std::lock_guard lock(mutex_);
        return inner_->encode(rgb, control);
    }

private:
    std::unique_ptr<FeatureEncoder> inner_;
    mutable std::mutex mutex_;
};

} // namespace diffcut::ui
