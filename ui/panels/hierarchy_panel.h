#pragma once
// The NCut partition tree of the current α, as far as it has been evaluated, with the nodes that are
// segments of the current cut marked and the node Coarsen would produce from the selection marked as
// a preview. A node's context menu edits the hierarchy there: make it one segment, split, coarsen,
// assign a class.
#include "annotation/class_list.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QRgb>
#include <QVector>
#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QTreeView;

namespace diffcut {
class PartitionTree;
}

namespace diffcut::ui {

// A snapshot of a PartitionTree (which keeps growing in another thread). Each index's internal id
// is its node id; the on child is listed first.
class HierarchyModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NodeColumn, PixelsColumn, NCutColumn, ColumnCount };

    using QAbstractItemModel::QAbstractItemModel;
    // Copies the nodes evaluated so far; a null tree empties the model.
    void setTree(const diffcut::PartitionTree *tree, const std::vector<int> &leaves, const QVector<QRgb> &leafColours);

    int nodeCount() const { return int(nodes_.size()); }
    QModelIndex indexOfNode(int id) const; // invalid for an id outside the snapshot
    QString pathOf(int id) const;
    bool isLeaf(int id) const { return leafColours_.contains(id); }
    // The node Coarsen would make of the selection (−1 none): shown underlined and italic.
    void setPreviewNode(int id);
    int parentOf(int id) const;
    bool hasChildNodes(int id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        int parent = -1;
        int onChild = -1;  // −1 unless both children are in the snapshot
        int offChild = -1;
        int pixelCount = 0;
        double ncut = 0.0;
        QString path;      // the sides taken from the root: '1' = on child, '0' = off child
    };
    int rowOf(int id) const;

    std::vector<Node> nodes_;
    int gridSize_ = 0;
    QHash<int, QRgb> leafColours_;
    int previewNode_ = -1;
};

class HierarchyPanel : public QWidget {
    Q_OBJECT
public:
    explicit HierarchyPanel(QWidget *parent = nullptr);

    // leaves: node ids that are segments now; leafColours: their colours (same order). The same
    // tree again (it grew, or the cut changed) keeps the expanded and selected rows; a new tree
    // starts with the nodes above the segments expanded.
    void setTree(std::shared_ptr<diffcut::PartitionTree> tree, const std::vector<int> &leaves,
                 const QVector<QRgb> &leafColours);
    void clear();
    // Selects and scrolls to the node, expanding its ancestors (no signal); −1 clears.
    void selectNode(int id);
    // The node Coarsen would make of the current selection (its path; empty for none).
    void setPreviewPath(const QString &path);
    // A line above the tree (e.g. decisions set aside); empty hides it.
    void setNote(const QString &note);
    // The classes the context menu offers.
    void setClasses(const diffcut::ClassList &classes) { classes_ = classes; }

signals:
    void nodeSelected(int id);  // user selection; −1 when cleared
    // Context menu edits, by the node's path.
    void makeSegmentRequested(const QString &path);
    void splitRequested(const QString &path);
    void coarsenRequested(const QString &path);
    void assignClassRequested(const QString &path, diffcut::ClassId id);

private:
    int selectedNode() const;
    void expandAncestors(int id);
    void showContextMenu(const QPoint &position);

    std::shared_ptr<diffcut::PartitionTree> tree_;
    HierarchyModel *model_;
    QLabel *note_;
    QTreeView *view_;
    bool updatingSelection_ = false; // selection changes made by the program, not the user
    diffcut::ClassList classes_;
    QString previewPath_;
};

} // namespace diffcut::ui
