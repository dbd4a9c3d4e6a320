"""Tests of the export formats (html folder, zip, .eml) on real files, camera-like photos."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import email
import email.policy
import errno
import io
import os
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from PIL import ExifTags, Image

import composer.export as export_module
from composer import eml
from composer.cli import EXPORT_FORMATS, main
from composer.errors import ExportCancelled, ExportError
from composer.export import FORMATS, export
from composer.images import ImageCache, ImageError
from composer.model import (
    THEMES,
    ArticleBlock,
    Bundle,
    ImageRef,
    ImageStore,
    Newsletter,
    Organisation,
    Settings,
    make_block,
)
from composer.render import AssetResolver, RenderResult, ResolvedImage, render, theme
from composer.storage import save

SUBJECT = (
    "Nyhetsbrev från Norra Sverige – Älvsbyn, Umeå och Luleå i fokus inför höstens möten i Bryssel"
)
HEADLINES = ("Älvsbyn får ny bro över älven", "Öppet hus på kontoret i Bryssel")
RED = (220, 30, 30)
BLUE = (30, 30, 220)
# One paragraph with no line break: premailer's output then has a line far over 998 octets.
LONG_PARAGRAPH = "Åtgärderna i Norrbotten fortsätter enligt plan. " * 80

# --- photos and documents -------------------------------------------------------------------


def camera_photo(
    size: tuple[int, int], seed: int, *, orientation: int = 1, gps: bool = False
) -> bytes:
    """A JPEG like a camera's: noisy, upright red top half over blue, EXIF (maybe GPS).

    With an orientation other than 1 the pixels are stored turned, as cameras do, so that only
    honouring the EXIF tag shows the picture upright at ``size``.
    """
    width, height = size
    upright = Image.new("RGB", size, BLUE)
    upright.paste(RED, (0, 0, width, height // 2))
    noise = Image.frombytes("RGB", size, random.Random(seed).randbytes(width * height * 3))
    upright = Image.blend(upright, noise, 0.12)
    stored = {1: upright, 6: upright.transpose(Image.Transpose.ROTATE_90)}[orientation]
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 90D"
    exif[ExifTags.Base.Orientation] = orientation
    if gps:
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = (65.0, 35.0, 4.0)
        gps_ifd[ExifTags.GPS.GPSLongitudeRef] = "E"
        gps_ifd[ExifTags.GPS.GPSLongitude] = (22.0, 9.0, 15.0)
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def logo_png() -> bytes:
    image = Image.new("RGBA", (240, 60), (0, 0, 0, 0))
    image.paste((31, 92, 153, 255), (0, 0, 60, 60))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def make_project(unsubscribe: str = "https://www.northsweden.eu/avregistrera") -> Bundle:
    """A short newsletter: logo, two articles (one photo turned by EXIF, with GPS), contact."""
    store = ImageStore()
    landscape = store.add(camera_photo((1600, 1000), 1), "jpg", "IMG_5383.JPG")
    portrait = store.add(
        camera_photo((480, 640), 2, orientation=6, gps=True), "jpg", "IMG_5390.JPG"
    )
    face = store.add(camera_photo((300, 300), 3), "jpg", "mikael.jpg")
    logo = store.add(logo_png(), "png", "logo.png")
    newsletter = Newsletter(
        settings=Settings(
            subject=SUBJECT,
            preheader="Bron i Älvsbyn och öppet hus i Bryssel.",
            sender_name="Norra Sveriges Europakontor",
            sender_email="info@northsweden.eu",
            organisation=Organisation(name="North Sweden", postal_address="Rue du Luxembourg 3"),
            unsubscribe_url=unsubscribe,
            logo=logo,
            logo_alt="North Sweden",
        ),
        blocks=(
            make_block("masthead", id="head", title="Norra Sverige i EU"),
            make_block(
                "article",
                id="bro",
                headline=HEADLINES[0],
                image=landscape,
                image_alt="Den nya bron",
                body=f"<p>{LONG_PARAGRAPH}</p>",
                link_url="https://www.northsweden.eu/bro",
            ),
            make_block(
                "article",
                id="oppet-hus",
                headline=HEADLINES[1],
                image=portrait,
                image_alt="Kontoret",
                body="<p>Välkommen!</p>",
            ),
            make_block("contact", id="kontakt", name="Mikael Janson", photo=face, photo_alt="MJ"),
        ),
    )
    return Bundle(newsletter, store)


@pytest.fixture(autouse=True)
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> ImageCache:
    """An empty image cache of the test's own: the user's cache folder is never touched."""
    own = ImageCache(tmp_path_factory.mktemp("cache"))
    monkeypatch.setattr(export_module, "shared_image_cache", lambda: own)
    return own


@pytest.fixture(scope="module")
def threads() -> Iterator[concurrent.futures.Executor]:
    """Workers for the image work, shared by the tests (the CLI tests use the export's own)."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        yield pool


@pytest.fixture
def bundle() -> Bundle:
    return make_project()


Export = Callable[..., Path]


@pytest.fixture
def run(threads: concurrent.futures.Executor) -> Export:
    """``export`` with the test's thread pool."""

    def call(bundle: Bundle, path: Path, fmt: str, **options: object) -> Path:
        return export(bundle, path, fmt, executor=threads, **options)  # type: ignore[arg-type]

    return call


def parse_eml(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def image_sources(html: str) -> list[str]:
    return [str(src) for src in lxml_html.fromstring(html).xpath("//img/@src")]


def sibling_names(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


# --- eml ------------------------------------------------------------------------------------


@pytest.fixture
def eml_file(bundle: Bundle, run: Export, tmp_path: Path) -> Path:
    return run(bundle, tmp_path / "nyhetsbrev.eml", "eml")


def test_eml_is_alternative_of_text_then_html_related_to_its_images(eml_file: Path) -> None:
    message = parse_eml(eml_file)
    assert message.get_content_type() == "multipart/alternative"
    text, related = message.iter_parts()
    assert text.get_content_type() == "text/plain"
    assert text.get_content_charset() == "utf-8"
    assert related.get_content_type() == "multipart/related"
    assert related.get_param("type") == "text/html"
    html, *pictures = related.iter_parts()
    assert html.get_content_type() == "text/html"
    assert [p.get_content_type() for p in pictures] == ["image/png"] + ["image/jpeg"] * 3
    for picture in pictures:
        assert picture.get_content_disposition() == "inline"
        assert picture["Content-ID"].startswith("<")
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.(jpg|png)", picture.get_filename() or "")


def test_every_cid_in_the_html_is_a_part_and_every_part_is_shown(eml_file: Path) -> None:
    message = parse_eml(eml_file)
    html_part = message.get_body(("html",))
    assert html_part is not None
    sources = image_sources(html_part.get_content())
    assert sources
    assert all(src.startswith("cid:") for src in sources)
    parts = {
        part["Content-ID"].strip("<>"): part
        for part in message.walk()
        if part.get_content_maintype() == "image"
    }
    assert {src.removeprefix("cid:") for src in sources} == set(parts)
    for part in parts.values():
        with Image.open(io.BytesIO(part.get_content())) as picture:
            picture.load()  # a whole, decodable picture


def test_no_raw_line_is_longer_than_smtp_allows(eml_file: Path) -> None:
    message = parse_eml(eml_file)
    html_part = message.get_body(("html",))
    assert html_part is not None
    html = html_part.get_content()
    assert max(len(line.encode()) for line in html.splitlines()) > 998  # the case that matters
    assert " ".join(LONG_PARAGRAPH.split()) in " ".join(html.split())
    raw = eml_file.read_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF throughout


def test_headers_read_back_as_written(eml_file: Path) -> None:
    message = parse_eml(eml_file)
    assert message["Subject"] == SUBJECT
    assert not eml_file.read_bytes().split(b"\r\n\r\n")[0].decode("ascii").count("Älvsbyn")
    sender = message["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == (
        "Norra Sveriges Europakontor",
        "info@northsweden.eu",
    )
    recipient = message["To"].addresses[0]
    assert (recipient.display_name, recipient.addr_spec) == (
        "Mottagare",
        "recipient@example.invalid",
    )
    assert message["MIME-Version"] == "1.0"
    assert message["Message-ID"].endswith("@northsweden.eu>")
    sent = message["Date"].datetime
    assert abs(sent - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert message["List-Unsubscribe"] == "<https://www.northsweden.eu/avregistrera>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_eml_is_a_message_to_view_unless_a_draft_is_asked_for(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    # Issue 15: X-Unsent made Thunderbird open every export in its editor, From replaced.
    message = parse_eml(run(bundle, tmp_path / "visa.eml", "eml"))
    assert message["X-Unsent"] is None
    assert message["To"] is not None  # a placeholder that never delivers
    draft = parse_eml(run(bundle, tmp_path / "utkast.eml", "eml", draft=True))
    assert draft["X-Unsent"] == "1"
    # A draft's recipients are for the user to fill in; none given, none written.
    assert draft["To"] is None
    addressed = parse_eml(run(bundle, tmp_path / "till.eml", "eml", draft=True, to="a@b.se"))
    assert (addressed["X-Unsent"], addressed["To"]) == ("1", "a@b.se")
    # Otherwise the same message.
    assert draft.get_body(("html",)).get_content() == message.get_body(("html",)).get_content()


def test_only_an_eml_can_be_a_draft(bundle: Bundle, run: Export, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"Only an \.eml can be a draft"):
        run(bundle, tmp_path / "x.zip", "zip", draft=True)
    assert not (tmp_path / "x.zip").exists()


def raw_header_lines(data: bytes) -> list[str]:
    """Every header line of the message and of its parts, as written."""
    lines = []
    for block in re.split(rb"\r\n--[^\r\n]+\r\n", data):
        head = block.split(b"\r\n\r\n", 1)[0]
        if re.match(rb"[A-Za-z-]+:", head):
            lines += head.decode("ascii").split("\r\n")
    return lines


def test_header_lines_stay_within_78_characters(run: Export, tmp_path: Path) -> None:
    # Issue 15: Content-ID lines reached 93 characters with a long headline.
    bundle = make_project()
    settings = bundle.newsletter.settings.model_copy(
        update={
            "sender_email": "nyhetsbrev@regionvasterbotten-brussels.eu",
            "unsubscribe_email": "avregistrera@regionvasterbotten-brussels.eu",
            "unsubscribe_url": "https://www.regionvasterbotten-brussels.eu/nyhetsbrev/avregistrera",
        }
    )
    long_headline = bundle.newsletter.blocks[1].model_copy(
        update={"headline": "Riktlinjer för framgångsrika projekt presenterades i Bryssel i dag"}
    )
    blocks = list(bundle.newsletter.blocks)
    blocks[1] = long_headline
    newsletter = bundle.newsletter.model_copy(update={"settings": settings, "blocks": blocks})
    path = run(Bundle(newsletter, bundle.images), tmp_path / "x.eml", "eml")
    lines = raw_header_lines(path.read_bytes())
    assert sum(line.startswith("Content-ID:") for line in lines) == 4
    assert max(len(line) for line in lines) <= 78, max(lines, key=len)
    # Folded only where whitespace may go: before each link (RFC 2369 allows it).
    message = parse_eml(path)
    assert message["List-Unsubscribe"].strip() == (
        "<https://www.regionvasterbotten-brussels.eu/nyhetsbrev/avregistrera>, "
        "<mailto:avregistrera@regionvasterbotten-brussels.eu?subject=Avregistrera>"
    )


def test_text_part_is_wrapped_and_keeps_links_whole(run: Export, tmp_path: Path) -> None:
    # Issue 15: paragraphs were one line each; a headline longer than a line left a dash line.
    bundle = make_project()
    headline = "Älvsbyn får ny bro över älven – kommunen, Trafikverket och EU delar på notan"
    link = "https://www.northsweden.eu/nyheter/2012/11/alvsbyn-far-ny-bro-over-alven-trafikverket"
    blocks = list(bundle.newsletter.blocks)
    blocks[1] = blocks[1].model_copy(
        update={
            "headline": headline,
            "body": f"<p>{LONG_PARAGRAPH}<a href='{link}'>Läs mer om bron</a></p>"
            "<ul><li>Bron byggs 2013 och öppnar för trafik hösten 2014, enligt "
            "Trafikverkets tidplan som presenterades i Älvsbyn i oktober.</li></ul>",
        }
    )
    newsletter = bundle.newsletter.model_copy(update={"blocks": blocks})
    path = run(Bundle(newsletter, bundle.images), tmp_path / "x.eml", "eml")
    text_part = parse_eml(path).get_body(("plain",))
    assert text_part is not None
    lines = text_part.get_content().splitlines()
    for line in lines:
        # Only a link that is longer than a line by itself may pass 78 characters.
        assert len(line) <= 78 or re.fullmatch(r"\S*https?://\S+", line), line
    assert f"<{link}>" in lines  # whole, on a line of its own
    # The headline wraps; its underline is as long as its longest line, no longer.
    top = next(index for index, line in enumerate(lines) if line.startswith("Älvsbyn får"))
    rule = next(index for index in range(top, len(lines)) if set(lines[index]) == {"-"})
    assert rule - top == 2
    assert " ".join(lines[top:rule]) == headline
    assert lines[rule] == "-" * max(len(line) for line in lines[top:rule])
    # A list item's text stays indented under its marker.
    item = next(index for index, line in enumerate(lines) if line.startswith("- Bron byggs"))
    assert lines[item + 1].startswith("  ") and not lines[item + 1].startswith("   ")


def test_text_part_follows_the_order_of_the_html(eml_file: Path) -> None:
    # Issue 15: "[Bild: …]" came after the article, where the HTML shows the photo above it.
    message = parse_eml(eml_file)
    text = " ".join(message.get_body(("plain",)).get_content().split())
    doc = lxml_html.fromstring(message.get_body(("html",)).get_content())
    # What a reader meets, in the HTML's order: headings, pictures, paragraphs, buttons.
    seen = []
    for element in doc.body.iter("h1", "h2", "img", "p", "a"):
        if element.tag == "img":
            words = element.get("alt") or ""
            shown = f"[Bild: {words}]" if words and element.get("width") != "96" else ""
        elif element.tag == "a" and element.getparent().tag != "td":
            continue  # a link inside a paragraph is read with it
        else:
            shown = " ".join(element.text_content().split())
        if shown and shown in text and shown not in seen:
            seen.append(shown)
    assert len(seen) >= 8
    positions = [text.index(shown) for shown in seen]
    assert positions == sorted(positions), seen


def test_text_part_has_every_headline(eml_file: Path) -> None:
    text_part = parse_eml(eml_file).get_body(("plain",))
    assert text_part is not None
    text = text_part.get_content()
    for headline in HEADLINES:
        assert headline in text
    assert "Mikael Janson" in text


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://www.northsweden.eu/avregistrera?id=1",
            {
                "List-Unsubscribe": "<https://www.northsweden.eu/avregistrera?id=1>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        ),
        # RFC 8058: one-click only over https.
        ("http://www.northsweden.eu/av", {"List-Unsubscribe": "<http://www.northsweden.eu/av>"}),
        ("mailto:av@northsweden.eu", {"List-Unsubscribe": "<mailto:av@northsweden.eu>"}),
        # A merge tag is the email service's: it writes the header when it sends.
        ("*|UNSUB|*", {}),
        ("{{ UnsubscribeURL }}", {}),
        ("", {}),
    ],
)
def test_list_unsubscribe_headers_follow_the_link(link: str, expected: dict[str, str]) -> None:
    settings_ = Settings(sender_email="info@northsweden.eu", unsubscribe_url=link)
    message = eml.build_message("<p>x</p>", "x", [], settings_, to=eml.recipients(None, "sv"))
    parsed = email.message_from_bytes(eml.message_bytes(message), policy=email.policy.default)
    found = {name: parsed[name] for name in ("List-Unsubscribe", "List-Unsubscribe-Post")}
    assert {name: value for name, value in found.items() if value is not None} == expected


def test_long_unsubscribe_link_is_never_folded_or_encoded() -> None:
    link = "https://www.northsweden.eu/nyhetsbrev/avregistrera?mottagare=" + "a1b2c3" * 30
    settings_ = Settings(sender_email="info@northsweden.eu", unsubscribe_url=link)
    message = eml.build_message("<p>x</p>", "x", [], settings_, to=eml.recipients(None, "en"))
    raw = eml.message_bytes(message)
    assert f"\r\nList-Unsubscribe: <{link}>\r\n".encode() in raw


@settings(max_examples=150, deadline=None)
@given(
    subject=st.text(
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]), max_size=200
    ),
    name=st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=80),
)
def test_any_subject_and_sender_name_read_back_exactly(subject: str, name: str) -> None:
    # Python's own folding loses spaces around encoded words in such headers (cpython#144156).
    settings_ = Settings(subject=subject, sender_name=name, sender_email="info@northsweden.eu")
    message = eml.build_message("<p>x</p>", "x", [], settings_, to=eml.recipients(None, "sv"))
    raw = eml.message_bytes(message)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert (parsed["Subject"] or "") == settings_.subject
    head = raw.split(b"\r\n\r\n")[0]
    display_name = parsed["From"].addresses[0].display_name
    if "=?" in display_name or not settings_.sender_name.isascii():
        # Read as RFC 2047 says (6.2: the space between two encoded words is no text), which
        # Python's address parser does not do when a long name takes several encoded words.
        folded = re.search(rb"\r\nFrom: (.*?)\r\n(?! )", b"\r\n" + head + b"\r\n", re.S)
        assert folded is not None
        phrase = folded.group(1).decode("ascii").replace("\r\n", "").rpartition(" <")[0]
        display_name = str(make_header(decode_header(phrase)))
    assert display_name == settings_.sender_name
    assert head.isascii()
    assert max(len(line) for line in head.split(b"\r\n")) <= 998


def test_recipients_given_are_written(bundle: Bundle, run: Export, tmp_path: Path) -> None:
    path = run(bundle, tmp_path / "a.eml", "eml", to="Åsa Öberg <asa@example.se>, bo@example.se, ")
    addresses = parse_eml(path)["To"].addresses
    assert [(a.display_name, a.addr_spec) for a in addresses] == [
        ("Åsa Öberg", "asa@example.se"),
        ("", "bo@example.se"),
    ]


@pytest.mark.parametrize("to", ["", "mikael", "mikael@", "a@b@c.se"])
def test_bad_recipient_is_refused_before_any_work(
    bundle: Bundle, run: Export, tmp_path: Path, to: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "process_many", pytest.fail)
    with pytest.raises(ExportError, match=re.escape("name@example.org")):
        run(bundle, tmp_path / "a.eml", "eml", to=to)
    assert sibling_names(tmp_path) == set()


def test_missing_sender_is_an_error_that_says_where_to_fill_it_in(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    settings_ = bundle.newsletter.settings.model_copy(update={"sender_email": ""})
    bundle.newsletter = bundle.newsletter.model_copy(update={"settings": settings_})
    with pytest.raises(ExportError, match=r"sender.*settings"):
        run(bundle, tmp_path / "a.eml", "eml")
    assert not (tmp_path / "a.eml").exists()


def test_international_sender_domain_is_written_in_ascii() -> None:
    settings_ = Settings(sender_name="Kontoret", sender_email="info@kontoret-luleå.se")
    message = eml.build_message("<p>x</p>", "x", [], settings_, to=eml.recipients(None, "sv"))
    parsed = email.message_from_bytes(eml.message_bytes(message), policy=email.policy.default)
    domain = parsed["From"].addresses[0].domain
    assert domain.isascii()
    assert domain.encode("ascii").decode("idna") == "kontoret-luleå.se"


def test_content_ids_do_not_change_between_exports(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    first = parse_eml(run(bundle, tmp_path / "a.eml", "eml"))
    second = parse_eml(run(bundle, tmp_path / "b.eml", "eml"))

    def ids(message: EmailMessage) -> list[str]:
        return [part["Content-ID"] for part in message.walk() if part["Content-ID"]]

    assert ids(first) == ids(second)
    assert first["Message-ID"] != second["Message-ID"]


# --- zip and html ---------------------------------------------------------------------------


def test_zip_holds_the_html_at_its_root_and_every_image_it_shows(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    path = run(bundle, tmp_path / "nyhetsbrev.zip", "zip")
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        html = archive.read("newsletter.html").decode("utf-8")
        sources = image_sources(html)
        assert sorted(sources) == sorted(name for name in names if name != "newsletter.html")
        assert all(name.startswith("images/") and ".." not in name for name in sources)
        for name in sources:
            with Image.open(io.BytesIO(archive.read(name))) as picture:
                picture.load()
    assert names[0] == "newsletter.html"
    tree = lxml_html.fromstring(html)
    assert tree.xpath("//h2")[0].text_content() == HEADLINES[0]


def test_html_folder_sources_are_relative_files_that_exist(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    page = run(bundle, tmp_path / "ut", "html")
    assert page == tmp_path / "ut" / "newsletter.html"
    sources = image_sources(page.read_text(encoding="utf-8"))
    assert sources == [
        "images/01-logo.png",
        "images/02-alvsbyn-far-ny-bro-over-alven.jpg",
        "images/03-oppet-hus-pa-kontoret-i-bryssel.jpg",
        "images/04-mikael-janson.jpg",
    ]
    assert all((page.parent / src).is_file() for src in sources)
    assert sorted(p.name for p in (page.parent / "images").iterdir()) == sorted(
        src.removeprefix("images/") for src in sources
    )
    assert HEADLINES[1] in (page.parent / "newsletter.txt").read_text(encoding="utf-8")


def test_image_base_url_makes_sources_absolute(bundle: Bundle, run: Export, tmp_path: Path) -> None:
    page = run(bundle, tmp_path / "ut", "html", image_base_url="https://www.northsweden.eu/nb/11")
    sources = image_sources(page.read_text(encoding="utf-8"))
    assert sources
    for src in sources:
        assert src.startswith("https://www.northsweden.eu/nb/11/")
        # the files to upload are there, under the same names
        assert (page.parent / "images" / src.rsplit("/", 1)[1]).is_file()


@pytest.mark.parametrize("url", ["www.northsweden.eu/bilder", "ftp://x.se/b", "https://x.se/?a=1"])
def test_image_base_url_must_be_a_web_folder(
    bundle: Bundle, run: Export, tmp_path: Path, url: str
) -> None:
    with pytest.raises(ExportError, match=re.escape("https://www.example.org")):
        run(bundle, tmp_path / "ut", "html", image_base_url=url)


def test_size_attributes_are_those_of_the_processed_image(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    page = run(bundle, tmp_path / "ut", "html")
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    shown = {}
    for img in tree.xpath("//img"):
        width, height = int(img.get("width")), int(img.get("height"))
        with Image.open(page.parent / img.get("src")) as picture:
            file_width, file_height = picture.size
        assert height == round(file_height * width / file_width)
        assert width <= file_width <= 2 * width  # sharp on retina, never blown up
        shown[img.get("src")] = (width, height, file_width, file_height)
    # the 1600-px photo in a 600-px column: 1200 px stored, shown at 600
    assert shown["images/02-alvsbyn-far-ny-bro-over-alven.jpg"] == (600, 375, 1200, 750)
    # 480 × 640 (portrait once turned upright): not enlarged, shown at its own width, and
    # cut to the full-width slots' tallest shape, 4:5, around its centre
    assert shown["images/03-oppet-hus-pa-kontoret-i-bryssel.jpg"] == (480, 600, 480, 600)


def test_turned_camera_photo_comes_out_upright_without_exif_or_gps(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    page = run(bundle, tmp_path / "ut", "html")
    data = (page.parent / "images" / "03-oppet-hus-pa-kontoret-i-bryssel.jpg").read_bytes()
    assert b"Exif" not in data
    assert b"GPS" not in data
    with Image.open(io.BytesIO(data)) as picture:
        assert not picture.getexif()
        assert picture.info.get("progressive") or picture.info.get("progression")
        rgb = picture.convert("RGB")
    assert rgb.size == (480, 600)  # 480 × 640 cut to 4:5 in its full-width slot
    top = rgb.getpixel((240, 60))
    bottom = rgb.getpixel((240, 540))
    assert isinstance(top, tuple)
    assert isinstance(bottom, tuple)
    assert top[0] > 150 > top[2]  # red at the top: upright
    assert bottom[2] > 150 > bottom[0]


def test_exported_files_are_not_private(bundle: Bundle, run: Export, tmp_path: Path) -> None:
    # The folder goes to a web server: it must get the same permissions as any new folder.
    page = run(bundle, tmp_path / "ut", "html")
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "f").write_bytes(b"")
    assert page.parent.stat().st_mode == (tmp_path / "plain").stat().st_mode
    zip_path = run(bundle, tmp_path / "a.zip", "zip")
    assert zip_path.stat().st_mode == (tmp_path / "plain" / "f").stat().st_mode


# --- pictures: made for the slots the document declares, one render -------------------------


def every_picture_slot(bundle: Bundle) -> Bundle:
    """``bundle`` with a picture in every kind of slot: logo, article, picture block, contact."""
    newsletter = bundle.newsletter
    landscape = newsletter.blocks[1].image  # type: ignore[union-attr]
    picture = make_block("image", image=landscape, caption="Bron i kvällsljus", alt="Bron")
    blocks = (*newsletter.blocks, picture)
    return Bundle(newsletter.model_copy(update={"blocks": blocks}), bundle.images)


@pytest.mark.parametrize("theme_name", THEMES)
def test_the_layout_shows_each_picture_at_the_width_its_slot_declares(
    bundle: Bundle, theme_name: str
) -> None:
    # Export makes the pictures from the declarations before its one render: the templates
    # must ask for exactly those pictures at exactly those widths.
    newsletter = every_picture_slot(bundle).newsletter
    newsletter = newsletter.model_copy(
        update={"settings": newsletter.settings.model_copy(update={"theme": theme_name})}
    )
    asked: set[tuple[str, int]] = set()

    def recorder(ref: ImageRef, display_width: int) -> ResolvedImage:
        asked.add((ref.sha256, display_width))
        return ResolvedImage("", display_width, display_width)

    render(newsletter, recorder)
    variables = theme(theme_name)
    declared = {
        (ref.sha256, variables.slot_width(slot.kind)) for _block, slot, ref in newsletter.pictures()
    }
    assert asked == declared
    assert len({kind for _sha, kind in declared}) == 3  # logo, column and contact widths


def test_an_export_renders_the_newsletter_once(
    bundle: Bundle, run: Export, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders: list[Newsletter] = []

    def counted(newsletter: Newsletter, resolver: AssetResolver) -> RenderResult:
        renders.append(newsletter)
        return render(newsletter, resolver)

    monkeypatch.setattr(export_module, "render", counted)
    for fmt, name in (("html", "ut"), ("zip", "a.zip"), ("eml", "a.eml")):
        renders.clear()
        run(bundle, tmp_path / name, fmt)
        assert len(renders) == 1, fmt


def test_pictures_are_named_by_their_blocks_in_reading_order(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    masthead, article, other, contact = bundle.newsletter.blocks
    assert isinstance(article, ArticleBlock) and isinstance(other, ArticleBlock)
    snapshot = bundle.images.add(camera_photo((400, 300), 4), "jpg", "IMG_5400.JPG")
    blocks = (
        masthead,
        article,
        contact.model_copy(update={"name": ""}),
        make_block("image", image=other.image, caption="Bron i kvällsljus", alt="Bron"),
        # The first article's photo again, in a column as wide: the file is shared.
        make_block("image", image=article.image, alt="Bron igen"),
        make_block("image", image=snapshot),
    )
    bundle.newsletter = bundle.newsletter.model_copy(update={"blocks": blocks})
    page = run(bundle, tmp_path / "ut", "html")
    assert image_sources(page.read_text(encoding="utf-8")) == [
        "images/01-logo.png",
        "images/02-alvsbyn-far-ny-bro-over-alven.jpg",  # the headline
        "images/03-contact.jpg",  # a contact without a name: the kind of its slot
        "images/04-bron-i-kvallsljus.jpg",  # the caption
        "images/02-alvsbyn-far-ny-bro-over-alven.jpg",
        "images/05-img-5400.jpg",  # nothing but a file name: its stem
    ]
    assert len(list((page.parent / "images").iterdir())) == 5


def test_a_logo_without_a_masthead_is_not_exported(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    blocks = bundle.newsletter.blocks[1:]  # the masthead, which shows the logo, is gone
    bundle.newsletter = bundle.newsletter.model_copy(update={"blocks": blocks})
    message = parse_eml(run(bundle, tmp_path / "a.eml", "eml"))
    names = [part.get_filename() for part in message.walk() if part["Content-ID"]]
    assert names == [
        "01-alvsbyn-far-ny-bro-over-alven.jpg",
        "02-oppet-hus-pa-kontoret-i-bryssel.jpg",
        "03-mikael-janson.jpg",
    ]


# --- targets, progress, cancel ----------------------------------------------------------------


def test_export_over_an_earlier_export_replaces_it(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    target = tmp_path / "ut"
    run(bundle, target, "html")
    (target / ".DS_Store").write_bytes(b"")  # Finder was here
    newsletter = bundle.newsletter
    blocks = (newsletter.blocks[0], newsletter.blocks[2].model_copy(update={"headline": "Ny"}))
    bundle.newsletter = newsletter.model_copy(update={"blocks": blocks})
    page = run(bundle, target, "html")
    assert "Ny</h2>" in page.read_text(encoding="utf-8")
    assert sorted(p.name for p in (target / "images").iterdir()) == ["01-logo.png", "02-ny.jpg"]
    assert sibling_names(tmp_path) == {"ut"}


def test_export_into_a_folder_of_other_files_is_refused(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    target = tmp_path / "ut"
    (target / "images").mkdir(parents=True)
    (target / "images" / "semester.jpg").write_bytes(b"mine")
    with pytest.raises(ExportError, match=r"not from an earlier export \(images/semester.jpg\)"):
        run(bundle, target, "html")
    assert sibling_names(target / "images") == {"semester.jpg"}
    (target / "images" / "semester.jpg").unlink()
    (target / "budget.xlsx").write_bytes(b"mine")
    with pytest.raises(ExportError, match=re.escape("budget.xlsx")):
        run(bundle, target, "html")
    assert sibling_names(target) == {"images", "budget.xlsx"}


@pytest.mark.parametrize("fmt", ["zip", "eml"])
def test_file_export_never_overwrites_another_kind_of_file(
    bundle: Bundle, run: Export, tmp_path: Path, fmt: str
) -> None:
    document = tmp_path / "nyhetsbrev.newsletter"
    save(bundle, document)
    before = document.read_bytes()
    with pytest.raises(ExportError, match=f"not a .{fmt} file"):
        run(bundle, document, fmt)
    assert document.read_bytes() == before
    earlier = tmp_path / f"old.{fmt}"
    earlier.write_bytes(b"earlier export")
    run(bundle, earlier, fmt)
    assert earlier.read_bytes() != b"earlier export"


def test_a_link_is_written_through_but_never_to_another_kind_of_file(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    document = tmp_path / "nyhetsbrev.newsletter"
    save(bundle, document)
    before = document.read_bytes()
    (tmp_path / "lank.zip").symlink_to(document)
    with pytest.raises(ExportError, match=re.escape("not a .zip file")):
        run(bundle, tmp_path / "lank.zip", "zip")
    assert document.read_bytes() == before
    earlier = tmp_path / "delad" / "nyhetsbrev.zip"
    earlier.parent.mkdir()
    earlier.write_bytes(b"earlier export")
    (tmp_path / "senaste.zip").symlink_to(earlier)
    run(bundle, tmp_path / "senaste.zip", "zip")
    assert (tmp_path / "senaste.zip").is_symlink()
    assert zipfile.is_zipfile(earlier)
    assert sibling_names(earlier.parent) == {"nyhetsbrev.zip"}


def test_a_failed_move_keeps_the_earlier_export_and_leaves_nothing_else(
    bundle: Bundle, run: Export, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ut"
    run(bundle, target, "html")
    earlier = {path: path.read_bytes() for path in target.rglob("*") if path.is_file()}
    real_replace = os.replace

    def disk_full(source: Path, destination: Path) -> None:
        if Path(source).name.endswith(".tmp"):  # the new export moving into place
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", disk_full)
    bundle.newsletter = bundle.newsletter.model_copy(
        update={"blocks": bundle.newsletter.blocks[:2]}
    )
    with pytest.raises(ExportError, match=re.escape(f"Cannot export to “{target}”: No space")):
        run(bundle, target, "html")
    monkeypatch.undo()
    assert {path: path.read_bytes() for path in target.rglob("*") if path.is_file()} == earlier
    assert sibling_names(tmp_path) == {"ut"}


def test_progress_covers_images_and_writing(bundle: Bundle, run: Export, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    run(bundle, tmp_path / "a.zip", "zip", progress=lambda *step: seen.append(step))
    steps = [step for step, _total, _message in seen]
    assert steps == list(range(1, len(seen) + 1))
    assert {total for _step, total, _message in seen} == {len(seen)}
    assert len(seen) == 4 + 2  # four images, the render, the file
    assert seen[-1][2] == "Wrote a.zip"
    assert any("IMG_5390.JPG" in message for _step, _total, message in seen)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("when", ["after the first image", "while writing"])
def test_cancel_leaves_nothing_behind(
    bundle: Bundle, run: Export, tmp_path: Path, fmt: str, when: str
) -> None:
    parent = tmp_path / "ut"
    parent.mkdir()
    (parent / "annat.txt").write_text("keep")
    progress: list[int] = []
    last_image = len(bundle.newsletter.image_refs())

    def cancelled() -> bool:
        reached = progress[-1] if progress else 0
        return reached >= (1 if when == "after the first image" else last_image + 1)

    with pytest.raises(ExportCancelled, match="nothing was written"):
        run(
            bundle,
            parent / f"nyhetsbrev.{fmt}",
            fmt,
            progress=lambda step, _total, _message: progress.append(step),
            cancelled=cancelled,
        )
    assert sibling_names(parent) == {"annat.txt"}
    assert progress  # it was really under way


def test_cancel_removes_the_folders_it_created(bundle: Bundle, run: Export, tmp_path: Path) -> None:
    with pytest.raises(ExportCancelled):
        run(
            bundle,
            tmp_path / "ny" / "mapp" / "a.zip",
            "zip",
            progress=lambda *_: None,
            cancelled=lambda: (tmp_path / "ny").exists(),
        )
    assert sibling_names(tmp_path) == set()


def test_unusable_image_fails_the_export_and_writes_nothing(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    broken = bundle.images.add("Hej! Det här är ingen bild.\n".encode() * 10, "jpg", "IMG_9999.JPG")
    blocks = (*bundle.newsletter.blocks, make_block("image", image=broken, alt="x"))
    bundle.newsletter = bundle.newsletter.model_copy(update={"blocks": blocks})
    with pytest.raises(ImageError, match=re.escape("IMG_9999.JPG")):
        run(bundle, tmp_path / "a.eml", "eml")
    assert sibling_names(tmp_path) == set()


def test_picture_missing_from_the_document_is_named(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    article = bundle.newsletter.blocks[1]
    assert isinstance(article, ArticleBlock)
    assert article.image is not None
    ref = article.image
    del bundle.images.data[ref.sha256]
    with pytest.raises(ExportError, match=r"IMG_5383\.JPG.*missing"):
        run(bundle, tmp_path / "ut", "html")


def test_options_that_do_not_fit_the_format_are_refused(
    bundle: Bundle, run: Export, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="html export only"):
        run(bundle, tmp_path / "a.zip", "zip", image_base_url="https://x.se/b/")
    with pytest.raises(ExportError, match="eml export only"):
        run(bundle, tmp_path / "ut", "html", to="a@b.se")
    with pytest.raises(ExportError, match="not an export format"):
        run(bundle, tmp_path / "a.pdf", "pdf")


# --- cache ----------------------------------------------------------------------------------


def test_second_export_uses_the_cache_without_processing(
    bundle: Bundle, run: Export, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(bundle, tmp_path / "a", "html").read_bytes()
    monkeypatch.setattr(export_module, "process_many", pytest.fail)
    second = run(bundle, tmp_path / "b", "html").read_bytes()
    assert first == second


def test_export_cache_keys_are_the_image_cache_keys(bundle: Bundle) -> None:
    # Export looks images up by the document's hash instead of hashing them again; the two
    # must agree, or the preview and the export would not share their work.
    for ref in bundle.newsletter.image_refs():
        data = bundle.images.get(ref)
        assert export_module._cache_key(ref, 1200) == ImageCache.key(data, 1200)


# --- command line ---------------------------------------------------------------------------


def test_cli_formats_are_the_export_formats() -> None:
    assert EXPORT_FORMATS == FORMATS


def test_cli_exports_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "nyhetsbrev.newsletter"
    save(make_project(), document)
    for fmt, output in (("zip", "ut.zip"), ("eml", "ut.eml"), ("html", "ut")):
        args = ["export", str(document), "--format", fmt, "-o", str(tmp_path / output)]
        assert main([*args, "--to", "test@northsweden.eu"] if fmt == "eml" else args) == 0
    out = capsys.readouterr().out
    assert f"Exported {tmp_path / 'ut.zip'}" in out
    assert zipfile.is_zipfile(tmp_path / "ut.zip")
    assert parse_eml(tmp_path / "ut.eml")["To"] == "test@northsweden.eu"
    assert parse_eml(tmp_path / "ut.eml")["X-Unsent"] is None
    assert (tmp_path / "ut" / "newsletter.html").is_file()


def test_cli_draft_option_makes_a_draft(tmp_path: Path) -> None:
    document = tmp_path / "nyhetsbrev.newsletter"
    save(make_project(), document)
    args = ["export", str(document), "--format", "eml", "-o", str(tmp_path / "utkast.eml")]
    assert main([*args, "--draft"]) == 0
    assert parse_eml(tmp_path / "utkast.eml")["X-Unsent"] == "1"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "zip", "--image-base-url", "https://x.se/b/"], "html export only"),
        (["--format", "html", "--to", "a@b.se"], "eml export only"),
        (["--format", "zip", "--draft"], "Only an .eml can be a draft"),
        (["--format", "eml", "--to", "inte en adress"], "not an email address"),
        (["--format", "pdf"], "invalid choice"),
    ],
)
def test_cli_bad_options_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    document = tmp_path / "nyhetsbrev.newsletter"
    save(make_project(), document)
    assert main(["export", str(document), "-o", str(tmp_path / "ut"), *options]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert sibling_names(tmp_path) == {"nyhetsbrev.newsletter"}
