#include "segmentation/affinity.h"

#include "common/blas_threads.h"
#include "common/error.h"
#include "common/huge_pages.h"
#include "common/parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>

namespace diffcut {

namespace {

// The one product big enough to want BLAS (N² x C: 21 GFLOP at 64x64x1280). It calls the system
// BLAS directly — OpenBLAS on Debian dispatches AVX2/AVX-512 at run time — instead of routing all
// of Eigen through BLAS. The lower triangle is cut into column panels that our own threads take on
// demand (common/parallel.h), each a BLAS call on its caller (common/blas_threads.h): OpenBLAS's
// own threads spin-wait against a competing process, linger after the call, and give other bits.
extern "C" void ssyrk_(const char *uplo, const char *trans, const int *n, const int *k, const float *alpha,
                       const float *a, const int *lda, const float *beta, float *c, const int *ldc);
extern "C" void sgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
                       const float *alpha, const float *a, const int *lda, const float *b, const int *ldb,
                       const float *beta, float *c, const int *ldc);

constexpr int kPanel = 128;

// lower(S) = Uᵀ U for U = C x N (column n = pixel n); the strict upper triangle is left undefined.
void lowerGram(const Eigen::MatrixXf &u, Eigen::MatrixXf &s) {
    const int n = int(u.cols()), k = int(u.rows());
    const float one = 1.0f, zero = 0.0f;
    const BlasOnCallingThreads blas;
    // Panel p covers columns [p·kPanel, …) from its diagonal block down; the first are the largest.
    parallelFor((n + kPanel - 1) / kPanel, 1, [&](int first, int end) {
        for (int panel = first; panel < end; ++panel) {
            const int j0 = panel * kPanel, width = std::min(kPanel, n - j0), below = n - j0 - width;
            const float *columns = u.data() + std::size_t(j0) * k;
            float *block = s.data() + std::size_t(j0) * n + j0;
            ssyrk_("L", "T", &width, &k, &one, columns, &k, &zero, block, &n);
            if (below > 0)
                sgemm_("T", "N", &below, &width, &k, &one, columns + std::size_t(width) * k, &k, columns, &k, &zero,
                       block + width, &n);
        }
    });
}

float integerPower(float base, long exponent) {
    float result = 1.0f;
    while (exponent > 0) {
        if (exponent & 1)
            result *= base;
        base *= base;
        exponent >>= 1;
    }
    return result;
}

// Columns per chunk of the element-wise passes over an N x N matrix.
int columnGrain(Eigen::Index n) { return std::max(1, int((std::size_t(1) << 16) / std::size_t(std::max<Eigen::Index>(n, 1)))); }

} // namespace

CosineAffinity::CosineAffinity(const FeatureMap &features, const WorkControl &control)
    : height_(features.height), width_(features.width) {
    validateFeatures(features);
    control.report(0.0, "affinity");
    const Eigen::MatrixXf unit = features.unitPixelColumns();
    control.checkpoint();
    normalized_.resize(unit.cols(), unit.cols());
    adviseHugePages(normalized_.data(), std::size_t(normalized_.size()) * sizeof(float));
    lowerGram(unit, normalized_);
    normalize(control);
}

CosineAffinity::CosineAffinity(const Eigen::MatrixXf &unitColumns, int height, int width, const WorkControl &control)
    : height_(height), width_(width) {
    if (unitColumns.rows() <= 0 || unitColumns.cols() <= 0 || unitColumns.cols() != Eigen::Index(height) * width)
        throw Error("affinity: the unit features do not match the " + std::to_string(width) + "x" +
                    std::to_string(height) + " grid");
    control.report(0.0, "affinity");
    normalized_.resize(unitColumns.cols(), unitColumns.cols());
    adviseHugePages(normalized_.data(), std::size_t(normalized_.size()) * sizeof(float));
    lowerGram(unitColumns, normalized_);
    normalize(control);
}

// S = Uᵀ U is symmetric: the lower half is computed (at half the cost of a general product); min
// and max over it equal those over all N² entries. Then (S − min)/(max − min), mirrored up.
void CosineAffinity::normalize(const WorkControl &control) {
    control.checkpoint();
    const Eigen::Index n = normalized_.rows();
    const int grain = columnGrain(n);
    std::mutex extremaMutex;
    float lowest = std::numeric_limits<float>::infinity(), highest = -lowest;
    parallelFor(int(n), grain, [&](int first, int end) {
        float low = std::numeric_limits<float>::infinity(), high = -low;
        for (Eigen::Index j = first; j < end; ++j) {
            const auto column = normalized_.col(j).tail(n - j);
            low = std::min(low, column.minCoeff());
            high = std::max(high, column.maxCoeff());
        }
        const std::lock_guard lock(extremaMutex);
        lowest = std::min(lowest, low);
        highest = std::max(highest, high);
    });
    constant_ = !(highest > lowest);
    if (constant_) {
        normalized_.setOnes();
    } else {
        const float range = highest - lowest;
        parallelFor(int(n), grain, [&](int first, int end) {
            for (Eigen::Index j = first; j < end; ++j) {
                auto column = normalized_.col(j).tail(n - j);
                column = (column.array() - lowest) / range;
            }
        });
        // Upper from lower in square tiles, so both sides of the copy stay in cache.
        constexpr int kTile = 64;
        parallelFor(int((n + kTile - 1) / kTile), 1, [&](int first, int end) {
            for (Eigen::Index j0 = Eigen::Index(first) * kTile; j0 < std::min<Eigen::Index>(n, Eigen::Index(end) * kTile); j0 += kTile)
                for (Eigen::Index i0 = 0; i0 <= j0; i0 += kTile) {
                    const Eigen::Index cols = std::min<Eigen::Index>(kTile, n - j0), rows = std::min<Eigen::Index>(kTile, n - i0);
                    for (Eigen::Index j = j0; j < j0 + cols; ++j)
                        for (Eigen::Index i = i0; i < std::min(i0 + rows, j); ++i)
                            normalized_(i, j) = normalized_(j, i);
                }
        });
    }
    control.report(1.0, "affinity");
}

Eigen::MatrixXf raiseAffinity(const Eigen::MatrixXf &normalized, double alpha) {
    if (!(alpha >= kMinAlpha && alpha <= kMaxAlpha))
        throw Error("alpha must be between " + std::to_string(int(kMinAlpha)) + " and " +
                    std::to_string(int(kMaxAlpha)) + " (got " + std::to_string(alpha) + ")");
    Eigen::MatrixXf raised(normalized.rows(), normalized.cols());
    adviseHugePages(raised.data(), std::size_t(raised.size()) * sizeof(float));
    const std::size_t rows = std::size_t(normalized.rows());
    const bool integer = alpha == std::floor(alpha);
    const long exponent = long(alpha);
    const float power = float(alpha);
    parallelFor(int(normalized.cols()), columnGrain(normalized.rows()), [&](int first, int end) {
        const float *in = normalized.data() + rows * std::size_t(first);
        float *out = raised.data() + rows * std::size_t(first);
        const std::size_t count = rows * std::size_t(end - first);
        if (integer)
            for (std::size_t i = 0; i < count; ++i)
                out[i] = integerPower(in[i], exponent);
        else
            for (std::size_t i = 0; i < count; ++i)
                out[i] = std::pow(in[i], power);
    });
    return raised;
}

} // namespace diffcut
