<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>diffcut::ui::AnnotationController</name>
    <message>
        <source>Updating the segments</source>
        <translation>Mise à jour des segments</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::AnnotationDocument</name>
    <message>
        <source>Change granularity</source>
        <translation>Modifier la granularité</translation>
    </message>
    <message>
        <source>Select a segment to split.</source>
        <translation>Sélectionnez un segment à diviser.</translation>
    </message>
    <message>
        <source>These segments cannot be split further.</source>
        <translation>Ces segments ne peuvent plus être divisés.</translation>
    </message>
    <message>
        <source>Split segment</source>
        <translation>Diviser le segment</translation>
    </message>
    <message>
        <source>Brush strokes are not part of the hierarchy; paint over them instead.</source>
        <translation>Les coups de pinceau ne font pas partie de la hiérarchie&#xa0;; peignez plutôt par-dessus.</translation>
    </message>
    <message>
        <source>Select a segment to coarsen.</source>
        <translation>Sélectionnez un segment à grossir.</translation>
    </message>
    <message>
        <source>Coarsen segment</source>
        <translation>Grossir le segment</translation>
    </message>
    <message>
        <source>The whole image is already one segment.</source>
        <translation>L&apos;image entière forme déjà un seul segment.</translation>
    </message>
    <message>
        <source>Select at least two segments to merge (Shift+click adds to the selection).</source>
        <translation>Sélectionnez au moins deux segments à fusionner (Shift+clic ajoute à la sélection).</translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation>Fusionner les segments</translation>
    </message>
    <message>
        <source>These segments are already merged.</source>
        <translation>Ces segments sont déjà fusionnés.</translation>
    </message>
    <message>
        <source>Select the segments to assign a class to.</source>
        <translation>Sélectionnez les segments auxquels attribuer une classe.</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>Retirer la classe</translation>
    </message>
    <message>
        <source>Assign class %1</source>
        <translation>Attribuer la classe %1</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Gommer</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>Peindre</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Marquer comme terminé</translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation>Marquer comme non terminé</translation>
    </message>
    <message>
        <source>Add class %1</source>
        <translation>Ajouter la classe %1</translation>
    </message>
    <message>
        <source>Rename class</source>
        <translation>Renommer la classe</translation>
    </message>
    <message>
        <source>Change class colour</source>
        <translation>Changer la couleur de la classe</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>Supprimer la classe</translation>
    </message>
    <message>
        <source>it was kept as %1</source>
        <translation>elle a été conservée sous %1</translation>
    </message>
    <message>
        <source>The saved annotation could not be read (%1); %2. The image starts fresh.</source>
        <translation>L&apos;annotation enregistrée n&apos;a pas pu être lue (%1)&#xa0;; %2. L&apos;image repart de zéro.</translation>
    </message>
    <message>
        <source>Wait for the segmentation to be shown.</source>
        <translation>Attendez que la segmentation s&apos;affiche.</translation>
    </message>
    <message>
        <source>The segmentation for α = %1 is not shown yet.</source>
        <translation>La segmentation pour α = %1 n&apos;est pas encore affichée.</translation>
    </message>
    <message>
        <source>There is no such class; add classes in the Classes panel.</source>
        <translation>Cette classe n&apos;existe pas&#xa0;; ajoutez des classes dans le panneau Classes.</translation>
    </message>
    <message>
        <source>Make one segment</source>
        <translation>Faire un seul segment</translation>
    </message>
    <message>
        <source>This node is one segment already.</source>
        <translation>Ce nœud forme déjà un seul segment.</translation>
    </message>
    <message>
        <source>This node is split already.</source>
        <translation>Ce nœud est déjà divisé.</translation>
    </message>
    <message>
        <source>Assign class</source>
        <translation>Attribuer une classe</translation>
    </message>
    <message>
        <source>Reorder classes</source>
        <translation>Réordonner les classes</translation>
    </message>
    <message>
        <source>Import classes</source>
        <translation>Importer des classes</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassListModel</name>
    <message>
        <source>Press %1 to give the selected segments this class</source>
        <translation>Appuyez sur %1 pour attribuer cette classe aux segments sélectionnés</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Touche</translation>
    </message>
    <message>
        <source>Double-click to give the selected segments this class; F2 renames it; the box shows or hides it on the canvas</source>
        <translation>Double-cliquez pour attribuer cette classe aux segments sélectionnés&#xa0;; F2 la renomme&#xa0;; la case l&apos;affiche ou la masque sur le canevas</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassesPanel</name>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Couleur…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>Ajouter une classe</translation>
    </message>
    <message>
        <source>Change the class&apos;s colour</source>
        <translation>Changer la couleur de la classe</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Ajouter une classe</translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation>Nom de la nouvelle classe&#xa0;:</translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation>Couleur de la classe</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>Supprimer la classe</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Import labelme Labels…</source>
        <translation>Importer des étiquettes labelme…</translation>
    </message>
    <message>
        <source>Export labelme Labels…</source>
        <translation>Exporter les étiquettes labelme…</translation>
    </message>
    <message>
        <source>Rename the class (F2); every image of the folder follows</source>
        <translation>Renommer la classe (F2)&#xa0;; toutes les images du dossier suivent</translation>
    </message>
    <message>
        <source>Delete the class from the folder&apos;s list; its segments become unlabelled</source>
        <translation>Supprimer la classe de la liste du dossier&#xa0;; ses segments deviennent sans classe</translation>
    </message>
    <message>
        <source>Move the class up (the keys 1–9 follow the order)</source>
        <translation>Monter la classe (les touches 1–9 suivent l&apos;ordre)</translation>
    </message>
    <message>
        <source>Move the class down (the keys 1–9 follow the order)</source>
        <translation>Descendre la classe (les touches 1–9 suivent l&apos;ordre)</translation>
    </message>
    <message>
        <source>Add the classes of a labelme --labels file (one name per line)</source>
        <translation>Ajouter les classes d&apos;un fichier --labels de labelme (un nom par ligne)</translation>
    </message>
    <message>
        <source>Write the classes as a labelme --labels file</source>
        <translation>Écrire les classes dans un fichier --labels de labelme</translation>
    </message>
    <message numerus="yes">
        <source>“%1” is used in %n image(s) of this folder. Delete the class and leave their segments unlabelled? (Undo brings it back.)</source>
        <translation>
            <numerusform>La classe «&#xa0;%1&#xa0;» est utilisée dans %n image de ce dossier. Supprimer la classe et laisser les segments concernés sans classe&#xa0;? (Annuler la rétablit.)</numerusform>
            <numerusform>La classe «&#xa0;%1&#xa0;» est utilisée dans %n images de ce dossier. Supprimer la classe et laisser les segments concernés sans classe&#xa0;? (Annuler la rétablit.)</numerusform>
        </translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportController</name>
    <message numerus="yes">
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>Exportation de %n image…</numerusform>
            <numerusform>Exportation de %n images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to %1.</source>
        <translation>
            <numerusform>%n image exportée vers %1.</numerusform>
            <numerusform>%n images exportées vers %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be exported:</source>
        <translation>
            <numerusform>%n image n&apos;a pas pu être exportée&#xa0;:</numerusform>
            <numerusform>%n images n&apos;ont pas pu être exportées&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation>Exportation annulée&#xa0;; les fichiers déjà écrits sont complets.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>L&apos;exportation a échoué&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportDialog</name>
    <message>
        <source>labelme JSON</source>
        <translation>JSON labelme</translation>
    </message>
    <message>
        <source>A polygon per segment, to open and edit in labelme.</source>
        <translation>Un polygone par segment, à ouvrir et modifier dans labelme.</translation>
    </message>
    <message>
        <source>COCO</source>
        <translation>COCO</translation>
    </message>
    <message>
        <source>One annotations file for all exported images.</source>
        <translation>Un seul fichier d&apos;annotations pour toutes les images exportées.</translation>
    </message>
    <message>
        <source>PASCAL VOC PNGs</source>
        <translation>PNG PASCAL VOC</translation>
    </message>
    <message>
        <source>Class and object label images with the VOC colour map.</source>
        <translation>Images d&apos;étiquettes de classes et d&apos;objets avec la palette de couleurs VOC.</translation>
    </message>
    <message>
        <source>Per-segment masks</source>
        <translation>Masques par segment</translation>
    </message>
    <message>
        <source>A black-and-white PNG per segment, in a folder per image.</source>
        <translation>Un PNG noir et blanc par segment, dans un dossier par image.</translation>
    </message>
    <message>
        <source>YOLO segmentation</source>
        <translation>Segmentation YOLO</translation>
    </message>
    <message>
        <source>Normalised polygons per image, with data.yaml.</source>
        <translation>Polygones normalisés par image, avec data.yaml.</translation>
    </message>
    <message>
        <source>Overlay image</source>
        <translation>Image superposée</translation>
    </message>
    <message>
        <source>The image with the segments painted over it.</source>
        <translation>L&apos;image avec les segments peints par-dessus.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formats</translation>
    </message>
    <message>
        <source>Embed the image in the labelme files (larger, but they open on their own)</source>
        <translation>Intégrer l&apos;image dans les fichiers labelme (plus gros, mais autonomes)</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Overlay opacity:</source>
        <translation>Opacité de la superposition&#xa0;:</translation>
    </message>
    <message>
        <source>Folder the exported files go to</source>
        <translation>Dossier où vont les fichiers exportés</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation>Dossier d&apos;exportation</translation>
    </message>
    <message>
        <source>The current image</source>
        <translation>L&apos;image actuelle</translation>
    </message>
    <message>
        <source>Open a folder to export all of its images.</source>
        <translation>Ouvrez un dossier pour exporter toutes ses images.</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Dossier de sortie&#xa0;:</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Exporter&#xa0;:</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>Choisissez un dossier de sortie.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>Choisissez au moins un format.</translation>
    </message>
    <message>
        <source>The files go to %1:</source>
        <translation>Les fichiers vont dans %1&#xa0;:</translation>
    </message>
    <message>
        <source>The files go to %1 (created on export):</source>
        <translation>Les fichiers vont dans %1 (créé à l&apos;exportation)&#xa0;:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>Every image of the folder (%n in all)</source>
        <translation>
            <numerusform>Toutes les images du dossier (%n au total)</numerusform>
            <numerusform>Toutes les images du dossier (%n au total)</numerusform>
        </translation>
    </message>
    <message>
        <source>background (0)</source>
        <translation>fond (0)</translation>
    </message>
    <message>
        <source>void (255, ignored by evaluation)</source>
        <translation>void (255, ignoré par l&apos;évaluation)</translation>
    </message>
    <message>
        <source>a class named “segment”</source>
        <translation>une classe nommée «&#xa0;segment&#xa0;»</translation>
    </message>
    <message>
        <source>Unlabelled segments in VOC PNGs:</source>
        <translation>Segments sans classe dans les PNG VOC&#xa0;:</translation>
    </message>
    <message>
        <source>NAME stands for the image&apos;s path in the folder without its extension (with it when two images differ only in extension); ext is the image&apos;s own. Existing files are replaced.</source>
        <translation>NAME désigne le chemin de l&apos;image dans le dossier sans son extension (avec, si deux images ne diffèrent que par l&apos;extension)&#xa0;; ext est l&apos;extension de l&apos;image. Les fichiers existants sont remplacés.</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::FilesPanel</name>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>Le dossier «&#xa0;%1&#xa0;» n&apos;existe pas.</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be read.</source>
        <translation>Impossible de lire le dossier «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtrer</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>Affichage&#xa0;: %1 sur %n image</numerusform>
            <numerusform>Affichage&#xa0;: %1 sur %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::GranularityPanel</name>
    <message>
        <source>Refine boundaries (PAMR)</source>
        <translation>Affiner les contours (PAMR)</translation>
    </message>
    <message>
        <source>Threshold τ: a region is split in two while the Normalized Cut of its best split is below τ. A higher τ gives more, smaller segments.</source>
        <translation>Seuil τ&#xa0;: une région est divisée en deux tant que le Normalized Cut de sa meilleure division est inférieur à τ. Un τ plus élevé donne des segments plus nombreux et plus petits.</translation>
    </message>
    <message>
        <source>Sharpness α: pixel similarities are raised to the power α, so a higher α separates regions more readily. Each α computes its own hierarchy.</source>
        <translation>Netteté α&#xa0;: les similarités entre pixels sont élevées à la puissance α&#xa0;; un α plus élevé sépare donc plus facilement les régions. Chaque α calcule sa propre hiérarchie.</translation>
    </message>
    <message>
        <source>Align segment boundaries with the image&apos;s edges (PAMR); slower.</source>
        <translation>Aligner les contours des segments sur les bords de l&apos;image (PAMR)&#xa0;; plus lent.</translation>
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
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Choose the τ whose cut of the current hierarchy gives the number of segments nearest to this one.</source>
        <translation>Choisir le τ dont la coupe de la hiérarchie actuelle donne le nombre de segments le plus proche de celui-ci.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Environ</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>segments</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyModel</name>
    <message>
        <source>root</source>
        <translation>racine</translation>
    </message>
    <message>
        <source>Node %1 at depth %2, a segment of the current cut</source>
        <translation>Nœud %1 à la profondeur %2, un segment de la coupe actuelle</translation>
    </message>
    <message>
        <source>Node %1 at depth %2</source>
        <translation>Nœud %1 à la profondeur %2</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2&#xa0;%)</translation>
    </message>
    <message>
        <source>Cells of the feature grid in this region</source>
        <translation>Cellules de la grille de caractéristiques dans cette région</translation>
    </message>
    <message>
        <source>—</source>
        <comment>NCut of a region that cannot be split</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>This region cannot be split further.</source>
        <translation>Cette région ne peut plus être divisée.</translation>
    </message>
    <message>
        <source>Normalized Cut of the best split of this region: lower means a cleaner cut. The region is split while this value is below τ.</source>
        <translation>Normalized Cut de la meilleure division de cette région&#xa0;: plus il est bas, plus la coupe est nette. La région est divisée tant que cette valeur est inférieure à τ.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>Cellules</translation>
    </message>
    <message>
        <source>NCut</source>
        <translation>NCut</translation>
    </message>
    <message>
        <source>The way down from the root: 1 = the first part of a split, 0 = the second. Segments of the current cut are in bold with their colour.</source>
        <translation>Le chemin depuis la racine&#xa0;: 1 = la première partie d&apos;une division, 0 = la seconde. Les segments de la coupe actuelle sont en gras, dans leur couleur.</translation>
    </message>
    <message>
        <source>Cells of the feature grid in the region, and their share of the image</source>
        <translation>Cellules de la grille de caractéristiques dans la région, et leur part de l&apos;image</translation>
    </message>
    <message>
        <source>Normalized Cut of the region&apos;s best split in two: lower means a cleaner cut. A region is split while its NCut is below τ; — means it cannot be split.</source>
        <translation>Normalized Cut de la meilleure division en deux de la région&#xa0;: plus il est bas, plus la coupe est nette. Une région est divisée tant que son NCut est inférieur à τ&#xa0;; — signifie qu&apos;elle ne peut pas être divisée.</translation>
    </message>
    <message>
        <source>Coarsen (C) would make this node one segment (outlined on the canvas)</source>
        <translation>Grossir (C) ferait de ce nœud un seul segment (entouré sur le canevas)</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyPanel</name>
    <message>
        <source>Make This One Segment</source>
        <translation>En faire un seul segment</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Diviser</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>Regrouper</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>Attribuer une classe</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Sans classe</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ImageCanvas</name>
    <message>
        <source>Open an image (Ctrl+O) or drop one here</source>
        <translation>Ouvrez une image (Ctrl+O) ou déposez-en une ici</translation>
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
        <translation>Annotation terminée</translation>
    </message>
    <message>
        <source>Annotation started</source>
        <translation>Annotation commencée</translation>
    </message>
    <message>
        <source>Not annotated yet</source>
        <translation>Pas encore annotée</translation>
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
        <translation>Caractéristiques prêtes : s’ouvre sans encodage</translation>
    </message>
    <message>
        <source>Features being computed in the background</source>
        <translation>Caractéristiques en cours de calcul en arrière-plan</translation>
    </message>
    <message>
        <source>✗</source>
        <comment>image could not be opened</comment>
        <translation>✗</translation>
    </message>
    <message>
        <source>Could not be opened: %1</source>
        <translation>Impossible d&apos;ouvrir&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::MainWindow</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>&amp;Ouvrir une image…</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>Ouvrir une image</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Ouvrir un &amp;dossier…</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ouvrir un dossier</translation>
    </message>
    <message>
        <source>&amp;Save Annotation</source>
        <translation>&amp;Enregistrer l&apos;annotation</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>Image &amp;suivante</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>Image &amp;précédente</translation>
    </message>
    <message>
        <source>Mark Image as &amp;Done</source>
        <translation>Marquer l&apos;image comme &amp;terminée</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Para&amp;mètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refaire</translation>
    </message>
    <message>
        <source>S&amp;plit Segment</source>
        <translation>&amp;Diviser le segment</translation>
    </message>
    <message>
        <source>&amp;Coarsen Segment</source>
        <translation>Gr&amp;ossir le segment</translation>
    </message>
    <message>
        <source>&amp;Merge Segments</source>
        <translation>&amp;Fusionner les segments</translation>
    </message>
    <message>
        <source>Remove C&amp;lass</source>
        <translation>Retirer &amp;la classe</translation>
    </message>
    <message>
        <source>Assign Class %1</source>
        <translation>Attribuer la classe %1</translation>
    </message>
    <message>
        <source>Select &amp;All Segments</source>
        <translation>Sélectionner &amp;tous les segments</translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation>Désélectionner</translation>
    </message>
    <message>
        <source>Se&amp;lect Tool</source>
        <translation>Outil de &amp;sélection</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>&amp;Pinceau</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>&amp;Gomme</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>Pinceau plus petit</translation>
    </message>
    <message>
        <source>Bigger Brush</source>
        <translation>Pinceau plus grand</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>Ajuster à la &amp;fenêtre</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>Taille ré&amp;elle (100&#xa0;%)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>Segment &amp;Outlines</source>
        <translation>&amp;Contours des segments</translation>
    </message>
    <message>
        <source>&amp;About DiffCut Studio</source>
        <translation>À &amp;propos de DiffCut Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>Granularité</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>Hierarchy</source>
        <translation>Hiérarchie</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Navigator</source>
        <translation>Navigateur</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un élément &amp;récent</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>Assign &amp;Class</source>
        <translation>Attribuer une &amp;classe</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Panneaux</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>Superposition</translation>
    </message>
    <message>
        <source>Opacity of the segmentation overlay</source>
        <translation>Opacité de la superposition de segmentation</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>building hierarchy for α = %1…</source>
        <translation>construction de la hiérarchie pour α = %1…</translation>
    </message>
    <message>
        <source>Segmentation failed</source>
        <translation>La segmentation a échoué</translation>
    </message>
    <message>
        <source>Model not used</source>
        <translation>Modèle non utilisé</translation>
    </message>
    <message>
        <source>Assign “%1”</source>
        <translation>Attribuer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>The annotation could not be saved</source>
        <translation>Impossible d&apos;enregistrer l&apos;annotation</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) in the folder</source>
        <translation>
            <numerusform>%n image dans le dossier</numerusform>
            <numerusform>%n images dans le dossier</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>Impossible d&apos;ouvrir le dossier</translation>
    </message>
    <message>
        <source>Choose the class to paint with in the Classes panel.</source>
        <translation>Choisissez la classe avec laquelle peindre dans le panneau Classes.</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation>Impossible d&apos;ouvrir l&apos;image</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 n&apos;existe pas ou n&apos;est pas un fichier.</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>sans classe</translation>
    </message>
    <message>
        <source>Segment #%1 · %2 · %3 px (%4 %) · at %5, %6</source>
        <translation>Segment #%1 · %2 · %3 px (%4&#xa0;%) · en %5, %6</translation>
    </message>
    <message>
        <source>Node %1: %2 cells, NCut %3</source>
        <translation>Nœud %1&#xa0;: %2 cellules, NCut %3</translation>
    </message>
    <message>
        <source>root</source>
        <translation>racine</translation>
    </message>
    <message>
        <source>cannot be split</source>
        <translation>indivisible</translation>
    </message>
    <message>
        <source>This is the last image.</source>
        <translation>C&apos;est la dernière image.</translation>
    </message>
    <message>
        <source>This is the first image.</source>
        <translation>C&apos;est la première image.</translation>
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
        <translation>Les nouveaux paramètres de l&apos;encodeur s&apos;appliquent à partir de la prochaine image ouverte.</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>Une exportation est déjà en cours.</translation>
    </message>
    <message>
        <source>There is no segmentation to export yet.</source>
        <translation>Il n&apos;y a encore aucune segmentation à exporter.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportation</translation>
    </message>
    <message>
        <source>About DiffCut Studio</source>
        <translation>À propos de DiffCut Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Zero-shot image segmentation with diffusion features and recursive Normalized Cut (DiffCut, NeurIPS 2024): no labels, no text prompts.&lt;/p&gt;&lt;p&gt;Encoder: %2&lt;/p&gt;&lt;p&gt;Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Segmentation d&apos;images zero-shot par caractéristiques de diffusion et Normalized Cut récursif (DiffCut, NeurIPS 2024)&#xa0;: ni étiquettes, ni invites textuelles.&lt;/p&gt;&lt;p&gt;Encodeur&#xa0;: %2&lt;/p&gt;&lt;p&gt;Compilé avec Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>pas encore chargé</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédente</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivante</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Sélection</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinceau</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Diviser</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>Regrouper</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionner</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>Outlines</source>
        <translation>Contours</translation>
    </message>
    <message>
        <source>Stopped before the features were ready; open the image again to compute them.</source>
        <translation>Arrêté avant que les caractéristiques soient prêtes&#xa0;; rouvrez l’image pour les calculer.</translation>
    </message>
    <message>
        <source>&amp;Unlabelled Segments</source>
        <translation>Segments &amp;sans classe</translation>
    </message>
    <message>
        <source>Show the segments that have no class yet (in neutral greys)</source>
        <translation>Afficher les segments qui n&apos;ont pas encore de classe (en gris neutres)</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>Attribuer une classe</translation>
    </message>
    <message numerus="yes">
        <source>τ = %1 gives the count nearest to %n segment(s).</source>
        <translation>
            <numerusform>τ = %1 donne le nombre le plus proche de %n segment.</numerusform>
            <numerusform>τ = %1 donne le nombre le plus proche de %n segments.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>Ouvrez d&apos;abord une image.</translation>
    </message>
    <message>
        <source>Counting the images that use “%1”…</source>
        <translation>Comptage des images qui utilisent «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Import labelme Labels</source>
        <translation>Importer des étiquettes labelme</translation>
    </message>
    <message>
        <source>Label files (*.txt);;All files (*)</source>
        <translation>Fichiers d&apos;étiquettes (*.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>No new classes in %1.</source>
        <translation>Aucune nouvelle classe dans %1.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n class(es): %1</source>
        <translation>
            <numerusform>%n classe ajoutée&#xa0;: %1</numerusform>
            <numerusform>%n classes ajoutées&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export labelme Labels</source>
        <translation>Exporter les étiquettes labelme</translation>
    </message>
    <message>
        <source>Label files (*.txt)</source>
        <translation>Fichiers d&apos;étiquettes (*.txt)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>%1 écrit.</translation>
    </message>
    <message>
        <source>Class list not read</source>
        <translation>Liste des classes non lue</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with the %1×%2 built-in encoder set aside</source>
        <translation>
            <numerusform>%n décision prise avec l&apos;encodeur intégré %1×%2 mise de côté</numerusform>
            <numerusform>%n décisions prises avec l&apos;encodeur intégré %1×%2 mises de côté</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with %1 (t = %2) set aside</source>
        <translation>
            <numerusform>%n décision prise avec %1 (t = %2) mise de côté</numerusform>
            <numerusform>%n décisions prises avec %1 (t = %2) mises de côté</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made before the image&apos;s pixels changed set aside</source>
        <translation>
            <numerusform>%n décision prise avant la modification des pixels de l&apos;image mise de côté</numerusform>
            <numerusform>%n décisions prises avant la modification des pixels de l&apos;image mises de côté</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made at α = %1 set aside</source>
        <translation>
            <numerusform>%n décision prise à α = %1 mise de côté</numerusform>
            <numerusform>%n décisions prises à α = %1 mises de côté</numerusform>
        </translation>
    </message>
    <message>
        <source>they apply again with those features and α.</source>
        <translation>elles s&apos;appliquent de nouveau avec ces caractéristiques et cet α.</translation>
    </message>
    <message>
        <source>There is no class %1 yet; add classes in the Classes panel.</source>
        <translation>La classe %1 n&apos;existe pas encore&#xa0;; ajoutez des classes dans le panneau Classes.</translation>
    </message>
    <message>
        <source>Suggest &amp;Names</source>
        <translation>Suggérer des &amp;noms</translation>
    </message>
    <message>
        <source>Set a CLIP model in Settings, add a class and open an image to get suggested names.</source>
        <translation>Définissez un modèle CLIP dans les paramètres, ajoutez une classe et ouvrez une image pour obtenir des suggestions de noms.</translation>
    </message>
    <message>
        <source>Accept All Suggestions</source>
        <translation>Accepter toutes les suggestions</translation>
    </message>
    <message>
        <source>Accept Suggestions of the Selection</source>
        <translation>Accepter les suggestions de la sélection</translation>
    </message>
    <message>
        <source>Reject Suggestions</source>
        <translation>Rejeter les suggestions</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>Tout accepter</translation>
    </message>
    <message>
        <source>Accept Selected</source>
        <translation>Accepter la sélection</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) suggested: Enter accepts the selection&apos;s.</source>
        <translation>
            <numerusform>%n nom suggéré&#xa0;: Entrée accepte les suggestions de la sélection.</numerusform>
            <numerusform>%n noms suggérés&#xa0;: Entrée accepte les suggestions de la sélection.</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggest Names</source>
        <translation>Suggérer des noms</translation>
    </message>
    <message>
        <source>Preview at %1×%2, full resolution follows · %3</source>
        <translation>Aperçu en %1×%2, pleine résolution à suivre · %3</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::NamingController</name>
    <message>
        <source>No suggested name for the selected segments.</source>
        <translation>Aucun nom suggéré pour les segments sélectionnés.</translation>
    </message>
    <message>
        <source>Accept suggested names</source>
        <translation>Accepter les noms suggérés</translation>
    </message>
    <message>
        <source>Suggesting names…</source>
        <translation>Suggestion de noms…</translation>
    </message>
    <message>
        <source>Names cannot be suggested: %1</source>
        <translation>Impossible de suggérer des noms&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::Prefetcher</name>
    <message>
        <source>Preparing %1 in the background</source>
        <translation>Préparation de %1 en arrière-plan</translation>
    </message>
    <message numerus="yes">
        <source>Next %n image(s) ready</source>
        <translation>
            <numerusform>L’image suivante est prête</numerusform>
            <numerusform>Les %n images suivantes sont prêtes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentTableModel</name>
    <message>
        <source>Painted with the brush</source>
        <translation>Peint au pinceau</translation>
    </message>
    <message numerus="yes">
        <source>Merged from %n hierarchy node(s)</source>
        <translation>
            <numerusform>Fusion de %n nœud de la hiérarchie</numerusform>
            <numerusform>Fusion de %n nœuds de la hiérarchie</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>sans classe</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Surface</translation>
    </message>
    <message>
        <source>#%1 brush</source>
        <translation>#%1 pinceau</translation>
    </message>
    <message>
        <source>#%1 merged ×%2</source>
        <translation>#%1 fusionné ×%2</translation>
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
        <translation>%1 px (%2&#xa0;%)</translation>
    </message>
    <message>
        <source>%1? %2%</source>
        <translation>%1&#xa0;? %2&#xa0;%</translation>
    </message>
    <message>
        <source>Suggested, not accepted: Enter accepts the selected segments&apos; suggestions</source>
        <translation>Suggéré, non accepté&#xa0;: Entrée accepte les suggestions des segments sélectionnés</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Suggestion</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentationSession</name>
    <message>
        <source>model</source>
        <translation>modèle</translation>
    </message>
    <message>
        <source>features</source>
        <translation>caractéristiques</translation>
    </message>
    <message>
        <source>affinity</source>
        <translation>affinité</translation>
    </message>
    <message>
        <source>cut</source>
        <translation>coupe</translation>
    </message>
    <message>
        <source>assignment</source>
        <translation>attribution</translation>
    </message>
    <message>
        <source>refinement</source>
        <translation>affinage</translation>
    </message>
    <message>
        <source>edits</source>
        <translation>modifications</translation>
    </message>
    <message>
        <source>Computing features</source>
        <translation>Calcul des caractéristiques</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1
Using the built-in fallback encoder instead.</source>
        <translation>Impossible de charger le modèle&#xa0;: %1
L&apos;encodeur de secours intégré est utilisé à la place.</translation>
    </message>
    <message>
        <source>Building the hierarchy for α = %1</source>
        <translation>Construction de la hiérarchie pour α = %1</translation>
    </message>
    <message>
        <source>%1 %2 ms</source>
        <translation>%1 %2&#xa0;ms</translation>
    </message>
    <message>
        <source>hierarchy</source>
        <translation>hiérarchie</translation>
    </message>
    <message>
        <source>composition</source>
        <translation>composition</translation>
    </message>
    <message>
        <source>decoding the image</source>
        <translation>décodage de l&apos;image</translation>
    </message>
    <message>
        <source>text encoder</source>
        <translation>encodeur de texte</translation>
    </message>
    <message>
        <source>second text encoder</source>
        <translation>second encodeur de texte</translation>
    </message>
    <message>
        <source>loading the VAE</source>
        <translation>chargement du VAE</translation>
    </message>
    <message>
        <source>loading the UNet</source>
        <translation>chargement du UNet</translation>
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
        <translation>cache des caractéristiques</translation>
    </message>
    <message>
        <source>built-in encoder</source>
        <translation>encodeur intégré</translation>
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
        <translation>%1 (incomplet)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>Segmentation</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Raccourcis</translation>
    </message>
    <message>
        <source>Two actions share a shortcut; see the Shortcuts page.</source>
        <translation>Deux actions partagent un raccourci&#xa0;; voir la page Raccourcis.</translation>
    </message>
    <message>
        <source>Model folder or Hugging Face repo id, e.g. segmind/SSD-1B</source>
        <translation>Dossier ou dépôt Hugging Face du modèle, p. ex. segmind/SSD-1B</translation>
    </message>
    <message>
        <source>Diffusion Model Folder</source>
        <translation>Dossier du modèle de diffusion</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modèle&#xa0;:</translation>
    </message>
    <message>
        <source>Installed models:</source>
        <translation>Modèles installés&#xa0;:</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Automatique (CUDA si disponible)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA (GPU NVIDIA)</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Périphérique&#xa0;:</translation>
    </message>
    <message>
        <source>Noise level at which the diffusion model is asked for features (the paper uses 50).</source>
        <translation>Niveau de bruit auquel les caractéristiques sont demandées au modèle de diffusion (l&apos;article utilise 50).</translation>
    </message>
    <message>
        <source>Timestep:</source>
        <translation>Pas de temps&#xa0;:</translation>
    </message>
    <message>
        <source>Used for images that have no saved annotation yet.</source>
        <translation>S&apos;applique aux images qui n&apos;ont pas encore d&apos;annotation enregistrée.</translation>
    </message>
    <message>
        <source>A region is split while the Normalized Cut of its best split is below τ; a higher τ gives more, smaller segments.</source>
        <translation>Une région est divisée tant que le Normalized Cut de sa meilleure division est inférieur à τ&#xa0;; un τ plus élevé donne des segments plus nombreux et plus petits.</translation>
    </message>
    <message>
        <source>Threshold τ:</source>
        <translation>Seuil τ&#xa0;:</translation>
    </message>
    <message>
        <source>Similarities are raised to the power α; a higher α separates regions more readily.</source>
        <translation>Les similarités sont élevées à la puissance α&#xa0;; un α plus élevé sépare plus facilement les régions.</translation>
    </message>
    <message>
        <source>Sharpness α:</source>
        <translation>Netteté α&#xa0;:</translation>
    </message>
    <message>
        <source>Refine boundaries along the image&apos;s edges (PAMR; slower)</source>
        <translation>Affiner les contours le long des bords de l&apos;image (PAMR&#xa0;; plus lent)</translation>
    </message>
    <message>
        <source>32 × 32 (faster)</source>
        <translation>32 × 32 (plus rapide)</translation>
    </message>
    <message>
        <source>64 × 64 (finer boundaries)</source>
        <translation>64 × 64 (contours plus fins)</translation>
    </message>
    <message>
        <source>Built-in encoder resolution:</source>
        <translation>Résolution de l&apos;encodeur intégré&#xa0;:</translation>
    </message>
    <message>
        <source>The built-in encoder is used when no diffusion model is set.</source>
        <translation>L&apos;encodeur intégré est utilisé lorsqu&apos;aucun modèle de diffusion n&apos;est défini.</translation>
    </message>
    <message>
        <source>Cache Folder</source>
        <translation>Dossier du cache</translation>
    </message>
    <message>
        <source>Cache folder:</source>
        <translation>Dossier du cache&#xa0;:</translation>
    </message>
    <message>
        <source>Keep computed features on disk, so that reopening an image is instant</source>
        <translation>Conserver les caractéristiques calculées sur le disque, pour rouvrir une image instantanément</translation>
    </message>
    <message>
        <source>Clear Feature Cache</source>
        <translation>Vider le cache des caractéristiques</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue&#xa0;:</translation>
    </message>
    <message>
        <source>A new language applies when DiffCut Studio is restarted.</source>
        <translation>Une nouvelle langue s&apos;applique au redémarrage de DiffCut Studio.</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Segment overlay opacity:</source>
        <translation>Opacité de la superposition des segments&#xa0;:</translation>
    </message>
    <message>
        <source>Outline the segments</source>
        <translation>Tracer le contour des segments</translation>
    </message>
    <message>
        <source>Searching for models…</source>
        <translation>Recherche de modèles…</translation>
    </message>
    <message>
        <source>The search for models failed: %1</source>
        <translation>La recherche de modèles a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>None in the Hugging Face cache (%1)</source>
        <translation>Aucun dans le cache Hugging Face (%1)</translation>
    </message>
    <message>
        <source>No model is set, so the built-in encoder is used: it groups pixels by colour and texture, not by meaning. Set a diffusion model for the segments of the paper.</source>
        <translation>Aucun modèle n&apos;est défini, l&apos;encodeur intégré est donc utilisé&#xa0;: il regroupe les pixels par couleur et texture, pas par sens. Définissez un modèle de diffusion pour obtenir les segments de l&apos;article.</translation>
    </message>
    <message>
        <source>Features come from the diffusion model in %1.</source>
        <translation>Les caractéristiques proviennent du modèle de diffusion dans %1.</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>Ce modèle ne peut pas être utilisé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Clearing the feature cache…</source>
        <translation>Vidage du cache des caractéristiques…</translation>
    </message>
    <message>
        <source>Measuring the feature cache…</source>
        <translation>Mesure du cache des caractéristiques…</translation>
    </message>
    <message>
        <source>The feature cache in %1 is empty.</source>
        <translation>Le cache des caractéristiques dans %1 est vide.</translation>
    </message>
    <message>
        <source>(Not every file could be read or removed: %1.)</source>
        <translation>(Certains fichiers n&apos;ont pas pu être lus ou supprimés&#xa0;: %1.)</translation>
    </message>
    <message numerus="yes">
        <source>Models found: %n. Choose one…</source>
        <translation>
            <numerusform>Modèles trouvés&#xa0;: %n. Choisissez-en un…</numerusform>
            <numerusform>Modèles trouvés&#xa0;: %n. Choisissez-en un…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The feature cache in %1 takes %2; cached images: %n.</source>
        <translation>
            <numerusform>Le cache des caractéristiques dans %1 occupe %2&#xa0;; images en cache&#xa0;: %n.</numerusform>
            <numerusform>Le cache des caractéristiques dans %1 occupe %2&#xa0;; images en cache&#xa0;: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source> GB</source>
        <translation> Go</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>Beyond this size the least recently used features are removed; those of the folder you work in go last.</source>
        <translation>Au-delà de cette taille, les caractéristiques les moins récemment utilisées sont supprimées ; celles du dossier où vous travaillez en dernier.</translation>
    </message>
    <message>
        <source>Feature cache limit:</source>
        <translation>Limite du cache des caractéristiques :</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>While you work on an image, the next ones in the direction you move (D or A) are encoded in the background, so that they open at once.</source>
        <translation>Pendant que vous travaillez sur une image, les suivantes dans le sens où vous avancez (D ou A) sont encodées en arrière-plan, pour s’ouvrir immédiatement.</translation>
    </message>
    <message>
        <source>Prepare images ahead:</source>
        <translation>Préparer les images à l’avance :</translation>
    </message>
    <message>
        <source>Their features take at most:</source>
        <translation>Leurs caractéristiques occupent au plus :</translation>
    </message>
    <message>
        <source>Annotations and class lists of read-only folders kept there (%1) are never cleared.</source>
        <translation>Les annotations et listes de classes des dossiers en lecture seule qui y sont conservées (%1) ne sont jamais effacées.</translation>
    </message>
    <message>
        <source>OpenCLIP folder or repo id, e.g. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</source>
        <translation>Dossier ou dépôt OpenCLIP, p. ex. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</translation>
    </message>
    <message>
        <source>CLIP model:</source>
        <translation>Modèle CLIP&#xa0;:</translation>
    </message>
    <message>
        <source>CLIP Model Folder</source>
        <translation>Dossier du modèle CLIP</translation>
    </message>
    <message>
        <source>The square size the CLIP image tower sees (a multiple of 32; the paper uses 1024).</source>
        <translation>Taille du carré que voit l&apos;encodeur d&apos;image de CLIP (un multiple de 32&#xa0;; l&apos;article utilise 1024).</translation>
    </message>
    <message>
        <source>CLIP size:</source>
        <translation>Taille CLIP&#xa0;:</translation>
    </message>
    <message>
        <source>With a CLIP model, the Classes panel can suggest a class for every unlabelled segment.</source>
        <translation>Avec un modèle CLIP, le panneau Classes peut suggérer une classe pour chaque segment sans classe.</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ShortcutEditor</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Back to the default shortcut</source>
        <translation>Revenir au raccourci par défaut</translation>
    </message>
    <message>
        <source>Reset All</source>
        <translation>Tout réinitialiser</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>«&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1 is used by %2.</source>
        <translation>%1 est utilisé par %2.</translation>
    </message>
    <message>
        <source>Give each of these actions its own shortcut.</source>
        <translation>Donnez à chacune de ces actions son propre raccourci.</translation>
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
        <translation>DiffCut Studio&#xa0;: segmentation d&apos;images zero-shot par caractéristiques de diffusion et Normalized Cut récursif.</translation>
    </message>
    <message>
        <source>An image or a folder of images to open.</source>
        <translation>Une image ou un dossier d&apos;images à ouvrir.</translation>
    </message>
</context>
</TS>
