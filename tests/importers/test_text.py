"""Importing Markdown and plain text, and reading date lines and signatures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from importers.import_sources import SEED, photo, seed_paragraphs
from lxml import html as lxml_html

from composer.errors import ImportSourceError
from composer.importers import import_source
from composer.importers.article import read_date_line
from composer.model import ArticleBlock, ImageBlock, TextBlock


def _tree(body: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(body, create_parent="div")


def _texts(elements: list[lxml_html.HtmlElement]) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def test_the_seed_text_becomes_the_article_and_the_office_text_after_it() -> None:
    imported = import_source(SEED)

    article, office = imported.blocks
    assert isinstance(article, ArticleBlock) and isinstance(office, TextBlock)
    seed = seed_paragraphs()
    assert article.headline == "Planet"
    assert article.date == dt.date(2012, 11, 1)
    assert article.category == "Norra Sverige i EU"
    assert article.signature == "/Johan Leymann"
    paragraphs = _texts(_tree(article.body).xpath("./p"))
    assert paragraphs[0] == seed[1]
    assert paragraphs[-1] == seed[8]
    assert office.heading == "Norra Sverige i EU"
    assert _texts(_tree(office.body).xpath("./p")) == [seed[12], seed[13], seed[14]]


def test_plain_text_lists_and_web_addresses(tmp_path: Path) -> None:
    path = tmp_path / "notis.txt"
    path.write_text(
        "Sommarkurs i Luleå\n\n"
        "Kursen är öppen för tjänstemän från\n"
        "hela regionen.\n\n"
        "- Piteå\n- Kalix\n- Boden\n\n"
        "1. Anmäl dig\n2. Betala\n\n"
        "Läs mer på https://www.northsweden.eu/kurs.\n",
        encoding="utf-8",
    )
    article = import_source(path).blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.headline == "Sommarkurs i Luleå"
    tree = _tree(article.body)
    # Short lines are kept as the writer broke them.
    assert lxml_html.tostring(tree.xpath("./p")[0], encoding="unicode") == (
        "<p>Kursen är öppen för tjänstemän från<br>hela regionen.</p>"
    )
    assert _texts(tree.xpath("./ul/li")) == ["Piteå", "Kalix", "Boden"]
    assert _texts(tree.xpath("./ol/li")) == ["Anmäl dig", "Betala"]
    assert tree.xpath("./p/a/@href") == ["https://www.northsweden.eu/kurs"]


def test_a_windows_text_file_in_cp1252_reads_right(tmp_path: Path) -> None:
    path = tmp_path / "notis.txt"
    path.write_bytes("Älvsbyn\n\nNorrbotten deltar med Piteå och Älvsbyn.".encode("cp1252"))
    article = import_source(path).blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.headline == "Älvsbyn"
    assert "Piteå och Älvsbyn" in article.body


def test_markdown_with_headings_lists_links_and_a_picture(tmp_path: Path) -> None:
    (tmp_path / "bilder").mkdir()
    (tmp_path / "bilder" / "IMG_5383.jpg").write_bytes(photo(800, 533))
    path = tmp_path / "nyheter.md"
    path.write_text(
        "# Planet\n\n"
        "1 november 2012 · Projekt\n\n"
        "![Seminariet i Bryssel](bilder/IMG_5383.jpg)\n\n"
        "SERN-projektet **Planet** presenterades i *Bryssel*.\n\n"
        "* Sverige\n* Italien\n\n"
        "Läs mer om [Planet](https://www.northsweden.eu/planet).\n\n"
        "/Johan Leymann\n\n"
        "# MaNTT\n\n"
        "Riktlinjer för projekt, med en tabell:\n\n"
        "| Kommun | Deltagare |\n|---|---|\n| Piteå | 3 |\n\n"
        "![Utanför](../hemlig.jpg)\n",
        encoding="utf-8",
    )
    imported = import_source(path, split_headings=True)

    planet, mantt = imported.blocks
    assert isinstance(planet, ArticleBlock) and isinstance(mantt, ArticleBlock)
    assert (planet.headline, planet.date, planet.category) == (
        "Planet",
        dt.date(2012, 11, 1),
        "Projekt",
    )
    assert planet.image is not None and planet.image_alt == "Seminariet i Bryssel"
    assert planet.signature == "/Johan Leymann"
    tree = _tree(planet.body)
    assert _texts(tree.xpath("./p/strong")) == ["Planet"]
    assert _texts(tree.xpath("./ul/li")) == ["Sverige", "Italien"]
    assert tree.xpath("./p/a/@href") == ["https://www.northsweden.eu/planet"]
    assert _texts(_tree(mantt.body).xpath("./p")) == [
        "Riktlinjer för projekt, med en tabell:",
        "Kommun · Deltagare",
        "Piteå · 3",
    ]
    # A picture outside the file's folder is not read.
    assert mantt.image is None
    assert imported.notes == [
        "The picture “../hemlig.jpg” was left out: it is outside the folder of “nyheter.md”, "
        "so it was not read."
    ]


def test_pictures_after_the_first_follow_the_article(tmp_path: Path) -> None:
    for name in ("a.jpg", "b.jpg"):
        (tmp_path / name).write_bytes(photo(640, 480))
    (tmp_path / "b.jpg").write_bytes(photo(480, 640))
    path = tmp_path / "bilder.md"
    path.write_text("# Bilder\n\n![Första](a.jpg)\n\nText.\n\n![Andra](b.jpg)\n", encoding="utf-8")
    article, picture = import_source(path).blocks
    assert isinstance(article, ArticleBlock) and isinstance(picture, ImageBlock)
    assert article.image_alt == "Första" and picture.alt == "Andra"
    assert article.image != picture.image


def test_an_empty_file_and_an_unknown_type_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "tom.md"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ImportSourceError, match=r"“tom\.md”: it holds no text"):
        import_source(empty)
    odt = tmp_path / "Planet.odt"
    odt.write_bytes(b"PK")
    with pytest.raises(ImportSourceError, match=r"only Word documents \(\.docx\), Markdown"):
        import_source(odt)
    with pytest.raises(ImportSourceError, match="there is no such file"):
        import_source(tmp_path / "saknas.docx")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("01 Nov 2012 Norra Sverige i EU", (dt.date(2012, 11, 1), "Norra Sverige i EU")),
        ("1 november 2012", (dt.date(2012, 11, 1), "")),
        ("Torsdag den 25 oktober 2012 | Projekt", (dt.date(2012, 10, 25), "Projekt")),
        ("Publicerad: 2012-11-01", (dt.date(2012, 11, 1), "")),
        ("Projekt · 1.11.2012", (dt.date(2012, 11, 1), "Projekt")),
        ("November 1, 2012 - News", (dt.date(2012, 11, 1), "News")),
        ("Norra Sverige i EU, 1 maj 2013", (dt.date(2013, 5, 1), "Norra Sverige i EU")),
    ],
)
def test_date_lines_in_swedish_and_english(line: str, expected: tuple[dt.date, str]) -> None:
    assert read_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Torsdagen den 25 oktober presenterades SERN-projektet Planet.",
        "1 november 2012 presenterades projektet för kommissionen och regionerna i Bryssel.",
        "31 februari 2012",
        "Planet",
        "",
    ],
)
def test_sentences_and_impossible_dates_are_not_date_lines(line: str) -> None:
    assert read_date_line(line) is None
