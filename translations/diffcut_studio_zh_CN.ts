<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>diffcut::ui::AnnotationController</name>
    <message>
        <source>Updating the segments</source>
        <translation>正在更新区域</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::AnnotationDocument</name>
    <message>
        <source>Change granularity</source>
        <translation>更改粒度</translation>
    </message>
    <message>
        <source>Select a segment to split.</source>
        <translation>请选择要拆分的区域。</translation>
    </message>
    <message>
        <source>These segments cannot be split further.</source>
        <translation>这些区域无法再拆分。</translation>
    </message>
    <message>
        <source>Split segment</source>
        <translation>拆分区域</translation>
    </message>
    <message>
        <source>Brush strokes are not part of the hierarchy; paint over them instead.</source>
        <translation>画笔笔画不属于层级结构；请直接在其上重新涂画。</translation>
    </message>
    <message>
        <source>Select a segment to coarsen.</source>
        <translation>请选择要粗化的区域。</translation>
    </message>
    <message>
        <source>Coarsen segment</source>
        <translation>粗化区域</translation>
    </message>
    <message>
        <source>The whole image is already one segment.</source>
        <translation>整幅图像已是一个区域。</translation>
    </message>
    <message>
        <source>Select at least two segments to merge (Shift+click adds to the selection).</source>
        <translation>请至少选择两个要合并的区域（Shift+单击可加入选择）。</translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation>合并区域</translation>
    </message>
    <message>
        <source>These segments are already merged.</source>
        <translation>这些区域已经合并。</translation>
    </message>
    <message>
        <source>Select the segments to assign a class to.</source>
        <translation>请选择要指定类别的区域。</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>移除类别</translation>
    </message>
    <message>
        <source>Assign class %1</source>
        <translation>指定类别 %1</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>涂画</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>标记为已完成</translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation>标记为未完成</translation>
    </message>
    <message>
        <source>Add class %1</source>
        <translation>添加类别 %1</translation>
    </message>
    <message>
        <source>Rename class</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <source>Change class colour</source>
        <translation>更改类别颜色</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>it was kept as %1</source>
        <translation>已将其保留为 %1</translation>
    </message>
    <message>
        <source>The saved annotation could not be read (%1); %2. The image starts fresh.</source>
        <translation>无法读取已保存的标注（%1）；%2。该图像将从头开始。</translation>
    </message>
    <message>
        <source>Wait for the segmentation to be shown.</source>
        <translation>请等待分割结果显示。</translation>
    </message>
    <message>
        <source>The segmentation for α = %1 is not shown yet.</source>
        <translation>α = %1 的分割结果尚未显示。</translation>
    </message>
    <message>
        <source>There is no such class; add classes in the Classes panel.</source>
        <translation>没有该类别；请在“类别”面板中添加类别。</translation>
    </message>
    <message>
        <source>Make one segment</source>
        <translation>合为一个区域</translation>
    </message>
    <message>
        <source>This node is one segment already.</source>
        <translation>此节点已是一个区域。</translation>
    </message>
    <message>
        <source>This node is split already.</source>
        <translation>此节点已拆分。</translation>
    </message>
    <message>
        <source>Assign class</source>
        <translation>指定类别</translation>
    </message>
    <message>
        <source>Reorder classes</source>
        <translation>调整类别顺序</translation>
    </message>
    <message>
        <source>Import classes</source>
        <translation>导入类别</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassListModel</name>
    <message>
        <source>Press %1 to give the selected segments this class</source>
        <translation>按 %1 可将此类别指定给所选区域</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Double-click to give the selected segments this class; F2 renames it; the box shows or hides it on the canvas</source>
        <translation>双击可将此类别指定给所选区域；按 F2 可重命名；勾选框可在画布上显示或隐藏该类别</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassesPanel</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Change the class&apos;s colour</source>
        <translation>更改类别的颜色</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation>新类别的名称：</translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation>类别颜色</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Import labelme Labels…</source>
        <translation>导入 labelme 标签…</translation>
    </message>
    <message>
        <source>Export labelme Labels…</source>
        <translation>导出 labelme 标签…</translation>
    </message>
    <message>
        <source>Rename the class (F2); every image of the folder follows</source>
        <translation>重命名类别 (F2)；文件夹中的所有图像随之更新</translation>
    </message>
    <message>
        <source>Delete the class from the folder&apos;s list; its segments become unlabelled</source>
        <translation>从文件夹的列表中删除该类别；其区域将变为未标注</translation>
    </message>
    <message>
        <source>Move the class up (the keys 1–9 follow the order)</source>
        <translation>上移该类别（按键 1–9 按此顺序对应）</translation>
    </message>
    <message>
        <source>Move the class down (the keys 1–9 follow the order)</source>
        <translation>下移该类别（按键 1–9 按此顺序对应）</translation>
    </message>
    <message>
        <source>Add the classes of a labelme --labels file (one name per line)</source>
        <translation>添加 labelme --labels 文件中的类别（每行一个名称）</translation>
    </message>
    <message>
        <source>Write the classes as a labelme --labels file</source>
        <translation>将类别写入 labelme --labels 文件</translation>
    </message>
    <message numerus="yes">
        <source>“%1” is used in %n image(s) of this folder. Delete the class and leave their segments unlabelled? (Undo brings it back.)</source>
        <translation>
            <numerusform>此文件夹中有 %n 幅图像使用了“%1”。要删除该类别并将这些区域设为未标注吗？（撤销可恢复。）</numerusform>
        </translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportController</name>
    <message numerus="yes">
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>正在导出 %n 幅图像…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 幅图像导出到 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be exported:</source>
        <translation>
            <numerusform>%n 幅图像无法导出：</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation>导出已取消；已写入的文件是完整的。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportDialog</name>
    <message>
        <source>labelme JSON</source>
        <translation>labelme JSON</translation>
    </message>
    <message>
        <source>A polygon per segment, to open and edit in labelme.</source>
        <translation>每个区域一个多边形，可在 labelme 中打开和编辑。</translation>
    </message>
    <message>
        <source>COCO</source>
        <translation>COCO</translation>
    </message>
    <message>
        <source>One annotations file for all exported images.</source>
        <translation>所有导出图像共用一个标注文件。</translation>
    </message>
    <message>
        <source>PASCAL VOC PNGs</source>
        <translation>PASCAL VOC PNG 图像</translation>
    </message>
    <message>
        <source>Class and object label images with the VOC colour map.</source>
        <translation>使用 VOC 调色板的类别和对象标签图像。</translation>
    </message>
    <message>
        <source>Per-segment masks</source>
        <translation>逐区域掩码</translation>
    </message>
    <message>
        <source>A black-and-white PNG per segment, in a folder per image.</source>
        <translation>每个区域一张黑白 PNG，每幅图像一个文件夹。</translation>
    </message>
    <message>
        <source>YOLO segmentation</source>
        <translation>YOLO 分割</translation>
    </message>
    <message>
        <source>Normalised polygons per image, with data.yaml.</source>
        <translation>每幅图像的归一化多边形，附带 data.yaml。</translation>
    </message>
    <message>
        <source>Overlay image</source>
        <translation>叠加图像</translation>
    </message>
    <message>
        <source>The image with the segments painted over it.</source>
        <translation>叠加了区域着色的图像。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Embed the image in the labelme files (larger, but they open on their own)</source>
        <translation>在 labelme 文件中嵌入图像（文件更大，但可独立打开）</translation>
    </message>
    <message>
        <source> %</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Overlay opacity:</source>
        <translation>叠加层不透明度：</translation>
    </message>
    <message>
        <source>Folder the exported files go to</source>
        <translation>导出文件所存放的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <source>The current image</source>
        <translation>当前图像</translation>
    </message>
    <message>
        <source>Open a folder to export all of its images.</source>
        <translation>打开一个文件夹即可导出其中的所有图像。</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是文件，而不是文件夹。</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>请至少选择一种格式。</translation>
    </message>
    <message>
        <source>The files go to %1:</source>
        <translation>文件将保存到 %1：</translation>
    </message>
    <message>
        <source>The files go to %1 (created on export):</source>
        <translation>文件将保存到 %1（导出时创建）：</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Every image of the folder (%n in all)</source>
        <translation>
            <numerusform>文件夹中的所有图像（共 %n 幅）</numerusform>
        </translation>
    </message>
    <message>
        <source>background (0)</source>
        <translation>背景 (0)</translation>
    </message>
    <message>
        <source>void (255, ignored by evaluation)</source>
        <translation>void（255，评估时忽略）</translation>
    </message>
    <message>
        <source>a class named “segment”</source>
        <translation>名为“segment”的类别</translation>
    </message>
    <message>
        <source>Unlabelled segments in VOC PNGs:</source>
        <translation>VOC PNG 中的未标注区域：</translation>
    </message>
    <message>
        <source>NAME stands for the image&apos;s path in the folder without its extension (with it when two images differ only in extension); ext is the image&apos;s own. Existing files are replaced.</source>
        <translation>NAME 表示图像在文件夹中不含扩展名的路径（若两幅图像仅扩展名不同，则包含扩展名）；ext 为图像自身的扩展名。已有文件将被替换。</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::FilesPanel</name>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>文件夹“%1”不存在。</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>“%1”不是文件夹。</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be read.</source>
        <translation>无法读取文件夹“%1”。</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>正在列出 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 幅图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>已显示 %1 幅，共 %n 幅图像</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::GranularityPanel</name>
    <message>
        <source>Refine boundaries (PAMR)</source>
        <translation>细化边界 (PAMR)</translation>
    </message>
    <message>
        <source>Threshold τ: a region is split in two while the Normalized Cut of its best split is below τ. A higher τ gives more, smaller segments.</source>
        <translation>阈值 τ：当某区域最佳拆分的归一化割低于 τ 时，该区域被一分为二。τ 越高，区域越多、越小。</translation>
    </message>
    <message>
        <source>Sharpness α: pixel similarities are raised to the power α, so a higher α separates regions more readily. Each α computes its own hierarchy.</source>
        <translation>锐度 α：像素相似度取 α 次幂，因此 α 越高，越容易分开各区域。每个 α 会计算各自的层级结构。</translation>
    </message>
    <message>
        <source>Align segment boundaries with the image&apos;s edges (PAMR); slower.</source>
        <translation>使区域边界与图像边缘对齐 (PAMR)；较慢。</translation>
    </message>
    <message>
        <source>τ</source>
        <translation>τ</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个区域</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Choose the τ whose cut of the current hierarchy gives the number of segments nearest to this one.</source>
        <translation>选择使当前层级结构的切分所得区域数最接近此数值的 τ。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>约</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>个区域</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyModel</name>
    <message>
        <source>root</source>
        <translation>根</translation>
    </message>
    <message>
        <source>Node %1 at depth %2, a segment of the current cut</source>
        <translation>节点 %1，深度 %2，当前切分中的一个区域</translation>
    </message>
    <message>
        <source>Node %1 at depth %2</source>
        <translation>节点 %1，深度 %2</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2%)</translation>
    </message>
    <message>
        <source>Cells of the feature grid in this region</source>
        <translation>此区域中特征网格的单元数</translation>
    </message>
    <message>
        <source>—</source>
        <comment>NCut of a region that cannot be split</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>This region cannot be split further.</source>
        <translation>此区域无法再拆分。</translation>
    </message>
    <message>
        <source>Normalized Cut of the best split of this region: lower means a cleaner cut. The region is split while this value is below τ.</source>
        <translation>此区域最佳拆分的归一化割：越低表示切分越干净。该值低于 τ 时区域会被拆分。</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>NCut</source>
        <translation>NCut</translation>
    </message>
    <message>
        <source>The way down from the root: 1 = the first part of a split, 0 = the second. Segments of the current cut are in bold with their colour.</source>
        <translation>从根向下的路径：1 = 拆分的第一部分，0 = 第二部分。当前切分中的区域以粗体及其颜色显示。</translation>
    </message>
    <message>
        <source>Cells of the feature grid in the region, and their share of the image</source>
        <translation>区域中特征网格的单元数及其占图像的比例</translation>
    </message>
    <message>
        <source>Normalized Cut of the region&apos;s best split in two: lower means a cleaner cut. A region is split while its NCut is below τ; — means it cannot be split.</source>
        <translation>将区域一分为二的最佳拆分的归一化割：越低表示切分越干净。NCut 低于 τ 的区域会被拆分；— 表示无法拆分。</translation>
    </message>
    <message>
        <source>Coarsen (C) would make this node one segment (outlined on the canvas)</source>
        <translation>粗化 (C) 会将此节点合为一个区域（在画布上以轮廓标出）</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyPanel</name>
    <message>
        <source>Make This One Segment</source>
        <translation>合为一个区域</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>合并到上级</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>指定类别</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ImageCanvas</name>
    <message>
        <source>Open an image (Ctrl+O) or drop one here</source>
        <translation>打开图像 (Ctrl+O) 或将图像拖放到此处</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ImageListModel</name>
    <message>
        <source>✓</source>
        <comment>annotation done</comment>
        <translation>✓</translation>
    </message>
    <message>
        <source>•</source>
        <comment>annotation started</comment>
        <translation>•</translation>
    </message>
    <message>
        <source>Annotation done</source>
        <translation>标注已完成</translation>
    </message>
    <message>
        <source>Annotation started</source>
        <translation>标注已开始</translation>
    </message>
    <message>
        <source>Not annotated yet</source>
        <translation>尚未标注</translation>
    </message>
    <message>
        <source>◆</source>
        <comment>features ready</comment>
        <translation>◆</translation>
    </message>
    <message>
        <source>◇</source>
        <comment>features being computed</comment>
        <translation>◇</translation>
    </message>
    <message>
        <source>Features ready: opens without encoding</source>
        <translation>特征已就绪：无需编码即可打开</translation>
    </message>
    <message>
        <source>Features being computed in the background</source>
        <translation>正在后台计算特征</translation>
    </message>
    <message>
        <source>✗</source>
        <comment>image could not be opened</comment>
        <translation>✗</translation>
    </message>
    <message>
        <source>Could not be opened: %1</source>
        <translation>无法打开：%1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::MainWindow</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>&amp;Save Annotation</source>
        <translation>保存标注(&amp;S)</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>下一幅图像(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>上一幅图像(&amp;P)</translation>
    </message>
    <message>
        <source>Mark Image as &amp;Done</source>
        <translation>将图像标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;plit Segment</source>
        <translation>拆分区域(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Coarsen Segment</source>
        <translation>粗化区域(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Merge Segments</source>
        <translation>合并区域(&amp;M)</translation>
    </message>
    <message>
        <source>Remove C&amp;lass</source>
        <translation>移除类别(&amp;L)</translation>
    </message>
    <message>
        <source>Assign Class %1</source>
        <translation>指定类别 %1</translation>
    </message>
    <message>
        <source>Select &amp;All Segments</source>
        <translation>选择所有区域(&amp;A)</translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>Se&amp;lect Tool</source>
        <translation>选择工具(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>画笔(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>缩小画笔</translation>
    </message>
    <message>
        <source>Bigger Brush</source>
        <translation>放大画笔</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>实际大小 (100%)(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Segment &amp;Outlines</source>
        <translation>区域轮廓(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;About DiffCut Studio</source>
        <translation>关于 DiffCut Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Hierarchy</source>
        <translation>层级结构</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Navigator</source>
        <translation>导航器</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Assign &amp;Class</source>
        <translation>指定类别(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>叠加层</translation>
    </message>
    <message>
        <source>Opacity of the segmentation overlay</source>
        <translation>分割叠加层的不透明度</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>building hierarchy for α = %1…</source>
        <translation>正在为 α = %1 构建层级结构…</translation>
    </message>
    <message>
        <source>Segmentation failed</source>
        <translation>分割失败</translation>
    </message>
    <message>
        <source>Model not used</source>
        <translation>未使用模型</translation>
    </message>
    <message>
        <source>Assign “%1”</source>
        <translation>指定“%1”</translation>
    </message>
    <message>
        <source>The annotation could not be saved</source>
        <translation>无法保存标注</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) in the folder</source>
        <translation>
            <numerusform>文件夹中有 %n 幅图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>Choose the class to paint with in the Classes panel.</source>
        <translation>请在“类别”面板中选择要涂画的类别。</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>正在列出 %1…</translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 不存在或不是文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个区域</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>Segment #%1 · %2 · %3 px (%4 %) · at %5, %6</source>
        <translation>区域 #%1 · %2 · %3 px (%4%) · 位于 %5, %6</translation>
    </message>
    <message>
        <source>Node %1: %2 cells, NCut %3</source>
        <translation>节点 %1：%2 个单元，NCut %3</translation>
    </message>
    <message>
        <source>root</source>
        <translation>根</translation>
    </message>
    <message>
        <source>cannot be split</source>
        <translation>无法拆分</translation>
    </message>
    <message>
        <source>This is the last image.</source>
        <translation>这是最后一幅图像。</translation>
    </message>
    <message>
        <source>This is the first image.</source>
        <translation>这是第一幅图像。</translation>
    </message>
    <message>
        <source>DiffCut Studio</source>
        <translation>DiffCut Studio</translation>
    </message>
    <message>
        <source>%1 — DiffCut Studio</source>
        <translation>%1 — DiffCut Studio</translation>
    </message>
    <message>
        <source>The new encoder settings apply from the next image opened.</source>
        <translation>新的编码器设置将从下一幅打开的图像起生效。</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>已有导出正在进行。</translation>
    </message>
    <message>
        <source>There is no segmentation to export yet.</source>
        <translation>尚无可导出的分割结果。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>About DiffCut Studio</source>
        <translation>关于 DiffCut Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Zero-shot image segmentation with diffusion features and recursive Normalized Cut (DiffCut, NeurIPS 2024): no labels, no text prompts.&lt;/p&gt;&lt;p&gt;Encoder: %2&lt;/p&gt;&lt;p&gt;Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;基于扩散特征与递归归一化割的零样本图像分割（DiffCut，NeurIPS 2024）：无需标签，无需文本提示。&lt;/p&gt;&lt;p&gt;编码器：%2&lt;/p&gt;&lt;p&gt;使用 Qt %3 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>尚未加载</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>合并到上级</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Outlines</source>
        <translation>轮廓</translation>
    </message>
    <message>
        <source>Stopped before the features were ready; open the image again to compute them.</source>
        <translation>在特征计算完成前已停止；重新打开图像即可计算。</translation>
    </message>
    <message>
        <source>&amp;Unlabelled Segments</source>
        <translation>未标注区域(&amp;U)</translation>
    </message>
    <message>
        <source>Show the segments that have no class yet (in neutral greys)</source>
        <translation>显示尚无类别的区域（以中性灰色显示）</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>指定类别</translation>
    </message>
    <message numerus="yes">
        <source>τ = %1 gives the count nearest to %n segment(s).</source>
        <translation>
            <numerusform>τ = %1 时区域数最接近 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>请先打开图像。</translation>
    </message>
    <message>
        <source>Counting the images that use “%1”…</source>
        <translation>正在统计使用“%1”的图像…</translation>
    </message>
    <message>
        <source>Import labelme Labels</source>
        <translation>导入 labelme 标签</translation>
    </message>
    <message>
        <source>Label files (*.txt);;All files (*)</source>
        <translation>标签文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>No new classes in %1.</source>
        <translation>%1 中没有新类别。</translation>
    </message>
    <message numerus="yes">
        <source>Added %n class(es): %1</source>
        <translation>
            <numerusform>已添加 %n 个类别：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export labelme Labels</source>
        <translation>导出 labelme 标签</translation>
    </message>
    <message>
        <source>Label files (*.txt)</source>
        <translation>标签文件 (*.txt)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message>
        <source>Class list not read</source>
        <translation>无法读取类别列表</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with the %1×%2 built-in encoder set aside</source>
        <translation>
            <numerusform>使用 %1×%2 内置编码器做出的 %n 项决定已搁置</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with %1 (t = %2) set aside</source>
        <translation>
            <numerusform>使用 %1 (t = %2) 做出的 %n 项决定已搁置</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made before the image&apos;s pixels changed set aside</source>
        <translation>
            <numerusform>在图像像素更改前做出的 %n 项决定已搁置</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made at α = %1 set aside</source>
        <translation>
            <numerusform>在 α = %1 时做出的 %n 项决定已搁置</numerusform>
        </translation>
    </message>
    <message>
        <source>they apply again with those features and α.</source>
        <translation>使用相同的特征和 α 时会重新生效。</translation>
    </message>
    <message>
        <source>There is no class %1 yet; add classes in the Classes panel.</source>
        <translation>尚无类别 %1；请在“类别”面板中添加类别。</translation>
    </message>
    <message>
        <source>Suggest &amp;Names</source>
        <translation>建议名称(&amp;N)</translation>
    </message>
    <message>
        <source>Set a CLIP model in Settings, add a class and open an image to get suggested names.</source>
        <translation>请在设置中指定 CLIP 模型，添加类别并打开图像，即可获取建议名称。</translation>
    </message>
    <message>
        <source>Accept All Suggestions</source>
        <translation>接受所有建议</translation>
    </message>
    <message>
        <source>Accept Suggestions of the Selection</source>
        <translation>接受所选区域的建议</translation>
    </message>
    <message>
        <source>Reject Suggestions</source>
        <translation>拒绝建议</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>全部接受</translation>
    </message>
    <message>
        <source>Accept Selected</source>
        <translation>接受所选</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) suggested: Enter accepts the selection&apos;s.</source>
        <translation>
            <numerusform>已建议 %n 个名称：按 Enter 接受所选区域的建议。</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggest Names</source>
        <translation>建议名称</translation>
    </message>
    <message>
        <source>Preview at %1×%2, full resolution follows · %3</source>
        <translation>%1×%2 预览，完整分辨率稍后显示 · %3</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::NamingController</name>
    <message>
        <source>No suggested name for the selected segments.</source>
        <translation>所选区域没有建议名称。</translation>
    </message>
    <message>
        <source>Accept suggested names</source>
        <translation>接受建议名称</translation>
    </message>
    <message>
        <source>Suggesting names…</source>
        <translation>正在建议名称…</translation>
    </message>
    <message>
        <source>Names cannot be suggested: %1</source>
        <translation>无法建议名称：%1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::Prefetcher</name>
    <message>
        <source>Preparing %1 in the background</source>
        <translation>正在后台准备 %1</translation>
    </message>
    <message numerus="yes">
        <source>Next %n image(s) ready</source>
        <translation>
            <numerusform>接下来的 %n 张图像已就绪</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentTableModel</name>
    <message>
        <source>Painted with the brush</source>
        <translation>用画笔涂画</translation>
    </message>
    <message numerus="yes">
        <source>Merged from %n hierarchy node(s)</source>
        <translation>
            <numerusform>由 %n 个层级节点合并而成</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>#%1 brush</source>
        <translation>#%1 画笔</translation>
    </message>
    <message>
        <source>#%1 merged ×%2</source>
        <translation>#%1 合并 ×%2</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <source>%1 px (%2%)</source>
        <translation>%1 px (%2%)</translation>
    </message>
    <message>
        <source>%1? %2%</source>
        <translation>%1？%2%</translation>
    </message>
    <message>
        <source>Suggested, not accepted: Enter accepts the selected segments&apos; suggestions</source>
        <translation>已建议，未接受：按 Enter 接受所选区域的建议</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentationSession</name>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>affinity</source>
        <translation>亲和度</translation>
    </message>
    <message>
        <source>cut</source>
        <translation>切割</translation>
    </message>
    <message>
        <source>assignment</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>refinement</source>
        <translation>细化</translation>
    </message>
    <message>
        <source>edits</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Computing features</source>
        <translation>正在计算特征</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1
Using the built-in fallback encoder instead.</source>
        <translation>无法加载模型：%1
改用内置的后备编码器。</translation>
    </message>
    <message>
        <source>Building the hierarchy for α = %1</source>
        <translation>正在为 α = %1 构建层级结构</translation>
    </message>
    <message>
        <source>%1 %2 ms</source>
        <translation>%1 %2 毫秒</translation>
    </message>
    <message>
        <source>hierarchy</source>
        <translation>层级结构</translation>
    </message>
    <message>
        <source>composition</source>
        <translation>合成</translation>
    </message>
    <message>
        <source>decoding the image</source>
        <translation>图像解码</translation>
    </message>
    <message>
        <source>text encoder</source>
        <translation>文本编码器</translation>
    </message>
    <message>
        <source>second text encoder</source>
        <translation>第二文本编码器</translation>
    </message>
    <message>
        <source>loading the VAE</source>
        <translation>加载 VAE</translation>
    </message>
    <message>
        <source>loading the UNet</source>
        <translation>加载 UNet</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>UNet</source>
        <translation>UNet</translation>
    </message>
    <message>
        <source>feature cache</source>
        <translation>特征缓存</translation>
    </message>
    <message>
        <source>built-in encoder</source>
        <translation>内置编码器</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SettingsDialog</name>
    <message>
        <source>%1 — %2, %3 px, %4</source>
        <translation>%1 — %2，%3 px，%4</translation>
    </message>
    <message>
        <source>%1 (incomplete)</source>
        <translation>%1（不完整）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Two actions share a shortcut; see the Shortcuts page.</source>
        <translation>有两个操作使用了同一快捷键；请查看“快捷键”页面。</translation>
    </message>
    <message>
        <source>Model folder or Hugging Face repo id, e.g. segmind/SSD-1B</source>
        <translation>模型文件夹或 Hugging Face 仓库 ID，例如 segmind/SSD-1B</translation>
    </message>
    <message>
        <source>Diffusion Model Folder</source>
        <translation>扩散模型文件夹</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Installed models:</source>
        <translation>已安装的模型：</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>自动（可用时使用 CUDA）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA (NVIDIA GPU)</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Noise level at which the diffusion model is asked for features (the paper uses 50).</source>
        <translation>向扩散模型提取特征时所用的噪声水平（论文中使用 50）。</translation>
    </message>
    <message>
        <source>Timestep:</source>
        <translation>时间步：</translation>
    </message>
    <message>
        <source>Used for images that have no saved annotation yet.</source>
        <translation>用于尚无已保存标注的图像。</translation>
    </message>
    <message>
        <source>A region is split while the Normalized Cut of its best split is below τ; a higher τ gives more, smaller segments.</source>
        <translation>当区域最佳拆分的归一化割低于 τ 时，该区域会被拆分；τ 越高，区域越多、越小。</translation>
    </message>
    <message>
        <source>Threshold τ:</source>
        <translation>阈值 τ：</translation>
    </message>
    <message>
        <source>Similarities are raised to the power α; a higher α separates regions more readily.</source>
        <translation>相似度取 α 次幂；α 越高，越容易分开各区域。</translation>
    </message>
    <message>
        <source>Sharpness α:</source>
        <translation>锐度 α：</translation>
    </message>
    <message>
        <source>Refine boundaries along the image&apos;s edges (PAMR; slower)</source>
        <translation>沿图像边缘细化边界（PAMR；较慢）</translation>
    </message>
    <message>
        <source>32 × 32 (faster)</source>
        <translation>32 × 32（较快）</translation>
    </message>
    <message>
        <source>64 × 64 (finer boundaries)</source>
        <translation>64 × 64（边界更精细）</translation>
    </message>
    <message>
        <source>Built-in encoder resolution:</source>
        <translation>内置编码器分辨率：</translation>
    </message>
    <message>
        <source>The built-in encoder is used when no diffusion model is set.</source>
        <translation>未设置扩散模型时使用内置编码器。</translation>
    </message>
    <message>
        <source>Cache Folder</source>
        <translation>缓存文件夹</translation>
    </message>
    <message>
        <source>Cache folder:</source>
        <translation>缓存文件夹：</translation>
    </message>
    <message>
        <source>Keep computed features on disk, so that reopening an image is instant</source>
        <translation>将计算出的特征保存在磁盘上，重新打开图像时即可立即显示</translation>
    </message>
    <message>
        <source>Clear Feature Cache</source>
        <translation>清除特征缓存</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>A new language applies when DiffCut Studio is restarted.</source>
        <translation>新语言将在重新启动 DiffCut Studio 后生效。</translation>
    </message>
    <message>
        <source> %</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Segment overlay opacity:</source>
        <translation>区域叠加层不透明度：</translation>
    </message>
    <message>
        <source>Outline the segments</source>
        <translation>描绘区域轮廓</translation>
    </message>
    <message>
        <source>Searching for models…</source>
        <translation>正在搜索模型…</translation>
    </message>
    <message>
        <source>The search for models failed: %1</source>
        <translation>搜索模型失败：%1</translation>
    </message>
    <message>
        <source>None in the Hugging Face cache (%1)</source>
        <translation>Hugging Face 缓存中没有 (%1)</translation>
    </message>
    <message>
        <source>No model is set, so the built-in encoder is used: it groups pixels by colour and texture, not by meaning. Set a diffusion model for the segments of the paper.</source>
        <translation>未设置模型，因此使用内置编码器：它按颜色和纹理而非语义对像素分组。设置扩散模型即可得到论文中的分割区域。</translation>
    </message>
    <message>
        <source>Features come from the diffusion model in %1.</source>
        <translation>特征来自 %1 中的扩散模型。</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>无法使用此模型：%1</translation>
    </message>
    <message>
        <source>Clearing the feature cache…</source>
        <translation>正在清除特征缓存…</translation>
    </message>
    <message>
        <source>Measuring the feature cache…</source>
        <translation>正在统计特征缓存…</translation>
    </message>
    <message>
        <source>The feature cache in %1 is empty.</source>
        <translation>%1 中的特征缓存为空。</translation>
    </message>
    <message>
        <source>(Not every file could be read or removed: %1.)</source>
        <translation>（部分文件无法读取或删除：%1。）</translation>
    </message>
    <message numerus="yes">
        <source>Models found: %n. Choose one…</source>
        <translation>
            <numerusform>找到 %n 个模型。请选择一个…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The feature cache in %1 takes %2; cached images: %n.</source>
        <translation>
            <numerusform>%1 中的特征缓存占用 %2；已缓存图像：%n 幅。</numerusform>
        </translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Beyond this size the least recently used features are removed; those of the folder you work in go last.</source>
        <translation>超过此大小时，最久未使用的特征会被删除；您正在处理的文件夹的特征最后删除。</translation>
    </message>
    <message>
        <source>Feature cache limit:</source>
        <translation>特征缓存上限：</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>While you work on an image, the next ones in the direction you move (D or A) are encoded in the background, so that they open at once.</source>
        <translation>在您处理一张图像时，沿您前进方向（D 或 A）的后续图像会在后台编码，以便立即打开。</translation>
    </message>
    <message>
        <source>Prepare images ahead:</source>
        <translation>提前准备的图像：</translation>
    </message>
    <message>
        <source>Their features take at most:</source>
        <translation>其特征最多占用：</translation>
    </message>
    <message>
        <source>Annotations and class lists of read-only folders kept there (%1) are never cleared.</source>
        <translation>保存在那里的只读文件夹的标注和类别列表（%1）永远不会被清除。</translation>
    </message>
    <message>
        <source>OpenCLIP folder or repo id, e.g. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</source>
        <translation>OpenCLIP 文件夹或仓库 ID，例如 laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</translation>
    </message>
    <message>
        <source>CLIP model:</source>
        <translation>CLIP 模型：</translation>
    </message>
    <message>
        <source>CLIP Model Folder</source>
        <translation>CLIP 模型文件夹</translation>
    </message>
    <message>
        <source>The square size the CLIP image tower sees (a multiple of 32; the paper uses 1024).</source>
        <translation>CLIP 图像编码器所用的正方形尺寸（32 的倍数；论文中使用 1024）。</translation>
    </message>
    <message>
        <source>CLIP size:</source>
        <translation>CLIP 尺寸：</translation>
    </message>
    <message>
        <source>With a CLIP model, the Classes panel can suggest a class for every unlabelled segment.</source>
        <translation>设置 CLIP 模型后，“类别”面板可为每个未标注区域建议一个类别。</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ShortcutEditor</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the default shortcut</source>
        <translation>恢复默认快捷键</translation>
    </message>
    <message>
        <source>Reset All</source>
        <translation>全部重置</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>%1 is used by %2.</source>
        <translation>%1 已被 %2 使用。</translation>
    </message>
    <message>
        <source>Give each of these actions its own shortcut.</source>
        <translation>请为这些操作分别指定各自的快捷键。</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::TaskIndicator</name>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>DiffCut Studio: zero-shot image segmentation with diffusion features and recursive Normalized Cut.</source>
        <translation>DiffCut Studio：基于扩散特征与递归归一化割的零样本图像分割。</translation>
    </message>
    <message>
        <source>An image or a folder of images to open.</source>
        <translation>要打开的图像或图像文件夹。</translation>
    </message>
</context>
</TS>
