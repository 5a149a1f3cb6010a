<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>diffcut::ui::AnnotationController</name>
    <message>
        <source>Updating the segments</source>
        <translation>Actualizando los segmentos</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::AnnotationDocument</name>
    <message>
        <source>Change granularity</source>
        <translation>Cambiar granularidad</translation>
    </message>
    <message>
        <source>Select a segment to split.</source>
        <translation>Seleccione un segmento para dividir.</translation>
    </message>
    <message>
        <source>These segments cannot be split further.</source>
        <translation>Estos segmentos no se pueden dividir más.</translation>
    </message>
    <message>
        <source>Split segment</source>
        <translation>Dividir segmento</translation>
    </message>
    <message>
        <source>Brush strokes are not part of the hierarchy; paint over them instead.</source>
        <translation>Los trazos de pincel no forman parte de la jerarquía; pinte encima de ellos.</translation>
    </message>
    <message>
        <source>Select a segment to coarsen.</source>
        <translation>Seleccione un segmento para engrosar.</translation>
    </message>
    <message>
        <source>Coarsen segment</source>
        <translation>Engrosar segmento</translation>
    </message>
    <message>
        <source>The whole image is already one segment.</source>
        <translation>La imagen entera ya es un solo segmento.</translation>
    </message>
    <message>
        <source>Select at least two segments to merge (Shift+click adds to the selection).</source>
        <translation>Seleccione al menos dos segmentos para fusionar (Shift+clic añade a la selección).</translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation>Fusionar segmentos</translation>
    </message>
    <message>
        <source>These segments are already merged.</source>
        <translation>Estos segmentos ya están fusionados.</translation>
    </message>
    <message>
        <source>Select the segments to assign a class to.</source>
        <translation>Seleccione los segmentos a los que asignar una clase.</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>Quitar clase</translation>
    </message>
    <message>
        <source>Assign class %1</source>
        <translation>Asignar clase %1</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>Pintar</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Marcar como terminado</translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation>Marcar como no terminado</translation>
    </message>
    <message>
        <source>Add class %1</source>
        <translation>Añadir clase %1</translation>
    </message>
    <message>
        <source>Rename class</source>
        <translation>Renombrar clase</translation>
    </message>
    <message>
        <source>Change class colour</source>
        <translation>Cambiar color de clase</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>Eliminar clase</translation>
    </message>
    <message>
        <source>it was kept as %1</source>
        <translation>se ha conservado como %1</translation>
    </message>
    <message>
        <source>The saved annotation could not be read (%1); %2. The image starts fresh.</source>
        <translation>No se pudo leer la anotación guardada (%1); %2. La imagen empieza de cero.</translation>
    </message>
    <message>
        <source>Wait for the segmentation to be shown.</source>
        <translation>Espere a que se muestre la segmentación.</translation>
    </message>
    <message>
        <source>The segmentation for α = %1 is not shown yet.</source>
        <translation>La segmentación para α = %1 todavía no se muestra.</translation>
    </message>
    <message>
        <source>There is no such class; add classes in the Classes panel.</source>
        <translation>Esa clase no existe; añada clases en el panel Clases.</translation>
    </message>
    <message>
        <source>Make one segment</source>
        <translation>Hacer un solo segmento</translation>
    </message>
    <message>
        <source>This node is one segment already.</source>
        <translation>Este nodo ya es un solo segmento.</translation>
    </message>
    <message>
        <source>This node is split already.</source>
        <translation>Este nodo ya está dividido.</translation>
    </message>
    <message>
        <source>Assign class</source>
        <translation>Asignar clase</translation>
    </message>
    <message>
        <source>Reorder classes</source>
        <translation>Reordenar clases</translation>
    </message>
    <message>
        <source>Import classes</source>
        <translation>Importar clases</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassListModel</name>
    <message>
        <source>Press %1 to give the selected segments this class</source>
        <translation>Pulse %1 para dar esta clase a los segmentos seleccionados</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tecla</translation>
    </message>
    <message>
        <source>Double-click to give the selected segments this class; F2 renames it; the box shows or hides it on the canvas</source>
        <translation>Haga doble clic para dar esta clase a los segmentos seleccionados; F2 la renombra; la casilla la muestra u oculta en el lienzo</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassesPanel</name>
    <message>
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renombrar</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Color…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>Añadir una clase</translation>
    </message>
    <message>
        <source>Change the class&apos;s colour</source>
        <translation>Cambiar el color de la clase</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Añadir clase</translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation>Nombre de la nueva clase:</translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation>Color de la clase</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>Eliminar clase</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Import labelme Labels…</source>
        <translation>Importar etiquetas de labelme…</translation>
    </message>
    <message>
        <source>Export labelme Labels…</source>
        <translation>Exportar etiquetas de labelme…</translation>
    </message>
    <message>
        <source>Rename the class (F2); every image of the folder follows</source>
        <translation>Renombrar la clase (F2); todas las imágenes de la carpeta se actualizan</translation>
    </message>
    <message>
        <source>Delete the class from the folder&apos;s list; its segments become unlabelled</source>
        <translation>Eliminar la clase de la lista de la carpeta; sus segmentos quedan sin clase</translation>
    </message>
    <message>
        <source>Move the class up (the keys 1–9 follow the order)</source>
        <translation>Subir la clase (las teclas 1–9 siguen el orden)</translation>
    </message>
    <message>
        <source>Move the class down (the keys 1–9 follow the order)</source>
        <translation>Bajar la clase (las teclas 1–9 siguen el orden)</translation>
    </message>
    <message>
        <source>Add the classes of a labelme --labels file (one name per line)</source>
        <translation>Añadir las clases de un archivo --labels de labelme (un nombre por línea)</translation>
    </message>
    <message>
        <source>Write the classes as a labelme --labels file</source>
        <translation>Escribir las clases como archivo --labels de labelme</translation>
    </message>
    <message numerus="yes">
        <source>“%1” is used in %n image(s) of this folder. Delete the class and leave their segments unlabelled? (Undo brings it back.)</source>
        <translation>
            <numerusform>«%1» se usa en %n imagen de esta carpeta. ¿Eliminar la clase y dejar los segmentos afectados sin clase? (Deshacer la recupera.)</numerusform>
            <numerusform>«%1» se usa en %n imágenes de esta carpeta. ¿Eliminar la clase y dejar los segmentos afectados sin clase? (Deshacer la recupera.)</numerusform>
        </translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportController</name>
    <message numerus="yes">
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>Exportando %n imagen…</numerusform>
            <numerusform>Exportando %n imágenes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to %1.</source>
        <translation>
            <numerusform>%n imagen exportada a %1.</numerusform>
            <numerusform>%n imágenes exportadas a %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be exported:</source>
        <translation>
            <numerusform>No se pudo exportar %n imagen:</numerusform>
            <numerusform>No se pudieron exportar %n imágenes:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation>Exportación cancelada; los archivos escritos hasta ahora están completos.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación ha fallado: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportDialog</name>
    <message>
        <source>labelme JSON</source>
        <translation>JSON de labelme</translation>
    </message>
    <message>
        <source>A polygon per segment, to open and edit in labelme.</source>
        <translation>Un polígono por segmento, para abrir y editar en labelme.</translation>
    </message>
    <message>
        <source>COCO</source>
        <translation>COCO</translation>
    </message>
    <message>
        <source>One annotations file for all exported images.</source>
        <translation>Un único archivo de anotaciones para todas las imágenes exportadas.</translation>
    </message>
    <message>
        <source>PASCAL VOC PNGs</source>
        <translation>PNG de PASCAL VOC</translation>
    </message>
    <message>
        <source>Class and object label images with the VOC colour map.</source>
        <translation>Imágenes de etiquetas de clase y de objeto con el mapa de colores de VOC.</translation>
    </message>
    <message>
        <source>Per-segment masks</source>
        <translation>Máscaras por segmento</translation>
    </message>
    <message>
        <source>A black-and-white PNG per segment, in a folder per image.</source>
        <translation>Un PNG en blanco y negro por segmento, en una carpeta por imagen.</translation>
    </message>
    <message>
        <source>YOLO segmentation</source>
        <translation>Segmentación YOLO</translation>
    </message>
    <message>
        <source>Normalised polygons per image, with data.yaml.</source>
        <translation>Polígonos normalizados por imagen, con data.yaml.</translation>
    </message>
    <message>
        <source>Overlay image</source>
        <translation>Imagen superpuesta</translation>
    </message>
    <message>
        <source>The image with the segments painted over it.</source>
        <translation>La imagen con los segmentos pintados encima.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formatos</translation>
    </message>
    <message>
        <source>Embed the image in the labelme files (larger, but they open on their own)</source>
        <translation>Incrustar la imagen en los archivos de labelme (más grandes, pero se abren por sí solos)</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Overlay opacity:</source>
        <translation>Opacidad de la superposición:</translation>
    </message>
    <message>
        <source>Folder the exported files go to</source>
        <translation>Carpeta a la que van los archivos exportados</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation>Carpeta de exportación</translation>
    </message>
    <message>
        <source>The current image</source>
        <translation>La imagen actual</translation>
    </message>
    <message>
        <source>Open a folder to export all of its images.</source>
        <translation>Abra una carpeta para exportar todas sus imágenes.</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Carpeta de salida:</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Exportar:</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>Elija una carpeta de salida.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 es un archivo, no una carpeta.</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>Elija al menos un formato.</translation>
    </message>
    <message>
        <source>The files go to %1:</source>
        <translation>Los archivos van a %1:</translation>
    </message>
    <message>
        <source>The files go to %1 (created on export):</source>
        <translation>Los archivos van a %1 (se crea al exportar):</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Every image of the folder (%n in all)</source>
        <translation>
            <numerusform>Todas las imágenes de la carpeta (%n en total)</numerusform>
            <numerusform>Todas las imágenes de la carpeta (%n en total)</numerusform>
        </translation>
    </message>
    <message>
        <source>background (0)</source>
        <translation>fondo (0)</translation>
    </message>
    <message>
        <source>void (255, ignored by evaluation)</source>
        <translation>void (255, ignorado en la evaluación)</translation>
    </message>
    <message>
        <source>a class named “segment”</source>
        <translation>una clase llamada «segment»</translation>
    </message>
    <message>
        <source>Unlabelled segments in VOC PNGs:</source>
        <translation>Segmentos sin clase en los PNG de VOC:</translation>
    </message>
    <message>
        <source>NAME stands for the image&apos;s path in the folder without its extension (with it when two images differ only in extension); ext is the image&apos;s own. Existing files are replaced.</source>
        <translation>NAME es la ruta de la imagen en la carpeta sin su extensión (con ella si dos imágenes solo difieren en la extensión); ext es la extensión de la propia imagen. Los archivos existentes se reemplazan.</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::FilesPanel</name>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>La carpeta «%1» no existe.</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>«%1» no es una carpeta.</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be read.</source>
        <translation>No se puede leer la carpeta «%1».</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtrar</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>Listando %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n imagen</numerusform>
            <numerusform>%n imágenes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>Se muestran %1 de %n imagen</numerusform>
            <numerusform>Se muestran %1 de %n imágenes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::GranularityPanel</name>
    <message>
        <source>Refine boundaries (PAMR)</source>
        <translation>Refinar bordes (PAMR)</translation>
    </message>
    <message>
        <source>Threshold τ: a region is split in two while the Normalized Cut of its best split is below τ. A higher τ gives more, smaller segments.</source>
        <translation>Umbral τ: una región se divide en dos mientras el Normalized Cut de su mejor división esté por debajo de τ. Un τ más alto da más segmentos y más pequeños.</translation>
    </message>
    <message>
        <source>Sharpness α: pixel similarities are raised to the power α, so a higher α separates regions more readily. Each α computes its own hierarchy.</source>
        <translation>Nitidez α: las similitudes entre píxeles se elevan a la potencia α, de modo que un α más alto separa las regiones con más facilidad. Cada α calcula su propia jerarquía.</translation>
    </message>
    <message>
        <source>Align segment boundaries with the image&apos;s edges (PAMR); slower.</source>
        <translation>Alinear los bordes de los segmentos con los contornos de la imagen (PAMR); más lento.</translation>
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
            <numerusform>%n segmento</numerusform>
            <numerusform>%n segmentos</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Choose the τ whose cut of the current hierarchy gives the number of segments nearest to this one.</source>
        <translation>Elegir el τ cuyo corte de la jerarquía actual da el número de segmentos más cercano a este.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Unos</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>segmentos</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyModel</name>
    <message>
        <source>root</source>
        <translation>raíz</translation>
    </message>
    <message>
        <source>Node %1 at depth %2, a segment of the current cut</source>
        <translation>Nodo %1 a profundidad %2, un segmento del corte actual</translation>
    </message>
    <message>
        <source>Node %1 at depth %2</source>
        <translation>Nodo %1 a profundidad %2</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Cells of the feature grid in this region</source>
        <translation>Celdas de la cuadrícula de características en esta región</translation>
    </message>
    <message>
        <source>—</source>
        <comment>NCut of a region that cannot be split</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>This region cannot be split further.</source>
        <translation>Esta región no se puede dividir más.</translation>
    </message>
    <message>
        <source>Normalized Cut of the best split of this region: lower means a cleaner cut. The region is split while this value is below τ.</source>
        <translation>Normalized Cut de la mejor división de esta región: cuanto más bajo, más limpio es el corte. La región se divide mientras este valor esté por debajo de τ.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>Celdas</translation>
    </message>
    <message>
        <source>NCut</source>
        <translation>NCut</translation>
    </message>
    <message>
        <source>The way down from the root: 1 = the first part of a split, 0 = the second. Segments of the current cut are in bold with their colour.</source>
        <translation>El camino desde la raíz: 1 = la primera parte de una división, 0 = la segunda. Los segmentos del corte actual aparecen en negrita con su color.</translation>
    </message>
    <message>
        <source>Cells of the feature grid in the region, and their share of the image</source>
        <translation>Celdas de la cuadrícula de características en la región y su proporción de la imagen</translation>
    </message>
    <message>
        <source>Normalized Cut of the region&apos;s best split in two: lower means a cleaner cut. A region is split while its NCut is below τ; — means it cannot be split.</source>
        <translation>Normalized Cut de la mejor división en dos de la región: cuanto más bajo, más limpio es el corte. Una región se divide mientras su NCut esté por debajo de τ; — significa que no se puede dividir.</translation>
    </message>
    <message>
        <source>Coarsen (C) would make this node one segment (outlined on the canvas)</source>
        <translation>Engrosar (C) convertiría este nodo en un solo segmento (contorneado en el lienzo)</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyPanel</name>
    <message>
        <source>Make This One Segment</source>
        <translation>Convertir en un solo segmento</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Dividir</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>Agrupar</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>Asignar clase</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Sin clase</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ImageCanvas</name>
    <message>
        <source>Open an image (Ctrl+O) or drop one here</source>
        <translation>Abra una imagen (Ctrl+O) o suéltela aquí</translation>
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
        <translation>Anotación terminada</translation>
    </message>
    <message>
        <source>Annotation started</source>
        <translation>Anotación empezada</translation>
    </message>
    <message>
        <source>Not annotated yet</source>
        <translation>Sin anotar todavía</translation>
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
        <translation>Características listas: se abre sin codificar</translation>
    </message>
    <message>
        <source>Features being computed in the background</source>
        <translation>Características calculándose en segundo plano</translation>
    </message>
    <message>
        <source>✗</source>
        <comment>image could not be opened</comment>
        <translation>✗</translation>
    </message>
    <message>
        <source>Could not be opened: %1</source>
        <translation>No se pudo abrir: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::MainWindow</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>Imágenes (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>&amp;Abrir imagen…</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>Abrir imagen</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Abrir &amp;carpeta…</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>&amp;Save Annotation</source>
        <translation>&amp;Guardar anotación</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>Imagen &amp;siguiente</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>Imagen a&amp;nterior</translation>
    </message>
    <message>
        <source>Mark Image as &amp;Done</source>
        <translation>Marcar imagen como &amp;terminada</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>S&amp;plit Segment</source>
        <translation>Di&amp;vidir segmento</translation>
    </message>
    <message>
        <source>&amp;Coarsen Segment</source>
        <translation>En&amp;grosar segmento</translation>
    </message>
    <message>
        <source>&amp;Merge Segments</source>
        <translation>&amp;Fusionar segmentos</translation>
    </message>
    <message>
        <source>Remove C&amp;lass</source>
        <translation>&amp;Quitar clase</translation>
    </message>
    <message>
        <source>Assign Class %1</source>
        <translation>Asignar clase %1</translation>
    </message>
    <message>
        <source>Select &amp;All Segments</source>
        <translation>Seleccionar &amp;todos los segmentos</translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation>Deseleccionar</translation>
    </message>
    <message>
        <source>Se&amp;lect Tool</source>
        <translation>Herramienta de &amp;selección</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>&amp;Pincel</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>&amp;Borrador</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>Pincel más pequeño</translation>
    </message>
    <message>
        <source>Bigger Brush</source>
        <translation>Pincel más grande</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>&amp;Ajustar a la ventana</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>Tamaño &amp;real (100 %)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Am&amp;pliar</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Re&amp;ducir</translation>
    </message>
    <message>
        <source>Segment &amp;Outlines</source>
        <translation>&amp;Contornos de segmentos</translation>
    </message>
    <message>
        <source>&amp;About DiffCut Studio</source>
        <translation>&amp;Acerca de DiffCut Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>Granularidad</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segmentos</translation>
    </message>
    <message>
        <source>Hierarchy</source>
        <translation>Jerarquía</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>Navigator</source>
        <translation>Navegador</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>Assign &amp;Class</source>
        <translation>Asignar &amp;clase</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>Pa&amp;neles</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Barra de herramientas principal</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>Superposición</translation>
    </message>
    <message>
        <source>Opacity of the segmentation overlay</source>
        <translation>Opacidad de la superposición de segmentación</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>building hierarchy for α = %1…</source>
        <translation>construyendo la jerarquía para α = %1…</translation>
    </message>
    <message>
        <source>Segmentation failed</source>
        <translation>La segmentación ha fallado</translation>
    </message>
    <message>
        <source>Model not used</source>
        <translation>Modelo no utilizado</translation>
    </message>
    <message>
        <source>Assign “%1”</source>
        <translation>Asignar «%1»</translation>
    </message>
    <message>
        <source>The annotation could not be saved</source>
        <translation>No se pudo guardar la anotación</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) in the folder</source>
        <translation>
            <numerusform>%n imagen en la carpeta</numerusform>
            <numerusform>%n imágenes en la carpeta</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>No se puede abrir la carpeta</translation>
    </message>
    <message>
        <source>Choose the class to paint with in the Classes panel.</source>
        <translation>Elija en el panel Clases la clase con la que pintar.</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>Listando %1…</translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation>No se puede abrir la imagen</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 no existe o no es un archivo.</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segmento</numerusform>
            <numerusform>%n segmentos</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>sin clase</translation>
    </message>
    <message>
        <source>Segment #%1 · %2 · %3 px (%4 %) · at %5, %6</source>
        <translation>Segmento #%1 · %2 · %3 px (%4 %) · en %5, %6</translation>
    </message>
    <message>
        <source>Node %1: %2 cells, NCut %3</source>
        <translation>Nodo %1: %2 celdas, NCut %3</translation>
    </message>
    <message>
        <source>root</source>
        <translation>raíz</translation>
    </message>
    <message>
        <source>cannot be split</source>
        <translation>no se puede dividir</translation>
    </message>
    <message>
        <source>This is the last image.</source>
        <translation>Esta es la última imagen.</translation>
    </message>
    <message>
        <source>This is the first image.</source>
        <translation>Esta es la primera imagen.</translation>
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
        <translation>La nueva configuración del codificador se aplica a partir de la próxima imagen que se abra.</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>Ya hay una exportación en curso.</translation>
    </message>
    <message>
        <source>There is no segmentation to export yet.</source>
        <translation>Todavía no hay ninguna segmentación que exportar.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportación</translation>
    </message>
    <message>
        <source>About DiffCut Studio</source>
        <translation>Acerca de DiffCut Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Zero-shot image segmentation with diffusion features and recursive Normalized Cut (DiffCut, NeurIPS 2024): no labels, no text prompts.&lt;/p&gt;&lt;p&gt;Encoder: %2&lt;/p&gt;&lt;p&gt;Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Segmentación de imágenes zero-shot con características de difusión y Normalized Cut recursivo (DiffCut, NeurIPS 2024): sin etiquetas ni indicaciones de texto.&lt;/p&gt;&lt;p&gt;Codificador: %2&lt;/p&gt;&lt;p&gt;Compilado con Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>todavía no cargado</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Seleccionar</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pincel</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Dividir</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>Agrupar</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionar</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Outlines</source>
        <translation>Contornos</translation>
    </message>
    <message>
        <source>Stopped before the features were ready; open the image again to compute them.</source>
        <translation>Detenido antes de que las características estuvieran listas; vuelva a abrir la imagen para calcularlas.</translation>
    </message>
    <message>
        <source>&amp;Unlabelled Segments</source>
        <translation>Segmentos &amp;sin clase</translation>
    </message>
    <message>
        <source>Show the segments that have no class yet (in neutral greys)</source>
        <translation>Mostrar los segmentos que aún no tienen clase (en grises neutros)</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>Asignar clase</translation>
    </message>
    <message numerus="yes">
        <source>τ = %1 gives the count nearest to %n segment(s).</source>
        <translation>
            <numerusform>τ = %1 da el número más cercano a %n segmento.</numerusform>
            <numerusform>τ = %1 da el número más cercano a %n segmentos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>Abra primero una imagen.</translation>
    </message>
    <message>
        <source>Counting the images that use “%1”…</source>
        <translation>Contando las imágenes que usan «%1»…</translation>
    </message>
    <message>
        <source>Import labelme Labels</source>
        <translation>Importar etiquetas de labelme</translation>
    </message>
    <message>
        <source>Label files (*.txt);;All files (*)</source>
        <translation>Archivos de etiquetas (*.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>No new classes in %1.</source>
        <translation>No hay clases nuevas en %1.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n class(es): %1</source>
        <translation>
            <numerusform>%n clase añadida: %1</numerusform>
            <numerusform>%n clases añadidas: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export labelme Labels</source>
        <translation>Exportar etiquetas de labelme</translation>
    </message>
    <message>
        <source>Label files (*.txt)</source>
        <translation>Archivos de etiquetas (*.txt)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>Se ha escrito %1.</translation>
    </message>
    <message>
        <source>Class list not read</source>
        <translation>Lista de clases no leída</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with the %1×%2 built-in encoder set aside</source>
        <translation>
            <numerusform>%n decisión tomada con el codificador integrado %1×%2 se ha apartado</numerusform>
            <numerusform>%n decisiones tomadas con el codificador integrado %1×%2 se han apartado</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with %1 (t = %2) set aside</source>
        <translation>
            <numerusform>%n decisión tomada con %1 (t = %2) se ha apartado</numerusform>
            <numerusform>%n decisiones tomadas con %1 (t = %2) se han apartado</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made before the image&apos;s pixels changed set aside</source>
        <translation>
            <numerusform>%n decisión tomada antes de que cambiaran los píxeles de la imagen se ha apartado</numerusform>
            <numerusform>%n decisiones tomadas antes de que cambiaran los píxeles de la imagen se han apartado</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made at α = %1 set aside</source>
        <translation>
            <numerusform>%n decisión tomada con α = %1 se ha apartado</numerusform>
            <numerusform>%n decisiones tomadas con α = %1 se han apartado</numerusform>
        </translation>
    </message>
    <message>
        <source>they apply again with those features and α.</source>
        <translation>vuelven a aplicarse con esas características y ese α.</translation>
    </message>
    <message>
        <source>There is no class %1 yet; add classes in the Classes panel.</source>
        <translation>Todavía no hay clase %1; añada clases en el panel Clases.</translation>
    </message>
    <message>
        <source>Suggest &amp;Names</source>
        <translation>Sugerir &amp;nombres</translation>
    </message>
    <message>
        <source>Set a CLIP model in Settings, add a class and open an image to get suggested names.</source>
        <translation>Configure un modelo CLIP en Preferencias, añada una clase y abra una imagen para obtener nombres sugeridos.</translation>
    </message>
    <message>
        <source>Accept All Suggestions</source>
        <translation>Aceptar todas las sugerencias</translation>
    </message>
    <message>
        <source>Accept Suggestions of the Selection</source>
        <translation>Aceptar las sugerencias de la selección</translation>
    </message>
    <message>
        <source>Reject Suggestions</source>
        <translation>Rechazar sugerencias</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>Aceptar todo</translation>
    </message>
    <message>
        <source>Accept Selected</source>
        <translation>Aceptar selección</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) suggested: Enter accepts the selection&apos;s.</source>
        <translation>
            <numerusform>%n nombre sugerido: Intro acepta las sugerencias de la selección.</numerusform>
            <numerusform>%n nombres sugeridos: Intro acepta las sugerencias de la selección.</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggest Names</source>
        <translation>Sugerir nombres</translation>
    </message>
    <message>
        <source>Preview at %1×%2, full resolution follows · %3</source>
        <translation>Vista previa a %1×%2, la resolución completa llegará después · %3</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::NamingController</name>
    <message>
        <source>No suggested name for the selected segments.</source>
        <translation>No hay ningún nombre sugerido para los segmentos seleccionados.</translation>
    </message>
    <message>
        <source>Accept suggested names</source>
        <translation>Aceptar nombres sugeridos</translation>
    </message>
    <message>
        <source>Suggesting names…</source>
        <translation>Sugiriendo nombres…</translation>
    </message>
    <message>
        <source>Names cannot be suggested: %1</source>
        <translation>No se pueden sugerir nombres: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::Prefetcher</name>
    <message>
        <source>Preparing %1 in the background</source>
        <translation>Preparando %1 en segundo plano</translation>
    </message>
    <message numerus="yes">
        <source>Next %n image(s) ready</source>
        <translation>
            <numerusform>La siguiente imagen está lista</numerusform>
            <numerusform>Las %n imágenes siguientes están listas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentTableModel</name>
    <message>
        <source>Painted with the brush</source>
        <translation>Pintado con el pincel</translation>
    </message>
    <message numerus="yes">
        <source>Merged from %n hierarchy node(s)</source>
        <translation>
            <numerusform>Fusión de %n nodo de la jerarquía</numerusform>
            <numerusform>Fusión de %n nodos de la jerarquía</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>sin clase</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>#%1 brush</source>
        <translation>#%1 pincel</translation>
    </message>
    <message>
        <source>#%1 merged ×%2</source>
        <translation>#%1 fusionado ×%2</translation>
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
        <translation>¿%1? %2 %</translation>
    </message>
    <message>
        <source>Suggested, not accepted: Enter accepts the selected segments&apos; suggestions</source>
        <translation>Sugerido, no aceptado: Intro acepta las sugerencias de los segmentos seleccionados</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Sugerencia</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentationSession</name>
    <message>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <source>features</source>
        <translation>características</translation>
    </message>
    <message>
        <source>affinity</source>
        <translation>afinidad</translation>
    </message>
    <message>
        <source>cut</source>
        <translation>corte</translation>
    </message>
    <message>
        <source>assignment</source>
        <translation>asignación</translation>
    </message>
    <message>
        <source>refinement</source>
        <translation>refinamiento</translation>
    </message>
    <message>
        <source>edits</source>
        <translation>ediciones</translation>
    </message>
    <message>
        <source>Computing features</source>
        <translation>Calculando características</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1
Using the built-in fallback encoder instead.</source>
        <translation>No se pudo cargar el modelo: %1
Se usa en su lugar el codificador de respaldo integrado.</translation>
    </message>
    <message>
        <source>Building the hierarchy for α = %1</source>
        <translation>Construyendo la jerarquía para α = %1</translation>
    </message>
    <message>
        <source>%1 %2 ms</source>
        <translation>%1 %2 ms</translation>
    </message>
    <message>
        <source>hierarchy</source>
        <translation>jerarquía</translation>
    </message>
    <message>
        <source>composition</source>
        <translation>composición</translation>
    </message>
    <message>
        <source>decoding the image</source>
        <translation>decodificación de la imagen</translation>
    </message>
    <message>
        <source>text encoder</source>
        <translation>codificador de texto</translation>
    </message>
    <message>
        <source>second text encoder</source>
        <translation>segundo codificador de texto</translation>
    </message>
    <message>
        <source>loading the VAE</source>
        <translation>carga del VAE</translation>
    </message>
    <message>
        <source>loading the UNet</source>
        <translation>carga del UNet</translation>
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
        <translation>caché de características</translation>
    </message>
    <message>
        <source>built-in encoder</source>
        <translation>codificador integrado</translation>
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
        <translation>%1 (incompleto)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>Segmentación</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Caché</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interfaz</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Atajos</translation>
    </message>
    <message>
        <source>Two actions share a shortcut; see the Shortcuts page.</source>
        <translation>Dos acciones comparten un atajo; consulte la página Atajos.</translation>
    </message>
    <message>
        <source>Model folder or Hugging Face repo id, e.g. segmind/SSD-1B</source>
        <translation>Carpeta o repositorio de Hugging Face, p. ej. segmind/SSD-1B</translation>
    </message>
    <message>
        <source>Diffusion Model Folder</source>
        <translation>Carpeta del modelo de difusión</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <source>Installed models:</source>
        <translation>Modelos instalados:</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Automático (CUDA si está disponible)</translation>
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
        <translation>Dispositivo:</translation>
    </message>
    <message>
        <source>Noise level at which the diffusion model is asked for features (the paper uses 50).</source>
        <translation>Nivel de ruido con el que se piden las características al modelo de difusión (el artículo usa 50).</translation>
    </message>
    <message>
        <source>Timestep:</source>
        <translation>Paso de tiempo:</translation>
    </message>
    <message>
        <source>Used for images that have no saved annotation yet.</source>
        <translation>Se usa para las imágenes que aún no tienen una anotación guardada.</translation>
    </message>
    <message>
        <source>A region is split while the Normalized Cut of its best split is below τ; a higher τ gives more, smaller segments.</source>
        <translation>Una región se divide mientras el Normalized Cut de su mejor división esté por debajo de τ; un τ más alto da más segmentos y más pequeños.</translation>
    </message>
    <message>
        <source>Threshold τ:</source>
        <translation>Umbral τ:</translation>
    </message>
    <message>
        <source>Similarities are raised to the power α; a higher α separates regions more readily.</source>
        <translation>Las similitudes se elevan a la potencia α; un α más alto separa las regiones con más facilidad.</translation>
    </message>
    <message>
        <source>Sharpness α:</source>
        <translation>Nitidez α:</translation>
    </message>
    <message>
        <source>Refine boundaries along the image&apos;s edges (PAMR; slower)</source>
        <translation>Refinar los bordes siguiendo los contornos de la imagen (PAMR; más lento)</translation>
    </message>
    <message>
        <source>32 × 32 (faster)</source>
        <translation>32 × 32 (más rápido)</translation>
    </message>
    <message>
        <source>64 × 64 (finer boundaries)</source>
        <translation>64 × 64 (bordes más finos)</translation>
    </message>
    <message>
        <source>Built-in encoder resolution:</source>
        <translation>Resolución del codificador integrado:</translation>
    </message>
    <message>
        <source>The built-in encoder is used when no diffusion model is set.</source>
        <translation>El codificador integrado se usa cuando no hay ningún modelo de difusión configurado.</translation>
    </message>
    <message>
        <source>Cache Folder</source>
        <translation>Carpeta de caché</translation>
    </message>
    <message>
        <source>Cache folder:</source>
        <translation>Carpeta de caché:</translation>
    </message>
    <message>
        <source>Keep computed features on disk, so that reopening an image is instant</source>
        <translation>Guardar en disco las características calculadas, para que reabrir una imagen sea instantáneo</translation>
    </message>
    <message>
        <source>Clear Feature Cache</source>
        <translation>Vaciar la caché de características</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>A new language applies when DiffCut Studio is restarted.</source>
        <translation>Un nuevo idioma se aplica al reiniciar DiffCut Studio.</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Segment overlay opacity:</source>
        <translation>Opacidad de la superposición de segmentos:</translation>
    </message>
    <message>
        <source>Outline the segments</source>
        <translation>Mostrar el contorno de los segmentos</translation>
    </message>
    <message>
        <source>Searching for models…</source>
        <translation>Buscando modelos…</translation>
    </message>
    <message>
        <source>The search for models failed: %1</source>
        <translation>La búsqueda de modelos ha fallado: %1</translation>
    </message>
    <message>
        <source>None in the Hugging Face cache (%1)</source>
        <translation>Ninguno en la caché de Hugging Face (%1)</translation>
    </message>
    <message>
        <source>No model is set, so the built-in encoder is used: it groups pixels by colour and texture, not by meaning. Set a diffusion model for the segments of the paper.</source>
        <translation>No hay ningún modelo configurado, así que se usa el codificador integrado: agrupa los píxeles por color y textura, no por significado. Configure un modelo de difusión para obtener los segmentos del artículo.</translation>
    </message>
    <message>
        <source>Features come from the diffusion model in %1.</source>
        <translation>Las características proceden del modelo de difusión en %1.</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>Este modelo no se puede usar: %1</translation>
    </message>
    <message>
        <source>Clearing the feature cache…</source>
        <translation>Vaciando la caché de características…</translation>
    </message>
    <message>
        <source>Measuring the feature cache…</source>
        <translation>Midiendo la caché de características…</translation>
    </message>
    <message>
        <source>The feature cache in %1 is empty.</source>
        <translation>La caché de características en %1 está vacía.</translation>
    </message>
    <message>
        <source>(Not every file could be read or removed: %1.)</source>
        <translation>(No se pudieron leer o eliminar todos los archivos: %1.)</translation>
    </message>
    <message numerus="yes">
        <source>Models found: %n. Choose one…</source>
        <translation>
            <numerusform>Modelos encontrados: %n. Elija uno…</numerusform>
            <numerusform>Modelos encontrados: %n. Elija uno…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The feature cache in %1 takes %2; cached images: %n.</source>
        <translation>
            <numerusform>La caché de características en %1 ocupa %2; imágenes en caché: %n.</numerusform>
            <numerusform>La caché de características en %1 ocupa %2; imágenes en caché: %n.</numerusform>
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
        <translation>Por encima de este tamaño se eliminan las características usadas hace más tiempo; las de la carpeta en la que trabaja, las últimas.</translation>
    </message>
    <message>
        <source>Feature cache limit:</source>
        <translation>Límite de la caché de características:</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>While you work on an image, the next ones in the direction you move (D or A) are encoded in the background, so that they open at once.</source>
        <translation>Mientras trabaja en una imagen, las siguientes en la dirección en que avanza (D o A) se codifican en segundo plano, para que se abran al instante.</translation>
    </message>
    <message>
        <source>Prepare images ahead:</source>
        <translation>Preparar imágenes por adelantado:</translation>
    </message>
    <message>
        <source>Their features take at most:</source>
        <translation>Sus características ocupan como máximo:</translation>
    </message>
    <message>
        <source>Annotations and class lists of read-only folders kept there (%1) are never cleared.</source>
        <translation>Las anotaciones y listas de clases de carpetas de solo lectura guardadas allí (%1) nunca se borran.</translation>
    </message>
    <message>
        <source>OpenCLIP folder or repo id, e.g. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</source>
        <translation>Carpeta o repositorio de OpenCLIP, p. ej. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</translation>
    </message>
    <message>
        <source>CLIP model:</source>
        <translation>Modelo CLIP:</translation>
    </message>
    <message>
        <source>CLIP Model Folder</source>
        <translation>Carpeta del modelo CLIP</translation>
    </message>
    <message>
        <source>The square size the CLIP image tower sees (a multiple of 32; the paper uses 1024).</source>
        <translation>El tamaño del cuadrado que ve el codificador de imagen de CLIP (múltiplo de 32; el artículo usa 1024).</translation>
    </message>
    <message>
        <source>CLIP size:</source>
        <translation>Tamaño CLIP:</translation>
    </message>
    <message>
        <source>With a CLIP model, the Classes panel can suggest a class for every unlabelled segment.</source>
        <translation>Con un modelo CLIP, el panel Clases puede sugerir una clase para cada segmento sin clase.</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ShortcutEditor</name>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminado</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Back to the default shortcut</source>
        <translation>Volver al atajo predeterminado</translation>
    </message>
    <message>
        <source>Reset All</source>
        <translation>Restablecer todos</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>%1 is used by %2.</source>
        <translation>%1 está asignado a %2.</translation>
    </message>
    <message>
        <source>Give each of these actions its own shortcut.</source>
        <translation>Asigne a cada una de estas acciones su propio atajo.</translation>
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
        <translation>DiffCut Studio: segmentación de imágenes zero-shot con características de difusión y Normalized Cut recursivo.</translation>
    </message>
    <message>
        <source>An image or a folder of images to open.</source>
        <translation>Una imagen o una carpeta de imágenes que abrir.</translation>
    </message>
</context>
</TS>
