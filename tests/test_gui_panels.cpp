// The dock panels driven as a user would (offscreen): they show what they are given, report user
// actions only, and never wait for a human.
#include "panels/classes_panel.h"
#include "panels/files_panel.h"
#include "panels/granularity_panel.h"
#include "panels/hierarchy_panel.h"
#include "panels/segments_panel.h"
#include "segmentation/granularity.h"
#include "segmentation/affinity.h"
#include "segmentation/partition_tree.h"
#include "synthetic_features.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFont>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <cmath>
#include <set>

using namespace diffcut;
using namespace diffcut::ui;

namespace {

// Listing a folder runs in a worker thread; this bounds the wait, it measures nothing.
constexpr int kListingWaitMs = 60000;

void showAndWait(QWidget &widget) {
    widget.resize(400, 600);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
}

void clickRow(QAbstractItemView *view, const QModelIndex &index, Qt::KeyboardModifiers modifiers = {}) {
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
}

void doubleClickRow(QAbstractItemView *view, const QModelIndex &index) {
    view->scrollTo(index);
    // A double click is a press-release pair followed by a second press that Qt reports as a double click.
    const QPoint centre = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
}

// Every index below `parent`, depth first.
void collect(const QAbstractItemModel *model, const QModelIndex &parent, QModelIndexList &indexes) {
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        indexes << index;
        collect(model, index, indexes);
    }
}

std::shared_ptr<PartitionTree> quadrantTree() {
    const FeatureMap features = testing::regionFeatures(
        16, 8, 8, 4, [](int y, int x) { return 2 * (y >= 4) + (x >= 4); }, 0.1f);
    return std::make_shared<PartitionTree>(std::make_shared<CosineAffinity>(features), 10);
}

void touch(const QString &path) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
}

// Answers the dialogs of ClassesPanel as a script says, and records what it was asked.
class ScriptedClassesPanel : public ClassesPanel {
public:
    QString nameToGive;
    QColor colourToGive;
    QStringList refusals;

    void showRefusal(const QString &message) override { refusals << message; }

protected:
    QString askNewClassName() override { return nameToGive; }
    QColor askColour(const QColor &) override { return colourToGive; }
};

ClassList classList(const QStringList &names) {
    std::vector<LabelClass> classes;
    for (int i = 0; i < names.size(); ++i)
        classes.push_back({names[i].toStdString(), cv::Vec3b(uchar(20 * i), 100, 200)});
    return makeClassList(classes);
}

// Renames the current class as a user does: F2, type, Enter.
void typeName(QTreeView *view, const QString &name) {
    QTest::keyClick(view, Qt::Key_F2);
    auto *editor = view->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, name);
    QTest::keyClick(editor, Qt::Key_Return);
}

} // namespace

class TestGuiPanels : public QObject {
    Q_OBJECT

private slots:
    void granularitySliderEmitsMappedTau() {
        GranularityPanel panel;
        QSignalSpy tauSpy(&panel, &GranularityPanel::tauChanged);
        auto *slider = panel.findChild<QSlider *>("tauSlider");
        auto *spinBox = panel.findChild<QDoubleSpinBox *>("tauSpinBox");
        QVERIFY(slider && spinBox);

        QCOMPARE(slider->maximum(), 400); // core's whole range, [0, 2], in steps of 0.005
        QCOMPARE(spinBox->maximum(), kMaxTau);
        slider->setValue(70);
        QCOMPARE(tauSpy.count(), 1);
        QCOMPARE(tauSpy.last().first().toDouble(), 0.35);
        QCOMPARE(spinBox->value(), 0.35);
        QCOMPARE(panel.tau(), 0.35);

        QTest::keyClick(slider, Qt::Key_Right); // one slider step is 0.005
        QCOMPARE(tauSpy.count(), 2);
        QCOMPARE(tauSpy.last().first().toDouble(), 0.355);
        QCOMPARE(spinBox->value(), 0.355);

        spinBox->setValue(0.6);
        QCOMPARE(tauSpy.count(), 3);
        QCOMPARE(tauSpy.last().first().toDouble(), 0.6);
        QCOMPARE(slider->value(), 120);
    }

    void granularityAlphaAndRefine() {
        GranularityPanel panel;
        QSignalSpy alphaSpy(&panel, &GranularityPanel::alphaChanged);
        QSignalSpy refineSpy(&panel, &GranularityPanel::refineChanged);
        auto *slider = panel.findChild<QSlider *>("alphaSlider");
        auto *spinBox = panel.findChild<QDoubleSpinBox *>("alphaSpinBox");
        QVERIFY(slider && spinBox);

        spinBox->setValue(12.5);
        QCOMPARE(alphaSpy.count(), 1);
        QCOMPARE(alphaSpy.last().first().toDouble(), 12.5);
        QCOMPARE(slider->value(), 13);

        QTest::keyClick(slider, Qt::Key_Right);
        QCOMPARE(alphaSpy.count(), 2);
        QCOMPARE(alphaSpy.last().first().toDouble(), 14.0);
        QCOMPARE(panel.alpha(), 14.0);

        panel.findChild<QCheckBox *>("refineCheckBox")->click();
        QCOMPARE(refineSpy.count(), 1);
        QCOMPARE(refineSpy.last().first().toBool(), true);
        QVERIFY(panel.refine());
    }

    void granularitySetValuesIsSilent() {
        GranularityPanel panel;
        QSignalSpy tauSpy(&panel, &GranularityPanel::tauChanged);
        QSignalSpy alphaSpy(&panel, &GranularityPanel::alphaChanged);
        QSignalSpy refineSpy(&panel, &GranularityPanel::refineChanged);
        panel.setValues(0.25, 7.5, true);
        QCOMPARE(tauSpy.count() + alphaSpy.count() + refineSpy.count(), 0);
        QCOMPARE(panel.tau(), 0.25);
        QCOMPARE(panel.alpha(), 7.5);
        QVERIFY(panel.refine());
        QCOMPARE(panel.findChild<QSlider *>("tauSlider")->value(), 50);
        QCOMPARE(panel.findChild<QSlider *>("alphaSlider")->value(), 8);

        // The whole range of core is shown as it is (the panel used to clamp to τ 1 and α 20).
        panel.setValues(1.5, 35, false);
        QCOMPARE(panel.tau(), 1.5);
        QCOMPARE(panel.alpha(), 35.0);
        QCOMPARE(panel.findChild<QSlider *>("alphaSlider")->value(), 35);
        QCOMPARE(tauSpy.count() + alphaSpy.count() + refineSpy.count(), 0);
    }

    // Typing a value applies it once, when editing finishes (or after a pause), never per keystroke:
    // "0.73" used to become 0.000.
    void granularityTypedValuesApplyWhole() {
        GranularityPanel panel;
        showAndWait(panel);
        QSignalSpy tauSpy(&panel, &GranularityPanel::tauChanged);
        auto *spinBox = panel.findChild<QDoubleSpinBox *>("tauSpinBox");
        auto *editor = spinBox->findChild<QLineEdit *>();
        spinBox->setFocus();
        editor->selectAll();
        QTest::keyClicks(editor, "0.73");
        QCOMPARE(tauSpy.count(), 0);
        // The owner answering an earlier change with the same value leaves the typing alone.
        panel.setValues(0.5, 10, false);
        QCOMPARE(editor->text(), QString("0.73"));
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(tauSpy.count(), 1);
        QCOMPARE(tauSpy.last().first().toDouble(), 0.73);
        QCOMPARE(panel.tau(), 0.73);
        // A pause applies it too.
        editor->selectAll();
        QTest::keyClicks(editor, "1.25");
        QTRY_COMPARE_WITH_TIMEOUT(tauSpy.count(), 2, 3000);
        QCOMPARE(tauSpy.last().first().toDouble(), 1.25);
    }

    void granularityAsksForASegmentCount() {
        GranularityPanel panel;
        QSignalSpy countSpy(&panel, &GranularityPanel::segmentCountRequested);
        panel.findChild<QSpinBox *>("segmentCountSpinBox")->setValue(25);
        panel.findChild<QPushButton *>("segmentCountButton")->click();
        QCOMPARE(countSpy.count(), 1);
        QCOMPARE(countSpy.last().first().toInt(), 25);
    }

    void granularitySummary() {
        GranularityPanel panel;
        auto *summary = panel.findChild<QLabel *>("summaryLabel");
        QVERIFY(summary);
        panel.setSegmentCount(12);
        QVERIFY2(summary->text().contains("12 segment"), qPrintable(summary->text()));
        panel.setStatus("building hierarchy for α = 10…");
        QVERIFY(summary->text().contains("12 segment") && summary->text().contains("building hierarchy"));
        panel.setStatus({});
        QVERIFY(!summary->text().contains("building"));
        panel.setSegmentCount(-1);
        QVERIFY(summary->text().isEmpty());
    }

    void segmentsShowAndSelectUnderSorting() {
        SegmentsPanel panel;
        showAndWait(panel);
        auto *view = panel.findChild<QTableView *>("segmentsView");
        QVERIFY(view);
        const QVector<SegmentRow> rows{{Qt::red, "cat", 50, 1},
                                       {Qt::green, {}, 10, 1},
                                       {Qt::blue, "dog", 30, 3},
                                       {Qt::yellow, "cat", 10, 0}};
        QSignalSpy selectionSpy(&panel, &SegmentsPanel::selectionChanged);
        QSignalSpy activatedSpy(&panel, &SegmentsPanel::segmentActivated);
        panel.setSegments(rows, 100);
        QCOMPARE(view->model()->rowCount(), 4);
        const auto text = [view](int row, int column) { return view->model()->index(row, column).data().toString(); };
        QCOMPARE(text(0, 0), QString("#0"));
        QCOMPARE(text(1, 1), QString("unlabelled"));
        QVERIFY2(text(2, 0).contains("merged ×3"), qPrintable(text(2, 0)));
        QVERIFY2(text(3, 0).contains("brush"), qPrintable(text(3, 0)));
        QVERIFY2(text(2, 2).contains("30") && text(2, 2).contains("30.0%"), qPrintable(text(2, 2)));
        QCOMPARE(view->model()->index(0, 0).data(Qt::DecorationRole).value<QColor>(), QColor(Qt::red));

        view->sortByColumn(SegmentTableModel::AreaColumn, Qt::DescendingOrder);
        QCOMPARE(text(0, 0), QString("#0"));     // 50 px
        QVERIFY(text(1, 0).startsWith("#2"));    // 30 px
        clickRow(view, view->model()->index(1, 0));
        QCOMPARE(selectionSpy.count(), 1);
        QCOMPARE(selectionSpy.last().first().value<QList<int>>(), QList<int>{2});
        clickRow(view, view->model()->index(0, 0), Qt::ControlModifier);
        QCOMPARE(selectionSpy.last().first().value<QList<int>>(), (QList<int>{0, 2}));
        QCOMPARE(panel.selectedSegments(), (QList<int>{0, 2}));

        doubleClickRow(view, view->model()->index(1, 0));
        QCOMPARE(activatedSpy.count(), 1);
        QCOMPARE(activatedSpy.last().first().toInt(), 2);

        // Program changes report nothing; a new table keeps the segments that still exist selected.
        selectionSpy.clear();
        panel.setSelectedSegments({1, 3});
        QCOMPARE(panel.selectedSegments(), (QList<int>{1, 3}));
        panel.setSegments(rows.mid(0, 2), 100);
        QCOMPARE(panel.selectedSegments(), QList<int>{1});
        panel.setSelectedSegments({});
        QVERIFY(panel.selectedSegments().isEmpty());
        QCOMPARE(selectionSpy.count(), 0);
    }

    void segmentsContextActions() {
        SegmentsPanel panel;
        auto *view = panel.findChild<QTableView *>("segmentsView");
        QAction first("first"), second("second"), third("third");
        panel.setContextActions({&first, &second});
        QCOMPARE(view->actions(), (QList<QAction *>{&first, &second}));
        panel.setContextActions({&third});
        QCOMPARE(view->actions(), QList<QAction *>{&third});
    }

    void hierarchyListsEvaluatedNodes() {
        const std::shared_ptr<PartitionTree> tree = quadrantTree();
        const std::vector<int> leaves = tree->cut(0.5);
        QVERIFY(leaves.size() >= 2);
        QVector<QRgb> colours;
        for (size_t i = 0; i < leaves.size(); ++i)
            colours << qRgb(int(40 * i), 0, 255);

        HierarchyPanel panel;
        showAndWait(panel);
        auto *view = panel.findChild<QTreeView *>("hierarchyView");
        QVERIFY(view);
        panel.setTree(tree, leaves, colours);

        const QAbstractItemModel *model = view->model();
        QModelIndexList indexes;
        collect(model, {}, indexes);
        QCOMPARE(indexes.size(), tree->nodeCount());
        std::set<int> ids;
        for (const QModelIndex &index : indexes) {
            const int id = int(index.internalId());
            ids.insert(id);
            const PartitionNode node = tree->node(id);
            const QString ncutText = index.siblingAtColumn(HierarchyModel::NCutColumn).data().toString();
            QCOMPARE(ncutText, std::isinf(node.ncut) ? QString("—") : QLocale().toString(node.ncut, 'f', 3));
            QCOMPARE(index.data().toString(), id == 0 ? QString("root") : QString::fromStdString(tree->pathOf(id)));
            const bool isLeaf = std::find(leaves.begin(), leaves.end(), id) != leaves.end();
            QCOMPARE(index.data(Qt::FontRole).value<QFont>().bold(), isLeaf);
            if (node.parent >= 0)
                QCOMPARE(int(model->parent(index).internalId()), node.parent);
            if (node.expanded())
                QCOMPARE(int(model->index(0, 0, index).internalId()), node.onChild);
        }
        QCOMPARE(int(ids.size()), tree->nodeCount());
        const auto leafIndex = std::find_if(indexes.begin(), indexes.end(), [&](const QModelIndex &index) {
            return int(index.internalId()) == leaves[1];
        });
        QCOMPARE(leafIndex->data(Qt::DecorationRole).value<QColor>(), QColor(colours[1]));

        // A new tree opens with the segments visible; clicking one reports its id.
        QSignalSpy selectedSpy(&panel, &HierarchyPanel::nodeSelected);
        QVERIFY(view->isExpanded(leafIndex->parent()));
        clickRow(view, *leafIndex);
        QCOMPARE(selectedSpy.count(), 1);
        QCOMPARE(selectedSpy.last().first().toInt(), leaves[1]);
    }

    void hierarchyKeepsViewStateWhileTheTreeGrows() {
        const std::shared_ptr<PartitionTree> tree = quadrantTree();
        HierarchyPanel panel;
        auto *view = panel.findChild<QTreeView *>("hierarchyView");
        QSignalSpy selectedSpy(&panel, &HierarchyPanel::nodeSelected);
        const std::vector<int> coarse = tree->cut(0.0);
        panel.setTree(tree, coarse, {qRgb(1, 2, 3)});
        QCOMPARE(view->model()->rowCount(), 1);
        const int rootChildren = view->model()->rowCount(view->model()->index(0, 0));

        const std::vector<int> fine = tree->cut(1.0);
        QVERIFY(tree->nodeCount() > 1);
        QVERIFY(fine.size() > 1);
        panel.setTree(tree, fine, QVector<QRgb>(int(fine.size()), qRgb(9, 9, 9)));
        QVERIFY(view->model()->rowCount(view->model()->index(0, 0)) > rootChildren);
        QModelIndexList indexes;
        collect(view->model(), {}, indexes);
        QCOMPARE(indexes.size(), tree->nodeCount());

        // The user's view of the same tree survives a refresh; selectNode reveals a node silently.
        const int deepest = fine.back();
        panel.selectNode(deepest);
        const auto selectedId = [view] {
            const QModelIndexList rows = view->selectionModel()->selectedRows();
            return rows.isEmpty() ? -1 : int(rows.first().internalId());
        };
        QCOMPARE(selectedId(), deepest);
        view->collapse(view->model()->index(0, 0));
        panel.setTree(tree, fine, QVector<QRgb>(int(fine.size()), qRgb(9, 9, 9)));
        QVERIFY(!view->isExpanded(view->model()->index(0, 0)));
        QCOMPARE(selectedId(), deepest);

        // Another tree starts over: expanded above its segments, nothing selected.
        const std::shared_ptr<PartitionTree> other = quadrantTree();
        const std::vector<int> otherLeaves = other->cut(1.0);
        panel.setTree(other, otherLeaves, QVector<QRgb>(int(otherLeaves.size()), qRgb(9, 9, 9)));
        QVERIFY(view->isExpanded(view->model()->index(0, 0)));
        QCOMPARE(selectedId(), -1);
        panel.selectNode(-1);
        panel.clear();
        QCOMPARE(view->model()->rowCount(), 0);
        QCOMPARE(selectedSpy.count(), 0);
    }

    // The panel only asks; names are checked, and deletions confirmed, by the owner of the list.
    void classesAddRenameRecolourRemoveMove() {
        ScriptedClassesPanel panel;
        showAndWait(panel);
        auto *view = panel.findChild<QTreeView *>("classesView");
        QVERIFY(view);
        panel.setClasses(classList({"cat", "dog"}));
        panel.setSuggestedColour(Qt::magenta);
        QCOMPARE(view->model()->index(1, ClassListModel::KeyColumn).data().toString(), QString("2"));
        QCOMPARE(view->model()->index(0, ClassListModel::NameColumn).data(Qt::DecorationRole).value<QColor>(),
                 QColor(0, 100, 200));

        QSignalSpy addSpy(&panel, &ClassesPanel::addRequested);
        auto *add = panel.findChild<QAction *>("addClassAction");
        panel.nameToGive = " bird ";
        add->trigger();
        QCOMPARE(addSpy.count(), 1);
        QCOMPARE(addSpy.last().at(0).toString(), QString("bird"));
        QCOMPARE(addSpy.last().at(1).value<QColor>(), QColor(Qt::magenta));
        panel.nameToGive.clear(); // cancelled
        add->trigger();
        QCOMPARE(addSpy.count(), 1);

        QSignalSpy renameSpy(&panel, &ClassesPanel::renameRequested);
        view->setCurrentIndex(view->model()->index(1, 0));
        QCOMPARE(panel.currentClass(), 1);
        typeName(view, "dog"); // unchanged: nothing asked
        typeName(view, "horse");
        QTRY_COMPARE(renameSpy.count(), 1);
        QCOMPARE(renameSpy.last().at(0).toInt(), 1); // the class's id
        QCOMPARE(renameSpy.last().at(1).toString(), QString("horse"));

        QSignalSpy recolourSpy(&panel, &ClassesPanel::recolourRequested);
        auto *recolour = panel.findChild<QAction *>("recolourClassAction");
        panel.colourToGive = QColor(); // cancelled
        recolour->trigger();
        panel.colourToGive = Qt::cyan;
        recolour->trigger();
        QCOMPARE(recolourSpy.count(), 1);
        QCOMPARE(recolourSpy.last().at(0).toInt(), 1);
        QCOMPARE(recolourSpy.last().at(1).value<QColor>(), QColor(Qt::cyan));

        QSignalSpy moveSpy(&panel, &ClassesPanel::moveRequested);
        QVERIFY(!panel.findChild<QAction *>("moveClassDownAction")->isEnabled()); // the last one
        panel.findChild<QAction *>("moveClassUpAction")->trigger();
        QCOMPARE(moveSpy.count(), 1);
        QCOMPARE(moveSpy.last().at(0).toInt(), 1);
        QCOMPARE(moveSpy.last().at(1).toInt(), 0);

        QSignalSpy removeSpy(&panel, &ClassesPanel::removeRequested);
        panel.findChild<QAction *>("removeClassAction")->trigger();
        QCOMPARE(removeSpy.count(), 1);
        QCOMPARE(removeSpy.last().first().toInt(), 1);

        // The owner answers with a reordered list: the same class stays current, the keys follow.
        ClassList reordered = classList({"cat", "dog"});
        moveClass(reordered, 1, 0);
        panel.setClasses(reordered);
        QCOMPARE(panel.currentClass(), 1);
        QCOMPARE(view->model()->index(0, ClassListModel::NameColumn).data().toString(), QString("dog"));
        QCOMPARE(view->model()->index(0, ClassListModel::KeyColumn).data().toString(), QString("1"));
        // A shorter list: the neighbour becomes current.
        deleteClass(reordered, 1);
        panel.setClasses(reordered);
        QCOMPARE(panel.currentClass(), 0);
        panel.setClasses(makeClassList());
        QCOMPARE(panel.currentClass(), -1);
        QVERIFY(!panel.findChild<QAction *>("removeClassAction")->isEnabled());
    }

    void classesVisibilityIsPerClass() {
        ScriptedClassesPanel panel;
        panel.setClasses(classList({"cat", "dog"}));
        QSignalSpy visibilitySpy(&panel, &ClassesPanel::visibilityChanged);
        auto *view = panel.findChild<QTreeView *>("classesView");
        const QModelIndex dog = view->model()->index(1, ClassListModel::NameColumn);
        QCOMPARE(dog.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(view->model()->setData(dog, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(visibilitySpy.count(), 1);
        QCOMPARE(panel.hiddenClasses(), QSet<ClassId>{1});
        QCOMPARE(dog.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        view->model()->setData(dog, Qt::Checked, Qt::CheckStateRole);
        QVERIFY(panel.hiddenClasses().isEmpty());
    }

    void classesDoubleClickAssigns() {
        ScriptedClassesPanel panel;
        showAndWait(panel);
        auto *view = panel.findChild<QTreeView *>("classesView");
        panel.setClasses(classList({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}));
        QCOMPARE(view->model()->index(8, ClassListModel::KeyColumn).data().toString(), QString("9"));
        QVERIFY(view->model()->index(9, ClassListModel::KeyColumn).data().toString().isEmpty());
        QSignalSpy assignSpy(&panel, &ClassesPanel::assignRequested);
        doubleClickRow(view, view->model()->index(2, 0));
        QCOMPARE(assignSpy.count(), 1);
        QCOMPARE(assignSpy.last().first().toInt(), 2); // the id of "c"
        QVERIFY(!view->indexWidget(view->model()->index(2, 0))); // double click assigns, it does not edit
    }

    void classesRealInputDialog() {
        ClassesPanel panel;
        panel.setClasses(classList({"cat"}));
        QSignalSpy addSpy(&panel, &ClassesPanel::addRequested);
        // Runs inside the dialog's event loop: answer it, or close whatever modal window is open.
        QTimer::singleShot(0, [] {
            QWidget *modal = QApplication::activeModalWidget();
            if (auto *dialog = qobject_cast<QInputDialog *>(modal)) {
                dialog->setTextValue("fish");
                dialog->accept();
            } else if (modal) {
                modal->close();
            }
        });
        panel.findChild<QAction *>("addClassAction")->trigger();
        QCOMPARE(addSpy.count(), 1);
        QCOMPARE(addSpy.last().first().toString(), QString("fish"));
    }

    void naturalOrder() {
        QVERIFY(naturalLess(u"img2.jpg", u"img10.jpg"));
        QVERIFY(!naturalLess(u"img10.jpg", u"img2.jpg"));
        QVERIFY(naturalLess(u"IMG1.jpg", u"img2.jpg"));
        QVERIFY(naturalLess(u"img", u"img1"));
        QVERIFY(naturalLess(u"a/z.jpg", u"a-b.jpg"));
        QVERIFY(naturalLess(u"x99999999999999999999999", u"x100000000000000000000000")); // beyond 64 bits
        // Names equal but for case or leading zeros still get one fixed order.
        QVERIFY(naturalLess(u"img07", u"img7") != naturalLess(u"img7", u"img07"));
        QVERIFY(naturalLess(u"Img7", u"img7") != naturalLess(u"img7", u"Img7"));
        QVERIFY(!naturalLess(u"same", u"same"));
    }

    void filesListFilterAndNavigate() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char *name : {"img10.jpg", "img2.JPG", "img1.png", "Img2b.bmp", "photo.webp", "sub/img3.jpeg",
                                 "sub/deeper/a.TIFF", "notes.txt", "noextension", "img2.JPG.diffcut.json",
                                 "img2.JPG.diffcut-brush.png", "archive.jpg.zip", "scan.tif"})
            touch(dir.filePath(name));
        const QStringList expectedRelative{"img1.png",   "img2.JPG", "Img2b.bmp",         "img10.jpg",
                                           "photo.webp", "scan.tif", "sub/deeper/a.TIFF", "sub/img3.jpeg"};
        QStringList expected;
        for (const QString &relative : expectedRelative)
            expected << QDir(dir.path()).filePath(relative);

        FilesPanel panel;
        showAndWait(panel);
        QSignalSpy listedSpy(&panel, &FilesPanel::folderListed);
        QSignalSpy activatedSpy(&panel, &FilesPanel::imageActivated);
        panel.openFolder(dir.path());
        panel.setCurrentImage(expected[2]); // named before the listing arrives
        QVERIFY(listedSpy.wait(kListingWaitMs));
        QCOMPARE(listedSpy.last().first().toInt(), 8);
        QCOMPARE(panel.images(), expected);
        auto *view = panel.findChild<QTreeView *>("filesView");
        QCOMPARE(view->selectionModel()->selectedRows().value(0).row(), 2);
        panel.setCurrentImage({});
        QVERIFY(view->selectionModel()->selectedRows().isEmpty());
        QCOMPARE(panel.folder(), QDir(dir.path()).absolutePath());
        auto *count = panel.findChild<QLabel *>("filesCount");
        QVERIFY2(count->text().contains('8'), qPrintable(count->text()));

        QVERIFY(panel.currentImage().isEmpty());
        QCOMPARE(panel.nextImage(), expected[0]);
        QVERIFY(panel.previousImage().isEmpty());
        panel.setCurrentImage(expected[1]);
        QCOMPARE(panel.nextImage(), expected[2]);
        QCOMPARE(panel.previousImage(), expected[0]);
        panel.setCurrentImage(expected.last());
        QVERIFY(panel.nextImage().isEmpty());
        QCOMPARE(activatedSpy.count(), 0);

        // Filtered: next/previous skip hidden images, even from a hidden current one.
        auto *filter = panel.findChild<QLineEdit *>("filesFilter");
        filter->setText("IMG");
        QCOMPARE(view->model()->rowCount(), 5);
        QVERIFY2(count->text().contains('5') && count->text().contains('8'), qPrintable(count->text()));
        panel.setCurrentImage(expected[4]); // photo.webp, filtered out
        QCOMPARE(panel.nextImage(), expected[7]);
        QCOMPARE(panel.previousImage(), expected[3]);
        panel.setCurrentImage(expected[3]);
        QCOMPARE(panel.nextImage(), expected[7]);
        QCOMPARE(panel.previousImage(), expected[2]);
        filter->setText("sub/");
        QCOMPARE(view->model()->rowCount(), 2);
        filter->clear();
        QCOMPARE(view->model()->rowCount(), 8);

        // A click asks for the image (once), and it becomes the current one.
        clickRow(view, view->model()->index(5, ImageListModel::ImageColumn));
        QCOMPARE(activatedSpy.count(), 1);
        QCOMPARE(activatedSpy.last().first().toString(), expected[5]);
        QCOMPARE(panel.currentImage(), expected[5]);
        clickRow(view, view->model()->index(5, ImageListModel::ImageColumn));
        QCOMPARE(activatedSpy.count(), 1);
    }

    void filesMarksAreLazyAndCached() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char *name : {"a.jpg", "b.jpg", "c.jpg"})
            touch(dir.filePath(name));
        QHash<QString, AnnotationProgress> progress{{dir.filePath("a.jpg"), AnnotationProgress::Done},
                                                    {dir.filePath("b.jpg"), AnnotationProgress::Started}};
        FilesPanel panel;
        int asked = 0;
        panel.setProgressFunction([&](const QString &path) {
            ++asked;
            return progress.value(path, AnnotationProgress::None);
        });
        QSignalSpy listedSpy(&panel, &FilesPanel::folderListed);
        panel.openFolder(dir.path());
        QVERIFY(listedSpy.wait(kListingWaitMs));

        const QAbstractItemModel *model = panel.findChild<QTreeView *>("filesView")->model();
        const auto mark = [model](int row) { return model->index(row, ImageListModel::MarkColumn).data().toString(); };
        QCOMPARE(mark(0), QString("✓"));
        QCOMPARE(mark(1), QString("•"));
        QCOMPARE(mark(2), QString());
        QCOMPARE(asked, 3);
        QCOMPARE(mark(0), QString("✓"));
        QCOMPARE(asked, 3); // cached

        progress[dir.filePath("c.jpg")] = AnnotationProgress::Done;
        QCOMPARE(mark(2), QString()); // still cached
        panel.refreshMark(dir.filePath("c.jpg"));
        QCOMPARE(mark(2), QString("✓"));
        QCOMPARE(asked, 4);
    }

    void filesRejectsMissingFolder() {
        FilesPanel panel;
        QSignalSpy failedSpy(&panel, &FilesPanel::listingFailed);
        QTemporaryDir dir;
        const QString missing = dir.filePath("does-not-exist");
        panel.openFolder(missing);
        QVERIFY(failedSpy.wait(kListingWaitMs));
        const QString message = failedSpy.last().first().toString();
        QVERIFY2(message.contains(missing), qPrintable(message));
        QVERIFY(panel.images().isEmpty());
    }

    void filesListsTwentyThousandImages() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        constexpr int kImages = 20000;
        for (int i = 1; i <= kImages; ++i) {
            QFile file(dir.filePath(QString("f%1.jpg").arg(i)));
            QVERIFY(file.open(QIODevice::WriteOnly)); // empty: never decoded
        }
        FilesPanel panel;
        int marksComputed = 0;
        panel.setProgressFunction([&](const QString &) {
            ++marksComputed;
            return AnnotationProgress::None;
        });
        showAndWait(panel);
        QSignalSpy listedSpy(&panel, &FilesPanel::folderListed);
        panel.openFolder(dir.path());
        QVERIFY(listedSpy.wait(kListingWaitMs));
        QCOMPARE(listedSpy.last().first().toInt(), kImages);
        const QStringList images = panel.images();
        QCOMPARE(images.size(), kImages);
        QVERIFY(images[9].endsWith("/f10.jpg"));
        QVERIFY(images.last().endsWith("/f20000.jpg"));
        // Only the rows on screen pay for their mark.
        QTRY_VERIFY(marksComputed > 0);
        QVERIFY2(marksComputed < 1000, qPrintable(QString::number(marksComputed)));
    }
};

QTEST_MAIN(TestGuiPanels)
#include "test_gui_panels.moc"
