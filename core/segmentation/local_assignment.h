#pragma once
// Local decisions stay local. The automatic segmentation of a cut at τ assigns every full-resolution
// pixel to the best of all leaves (the official assignment; refined or not). A local decision must
// change only the pixels it is about — a split divides one segment and nothing else moves — so the
// map of the cut with decisions is derived from the automatic one:
//  - a final leaf at or above automatic leaves is the union of their pixels (coarsen, keep whole);
//  - the pixels of an automatic leaf that is split further are divided down its own subtree: at
//    each split node, between its two children, by the sign of the bilinearly upsampled difference
//    of their scores (the two-segment case of the official argmax).
// So splitting a leaf reassigns only its pixels, coarsening changes only the pixels of the node it
// restores, and without decisions the result is the automatic map itself.
#include "segmentation/assignment.h"
#include "segmentation/partition_tree.h"

#include <vector>

namespace diffcut {

// automaticMap: labels 0..automaticLeaves−1 at the output size; automaticLeaves / finalLeaves: the
// tree's leaves cut at the same τ without and with the decisions. Returns labels 0..finalLeaves−1
// (finalLeaves' order). Throws Error when the two cuts are not of one tree (a final leaf neither
// above nor below an automatic leaf).
LabelMap assignLocally(const PartitionTree &tree, const ConceptAssigner &assigner, const LabelMap &automaticMap,
                       const std::vector<int> &automaticLeaves, const std::vector<int> &finalLeaves);

} // namespace diffcut
