#pragma once
// The project's label classes: colour, name and the key that assigns each, with add / rename /
// recolour / delete. The panel only asks; the owner of the class list answers with setClasses().
#include "annotation/annotation.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QWidget>

#include <functional>
#include <vector>

class QAction;
class QTreeView;

namespace diffcut::ui {

// One row per class. The name is editable; an edit is only reported (nameEdited), never stored.
class ClassListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, KeyColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setClasses(const std::vector<diffcut::LabelClass> &classes);
    const std::vector<diffcut::LabelClass> &classes() const { return classes_; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void nameEdited(int index, const QString &name);

private:
    std::vector<diffcut::LabelClass> classes_;
};

class ClassesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClassesPanel(QWidget *parent = nullptr);

    void setClasses(const std::vector<diffcut::LabelClass> &classes);
    // The colour a class added next gets.
    void setSuggestedColour(const QColor &colour);
    // Whether any segment uses the class; deleting a used class asks first.
    void setUsageCheck(std::function<bool(int classIndex)> inUse);
    int currentClass() const;  // −1 none

signals:
    void addRequested(const QString &name, const QColor &colour);
    void renameRequested(int index, const QString &name);  // never empty or a duplicate
    void recolourRequested(int index, const QColor &colour);
    void removeRequested(int index);
    void assignRequested(int index);  // double click on a class → assign it to the selected segments

protected:
    // The dialogs, overridable so that tests (and other front ends) can answer them.
    virtual QString askNewClassName();                 // empty = cancelled
    virtual QColor askColour(const QColor &current);   // invalid = cancelled
    virtual bool confirmRemoval(const QString &className);
    virtual void showRefusal(const QString &message);

private:
    // Why `name` cannot name the class at `index` (−1: a new class), or empty when it can.
    QString nameProblem(const QString &name, int index) const;
    void addClass();
    void renameCurrent();
    void recolourCurrent();
    void removeCurrent();
    void requestRename(int index, const QString &name);
    void updateActions();

    ClassListModel *model_;
    QTreeView *view_;
    QAction *addAction_;
    QAction *renameAction_;
    QAction *recolourAction_;
    QAction *removeAction_;
    QColor suggestedColour_ = Qt::red;
    std::function<bool(int)> inUse_;
};

} // namespace diffcut::ui
