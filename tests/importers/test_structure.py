"""Pasting keeps structure: Word's, Outlook's, LibreOffice's and browsers' lists and tables."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from importers.import_sources import word_clipboard_bullets, word_clipboard_mixed
from lxml import html as lxml_html

from composer.importers import clean_paste
from composer.importers.structure import read_pieces
from composer.richtext import sanitize


def _tree(body: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(body, create_parent="div")


def _texts(elements: list[lxml_html.HtmlElement]) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def test_a_word_bulleted_list_is_pasted_as_a_list() -> None:
    body = clean_paste(word_clipboard_bullets())

    tree = _tree(body)
    assert _texts(tree.xpath("./p")) == ["Länder som deltar:"]
    assert [
        " ".join(item.xpath("./text()|./*[not(self::ul)]//text()"))
        for item in tree.xpath("./ul/li")
    ] == [
        "Sverige",
        "Italien",
        "Finland",
        "Spanien  och  Polen",
    ]
    # The indented item is a list inside the item above it.
    assert _texts(tree.xpath("./ul/li[2]/ul/li")) == ["Emilia-Romagna"]
    assert _texts(tree.xpath("./ul/li/strong")) == ["Spanien"]
    assert _texts(tree.xpath("./ul/li/em")) == ["Polen"]
    # No bullet characters, fonts, colours or Word's own tags survive.
    for junk in ("·", "&nbsp;", "mso", "o:p", "color", "Symbol", "<span"):
        assert junk not in body
    assert body == sanitize(body)


def test_a_word_numbered_list_table_and_link_keep_their_shape() -> None:
    tree = _tree(clean_paste(word_clipboard_mixed()))

    assert _texts(tree.xpath("./ol/li")) == ["Planera", "Genomföra"]
    assert not tree.xpath(".//ul")
    assert _texts(tree.xpath("./p")) == [
        "Så går det till:",
        "Cell A · Cell B",
        "Läs mer på northsweden.eu",
    ]
    assert tree.xpath("./p/a/@href") == ["https://www.northsweden.eu/planet"]


def test_empty_paragraphs_are_dropped() -> None:
    body = clean_paste(word_clipboard_mixed())
    assert "<p></p>" not in body and "<p> </p>" not in body
    assert body.endswith("northsweden.eu</a></p>")
    assert clean_paste("<p>Text</p><p>&nbsp;</p><p><br></p><p>\u200b</p>") == "<p>Text</p>"


def test_browser_and_libreoffice_lists_stay_lists() -> None:
    browser = '<meta charset="utf-8"><ul style="color: rgb(0,0,0)"><li>Ett</li><li>Två</li></ul>'
    assert clean_paste(browser) == "<ul><li>Ett</li><li>Två</li></ul>"
    libreoffice = (
        '<!DOCTYPE html><html><head><meta name="generator" content="LibreOffice 7.6"/></head>'
        '<body lang="sv-SE" dir="ltr"><ol><li><p style="margin-bottom: 0cm">Planera</p></li>'
        '<li><p style="margin-bottom: 0cm"><b>Genomföra</b></p></li></ol>'
        '<p style="margin-bottom: 0cm"><br/></p></body></html>'
    )
    assert (
        clean_paste(libreoffice) == "<ol><li>Planera</li><li><strong>Genomföra</strong></li></ol>"
    )


def test_outlook_and_gmail_lines_in_divs_do_not_run_together() -> None:
    outlook = (
        '<div><span style="font-size:11pt">Hej,</span></div><div>Välkommen!</div><div><br></div>'
    )
    assert clean_paste(outlook) == "<p>Hej,</p><p>Välkommen!</p>"


def test_google_docs_wrapper_does_not_make_everything_bold() -> None:
    google = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b">'
        '<p dir="ltr"><span style="font-weight:700">Planet</span> och '
        '<span style="font-style:italic">MaNTT</span></p></b>'
    )
    assert clean_paste(google) == "<p><strong>Planet</strong> och <em>MaNTT</em></p>"


def test_a_table_becomes_a_paragraph_per_row_and_a_layout_table_its_content() -> None:
    data = (
        "<table><thead><tr><th>Kommun</th><th>Deltagare</th></tr></thead>"
        "<tbody><tr><td>Piteå</td><td>3</td></tr><tr><td><p>Kalix</p><p>(ny)</p></td>"
        "<td></td></tr></tbody></table>"
    )
    assert clean_paste(data) == (
        "<p><strong>Kommun · Deltagare</strong></p><p>Piteå · 3</p><p>Kalix (ny)</p>"
    )
    layout = "<table><tr><td><p>Första stycket</p><p>Andra stycket</p></td></tr></table>"
    assert clean_paste(layout) == "<p>Första stycket</p><p>Andra stycket</p>"


def test_headings_become_bold_paragraphs_and_links_without_scheme_lose_the_link() -> None:
    pasted = '<h2>Planet</h2><p>Se <a href="/nyheter">nyheterna</a> och <a href="#top">upp</a>.</p>'
    assert clean_paste(pasted) == "<p><strong>Planet</strong></p><p>Se nyheterna och upp.</p>"


def test_pictures_are_pieces_of_an_import_and_left_out_of_a_paste() -> None:
    markup = (
        '<p>Före</p><p><img src="a.jpg" alt="Bild"></p><p>Efter <img src="x.gif" width="1"></p>'
    )
    pieces = read_pieces(markup)
    assert [(piece.kind, piece.src, piece.alt) for piece in pieces] == [
        ("paragraph", "", ""),
        ("picture", "a.jpg", "Bild"),
        ("paragraph", "", ""),
    ]
    assert clean_paste(markup) == "<p>Före</p><p>Efter</p>"


def test_deeply_nested_markup_is_read_without_exhausting_the_stack() -> None:
    body = clean_paste("<div>" * 5000 + "djupt" + "</div>" * 5000)
    assert "djupt" in body


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<ul>",
                "</ul>",
                "<li>",
                "<table><tr><td>",
                "</td><td>",
                "</td></tr></table>",
                "<b>",
                "</b>",
                "<p style='mso-list:l0 level1 lfo1'><![if !supportLists]>·<![endif]>",
                "<o:p>&nbsp;</o:p>",
                "<div>",
                "</div>",
                "<br>",
                "<h1>",
                "<img src='x.png'>",
            ]
        )
        | st.text(max_size=12),
        max_size=30,
    )
)
def test_any_paste_comes_out_as_sanitized_rich_text(parts: list[str]) -> None:
    body = clean_paste("".join(parts))
    assert body == sanitize(body)
    assert "<p></p>" not in body
