"""Realistic sources to import, built here: a .docx, Word's clipboard, the seed's web page."""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Final

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from PIL import Image, ImageDraw

ROOT: Final = Path(__file__).resolve().parents[2]
SEED: Final = ROOT / "tools" / "seed" / "north-sweden-planet-2012.txt"

PHOTO_ALT: Final = "Seminariedeltagare framför en filmduk där Planet-projektet presenteras."
PHOTO_CAPTION: Final = "Seminariet om Planet och MaNTT i Bryssel den 25 oktober."
PLANET_URL: Final = "https://www.northsweden.eu/nyheter/planet"


def seed_paragraphs() -> list[str]:
    """The seed article's paragraphs, as the office's web page has them."""
    text = SEED.read_text(encoding="utf-8")
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def photo(width: int = 1600, height: int = 1067) -> bytes:
    """A camera-sized JPEG: a screen in front of rows of seats."""
    image = Image.new("RGB", (width, height), (238, 232, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 5, height // 8, width * 4 // 5, height // 2), fill=(31, 92, 153))
    for row in range(6):
        top = height * 3 // 5 + row * height // 16
        draw.rectangle((width // 10, top, width * 9 // 10, top + height // 30), fill=(90, 60, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


# --- a Word document ---------------------------------------------------------------------------


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A link as Word writes it: a relationship and a w:hyperlink run in the Hyperlink style."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def word_document(path: Path, *, second_article: bool = True) -> Path:
    """The Planet article as an officer drafts it in Word, saved as ``path`` (.docx).

    A Heading 1 headline, paragraphs with bold and italic, the photo with its description
    (Word's Alt Text), a bulleted and a numbered list, a two-column table, a hyperlink, the
    signature; and, under a second Heading 1, a second short article.
    """
    paragraphs = seed_paragraphs()
    document = docx.Document()
    document.add_heading("Planet", level=1)
    lead = document.add_paragraph("Torsdagen den 25 oktober presenterades SERN-projektet ")
    lead.add_run("Planet").bold = True
    lead.add_run(" och riktlinjer för framgångsrika projekt på ett seminarium i ")
    lead.add_run("Bryssel").italic = True
    lead.add_run(" där Norrbotten är med som projektexempel.")
    document.add_picture(io.BytesIO(photo()), width=Cm(14))
    document.inline_shapes[0]._inline.docPr.set("descr", PHOTO_ALT)
    document.add_paragraph(PHOTO_CAPTION, style="Caption")
    document.add_paragraph(paragraphs[2])
    document.add_paragraph("Tjänstemän från fem länder har deltagit:")
    for country in ("Sverige", "Italien", "Finland", "Spanien", "Polen"):
        document.add_paragraph(country, style="List Bullet")
    document.add_paragraph("Riktlinjerna i korthet:")
    for step in ("Planera tillsammans", "Dela ansvaret", "Utvärdera öppet"):
        document.add_paragraph(step, style="List Number")
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    rows = (("Kommun", "Deltagare"), ("Piteå", "3"), ("Kalix", "2"))
    for row, (town, people) in enumerate(rows):
        table.cell(row, 0).text = town
        table.cell(row, 1).text = people
    # The first row repeats as the header row (Table Properties → Row), as Word marks it.
    header = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    more = document.add_paragraph("Läs mer om ")
    _hyperlink(more, PLANET_URL, "Planet-projektet")
    more.add_run(".")
    document.add_paragraph("/Johan Leymann")
    if second_article:
        document.add_heading("Norra Sverige i EU", level=1)
        document.add_paragraph(paragraphs[12])
    document.save(path)
    return path


# --- Word's clipboard ---------------------------------------------------------------------------

_WORD_HEAD: Final = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/jole/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:Symbol;
	panose-1:5 5 1 2 1 7 6 2 5 7;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-parent:"";
	margin:0cm;
	margin-bottom:8.0pt;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
p.MsoListParagraphCxSpFirst, li.MsoListParagraphCxSpFirst
	{mso-style-priority:34;
	mso-style-type:export-only;
	margin-left:36.0pt;}
 /* List Definitions */
 @list l0
	{mso-list-id:1186216542;
	mso-list-type:hybrid;}
@list l0:level1
	{mso-level-number-format:bullet;
	mso-level-text:\\F0B7;
	font-family:Symbol;}
@list l1:level1
	{mso-level-tab-stop:none;
	mso-level-number-position:left;}
-->
</style>
</head>
<body lang=SV style='tab-interval:65.2pt'>
<!--StartFragment-->
"""
_WORD_FOOT: Final = """
<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<!--EndFragment-->
</body>
</html>
"""
_BULLET: Final = (
    "<![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol;"
    "mso-bidi-font-family:\nSymbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "
    '"Times New Roman"\'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;\n</span></span></span>'
    "<![endif]>"
)
_SUB_BULLET: Final = (
    '<![if !supportLists]><span style=\'font-family:"Courier New";mso-fareast-font-family:'
    "\"Courier New\"'><span\nstyle='mso-list:Ignore'>o<span style='font:7.0pt \"Times New "
    "Roman\"'>&nbsp;&nbsp;\n</span></span></span><![endif]>"
)


def _number(number: int) -> str:
    return (
        "<![if !supportLists]><span style='mso-bidi-font-family:Calibri'><span "
        f"style='mso-list:Ignore'>{number}.<span\nstyle='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;\n</span></span></span><![endif]>"
    )


def _list_paragraph(position: str, list_id: str, level: int, marker: str, text: str) -> str:
    indent = "margin-left:72.0pt;mso-add-space:auto;\n" if level == 2 else ""
    return (
        f"<p class=MsoListParagraphCxSp{position} style='{indent}text-indent:-18.0pt;"
        f"mso-list:{list_id} level{level} lfo{list_id[1:]}'>{marker}{text}<o:p></o:p></p>\n\n"
    )


def word_clipboard_bullets() -> str:
    """What Word 2016 puts on the clipboard (text/html) for a bulleted list with a sub-item."""
    items = [
        ("First", 1, _BULLET, "Sverige"),
        ("Middle", 1, _BULLET, "Italien"),
        ("Middle", 2, _SUB_BULLET, "Emilia-Romagna"),
        ("Middle", 1, _BULLET, "<span style='color:#C00000'>Finland</span>"),
        ("Last", 1, _BULLET, "<b>Spanien</b> och <i>Polen</i>"),
    ]
    body = "<p class=MsoNormal>Länder som deltar:<o:p></o:p></p>\n\n"
    body += "".join(
        _list_paragraph(pos, "l0", level, mark, text) for pos, level, mark, text in items
    )
    return _WORD_HEAD + body + _WORD_FOOT


def word_clipboard_mixed() -> str:
    """Word's clipboard for a paragraph, a numbered list, a two-cell table and a link."""
    body = "<p class=MsoNormal>Så går det till:<o:p></o:p></p>\n\n"
    body += _list_paragraph("First", "l1", 1, _number(1), "Planera")
    body += _list_paragraph("Last", "l1", 1, _number(2), "Genomföra")
    body += """<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes;mso-yfti-lastrow:yes'>
  <td width=302 valign=top style='width:226.6pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal style='margin-bottom:0cm'>Cell A<o:p></o:p></p>
  </td>
  <td width=302 valign=top style='width:226.6pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal style='margin-bottom:0cm'>Cell B<o:p></o:p></p>
  </td>
 </tr>
</table>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<p class=MsoNormal>Läs mer på <a href="https://www.northsweden.eu/planet"><span
style='font-family:"Arial",sans-serif;color:#0563C1'>northsweden.eu</span></a><o:p></o:p></p>
"""
    return _WORD_HEAD + body + _WORD_FOOT


# --- the office's web page -----------------------------------------------------------------------


def news_page(photo_src: str = "/images/nyheter/IMG_5383.jpg", canonical: str = PLANET_URL) -> str:
    """The seed article as the office's 2012 website showed it.

    Navigation, a header with the logo and search, a left column of links, the article (date
    and category line, headline, photo with caption, body, "read more" links, signature), a
    right column with the office's introduction and contact person, and a footer.
    """
    p = [html.escape(paragraph, quote=False) for paragraph in seed_paragraphs()]
    date, _, category = p[10].partition(" 2012 ")
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>{p[0]} - North Sweden European Office</title>
<link rel="canonical" href="{canonical}">
<link rel="stylesheet" href="/css/site.css">
<script src="/js/menu.js"></script>
<script>var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>
</head>
<body>
<div id="header">
  <a class="logo" href="/"><img src="/images/logo.png" alt="North Sweden European Office"
     width="220" height="60"></a>
  <form class="search" action="/sok"><input name="q" placeholder="Sök på webbplatsen"></form>
</div>
<ul id="mainmenu">
  <li><a href="/">Start</a></li>
  <li><a href="/om-oss">Om oss</a></li>
  <li class="active"><a href="/nyheter">Nyheter</a></li>
  <li><a href="/projekt">Projekt</a></li>
  <li><a href="/evenemang">Evenemang</a></li>
  <li><a href="/kontakt">Kontakt</a></li>
</ul>
<div id="wrapper">
 <div id="leftcol">
  <h3>Nyheter</h3>
  <ul class="submenu">
   <li><a href="/nyheter/2012">Nyheter 2012</a></li>
   <li><a href="/nyheter/2011">Nyheter 2011</a></li>
   <li><a href="/nyhetsbrev">Nyhetsbrev</a></li>
   <li><a href="/press">Press</a></li>
  </ul>
 </div>
 <div id="content">
  <div class="newsitem">
   <div class="newsdate"><span class="date">{date} 2012</span>
     <span class="category">{category}</span></div>
   <h1>{p[0]}</h1>
   <p class="ingress">{p[1]}</p>
   <p>{p[2]}</p>
   <p>{p[3]}</p>
   <div class="image"><img src="{photo_src}" alt="{html.escape(PHOTO_ALT)}" width="480"
     height="320"><p class="caption">{PHOTO_CAPTION}</p></div>
   <p>{p[5]}</p>
   <p>{p[6]}</p>
   <p><a href="/nyheter/mantt-riktlinjer">{p[7]}</a></p>
   <p><a href="http://www.sern.eu/planet">{p[8]}</a></p>
   <p>{p[9]}</p>
  </div>
 </div>
 <div id="rightcol">
  <div class="box">
   <h2>{p[11]}</h2>
   <p>{p[12]}</p>
  </div>
  <div class="box contact">
   <h2>{p[14]}</h2>
   <p>{p[13].split(":")[0]}: <a href="mailto:mikael.janson@northsweden.eu">Mikael Janson</a></p>
  </div>
 </div>
</div>
<div id="footer">
 <p>North Sweden European Office · Rue du Luxembourg 3 · 1000 Bryssel ·
   <a href="/kontakt">Kontakt</a> · <a href="/om-webbplatsen">Om webbplatsen</a></p>
 <p>© 2012 North Sweden</p>
</div>
</body>
</html>
"""
