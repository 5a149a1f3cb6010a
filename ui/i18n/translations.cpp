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

} // namespace

QString installTranslations(QCoreApplication &app, const QString &language) {
    for (QTranslator *earlier : app.findChildren<QTranslator *>(kTranslatorName, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(earlier);
        delete earlier;
    }
    if (language == "en")
        return "en";

    // QTranslator tries each of the locale's UI languages, most specific name first (de_AT, de).
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto ours = std::make_unique<QTranslator>();
    bool loaded = false;
    for (const QString &folder : translationFolders()) {
        loaded = ours->load(locale, kFilePrefix, "_", folder);
        if (loaded)
            break;
    }
    if (!loaded)
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
