#include "panels/hierarchy_panel.h"

#include "segmentation/partition_tree.h"

#include <QColor>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

namespace diffcut::ui {

void HierarchyModel::setTree(const PartitionTree *tree, const std::vector<int> &leaves,
                             const QVector<QRgb> &leafColours) {
    beginResetModel();
    nodes_.clear();
    leafColours_.clear();
    gridSize_ = 0;
    if (tree) {
        gridSize_ = tree->height() * tree->width();
        // Ids are dense and parents precede their children, so one pass sees every parent first.
        // Children evaluated after nodeCount() was read are left out, and so is their parent's link.
        const int count = tree->nodeCount();
        nodes_.resize(count);
        for (int id = 0; id < count; ++id) {
            Node &row = nodes_[id];
            row.parent = tree->parentOf(id);
            row.pixelCount = int(tree->pixelsOf(id).size());
            row.ncut = tree->ncutOf(id);
            const auto [on, off] = tree->childrenOf(id);
            if (on >= 0 && on < count && off < count) {
                row.onChild = on;
                row.offChild = off;
            }
            if (row.parent >= 0) {
                const Node &parent = nodes_[row.parent];
                row.path = parent.path + (parent.onChild == id ? QLatin1Char('1') : QLatin1Char('0'));
            }
        }
        for (size_t i = 0; i < leaves.size(); ++i)
            leafColours_.insert(leaves[i], i < size_t(leafColours.size()) ? leafColours[qsizetype(i)] : QRgb(0));
    }
    endResetModel();
}

QModelIndex HierarchyModel::indexOfNode(int id) const {
    if (id < 0 || id >= nodeCount())
        return {};
    return createIndex(rowOf(id), NodeColumn, quintptr(id));
}

QString HierarchyModel::pathOf(int id) const { return id >= 0 && id < nodeCount() ? nodes_[id].path : QString(); }

void HierarchyModel::setPreviewNode(int id) {
    const int previous = std::exchange(previewNode_, id);
    for (const int changed : {previous, id})
        if (const QModelIndex index = indexOfNode(changed); index.isValid())
            emit dataChanged(index, index.siblingAtColumn(ColumnCount - 1), {Qt::FontRole, Qt::ToolTipRole});
}

int HierarchyModel::parentOf(int id) const { return id >= 0 && id < nodeCount() ? nodes_[id].parent : -1; }

bool HierarchyModel::hasChildNodes(int id) const { return id >= 0 && id < nodeCount() && nodes_[id].onChild >= 0; }

int HierarchyModel::rowOf(int id) const {
    const int parent = nodes_[id].parent;
    return parent < 0 || nodes_[parent].onChild == id ? 0 : 1;
}

QModelIndex HierarchyModel::index(int row, int column, const QModelIndex &parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    const Node &node = nodes_[parent.internalId()];
    return createIndex(row, column, quintptr(row == 0 ? node.onChild : node.offChild));
}

QModelIndex HierarchyModel::parent(const QModelIndex &child) const {
    if (!child.isValid())
        return {};
    return indexOfNode(nodes_[child.internalId()].parent);
}

int HierarchyModel::rowCount(const QModelIndex &parent) const {
    if (!parent.isValid())
        return nodes_.empty() ? 0 : 1;
    if (parent.column() != NodeColumn)
        return 0;
    return hasChildNodes(int(parent.internalId())) ? 2 : 0;
}

int HierarchyModel::columnCount(const QModelIndex &) const { return ColumnCount; }

QVariant HierarchyModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int id = int(index.internalId());
    const Node &node = nodes_[id];
    const auto leaf = leafColours_.constFind(id);
    const bool unsplittable = std::isinf(node.ncut);
    if (role == Qt::FontRole && (leaf != leafColours_.cend() || id == previewNode_)) {
        QFont font;
        font.setBold(leaf != leafColours_.cend());
        font.setItalic(id == previewNode_);
        font.setUnderline(id == previewNode_);
        return font;
    }
    if (role == Qt::ToolTipRole && id == previewNode_)
        return tr("Coarsen (C) would make this node one segment (outlined on the canvas)");
    switch (index.column()) {
    case NodeColumn:
        switch (role) {
        case Qt::DisplayRole: return id == 0 ? tr("root") : node.path;
        case Qt::DecorationRole:
            if (leaf != leafColours_.cend())
                return QColor(*leaf);
            return {};
        case Qt::ToolTipRole:
            if (leaf != leafColours_.cend())
                return tr("Node %1 at depth %2, a segment of the current cut").arg(id).arg(node.path.size());
            return tr("Node %1 at depth %2").arg(id).arg(node.path.size());
        }
        break;
    case PixelsColumn:
        switch (role) {
        case Qt::DisplayRole: {
            const QLocale locale;
            const double percent = gridSize_ > 0 ? 100.0 * node.pixelCount / gridSize_ : 0.0;
            return tr("%1 (%2%)").arg(locale.toString(node.pixelCount), locale.toString(percent, 'f', 1));
        }
        case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ToolTipRole: return tr("Cells of the feature grid in this region");
        }
        break;
    case NCutColumn:
        switch (role) {
        case Qt::DisplayRole:
            return unsplittable ? tr("—", "NCut of a region that cannot be split")
                                : QLocale().toString(node.ncut, 'f', 3);
        case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ToolTipRole:
            if (unsplittable)
                return tr("This region cannot be split further.");
            return tr("Normalized Cut of the best split of this region: lower means a cleaner cut. The region is "
                      "split while this value is below τ.");
        }
        break;
    }
    return {};
}

QVariant HierarchyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NodeColumn: return tr("Node");
        case PixelsColumn: return tr("Cells");
        case NCutColumn: return tr("NCut");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NodeColumn:
            return tr("The way down from the root: 1 = the first part of a split, 0 = the second. Segments of the "
                      "current cut are in bold with their colour.");
        case PixelsColumn: return tr("Cells of the feature grid in the region, and their share of the image");
        case NCutColumn:
            return tr("Normalized Cut of the region's best split in two: lower means a cleaner cut. A region is "
                      "split while its NCut is below τ; — means it cannot be split.");
        }
    }
    return {};
}

HierarchyPanel::HierarchyPanel(QWidget *parent)
    : QWidget(parent), model_(new HierarchyModel(this)), note_(new QLabel(this)), view_(new QTreeView(this)) {
    note_->setObjectName("hierarchyNote");
    note_->setWordWrap(true);
    note_->setContentsMargins(4, 2, 4, 2);
    note_->hide();
    view_->setObjectName("hierarchyView");
    view_->setModel(model_);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setUniformRowHeights(true);
    view_->setAllColumnsShowFocus(true);
    view_->header()->setStretchLastSection(false);
    view_->header()->setSectionResizeMode(HierarchyModel::NodeColumn, QHeaderView::Stretch);
    view_->header()->setSectionResizeMode(HierarchyModel::PixelsColumn, QHeaderView::ResizeToContents);
    view_->header()->setSectionResizeMode(HierarchyModel::NCutColumn, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(note_);
    layout->addWidget(view_);

    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!updatingSelection_)
            emit nodeSelected(selectedNode());
    });
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QWidget::customContextMenuRequested, this, &HierarchyPanel::showContextMenu);
}

void HierarchyPanel::showContextMenu(const QPoint &position) {
    const QModelIndex index = view_->indexAt(position);
    if (!index.isValid())
        return;
    const int id = int(index.internalId());
    const QString path = model_->pathOf(id);
    QMenu menu(this);
    menu.addAction(tr("Make This One Segment"), this, [this, path] { emit makeSegmentRequested(path); });
    menu.addAction(tr("Split"), this, [this, path] { emit splitRequested(path); })->setEnabled(model_->isLeaf(id));
    menu.addAction(tr("Coarsen"), this, [this, path] { emit coarsenRequested(path); })->setEnabled(id != 0);
    QMenu *assign = menu.addMenu(tr("Assign Class"));
    for (const ProjectClass &labelClass : classes_.classes)
        assign->addAction(QString::fromStdString(labelClass.name), this,
                          [this, path, classId = labelClass.id] { emit assignClassRequested(path, classId); });
    assign->addSeparator();
    assign->addAction(tr("Unlabelled"), this, [this, path] { emit assignClassRequested(path, Annotation::kUnlabelled); });
    menu.exec(view_->viewport()->mapToGlobal(position));
}

void HierarchyPanel::setNote(const QString &note) {
    note_->setText(note);
    note_->setVisible(!note.isEmpty());
}

void HierarchyPanel::setPreviewPath(const QString &path) {
    previewPath_ = path;
    int node = -1;
    for (int id = 0; id < model_->nodeCount() && !path.isNull(); ++id)
        if (model_->pathOf(id) == path) {
            node = id;
            break;
        }
    model_->setPreviewNode(node);
}

void HierarchyPanel::setTree(std::shared_ptr<PartitionTree> tree, const std::vector<int> &leaves,
                             const QVector<QRgb> &leafColours) {
    const bool sameTree = tree && tree == tree_;
    std::vector<int> expanded;
    int selected = -1;
    int scrollPosition = 0;
    if (sameTree) {
        for (int id = 0; id < model_->nodeCount(); ++id)
            if (view_->isExpanded(model_->indexOfNode(id)))
                expanded.push_back(id);
        selected = selectedNode();
        scrollPosition = view_->verticalScrollBar()->value();
    }

    tree_ = std::move(tree);
    updatingSelection_ = true;
    model_->setTree(tree_.get(), leaves, leafColours);
    setPreviewPath(previewPath_);
    for (int id : expanded)
        view_->expand(model_->indexOfNode(id));
    // A new tree opens on the current cut: every node above a segment is expanded.
    if (!sameTree)
        for (int leaf : leaves)
            expandAncestors(leaf);
    if (selected >= 0)
        view_->selectionModel()->setCurrentIndex(model_->indexOfNode(selected),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updatingSelection_ = false;
    if (sameTree)
        view_->verticalScrollBar()->setValue(scrollPosition);
}

void HierarchyPanel::clear() { setTree(nullptr, {}, {}); }

void HierarchyPanel::selectNode(int id) {
    updatingSelection_ = true;
    const QModelIndex index = model_->indexOfNode(id);
    if (index.isValid()) {
        expandAncestors(id);
        view_->selectionModel()->setCurrentIndex(index,
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view_->scrollTo(index);
    } else {
        view_->selectionModel()->clear();
    }
    updatingSelection_ = false;
}

int HierarchyPanel::selectedNode() const {
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : int(rows.first().internalId());
}

void HierarchyPanel::expandAncestors(int id) {
    for (int ancestor = model_->parentOf(id); ancestor >= 0; ancestor = model_->parentOf(ancestor))
        view_->expand(model_->indexOfNode(ancestor));
}

} // namespace diffcut::ui
