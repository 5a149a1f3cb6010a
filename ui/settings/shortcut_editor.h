#pragma once
// A table of the window's actions (icon, text, current shortcut, default) where the user changes
// shortcuts. Two actions given the same key are both marked and named in a message; the settings
// dialog refuses to close with OK until that is resolved.
#include <QAction>
#include <QKeySequence>
#include <QList>
#include <QMap>
#include <QWidget>

class QKeySequenceEdit;
class QLabel;
class QTableWidget;
class QToolButton;

namespace diffcut::ui {

class ShortcutEditor : public QWidget {
    Q_OBJECT
public:
    // `defaults`: action objectName → its built-in key(s). Actions without an objectName, separators
    // and actions without text are not listed. Every row starts at its default.
    ShortcutEditor(const QList<QAction *> &actions, const QMap<QString, QList<QKeySequence>> &defaults,
                   QWidget *parent = nullptr);

    // Only the rows whose key differs from the default's first key (an empty key = no shortcut).
    QMap<QString, QKeySequence> overrides() const;
    // Every row to its default, then `overrides` on top (names of unlisted actions are ignored).
    void setOverrides(const QMap<QString, QKeySequence> &overrides);
    bool hasConflicts() const;

signals:
    void conflictsChanged(bool hasConflicts);

private:
    struct Row {
        QString name;
        QString text;
        QList<QKeySequence> defaults;
        QKeySequenceEdit *edit = nullptr;
        QToolButton *reset = nullptr;
    };

    QKeySequence defaultKey(const Row &row) const;
    bool isOverridden(const Row &row) const;
    // The keys the action will answer to: all its defaults while not overridden.
    QList<QKeySequence> effectiveKeys(const Row &row) const;
    void resetRow(const Row &row);
    void refresh();

    QTableWidget *table_ = nullptr;
    QLabel *conflictMessage_ = nullptr;
    QList<Row> rows_;
    bool hasConflicts_ = false;
};

} // namespace diffcut::ui
