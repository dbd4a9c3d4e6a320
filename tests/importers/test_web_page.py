"""Importing a web page from its address (a server on 127.0.0.1) or as a saved file."""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path

import pytest
from importers.import_sources import PHOTO_ALT, PHOTO_CAPTION, news_page, photo, seed_paragraphs
from importers.news_site import NewsSite, Route
from lxml import html as lxml_html
from PIL import Image

from composer.document import working_copy
from composer.errors import ImportSourceError
from composer.importers import import_source
from composer.importers.fetch import fetch
from composer.model import ArticleBlock, Newsletter
from composer.render import relative_resolver, render


def _texts(elements: list[lxml_html.HtmlElement]) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def test_the_article_of_a_news_page_becomes_an_article_block(news_site: NewsSite) -> None:
    url = news_site.url("/nyheter/planet")
    imported = import_source(url)

    assert [block.kind for block in imported.blocks] == ["article"]
    article = imported.blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.headline == "Planet"
    assert article.date == dt.date(2012, 11, 1)
    assert article.category == "Norra Sverige i EU"
    assert article.signature == "/Johan Leymann"
    assert article.image_alt == PHOTO_ALT
    assert article.image_caption == PHOTO_CAPTION
    assert imported.notes == []
    # The photo was downloaded and kept as its working copy.
    assert article.image is not None
    assert article.image.original_name == "IMG_5383.jpg"
    sent = news_site.routes["/images/nyheter/IMG_5383.jpg"].body
    assert imported.images.get(article.image) == working_copy(sent)[0]
    # The logo is not the article's picture: it was never asked for.
    assert "/images/logo.png" not in news_site.requests

    body = lxml_html.fragment_fromstring(article.body, create_parent="div")
    paragraphs = _texts(body.xpath("./p"))
    seed = seed_paragraphs()
    assert paragraphs[0] == seed[1]
    assert paragraphs[4] == seed[6]
    # Links to the site's own pages are made whole; others kept as they are.
    assert body.xpath("./p/a/@href") == [
        news_site.url("/nyheter/mantt-riktlinjer"),
        "http://www.sern.eu/planet",
    ]
    # Nothing from around the article: navigation, columns, footer, date line, signature.
    text = " ".join(paragraphs)
    for outside in ("Om oss", "Nyheter 2012", "Sök", "Kontaktperson", "Rue du Luxembourg"):
        assert outside not in text
    for moved in ("01 Nov 2012", "/Johan Leymann", PHOTO_CAPTION, "IMG_5383"):
        assert moved not in text


def test_the_exported_email_shows_the_imported_page(news_site: NewsSite) -> None:
    imported = import_source(news_site.url("/nyheter/planet"))
    result = render(Newsletter(blocks=tuple(imported.blocks)), relative_resolver(imported.images))
    email = lxml_html.document_fromstring(result.html)

    assert "Planet" in _texts(email.xpath("//h1|//h2|//h3"))
    picture = email.xpath("//img[@alt]")
    assert [img.get("alt") for img in picture] == [PHOTO_ALT]
    assert picture[0].get("src").startswith("images/")
    text = " ".join(_texts(email.xpath("//body")))
    assert "/Johan Leymann" in text
    assert "Norra Sverige i EU" in text  # the category line
    assert "Mikael Janson" not in text
    assert "Läs mer om MaNTT:s riktlinjer här" in _texts(email.xpath("//a"))


def test_a_saved_page_takes_its_picture_from_beside_it_and_never_goes_online(
    tmp_path: Path, news_site: NewsSite
) -> None:
    # A browser's "Save page, complete": the page and a folder of its files.
    (tmp_path / "Planet_files").mkdir()
    (tmp_path / "Planet_files" / "IMG_5383.jpg").write_bytes(photo())
    saved = tmp_path / "Planet.html"
    saved.write_text(news_page(photo_src="./Planet_files/IMG_5383.jpg"), encoding="utf-8")

    imported = import_source(saved)

    article = imported.blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.headline == "Planet" and article.category == "Norra Sverige i EU"
    assert article.image is not None and article.image.original_name == "IMG_5383.jpg"
    with Image.open(io.BytesIO(imported.images.get(article.image))) as picture:
        assert picture.size == (1600, 1067)
    # The site's own links are made whole from the page's canonical address.
    assert 'href="https://www.northsweden.eu/nyheter/mantt-riktlinjer"' in article.body
    assert news_site.requests == []


def test_a_saved_page_with_pictures_on_the_web_says_so_and_stays_offline(
    tmp_path: Path, news_site: NewsSite
) -> None:
    saved = tmp_path / "Planet.html"
    saved.write_text(
        news_page(photo_src=news_site.url("/images/nyheter/IMG_5383.jpg")), encoding="utf-8"
    )

    imported = import_source(saved)

    article = imported.blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.image is None
    assert len(imported.notes) == 1
    assert "importing a file does not go online" in imported.notes[0]
    assert news_site.requests == []


def test_a_page_in_windows_1252_without_a_declared_encoding_reads_right(
    news_site: NewsSite,
) -> None:
    page = news_page().replace('<meta charset="utf-8">', "")
    news_site.routes["/gammal"] = Route(page.encode("cp1252"), "text/html")

    article = import_source(news_site.url("/gammal")).blocks[0]

    assert isinstance(article, ArticleBlock)
    assert "Piteå, Kalix, Boden, Älvsbyn" in article.body


def test_a_missing_page_says_what_the_server_answered(news_site: NewsSite) -> None:
    url = news_site.url("/nyheter/finns-inte")
    with pytest.raises(ImportSourceError) as raised:
        import_source(url)
    assert str(raised.value) == (
        f"Could not download “{url}”: the server answered “404 Not Found”. Check the address "
        "in a web browser."
    )


def test_a_server_that_does_not_answer_is_given_up_with_a_clear_message(
    news_site: NewsSite,
) -> None:
    news_site.routes["/tyst"] = Route(b"", hold=threading.Event())
    url = news_site.url("/tyst")
    with pytest.raises(ImportSourceError, match=r"did not answer within 0\.2 seconds") as raised:
        fetch(url, 1000, timeout=0.2)
    assert url in str(raised.value)


def test_an_oversized_answer_is_refused(news_site: NewsSite) -> None:
    news_site.routes["/stor"] = Route(b"<p>" + b"x" * 3_000_000)
    with pytest.raises(ImportSourceError, match="larger than 1 MB"):
        fetch(news_site.url("/stor"), 1_000_000)


def test_an_oversized_answer_is_refused_even_when_it_hides_its_length(
    news_site: NewsSite,
) -> None:
    # A server that says it sends little and sends a lot: the cap counts what arrives.
    news_site.routes["/stor"] = Route(b"x" * 3_000_000, headers={})
    downloaded = fetch(news_site.url("/stor"), 4_000_000)
    assert len(downloaded.data) == 3_000_000
    with pytest.raises(ImportSourceError, match="larger than"):
        fetch(news_site.url("/stor"), 2_999_999)


def test_only_web_addresses_are_followed(news_site: NewsSite) -> None:
    with pytest.raises(ImportSourceError, match="only web addresses that start with http"):
        import_source("ftp://127.0.0.1/planet.html")
    with pytest.raises(ImportSourceError, match="only web addresses that start with http"):
        import_source("file:///etc/passwd")
    news_site.routes["/flytt"] = Route(
        status=302, headers={"Location": "file:///etc/passwd"}, content_type="text/plain"
    )
    with pytest.raises(ImportSourceError, match="leads on to “file:///etc/passwd”"):
        import_source(news_site.url("/flytt"))
    # urllib itself would follow ftp://; the importer does not.
    news_site.routes["/ftp"] = Route(
        status=302, headers={"Location": "ftp://127.0.0.1/planet.html"}, content_type="text/plain"
    )
    with pytest.raises(ImportSourceError, match=r"leads on to “ftp://127\.0\.0\.1/planet\.html”"):
        import_source(news_site.url("/ftp"))


def test_a_redirect_to_another_web_address_is_followed(news_site: NewsSite) -> None:
    news_site.routes["/planet"] = Route(
        status=301, headers={"Location": "/nyheter/planet"}, content_type="text/plain"
    )
    article = import_source(news_site.url("/planet")).blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.headline == "Planet" and article.image is not None


def test_an_address_that_is_not_a_web_page_is_refused(news_site: NewsSite) -> None:
    url = news_site.url("/images/nyheter/IMG_5383.jpg")
    with pytest.raises(ImportSourceError, match="not a web page but a file of the type"):
        import_source(url)


def test_a_page_without_an_article_is_refused(news_site: NewsSite) -> None:
    news_site.routes["/tom"] = Route(b"<html><body><nav><a href='/'>Start</a></nav></body></html>")
    with pytest.raises(ImportSourceError, match="no article was found on the page"):
        import_source(news_site.url("/tom"))


def test_a_picture_that_cannot_be_downloaded_is_left_out_with_a_note(
    news_site: NewsSite,
) -> None:
    del news_site.routes["/images/nyheter/IMG_5383.jpg"]
    imported = import_source(news_site.url("/nyheter/planet"))
    article = imported.blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.image is None and article.body
    assert len(imported.notes) == 1
    assert "404 Not Found" in imported.notes[0]
