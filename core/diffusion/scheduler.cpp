#include "diffusion/scheduler.h"

#include "common/error.h"
#include "common/json_file.h"
#include "common/json_reader.h"
#include "common/linspace.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace diffcut {
namespace {

// diffusers' schedules have 1000 steps; the bound keeps a hostile count from allocating much.
constexpr long long kMaxTrainTimesteps = 100000;

// A noise variance: 0 <= beta < 1, so that every ᾱ_t = Π(1 − β) stays positive.
bool isBeta(double beta) { return beta >= 0.0 && beta < 1.0; }

} // namespace

NoiseSchedule NoiseSchedule::fromConfig(const std::filesystem::path &schedulerConfig) {
    const JsonObject config = JsonObject::readFile(schedulerConfig);
    const auto beta = [&](std::string_view key) {
        const double value = config.number(key, std::nullopt);
        if (!isBeta(value))
            config.fail(key, "must be a number from 0 to below 1, not " + jsonExcerpt(value));
        return value;
    };

    std::vector<float> betas;
    if (const nlohmann::json *trained = config.array("trained_betas")) {
        if (trained->empty() || trained->size() > std::size_t(kMaxTrainTimesteps) ||
            !std::all_of(trained->begin(), trained->end(), [](const auto &b) { return b.is_number() && isBeta(b.template get<double>()); }))
            config.fail("trained_betas", "must be a list of 1 to " + std::to_string(kMaxTrainTimesteps) +
                                             " numbers from 0 to below 1");
        for (const auto &trainedBeta : *trained)
            betas.push_back(trainedBeta.get<float>());
    } else {
        const int count = int(config.integer("num_train_timesteps", std::nullopt, 1, kMaxTrainTimesteps));
        const std::string schedule = config.string("beta_schedule", "linear");
        const double start = beta("beta_start"), end = beta("beta_end");
        if (schedule == "scaled_linear") {
            // linspace of the square roots (computed in double by Python, then float32), squared.
            betas = torchLinspace(float(std::sqrt(start)), float(std::sqrt(end)), count);
            for (float &b : betas)
                b = b * b;
        } else if (schedule == "linear") {
            betas = torchLinspace(float(start), float(end), count);
        } else {
            config.fail("beta_schedule", "'" + schedule + "' is not supported (scaled_linear or linear)");
        }
    }
    NoiseSchedule result;
    float product = 1.0f;
    for (float b : betas) {
        product *= 1.0f - b; // sequential float32 product, as torch.cumprod on CPU
        result.alphasCumprod.push_back(product);
    }
    return result;
}

float NoiseSchedule::alphaCumprod(int timestep) const {
    if (timestep < 0 || timestep >= int(alphasCumprod.size()))
        throw Error("timestep " + std::to_string(timestep) + " is outside the schedule (0-" +
                    std::to_string(alphasCumprod.size() - 1) + ")");
    return alphasCumprod[timestep];
}

} // namespace diffcut
