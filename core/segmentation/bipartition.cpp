#include "segmentation/bipartition.h"

#include "common/error.h"
#include "common/linspace.h"
#include "common/parallel.h"

#include <Eigen/Eigenvalues>
#include <Spectra/SymEigsSolver.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace diffcut {
namespace {

// Regions from this size on split each product over threads (common/parallel.h): one product
// then reads megabytes, far more than a thread costs to start. Smaller regions run on one
// thread; the tree evaluates sibling regions in parallel instead.
constexpr int kParallelRegion = 2048;

// The region's affinity W_R and its degrees. The whole graph (the root) is W itself, not a copy.
struct RegionGraph {
    const Eigen::MatrixXf *weights = nullptr; // W_R, n x n
    Eigen::MatrixXf gathered;                 // W_R when the region is not the whole graph
    Eigen::VectorXd degree;                   // d_i = Σ_j W_ij over the region, self-loop included
    Eigen::VectorXd invSqrtDegree;            // 0 for an isolated pixel (d = 0)
};

// Σ_i column[i]·x[i] in double, vectorised (the reduction may be reordered: a few ulp of double).
__attribute__((target_clones("avx512f", "avx2", "default")))
double dot(const float *column, const double *x, Eigen::Index n) {
    double sum = 0.0;
#pragma omp simd reduction(+ : sum)
    for (Eigen::Index i = 0; i < n; ++i)
        sum += double(column[i]) * x[i];
    return sum;
}

bool isWholeGraph(const Eigen::MatrixXf &affinity, const std::vector<int> &region) {
    return Eigen::Index(region.size()) == affinity.rows() && region.front() == 0 && region.back() == int(region.size()) - 1;
}

RegionGraph regionGraph(const Eigen::MatrixXf &affinity, const std::vector<int> &region) {
    const int n = int(region.size());
    RegionGraph graph;
    if (isWholeGraph(affinity, region)) { // ascending and complete: the identity
        graph.weights = &affinity;
    } else {
        graph.gathered.resize(n, n);
        for (int j = 0; j < n; ++j) {
            const float *source = affinity.col(region[j]).data();
            float *target = graph.gathered.col(j).data();
            for (int i = 0; i < n; ++i)
                target[i] = source[region[i]];
        }
        graph.weights = &graph.gathered;
    }
    graph.degree.resize(n);
    const Eigen::VectorXd ones = Eigen::VectorXd::Ones(n);
    parallelFor(n, 64, [&](int first, int end) {
        for (int j = first; j < end; ++j) // W is symmetric: column sums are row sums
            graph.degree[j] = dot(graph.weights->col(j).data(), ones.data(), n);
    }, n >= kParallelRegion ? 0 : 1);
    graph.invSqrtDegree = graph.degree.unaryExpr([](double d) { return d > 0.0 ? 1.0 / std::sqrt(d) : 0.0; });
    return graph;
}

// x ↦ (M − 2 u₁u₁ᵀ) x for the normalised affinity M = D^-½ W_R D^-½, applied as D^-½ (W_R (D^-½ x))
// in double without forming M. M's eigenvalues lie in [−1, 1] and u₁ = D^½·1/‖D^½·1‖ is its
// eigenvector for 1; the deflation moves that one to −1, so the largest algebraic eigenvalue of
// this operator is λ₂ of M — the Fiedler pair of the normalised Laplacian I − M.
class DeflatedOperator {
public:
    using Scalar = double;
    DeflatedOperator(const RegionGraph &graph, Eigen::VectorXd trivial)
        : graph_(graph), trivial_(std::move(trivial)), scaled_(graph.degree.size()) {}
    Eigen::Index rows() const { return graph_.degree.size(); }
    Eigen::Index cols() const { return graph_.degree.size(); }
    void perform_op(const double *in, double *out) const {
        const Eigen::Index n = rows();
        const Eigen::Map<const Eigen::VectorXd> x(in, n);
        const double projection = 2.0 * trivial_.dot(x);
        scaled_ = graph_.invSqrtDegree.cwiseProduct(x);
        parallelFor(int(n), 64, [&](int first, int end) {
            for (int j = first; j < end; ++j) // W_R symmetric: column j = row j
                out[j] = graph_.invSqrtDegree[j] * dot(graph_.weights->col(j).data(), scaled_.data(), n) -
                         projection * trivial_[j];
        }, n >= kParallelRegion ? 0 : 1);
    }

private:
    const RegionGraph &graph_;
    Eigen::VectorXd trivial_;
    mutable Eigen::VectorXd scaled_;
};

Eigen::VectorXd denseSecondEigenvector(const RegionGraph &graph) {
    const Eigen::MatrixXd matrix =
        graph.invSqrtDegree.asDiagonal() * graph.weights->cast<double>() * graph.invSqrtDegree.asDiagonal();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(matrix);
    if (solver.info() != Eigen::Success)
        throw Error("eigen-decomposition failed for a region of " + std::to_string(matrix.rows()) + " pixels");
    return solver.eigenvectors().col(matrix.rows() - 2); // eigenvalues ascending: second largest
}

Eigen::VectorXd lanczosSecondEigenvector(const RegionGraph &graph, const WorkControl &control) {
    const Eigen::Index n = graph.degree.size();
    Eigen::VectorXd trivial = graph.degree.cwiseSqrt();
    trivial /= trivial.norm();
    DeflatedOperator op(graph, trivial);
    // A first attempt sized for the usual well-separated λ₂, then a larger subspace for clustered
    // spectra; the dense solver is the last resort because it is O(n³).
    const struct {
        Eigen::Index subspace;
        Eigen::Index iterations;
    } attempts[] = {{20, 300}, {60, 2000}};
    for (const auto &attempt : attempts) {
        control.checkpoint();
        Spectra::SymEigsSolver<DeflatedOperator> solver(op, 1, std::min<Eigen::Index>(attempt.subspace, n));
        solver.init();
        solver.compute(Spectra::SortRule::LargestAlge, attempt.iterations, 1e-7);
        if (solver.info() == Spectra::CompInfo::Successful)
            return solver.eigenvectors().col(0);
    }
    return denseSecondEigenvector(graph);
}

} // namespace

Bipartition bestBipartition(const Eigen::MatrixXf &affinity, const std::vector<int> &region,
                            const WorkControl &control) {
    constexpr double kUnsplittable = std::numeric_limits<double>::infinity();
    const int n = int(region.size());
    if (n < 2)
        return {kUnsplittable, {}};

    const RegionGraph normalized = regionGraph(affinity, region);
    const Eigen::VectorXd u = n <= kDenseEigenLimit ? denseSecondEigenvector(normalized)
                                                    : lanczosSecondEigenvector(normalized, control);
    // Generalised eigenvector of (D − W)v = λDv, sign fixed so that the largest |v_i| (first
    // occurrence) is positive; compared in float32 like the official sweep.
    Eigen::VectorXf v = normalized.invSqrtDegree.cwiseProduct(u).cast<float>();
    Eigen::Index largest = 0;
    v.cwiseAbs().maxCoeff(&largest);
    if (v[largest] < 0)
        v = -v;
    if (!v.allFinite())
        throw Error("spectral bipartition produced non-finite values for a region of " + std::to_string(n) + " pixels");

    // Every threshold's on-set {v > t} is a prefix of the pixels sorted by decreasing v, so one
    // pass over the half matrix gives the association of every prefix: O(n²) instead of the
    // official 100 dense quadratic forms.
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return v[a] > v[b]; });

    const std::vector<float> thresholds = torchLinspace(0.99f * v.minCoeff(), 0.99f * v.maxCoeff(), kSweepThresholds);
    std::vector<int> prefixSizes(kSweepThresholds);
    for (int k = 0; k < kSweepThresholds; ++k)
        prefixSizes[k] = int(std::count_if(v.begin(), v.end(), [&](float x) { return x > thresholds[k]; }));

    const int longestPrefix = *std::max_element(prefixSizes.begin(), prefixSizes.end());
    std::vector<double> volume(n + 1, 0.0), association(n + 1, 0.0);
    const Eigen::MatrixXf &weights = *normalized.weights; // indexed by position in the region
    for (int m = 0; m < longestPrefix; ++m) {
        const float *column = weights.col(order[m]).data();
        double toPrefix = 0.0;
        for (int a = 0; a < m; ++a)
            toPrefix += column[order[a]];
        association[m + 1] = association[m] + 2.0 * toPrefix + column[order[m]];
        volume[m + 1] = volume[m] + normalized.degree[order[m]];
    }
    const double totalVolume = normalized.degree.sum();

    double bestNcut = kUnsplittable;
    int bestSize = 0;
    for (int k = 0; k < kSweepThresholds; ++k) {
        const int m = prefixSizes[k];
        if (m == 0 || m == n)
            continue; // one-sided: never a split (the official code can accept one by rounding)
        const double cut = std::max(0.0, volume[m] - association[m]);
        const double ncut = cut / volume[m] + cut / (totalVolume - volume[m]);
        if (ncut < bestNcut) {
            bestNcut = ncut;
            bestSize = m;
        }
    }
    if (bestSize == 0)
        return {kUnsplittable, {}};

    Bipartition result{bestNcut, {}};
    result.onSet.reserve(bestSize);
    for (int a = 0; a < bestSize; ++a)
        result.onSet.push_back(region[order[a]]);
    std::sort(result.onSet.begin(), result.onSet.end());
    return result;
}

} // namespace diffcut
