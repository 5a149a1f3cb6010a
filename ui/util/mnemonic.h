#pragma once
// Menu texts carry keyboard mnemonics: "&Open…" in English, "打开(&O)…" in Chinese and Japanese.
// Toolbars and lists show the text without them.
#include <QString>

namespace diffcut::ui {

// "&Open Folder…" → "Open Folder…"; "打开图像(&O)…" → "打开图像…"; "Save && Close" → "Save & Close".
QString withoutMnemonic(const QString &text);

} // namespace diffcut::ui
