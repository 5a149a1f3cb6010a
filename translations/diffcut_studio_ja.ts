<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>diffcut::ui::AnnotationController</name>
    <message>
        <source>Updating the segments</source>
        <translation>セグメントを更新中</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::AnnotationDocument</name>
    <message>
        <source>Change granularity</source>
        <translation>粒度を変更</translation>
    </message>
    <message>
        <source>Select a segment to split.</source>
        <translation>分割するセグメントを選択してください。</translation>
    </message>
    <message>
        <source>These segments cannot be split further.</source>
        <translation>これらのセグメントはこれ以上分割できません。</translation>
    </message>
    <message>
        <source>Split segment</source>
        <translation>セグメントを分割</translation>
    </message>
    <message>
        <source>Brush strokes are not part of the hierarchy; paint over them instead.</source>
        <translation>ブラシのストロークは階層に含まれません。代わりに上から塗ってください。</translation>
    </message>
    <message>
        <source>Select a segment to coarsen.</source>
        <translation>粗くするセグメントを選択してください。</translation>
    </message>
    <message>
        <source>Coarsen segment</source>
        <translation>セグメントを粗くする</translation>
    </message>
    <message>
        <source>The whole image is already one segment.</source>
        <translation>画像全体がすでに 1 つのセグメントです。</translation>
    </message>
    <message>
        <source>Select at least two segments to merge (Shift+click adds to the selection).</source>
        <translation>結合するセグメントを 2 つ以上選択してください (Shift+クリックで選択に追加)。</translation>
    </message>
    <message>
        <source>Merge segments</source>
        <translation>セグメントを結合</translation>
    </message>
    <message>
        <source>These segments are already merged.</source>
        <translation>これらのセグメントはすでに結合されています。</translation>
    </message>
    <message>
        <source>Select the segments to assign a class to.</source>
        <translation>クラスを割り当てるセグメントを選択してください。</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>クラスを解除</translation>
    </message>
    <message>
        <source>Assign class %1</source>
        <translation>クラス %1 を割り当て</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>ペイント</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>完了としてマーク</translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation>未完了としてマーク</translation>
    </message>
    <message>
        <source>Add class %1</source>
        <translation>クラス %1 を追加</translation>
    </message>
    <message>
        <source>Rename class</source>
        <translation>クラス名を変更</translation>
    </message>
    <message>
        <source>Change class colour</source>
        <translation>クラスの色を変更</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>クラスを削除</translation>
    </message>
    <message>
        <source>it was kept as %1</source>
        <translation>%1 として保管しました</translation>
    </message>
    <message>
        <source>The saved annotation could not be read (%1); %2. The image starts fresh.</source>
        <translation>保存済みのアノテーションを読み込めませんでした (%1)。%2。画像は最初からやり直しになります。</translation>
    </message>
    <message>
        <source>Wait for the segmentation to be shown.</source>
        <translation>セグメンテーションが表示されるまでお待ちください。</translation>
    </message>
    <message>
        <source>The segmentation for α = %1 is not shown yet.</source>
        <translation>α = %1 のセグメンテーションはまだ表示されていません。</translation>
    </message>
    <message>
        <source>There is no such class; add classes in the Classes panel.</source>
        <translation>そのクラスはありません。クラスパネルでクラスを追加してください。</translation>
    </message>
    <message>
        <source>Make one segment</source>
        <translation>1 つのセグメントにする</translation>
    </message>
    <message>
        <source>This node is one segment already.</source>
        <translation>このノードはすでに 1 つのセグメントです。</translation>
    </message>
    <message>
        <source>This node is split already.</source>
        <translation>このノードはすでに分割されています。</translation>
    </message>
    <message>
        <source>Assign class</source>
        <translation>クラスを割り当て</translation>
    </message>
    <message>
        <source>Reorder classes</source>
        <translation>クラスを並べ替え</translation>
    </message>
    <message>
        <source>Import classes</source>
        <translation>クラスをインポート</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassListModel</name>
    <message>
        <source>Press %1 to give the selected segments this class</source>
        <translation>%1 を押すと選択したセグメントにこのクラスを割り当てます</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Double-click to give the selected segments this class; F2 renames it; the box shows or hides it on the canvas</source>
        <translation>ダブルクリックで選択したセグメントにこのクラスを割り当てます。F2 で名前を変更します。チェックボックスでキャンバス上の表示/非表示を切り替えます</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ClassesPanel</name>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>色…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>クラスを追加</translation>
    </message>
    <message>
        <source>Change the class&apos;s colour</source>
        <translation>クラスの色を変更</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>クラスを追加</translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation>新しいクラスの名前:</translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation>クラスの色</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>クラスを削除</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>上へ移動</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>下へ移動</translation>
    </message>
    <message>
        <source>Import labelme Labels…</source>
        <translation>labelme ラベルをインポート…</translation>
    </message>
    <message>
        <source>Export labelme Labels…</source>
        <translation>labelme ラベルをエクスポート…</translation>
    </message>
    <message>
        <source>Rename the class (F2); every image of the folder follows</source>
        <translation>クラス名を変更 (F2)。フォルダー内のすべての画像に反映されます</translation>
    </message>
    <message>
        <source>Delete the class from the folder&apos;s list; its segments become unlabelled</source>
        <translation>フォルダーのリストからクラスを削除します。そのセグメントはラベルなしになります</translation>
    </message>
    <message>
        <source>Move the class up (the keys 1–9 follow the order)</source>
        <translation>クラスを上へ移動 (キー 1–9 はこの順序に従います)</translation>
    </message>
    <message>
        <source>Move the class down (the keys 1–9 follow the order)</source>
        <translation>クラスを下へ移動 (キー 1–9 はこの順序に従います)</translation>
    </message>
    <message>
        <source>Add the classes of a labelme --labels file (one name per line)</source>
        <translation>labelme の --labels ファイルのクラスを追加 (1 行に 1 つの名前)</translation>
    </message>
    <message>
        <source>Write the classes as a labelme --labels file</source>
        <translation>クラスを labelme の --labels ファイルとして書き出す</translation>
    </message>
    <message numerus="yes">
        <source>“%1” is used in %n image(s) of this folder. Delete the class and leave their segments unlabelled? (Undo brings it back.)</source>
        <translation>
            <numerusform>「%1」はこのフォルダーの %n 枚の画像で使われています。クラスを削除して、それらのセグメントをラベルなしにしますか? (元に戻すで復元できます。)</numerusform>
        </translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>クラス</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ExportController</name>
    <message numerus="yes">
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>%n 枚の画像をエクスポート中…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to %1.</source>
        <translation>
            <numerusform>%n 枚の画像を %1 にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be exported:</source>
        <translation>
            <numerusform>%n 枚の画像をエクスポートできませんでした:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation>エクスポートをキャンセルしました。ここまでに書き込んだファイルは完全です。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>エクスポートに失敗しました: %1</translation>
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
        <translation>セグメントごとのポリゴン。labelme で開いて編集できます。</translation>
    </message>
    <message>
        <source>COCO</source>
        <translation>COCO</translation>
    </message>
    <message>
        <source>One annotations file for all exported images.</source>
        <translation>エクスポートするすべての画像で 1 つのアノテーションファイル。</translation>
    </message>
    <message>
        <source>PASCAL VOC PNGs</source>
        <translation>PASCAL VOC PNG</translation>
    </message>
    <message>
        <source>Class and object label images with the VOC colour map.</source>
        <translation>VOC カラーマップを使ったクラスとオブジェクトのラベル画像。</translation>
    </message>
    <message>
        <source>Per-segment masks</source>
        <translation>セグメントごとのマスク</translation>
    </message>
    <message>
        <source>A black-and-white PNG per segment, in a folder per image.</source>
        <translation>セグメントごとの白黒 PNG。画像ごとのフォルダーに保存します。</translation>
    </message>
    <message>
        <source>YOLO segmentation</source>
        <translation>YOLO セグメンテーション</translation>
    </message>
    <message>
        <source>Normalised polygons per image, with data.yaml.</source>
        <translation>画像ごとの正規化されたポリゴンと data.yaml。</translation>
    </message>
    <message>
        <source>Overlay image</source>
        <translation>オーバーレイ画像</translation>
    </message>
    <message>
        <source>The image with the segments painted over it.</source>
        <translation>セグメントを重ねて塗った画像。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Embed the image in the labelme files (larger, but they open on their own)</source>
        <translation>labelme ファイルに画像を埋め込む (サイズは大きくなりますが単独で開けます)</translation>
    </message>
    <message>
        <source> %</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Overlay opacity:</source>
        <translation>オーバーレイの不透明度:</translation>
    </message>
    <message>
        <source>Folder the exported files go to</source>
        <translation>エクスポートしたファイルの保存先フォルダー</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation>エクスポート先フォルダー</translation>
    </message>
    <message>
        <source>The current image</source>
        <translation>現在の画像</translation>
    </message>
    <message>
        <source>Open a folder to export all of its images.</source>
        <translation>フォルダーを開くと、その中のすべての画像をエクスポートできます。</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>出力フォルダー:</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>エクスポート対象:</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>出力フォルダーを選択してください。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 はフォルダーではなくファイルです。</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>形式を 1 つ以上選択してください。</translation>
    </message>
    <message>
        <source>The files go to %1:</source>
        <translation>ファイルの保存先は %1 です:</translation>
    </message>
    <message>
        <source>The files go to %1 (created on export):</source>
        <translation>ファイルの保存先は %1 です (エクスポート時に作成):</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Every image of the folder (%n in all)</source>
        <translation>
            <numerusform>フォルダー内のすべての画像 (全 %n 枚)</numerusform>
        </translation>
    </message>
    <message>
        <source>background (0)</source>
        <translation>背景 (0)</translation>
    </message>
    <message>
        <source>void (255, ignored by evaluation)</source>
        <translation>void (255、評価では無視)</translation>
    </message>
    <message>
        <source>a class named “segment”</source>
        <translation>「segment」という名前のクラス</translation>
    </message>
    <message>
        <source>Unlabelled segments in VOC PNGs:</source>
        <translation>VOC PNG でのラベルなしセグメント:</translation>
    </message>
    <message>
        <source>NAME stands for the image&apos;s path in the folder without its extension (with it when two images differ only in extension); ext is the image&apos;s own. Existing files are replaced.</source>
        <translation>NAME はフォルダー内での画像のパスから拡張子を除いたものです (拡張子だけが異なる画像が 2 つある場合は拡張子付き)。ext は画像自身の拡張子です。既存のファイルは置き換えられます。</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::FilesPanel</name>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>フォルダー「%1」は存在しません。</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>「%1」はフォルダーではありません。</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be read.</source>
        <translation>フォルダー「%1」を読み込めません。</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>%1 を一覧表示中…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 枚の画像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>%n 枚中 %1 枚の画像を表示</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::GranularityPanel</name>
    <message>
        <source>Refine boundaries (PAMR)</source>
        <translation>境界を精緻化 (PAMR)</translation>
    </message>
    <message>
        <source>Threshold τ: a region is split in two while the Normalized Cut of its best split is below τ. A higher τ gives more, smaller segments.</source>
        <translation>しきい値 τ: 領域の最適な分割の正規化カットが τ を下回る間、その領域を 2 つに分割します。τ が高いほどセグメントは多く、小さくなります。</translation>
    </message>
    <message>
        <source>Sharpness α: pixel similarities are raised to the power α, so a higher α separates regions more readily. Each α computes its own hierarchy.</source>
        <translation>鋭さ α: ピクセルの類似度を α 乗するため、α が高いほど領域が分かれやすくなります。α ごとに個別の階層を計算します。</translation>
    </message>
    <message>
        <source>Align segment boundaries with the image&apos;s edges (PAMR); slower.</source>
        <translation>セグメントの境界を画像のエッジに合わせます (PAMR)。低速です。</translation>
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
            <numerusform>%n 個のセグメント</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Choose the τ whose cut of the current hierarchy gives the number of segments nearest to this one.</source>
        <translation>現在の階層のカットで、この数に最も近いセグメント数になる τ を選びます。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>約</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>セグメント</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyModel</name>
    <message>
        <source>root</source>
        <translation>ルート</translation>
    </message>
    <message>
        <source>Node %1 at depth %2, a segment of the current cut</source>
        <translation>深さ %2 のノード %1 (現在のカットのセグメント)</translation>
    </message>
    <message>
        <source>Node %1 at depth %2</source>
        <translation>深さ %2 のノード %1</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2%)</translation>
    </message>
    <message>
        <source>Cells of the feature grid in this region</source>
        <translation>この領域内の特徴グリッドのセル数</translation>
    </message>
    <message>
        <source>—</source>
        <comment>NCut of a region that cannot be split</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>This region cannot be split further.</source>
        <translation>この領域はこれ以上分割できません。</translation>
    </message>
    <message>
        <source>Normalized Cut of the best split of this region: lower means a cleaner cut. The region is split while this value is below τ.</source>
        <translation>この領域の最適な分割の正規化カット: 低いほどきれいに分割できます。この値が τ を下回る間、領域は分割されます。</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>セル</translation>
    </message>
    <message>
        <source>NCut</source>
        <translation>NCut</translation>
    </message>
    <message>
        <source>The way down from the root: 1 = the first part of a split, 0 = the second. Segments of the current cut are in bold with their colour.</source>
        <translation>ルートからの経路: 1 = 分割の 1 つ目の部分、0 = 2 つ目の部分。現在のカットのセグメントはその色の太字で表示されます。</translation>
    </message>
    <message>
        <source>Cells of the feature grid in the region, and their share of the image</source>
        <translation>領域内の特徴グリッドのセル数と、画像に占める割合</translation>
    </message>
    <message>
        <source>Normalized Cut of the region&apos;s best split in two: lower means a cleaner cut. A region is split while its NCut is below τ; — means it cannot be split.</source>
        <translation>領域を 2 つに分ける最適な分割の正規化カット: 低いほどきれいに分割できます。NCut が τ を下回る間、領域は分割されます。— は分割できないことを示します。</translation>
    </message>
    <message>
        <source>Coarsen (C) would make this node one segment (outlined on the canvas)</source>
        <translation>粗くする (C) と、このノードが 1 つのセグメントになります (キャンバス上に輪郭で表示)</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::HierarchyPanel</name>
    <message>
        <source>Make This One Segment</source>
        <translation>これを 1 つのセグメントにする</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>粗くする</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>クラスを割り当て</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>ラベルなし</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::ImageCanvas</name>
    <message>
        <source>Open an image (Ctrl+O) or drop one here</source>
        <translation>画像を開く (Ctrl+O) か、ここにドロップしてください</translation>
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
        <translation>アノテーション完了</translation>
    </message>
    <message>
        <source>Annotation started</source>
        <translation>アノテーション開始済み</translation>
    </message>
    <message>
        <source>Not annotated yet</source>
        <translation>未アノテーション</translation>
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
        <translation>特徴の準備完了: エンコードせずに開きます</translation>
    </message>
    <message>
        <source>Features being computed in the background</source>
        <translation>特徴をバックグラウンドで計算中</translation>
    </message>
    <message>
        <source>✗</source>
        <comment>image could not be opened</comment>
        <translation>✗</translation>
    </message>
    <message>
        <source>Could not be opened: %1</source>
        <translation>開けませんでした: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::MainWindow</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>画像 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>画像を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>フォルダーを開く(&amp;F)…</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>&amp;Save Annotation</source>
        <translation>アノテーションを保存(&amp;S)</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>エクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>次の画像(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>前の画像(&amp;P)</translation>
    </message>
    <message>
        <source>Mark Image as &amp;Done</source>
        <translation>画像を完了としてマーク(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;plit Segment</source>
        <translation>セグメントを分割(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Coarsen Segment</source>
        <translation>セグメントを粗くする(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Merge Segments</source>
        <translation>セグメントを結合(&amp;M)</translation>
    </message>
    <message>
        <source>Remove C&amp;lass</source>
        <translation>クラスを解除(&amp;L)</translation>
    </message>
    <message>
        <source>Assign Class %1</source>
        <translation>クラス %1 を割り当て</translation>
    </message>
    <message>
        <source>Select &amp;All Segments</source>
        <translation>すべてのセグメントを選択(&amp;A)</translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation>選択を解除</translation>
    </message>
    <message>
        <source>Se&amp;lect Tool</source>
        <translation>選択ツール(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>ブラシ(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>消しゴム(&amp;E)</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>ブラシを小さく</translation>
    </message>
    <message>
        <source>Bigger Brush</source>
        <translation>ブラシを大きく</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>ウィンドウに合わせる(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>実際のサイズ (100%)(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>Segment &amp;Outlines</source>
        <translation>セグメントの輪郭(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;About DiffCut Studio</source>
        <translation>DiffCut Studio について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>セグメント</translation>
    </message>
    <message>
        <source>Hierarchy</source>
        <translation>階層</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Navigator</source>
        <translation>ナビゲーター</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近開いた項目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>Assign &amp;Class</source>
        <translation>クラスを割り当て(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>パネル(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メインツールバー</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>オーバーレイ</translation>
    </message>
    <message>
        <source>Opacity of the segmentation overlay</source>
        <translation>セグメンテーションのオーバーレイの不透明度</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>building hierarchy for α = %1…</source>
        <translation>α = %1 の階層を構築中…</translation>
    </message>
    <message>
        <source>Segmentation failed</source>
        <translation>セグメンテーションに失敗しました</translation>
    </message>
    <message>
        <source>Model not used</source>
        <translation>モデルは使用されません</translation>
    </message>
    <message>
        <source>Assign “%1”</source>
        <translation>「%1」を割り当て</translation>
    </message>
    <message>
        <source>The annotation could not be saved</source>
        <translation>アノテーションを保存できませんでした</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) in the folder</source>
        <translation>
            <numerusform>フォルダー内の画像: %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>フォルダーを開けません</translation>
    </message>
    <message>
        <source>Choose the class to paint with in the Classes panel.</source>
        <translation>クラスパネルでペイントに使うクラスを選択してください。</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>%1 を一覧表示中…</translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation>画像を開けません</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 は存在しないか、ファイルではありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 個のセグメント</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ラベルなし</translation>
    </message>
    <message>
        <source>Segment #%1 · %2 · %3 px (%4 %) · at %5, %6</source>
        <translation>セグメント #%1 · %2 · %3 px (%4%) · 位置 %5, %6</translation>
    </message>
    <message>
        <source>Node %1: %2 cells, NCut %3</source>
        <translation>ノード %1: %2 セル、NCut %3</translation>
    </message>
    <message>
        <source>root</source>
        <translation>ルート</translation>
    </message>
    <message>
        <source>cannot be split</source>
        <translation>分割不可</translation>
    </message>
    <message>
        <source>This is the last image.</source>
        <translation>これが最後の画像です。</translation>
    </message>
    <message>
        <source>This is the first image.</source>
        <translation>これが最初の画像です。</translation>
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
        <translation>新しいエンコーダーの設定は次に開く画像から適用されます。</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>エクスポートはすでに実行中です。</translation>
    </message>
    <message>
        <source>There is no segmentation to export yet.</source>
        <translation>エクスポートできるセグメンテーションはまだありません。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>About DiffCut Studio</source>
        <translation>DiffCut Studio について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;Zero-shot image segmentation with diffusion features and recursive Normalized Cut (DiffCut, NeurIPS 2024): no labels, no text prompts.&lt;/p&gt;&lt;p&gt;Encoder: %2&lt;/p&gt;&lt;p&gt;Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DiffCut Studio %1&lt;/h3&gt;&lt;p&gt;拡散モデルの特徴と再帰的な正規化カットによるゼロショット画像セグメンテーション (DiffCut、NeurIPS 2024)。ラベルもテキストプロンプトも不要です。&lt;/p&gt;&lt;p&gt;エンコーダー: %2&lt;/p&gt;&lt;p&gt;Qt %3 でビルドされています。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>未読み込み</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>ブラシ</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>消しゴム</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Coarsen</source>
        <translation>粗くする</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>結合</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Outlines</source>
        <translation>輪郭</translation>
    </message>
    <message>
        <source>Stopped before the features were ready; open the image again to compute them.</source>
        <translation>特徴量の計算前に停止しました。計算するには画像を開き直してください。</translation>
    </message>
    <message>
        <source>&amp;Unlabelled Segments</source>
        <translation>ラベルなしのセグメント(&amp;U)</translation>
    </message>
    <message>
        <source>Show the segments that have no class yet (in neutral greys)</source>
        <translation>まだクラスのないセグメントを表示します (ニュートラルグレーで表示)</translation>
    </message>
    <message>
        <source>Assign Class</source>
        <translation>クラスを割り当て</translation>
    </message>
    <message numerus="yes">
        <source>τ = %1 gives the count nearest to %n segment(s).</source>
        <translation>
            <numerusform>τ = %1 で %n 個のセグメントに最も近い数になります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>先に画像を開いてください。</translation>
    </message>
    <message>
        <source>Counting the images that use “%1”…</source>
        <translation>「%1」を使用している画像を集計中…</translation>
    </message>
    <message>
        <source>Import labelme Labels</source>
        <translation>labelme ラベルをインポート</translation>
    </message>
    <message>
        <source>Label files (*.txt);;All files (*)</source>
        <translation>ラベルファイル (*.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>No new classes in %1.</source>
        <translation>%1 に新しいクラスはありません。</translation>
    </message>
    <message numerus="yes">
        <source>Added %n class(es): %1</source>
        <translation>
            <numerusform>%n 個のクラスを追加しました: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export labelme Labels</source>
        <translation>labelme ラベルをエクスポート</translation>
    </message>
    <message>
        <source>Label files (*.txt)</source>
        <translation>ラベルファイル (*.txt)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>%1 を書き出しました。</translation>
    </message>
    <message>
        <source>Class list not read</source>
        <translation>クラスリストを読み込めません</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with the %1×%2 built-in encoder set aside</source>
        <translation>
            <numerusform>内蔵エンコーダー (%1×%2) で行った %n 件の決定を保留しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made with %1 (t = %2) set aside</source>
        <translation>
            <numerusform>%1 (t = %2) で行った %n 件の決定を保留しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made before the image&apos;s pixels changed set aside</source>
        <translation>
            <numerusform>画像のピクセルが変わる前に行った %n 件の決定を保留しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) made at α = %1 set aside</source>
        <translation>
            <numerusform>α = %1 で行った %n 件の決定を保留しました</numerusform>
        </translation>
    </message>
    <message>
        <source>they apply again with those features and α.</source>
        <translation>同じ特徴と α に戻すと再び適用されます。</translation>
    </message>
    <message>
        <source>There is no class %1 yet; add classes in the Classes panel.</source>
        <translation>クラス %1 はまだありません。クラスパネルでクラスを追加してください。</translation>
    </message>
    <message>
        <source>Suggest &amp;Names</source>
        <translation>名前を提案(&amp;N)</translation>
    </message>
    <message>
        <source>Set a CLIP model in Settings, add a class and open an image to get suggested names.</source>
        <translation>名前の提案を受けるには、設定で CLIP モデルを指定し、クラスを追加して画像を開いてください。</translation>
    </message>
    <message>
        <source>Accept All Suggestions</source>
        <translation>すべての提案を採用</translation>
    </message>
    <message>
        <source>Accept Suggestions of the Selection</source>
        <translation>選択したセグメントの提案を採用</translation>
    </message>
    <message>
        <source>Reject Suggestions</source>
        <translation>提案を却下</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>すべて採用</translation>
    </message>
    <message>
        <source>Accept Selected</source>
        <translation>選択を採用</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>却下</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s) suggested: Enter accepts the selection&apos;s.</source>
        <translation>
            <numerusform>%n 件の名前を提案しました: Enter で選択したセグメントの提案を採用します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggest Names</source>
        <translation>名前を提案</translation>
    </message>
    <message>
        <source>Preview at %1×%2, full resolution follows · %3</source>
        <translation>%1×%2 のプレビュー、フル解像度は後で表示 · %3</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::NamingController</name>
    <message>
        <source>No suggested name for the selected segments.</source>
        <translation>選択したセグメントに提案された名前はありません。</translation>
    </message>
    <message>
        <source>Accept suggested names</source>
        <translation>提案された名前を採用</translation>
    </message>
    <message>
        <source>Suggesting names…</source>
        <translation>名前を提案しています…</translation>
    </message>
    <message>
        <source>Names cannot be suggested: %1</source>
        <translation>名前を提案できません: %1</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::Prefetcher</name>
    <message>
        <source>Preparing %1 in the background</source>
        <translation>%1 をバックグラウンドで準備中</translation>
    </message>
    <message numerus="yes">
        <source>Next %n image(s) ready</source>
        <translation>
            <numerusform>次の %n 枚の画像の準備ができました</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentTableModel</name>
    <message>
        <source>Painted with the brush</source>
        <translation>ブラシでペイント</translation>
    </message>
    <message numerus="yes">
        <source>Merged from %n hierarchy node(s)</source>
        <translation>
            <numerusform>%n 個の階層ノードから結合</numerusform>
        </translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ラベルなし</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>セグメント</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面積</translation>
    </message>
    <message>
        <source>#%1 brush</source>
        <translation>#%1 ブラシ</translation>
    </message>
    <message>
        <source>#%1 merged ×%2</source>
        <translation>#%1 結合 ×%2</translation>
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
        <translation>%1? %2%</translation>
    </message>
    <message>
        <source>Suggested, not accepted: Enter accepts the selected segments&apos; suggestions</source>
        <translation>提案 (未採用): Enter で選択したセグメントの提案を採用します</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>提案</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SegmentationSession</name>
    <message>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>features</source>
        <translation>特徴量</translation>
    </message>
    <message>
        <source>affinity</source>
        <translation>親和度</translation>
    </message>
    <message>
        <source>cut</source>
        <translation>カット</translation>
    </message>
    <message>
        <source>assignment</source>
        <translation>割り当て</translation>
    </message>
    <message>
        <source>refinement</source>
        <translation>リファイン</translation>
    </message>
    <message>
        <source>edits</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Computing features</source>
        <translation>特徴を計算中</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1
Using the built-in fallback encoder instead.</source>
        <translation>モデルを読み込めませんでした: %1
代わりに内蔵のフォールバックエンコーダーを使用します。</translation>
    </message>
    <message>
        <source>Building the hierarchy for α = %1</source>
        <translation>α = %1 の階層を構築中</translation>
    </message>
    <message>
        <source>%1 %2 ms</source>
        <translation>%1 %2 ms</translation>
    </message>
    <message>
        <source>hierarchy</source>
        <translation>階層</translation>
    </message>
    <message>
        <source>composition</source>
        <translation>合成</translation>
    </message>
    <message>
        <source>decoding the image</source>
        <translation>画像のデコード</translation>
    </message>
    <message>
        <source>text encoder</source>
        <translation>テキストエンコーダー</translation>
    </message>
    <message>
        <source>second text encoder</source>
        <translation>第 2 テキストエンコーダー</translation>
    </message>
    <message>
        <source>loading the VAE</source>
        <translation>VAE の読み込み</translation>
    </message>
    <message>
        <source>loading the UNet</source>
        <translation>UNet の読み込み</translation>
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
        <translation>特徴キャッシュ</translation>
    </message>
    <message>
        <source>built-in encoder</source>
        <translation>内蔵エンコーダー</translation>
    </message>
</context>
<context>
    <name>diffcut::ui::SettingsDialog</name>
    <message>
        <source>%1 — %2, %3 px, %4</source>
        <translation>%1 — %2、%3 px、%4</translation>
    </message>
    <message>
        <source>%1 (incomplete)</source>
        <translation>%1 (不完全)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>セグメンテーション</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>キャッシュ</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>インターフェース</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>ショートカット</translation>
    </message>
    <message>
        <source>Two actions share a shortcut; see the Shortcuts page.</source>
        <translation>2 つの操作が同じショートカットを使っています。ショートカットのページを確認してください。</translation>
    </message>
    <message>
        <source>Model folder or Hugging Face repo id, e.g. segmind/SSD-1B</source>
        <translation>フォルダーまたは Hugging Face リポジトリ ID (例: segmind/SSD-1B)</translation>
    </message>
    <message>
        <source>Diffusion Model Folder</source>
        <translation>拡散モデルのフォルダー</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>モデル:</translation>
    </message>
    <message>
        <source>Installed models:</source>
        <translation>インストール済み:</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>自動 (利用可能なら CUDA)</translation>
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
        <translation>デバイス:</translation>
    </message>
    <message>
        <source>Noise level at which the diffusion model is asked for features (the paper uses 50).</source>
        <translation>拡散モデルから特徴を取り出すときのノイズレベル (論文では 50)。</translation>
    </message>
    <message>
        <source>Timestep:</source>
        <translation>タイムステップ:</translation>
    </message>
    <message>
        <source>Used for images that have no saved annotation yet.</source>
        <translation>保存済みのアノテーションがまだない画像に使用します。</translation>
    </message>
    <message>
        <source>A region is split while the Normalized Cut of its best split is below τ; a higher τ gives more, smaller segments.</source>
        <translation>領域の最適な分割の正規化カットが τ を下回る間、その領域を分割します。τ が高いほどセグメントは多く、小さくなります。</translation>
    </message>
    <message>
        <source>Threshold τ:</source>
        <translation>しきい値 τ:</translation>
    </message>
    <message>
        <source>Similarities are raised to the power α; a higher α separates regions more readily.</source>
        <translation>類似度を α 乗します。α が高いほど領域が分かれやすくなります。</translation>
    </message>
    <message>
        <source>Sharpness α:</source>
        <translation>鋭さ α:</translation>
    </message>
    <message>
        <source>Refine boundaries along the image&apos;s edges (PAMR; slower)</source>
        <translation>画像のエッジに沿って境界を精緻化 (PAMR、低速)</translation>
    </message>
    <message>
        <source>32 × 32 (faster)</source>
        <translation>32 × 32 (高速)</translation>
    </message>
    <message>
        <source>64 × 64 (finer boundaries)</source>
        <translation>64 × 64 (より細かい境界)</translation>
    </message>
    <message>
        <source>Built-in encoder resolution:</source>
        <translation>内蔵エンコーダーの解像度:</translation>
    </message>
    <message>
        <source>The built-in encoder is used when no diffusion model is set.</source>
        <translation>拡散モデルが設定されていない場合は内蔵エンコーダーを使用します。</translation>
    </message>
    <message>
        <source>Cache Folder</source>
        <translation>キャッシュフォルダー</translation>
    </message>
    <message>
        <source>Cache folder:</source>
        <translation>キャッシュフォルダー:</translation>
    </message>
    <message>
        <source>Keep computed features on disk, so that reopening an image is instant</source>
        <translation>計算した特徴をディスクに保存し、画像をすぐに開き直せるようにする</translation>
    </message>
    <message>
        <source>Clear Feature Cache</source>
        <translation>特徴キャッシュを消去</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>A new language applies when DiffCut Studio is restarted.</source>
        <translation>新しい言語は DiffCut Studio の再起動後に適用されます。</translation>
    </message>
    <message>
        <source> %</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Segment overlay opacity:</source>
        <translation>セグメントのオーバーレイの不透明度:</translation>
    </message>
    <message>
        <source>Outline the segments</source>
        <translation>セグメントの輪郭を表示</translation>
    </message>
    <message>
        <source>Searching for models…</source>
        <translation>モデルを検索中…</translation>
    </message>
    <message>
        <source>The search for models failed: %1</source>
        <translation>モデルの検索に失敗しました: %1</translation>
    </message>
    <message>
        <source>None in the Hugging Face cache (%1)</source>
        <translation>Hugging Face キャッシュにはありません (%1)</translation>
    </message>
    <message>
        <source>No model is set, so the built-in encoder is used: it groups pixels by colour and texture, not by meaning. Set a diffusion model for the segments of the paper.</source>
        <translation>モデルが設定されていないため、内蔵エンコーダーを使用します。内蔵エンコーダーは意味ではなく色とテクスチャでピクセルをまとめます。論文のようなセグメントを得るには拡散モデルを設定してください。</translation>
    </message>
    <message>
        <source>Features come from the diffusion model in %1.</source>
        <translation>特徴は %1 の拡散モデルから取得します。</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>このモデルは使用できません: %1</translation>
    </message>
    <message>
        <source>Clearing the feature cache…</source>
        <translation>特徴キャッシュを消去中…</translation>
    </message>
    <message>
        <source>Measuring the feature cache…</source>
        <translation>特徴キャッシュのサイズを計測中…</translation>
    </message>
    <message>
        <source>The feature cache in %1 is empty.</source>
        <translation>%1 の特徴キャッシュは空です。</translation>
    </message>
    <message>
        <source>(Not every file could be read or removed: %1.)</source>
        <translation>(一部のファイルを読み込みまたは削除できませんでした: %1)</translation>
    </message>
    <message numerus="yes">
        <source>Models found: %n. Choose one…</source>
        <translation>
            <numerusform>%n 個のモデルが見つかりました。1 つ選択してください…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The feature cache in %1 takes %2; cached images: %n.</source>
        <translation>
            <numerusform>%1 の特徴キャッシュのサイズは %2 です。キャッシュ済みの画像: %n 枚。</numerusform>
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
        <translation>このサイズを超えると、最も長く使われていない特徴から削除されます。作業中のフォルダーの特徴は最後に削除されます。</translation>
    </message>
    <message>
        <source>Feature cache limit:</source>
        <translation>特徴キャッシュの上限:</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>While you work on an image, the next ones in the direction you move (D or A) are encoded in the background, so that they open at once.</source>
        <translation>画像の作業中に、移動方向 (D または A) の次の画像をバックグラウンドでエンコードし、すぐに開けるようにします。</translation>
    </message>
    <message>
        <source>Prepare images ahead:</source>
        <translation>先読みする画像:</translation>
    </message>
    <message>
        <source>Their features take at most:</source>
        <translation>その特徴の最大サイズ:</translation>
    </message>
    <message>
        <source>Annotations and class lists of read-only folders kept there (%1) are never cleared.</source>
        <translation>そこに保存されている読み取り専用フォルダーの注釈とクラスリスト (%1) は消去されません。</translation>
    </message>
    <message>
        <source>OpenCLIP folder or repo id, e.g. laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup</source>
        <translation>OpenCLIP のフォルダーまたはリポジトリ ID (例: laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup)</translation>
    </message>
    <message>
        <source>CLIP model:</source>
        <translation>CLIP モデル:</translation>
    </message>
    <message>
        <source>CLIP Model Folder</source>
        <translation>CLIP モデルのフォルダー</translation>
    </message>
    <message>
        <source>The square size the CLIP image tower sees (a multiple of 32; the paper uses 1024).</source>
        <translation>CLIP の画像エンコーダーが受け取る正方形のサイズ (32 の倍数。論文では 1024)。</translation>
    </message>
    <message>
        <source>CLIP size:</source>
        <translation>CLIP サイズ:</translation>
    </message>
    <message>
        <source>With a CLIP model, the Classes panel can suggest a class for every unlabelled segment.</source>
        <translation>CLIP モデルを設定すると、クラスパネルでラベルなしの各セグメントにクラスを提案できます。</translation>
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
        <translation>ショートカット</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>既定</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>Back to the default shortcut</source>
        <translation>既定のショートカットに戻す</translation>
    </message>
    <message>
        <source>Reset All</source>
        <translation>すべてリセット</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>「%1」</translation>
    </message>
    <message>
        <source>%1 is used by %2.</source>
        <translation>%1 は %2 で使われています。</translation>
    </message>
    <message>
        <source>Give each of these actions its own shortcut.</source>
        <translation>これらの操作にそれぞれ別のショートカットを割り当ててください。</translation>
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
        <translation>DiffCut Studio: 拡散モデルの特徴と再帰的な正規化カットによるゼロショット画像セグメンテーション。</translation>
    </message>
    <message>
        <source>An image or a folder of images to open.</source>
        <translation>開く画像または画像フォルダー。</translation>
    </message>
</context>
</TS>
