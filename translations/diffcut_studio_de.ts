<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>diffcut::ui::AnnotationController</name>
    <message>
        <source>Updating the segments</source>
        <translation>Segmente werden aktualisiert</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::AnnotationDocument</name>
    <message>
        <source>Change granularity</source>
        <translation>Granularität ändern</translation>
    </message>
    <message>
        <source>Select a segment to split.</source>
        <translation>Wählen Sie ein Segment zum Teilen aus.</translation>
    </message>
    <message>
        <source>These segments cannot be split further.</source>
        <translation>Diese Segmente lassen sich nicht weiter teilen.</translation>
    </message>
    <message>
        <source>Split segment</source>
        <translation>Segment teilen</translation>
    </message>
    <message>
        <source>Brush strokes are not part of the hierarchy; paint over them instead.</source>
        <translation>Pinselstriche gehören nicht zur Hierarchie; übermalen Sie sie stattdessen.</translation>
    </message>
    <message>
        <source>Select a segment to coarsen.</source>
        <translation>Wählen Sie ein Segment zum Vergröbern aus.</translation>
    </message>
    <message>
        <source>Coarsen segment</source>
        <translation>Segment vergröbern</translation>
    </message>
    <message>
        <source>The whole image is already one segment.</source>
        <translation>Das ganze Bild ist bereits ein einziges Segment.</translation>
    </message>
    <message>
        <source>Select at least two segments to merge (Shift+click adds to the selection).</source>
        <translation>Wählen Sie mindestens zwei Segmente zum Zusammenführen aus (Shift+Klick erweitert die Auswahl).</translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation>Segmente zusammenführen</translation>
    </message>
    <message>
        <source>These segments are already merged.</source>
        <translation>Diese Segmente sind bereits zusammengeführt.</translation>
    </message>
    <message>
        <source>Select the segments to assign a class to.</source>
        <translation>Wählen Sie die Segmente aus, denen Sie eine Klasse zuweisen möchten.</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>Klasse entfernen</translation>
    </message>
    <message>
        <source>Assign class %1</source>
        <translation>Klasse %1 zuweisen</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Radieren</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>Malen</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation>Als nicht erledigt markieren</translation>
    </message>
    <message>
        <source>Add class %1</source>
        <translation>Klasse %1 hinzufügen</translation>
    </message>
    <message>
        <source>Rename class</source>
        <translation>Klasse umbenennen</translation>
    </message>
    <message>
        <source>Change class colour</source>
        <translation>Klassenfarbe ändern</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>Klasse löschen</translation>
    </message>
    <message>
        <source>it was kept as %1</source>
        <translation>sie wurde als %1 aufbewahrt</translation>
    </message>
    <message>
        <source>The saved annotation could not be read (%1); %2. The image starts fresh.</source>
        <translation>Die gespeicherte Annotation konnte nicht gelesen werden (%1); %2. Das Bild beginnt von vorn.</translation>
    </message>
    <message>
        <source>Wait for the segmentation to be shown.</source>
        <translation>Warten Sie, bis die Segmentierung angezeigt wird.</translation>
    </message>
    <message>
        <source>The segmentation for α = %1 is not shown yet.</source>
        <translation>Die Segmentierung für α = %1 wird noch nicht angezeigt.</translation>
    </message>
    <message>
        <source>There is no such class; add classes in the Classes panel.</source>
        <translation>Diese Klasse gibt es nicht; fügen Sie Klassen in der Seitenleiste „Klassen“ hinzu.</translation>
    </message>
    <message>
        <source>Make one segment</source>
        <translation>Zu einem Segment machen</translation>
    </message>
    <message>
        <source>This node is one segment already.</source>
        <translation>Dieser Knoten ist bereits ein einziges Segment.</translation>
    </message>
    <message>
        <source>This node is split already.</source>
        <translation>Dieser Knoten ist bereits geteilt.</translation>
    </message>
    <message>
        <source>Assign class</source>
        <translation>Klasse zuweisen</translation>
    </message>
    <message>
        <source>Reorder classes</source>
        <translation>Klassen umordnen</translation>
    </message>
    <message>
        <source>Import classes</source>
        <translation>Klassen importieren</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassListModel</name>
    <message>
        <source>Press %1 to give the selected segments this class</source>
        <translation>Drücken Sie %1, um den ausgewählten Segmenten diese Klasse zuzuweisen</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Double-click to give the selected segments this class; F2 renames it; the box shows or hides it on the canvas</source>
        <translation>Doppelklicken Sie, um den ausgewählten Segmenten diese Klasse zuzuweisen; F2 benennt sie um; das Kästchen blendet sie auf der Zeichenfläche ein oder aus</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassesPanel</name>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Farbe…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>Eine Klasse hinzufügen</translation>
    </message>
    <message>
        <source>Change the class&apos;s colour</source>
        <translation>Die Farbe der Klasse ändern</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Klasse hinzufügen</translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation>Name der neuen Klasse:</translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation>Klassenfarbe</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>Klasse löschen</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Import labelme Labels…</source>
        <translation>labelme-Labels importieren…</translation>
    </message>
    <message>
        <source>Export labelme Labels…</source>
        <translation>labelme-Labels exportieren…</translation>
    </message>
    <message>
        <source>Rename the class (F2); every image of the folder follows</source>
        <translation>Die Klasse umbenennen (F2); alle Bilder des Ordners übernehmen den neuen Namen</translation>
    </message>
    <message>
        <source>Delete the class from the folder&apos;s list; its segments become unlabelled</source>
        <translation>Die Klasse aus der Liste des Ordners löschen; ihre Segmente sind danach ohne Klasse</translation>
    </message>
    <message>
        <source>Move the class up (the keys 1–9 follow the order)</source>
        <translation>Die Klasse nach oben verschieben (die Tasten 1–9 folgen der Reihenfolge)</translation>
    </message>
    <message>
        <source>Move the class down (the keys 1–9 follow the order)</source>
        <translation>Die Klasse nach unten verschieben (die Tasten 1–9 folgen der Reihenfolge)</translation>
    </message>
    <message>
        <source>Add the classes of a labelme --labels file (one name per line)</source>
        <translation>Die Klassen einer labelme-Datei für --labels hinzufügen (ein Name pro Zeile)</translation>
    </message>
    <message>
        <source>Write the classes as a labelme --labels file</source>
        <translation>Die Klassen als labelme-Datei für --labels schreiben</translation>
    </message>
    <message numerus="yes">
        <source>“%1” is used in %n image(s) of this folder. Delete the class and leave their segments unlabelled? (Undo brings it back.)</source>
        <translation>
            <numerusform>„%1“ wird in %n Bild dieses Ordners verwendet. Die Klasse löschen und die betroffenen Segmente ohne Klasse lassen? (Rückgängig stellt sie wieder her.)</numerusform>
            <numerusform>„%1“ wird in %n Bildern dieses Ordners verwendet. Die Klasse löschen und die betroffenen Segmente ohne Klasse lassen? (Rückgängig stellt sie wieder her.)</numerusform>
        </translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportController</name>
    <message numerus="yes">
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>%n Bild wird exportiert…</numerusform>
            <numerusform>%n Bilder werden exportiert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to %1.</source>
        <translation>
            <numerusform>%n Bild nach %1 exportiert.</numerusform>
            <numerusform>%n Bilder nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be exported:</source>
        <translation>
            <numerusform>%n Bild konnte nicht exportiert werden:</numerusform>
            <numerusform>%n Bilder konnten nicht exportiert werden:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation>Export abgebrochen; die bisher geschriebenen Dateien sind vollständig.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportDialog</name>
    <message>
        <source>labelme JSON</source>
        <translation>labelme-JSON</translation>
    </message>
    <message>
        <source>A polygon per segment, to open and edit in labelme.</source>
        <translation>Ein Polygon je Segment, zum Öffnen und Bearbeiten in labelme.</translation>
    </message>
    <message>
        <source>COCO</source>
        <translation>COCO</translation>
    </message>
    <message>
        <source>One annotations file for all exported images.</source>
        <translation>Eine Annotationsdatei für alle exportierten Bilder.</translation>
    </message>
    <message>
        <source>PASCAL VOC PNGs</source>
        <translation>PASCAL-VOC-PNGs</translation>
    </message>
    <message>
        <source>Class and object label images with the VOC colour map.</source>
        <translation>Klassen- und Objekt-Labelbilder mit der VOC-Farbtabelle.</translation>
    </message>
    <message>
        <source>Per-segment masks</source>
        <translation>Masken je Segment</translation>
    </message>
    <message>
        <source>A black-and-white PNG per segment, in a folder per image.</source>
        <translation>Ein Schwarz-Weiß-PNG je Segment, in einem Ordner je Bild.</translation>
    </message>
    <message>
        <source>YOLO segmentation</source>
        <translation>YOLO-Segmentierung</translation>
    </message>
    <message>
        <source>Normalised polygons per image, with data.yaml.</source>
        <translation>Normierte Polygone je Bild, mit data.yaml.</translation>
    </message>
    <message>
        <source>Overlay image</source>
        <translation>Überlagerungsbild</translation>
    </message>
    <message>
        <source>The image with the segments painted over it.</source>
        <translation>Das Bild mit den darübergemalten Segmenten.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formate</translation>
    </message>
    <message>
        <source>Embed the image in the labelme files (larger, but they open on their own)</source>
        <translation>Das Bild in die labelme-Dateien einbetten (größer, aber eigenständig zu öffnen)</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Overlay opacity:</source>
        <translation>Deckkraft der Überlagerung:</translation>
    </message>
    <message>
        <source>Folder the exported files go to</source>
        <translation>Ordner für die exportierten Dateien</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation>Exportordner</translation>
    </message>
    <message>
        <source>The current image</source>
        <translation>Das aktuelle Bild</translation>
    </message>
    <message>
        <source>Open a folder to export all of its images.</source>
        <translation>Öffnen Sie einen Ordner, um alle seine Bilder zu exportieren.</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Zielordner:</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Exportieren:</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>Wählen Sie einen Zielordner.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>Wählen Sie mindestens ein Format.</translation>
    </message>
    <message>
        <source>The files go to %1:</source>
        <translation>Die Dateien werden in %1 gespeichert:</translation>
    </message>
    <message>
        <source>The files go to %1 (created on export):</source>
        <translation>Die Dateien werden in %1 gespeichert (beim Export angelegt):</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Every image of the folder (%n in all)</source>
        <translation>
            <numerusform>Jedes Bild des Ordners (%n insgesamt)</numerusform>
            <numerusform>Alle Bilder des Ordners (%n insgesamt)</numerusform>
        </translation>
    </message>
    <message>
        <source>background (0)</source>
        <translation>Hintergrund (0)</translation>
    </message>
    <message>
        <source>void (255, ignored by evaluation)</source>
        <translation>void (255, bei der Auswertung ignoriert)</translation>
    </message>
    <message>
        <source>a class named “segment”</source>
        <translation>eine Klasse namens „segment“</translation>
    </message>
    <message>
        <source>Unlabelled segments in VOC PNGs:</source>
        <translation>Segmente ohne Klasse in VOC-PNGs:</translation>
    </message>
    <message>
        <source>NAME stands for the image&apos;s path in the folder without its extension (with it when two images differ only in extension); ext is the image&apos;s own. Existing files are replaced.</source>
        <translation>NAME steht für den Pfad des Bildes im Ordner ohne Endung (mit Endung, wenn sich zwei Bilder nur darin unterscheiden); ext ist die Endung des Bildes. Vorhandene Dateien werden ersetzt.</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::FilesPanel</name>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>Der Ordner „%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>„%1“ ist kein Ordner.</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be read.</source>
        <translation>Der Ordner „%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>%1 wird aufgelistet…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>%1 von %n Bild angezeigt</numerusform>
            <numerusform>%1 von %n Bildern angezeigt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::GranularityPanel</name>
    <message>
        <source>Refine boundaries (PAMR)</source>
        <translation>Grenzen verfeinern (PAMR)</translation>
    </message>
    <message>
        <source>Threshold τ: a region is split in two while the Normalized Cut of its best split is below τ. A higher τ gives more, smaller segments.</source>
        <translation>Schwellenwert τ: Eine Region wird in zwei Teile geteilt, solange der Normalized Cut ihrer besten Teilung unter τ liegt. Ein höheres τ ergibt mehr, kleinere Segmente.</translation>
    </message>
    <message>
        <source>Sharpness α: pixel similarities are raised to the power α, so a higher α separates regions more readily. Each α computes its own hierarchy.</source>
        <translation>Schärfe α: Die Ähnlichkeiten der Pixel werden mit α potenziert, ein höheres α trennt Regionen also leichter. Für jedes α wird eine eigene Hierarchie berechnet.</translation>
    </message>
    <message>
        <source>Align segment boundaries with the image&apos;s edges (PAMR); slower.</source>
        <translation>Segmentgrenzen an den Kanten des Bildes ausrichten (PAMR); langsamer.</translation>
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
            <numerusform>%n Segment</numerusform>
            <numerusform>%n Segmente</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Choose the τ whose cut of the current hierarchy gives the number of segments nearest to this one.</source>
        <translation>Das τ wählen, dessen Schnitt der aktuellen Hierarchie die Segmentanzahl ergibt, die dieser am nächsten kommt.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Etwa</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>Segmente</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyModel</name>
    <message>
        <source>root</source>
        <translation>Wurzel</translation>
    </message>
    <message>
        <source>Node %1 at depth %2, a segment of the current cut</source>
        <translation>Knoten %1 in Tiefe %2, ein Segment des aktuellen Schnitts</translation>
    </message>
    <message>
        <source>Node %1 at depth %2</source>
        <translation>Knoten %1 in Tiefe %2</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Cells of the feature grid in this region</source>
        <translation>Zellen des Merkmalsrasters in dieser Region</translation>
    </message>
    <message>
        <source>—</source>
        <comment>NCut of a region that cannot be split</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>This region cannot be split further.</source>
        <translation>Diese Region lässt sich nicht weiter teilen.</translation>
    </message>
    <message>
        <source>Normalized Cut of the best split of this region: lower means a cleaner cut. The region is split while this value is below τ.</source>
        <translation>Normalized Cut der besten Teilung dieser Region: Niedriger bedeutet einen saubereren Schnitt. Die Region wird geteilt, solange dieser Wert unter τ liegt.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>Zellen</translation>
    </message>
    <message>
        <source>NCut</source>
        <translation>NCut</translation>
    </message>
    <message>
        <source>The way down from the root: 1 = the first part of a split, 0 = the second. Segments of the current cut are in bold with their colour.</source>
        <translation>Der Weg von der Wurzel abwärts: 1 = der erste Teil einer Teilung, 0 = der zweite. Segmente des aktuellen Schnitts sind fett und in ihrer Farbe dargestellt.</translation>
    </message>
    <message>
        <source>Cells of the feature grid in the region, and their share of the image</source>
        <translation>Zellen des Merkmalsrasters in der Region und ihr Anteil am Bild</translation>
    </message>
    <message>
        <source>Normalized Cut of the region&apos;s best split in two: lower means a cleaner cut. A region is split while its NCut is below τ; — means it cannot be split.</source>
        <translation>Normalized Cut der besten Zweiteilung der Region: Niedriger bedeutet einen saubereren Schnitt. Eine Region wird geteilt, solange ihr NCut unter τ liegt; — bedeutet, dass sie sich nicht teilen lässt.</translation>
    </message>
    <message>
        <source>Coarsen (C) would make this node one segment (outlined on the canvas)</source>
        <translation>Vergröbern (C) würde diesen Knoten zu einem Segment machen (auf der Zeichenfläche umrandet)</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyPanel</name>
    <message>
        <source>Make This One Segment</source>
        <translation>Zu einem Segment machen</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>Vergröbern</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>Klasse zuweisen</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Ohne Klasse</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ImageCanvas</name>
    <message>
        <source>Open an image (Ctrl+O) or drop one here</source>
        <translation>Öffnen Sie ein Bild (Ctrl+O) oder legen Sie eines hier ab</translation>
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
        <translation>Annotation erledigt</translation>
    </message>
    <message>
        <source>Annotation started</source>
        <translation>Annotation begonnen</translation>
    </message>
    <message>
        <source>Not annotated yet</source>
        <translation>Noch nicht annotiert</translation>
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
        <translation>Merkmale bereit: öffnet sich ohne Kodierung</translation>
    </message>
    <message>
        <source>Features being computed in the background</source>
        <translation>Merkmale werden im Hintergrund berechnet</translation>
    </message>
    <message>
        <source>✗</source>
        <comment>image could not be opened</comment>
        <translation>✗</translation>
    </message>
    <message>
        <source>Could not be opened: %1</source>
        <translation>Konnte nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::MainWindow</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>Bilder (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>Bild ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Save Annotation</source>
        <translation>Annotation &amp;speichern</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>&amp;Nächstes Bild</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>&amp;Vorheriges Bild</translation>
    </message>
    <message>
        <source>Mark Image as &amp;Done</source>
        <translation>Bild als erle&amp;digt markieren</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>S&amp;plit Segment</source>
        <translation>Segment &amp;teilen</translation>
    </message>
    <message>
        <source>&amp;Coarsen Segment</source>
        <translation>Segment ver&amp;gröbern</translation>
    </message>
    <message>
        <source>&amp;Merge Segments</source>
        <translation>Segmente &amp;zusammenführen</translation>
    </message>
    <message>
        <source>Remove C&amp;lass</source>
        <translation>Klasse &amp;entfernen</translation>
    </message>
    <message>
        <source>Assign Class %1</source>
        <translation>Klasse %1 zuweisen</translation>
    </message>
    <message>
        <source>Select &amp;All Segments</source>
        <translation>&amp;Alle Segmente auswählen</translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation>Auswahl aufheben</translation>
    </message>
    <message>
        <source>Se&amp;lect Tool</source>
        <translation>Auswah&amp;lwerkzeug</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>&amp;Pinsel</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>Ra&amp;dierer</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>Kleinerer Pinsel</translation>
    </message>
    <message>
        <source>Bigger Brush</source>
        <translation>Größerer Pinsel</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>&amp;Originalgröße (100 %)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Segment &amp;Outlines</source>
        <translation>Segment&amp;umrisse</translation>
    </message>
    <message>
        <source>&amp;About DiffCut Studio</source>
        <translation>Ü&amp;ber DiffCut Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>Granularität</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segmente</translation>
    </message>
    <message>
        <source>Hierarchy</source>
        <translation>Hierarchie</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Navigator</source>
        <translation>Navigator</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Assign &amp;Class</source>
        <translation>&amp;Klasse zuweisen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Seitenleisten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>Überlagerung</translation>
    </message>
    <message>
        <source>Opacity of the segmentation overlay</source>
        <translation>Deckkraft der Segmentüberlagerung</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>building hierarchy for α = %1…</source>
        <translation>Hierarchie für α = %1 wird erstellt…</translation>
    </message>
    <message>
        <source>Segmentation failed</source>
        <translation>Segmentierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Model not used</source>
        <translation>Modell nicht verwendet</translation>
    </message>
    <message>
        <source>Assign “%1”</source>
        <translation>„%1“ zuweisen</translation>
    </message>
    <message>
        <source>The annotation could not be saved</source>
        <translation>Die Annotation konnte nicht gespeichert werden</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) in the folder</source>
        <translation>
            <numerusform>%n Bild im Ordner</numerusform>
            <numerusform>%n Bilder im Ordner</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>Der Ordner kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Choose the class to paint with in the Classes panel.</source>
        <translation>Wählen Sie in der Seitenleiste „Klassen“ die Klasse, mit der gemalt werden soll.</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>%1 wird aufgelistet…</translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation>Das Bild kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 existiert nicht oder ist keine Datei.</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n Segment</numerusform>
            <numerusform>%n Segmente</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Klasse</translation>
    </message>
    <message>
        <source>Segment #%1 · %2 · %3 px (%4 %) · at %5, %6</source>
        <translation>Segment #%1 · %2 · %3 px (%4 %) · bei %5, %6</translation>
    </message>
    <message>
        <source>Node %1: %2 cells, NCut %3</source>
        <translation>Knoten %1: %2 Zellen, NCut %3</translation>
    </message>
    <message>
        <source>root</source>
        <translation>Wurzel</translation>
    </message>
    <message>
        <source>cannot be split</source>
        <translation>nicht teilbar</translation>
    </message>
    <message>
        <source>This is the last image.</source>
        <translation>Dies ist das letzte Bild.</translation>
    </message>
    <message>
        <source>This is the first image.</source>
        <translation>Dies ist das erste Bild.</translation>
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
        <translation>Die neuen Encoder-Einstellungen gelten ab dem nächsten geöffneten Bild.</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>Es läuft bereits ein Export.</translation>
    </message>
    <message>
        <source>There is no segmentation to export yet.</source>
        <translation>Es gibt noch keine Segmentierung zum Exportieren.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>About DiffCut Studio</source>
        <translation>Über DiffCut Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Zero-shot image segmentation with diffusion features and recursive Normalized Cut (DiffCut, NeurIPS 2024): no labels, no text prompts.&lt;/p&gt;&lt;p&gt;Encoder: %2&lt;/p&gt;&lt;p&gt;Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Zero-Shot-Bildsegmentierung mit Diffusionsmerkmalen und rekursivem Normalized Cut (DiffCut, NeurIPS 2024): ohne Labels, ohne Text-Prompts.&lt;/p&gt;&lt;p&gt;Encoder: %2&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>noch nicht geladen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinsel</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Radierer</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>Vergröbern</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Outlines</source>
        <translation>Umrisse</translation>
    </message>
    <message>
        <source>Stopped before the features were ready; open the image again to compute them.</source>
        <translation>Vor dem Abschluss der Merkmale angehalten; öffnen Sie das Bild erneut, um sie zu berechnen.</translation>
    </message>
    <message>
        <source>&amp;Unlabelled Segments</source>
        <translation>Segmente oh&amp;ne Klasse</translation>
    </message>
    <message>
        <source>Show the segments that have no class yet (in neutral greys)</source>
        <translation>Segmente anzeigen, die noch keine Klasse haben (in neutralen Grautönen)</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>Klasse zuweisen</translation>
    </message>
    <message numerus="yes">
        <source>τ = %1 gives the count nearest to %n segment(s).</source>
        <translation>
            <numerusform>τ = %1 ergibt die Anzahl, die %n Segment am nächsten kommt.</numerusform>
            <numerusform>τ = %1 ergibt die Anzahl, die %n Segmenten am nächsten kommt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>Öffnen Sie zuerst ein Bild.</translation>
    </message>
    <message>
        <source>Counting the images that use “%1”…</source>
        <translation>Bilder, die „%1“ verwenden, werden gezählt…</translation>
    </message>
    <message>
        <source>Import labelme Labels</source>
        <translation>labelme-Labels importieren</translation>
    </message>
    <message>
        <source>Label files (*.txt);;All files (*)</source>
        <translation>Label-Dateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>No new classes in %1.</source>
        <translation>Keine neuen Klassen in %1.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n class(es): %1</source>
        <translation>
            <numerusform>%n Klasse hinzugefügt: %1</numerusform>
            <numerusform>%n Klassen hinzugefügt: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export labelme Labels</source>
        <translation>labelme-Labels exportieren</translation>
    </message>
    <message>
        <source>Label files (*.txt)</source>
        <translation>Label-Dateien (*.txt)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>%1 geschrieben.</translation>
    </message>
    <message>
        <source>Class list not read</source>
        <translation>Klassenliste nicht gelesen</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with the %1×%2 built-in encoder set aside</source>
        <translation>
            <numerusform>%n mit dem eingebauten %1×%2-Encoder getroffene Entscheidung zurückgestellt</numerusform>
            <numerusform>%n mit dem eingebauten %1×%2-Encoder getroffene Entscheidungen zurückgestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with %1 (t = %2) set aside</source>
        <translation>
            <numerusform>%n mit %1 (t = %2) getroffene Entscheidung zurückgestellt</numerusform>
            <numerusform>%n mit %1 (t = %2) getroffene Entscheidungen zurückgestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made before the image&apos;s pixels changed set aside</source>
        <translation>
            <numerusform>%n vor der Änderung der Bildpixel getroffene Entscheidung zurückgestellt</numerusform>
            <numerusform>%n vor der Änderung der Bildpixel getroffene Entscheidungen zurückgestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made at α = %1 set aside</source>
        <translation>
            <numerusform>%n bei α = %1 getroffene Entscheidung zurückgestellt</numerusform>
            <numerusform>%n bei α = %1 getroffene Entscheidungen zurückgestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>they apply again with those features and α.</source>
        <translation>mit diesen Merkmalen und diesem α gelten sie wieder.</translation>
    </message>
    <message>
        <source>There is no class %1 yet; add classes in the Classes panel.</source>
        <translation>Es gibt noch keine Klasse %1; fügen Sie Klassen in der Seitenleiste „Klassen“ hinzu.</translation>
    </message>
    <message>
        <source>Suggest &amp;Names</source>
        <translation>&amp;Namen vorschlagen</translation>
    </message>
    <message>
        <source>Set a CLIP model in Settings, add a class and open an image to get suggested names.</source>
        <translation>Stellen Sie in den Einstellungen ein CLIP-Modell ein, fügen Sie eine Klasse hinzu und öffnen Sie ein Bild, um Namensvorschläge zu erhalten.</translation>
    </message>
    <message>
        <source>Accept All Suggestions</source>
        <translation>Alle Vorschläge übernehmen</translation>
    </message>
    <message>
        <source>Accept Suggestions of the Selection</source>
        <translation>Vorschläge der Auswahl übernehmen</translation>
    </message>
    <message>
        <source>Reject Suggestions</source>
        <translation>Vorschläge verwerfen</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>Alle übernehmen</translation>
    </message>
    <message>
        <source>Accept Selected</source>
        <translation>Auswahl übernehmen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Verwerfen</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) suggested: Enter accepts the selection&apos;s.</source>
        <translation>
            <numerusform>%n Name vorgeschlagen: Enter übernimmt die Vorschläge der Auswahl.</numerusform>
            <numerusform>%n Namen vorgeschlagen: Enter übernimmt die Vorschläge der Auswahl.</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggest Names</source>
        <translation>Namen vorschlagen</translation>
    </message>
    <message>
        <source>Preview at %1×%2, full resolution follows · %3</source>
        <translation>Vorschau in %1×%2, volle Auflösung folgt · %3</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::NamingController</name>
    <message>
        <source>No suggested name for the selected segments.</source>
        <translation>Kein Namensvorschlag für die ausgewählten Segmente.</translation>
    </message>
    <message>
        <source>Accept suggested names</source>
        <translation>Vorgeschlagene Namen übernehmen</translation>
    </message>
    <message>
        <source>Suggesting names…</source>
        <translation>Namen werden vorgeschlagen…</translation>
    </message>
    <message>
        <source>Names cannot be suggested: %1</source>
        <translation>Namen können nicht vorgeschlagen werden: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::Prefetcher</name>
    <message>
        <source>Preparing %1 in the background</source>
        <translation>%1 wird im Hintergrund vorbereitet</translation>
    </message>
    <message numerus="yes">
        <source>Next %n image(s) ready</source>
        <translation>
            <numerusform>Das nächste Bild ist bereit</numerusform>
            <numerusform>Die nächsten %n Bilder sind bereit</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentTableModel</name>
    <message>
        <source>Painted with the brush</source>
        <translation>Mit dem Pinsel gemalt</translation>
    </message>
    <message numerus="yes">
        <source>Merged from %n hierarchy node(s)</source>
        <translation>
            <numerusform>Aus %n Hierarchieknoten zusammengeführt</numerusform>
            <numerusform>Aus %n Hierarchieknoten zusammengeführt</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Klasse</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <source>#%1 brush</source>
        <translation>#%1 Pinsel</translation>
    </message>
    <message>
        <source>#%1 merged ×%2</source>
        <translation>#%1 zusammengeführt ×%2</translation>
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
        <translation>%1 px (%2 %)</translation>
    </message>
    <message>
        <source>%1? %2%</source>
        <translation>%1? %2 %</translation>
    </message>
    <message>
        <source>Suggested, not accepted: Enter accepts the selected segments&apos; suggestions</source>
        <translation>Vorgeschlagen, nicht übernommen: Enter übernimmt die Vorschläge der ausgewählten Segmente</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Vorschlag</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentationSession</name>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>features</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>affinity</source>
        <translation>Affinität</translation>
    </message>
    <message>
        <source>cut</source>
        <translation>Schnitt</translation>
    </message>
    <message>
        <source>assignment</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>refinement</source>
        <translation>Verfeinerung</translation>
    </message>
    <message>
        <source>edits</source>
        <translation>Bearbeitungen</translation>
    </message>
    <message>
        <source>Computing features</source>
        <translation>Merkmale werden berechnet</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1
Using the built-in fallback encoder instead.</source>
        <translation>Das Modell konnte nicht geladen werden: %1
Stattdessen wird der eingebaute Ersatz-Encoder verwendet.</translation>
    </message>
    <message>
        <source>Building the hierarchy for α = %1</source>
        <translation>Hierarchie für α = %1 wird erstellt</translation>
    </message>
    <message>
        <source>%1 %2 ms</source>
        <translation>%1 %2 ms</translation>
    </message>
    <message>
        <source>hierarchy</source>
        <translation>Hierarchie</translation>
    </message>
    <message>
        <source>composition</source>
        <translation>Zusammensetzung</translation>
    </message>
    <message>
        <source>decoding the image</source>
        <translation>Dekodieren des Bildes</translation>
    </message>
    <message>
        <source>text encoder</source>
        <translation>Text-Encoder</translation>
    </message>
    <message>
        <source>second text encoder</source>
        <translation>zweiter Text-Encoder</translation>
    </message>
    <message>
        <source>loading the VAE</source>
        <translation>Laden des VAE</translation>
    </message>
    <message>
        <source>loading the UNet</source>
        <translation>Laden des UNet</translation>
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
        <translation>Merkmal-Cache</translation>
    </message>
    <message>
        <source>built-in encoder</source>
        <translation>eingebauter Encoder</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SettingsDialog</name>
    <message>
        <source>%1 — %2, %3 px, %4</source>
        <translation>%1 — %2, %3 px, %4</translation>
    </message>
    <message>
        <source>%1 (incomplete)</source>
        <translation>%1 (unvollständig)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>Segmentierung</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Oberfläche</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Two actions share a shortcut; see the Shortcuts page.</source>
        <translation>Zwei Aktionen teilen sich ein Tastenkürzel; siehe Seite „Tastenkürzel“.</translation>
    </message>
    <message>
        <source>Model folder or Hugging Face repo id, e.g. segmind/SSD-1B</source>
        <translation>Modellordner oder Hugging-Face-Repo, z. B. segmind/SSD-1B</translation>
    </message>
    <message>
        <source>Diffusion Model Folder</source>
        <translation>Ordner des Diffusionsmodells</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Installed models:</source>
        <translation>Installierte Modelle:</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Automatisch (CUDA, falls verfügbar)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA (NVIDIA-GPU)</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Noise level at which the diffusion model is asked for features (the paper uses 50).</source>
        <translation>Rauschstufe, bei der das Diffusionsmodell nach Merkmalen gefragt wird (das Paper verwendet 50).</translation>
    </message>
    <message>
        <source>Timestep:</source>
        <translation>Zeitschritt:</translation>
    </message>
    <message>
        <source>Used for images that have no saved annotation yet.</source>
        <translation>Gilt für Bilder, die noch keine gespeicherte Annotation haben.</translation>
    </message>
    <message>
        <source>A region is split while the Normalized Cut of its best split is below τ; a higher τ gives more, smaller segments.</source>
        <translation>Eine Region wird geteilt, solange der Normalized Cut ihrer besten Teilung unter τ liegt; ein höheres τ ergibt mehr, kleinere Segmente.</translation>
    </message>
    <message>
        <source>Threshold τ:</source>
        <translation>Schwellenwert τ:</translation>
    </message>
    <message>
        <source>Similarities are raised to the power α; a higher α separates regions more readily.</source>
        <translation>Ähnlichkeiten werden mit α potenziert; ein höheres α trennt Regionen leichter.</translation>
    </message>
    <message>
        <source>Sharpness α:</source>
        <translation>Schärfe α:</translation>
    </message>
    <message>
        <source>Refine boundaries along the image&apos;s edges (PAMR; slower)</source>
        <translation>Grenzen entlang der Kanten des Bildes verfeinern (PAMR; langsamer)</translation>
    </message>
    <message>
        <source>32 × 32 (faster)</source>
        <translation>32 × 32 (schneller)</translation>
    </message>
    <message>
        <source>64 × 64 (finer boundaries)</source>
        <translation>64 × 64 (feinere Grenzen)</translation>
    </message>
    <message>
        <source>Built-in encoder resolution:</source>
        <translation>Auflösung des eingebauten Encoders:</translation>
    </message>
    <message>
        <source>The built-in encoder is used when no diffusion model is set.</source>
        <translation>Der eingebaute Encoder wird verwendet, wenn kein Diffusionsmodell eingestellt ist.</translation>
    </message>
    <message>
        <source>Cache Folder</source>
        <translation>Cache-Ordner</translation>
    </message>
    <message>
        <source>Cache folder:</source>
        <translation>Cache-Ordner:</translation>
    </message>
    <message>
        <source>Keep computed features on disk, so that reopening an image is instant</source>
        <translation>Berechnete Merkmale auf der Festplatte behalten, damit sich ein Bild sofort wieder öffnet</translation>
    </message>
    <message>
        <source>Clear Feature Cache</source>
        <translation>Merkmal-Cache leeren</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>A new language applies when DiffCut Studio is restarted.</source>
        <translation>Eine neue Sprache gilt nach einem Neustart von DiffCut Studio.</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Segment overlay opacity:</source>
        <translation>Deckkraft der Segmentüberlagerung:</translation>
    </message>
    <message>
        <source>Outline the segments</source>
        <translation>Segmente umranden</translation>
    </message>
    <message>
        <source>Searching for models…</source>
        <translation>Modelle werden gesucht…</translation>
    </message>
    <message>
        <source>The search for models failed: %1</source>
        <translation>Die Suche nach Modellen ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>None in the Hugging Face cache (%1)</source>
        <translation>Keine im Hugging-Face-Cache (%1)</translation>
    </message>
    <message>
        <source>No model is set, so the built-in encoder is used: it groups pixels by colour and texture, not by meaning. Set a diffusion model for the segments of the paper.</source>
        <translation>Es ist kein Modell eingestellt, daher wird der eingebaute Encoder verwendet: Er gruppiert Pixel nach Farbe und Textur, nicht nach Bedeutung. Stellen Sie ein Diffusionsmodell ein, um die Segmente des Papers zu erhalten.</translation>
    </message>
    <message>
        <source>Features come from the diffusion model in %1.</source>
        <translation>Die Merkmale stammen vom Diffusionsmodell in %1.</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>Dieses Modell kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Clearing the feature cache…</source>
        <translation>Merkmal-Cache wird geleert…</translation>
    </message>
    <message>
        <source>Measuring the feature cache…</source>
        <translation>Größe des Merkmal-Caches wird ermittelt…</translation>
    </message>
    <message>
        <source>The feature cache in %1 is empty.</source>
        <translation>Der Merkmal-Cache in %1 ist leer.</translation>
    </message>
    <message>
        <source>(Not every file could be read or removed: %1.)</source>
        <translation>(Nicht alle Dateien konnten gelesen oder entfernt werden: %1.)</translation>
    </message>
    <message numerus="yes">
        <source>Models found: %n. Choose one…</source>
        <translation>
            <numerusform>Gefundene Modelle: %n. Wählen Sie eines…</numerusform>
            <numerusform>Gefundene Modelle: %n. Wählen Sie eines…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The feature cache in %1 takes %2; cached images: %n.</source>
        <translation>
            <numerusform>Der Merkmal-Cache in %1 belegt %2; zwischengespeicherte Bilder: %n.</numerusform>
            <numerusform>Der Merkmal-Cache in %1 belegt %2; zwischengespeicherte Bilder: %n.</numerusform>
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
        <translation>Über diese Größe hinaus werden die am längsten nicht verwendeten Merkmale entfernt; die des Ordners, in dem Sie arbeiten, zuletzt.</translation>
    </message>
    <message>
        <source>Feature cache limit:</source>
        <translation>Grenze des Merkmal-Caches:</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>While you work on an image, the next ones in the direction you move (D or A) are encoded in the background, so that they open at once.</source>
        <translation>Während Sie an einem Bild arbeiten, werden die nächsten in Ihrer Richtung (D oder A) im Hintergrund kodiert, damit sie sich sofort öffnen.</translation>
    </message>
    <message>
        <source>Prepare images ahead:</source>
        <translation>Bilder vorab vorbereiten:</translation>
    </message>
    <message>
        <source>Their features take at most:</source>
        <translation>Deren Merkmale belegen höchstens:</translation>
    </message>
    <message>
        <source>Annotations and class lists of read-only folders kept there (%1) are never cleared.</source>
        <translation>Dort aufbewahrte Annotationen und Klassenlisten schreibgeschützter Ordner (%1) werden nie gelöscht.</translation>
    </message>
    <message>
        <source>OpenCLIP folder or repo id, e.g. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</source>
        <translation>OpenCLIP-Ordner oder Repo, z. B. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</translation>
    </message>
    <message>
        <source>CLIP model:</source>
        <translation>CLIP-Modell:</translation>
    </message>
    <message>
        <source>CLIP Model Folder</source>
        <translation>Ordner des CLIP-Modells</translation>
    </message>
    <message>
        <source>The square size the CLIP image tower sees (a multiple of 32; the paper uses 1024).</source>
        <translation>Die Seitenlänge des Quadrats, das der Bild-Encoder von CLIP sieht (ein Vielfaches von 32; das Paper verwendet 1024).</translation>
    </message>
    <message>
        <source>CLIP size:</source>
        <translation>CLIP-Größe:</translation>
    </message>
    <message>
        <source>With a CLIP model, the Classes panel can suggest a class for every unlabelled segment.</source>
        <translation>Mit einem CLIP-Modell kann die Seitenleiste „Klassen“ für jedes Segment ohne Klasse eine Klasse vorschlagen.</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ShortcutEditor</name>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the default shortcut</source>
        <translation>Zurück zum Standard-Tastenkürzel</translation>
    </message>
    <message>
        <source>Reset All</source>
        <translation>Alle zurücksetzen</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>%1 is used by %2.</source>
        <translation>%1 wird von %2 verwendet.</translation>
    </message>
    <message>
        <source>Give each of these actions its own shortcut.</source>
        <translation>Geben Sie jeder dieser Aktionen ein eigenes Tastenkürzel.</translation>
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
        <translation>DiffCut Studio: Zero-Shot-Bildsegmentierung mit Diffusionsmerkmalen und rekursivem Normalized Cut.</translation>
    </message>
    <message>
        <source>An image or a folder of images to open.</source>
        <translation>Ein Bild oder ein Ordner mit Bildern, der geöffnet werden soll.</translation>
    </message>
</context>
</TS>
