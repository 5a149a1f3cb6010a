<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>diffcut::ui::AnnotationDocument</name>
    <message>
        <source>The saved annotation could not be read and was kept as %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change granularity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a segment to split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These segments cannot be split further.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush strokes are not part of the hierarchy; paint over them instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a segment to coarsen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coarsen segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole image is already one segment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select at least two segments to merge (Shift+click adds to the selection).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These segments are already merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the segments to assign a class to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no class %1 yet; add classes in the Classes panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change class colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassListModel</name>
    <message>
        <source>Double-click to give the selected segments this class; F2 renames it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press %1 to give the selected segments this class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassesPanel</name>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the class (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the class&apos;s colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the class; its segments become unlabelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments are labelled “%1”. Delete the class and leave them unlabelled?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A class needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a class named “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportDialog</name>
    <message>
        <source>labelme JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A polygon per segment, to open and edit in labelme.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COCO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One annotations file for all exported images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASCAL VOC PNGs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class and object label images with the VOC colour map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-segment masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A black-and-white PNG per segment, in a folder per image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YOLO segmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalised polygons per image, with data.yaml.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlay image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image with the segments painted over it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embed the image in the labelme files (larger, but they open on their own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlay opacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder the exported files go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder to export all of its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files go to %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files go to %1 (created on export):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME stands for the image&apos;s file name without its extension. Existing files are replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every image of the folder (%n in all)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::FilesPanel</name>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder “%1” cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::GranularityPanel</name>
    <message>
        <source>Refine boundaries (PAMR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold τ: a region is split in two while the Normalized Cut of its best split is below τ. A higher τ gives more, smaller segments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpness α: pixel similarities are raised to the power α, so a higher α separates regions more readily. Each α computes its own hierarchy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Align segment boundaries with the image&apos;s edges (PAMR); slower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>τ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyModel</name>
    <message>
        <source>root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 at depth %2, a segment of the current cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 at depth %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells of the feature grid in this region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>NCut of a region that cannot be split</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This region cannot be split further.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalized Cut of the best split of this region: lower means a cleaner cut. The region is split while this value is below τ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NCut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The way down from the root: 1 = the first part of a split, 0 = the second. Segments of the current cut are in bold with their colour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells of the feature grid in the region, and their share of the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalized Cut of the region&apos;s best split in two: lower means a cleaner cut. A region is split while its NCut is below τ; — means it cannot be split.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ImageCanvas</name>
    <message>
        <source>Open an image (Ctrl+O) or drop one here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ImageListModel</name>
    <message>
        <source>✓</source>
        <comment>annotation done</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>•</source>
        <comment>annotation started</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotation done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotation started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not annotated yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::MainWindow</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Image as &amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;plit Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Coarsen Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove C&amp;lass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign Class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;lect Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bigger Brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment &amp;Outlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About DiffCut Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hierarchy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign &amp;Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity of the segmentation overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotation not restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>building hierarchy for α = %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The annotation could not be saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) in the folder</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the class to paint with in the Classes panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment #%1 · %2 · %3 px (%4 %) · at %5, %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1: %2 cells, NCut %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the last image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the first image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DiffCut Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — DiffCut Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new encoder settings apply from the next image opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no segmentation to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n image(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be exported:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About DiffCut Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Zero-shot image segmentation with diffusion features and recursive Normalized Cut (DiffCut, NeurIPS 2024): no labels, no text prompts.&lt;/p&gt;&lt;p&gt;Encoder: %2&lt;/p&gt;&lt;p&gt;Built with Qt %3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentTableModel</name>
    <message>
        <source>Painted with the brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Merged from %n hierarchy node(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 merged ×%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 px (%2%)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentationSession</name>
    <message>
        <source>Computing features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded: %1
Using the built-in fallback encoder instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the hierarchy for α = %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SettingsDialog</name>
    <message>
        <source>%1 — %2, %3 px, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (incomplete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two actions share a shortcut; see the Shortcuts page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder or Hugging Face repo id, e.g. segmind/SSD-1B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diffusion Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed models:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise level at which the diffusion model is asked for features (the paper uses 50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used for images that have no saved annotation yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A region is split while the Normalized Cut of its best split is below τ; a higher τ gives more, smaller segments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold τ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarities are raised to the power α; a higher α separates regions more readily.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpness α:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refine boundaries along the image&apos;s edges (PAMR; slower)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>32 × 32 (faster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>64 × 64 (finer boundaries)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in encoder resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in encoder is used when no diffusion model is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep computed features on disk, so that reopening an image is instant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Feature Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies when DiffCut Studio is restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment overlay opacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline the segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching for models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search for models failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None in the Hugging Face cache (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is set, so the built-in encoder is used: it groups pixels by colour and texture, not by meaning. Set a diffusion model for the segments of the paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features come from the diffusion model in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearing the feature cache…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring the feature cache…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feature cache in %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Not every file could be read or removed: %1.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Models found: %n. Choose one…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The feature cache in %1 takes %2; cached images: %n.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ShortcutEditor</name>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the default shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is used by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give each of these actions its own shortcut.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>DiffCut Studio: zero-shot image segmentation with diffusion features and recursive Normalized Cut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An image or a folder of images to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
