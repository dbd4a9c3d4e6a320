"""Importing a Word document (.docx): the article block, its picture, and the email it makes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from importers.import_sources import PHOTO_ALT, PHOTO_CAPTION, PLANET_URL, word_document
from lxml import html as lxml_html
from PIL import Image

from composer.errors import ImportSourceError
from composer.importers import Imported, import_source
from composer.model import ArticleBlock, Newsletter
from composer.render import relative_resolver, render


def _exported(imported: Imported) -> lxml_html.HtmlElement:
    """The email the imported blocks make, parsed."""
    newsletter = Newsletter(blocks=tuple(imported.blocks))
    result = render(newsletter, relative_resolver(imported.images))
    return lxml_html.document_fromstring(result.html)


def _texts(elements: list[lxml_html.HtmlElement]) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def test_a_word_article_becomes_an_article_block_with_its_photo(tmp_path: Path) -> None:
    imported = import_source(word_document(tmp_path / "Planet.docx", second_article=False))

    assert [block.kind for block in imported.blocks] == ["article"]
    article = imported.blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.headline == "Planet"
    assert article.signature == "/Johan Leymann"
    assert article.image is not None
    assert article.image_alt == PHOTO_ALT
    assert article.image_caption == PHOTO_CAPTION
    # The photo is the one Word holds, kept whole in the document's images.
    with Image.open(io.BytesIO(imported.images.get(article.image))) as picture:
        assert picture.size == (1600, 1067)
    assert article.image.extension == "jpg"

    body = lxml_html.fragment_fromstring(article.body, create_parent="div")
    assert _texts(body.xpath("./p[1]/strong")) == ["Planet"]
    assert _texts(body.xpath("./p/em")) == ["Bryssel"]
    assert _texts(body.xpath("./ul/li")) == ["Sverige", "Italien", "Finland", "Spanien", "Polen"]
    assert _texts(body.xpath("./ol/li")) == [
        "Planera tillsammans",
        "Dela ansvaret",
        "Utvärdera öppet",
    ]
    # The table: a paragraph per row, the header row in bold, the cells apart.
    paragraphs = _texts(body.xpath("./p"))
    assert "Kommun · Deltagare" in paragraphs
    assert "Piteå · 3" in paragraphs and "Kalix · 2" in paragraphs
    assert _texts(body.xpath("./p/strong[contains(., 'Kommun')]")) == ["Kommun · Deltagare"]
    assert body.xpath("./p/a/@href") == [PLANET_URL]
    # Neither headline, caption nor signature is repeated in the body.
    assert not {"Planet", PHOTO_CAPTION, "/Johan Leymann"} & set(paragraphs)


def test_the_exported_email_shows_the_word_article(tmp_path: Path) -> None:
    imported = import_source(word_document(tmp_path / "Planet.docx", second_article=False))
    email = _exported(imported)

    assert "Planet" in _texts(email.xpath("//h1|//h2|//h3"))
    photo = email.xpath(f"//img[@alt='{PHOTO_ALT}']")
    assert len(photo) == 1 and photo[0].get("src").startswith("images/")
    assert _texts(email.xpath("//ul/li")) == ["Sverige", "Italien", "Finland", "Spanien", "Polen"]
    assert len(email.xpath("//ol/li")) == 3
    assert email.xpath(f"//a[@href='{PLANET_URL}']")
    assert any(text == "Kalix · 2" for text in _texts(email.xpath("//p")))
    assert any("/Johan Leymann" in text for text in _texts(email.xpath("//p|//td")))


def test_one_article_per_heading_when_asked(tmp_path: Path) -> None:
    path = word_document(tmp_path / "Nyheter.docx")

    together = import_source(path)
    apart = import_source(path, split_headings=True)

    # In one: what follows the signature is a text block after the article.
    assert [(block.kind, block.display_name()) for block in together.blocks] == [
        ("article", "Planet"),
        ("text", "Norra Sverige i EU"),
    ]
    assert [block.display_name() for block in apart.blocks] == ["Planet", "Norra Sverige i EU"]
    first, second = apart.blocks
    assert isinstance(first, ArticleBlock) and isinstance(second, ArticleBlock)
    assert first.signature == "/Johan Leymann" and first.image is not None
    assert second.body.startswith("<p>North Sweden arbetar")
    assert second.image is None


def test_an_old_word_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "Planet.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    with pytest.raises(ImportSourceError, match=r"older Word document \(\.doc\).*save it as"):
        import_source(old)


@pytest.mark.parametrize(
    "content",
    [b"", b"PK\x03\x04 not really a zip", b"plain text, renamed"],
    ids=["empty", "broken zip", "text"],
)
def test_what_is_not_a_docx_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "Planet.docx"
    path.write_bytes(content)
    with pytest.raises(ImportSourceError, match=r"“Planet\.docx”: it is not a Word document"):
        import_source(path)


def test_a_zip_without_word_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "Planet.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("content.xml", "<office:document/>")
    with pytest.raises(ImportSourceError, match="not a Word document"):
        import_source(path)


def test_a_docx_that_unpacks_to_gigabytes_is_refused_unread(tmp_path: Path) -> None:
    path = word_document(tmp_path / "Planet.docx", second_article=False)
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("word/media/bomb.bin", bytes(1000), compress_type=zipfile.ZIP_DEFLATED)
    # The entry says it unpacks to 500 MB, as 500 MB of zeros would (they compress to 0.5 MB);
    # the size is read from the archive's directory, before anything is unpacked.
    data = bytearray(path.read_bytes())
    record = data.rfind(b"PK\x01\x02")
    assert data[record + 46 : record + 46 + 19] == b"word/media/bomb.bin"
    data[record + 24 : record + 28] = (500 * 1024 * 1024).to_bytes(4, "little")
    path.write_bytes(data)
    with pytest.raises(ImportSourceError, match="unpacks to more than"):
        import_source(path)


def test_a_damaged_picture_is_left_out_with_a_note(tmp_path: Path) -> None:
    path = word_document(tmp_path / "Planet.docx", second_article=False)
    # The photo's bytes replaced by something no image reader knows.
    with zipfile.ZipFile(path) as package:
        entries = {info.filename: package.read(info) for info in package.infolist()}
    media = next(name for name in entries if name.startswith("word/media/"))
    entries[media] = b"\x01\x00\x00\x00" + bytes(200)
    with zipfile.ZipFile(path, "w") as package:
        for name, content in entries.items():
            package.writestr(name, content)

    imported = import_source(path)

    article = imported.blocks[0]
    assert isinstance(article, ArticleBlock)
    assert article.image is None and article.image_alt == ""
    assert len(imported.notes) == 1
    assert imported.notes[0].startswith(
        "The picture “Planet-1.jpg” was left out: Planet-1.jpg is not a picture"
    )
    assert not imported.images.data
