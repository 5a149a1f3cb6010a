#pragma once
// The GUI's language: our translations (diffcut_studio_<lang>.qm) and Qt's own for its dialogs.
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace diffcut::ui {

// Installs the translators for `language` ("en", "de", "zh_CN", ...; empty = QLocale::system()),
// replacing those of an earlier call: ours, looked up in <exe dir>/../share/diffcut-studio/translations
// (installed), then in the build tree, English (the source texts' plural forms) when none matched; and,
// when ours loaded, Qt's qtbase_<lang>.qm from QLibraryInfo's translations path. Returns the language
// actually loaded, "en" when none matched.
QString installTranslations(QCoreApplication &app, const QString &language);

// "en" (the texts in the sources) and every language with a .qm file where installTranslations looks.
QStringList availableLanguages();

} // namespace diffcut::ui
