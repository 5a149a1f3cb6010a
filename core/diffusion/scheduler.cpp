#include "diffusion/scheduler.h"

#include "common/error.h"
#include "common/json_file.h"
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
    const std::string name = schedulerConfig.string();
    const nlohmann::json config = readJsonFile(schedulerConfig);
    if (!config.is_object())
        throw Error(name + ": not a JSON object");
    const auto fail = [&](const std::string &key, const std::string &rule) {
        throw Error(name + ": '" + key + "' " + rule + (config.contains(key) ? ", not " + jsonExcerpt(config[key]) : ""));
    };
    auto beta = [&](const char *key) {
        if (!config.contains(key) || !config[key].is_number() || !isBeta(config[key].get<double>()))
            fail(key, "must be a number from 0 to below 1");
        return config[key].get<double>();
    };

    std::vector<float> betas;
    if (config.contains("trained_betas") && !config["trained_betas"].is_null()) {
        const nlohmann::json &trained = config["trained_betas"];
        if (!trained.is_array() || trained.empty() || trained.size() > std::size_t(kMaxTrainTimesteps) ||
            !std::all_of(trained.begin(), trained.end(), [](const auto &b) { return b.is_number() && isBeta(b.template get<double>()); }))
            fail("trained_betas", "must be a list of 1 to " + std::to_string(kMaxTrainTimesteps) +
                                      " numbers from 0 to below 1");
        for (const auto &trainedBeta : trained)
            betas.push_back(trainedBeta.get<float>());
    } else {
        const nlohmann::json steps = config.contains("num_train_timesteps") ? config["num_train_timesteps"] : nlohmann::json();
        if (!steps.is_number_integer() || steps.get<long long>() < 1 || steps.get<long long>() > kMaxTrainTimesteps)
            fail("num_train_timesteps", "must be an integer from 1 to " + std::to_string(kMaxTrainTimesteps));
        const int count = steps.get<int>();
        const nlohmann::json schedule = config.contains("beta_schedule") ? config["beta_schedule"] : nlohmann::json("linear");
        const double start = beta("beta_start"), end = beta("beta_end");
        if (schedule == "scaled_linear") {
            // linspace of the square roots (computed in double by Python, then float32), squared.
            betas = torchLinspace(float(std::sqrt(start)), float(std::sqrt(end)), count);
            for (float &b : betas)
                b = b * b;
        } else if (schedule == "linear") {
            betas = torchLinspace(float(start), float(end), count);
        } else {
            fail("beta_schedule", "is not supported (scaled_linear or linear)");
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
