#pragma once
// The project's label classes: whether each is shown on the canvas, its colour and name, and the
// key that assigns it (1–9 follow the list's order, which changes only when the user reorders it),
// with add / rename / recolour / delete / reorder and labelme label files in and out. The panel only
// asks; the owner of the class list answers with setClasses().
#include "annotation/class_list.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QSet>
#include <QWidget>

#include <vector>

class QAction;
class QToolBar;
class QTreeView;

namespace diffcut::ui {

// One row per class. The name is editable and the visibility checkable; edits are only reported.
class ClassListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, KeyColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setClasses(const diffcut::ClassList &classes);
    const diffcut::ClassList &classes() const { return classes_; }
    void setHidden(const QSet<diffcut::ClassId> &hidden);
    const QSet<diffcut::ClassId> &hidden() const { return hidden_; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void nameEdited(diffcut::ClassId id, const QString &name);
    void visibilityEdited(diffcut::ClassId id, bool visible);

private:
    diffcut::ClassList classes_;
    QSet<diffcut::ClassId> hidden_;
};

class ClassesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClassesPanel(QWidget *parent = nullptr);

    void setClasses(const diffcut::ClassList &classes);
    // The colour a class added next gets.
    void setSuggestedColour(const QColor &colour);
    diffcut::ClassId currentClass() const; // −1 none
    // Suggesting names (Suggest, Accept, Reject) under the list; the actions stay the caller's.
    void setSuggestionActions(const QList<QAction *> &actions);
    // Classes not drawn on the canvas (unchecked).
    QSet<diffcut::ClassId> hiddenClasses() const;

    // The dialogs, overridable so that tests (and other front ends) can answer them.
    // imageCount: images of the folder that use the class.
    virtual bool confirmRemoval(const QString &className, int imageCount);
    virtual void showRefusal(const QString &message);

signals:
    void addRequested(const QString &name, const QColor &colour);
    void renameRequested(diffcut::ClassId id, const QString &name);
    void recolourRequested(diffcut::ClassId id, const QColor &colour);
    void removeRequested(diffcut::ClassId id); // the owner counts the images using it and confirms
    void moveRequested(diffcut::ClassId id, int index);
    void importRequested(); // labelme --labels file
    void exportRequested();
    void assignRequested(diffcut::ClassId id); // double click: assign it to the selected segments
    void visibilityChanged(const QSet<diffcut::ClassId> &hidden);

protected:
    virtual QString askNewClassName(); // empty = cancelled
    virtual QColor askColour(const QColor &current); // invalid = cancelled

private:
    void addClass();
    void renameCurrent();
    void recolourCurrent();
    void moveCurrent(int by);
    void requestRename(diffcut::ClassId id, const QString &name);
    void updateActions();

    ClassListModel *model_;
    QTreeView *view_;
    QAction *addAction_;
    QAction *renameAction_;
    QAction *recolourAction_;
    QAction *removeAction_;
    QAction *upAction_;
    QAction *downAction_;
    QAction *importAction_;
    QAction *exportAction_;
    QToolBar *suggestionBar_;
    QColor suggestedColour_ = Qt::red;
};

} // namespace diffcut::ui
