#pragma once
// The one definition of the granularity parameters' ranges and defaults: the CLI, the sidecar
// reader, the settings, the panel and the session all take them from here, so no front end can
// show a value other than the one used.
namespace diffcut {

// τ: a region is split while the NCut of its best bipartition is below τ; an NCut lies in [0, 2].
inline constexpr double kMinTau = 0.0;
inline constexpr double kMaxTau = 2.0;
inline constexpr double kDefaultTau = 0.5;

// α: W = (min–max normalised cosine)^α. The paper uses 1–20; the official default is 10.
inline constexpr double kMinAlpha = 1.0;
inline constexpr double kMaxAlpha = 50.0;
inline constexpr double kDefaultAlpha = 10.0;

inline bool validTau(double tau) { return tau >= kMinTau && tau <= kMaxTau; }
inline bool validAlpha(double alpha) { return alpha >= kMinAlpha && alpha <= kMaxAlpha; }

} // namespace diffcut
