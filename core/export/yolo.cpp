#include "export/yolo.h"

#include "export/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace diffcut {

void writeYoloLabels(const std::filesystem::path &path, cv::Size imageSize, const std::vector<ExportInstance> &instances) {
    std::string text;
    char number[32];
    for (const ExportInstance &instance : instances) {
        const Polygon polygon = joinPolygons(instance.polygons);
        if (polygon.empty())
            continue;
        text += std::to_string(instance.classIndex);
        for (const cv::Point &point : polygon) {
            std::snprintf(number, sizeof number, " %.6f %.6f", (point.x + 0.5) / imageSize.width,
                          (point.y + 0.5) / imageSize.height);
            text += number;
        }
        text += '\n';
    }
    writeTextFileAtomically(path, text);
}

void writeYoloDataYaml(const std::filesystem::path &path, const std::vector<std::string> &classNames) {
    // Ultralytics resolves a relative `path` against its own datasets folder, not this file's: the
    // dataset's folder is written absolute (edit it after moving the dataset).
    std::error_code status;
    const std::filesystem::path folder = std::filesystem::absolute(path.parent_path(), status).lexically_normal();
    std::string yaml = "# YOLO segmentation dataset written by DiffCut Studio: images/ beside labels/, same names.\n"
                       "path: " + nlohmann::json(folder.generic_string()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
                       "\ntrain: images\n"
                       "val: images\n"
                       "nc: "
                       + std::to_string(classNames.size()) + "\nnames:\n";
    for (const std::string &name : classNames) // a JSON string is a valid YAML double-quoted scalar
        yaml += "  - " + nlohmann::json(name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    writeTextFileAtomically(path, yaml);
}

} // namespace diffcut
