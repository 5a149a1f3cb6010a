#include "panels/classes_panel.h"

#include <QAction>
#include <QColorDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace diffcut::ui {

namespace {

// Keys 1..9 assign the first nine classes.
constexpr int kClassesWithKeys = 9;

QColor toQColor(const cv::Vec3b &rgb) { return QColor(rgb[0], rgb[1], rgb[2]); }

} // namespace

void ClassListModel::setClasses(const ClassList &classes) {
    // The same number of rows is updated in place, so an open editor and the selection survive
    // the owner answering an edit with the new list.
    if (classes.classes.size() == classes_.classes.size()) {
        classes_ = classes;
        if (!classes_.classes.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    classes_ = classes;
    endResetModel();
}

void ClassListModel::setHidden(const QSet<ClassId> &hidden) {
    hidden_ = hidden;
    if (!classes_.classes.empty())
        emit dataChanged(index(0, NameColumn), index(rowCount() - 1, NameColumn), {Qt::CheckStateRole});
}

int ClassListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(classes_.classes.size());
}

int ClassListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ClassListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ProjectClass &labelClass = classes_.classes[size_t(index.row())];
    const bool hasKey = index.row() < kClassesWithKeys;
    switch (index.column()) {
    case NameColumn:
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole: return QString::fromStdString(labelClass.name);
        case Qt::DecorationRole: return toQColor(labelClass.colour);
        case Qt::CheckStateRole: return hidden_.contains(labelClass.id) ? Qt::Unchecked : Qt::Checked;
        case Qt::UserRole: return labelClass.id;
        case Qt::ToolTipRole:
            return tr("Double-click to give the selected segments this class; F2 renames it; the box shows or "
                      "hides it on the canvas");
        }
        break;
    case KeyColumn:
        switch (role) {
        case Qt::DisplayRole: return hasKey ? QString::number(index.row() + 1) : QString();
        case Qt::TextAlignmentRole: return Qt::AlignCenter;
        case Qt::ToolTipRole:
            if (hasKey)
                return tr("Press %1 to give the selected segments this class").arg(index.row() + 1);
            return {};
        }
        break;
    }
    return {};
}

bool ClassListModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != NameColumn)
        return false;
    const ClassId id = classes_.classes[size_t(index.row())].id;
    if (role == Qt::CheckStateRole) {
        emit visibilityEdited(id, value.toInt() == Qt::Checked);
        return true;
    }
    if (role == Qt::EditRole)
        emit nameEdited(id, value.toString());
    return false; // the owner of the list applies the name, and answers with setClasses()
}

Qt::ItemFlags ClassListModel::flags(const QModelIndex &index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        flags |= Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
    return flags;
}

QVariant ClassListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Class");
    case KeyColumn: return tr("Key");
    }
    return {};
}

ClassesPanel::ClassesPanel(QWidget *parent)
    : QWidget(parent), model_(new ClassListModel(this)), view_(new QTreeView(this)),
      addAction_(new QAction(tr("Add…"), this)), renameAction_(new QAction(tr("Rename"), this)),
      recolourAction_(new QAction(tr("Colour…"), this)), removeAction_(new QAction(tr("Delete"), this)),
      upAction_(new QAction(tr("Move Up"), this)), downAction_(new QAction(tr("Move Down"), this)),
      importAction_(new QAction(tr("Import labelme Labels…"), this)),
      exportAction_(new QAction(tr("Export labelme Labels…"), this)) {
    addAction_->setObjectName("addClassAction");
    addAction_->setToolTip(tr("Add a class"));
    renameAction_->setObjectName("renameClassAction");
    renameAction_->setToolTip(tr("Rename the class (F2); every image of the folder follows"));
    recolourAction_->setObjectName("recolourClassAction");
    recolourAction_->setToolTip(tr("Change the class's colour"));
    removeAction_->setObjectName("removeClassAction");
    removeAction_->setToolTip(tr("Delete the class from the folder's list; its segments become unlabelled"));
    upAction_->setObjectName("moveClassUpAction");
    upAction_->setIconText(QStringLiteral("↑"));
    upAction_->setToolTip(tr("Move the class up (the keys 1–9 follow the order)"));
    downAction_->setObjectName("moveClassDownAction");
    downAction_->setIconText(QStringLiteral("↓"));
    downAction_->setToolTip(tr("Move the class down (the keys 1–9 follow the order)"));
    importAction_->setObjectName("importLabelsAction");
    importAction_->setToolTip(tr("Add the classes of a labelme --labels file (one name per line)"));
    exportAction_->setObjectName("exportLabelsAction");
    exportAction_->setToolTip(tr("Write the classes as a labelme --labels file"));

    view_->setObjectName("classesView");
    view_->setModel(model_);
    view_->setRootIsDecorated(false);
    view_->setUniformRowHeights(true);
    view_->setAllColumnsShowFocus(true);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Double-click assigns the class (the frequent action); renaming is F2 or the Rename action.
    view_->setEditTriggers(QAbstractItemView::EditKeyPressed);
    view_->header()->setStretchLastSection(false);
    view_->header()->setSectionResizeMode(ClassListModel::NameColumn, QHeaderView::Stretch);
    view_->header()->setSectionResizeMode(ClassListModel::KeyColumn, QHeaderView::ResizeToContents);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    view_->addActions({renameAction_, recolourAction_, upAction_, downAction_, removeAction_, importAction_, exportAction_});

    auto *toolBar = new QToolBar(this);
    toolBar->addActions({addAction_, renameAction_, recolourAction_, removeAction_, upAction_, downAction_});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(view_);
    suggestionBar_ = new QToolBar(this);
    suggestionBar_->setObjectName("suggestionToolBar");
    suggestionBar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    suggestionBar_->hide(); // until the owner gives it actions
    layout->addWidget(suggestionBar_);

    connect(addAction_, &QAction::triggered, this, &ClassesPanel::addClass);
    connect(renameAction_, &QAction::triggered, this, &ClassesPanel::renameCurrent);
    connect(recolourAction_, &QAction::triggered, this, &ClassesPanel::recolourCurrent);
    connect(removeAction_, &QAction::triggered, this, [this] {
        if (currentClass() >= 0)
            emit removeRequested(currentClass());
    });
    connect(upAction_, &QAction::triggered, this, [this] { moveCurrent(-1); });
    connect(downAction_, &QAction::triggered, this, [this] { moveCurrent(+1); });
    connect(importAction_, &QAction::triggered, this, &ClassesPanel::importRequested);
    connect(exportAction_, &QAction::triggered, this, &ClassesPanel::exportRequested);
    connect(view_, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        emit assignRequested(model_->classes().classes[size_t(index.row())].id);
    });
    // Queued: a refusal's message box must not open while the editor is still committing.
    connect(model_, &ClassListModel::nameEdited, this, &ClassesPanel::requestRename, Qt::QueuedConnection);
    connect(model_, &ClassListModel::visibilityEdited, this, [this](ClassId id, bool visible) {
        QSet<ClassId> hidden = model_->hidden();
        if (visible)
            hidden.remove(id);
        else
            hidden.insert(id);
        model_->setHidden(hidden);
        emit visibilityChanged(hidden);
    });
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, &ClassesPanel::updateActions);
    updateActions();
}

void ClassesPanel::setClasses(const ClassList &classes) {
    const ClassId previous = currentClass();
    const int previousRow = view_->currentIndex().row();
    model_->setClasses(classes);
    // The same class stays current when it still exists; after a deletion its neighbour, so
    // repeated deletes and assignments go on.
    int row = classes.indexOf(previous);
    if (row < 0)
        row = std::min(previousRow, model_->rowCount() - 1);
    if (row >= 0 && row != view_->currentIndex().row())
        view_->setCurrentIndex(model_->index(row, ClassListModel::NameColumn));
    updateActions();
}

void ClassesPanel::setSuggestedColour(const QColor &colour) { suggestedColour_ = colour; }

ClassId ClassesPanel::currentClass() const {
    const QModelIndex current = view_->currentIndex();
    return current.isValid() && current.row() < model_->rowCount() ? model_->classes().classes[size_t(current.row())].id
                                                                     : -1;
}

QSet<ClassId> ClassesPanel::hiddenClasses() const { return model_->hidden(); }

QString ClassesPanel::askNewClassName() {
    return QInputDialog::getText(this, tr("Add class"), tr("Name of the new class:"));
}

QColor ClassesPanel::askColour(const QColor &current) {
    return QColorDialog::getColor(current, this, tr("Class colour"));
}

bool ClassesPanel::confirmRemoval(const QString &className, int imageCount) {
    return QMessageBox::question(this, tr("Delete class"),
                                 tr("“%1” is used in %n image(s) of this folder. Delete the class and leave their "
                                    "segments unlabelled? (Undo brings it back.)",
                                    "", imageCount)
                                     .arg(className)) == QMessageBox::Yes;
}

void ClassesPanel::showRefusal(const QString &message) { QMessageBox::warning(this, tr("Classes"), message); }

void ClassesPanel::addClass() {
    const QString name = askNewClassName().trimmed();
    if (!name.isEmpty())
        emit addRequested(name, suggestedColour_);
}

void ClassesPanel::renameCurrent() {
    const int row = view_->currentIndex().row();
    if (row >= 0)
        view_->edit(model_->index(row, ClassListModel::NameColumn));
}

void ClassesPanel::recolourCurrent() {
    const ProjectClass *labelClass = model_->classes().find(currentClass());
    if (!labelClass)
        return;
    const QColor current = toQColor(labelClass->colour);
    const QColor colour = askColour(current);
    if (colour.isValid() && colour != current)
        emit recolourRequested(labelClass->id, colour);
}

void ClassesPanel::moveCurrent(int by) {
    const ClassId id = currentClass();
    if (id >= 0)
        emit moveRequested(id, model_->classes().indexOf(id) + by);
}

void ClassesPanel::requestRename(ClassId id, const QString &edited) {
    const ProjectClass *labelClass = model_->classes().find(id);
    const QString name = edited.trimmed();
    if (!labelClass || name == QString::fromStdString(labelClass->name))
        return; // the class went away meanwhile, or nothing changed
    emit renameRequested(id, name);
}

void ClassesPanel::setSuggestionActions(const QList<QAction *> &actions) {
    suggestionBar_->clear();
    suggestionBar_->addActions(actions);
    suggestionBar_->setVisible(!actions.isEmpty());
}

void ClassesPanel::updateActions() {
    const int row = view_->currentIndex().row();
    const bool hasCurrent = row >= 0;
    renameAction_->setEnabled(hasCurrent);
    recolourAction_->setEnabled(hasCurrent);
    removeAction_->setEnabled(hasCurrent);
    upAction_->setEnabled(hasCurrent && row > 0);
    downAction_->setEnabled(hasCurrent && row + 1 < model_->rowCount());
}

} // namespace diffcut::ui
