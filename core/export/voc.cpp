#include "export/voc.h"

#include "common/error.h"
#include "export/atomic_file.h"
#include "export/label_png.h"

#include <array>
#include <functional>

namespace diffcut {
namespace {

constexpr std::array<std::pair<UnlabelledPixels, std::string_view>, 3> kNames{{
    {UnlabelledPixels::Background, "background"},
    {UnlabelledPixels::Void, "void"},
    {UnlabelledPixels::Segment, "segment"},
}};

// The value of an unlabelled segment's pixels, or −1 when it is exported as an object of its own.
int unlabelledValue(UnlabelledPixels unlabelled) {
    switch (unlabelled) {
    case UnlabelledPixels::Background: return 0;
    case UnlabelledPixels::Void: return 255;
    case UnlabelledPixels::Segment: break;
    }
    return -1;
}

void writeIdPng(const std::filesystem::path &path, cv::Size imageSize, const std::vector<ExportInstance> &instances,
                UnlabelledPixels unlabelled, const std::function<int(const ExportInstance &)> &idOf) {
    LabelMap ids(imageSize, 0);
    const int unlabelledId = unlabelledValue(unlabelled);
    for (const ExportInstance &instance : instances)
        ids(instance.box).setTo(instance.labelled || unlabelledId < 0 ? idOf(instance) : unlabelledId, instance.mask);
    writeLabelPng(path, ids);
}

} // namespace

void writeVocClassPng(const std::filesystem::path &path, cv::Size imageSize, const std::vector<ExportInstance> &instances,
                      UnlabelledPixels unlabelled) {
    writeIdPng(path, imageSize, instances, unlabelled, [](const ExportInstance &instance) { return instance.classIndex + 1; });
}

void writeVocObjectPng(const std::filesystem::path &path, cv::Size imageSize, const std::vector<ExportInstance> &instances,
                       UnlabelledPixels unlabelled) {
    writeIdPng(path, imageSize, instances, unlabelled, [](const ExportInstance &instance) { return instance.objectId; });
}

void writeVocClassNames(const std::filesystem::path &path, std::vector<std::string> classNames,
                        UnlabelledPixels unlabelled) {
    if (unlabelled != UnlabelledPixels::Segment && !classNames.empty() && classNames.back() == kGenericSegmentClass)
        classNames.pop_back();
    std::string text = "_background_\n";
    for (const std::string &name : classNames)
        text += name + "\n";
    writeTextFileAtomically(path, text);
}

std::string_view unlabelledPixelsName(UnlabelledPixels unlabelled) {
    for (const auto &[value, name] : kNames)
        if (value == unlabelled)
            return name;
    return "background";
}

UnlabelledPixels parseUnlabelledPixels(std::string_view name) {
    for (const auto &[value, known] : kNames)
        if (known == name)
            return value;
    throw Error("unlabelled pixels '" + std::string(name) + "': expected background, void or segment");
}

} // namespace diffcut
