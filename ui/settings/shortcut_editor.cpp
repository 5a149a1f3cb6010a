#include "settings/shortcut_editor.h"

#include "util/mnemonic.h"

#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace diffcut::ui {

namespace {

enum Column { ActionColumn, ShortcutColumn, DefaultColumn, ResetColumn, ColumnCount };

const QColor kConflictColor(255, 205, 205);

QString keysText(const QList<QKeySequence> &keys) {
    QStringList texts;
    for (const QKeySequence &key : keys)
        texts.append(key.toString(QKeySequence::NativeText));
    return texts.join(QStringLiteral(", "));
}

} // namespace

ShortcutEditor::ShortcutEditor(const QList<QAction *> &actions, const QMap<QString, QList<QKeySequence>> &defaults,
                               QWidget *parent)
    : QWidget(parent) {
    table_ = new QTableWidget(0, ColumnCount, this);
    table_->setObjectName("shortcutTable");
    table_->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut"), tr("Default"), QString()});
    table_->verticalHeader()->hide();
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->horizontalHeader()->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
    for (int column : {ShortcutColumn, DefaultColumn, ResetColumn})
        table_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    QStringList listed;
    for (QAction *action : actions) {
        const QString name = action->objectName();
        if (name.isEmpty() || action->isSeparator() || action->text().isEmpty() || listed.contains(name))
            continue;
        listed.append(name);
        Row row{name, withoutMnemonic(action->text()), defaults.value(name), nullptr, nullptr};
        const int index = table_->rowCount();
        table_->insertRow(index);

        auto *actionItem = new QTableWidgetItem(action->icon(), row.text);
        actionItem->setFlags(Qt::ItemIsEnabled);
        actionItem->setToolTip(action->toolTip());
        table_->setItem(index, ActionColumn, actionItem);
        auto *defaultItem = new QTableWidgetItem(keysText(row.defaults));
        defaultItem->setFlags(Qt::ItemIsEnabled);
        table_->setItem(index, DefaultColumn, defaultItem);

        row.edit = new QKeySequenceEdit(table_);
        row.edit->setObjectName("shortcut_" + name);
        row.edit->setClearButtonEnabled(true);
        table_->setCellWidget(index, ShortcutColumn, row.edit);
        row.reset = new QToolButton(table_);
        row.reset->setObjectName("reset_" + name);
        row.reset->setText(tr("Reset"));
        row.reset->setToolTip(tr("Back to the default shortcut"));
        table_->setCellWidget(index, ResetColumn, row.reset);
        rows_.append(row);
    }
    for (int index = 0; index < rows_.size(); ++index) {
        const Row &row = rows_[index];
        row.edit->setKeySequence(defaultKey(row));
        connect(row.edit, &QKeySequenceEdit::keySequenceChanged, this, &ShortcutEditor::refresh);
        connect(row.reset, &QToolButton::clicked, this, [this, index] { resetRow(rows_[index]); });
    }

    conflictMessage_ = new QLabel(this);
    conflictMessage_->setObjectName("conflictMessage");
    conflictMessage_->setWordWrap(true);
    conflictMessage_->setStyleSheet("color: #b00000");
    auto *resetAll = new QPushButton(tr("Reset All"), this);
    resetAll->setObjectName("resetAllShortcuts");
    connect(resetAll, &QPushButton::clicked, this, [this] { setOverrides({}); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    layout->addWidget(conflictMessage_);
    layout->addWidget(resetAll, 0, Qt::AlignRight);
    refresh();
}

QMap<QString, QKeySequence> ShortcutEditor::overrides() const {
    QMap<QString, QKeySequence> result;
    for (const Row &row : rows_)
        if (isOverridden(row))
            result.insert(row.name, row.edit->keySequence());
    return result;
}

void ShortcutEditor::setOverrides(const QMap<QString, QKeySequence> &overrides) {
    for (Row &row : rows_) {
        const QSignalBlocker quiet(row.edit);
        row.edit->setKeySequence(overrides.value(row.name, defaultKey(row)));
    }
    refresh();
}

bool ShortcutEditor::hasConflicts() const { return hasConflicts_; }

QKeySequence ShortcutEditor::defaultKey(const Row &row) const { return row.defaults.value(0); }

bool ShortcutEditor::isOverridden(const Row &row) const { return row.edit->keySequence() != defaultKey(row); }

QList<QKeySequence> ShortcutEditor::effectiveKeys(const Row &row) const {
    if (!isOverridden(row))
        return row.defaults;
    if (row.edit->keySequence().isEmpty())
        return {};
    return {row.edit->keySequence()};
}

void ShortcutEditor::resetRow(const Row &row) {
    row.edit->setKeySequence(defaultKey(row));
    refresh();
}

void ShortcutEditor::refresh() {
    // Key → the rows answering to it, in table order.
    QMap<QString, QList<int>> users;
    QList<QString> keyOrder;
    for (int index = 0; index < rows_.size(); ++index) {
        for (const QKeySequence &key : effectiveKeys(rows_[index])) {
            if (key.isEmpty())
                continue;
            const QString text = key.toString(QKeySequence::NativeText);
            if (!users.contains(text))
                keyOrder.append(text);
            if (!users[text].contains(index))
                users[text].append(index);
        }
    }

    QStringList messages;
    QList<bool> conflicted(rows_.size(), false);
    for (const QString &key : keyOrder) {
        const QList<int> &indexes = users[key];
        if (indexes.size() < 2)
            continue;
        QStringList names;
        for (int index : indexes) {
            conflicted[index] = true;
            names.append(tr("“%1”").arg(rows_[index].text));
        }
        messages.append(tr("%1 is used by %2.").arg(key, QLocale().createSeparatedList(names)));
    }

    for (int index = 0; index < rows_.size(); ++index) {
        const Row &row = rows_[index];
        const QVariant background = conflicted[index] ? QVariant(kConflictColor) : QVariant();
        table_->item(index, ActionColumn)->setData(Qt::BackgroundRole, background);
        table_->item(index, DefaultColumn)->setData(Qt::BackgroundRole, background);
        QPalette palette;
        if (conflicted[index])
            palette.setColor(QPalette::Base, kConflictColor);
        row.edit->setPalette(palette);
        row.reset->setEnabled(isOverridden(row));
    }

    if (!messages.isEmpty())
        messages.append(tr("Give each of these actions its own shortcut."));
    conflictMessage_->setText(messages.join('\n'));
    conflictMessage_->setVisible(!messages.isEmpty());

    const bool conflicts = !messages.isEmpty();
    if (conflicts != hasConflicts_) {
        hasConflicts_ = conflicts;
        emit conflictsChanged(hasConflicts_);
    }
}

} // namespace diffcut::ui
