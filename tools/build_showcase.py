"""Builds the bundled showcase: a newsletter that uses every block type and every option.

Run ``python tools/build_showcase.py``; it rewrites ``resources/samples/showcase/``. Its
pictures are drawn here (and in make_sample_images.py, which draws the sample's); the links
row's icons are the program's own (tools/draw_link_icons.py). ``picture_fields`` is where each
picture is given to its block, with whatever else a picture carries.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from make_sample_images import logo, portrait, seminar  # noqa: E402

from composer.model import (  # noqa: E402
    Crop,
    ImageRef,
    ImageStore,
    Newsletter,
    Organisation,
    Settings,
    make_block,
)
from composer.storage import document_bytes  # noqa: E402

OUT = ROOT / "resources" / "samples" / "showcase"


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def _sky(
    draw: ImageDraw.ImageDraw,
    width: int,
    height: int,
    top: tuple[int, ...],
    bottom: tuple[int, ...],
) -> None:
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def aurora() -> bytes:
    """Northern lights over a frozen lake and a line of spruce."""
    width, height = 1600, 1000
    rng = random.Random(66)
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    _sky(draw, width, 620, (8, 14, 38), (18, 52, 70))
    lights = Image.new("RGB", (width, height), (0, 0, 0))
    glow = ImageDraw.Draw(lights)
    for band in range(3):
        base = 220 + band * 90
        for x in range(0, width, 4):
            y = base + 70 * math.sin(x / (260 + band * 40) + band)
            glow.line(
                [(x, y), (x, y + 160 - band * 30)],
                fill=(40, 200 - band * 30, 120 + band * 40),
                width=4,
            )
    lights = lights.filter(ImageFilter.GaussianBlur(28))
    img = Image.blend(img, lights, 0.55)
    draw = ImageDraw.Draw(img)
    for _ in range(220):  # stars
        x, y = rng.randrange(width), rng.randrange(420)
        draw.point((x, y), fill=(235, 240, 255))
    _sky(ImageDraw.Draw(img), 0, 0, (0,), (0,))
    draw.rectangle([0, 620, width, height], fill=(196, 214, 226))  # ice
    for y in range(620, height, 6):
        draw.line([(0, y), (width, y)], fill=(180 + (y % 18), 200 + (y % 12), 216), width=1)
    for x in range(-20, width, 38):  # spruce on the far shore
        tall = rng.randrange(60, 130)
        draw.polygon([(x, 622), (x + 19, 622 - tall), (x + 38, 622)], fill=(10, 22, 26))
    return _jpeg(img)


def harbour() -> bytes:
    """A harbour at dusk: red boat houses and their reflections."""
    width, height = 1600, 1000
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    _sky(draw, width, 560, (246, 178, 107), (252, 226, 180))
    draw.ellipse([1100, 330, 1260, 490], fill=(255, 236, 200))
    _sky(ImageDraw.Draw(img), 0, 0, (0,), (0,))
    draw.rectangle([0, 560, width, height], fill=(62, 96, 122))
    for i, x in enumerate(range(80, width - 200, 250)):
        h = 170 + (i % 3) * 30
        draw.rectangle([x, 560 - h, x + 180, 560], fill=(150, 36, 30))
        draw.polygon(
            [(x - 14, 560 - h), (x + 90, 560 - h - 90), (x + 194, 560 - h)], fill=(60, 40, 36)
        )
        draw.rectangle([x + 60, 560 - 110, x + 120, 560], fill=(236, 228, 214))
        for y in range(566, 566 + h, 8):  # reflection
            draw.line([(x, y), (x + 180, y)], fill=(112, 60, 62), width=3)
    return _jpeg(img.filter(ImageFilter.GaussianBlur(1)))


def meeting() -> bytes:
    """A round table seen from above, with notebooks and cups."""
    width, height = 1920, 1200
    img = Image.new("RGB", (width, height), (214, 204, 188))
    draw = ImageDraw.Draw(img)
    draw.ellipse([500, 140, 1420, 1060], fill=(150, 104, 64))
    draw.ellipse([530, 170, 1390, 1030], fill=(170, 122, 78))
    for angle in range(0, 360, 60):
        a = math.radians(angle)
        cx, cy = 960 + 330 * math.cos(a), 600 + 330 * math.sin(a)
        draw.rectangle([cx - 70, cy - 50, cx + 70, cy + 50], fill=(246, 246, 240))
        draw.line([(cx - 50, cy - 20), (cx + 50, cy - 20)], fill=(120, 130, 150), width=4)
        draw.line([(cx - 50, cy + 5), (cx + 30, cy + 5)], fill=(120, 130, 150), width=4)
        ux, uy = 960 + 220 * math.cos(a + 0.4), 600 + 220 * math.sin(a + 0.4)
        draw.ellipse([ux - 30, uy - 30, ux + 30, uy + 30], fill=(250, 250, 250))
        draw.ellipse([ux - 20, uy - 20, ux + 20, uy + 20], fill=(90, 54, 30))
    return _jpeg(img.filter(ImageFilter.GaussianBlur(1.2)))


def smaller(data: bytes, width: int) -> bytes:
    """A JPEG ``width`` pixels wide: a narrow slot needs no camera-sized picture."""
    with Image.open(io.BytesIO(data)) as image:
        height = round(image.height * width / image.width)
        return _jpeg(image.resize((width, height), Image.Resampling.LANCZOS))


def picture_fields(
    ref: ImageRef,
    alt: str,
    image_field: str = "image",
    alt_field: str = "",
    crop: Crop | None = None,
) -> dict[str, object]:
    """The fields that give a block its picture: the picture (cropped or not), its description."""
    return {
        image_field: ref.model_copy(update={"crop": crop}),
        alt_field or f"{image_field}_alt": alt,
    }


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def build() -> None:
    images = ImageStore()
    with tempfile.TemporaryDirectory() as tmp:
        drawn = Path(tmp)
        seminar(drawn / "seminar.jpg")
        logo(drawn / "logo.png")
        portrait(drawn / "portrait.jpg")
        photo = images.add(
            smaller((drawn / "seminar.jpg").read_bytes(), 800), "jpg", "seminarium.jpg"
        )
        logo_ref = images.add((drawn / "logo.png").read_bytes(), "png", "north-sweden-logo.png")
        face = images.add((drawn / "portrait.jpg").read_bytes(), "jpg", "mikael-janson.jpg")
    lights = images.add(aurora(), "jpg", "norrsken.jpg")
    small_lights = images.add(smaller(aurora(), 1000), "jpg", "norrsken-liten.jpg")
    boats = images.add(harbour(), "jpg", "hamnen.jpg")
    small_boats = images.add(smaller(harbour(), 800), "jpg", "hamnen-liten.jpg")
    table = images.add(smaller(meeting(), 1000), "jpg", "motet.jpg")

    settings = Settings(
        subject="Alla delar av ett nyhetsbrev – visning",
        preheader="Sidoartiklar, två spalter, knappar, länkrad och mellanrum i ett och samma brev.",
        language="sv",
        issue_date=dt.date(2026, 12, 1),
        issue_number="Nr 12/2026",
        sender_name="North Sweden European Office",
        sender_email="info@northsweden.eu",
        organisation=Organisation(
            name="North Sweden European Office",
            postal_address="Rue du Luxembourg 3\n1000 Bryssel, Belgien",
            website="https://www.northsweden.eu",
        ),
        unsubscribe_url="https://www.northsweden.eu/nyhetsbrev/avregistrera",
        web_version_url="https://www.northsweden.eu/nyhetsbrev/visning",
        theme="classic",
        accent_color="#1f5c99",
        logo=logo_ref,
        logo_alt="North Sweden European Office",
    )
    blocks = (
        make_block(
            "masthead",
            id="masthead",
            title="Norra Sverige i EU",
            tagline="Visning av alla block och val",
        ),
        make_block(
            "article",
            id="article",
            category="Evenemang",
            date=dt.date(2026, 12, 1),
            headline="Norrsken över Bryssel",
            **picture_fields(lights, "Norrsken i grönt över en frusen sjö och en rad granar."),
            image_caption="En artikel med bilden över hela bredden.",
            body=p(
                "Den 10 december visar vi norra Sverige i Bryssel: film, mat och samtal om "
                "regionens framtid i Europa.",
                "Välkommen till kontoret i Bryssel från klockan 17.",
            ),
            signature="/Mikael Janson",
            link_label="Anmäl dig till kvällen",
            link_url="https://www.northsweden.eu/evenemang/norrsken",
        ),
        make_block(
            "side",
            id="side-left",
            category="Projekt",
            headline="Planet samlar nätverket",
            **picture_fields(photo, "Seminariedeltagare framför en filmduk."),
            image_side="left",
            body=p(
                "En sidoartikel med bilden till vänster. På mobilen hamnar bilden ovanför texten."
            ),
            link_label="Läs om Planet",
            link_url="https://www.northsweden.eu/nyheter/planet",
        ),
        make_block(
            "side",
            id="side-right",
            category="Regionen",
            headline="Hamnarna rustas",
            **picture_fields(small_boats, "Röda sjöbodar vid en hamn i skymningen."),
            image_side="right",
            body=p("Samma slags block med bilden till höger, för omväxlings skull."),
            link_label="Läs om hamnarna",
            link_url="https://www.northsweden.eu/nyheter/hamnar",
        ),
        make_block(
            "columns",
            id="columns",
            **picture_fields(table, "Ett runt mötesbord med block och kaffekoppar.", "first_image"),
            first_headline="Möte om sammanhållning",
            first_body=p("Två korta nyheter sida vid sida, staplade på mobilen."),
            first_link_label="Till mötet",
            first_link_url="https://www.northsweden.eu/evenemang/mote",
            **picture_fields(small_lights, "Norrsken över en frusen sjö.", "second_image"),
            second_headline="Ansök om praktik",
            second_body=p("Praktik på kontoret i Bryssel under våren."),
            second_link_label="Om praktiken",
            second_link_url="https://www.northsweden.eu/praktik",
        ),
        make_block("spacer", id="spacer", size="medium"),
        make_block(
            "text",
            id="buttons",
            heading="Knappar",
            body=p("Temats knapp, en fylld i egen färg, en kontur för det som är mindre viktigt."),
        ),
        make_block(
            "button",
            id="button-theme",
            label="Temats knapp",
            url="https://www.northsweden.eu/knappar/tema",
        ),
        make_block(
            "button",
            id="button-centre",
            label="Fylld i egen färg, i mitten",
            url="https://www.northsweden.eu/knappar/fylld",
            style="filled",
            align="center",
            colour="#2e9e5b",
        ),
        make_block(
            "button",
            id="button-outline",
            label="Kontur till höger",
            url="https://www.northsweden.eu/knappar/kontur",
            style="outline",
            align="right",
        ),
        make_block(
            "button",
            id="button-full",
            label="Hela bredden",
            url="https://www.northsweden.eu/knappar/bredd",
            style="outline",
            width="full",
            colour="#a23b72",
        ),
        make_block("divider", id="divider", style="line"),
        make_block(
            "image",
            id="picture",
            # Cropped (free) to a 2:1 strip with every sea house whole: 1600 × 800 of the
            # 1600 × 1000 original, less sky and sea; the file keeps the whole picture.
            **picture_fields(
                boats,
                "Röda sjöbodar vid en hamn i skymningen.",
                "image",
                "alt",
                crop=Crop(left=0.0, top=0.1, width=1.0, height=0.8),
            ),
            caption="En bild för sig själv, med bildtext och länk.",
            link_url="https://www.northsweden.eu/bilder",
        ),
        make_block("divider", id="space", style="space"),
        make_block(
            "contact",
            id="contact",
            heading="Mer information",
            label="Kontaktperson",
            name="Mikael Janson",
            role="North Sweden European Office",
            email="mikael.janson@northsweden.eu",
            phone="+32 2 501 07 60",
            photo=face,
            photo_alt="",
        ),
        make_block(
            "links",
            id="links",
            website="https://www.northsweden.eu",
            facebook="https://www.facebook.com/northsweden",
            linkedin="https://www.linkedin.com/company/north-sweden",
            x="https://x.com/northsweden",
            instagram="https://www.instagram.com/northsweden",
            youtube="https://www.youtube.com/@northsweden",
        ),
    )
    newsletter = Newsletter(settings=settings, blocks=blocks)

    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "images").mkdir(parents=True)
    (OUT / "document.json").write_bytes(document_bytes(newsletter))
    for ref in newsletter.image_refs():
        (OUT / "images" / ref.filename).write_bytes(images.get(ref))
    print(f"Wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    build()
