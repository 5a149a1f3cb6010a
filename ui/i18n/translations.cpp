#include "i18n/translations.h"

#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace diffcut::ui {

namespace {

const QString kFilePrefix = "diffcut_studio";
const QString kTranslatorName = "diffcut-translator";

QStringList translationFolders() {
    return {QCoreApplication::applicationDirPath() + "/../share/diffcut-studio/translations",
            QStringLiteral(DIFFCUT_BUILD_TRANSLATIONS_DIR)};
}

// "…/diffcut_studio_zh_CN.qm" → "zh_CN".
QString languageOfFile(const QString &path) {
    return QFileInfo(path).completeBaseName().mid(kFilePrefix.size() + 1);
}

// Our translator for `locale`, or null when no folder has a file for it. QTranslator tries each of
// the locale's UI languages, most specific name first (de_AT, de).
std::unique_ptr<QTranslator> loadOurs(const QLocale &locale) {
    auto translator = std::make_unique<QTranslator>();
    for (const QString &folder : translationFolders())
        if (translator->load(locale, kFilePrefix, "_", folder))
            return translator;
    return nullptr;
}

} // namespace

QString installTranslations(QCoreApplication &app, const QString &language) {
    for (QTranslator *earlier : app.findChildren<QTranslator *>(kTranslatorName, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(earlier);
        delete earlier;
    }

    // English has a file too: the plural forms of the source texts ("%n segment(s)" → "1 segment"),
    // so it is also what a language without a translation falls back to.
    const QLocale requested = language.isEmpty() ? QLocale::system() : QLocale(language);
    std::unique_ptr<QTranslator> ours = loadOurs(requested);
    if (!ours)
        ours = loadOurs(QLocale(QLocale::English));
    if (!ours)
        return "en";
    const QString loadedLanguage = languageOfFile(ours->filePath());
    ours->setObjectName(kTranslatorName);
    ours->setParent(&app);
    QCoreApplication::installTranslator(ours.release());

    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(loadedLanguage), "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        qt->setObjectName(kTranslatorName);
        qt->setParent(&app);
        QCoreApplication::installTranslator(qt.release());
    }
    // Numbers are written as the language shown writes them (the system's own variant of it when
    // the system speaks it: de_CH stays de_CH).
    const QLocale numbers(loadedLanguage);
    QLocale::setDefault(QLocale::system().language() == numbers.language() ? QLocale::system() : numbers);
    return loadedLanguage;
}

QStringList availableLanguages() {
    QStringList languages{"en"};
    for (const QString &folder : translationFolders()) {
        const QStringList files = QDir(folder).entryList({kFilePrefix + "_*.qm"}, QDir::Files, QDir::Name);
        for (const QString &file : files)
            if (const QString language = languageOfFile(file); !languages.contains(language))
                languages.append(language);
    }
    return languages;
}

} // namespace diffcut::ui
