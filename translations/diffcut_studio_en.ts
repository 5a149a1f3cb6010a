<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>diffcut::ui::ClassesPanel</name>
    <message numerus="yes">
        <source>“%1” is used in %n image(s) of this folder. Delete the class and leave their segments unlabelled? (Undo brings it back.)</source>
        <translation>
            <numerusform>“%1” is used in %n image of this folder. Delete the class and leave its segments unlabelled? (Undo brings it back.)</numerusform>
            <numerusform>“%1” is used in %n images of this folder. Delete the class and leave their segments unlabelled? (Undo brings it back.)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportController</name>
    <message numerus="yes">
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>Exporting %n image…</numerusform>
            <numerusform>Exporting %n images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to %1.</source>
        <translation>
            <numerusform>Exported %n image to %1.</numerusform>
            <numerusform>Exported %n images to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be exported:</source>
        <translation>
            <numerusform>%n image could not be exported:</numerusform>
            <numerusform>%n images could not be exported:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportDialog</name>
    <message numerus="yes">
        <source>Every image of the folder (%n in all)</source>
        <translation>
            <numerusform>Every image of the folder (%n in all)</numerusform>
            <numerusform>Every image of the folder (%n in all)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::FilesPanel</name>
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
            <numerusform>%1 of %n image shown</numerusform>
            <numerusform>%1 of %n images shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::GranularityPanel</name>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n image(s) in the folder</source>
        <translation>
            <numerusform>%n image in the folder</numerusform>
            <numerusform>%n images in the folder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>τ = %1 gives the count nearest to %n segment(s).</source>
        <translation>
            <numerusform>τ = %1 gives the count nearest to %n segment.</numerusform>
            <numerusform>τ = %1 gives the count nearest to %n segments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n class(es): %1</source>
        <translation>
            <numerusform>Added %n class: %1</numerusform>
            <numerusform>Added %n classes: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with the %1×%2 built-in encoder set aside</source>
        <translation>
            <numerusform>%n decision made with the %1×%2 built-in encoder set aside</numerusform>
            <numerusform>%n decisions made with the %1×%2 built-in encoder set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with %1 (t = %2) set aside</source>
        <translation>
            <numerusform>%n decision made with %1 (t = %2) set aside</numerusform>
            <numerusform>%n decisions made with %1 (t = %2) set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made before the image&apos;s pixels changed set aside</source>
        <translation>
            <numerusform>%n decision made before the image&apos;s pixels changed set aside</numerusform>
            <numerusform>%n decisions made before the image&apos;s pixels changed set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made at α = %1 set aside</source>
        <translation>
            <numerusform>%n decision made at α = %1 set aside</numerusform>
            <numerusform>%n decisions made at α = %1 set aside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) suggested: Enter accepts the selection&apos;s.</source>
        <translation>
            <numerusform>%n name suggested: Enter accepts the selection&apos;s.</numerusform>
            <numerusform>%n names suggested: Enter accepts the selection&apos;s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::Prefetcher</name>
    <message numerus="yes">
        <source>Next %n image(s) ready</source>
        <translation>
            <numerusform>Next image ready</numerusform>
            <numerusform>Next %n images ready</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentTableModel</name>
    <message numerus="yes">
        <source>Merged from %n hierarchy node(s)</source>
        <translation>
            <numerusform>Merged from %n hierarchy node</numerusform>
            <numerusform>Merged from %n hierarchy nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SettingsDialog</name>
    <message numerus="yes">
        <source>Models found: %n. Choose one…</source>
        <translation>
            <numerusform>Models found: %n. Choose one…</numerusform>
            <numerusform>Models found: %n. Choose one…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The feature cache in %1 takes %2; cached images: %n.</source>
        <translation>
            <numerusform>The feature cache in %1 takes %2; cached images: %n.</numerusform>
            <numerusform>The feature cache in %1 takes %2; cached images: %n.</numerusform>
        </translation>
    </message>
</context>
</TS>
