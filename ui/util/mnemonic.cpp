#include "util/mnemonic.h"

#include <QRegularExpression>

namespace diffcut::ui {

QString withoutMnemonic(const QString &text) {
    // The CJK convention puts the mnemonic in brackets after the text; drop the whole group.
    static const QRegularExpression bracketed(QStringLiteral(R"(\s*[(（]&[^&][)）])"));
    const QString withoutGroup = QString(text).remove(bracketed);
    QString plain;
    plain.reserve(withoutGroup.size());
    for (qsizetype i = 0; i < withoutGroup.size(); ++i) {
        if (withoutGroup[i] == u'&' && i + 1 < withoutGroup.size())
            ++i;
        plain.append(withoutGroup[i]);
    }
    return plain;
}

} // namespace diffcut::ui
