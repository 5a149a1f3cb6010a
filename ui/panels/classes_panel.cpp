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

void ClassListModel::setClasses(const std::vector<LabelClass> &classes) {
    // The same number of rows is updated in place, so an open editor and the selection survive
    // the owner answering an edit with the new list.
    if (classes.size() == classes_.size()) {
        classes_ = classes;
        if (!classes_.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    classes_ = classes;
    endResetModel();
}

int ClassListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(classes_.size()); }

int ClassListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ClassListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const LabelClass &labelClass = classes_[size_t(index.row())];
    const bool hasKey = index.row() < kClassesWithKeys;
    switch (index.column()) {
    case NameColumn:
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole: return QString::fromStdString(labelClass.name);
        case Qt::DecorationRole: return toQColor(labelClass.colour);
        case Qt::ToolTipRole: return tr("Double-click to give the selected segments this class; F2 renames it");
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
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != NameColumn)
        return false;
    emit nameEdited(index.row(), value.toString());
    return false; // the owner of the list applies the name, and answers with setClasses()
}

Qt::ItemFlags ClassListModel::flags(const QModelIndex &index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        flags |= Qt::ItemIsEditable;
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
      recolourAction_(new QAction(tr("Colour…"), this)), removeAction_(new QAction(tr("Delete"), this)) {
    addAction_->setObjectName("addClassAction");
    addAction_->setToolTip(tr("Add a class"));
    renameAction_->setObjectName("renameClassAction");
    renameAction_->setToolTip(tr("Rename the class (F2)"));
    recolourAction_->setObjectName("recolourClassAction");
    recolourAction_->setToolTip(tr("Change the class's colour"));
    removeAction_->setObjectName("removeClassAction");
    removeAction_->setToolTip(tr("Delete the class; its segments become unlabelled"));

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
    view_->addActions({renameAction_, recolourAction_, removeAction_});

    auto *toolBar = new QToolBar(this);
    toolBar->addActions({addAction_, renameAction_, recolourAction_, removeAction_});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(view_);

    connect(addAction_, &QAction::triggered, this, &ClassesPanel::addClass);
    connect(renameAction_, &QAction::triggered, this, &ClassesPanel::renameCurrent);
    connect(recolourAction_, &QAction::triggered, this, &ClassesPanel::recolourCurrent);
    connect(removeAction_, &QAction::triggered, this, &ClassesPanel::removeCurrent);
    connect(view_, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &index) { emit assignRequested(index.row()); });
    // Queued: a refusal's message box must not open while the editor is still committing.
    connect(model_, &ClassListModel::nameEdited, this, &ClassesPanel::requestRename, Qt::QueuedConnection);
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, &ClassesPanel::updateActions);
    updateActions();
}

void ClassesPanel::setClasses(const std::vector<LabelClass> &classes) {
    const int previous = currentClass();
    model_->setClasses(classes);
    // After a deletion the neighbour becomes current, so repeated deletes and assignments go on.
    const int current = std::min(previous, model_->rowCount() - 1);
    if (current >= 0 && current != currentClass())
        view_->setCurrentIndex(model_->index(current, ClassListModel::NameColumn));
    updateActions();
}

void ClassesPanel::setSuggestedColour(const QColor &colour) { suggestedColour_ = colour; }

void ClassesPanel::setUsageCheck(std::function<bool(int classIndex)> inUse) { inUse_ = std::move(inUse); }

int ClassesPanel::currentClass() const {
    const QModelIndex current = view_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

QString ClassesPanel::askNewClassName() {
    return QInputDialog::getText(this, tr("Add class"), tr("Name of the new class:"));
}

QColor ClassesPanel::askColour(const QColor &current) {
    return QColorDialog::getColor(current, this, tr("Class colour"));
}

bool ClassesPanel::confirmRemoval(const QString &className) {
    return QMessageBox::question(this, tr("Delete class"),
                                 tr("Segments are labelled “%1”. Delete the class and leave them unlabelled?")
                                     .arg(className)) == QMessageBox::Yes;
}

void ClassesPanel::showRefusal(const QString &message) { QMessageBox::warning(this, tr("Class name"), message); }

QString ClassesPanel::nameProblem(const QString &name, int index) const {
    if (name.isEmpty())
        return tr("A class needs a name.");
    const std::vector<LabelClass> &classes = model_->classes();
    for (size_t other = 0; other < classes.size(); ++other)
        if (int(other) != index && QString::fromStdString(classes[other].name).compare(name, Qt::CaseInsensitive) == 0)
            return tr("There is already a class named “%1”.").arg(QString::fromStdString(classes[other].name));
    return {};
}

void ClassesPanel::addClass() {
    const QString name = askNewClassName().trimmed();
    if (name.isEmpty())
        return; // cancelled
    if (const QString problem = nameProblem(name, -1); !problem.isEmpty())
        return showRefusal(problem);
    emit addRequested(name, suggestedColour_);
}

void ClassesPanel::renameCurrent() {
    const int index = currentClass();
    if (index >= 0)
        view_->edit(model_->index(index, ClassListModel::NameColumn));
}

void ClassesPanel::recolourCurrent() {
    const int index = currentClass();
    if (index < 0)
        return;
    const QColor current = toQColor(model_->classes()[size_t(index)].colour);
    const QColor colour = askColour(current);
    if (colour.isValid() && colour != current)
        emit recolourRequested(index, colour);
}

void ClassesPanel::removeCurrent() {
    const int index = currentClass();
    if (index < 0)
        return;
    const QString name = QString::fromStdString(model_->classes()[size_t(index)].name);
    if (inUse_ && inUse_(index) && !confirmRemoval(name))
        return;
    emit removeRequested(index);
}

void ClassesPanel::requestRename(int index, const QString &edited) {
    const QString name = edited.trimmed();
    if (index >= model_->rowCount() || name == QString::fromStdString(model_->classes()[size_t(index)].name))
        return; // the class went away meanwhile, or nothing changed
    if (const QString problem = nameProblem(name, index); !problem.isEmpty())
        return showRefusal(problem);
    emit renameRequested(index, name);
}

void ClassesPanel::updateActions() {
    const bool hasCurrent = currentClass() >= 0;
    renameAction_->setEnabled(hasCurrent);
    recolourAction_->setEnabled(hasCurrent);
    removeAction_->setEnabled(hasCurrent);
}

} // namespace diffcut::ui
