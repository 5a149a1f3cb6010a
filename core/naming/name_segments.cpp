#include "naming/name_segments.h"

namespace diffcut {

std::vector<ClassId> joinNamedClasses(ClassList &list, const std::vector<std::string> &classNames) {
    std::vector<ClassId> ids;
    for (const std::string &name : classNames) {
        const std::optional<ClassId> existing = list.idOfName(name);
        ids.push_back(existing ? *existing : addClass(list, name, defaultClassColour(int(list.classes.size()))));
    }
    return ids;
}

int applySegmentNames(Annotation &annotation, const ClassList &list, const std::vector<ClassId> &classIds,
                      const std::vector<SegmentScores> &scores, double minScore) {
    int named = 0;
    for (const SegmentScores &score : scores) {
        if (score.label < 0 || score.label >= annotation.segmentCount() ||
            annotation.segmentClass[std::size_t(score.label)] != Annotation::kUnlabelled ||
            std::size_t(score.classIndex) >= classIds.size() ||
            score.probabilities[std::size_t(score.classIndex)] < minScore)
            continue;
        const int index = list.indexOf(classIds[std::size_t(score.classIndex)]);
        if (index < 0)
            continue;
        annotation.segmentClass[std::size_t(score.label)] = index;
        ++named;
    }
    return named;
}

} // namespace diffcut
