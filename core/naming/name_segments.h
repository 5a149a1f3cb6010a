#pragma once
// CLIP's classes written into an annotation, as `diffcut segment` and `diffcut batch` do with
// --clip: the class file's classes joined to the project's list, then each unlabelled segment
// given the class its scores choose when that class is probable enough. Segments the user
// labelled keep their class.
#include "annotation/annotation.h"
#include "annotation/class_list.h"
#include "naming/segment_scores.h"

#include <string>
#include <vector>

namespace diffcut {

// The id of each class (`TextClassifier::classNames`: the first synonyms) in `list`: the current
// class of that name, else one added with a palette colour. In the classifier's order.
std::vector<ClassId> joinNamedClasses(ClassList &list, const std::vector<std::string> &classNames);

// Sets segmentClass of every unlabelled segment whose best class has a probability of at least
// `minScore` (`classIds` from joinNamedClasses on the list `annotation.classes` was made from).
// Returns how many segments were named.
int applySegmentNames(Annotation &annotation, const ClassList &list, const std::vector<ClassId> &classIds,
                      const std::vector<SegmentScores> &scores, double minScore);

} // namespace diffcut
