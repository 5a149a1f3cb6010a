#pragma once
// --clip MODEL --classes-file F [--min-score S] [--clip-size N] of `segment` and `batch`: the
// segments named with an OpenCLIP model, as `classify` names them, written as their classes.
#include "cli_common.h"
#include "naming/name_segments.h"
#include "naming/segment_namer.h"

#include <memory>
#include <string>
#include <vector>

namespace diffcut {

struct NamingOptions {
    std::string clip, classesFile;
    double minScore = 0;
    int clipSize = 1024;
};

void addNamingOptions(CLI::App &command, NamingOptions &options);
// --clip-size, as `classify`, `segment` and `batch` take it.
void addClipSizeOption(CLI::App &command, int &clipSize);

// The model and the classifier of the class file, loaded once; empty without --clip.
struct SegmentNaming {
    std::unique_ptr<SegmentNamer> namer;
    TextClassifier classifier;
    double minScore = 0;
    explicit operator bool() const { return bool(namer); }
};
// Reads the class file first, then loads the model (on --device, caching in --cache).
SegmentNaming loadSegmentNaming(const NamingOptions &options, const EncoderOptions &encoder);
// A value for the outputs' settings record: the model, the class file's content and the options.
std::string describeNaming(const NamingOptions &options);

// Names the unlabelled segments of `annotation` (of the image `rgb`) whose class is probable
// enough; `classIds` from joinNamedClasses on the list the annotation was made from. Returns
// every segment's scores, by label.
std::vector<SegmentScores> nameAnnotation(const SegmentNaming &naming, const cv::Mat3b &rgb, Annotation &annotation,
                                          const ClassList &list, const std::vector<ClassId> &classIds);

} // namespace diffcut
