<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>ArticleEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="58"/>
        <source>A news item: category and date, headline, photo, text and a read-more button.</source>
        <translation>En nyhet: kategori och datum, rubrik, foto, text och en knapp som leder vidare.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="63"/>
        <source>Heading</source>
        <translation>Artikelhuvud</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="64"/>
        <source>Headline</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="65"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="65"/>
        <source>e.g. Projekt, Evenemang</source>
        <translation>t.ex. Projekt, Evenemang</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="66"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="66"/>
        <source>Show a date</source>
        <translation>Visa ett datum</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="67"/>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="71"/>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="72"/>
        <source>Says what the picture shows, for readers who cannot see it.</source>
        <translation>Berättar vad bilden visar för läsare som inte kan se den.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="74"/>
        <source>Caption</source>
        <translation>Bildtext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="75"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="80"/>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="80"/>
        <source>/Name</source>
        <translation>/Namn</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="81"/>
        <source>Read-more button</source>
        <translation>Läs mer-knapp</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="82"/>
        <source>Button text</source>
        <translation>Knapptext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="82"/>
        <source>Läs mer</source>
        <translation>Läs mer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="83"/>
        <source>Link</source>
        <translation>Länk</translation>
    </message>
</context>
<context>
    <name>ArticleImport</name>
    <message>
        <location filename="../../composer/gui/article_import.py" line="82"/>
        <location filename="../../composer/gui/article_import.py" line="117"/>
        <source>Import Articles</source>
        <translation>Importera artiklar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/article_import.py" line="82"/>
        <source>Importing {name}…</source>
        <translation>Importerar {name}…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/article_import.py" line="129"/>
        <source>The articles were imported, with these remarks:</source>
        <translation>Artiklarna importerades, med de här anmärkningarna:</translation>
    </message>
</context>
<context>
    <name>BlockLibraryActions</name>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="331"/>
        <source>Save Block to &amp;Library…</source>
        <translation>Spara block i &amp;biblioteket…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="333"/>
        <source>Keep the selected block to insert it into any newsletter later</source>
        <translation>Spara det markerade blocket för att infoga det i vilket nyhetsbrev som helst senare</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="336"/>
        <source>&amp;From Library…</source>
        <translation>&amp;Från biblioteket…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="338"/>
        <source>Insert a block you saved: a contact person, an introduction, a button</source>
        <translation>Infoga ett block du har sparat: en kontaktperson, en presentation, en knapp</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="358"/>
        <source>Save Block to Library</source>
        <translation>Spara block i biblioteket</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="370"/>
        <source>Saved “{name}” to the library: Insert → From Library… puts it into any newsletter.</source>
        <translation>”{name}” sparades i biblioteket: Infoga → Från biblioteket… lägger in det i vilket nyhetsbrev som helst.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="408"/>
        <source>Insert “{name}” from the Library</source>
        <translation>Infoga ”{name}” från biblioteket</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="410"/>
        <source>Insert {count} Saved Blocks</source>
        <translation>Infoga {count} sparade block</translation>
    </message>
</context>
<context>
    <name>BlockList</name>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="79"/>
        <source>(no title)</source>
        <extracomment>The block itself (a frozen model), for views and tests. The block&apos;s id. The block type&apos;s name for people (&quot;Article&quot;). The ImageRef of the block&apos;s picture, or None. The block&apos;s errors and warnings (a tuple of findings, errors first; empty when none). What the list drags: the ids of the dragged blocks, as JSON.</extracomment>
        <translation>(ingen titel)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="80"/>
        <location filename="../../composer/gui/block_list_model.py" line="85"/>
        <source>(no headline)</source>
        <translation>(ingen rubrik)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="81"/>
        <source>(no picture)</source>
        <translation>(ingen bild)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="82"/>
        <source>(empty)</source>
        <translation>(tom)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="83"/>
        <source>(no name)</source>
        <translation>(inget namn)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="84"/>
        <source>(no label)</source>
        <translation>(ingen text)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="86"/>
        <source>(no headlines)</source>
        <translation>(inga rubriker)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="87"/>
        <source>(no links)</source>
        <translation>(inga länkar)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="108"/>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="110"/>
        <source>Space</source>
        <translation>Mellanrum</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="114"/>
        <source>Small space</source>
        <translation>Litet mellanrum</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="115"/>
        <source>Medium space</source>
        <translation>Mellanstort mellanrum</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="116"/>
        <source>Large space</source>
        <translation>Stort mellanrum</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="129"/>
        <source>1 error</source>
        <translation>1 fel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="131"/>
        <source>{count} errors</source>
        <translation>{count} fel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="135"/>
        <source>1 warning</source>
        <translation>1 varning</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="137"/>
        <source>{count} warnings</source>
        <translation>{count} varningar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="262"/>
        <source>Error</source>
        <extracomment>The errors and warnings of each block, from the latest run of the checks.</extracomment>
        <translation>Fel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_list_model.py" line="263"/>
        <source>Warning</source>
        <translation>Varning</translation>
    </message>
</context>
<context>
    <name>BlockListView</name>
    <message>
        <location filename="../../composer/gui/block_list_view.py" line="166"/>
        <location filename="../../composer/gui/block_list_view.py" line="171"/>
        <source>Blocks</source>
        <extracomment>The side of the findings mark on the corner of the type tile.</extracomment>
        <translation>Block</translation>
    </message>
</context>
<context>
    <name>BlockNameDialog</name>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="109"/>
        <source>&amp;Name in the library:</source>
        <extracomment>The size of a saved block&apos;s picture in the library&apos;s list. Where a list item keeps its saved block&apos;s id.</extracomment>
        <translation>&amp;Namn i biblioteket:</translation>
    </message>
</context>
<context>
    <name>ButtonEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="163"/>
        <source>A call to action: a button that works in every mail program.</source>
        <translation>En uppmaning till läsaren: en knapp som fungerar i alla e-postprogram.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="167"/>
        <source>Button</source>
        <translation>Knapp</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="168"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="168"/>
        <source>Anmäl dig</source>
        <translation>Anmäl dig</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="169"/>
        <source>Link</source>
        <translation>Länk</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="170"/>
        <source>Look</source>
        <translation>Utseende</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="173"/>
        <source>Style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="175"/>
        <source>As the theme has it</source>
        <translation>Som temat har den</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="176"/>
        <source>Filled</source>
        <translation>Fylld</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="177"/>
        <source>Outline (a secondary action)</source>
        <translation>Kontur (en mindre viktig handling)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="182"/>
        <source>Alignment</source>
        <translation>Justering</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="183"/>
        <source>Left</source>
        <translation>Vänster</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="183"/>
        <source>Centre</source>
        <translation>Mitten</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="183"/>
        <source>Right</source>
        <translation>Höger</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="187"/>
        <source>Width</source>
        <translation>Bredd</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="188"/>
        <source>Fitted to the text</source>
        <translation>Efter texten</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="188"/>
        <source>Full width</source>
        <translation>Hela bredden</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="192"/>
        <source>Colour</source>
        <translation>Färg</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="195"/>
        <source>Empty for the accent colour. A colour too light for white text is darkened until the text is easy to read.</source>
        <translation>Tom för accentfärgen. En färg som är för ljus för vit text görs mörkare tills texten är lätt att läsa.</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="118"/>
        <location filename="../../composer/gui/checks_panel.py" line="153"/>
        <source>Pre-flight checks</source>
        <extracomment>Item data role holding a finding&apos;s (block id or &quot;&quot;, field or &quot;&quot;) on its row. Item data role holding what identifies a finding across re-runs, to keep it selected. Extra height of each row, in pixels, so that wrapped findings do not run together. How many findings the panel shows at first (each is two or three lines, with its heading). Fields a finding was tied to: (widget, block id, field), untied once it is fixed.</extracomment>
        <translation>Kontroller före utskick</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="155"/>
        <source>The checks have not run yet.</source>
        <translation>Kontrollerna har inte körts än.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="199"/>
        <source>No problems found: the newsletter is ready to send.</source>
        <translation>Inga problem hittades: nyhetsbrevet är klart att skicka.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="209"/>
        <source>✓ Ready to send</source>
        <translation>✓ Klart att skicka</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="213"/>
        <source>1 error</source>
        <translation>1 fel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="215"/>
        <source>{count} errors</source>
        <translation>{count} fel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="219"/>
        <source>1 warning</source>
        <translation>1 varning</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="221"/>
        <source>{count} warnings</source>
        <translation>{count} varningar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="231"/>
        <source>Errors – fix before sending ({count})</source>
        <translation>Fel – rätta innan du skickar ({count})</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="232"/>
        <source>Warnings ({count})</source>
        <translation>Varningar ({count})</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="233"/>
        <source>Tips ({count})</source>
        <translation>Tips ({count})</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="281"/>
        <source>the whole newsletter</source>
        <translation>hela nyhetsbrevet</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="287"/>
        <source>Click to go to it.</source>
        <translation>Klicka för att gå dit.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="310"/>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="311"/>
        <source>Warning</source>
        <translation>Varning</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="312"/>
        <source>Tip</source>
        <translation>Tips</translation>
    </message>
    <message>
        <location filename="../../composer/gui/checks_panel.py" line="314"/>
        <source>{severity}: {message}</source>
        <translation>{severity}: {message}</translation>
    </message>
</context>
<context>
    <name>ColourField</name>
    <message>
        <location filename="../../composer/gui/fields.py" line="477"/>
        <source>Choose…</source>
        <translation>Välj…</translation>
    </message>
</context>
<context>
    <name>ColumnsEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="264"/>
        <source>Two short items side by side, each with a picture, headline, a few lines and a link. On phones the second comes under the first.</source>
        <translation>Två korta nyheter sida vid sida, var och en med bild, rubrik, några rader och en länk. På mobilen hamnar den andra under den första.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="271"/>
        <source>Left column</source>
        <translation>Vänster spalt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="272"/>
        <source>Right column</source>
        <translation>Höger spalt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="275"/>
        <source>Headline</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="276"/>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="279"/>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="280"/>
        <source>Says what the picture shows, for readers who cannot see it.</source>
        <translation>Berättar vad bilden visar för läsare som inte kan se den.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="282"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="283"/>
        <source>Link text</source>
        <translation>Länktext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="283"/>
        <source>Läs mer</source>
        <translation>Läs mer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="284"/>
        <source>Link</source>
        <translation>Länk</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="132"/>
        <source>Who readers can ask: a photo beside name, role, email and phone.</source>
        <translation>Vem läsarna kan fråga: ett foto bredvid namn, roll, e-post och telefon.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="136"/>
        <location filename="../../composer/gui/block_editors.py" line="137"/>
        <source>Heading</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="137"/>
        <source>Mer information</source>
        <translation>Mer information</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="138"/>
        <source>Label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="138"/>
        <source>Kontaktperson</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="139"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="140"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="141"/>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="142"/>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="143"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="143"/>
        <source>e.g. +46 70 123 45 67</source>
        <translation>t.ex. +46 70 123 45 67</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="144"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="148"/>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="150"/>
        <source>Leave it empty: the name beside the photo says who it is. Describe the photo only if it shows more than the person.</source>
        <translation>Lämna tomt: namnet bredvid fotot säger vem det är. Beskriv fotot bara om det visar mer än personen.</translation>
    </message>
</context>
<context>
    <name>CropDialog</name>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="458"/>
        <source>Crop Picture</source>
        <translation>Beskär bild</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="464"/>
        <source>Crop frame</source>
        <translation>Beskärningsram</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="467"/>
        <source>Drag the frame to move it, its edges or corners to resize it. Click to set the focal point. Arrow keys move the frame; + and - resize it.</source>
        <translation>Dra i ramen för att flytta den, i dess kanter eller hörn för att ändra storleken. Klicka för att sätta fokuspunkten. Piltangenterna flyttar ramen; + och - ändrar storleken.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="476"/>
        <source>Shape:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="478"/>
        <source>Free</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="483"/>
        <source>Shape {shape}</source>
        <translation>Form {shape}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="490"/>
        <source>Whole Picture</source>
        <translation>Hela bilden</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="491"/>
        <source>Show the picture uncut, however tall it is.</source>
        <translation>Visa bilden obeskuren, hur hög den än är.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="492"/>
        <source>Automatic</source>
        <translation>Automatisk</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="495"/>
        <source>Let the newsletter crop the picture to suit its place, around the focal point.</source>
        <translation>Låt nyhetsbrevet beskära bilden så att den passar sin plats, runt fokuspunkten.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="498"/>
        <source>Focal Point in Frame Centre</source>
        <translation>Fokuspunkt i ramens mitt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="499"/>
        <source>Remove Focal Point</source>
        <translation>Ta bort fokuspunkt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="629"/>
        <source>Cropped to {width} × {height} pixels of {all_width} × {all_height}.</source>
        <translation>Beskuren till {width} × {height} pixlar av {all_width} × {all_height}.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="632"/>
        <source>Proposed: {width} × {height} pixels of {all_width} × {all_height}, cut to suit the picture&apos;s place. Drag the frame to choose another part.</source>
        <translation>Förslag: {width} × {height} pixlar av {all_width} × {all_height}, beskuren för att passa bildens plats. Dra i ramen för att välja en annan del.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="636"/>
        <source>The whole picture is shown: {width} × {height} pixels.</source>
        <translation>Hela bilden visas: {width} × {height} pixlar.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="645"/>
        <source>Focal point at {x} % across, {y} % down.</source>
        <translation>Fokuspunkt {x} % från vänster, {y} % uppifrån.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="649"/>
        <source>No focal point.</source>
        <translation>Ingen fokuspunkt.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/crop_dialog.py" line="657"/>
        <source>The frame is {width} pixels wide, less than the {needed} its place needs on sharp screens: the picture will look soft. Choose a larger frame.</source>
        <translation>Ramen är {width} pixlar bred, mindre än de {needed} som dess plats behöver på skarpa skärmar: bilden kommer att se suddig ut. Välj en större ram.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../composer/gui/fields.py" line="327"/>
        <location filename="../../composer/gui/fields.py" line="328"/>
        <source>Choose the date in a calendar</source>
        <translation>Välj datumet i en kalender</translation>
    </message>
    <message>
        <location filename="../../composer/gui/fields.py" line="378"/>
        <source>Write a date such as “{written}” or “{iso}”.</source>
        <translation>Skriv ett datum som ”{written}” eller ”{iso}”.</translation>
    </message>
</context>
<context>
    <name>DividerEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="208"/>
        <source>Separates sections with a thin line or with space.</source>
        <translation>Skiljer avsnitt åt med en tunn linje eller med mellanrum.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="212"/>
        <source>Divider</source>
        <translation>Avdelare</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="215"/>
        <source>Style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="216"/>
        <source>A thin line</source>
        <translation>En tunn linje</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="216"/>
        <source>Space only</source>
        <translation>Bara mellanrum</translation>
    </message>
</context>
<context>
    <name>DocumentFiles</name>
    <message>
        <location filename="../../composer/gui/document_files.py" line="155"/>
        <source>Opened “{name}”</source>
        <translation>Öppnade ”{name}”</translation>
    </message>
    <message>
        <location filename="../../composer/gui/document_files.py" line="170"/>
        <source>&amp;Clear List</source>
        <translation>&amp;Rensa listan</translation>
    </message>
    <message>
        <location filename="../../composer/gui/document_files.py" line="172"/>
        <source>No recent files</source>
        <translation>Inga senaste filer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/document_files.py" line="224"/>
        <source>Saved “{name}”</source>
        <translation>Sparade ”{name}”</translation>
    </message>
</context>
<context>
    <name>EditorPane</name>
    <message>
        <location filename="../../composer/gui/editor_pane.py" line="110"/>
        <source>The newsletter has no blocks yet.
Add one with Insert, or open the newsletter settings.</source>
        <translation>Nyhetsbrevet har inga block än.
Lägg till ett med Infoga, eller öppna nyhetsbrevsinställningarna.</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../../composer/gui/exporter.py" line="95"/>
        <source>Export as HTML Folder</source>
        <translation>Exportera som HTML-mapp</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="95"/>
        <source>Folder (*)</source>
        <translation>Mapp (*)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="96"/>
        <source>Export as Zip</source>
        <translation>Exportera som zip-fil</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="96"/>
        <source>Zip archives (*.zip)</source>
        <translation>Zip-arkiv (*.zip)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="97"/>
        <source>Export as Email Message</source>
        <translation>Exportera som e-postmeddelande</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="97"/>
        <source>Email messages (*.eml)</source>
        <translation>E-postmeddelanden (*.eml)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="101"/>
        <source>Export as a Draft to Send</source>
        <translation>Exportera som utkast att skicka</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="112"/>
        <source>Preparing pictures…</source>
        <translation>Förbereder bilderna…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="169"/>
        <source>Exported to {path}</source>
        <translation>Exporterade till {path}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="173"/>
        <source>The newsletter was exported to {path}, with these remarks:</source>
        <translation>Nyhetsbrevet exporterades till {path}, med följande anmärkningar:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="184"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>Exporten avbröts; ingenting sparades.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="211"/>
        <source>Test mail sent to {recipients}.</source>
        <translation>Testmejlet skickades till {recipients}.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="89"/>
        <source>Export &amp;Anyway</source>
        <extracomment>What identifies a warning the user already chose to export past. The progress dialog of the export under way.</extracomment>
        <translation>Exportera &amp;ändå</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="89"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportera</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="197"/>
        <source>Send &amp;Anyway</source>
        <translation>Skicka &amp;ändå</translation>
    </message>
    <message>
        <location filename="../../composer/gui/exporter.py" line="197"/>
        <source>&amp;Send</source>
        <translation>&amp;Skicka</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../../composer/gui/fields.py" line="119"/>
        <location filename="../../composer/gui/fields.py" line="217"/>
        <source>Error: {problem}</source>
        <extracomment>How long a problem waits while the user is still typing before it is shown. Numbers the stretches of typing; edits of different stretches never merge (see edits). Undo and redo keys on every platform, beside the platform&apos;s own standard ones. Tells one stretch of typing in this field from the next (see ReplaceBlock): the field gets a new one each time it takes the focus.</extracomment>
        <translation>Fel: {problem}</translation>
    </message>
</context>
<context>
    <name>FileGuard</name>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="236"/>
        <source>Read-only</source>
        <translation>Skrivskyddad</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="330"/>
        <source>“{name}” is open read-only, because it is open in Newsletter Composer: {owner}. Save your changes under another name?</source>
        <translation>”{name}” är öppnad skrivskyddad, eftersom den är öppen i Newsletter Composer: {owner}. Vill du spara dina ändringar under ett annat namn?</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="338"/>
        <source>“{name}” is open in Newsletter Composer: {owner}. Saving over it would overwrite that work. Save under another name?</source>
        <translation>”{name}” är öppen i Newsletter Composer: {owner}. Att spara över den skulle skriva över det arbetet. Vill du spara under ett annat namn?</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="400"/>
        <source>“{name}” was deleted or moved by another program; Save writes it again.</source>
        <translation>”{name}” togs bort eller flyttades av ett annat program; Spara skriver den igen.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="456"/>
        <source>Open in Newsletter Composer: {owner}. Save As saves a copy.</source>
        <translation>Öppen i Newsletter Composer: {owner}. Spara som sparar en kopia.</translation>
    </message>
</context>
<context>
    <name>FormatMenu</name>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="496"/>
        <source>&amp;Bold</source>
        <extracomment>The body&apos;s formatting actions, by attribute, with their keys, in the Format menu&apos;s order.</extracomment>
        <translation>&amp;Fetstil</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="497"/>
        <source>&amp;Italic</source>
        <translation>&amp;Kursiv</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="498"/>
        <source>&amp;Link…</source>
        <translation>&amp;Länk…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="499"/>
        <source>B&amp;ulleted List</source>
        <translation>&amp;Punktlista</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="500"/>
        <source>&amp;Numbered List</source>
        <translation>&amp;Numrerad lista</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <location filename="../../composer/gui/help.py" line="138"/>
        <source>Newsletter Composer User Guide</source>
        <extracomment>The packaged folder of the guide: ``guide.&lt;language&gt;.md`` and ``images/``. The widest a picture of the guide is shown, in logical pixels; wider ones are scaled down.</extracomment>
        <translation>Användarhandbok för Newsletter Composer</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../composer/gui/help.py" line="290"/>
        <source>User &amp;Guide</source>
        <translation>&amp;Användarhandbok</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="293"/>
        <source>How to make a newsletter, step by step</source>
        <translation>Så gör du ett nyhetsbrev, steg för steg</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="295"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Kortkommandon</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="297"/>
        <source>Every keyboard shortcut of the window</source>
        <translation>Alla kortkommandon i fönstret</translation>
    </message>
</context>
<context>
    <name>ImageEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="93"/>
        <source>A picture across the newsletter, with a caption and an optional link.</source>
        <translation>En bild över nyhetsbrevets hela bredd, med bildtext och länk om du vill.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="97"/>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="101"/>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="102"/>
        <source>Says what the picture shows, for readers who cannot see it.</source>
        <translation>Berättar vad bilden visar för läsare som inte kan se den.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="104"/>
        <source>Decorative only (no alt text needed)</source>
        <translation>Endast dekoration (ingen alternativtext behövs)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="105"/>
        <source>Caption</source>
        <translation>Bildtext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="106"/>
        <source>Link</source>
        <translation>Länk</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="106"/>
        <source>Opens when the picture is clicked.</source>
        <translation>Öppnas när läsaren klickar på bilden.</translation>
    </message>
</context>
<context>
    <name>ImageField</name>
    <message>
        <location filename="../../composer/gui/image_field.py" line="146"/>
        <source>Choose picture…</source>
        <translation>Välj bild…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="147"/>
        <source>Crop…</source>
        <translation>Beskär…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="149"/>
        <source>Choose the part of the picture the newsletter shows, and its focal point.</source>
        <translation>Välj den del av bilden som nyhetsbrevet visar, och dess fokuspunkt.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="151"/>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="196"/>
        <source>No picture</source>
        <translation>Ingen bild</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="197"/>
        <source>Choose a JPEG, PNG or GIF, or drop one here.</source>
        <translation>Välj en JPEG-, PNG- eller GIF-bild, eller släpp en här.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="221"/>
        <source>, shown as {width} × {height} to suit its place</source>
        <translation>, visas som {width} × {height} för att passa sin plats</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="228"/>
        <source>(missing)</source>
        <translation>(saknas)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="204"/>
        <location filename="../../composer/gui/image_field.py" line="333"/>
        <source>The picture&apos;s data is missing; choose it again.</source>
        <translation>Bildens data saknas; välj bilden igen.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="208"/>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} pixlar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="215"/>
        <source>, shown whole</source>
        <translation>, visas hel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="217"/>
        <source>, cropped to {width} × {height}</source>
        <translation>, beskuren till {width} × {height}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="274"/>
        <source>“{name}” is {size} MB; a newsletter can hold pictures of up to {limit} MB. Reduce it in an image editor first.</source>
        <translation>”{name}” är {size} MB; ett nyhetsbrev kan innehålla bilder på högst {limit} MB. Förminska den först i ett bildbehandlingsprogram.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="285"/>
        <source>Cannot read “{name}”: {reason}.</source>
        <translation>Det går inte att läsa ”{name}”: {reason}.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/image_field.py" line="313"/>
        <source>This photo records where it was taken. That is removed when the newsletter is exported.</source>
        <translation>Fotot innehåller uppgifter om var det togs. De tas bort när nyhetsbrevet exporteras.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="294"/>
        <source>Import Articles</source>
        <translation>Importera artiklar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="299"/>
        <source>A Word document (.docx), Markdown (.md), text (.txt) or saved web page (.html), or the address of a web page:</source>
        <translation>Ett Word-dokument (.docx), Markdown (.md), text (.txt) eller en sparad webbsida (.html), eller adressen till en webbsida:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="307"/>
        <source>https://… or a file</source>
        <translation>https://… eller en fil</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="311"/>
        <source>Choose &amp;File…</source>
        <translation>Välj &amp;fil…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="315"/>
        <source>One article per Heading &amp;1 or 2</source>
        <translation>En artikel per rubrik &amp;1 eller 2</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="317"/>
        <source>A web address is downloaded now, with its pictures.</source>
        <translation>En webbadress hämtas nu, med sina bilder.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="324"/>
        <source>&amp;Import</source>
        <translation>&amp;Importera</translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="155"/>
        <source>Saved Blocks</source>
        <translation>Sparade block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="166"/>
        <source>Saved blocks</source>
        <translation>Sparade block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="180"/>
        <source>&amp;Insert</source>
        <translation>&amp;Infoga</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="181"/>
        <source>&amp;Rename…</source>
        <translation>&amp;Byt namn…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="182"/>
        <source>&amp;Delete</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="183"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportera…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="184"/>
        <source>I&amp;mport…</source>
        <translation>I&amp;mportera…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="185"/>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="216"/>
        <source>Choose a saved block to insert after the selected one.</source>
        <translation>Välj ett sparat block att infoga efter det markerade.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="220"/>
        <source>No saved blocks yet. Select a block in a newsletter and choose Edit → Save Block to Library…, or import a colleague&apos;s saved blocks.</source>
        <translation>Inga sparade block ännu. Markera ett block i ett nyhetsbrev och välj Redigera → Spara block i biblioteket…, eller importera en kollegas sparade block.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="248"/>
        <source>Rename Saved Block</source>
        <translation>Byt namn på sparat block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="272"/>
        <source>saved-blocks.blocks</source>
        <translation>sparade-block.blocks</translation>
    </message>
    <message>
        <location filename="../../composer/gui/library_dialog.py" line="283"/>
        <source>Wrote the library ({count} in all) to “{name}”. Give the file to a colleague.</source>
        <translation>Biblioteket ({count} totalt) skrevs till ”{name}”. Ge filen till en kollega.</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="197"/>
        <source>Link</source>
        <translation>Länk</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="199"/>
        <source>Web address, mailto: or tel: link (empty removes the link):</source>
        <translation>Webbadress, mailto:- eller tel:-länk (tomt fält tar bort länken):</translation>
    </message>
</context>
<context>
    <name>LinksEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="318"/>
        <source>A row of small icons linking to your website and social media, usually at the end. Only the links you fill in are shown.</source>
        <translation>En rad små ikoner som länkar till er webbplats och sociala medier, oftast sist. Bara de länkar du fyller i visas.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="324"/>
        <source>Links</source>
        <translation>Länkar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="325"/>
        <source>Website</source>
        <translation>Webbplats</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../composer/gui/main_window.py" line="383"/>
        <source>Newsletter settings</source>
        <translation>Nyhetsbrevsinställningar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="384"/>
        <source>BLOCKS</source>
        <translation>BLOCK</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="385"/>
        <source>Add block</source>
        <translation>Lägg till block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="336"/>
        <location filename="../../composer/gui/main_window.py" line="378"/>
        <source>Checks</source>
        <extracomment>First-run sizes of the block list, the editor and the preview.</extracomment>
        <translation>Kontroller</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="449"/>
        <source>{name}[*] — {app}</source>
        <translation>{name}[*] — {app}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="506"/>
        <source>Insert {kind}</source>
        <translation>Infoga block ({kind})</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="520"/>
        <source>Duplicate {kind}</source>
        <translation>Duplicera block ({kind})</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="530"/>
        <source>Delete {kind}</source>
        <translation>Ta bort block ({kind})</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="547"/>
        <source>Move {kind}</source>
        <translation>Flytta block ({kind})</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="632"/>
        <source>Newsletter Composer {version}</source>
        <translation>Newsletter Composer {version}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/main_window.py" line="634"/>
        <source>Compose, check and export an email newsletter that looks right in Gmail, Outlook and Apple Mail.</source>
        <translation>Skriv, kontrollera och exportera ett nyhetsbrev som ser rätt ut i Gmail, Outlook och Apple Mail.</translation>
    </message>
</context>
<context>
    <name>MastheadEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="36"/>
        <source>The head of the newsletter. The logo and issue date are in the newsletter settings.</source>
        <translation>Nyhetsbrevets huvud. Logotypen och utgivningsdatumet finns i nyhetsbrevsinställningarna.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="41"/>
        <source>Masthead</source>
        <translation>Sidhuvud</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="42"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="42"/>
        <source>Norra Sverige i EU</source>
        <translation>Norra Sverige i EU</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="45"/>
        <source>Tagline</source>
        <translation>Underrubrik</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="46"/>
        <source>A line under the title, such as the issue and month.</source>
        <translation>En rad under titeln, till exempel nummer och månad.</translation>
    </message>
</context>
<context>
    <name>OpenDocument</name>
    <message>
        <location filename="../../composer/gui/open_document.py" line="34"/>
        <source>Untitled</source>
        <extracomment>The id of commands that may merge; whether they do is the edits&apos; own decision.</extracomment>
        <translation>Namnlöst</translation>
    </message>
    <message>
        <location filename="../../composer/gui/open_document.py" line="36"/>
        <source>Showcase</source>
        <translation>Visningsexempel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/open_document.py" line="35"/>
        <source>Sample newsletter</source>
        <translation>Exempelnyhetsbrev</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../composer/gui/preview.py" line="544"/>
        <source>Preview</source>
        <translation>Förhandsvisning</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="544"/>
        <source>Plain text</source>
        <translation>Ren text</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="544"/>
        <location filename="../../composer/gui/preview.py" line="567"/>
        <source>HTML source</source>
        <translation>HTML-kod</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="548"/>
        <source>Desktop</source>
        <translation>Dator</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="548"/>
        <source>Desktop width (700 px)</source>
        <translation>Datorbredd (700 px)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="549"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="549"/>
        <source>Phone width (375 px)</source>
        <translation>Mobilbredd (375 px)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="550"/>
        <source>Dark</source>
        <translation>Mörkt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="550"/>
        <source>As a mail program in dark mode shows it</source>
        <translation>Som ett e-postprogram i mörkt läge visar det</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="532"/>
        <source>The preview could not be updated: {error}</source>
        <extracomment>The width at which the desktop preview is laid out, in CSS pixels. The width of the phone preview, in CSS pixels (an iPhone&apos;s). The fixed wait between an edit and its render the preview once had (for measurements: ``PreviewPane.delay_ms``). How long the preview stays unchanged before it counts as settled (``settled``): longer than the pause between two keys of someone typing. The blocks of the render given to the page, and of the one it shows. The block to bring into view once the page shows it, and whether all of it. When the last render began (time.perf_counter), for measurements.</extracomment>
        <translation>Förhandsvisningen kunde inte uppdateras: {error}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="553"/>
        <source>No pictures</source>
        <translation>Utan bilder</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="555"/>
        <source>As readers see it before they allow pictures (the default in Gmail, Outlook and most company mail): alt text in place of each picture</source>
        <translation>Som läsarna ser det innan de tillåter bilder (standard i Gmail, Outlook och i de flesta företags e-post): alternativtext i stället för varje bild</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="563"/>
        <source>Preview views</source>
        <translation>Förhandsvisningens vyer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="565"/>
        <source>Email preview</source>
        <translation>Förhandsvisning av mejlet</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="566"/>
        <source>Plain-text part</source>
        <translation>Textdelen</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="590"/>
        <source>{size} KB</source>
        <translation>{size} kB</translation>
    </message>
    <message>
        <location filename="../../composer/gui/preview.py" line="592"/>
        <source>Size of the email&apos;s HTML; Gmail cuts off messages larger than 102 KB.</source>
        <translation>Storleken på e-postbrevets HTML; Gmail klipper av meddelanden som är större än 102 kB.</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="37"/>
        <source>Recover Unsaved Work</source>
        <translation>Återställ osparat arbete</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="41"/>
        <source>Newsletter Composer ended without saving the latest changes to these newsletters. Checked ones are restored, each in a window of its own, with their changes unsaved; unchecked ones are discarded.</source>
        <translation>Newsletter Composer avslutades utan att spara de senaste ändringarna i de här nyhetsbreven. De markerade återställs, vart och ett i ett eget fönster, med ändringarna osparade; de omarkerade kastas.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="53"/>
        <source>Newsletter</source>
        <translation>Nyhetsbrev</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="53"/>
        <source>Last change</source>
        <translation>Senast ändrat</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="53"/>
        <source>Contents</source>
        <translation>Innehåll</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="63"/>
        <source>Never saved</source>
        <translation>Aldrig sparat</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="73"/>
        <source>Decide &amp;Later</source>
        <translation>Bestäm &amp;senare</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="75"/>
        <source>Keep them all, and ask again at the next start</source>
        <translation>Behåll alla, och fråga igen nästa gång programmet startar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="91"/>
        <source>“{subject}”</source>
        <translation>”{subject}”</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="93"/>
        <source>no subject</source>
        <translation>ingen ämnesrad</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="94"/>
        <source>1 block</source>
        <translation>1 block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="96"/>
        <source>{count} blocks</source>
        <translation>{count} block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="112"/>
        <source>&amp;Restore</source>
        <translation>&amp;Återställ</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="114"/>
        <source>&amp;Discard All</source>
        <translation>&amp;Kasta alla</translation>
    </message>
    <message>
        <location filename="../../composer/gui/recovery_dialog.py" line="116"/>
        <source>&amp;Restore {restore}, Discard {discard}</source>
        <translation>&amp;Återställ {restore}, kasta {discard}</translation>
    </message>
</context>
<context>
    <name>RichTextField</name>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="246"/>
        <source>Bold</source>
        <extracomment>The formatting keys, shared by the body&apos;s own actions and the window&apos;s Format menu. The lists are not on Ctrl+Shift+7/8 (as in some word processors): Insert numbers the block types with Ctrl+Shift and a digit, and more types may come. (Kept as the standard key or text: a QKeySequence of a standard key needs the application.) Takes a picture pasted into the text (the article&apos;s photo field); None where the block has no picture.</extracomment>
        <translation>Fetstil</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="250"/>
        <source>Italic</source>
        <translation>Kursiv</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="256"/>
        <source>Link…</source>
        <translation>Länk…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="261"/>
        <source>Bulleted list</source>
        <translation>Punktlista</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="268"/>
        <source>Numbered list</source>
        <translation>Numrerad lista</translation>
    </message>
    <message>
        <location filename="../../composer/gui/rich_text_editor.py" line="311"/>
        <source>Text cannot hold a picture. Insert a picture block (Insert → Picture) and paste the picture there.</source>
        <translation>Text kan inte innehålla en bild. Infoga ett bildblock (Infoga → Bild) och klistra in bilden där.</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="91"/>
        <source>Send Test Mail</source>
        <translation>Skicka testmejl</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="100"/>
        <source>The newsletter is sent as it will look, with “[Test]” before the subject, so you can see it in your own mail program.</source>
        <translation>Nyhetsbrevet skickas som det kommer att se ut, med ”[Test]” före ämnesraden, så att du kan se det i ditt eget e-postprogram.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="111"/>
        <source>name@example.org, another@example.org</source>
        <translation>namn@exempel.se, annan@exempel.se</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="113"/>
        <source>&amp;To:</source>
        <translation>&amp;Till:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="115"/>
        <source>e.g. smtp.office365.com</source>
        <translation>t.ex. smtp.office365.com</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="116"/>
        <source>Mail ser&amp;ver:</source>
        <translation>Utgående ser&amp;ver:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="119"/>
        <source>None (only for a server on this computer)</source>
        <translation>Ingen (bara för en server på den här datorn)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="123"/>
        <source>S&amp;ecurity:</source>
        <translation>S&amp;äkerhet:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="127"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="129"/>
        <source>empty if the server needs no login</source>
        <translation>tomt om servern inte kräver inloggning</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="130"/>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="133"/>
        <source>Pass&amp;word:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="134"/>
        <source>&amp;Remember the password until the program closes</source>
        <translation>&amp;Kom ihåg lösenordet tills programmet stängs</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="150"/>
        <source>&amp;Send</source>
        <translation>&amp;Skicka</translation>
    </message>
    <message>
        <location filename="../../composer/gui/send_dialog.py" line="198"/>
        <source>Preparing pictures…</source>
        <translation>Förbereder bilderna…</translation>
    </message>
</context>
<context>
    <name>SettingsEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="365"/>
        <source>Newsletter settings</source>
        <translation>Nyhetsbrevsinställningar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="366"/>
        <source>What every issue needs: subject, sender, footer and look.</source>
        <translation>Det som varje nummer behöver: ämnesrad, avsändare, sidfot och utseende.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="371"/>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="374"/>
        <source>Subject</source>
        <translation>Ämnesrad</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="375"/>
        <source>What readers see in their inbox; keep it under 60 characters.</source>
        <translation>Det läsarna ser i inkorgen; håll den under 60 tecken.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="379"/>
        <source>Preheader</source>
        <translation>Förhandsvisningstext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="380"/>
        <source>The line mail programs show after the subject.</source>
        <translation>Raden som e-postprogrammen visar efter ämnesraden.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="382"/>
        <source>Issue</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="383"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="384"/>
        <source>Issue date</source>
        <translation>Utgivningsdatum</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="384"/>
        <source>Dated issue</source>
        <translation>Daterat nummer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="387"/>
        <source>Issue number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="389"/>
        <source>Shown in the masthead; the next issue counts it up.</source>
        <translation>Visas i huvudet; nästa nummer räknar upp det.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="391"/>
        <source>Look</source>
        <translation>Utseende</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="393"/>
        <source>Classic</source>
        <translation>Klassiskt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="393"/>
        <source>Minimal</source>
        <translation>Minimalt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="395"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="397"/>
        <source>Accent colour</source>
        <translation>Accentfärg</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="398"/>
        <source>Logo</source>
        <translation>Logotyp</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="399"/>
        <source>Logo alt text</source>
        <translation>Logotypens alternativtext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="400"/>
        <source>Sender</source>
        <translation>Avsändare</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="401"/>
        <source>Sender name</source>
        <translation>Avsändarens namn</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="402"/>
        <source>Sender email</source>
        <translation>Avsändarens e-post</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="403"/>
        <source>Organisation (footer)</source>
        <translation>Organisation (sidfot)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="404"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="405"/>
        <source>Postal address</source>
        <translation>Postadress</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="406"/>
        <source>Website</source>
        <translation>Webbplats</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="407"/>
        <source>Links</source>
        <translation>Länkar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="410"/>
        <source>Unsubscribe link</source>
        <translation>Avregistreringslänk</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="412"/>
        <source>A web address, or your email service&apos;s merge tag such as *|UNSUB|*.</source>
        <translation>En webbadress, eller e-posttjänstens kod för den, till exempel *|UNSUB|*.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="416"/>
        <source>Unsubscribe address</source>
        <translation>Avregistreringsadress</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="419"/>
        <source>Optional: an address that takes unsubscribe requests by mail. Mail programs offer it beside the link.</source>
        <translation>Frivillig: en adress som tar emot avregistreringar per e-post. E-postprogram erbjuder den bredvid länken.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="424"/>
        <source>Web version link</source>
        <translation>Länk till webbversion</translation>
    </message>
</context>
<context>
    <name>ShortcutsWindow</name>
    <message>
        <location filename="../../composer/gui/help.py" line="162"/>
        <source>Keyboard Shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="166"/>
        <source>Command</source>
        <translation>Kommando</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="166"/>
        <source>Keys</source>
        <translation>Tangenter</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="166"/>
        <source>Works in</source>
        <translation>Fungerar i</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="230"/>
        <source>Other</source>
        <translation>Övrigt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="235"/>
        <source>Text formatting</source>
        <translation>Textformatering</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="243"/>
        <source>Anywhere</source>
        <translation>Överallt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/help.py" line="252"/>
        <source>Text with formatting</source>
        <translation>Formaterad text</translation>
    </message>
</context>
<context>
    <name>SideArticleEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="228"/>
        <source>A short news item with its picture beside the text, left or right. On phones the picture comes above the text.</source>
        <translation>En kort nyhet med bilden bredvid texten, till vänster eller höger. På mobilen hamnar bilden ovanför texten.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="234"/>
        <source>Heading</source>
        <translation>Artikelhuvud</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="235"/>
        <source>Headline</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="236"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="236"/>
        <source>e.g. Projekt, Evenemang</source>
        <translation>t.ex. Projekt, Evenemang</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="237"/>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="241"/>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="242"/>
        <source>Says what the picture shows, for readers who cannot see it.</source>
        <translation>Berättar vad bilden visar för läsare som inte kan se den.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="246"/>
        <source>Picture on the</source>
        <translation>Bilden till</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="247"/>
        <source>Left</source>
        <translation>Vänster</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="247"/>
        <source>Right</source>
        <translation>Höger</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="249"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="251"/>
        <source>Read-more button</source>
        <translation>Läs mer-knapp</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="252"/>
        <source>Button text</source>
        <translation>Knapptext</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="252"/>
        <source>Läs mer</source>
        <translation>Läs mer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="253"/>
        <source>Link</source>
        <translation>Länk</translation>
    </message>
</context>
<context>
    <name>SpacerEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="294"/>
        <source>Empty space between blocks, to let a section breathe.</source>
        <translation>Tomt utrymme mellan block, så att ett avsnitt får luft.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="298"/>
        <source>Spacer</source>
        <translation>Mellanrum</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="301"/>
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="303"/>
        <source>Small</source>
        <translation>Litet</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="304"/>
        <source>Medium</source>
        <translation>Mellan</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="305"/>
        <source>Large</source>
        <translation>Stort</translation>
    </message>
</context>
<context>
    <name>SpellingMenu</name>
    <message>
        <location filename="../../composer/gui/spell_highlighter.py" line="228"/>
        <source>No suggestions</source>
        <translation>Inga förslag</translation>
    </message>
    <message>
        <location filename="../../composer/gui/spell_highlighter.py" line="231"/>
        <source>Add to Dictionary</source>
        <translation>Lägg till i ordlistan</translation>
    </message>
    <message>
        <location filename="../../composer/gui/spell_highlighter.py" line="233"/>
        <source>Ignore</source>
        <translation>Ignorera</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../composer/gui/start_page.py" line="154"/>
        <source>New Newsletter</source>
        <extracomment>The size of a recent newsletter&apos;s picture: the top of its email, a masthead in small.</extracomment>
        <translation>Nytt nyhetsbrev</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="165"/>
        <source>What do you want to start from?</source>
        <translation>Vad vill du börja från?</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="170"/>
        <source>Next Issue from an Earlier One…</source>
        <translation>Nästa nummer från ett tidigare…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="172"/>
        <source>Blank Newsletter</source>
        <translation>Tomt nyhetsbrev</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="173"/>
        <source>The Sample</source>
        <translation>Exemplet</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="174"/>
        <source>Showcase</source>
        <translation>Visningsexempel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="176"/>
        <source>A newsletter that uses every block type and option</source>
        <translation>Ett nyhetsbrev som använder alla slags block och alla val</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="178"/>
        <source>Open…</source>
        <translation>Öppna…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="199"/>
        <source>Recent newsletters</source>
        <translation>Senaste nyhetsbreven</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="206"/>
        <source>No recent newsletters</source>
        <translation>Inga nyhetsbrev öppnade nyligen</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="194"/>
        <source>&amp;Recent newsletters</source>
        <translation>Senaste &amp;nyhetsbreven</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="217"/>
        <source>Saved &amp;blocks</source>
        <translation>Sparade &amp;block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="226"/>
        <source>Tick the blocks a blank newsletter starts with</source>
        <translation>Kryssa för de block ett tomt nyhetsbrev ska börja med</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="228"/>
        <source>Blank with Ticked Blocks</source>
        <translation>Tomt med förkryssade block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="245"/>
        <source>No saved blocks yet. To save one, select a block in a newsletter and choose Edit → Save Block to Library…</source>
        <translation>Inga sparade block ännu. Markera ett block i ett nyhetsbrev och välj Redigera → Spara block i biblioteket… för att spara ett.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/start_page.py" line="295"/>
        <source>Without a title</source>
        <translation>Utan titel</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="116"/>
        <source>A heading and text, such as an introduction of the office.</source>
        <translation>En rubrik och text, till exempel en presentation av kontoret.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="120"/>
        <location filename="../../composer/gui/block_editors.py" line="122"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../composer/gui/block_editors.py" line="121"/>
        <source>Heading</source>
        <translation>Rubrik</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <location filename="../../composer/gui/value_editor.py" line="275"/>
        <source>Edit “{field}”</source>
        <translation>Ändra ”{field}”</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="77"/>
        <source>&amp;About Newsletter Composer</source>
        <extracomment>Undo and Redo; made anew when the language changes (``retranslate``).</extracomment>
        <translation>&amp;Om Newsletter Composer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="84"/>
        <source>F&amp;ormat</source>
        <extracomment>Filled by ``rich_text_editor.install_format_menu``: it acts on the body edited.</extracomment>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="140"/>
        <source>&amp;New</source>
        <translation>&amp;Nytt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="143"/>
        <source>Start a newsletter: the next issue, a blank one, the sample or a recent one</source>
        <translation>Börja ett nyhetsbrev: nästa nummer, ett tomt, exemplet eller ett av de senaste</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="147"/>
        <source>Start next month&apos;s issue from an earlier one: same settings and blocks</source>
        <translation>Börja nästa månads nummer från ett tidigare: samma inställningar och block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="150"/>
        <source>Start from the sample newsletter</source>
        <translation>Utgå från exempelnyhetsbrevet</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="153"/>
        <source>&amp;Open…</source>
        <translation>&amp;Öppna…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="153"/>
        <source>Open a newsletter file</source>
        <translation>Öppna en nyhetsbrevsfil</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="156"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importera…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="158"/>
        <source>Make articles of a Word document, a web page, Markdown or text</source>
        <translation>Gör artiklar av ett Word-dokument, en webbsida, Markdown eller text</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="161"/>
        <source>&amp;Save</source>
        <translation>&amp;Spara</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="161"/>
        <source>Save the newsletter</source>
        <translation>Spara nyhetsbrevet</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="163"/>
        <source>Save &amp;As…</source>
        <translation>Spara s&amp;om…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="166"/>
        <source>As an &amp;HTML Folder…</source>
        <translation>Som &amp;HTML-mapp…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="169"/>
        <source>Export newsletter.html with its pictures</source>
        <translation>Exportera newsletter.html med bilderna</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="171"/>
        <source>As a &amp;Zip for an Email Service…</source>
        <translation>Som &amp;zip-fil för en e-posttjänst…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="173"/>
        <source>As an &amp;Email Message (.eml)…</source>
        <translation>Som &amp;e-postmeddelande (.eml)…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="174"/>
        <source>A message to look at, forward or archive in any mail program</source>
        <translation>Ett meddelande att läsa, vidarebefordra eller arkivera i vilket e-postprogram som helst</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="178"/>
        <source>As a &amp;Draft to Send from Your Mail Program (.eml)…</source>
        <translation>Som &amp;utkast att skicka från ditt e-postprogram (.eml)…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="180"/>
        <source>An .eml that Outlook opens as a new message ready to send, and Thunderbird in its editor, from your own address</source>
        <translation>En .eml som Outlook öppnar som ett nytt meddelande klart att skicka, och Thunderbird i sin redigerare, från din egen adress</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="185"/>
        <source>Send &amp;Test Mail…</source>
        <translation>Skicka test&amp;mejl…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="187"/>
        <source>Send the newsletter to yourself, to see it in your own mail program</source>
        <translation>Skicka nyhetsbrevet till dig själv, för att se det i ditt eget e-postprogram</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="189"/>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="112"/>
        <location filename="../../composer/gui/window_menus.py" line="194"/>
        <source>&amp;Undo</source>
        <translation>&amp;Ångra</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="115"/>
        <location filename="../../composer/gui/window_menus.py" line="197"/>
        <source>&amp;Redo</source>
        <translation>&amp;Gör om</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="205"/>
        <source>Duplicate the selected block</source>
        <translation>Duplicera det markerade blocket</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="208"/>
        <source>&amp;Delete Block</source>
        <translation>&amp;Ta bort block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="211"/>
        <source>Delete the selected block</source>
        <translation>Ta bort det markerade blocket</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="146"/>
        <source>New from Ear&amp;lier Issue…</source>
        <translation>Nytt från tidi&amp;gare nummer…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="150"/>
        <source>New from Sa&amp;mple</source>
        <translation>Nytt från e&amp;xempel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="202"/>
        <source>Dupl&amp;icate Block</source>
        <translation>&amp;Duplicera block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="214"/>
        <source>Move Block U&amp;p</source>
        <translation>Flytta block &amp;uppåt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="217"/>
        <source>Move the selected block up</source>
        <translation>Flytta det markerade blocket uppåt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="220"/>
        <source>Move Block Do&amp;wn</source>
        <translation>Flytta block &amp;nedåt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="223"/>
        <source>Move the selected block down</source>
        <translation>Flytta det markerade blocket nedåt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="233"/>
        <source>Newsletter &amp;Settings</source>
        <extracomment>What the block list offers on its own (its context menu and keys).</extracomment>
        <translation>Nyhetsbrevs&amp;inställningar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="246"/>
        <source>Insert a new {kind} block after the selected one</source>
        <translation>Infoga ett nytt block av typen {kind} efter det markerade</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="254"/>
        <source>&amp;Desktop Width</source>
        <translation>&amp;Datorbredd</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="257"/>
        <source>&amp;Mobile Width</source>
        <translation>&amp;Mobilbredd</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="265"/>
        <source>D&amp;ark Mode Preview</source>
        <translation>Förhandsvisning i mörkt &amp;läge</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="269"/>
        <source>Preview Without &amp;Pictures</source>
        <translation>Förhandsvisning utan &amp;bilder</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="273"/>
        <source>&amp;Checks Panel</source>
        <translation>&amp;Kontroller</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="275"/>
        <source>Ne&amp;xt Pane</source>
        <translation>&amp;Nästa panel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="277"/>
        <source>Pre&amp;vious Pane</source>
        <translation>&amp;Föregående panel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="283"/>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="289"/>
        <source>Open &amp;Recent</source>
        <extracomment>Filled by the window each time it opens.</extracomment>
        <translation>Öppna senas&amp;te</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="295"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportera</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="305"/>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="316"/>
        <source>&amp;Insert</source>
        <translation>&amp;Infoga</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="321"/>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="328"/>
        <source>&amp;Toolbar</source>
        <translation>&amp;Verktygsfält</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="350"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="369"/>
        <source>Main toolbar</source>
        <translation>Verktygsfält</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="384"/>
        <source>Insert</source>
        <translation>Infoga</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="385"/>
        <source>Insert a block after the selected one</source>
        <translation>Infoga ett block efter det markerade</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="395"/>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="396"/>
        <source>Export the newsletter for sending</source>
        <translation>Exportera nyhetsbrevet för utskick</translation>
    </message>
    <message>
        <location filename="../../composer/gui/window_menus.py" line="336"/>
        <source>Språk / &amp;Language</source>
        <translation>&amp;Språk / Language</translation>
    </message>
</context>
<context>
    <name>WorkingCopies</name>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="70"/>
        <source>Reduce File Si&amp;ze…</source>
        <translation>Mins&amp;ka filstorleken…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="72"/>
        <source>Replace the pictures by smaller working copies without GPS positions</source>
        <translation>Ersätt bilderna med mindre arbetskopior utan GPS-positioner</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="74"/>
        <source>&amp;Keep Original Pictures</source>
        <translation>&amp;Behåll originalbilder</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="77"/>
        <source>Keep pictures as they are, with their metadata, instead of working copies (the newsletter file grows)</source>
        <translation>Behåll bilderna som de är, med sina metadata, i stället för arbetskopior (nyhetsbrevsfilen blir större)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="89"/>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="114"/>
        <source>File: {size}</source>
        <translation>Fil: {size}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="116"/>
        <source>Too large to mail to a colleague: File → Reduce File Size makes it smaller.</source>
        <translation>För stor för att mejla till en kollega: Arkiv → Minska filstorleken gör den mindre.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="118"/>
        <source>The size of the newsletter file when saved.</source>
        <translation>Nyhetsbrevsfilens storlek när den sparas.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="127"/>
        <location filename="../../composer/gui/working_copies.py" line="143"/>
        <source>Reduce File Size</source>
        <translation>Minska filstorleken</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="134"/>
        <source>The pictures are already working copies: the file is {size} and cannot be made smaller this way.</source>
        <translation>Bilderna är redan arbetskopior: filen är {size} och kan inte göras mindre på det här sättet.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="146"/>
        <source>Reduce the newsletter file from {before} to {after}?</source>
        <translation>Minska nyhetsbrevsfilen från {before} till {after}?</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="152"/>
        <source>{count} pictures are replaced by working copies: upright, without GPS positions or other metadata, at most 2400 pixels wide. The email looks the same. You can undo this until you close the newsletter.</source>
        <translation>{count} bilder ersätts med arbetskopior: rättvända, utan GPS-positioner eller andra metadata, högst 2400 pixlar breda. Mejlet ser likadant ut. Du kan ångra det tills du stänger nyhetsbrevet.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="157"/>
        <source>Reduce</source>
        <translation>Minska</translation>
    </message>
    <message>
        <location filename="../../composer/gui/working_copies.py" line="165"/>
        <source>The file is now {size}; save to write it.</source>
        <translation>Filen är nu {size}; spara för att skriva den.</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="61"/>
        <location filename="../../composer/gui/dialogs.py" line="89"/>
        <location filename="../../composer/gui/dialogs.py" line="238"/>
        <source>Newsletter Composer</source>
        <translation>Newsletter Composer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="70"/>
        <source>Something went wrong that the program did not expect: {error}</source>
        <translation>Något oväntat gick fel i programmet: {error}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="75"/>
        <source>Save your work under a new name to be safe, and please report this with the details below.</source>
        <translation>Spara ditt arbete under ett nytt namn för säkerhets skull, och rapportera gärna felet med uppgifterna nedan.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="92"/>
        <source>Save the changes to “{name}”?</source>
        <translation>Vill du spara ändringarna i ”{name}”?</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="95"/>
        <source>If you don&apos;t save, your changes will be lost.</source>
        <translation>Om du inte sparar går ändringarna förlorade.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="138"/>
        <source>Open Newsletter</source>
        <translation>Öppna nyhetsbrev</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="141"/>
        <location filename="../../composer/gui/dialogs.py" line="154"/>
        <source>Newsletters (*.newsletter)</source>
        <translation>Nyhetsbrev (*.newsletter)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="142"/>
        <location filename="../../composer/gui/dialogs.py" line="177"/>
        <location filename="../../composer/gui/dialogs.py" line="270"/>
        <location filename="../../composer/gui/dialogs.py" line="464"/>
        <source>All files (*)</source>
        <translation>Alla filer (*)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="152"/>
        <source>Save Newsletter</source>
        <translation>Spara nyhetsbrev</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="173"/>
        <source>Choose a Picture</source>
        <translation>Välj en bild</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="176"/>
        <source>Pictures (*.jpg *.jpeg *.png *.gif *.webp)</source>
        <translation>Bilder (*.jpg *.jpeg *.png *.gif *.webp)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="186"/>
        <source>Accent Colour</source>
        <translation>Accentfärg</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="250"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="263"/>
        <source>Choose a File to Import</source>
        <translation>Välj en fil att importera</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="266"/>
        <source>Articles (*.docx *.md *.markdown *.txt *.html *.htm)</source>
        <translation>Artiklar (*.docx *.md *.markdown *.txt *.html *.htm)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="356"/>
        <source>New from Earlier Issue</source>
        <translation>Nytt från tidigare nummer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="359"/>
        <source>Keep the earlier issue&apos;s articles in the new one?</source>
        <translation>Ska det tidigare numrets artiklar följa med till det nya?</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="362"/>
        <source>Articles in the earlier issue: {count}. The new issue gets the earlier one&apos;s settings, masthead and recurring blocks, and the next month&apos;s date; kept articles move to the new month.</source>
        <translation>Artiklar i det tidigare numret: {count}. Det nya numret får det tidigares inställningar, huvud och återkommande block, och nästa månads datum; artiklar som följer med flyttas till den nya månaden.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="370"/>
        <source>Keep Articles</source>
        <translation>Behåll artiklarna</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="373"/>
        <source>Leave Articles Out</source>
        <translation>Utan artiklar</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="414"/>
        <source>Before It Leaves</source>
        <extracomment>How many findings the pre-flight summary lists before &quot;and N more&quot;.</extracomment>
        <translation>Innan det skickas</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="418"/>
        <source>The checks found errors that readers would notice.</source>
        <translation>Kontrollerna hittade fel som läsarna skulle märka.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="420"/>
        <source>The checks found an error that readers would notice.</source>
        <translation>Kontrollerna hittade ett fel som läsarna skulle märka.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="424"/>
        <source>The checks have warnings; have a look before it leaves.</source>
        <translation>Kontrollerna har varningar; titta på dem innan det skickas.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="426"/>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="427"/>
        <source>Warning</source>
        <translation>Varning</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="436"/>
        <source>… and {count} more in the Checks panel.</source>
        <translation>… och {count} till i panelen Kontroller.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="445"/>
        <source>&amp;Fix First</source>
        <translation>&amp;Rätta först</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="458"/>
        <source>Export Saved Blocks</source>
        <translation>Exportera sparade block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="460"/>
        <source>Import Saved Blocks</source>
        <translation>Importera sparade block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="463"/>
        <source>Saved blocks (*.blocks)</source>
        <translation>Sparade block (*.blocks)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="474"/>
        <source>Delete Saved Block</source>
        <translation>Ta bort sparat block</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="477"/>
        <source>Delete “{name}” from the library?</source>
        <translation>Ta bort ”{name}” från biblioteket?</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="480"/>
        <source>Newsletters it was inserted into keep their copy.</source>
        <translation>Nyhetsbrev som det har infogats i behåller sin kopia.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/dialogs.py" line="483"/>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
</context>
<context>
    <name>file_guard</name>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="69"/>
        <source>Newsletter Composer</source>
        <translation>Newsletter Composer</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="79"/>
        <source>another program (its lock file cannot be read)</source>
        <translation>ett annat program (dess låsfil går inte att läsa)</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="83"/>
        <source>{user} on {host} (process {pid}) since {since}</source>
        <translation>{user} på {host} (process {pid}) sedan {since}</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="92"/>
        <source>“{name}” is already open in Newsletter Composer: {owner}.</source>
        <translation>”{name}” är redan öppen i Newsletter Composer: {owner}.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="95"/>
        <source>If you both change it, one of you will overwrite the other&apos;s work. Open it read-only to look at it or save a copy, or open it anyway if you know the other program no longer uses it.</source>
        <translation>Om ni båda ändrar den kommer den ena att skriva över den andras arbete. Öppna den skrivskyddad för att titta på den eller spara en kopia, eller öppna den ändå om du vet att det andra programmet inte längre använder den.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="103"/>
        <source>Open &amp;Read-Only</source>
        <translation>Öppna &amp;skrivskyddad</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="107"/>
        <source>Open &amp;Anyway</source>
        <translation>Öppna &amp;ändå</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="124"/>
        <source>“{name}” was changed by another program since you opened or saved it, so it was not saved.</source>
        <translation>”{name}” har ändrats av ett annat program sedan du öppnade eller sparade den, så den sparades inte.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="130"/>
        <source>“{name}” was changed by another program since you opened or saved it.</source>
        <translation>”{name}” har ändrats av ett annat program sedan du öppnade eller sparade den.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="137"/>
        <source>Reload shows the other version (the changes you made here are lost). Overwrite replaces it with yours (the other changes are lost; the file&apos;s .bak keeps them). Save As keeps both.</source>
        <translation>Läs in igen visar den andra versionen (ändringarna du gjort här går förlorade). Skriv över ersätter den med din (de andra ändringarna går förlorade; filens .bak behåller dem). Spara som behåller båda.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="145"/>
        <source>&amp;Reload</source>
        <translation>&amp;Läs in igen</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="148"/>
        <source>&amp;Overwrite</source>
        <translation>Skriv ö&amp;ver</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="152"/>
        <location filename="../../composer/gui/file_guard.py" line="175"/>
        <source>Save &amp;As…</source>
        <translation>Spara s&amp;om…</translation>
    </message>
    <message>
        <location filename="../../composer/gui/file_guard.py" line="172"/>
        <source>Your changes are still here, unsaved.</source>
        <translation>Dina ändringar finns kvar här, osparade.</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../composer/gui/startup.py" line="124"/>
        <source>Restored “{name}”, but these pictures were lost: {pictures}. Choose them again, then save.</source>
        <translation>”{name}” återställdes, men de här bilderna gick förlorade: {pictures}. Välj dem igen och spara sedan.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/startup.py" line="129"/>
        <source>Restored “{name}”. Save it to keep the changes.</source>
        <translation>”{name}” återställdes. Spara det för att behålla ändringarna.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/startup.py" line="149"/>
        <source>The newsletter you had open last, “{name}”, is no longer in {folder}. A new newsletter was started; open the file from where it is now with File → Open.</source>
        <translation>Nyhetsbrevet du hade öppet senast, ”{name}”, finns inte längre i {folder}. Ett nytt nyhetsbrev påbörjades; öppna filen där den finns nu med Arkiv → Öppna.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/startup.py" line="82"/>
        <source>The newsletter you had open last, “{name}”, could not be opened.</source>
        <extracomment>How long start-up messages stay in the status bar. How often, and how long each time, the start page waits for the window to be on screen.</extracomment>
        <translation>Nyhetsbrevet du hade öppet senast, ”{name}”, gick inte att öppna.</translation>
    </message>
    <message>
        <location filename="../../composer/gui/startup.py" line="92"/>
        <source>The newsletter you had open last, “{name}”, is no longer in {folder}. If it was moved, choose Open… and open it from where it is now.</source>
        <translation>Nyhetsbrevet du hade öppet senast, ”{name}”, finns inte längre i {folder}. Om det har flyttats, välj Öppna… och öppna det där det är nu.</translation>
    </message>
</context>
</TS>
