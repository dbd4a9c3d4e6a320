"""The email's HTML has the structure email clients need, in every theme (EMAIL.md, issue 3).

Each test renders a newsletter, parses the result with lxml and asserts what Gmail, Outlook or
Apple Mail depend on; none compares strings of markup.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from composer.errors import RenderError
from composer.model import (
    THEMES,
    BlockBase,
    Bundle,
    ImageStore,
    Newsletter,
    Organisation,
    Settings,
    make_block,
)
from composer.render import (
    contrast_ratio,
    relative_resolver,
    render,
    theme,
    theme_colours,
)

#: What Gmail shows before "[Message clipped]"; the email must stay below it.
GMAIL_CLIP_BYTES = 102 * 1000
#: The email services' merge tags for the unsubscribe link, as users type them.
MERGE_TAGS = ("*|UNSUB|*", "{{ UnsubscribeURL }}", "[unsubscribe]", "{unsubscribe_url}")

#: A paragraph as long as the sample's (about 300 characters of Swedish).
PARAGRAPH = (
    "<p>Torsdagen den 25 oktober presenterades SERN-projektet Planet och riktlinjer för "
    "framgångsrika projekt på ett seminarium i Bryssel, där Norrbotten är med som "
    "projektexempel. Regionens kommuner, landstinget och kommunförbundet deltar i arbetet, "
    "som pågår under hela 2012 och har utbildat tjänstemän från fem länder.</p>"
)


# --- helpers --------------------------------------------------------------------------------


def themed(bundle: Bundle, name: str, **changes: Any) -> Bundle:
    """``bundle`` in theme ``name``, with other settings changed as given."""
    settings = bundle.newsletter.settings.model_copy(update={"theme": name, **changes})
    return Bundle(bundle.newsletter.model_copy(update={"settings": settings}), bundle.images)


def html_of(bundle: Bundle) -> str:
    return render(bundle.newsletter, relative_resolver(bundle.images)).html


def parse(html: str) -> Any:
    return lxml_html.document_fromstring(html)


def styles(element: Any) -> dict[str, str]:
    """The inline style of ``element`` as a property → value mapping."""
    declarations = (part.split(":", 1) for part in element.get("style", "").split(";") if part)
    return {name.strip(): value.strip() for name, value in declarations}


def style_blocks(doc: Any) -> list[str]:
    """The text of the ``<style>`` elements every client sees (not Outlook's conditional one)."""
    return [style.text or "" for style in doc.iter("style")]


def top_level_rules(css: str) -> list[tuple[str, str]]:
    """(prelude, body) of each top-level rule: ``("@media (…)", "…")`` or ``(".x", "…")``."""
    rules, depth, start, opened = [], 0, 0, 0
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                opened = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append((css[start:opened].strip(), css[opened + 1 : index]))
                start = index + 1
    return rules


def comments(doc: Any) -> list[str]:
    return [comment.text or "" for comment in doc.iter(etree.Comment)]


def jpeg(width: int, height: int, shade: int = 90) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (shade, 110, 150)).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def article(images: ImageStore, number: int) -> BlockBase:
    """A full-length article: category line, headline, photo, caption, three paragraphs, button."""
    photo = images.add(jpeg(1600, 1000, number * 7 % 255), "jpg", f"IMG_{5383 + number}.JPG")
    return make_block(
        "article",
        category="Projekt",
        date=dt.date(2012, 11, 1),
        headline=f"Riktlinjer för framgångsrika projekt, del {number}",
        image=photo,
        image_alt="Seminariedeltagare framför en filmduk där Planet-projektet presenteras.",
        image_caption="Seminariet om Planet och MaNTT i Bryssel den 25 oktober.",
        body=PARAGRAPH * 3,
        link_label="Läs mer om Planet-projektet",
        link_url=f"https://www.northsweden.eu/nyheter/planet-{number}",
    )


def thirty_articles(theme_name: str) -> Bundle:
    """A long issue: masthead, 30 full-length articles, a contact person, every footer link."""
    images = ImageStore()
    settings = Settings(
        subject="Norra Sverige i EU – nyhetsbrev november 2012",
        preheader="Trettio nyheter från Bryssel.",
        theme=theme_name,  # type: ignore[arg-type]
        organisation=Organisation(
            name="North Sweden European Office",
            postal_address="Rue du Luxembourg 3\n1000 Bryssel, Belgien",
            website="https://www.northsweden.eu",
        ),
        unsubscribe_url="https://www.northsweden.eu/nyhetsbrev/avregistrera",
        web_version_url="https://www.northsweden.eu/nyhetsbrev/2012-11",
        logo=images.add(_png(400, 96), "png", "logo.png"),
    )
    blocks = [make_block("masthead", title="Norra Sverige i EU", tagline="November 2012")]
    blocks += [article(images, number) for number in range(30)]
    blocks.append(
        make_block(
            "contact",
            heading="Mer information",
            label="Kontaktperson",
            name="Mikael Janson",
            email="mikael.janson@northsweden.eu",
            photo=images.add(jpeg(240, 240), "jpg", "janson.jpg"),
        )
    )
    return Bundle(Newsletter(settings=settings, blocks=tuple(blocks)), images)


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (255, 255, 255, 0)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(params=THEMES)
def theme_name(request: pytest.FixtureRequest) -> str:
    """Each theme a user can choose."""
    name: str = request.param
    return name


@pytest.fixture
def doc(sample: Bundle, theme_name: str) -> Any:
    """The sample newsletter rendered in each theme, parsed."""
    return parse(html_of(themed(sample, theme_name)))


# --- the skeleton ---------------------------------------------------------------------------


def test_head_declares_language_charset_viewport_colour_schemes_and_subject(
    sample: Bundle, doc: Any
) -> None:
    root = doc.getroottree().getroot()
    assert (root.get("lang"), root.get("dir")) == ("sv", "ltr")
    metas = doc.xpath("//head/meta")
    assert metas[0].get("charset") == "utf-8"  # first, before any text the client decodes
    named = {meta.get("name"): meta.get("content") for meta in metas if meta.get("name")}
    assert named["viewport"] == "width=device-width, initial-scale=1"
    assert named["color-scheme"] == named["supported-color-schemes"] == "light dark"
    assert doc.findtext(".//title") == sample.newsletter.settings.subject
    # Gmail removes <html>: the wrapper around the content repeats the language.
    wrapper = doc.body.xpath("./div[@role='article']")[0]
    assert (wrapper.get("lang"), wrapper.get("dir")) == ("sv", "ltr")


def test_english_newsletter_is_marked_english(sample: Bundle) -> None:
    doc = parse(html_of(themed(sample, "minimal", language="en")))
    assert doc.getroottree().getroot().get("lang") == "en"
    assert doc.body.xpath("./div[@role='article']")[0].get("lang") == "en"


def test_preheader_comes_first_hidden_and_padded(sample: Bundle, doc: Any) -> None:
    first = doc.body[0]
    preheader = sample.newsletter.settings.preheader
    assert first.tag == "div"
    assert first.text_content().startswith(preheader)
    # The filler keeps the client from pulling body text into the preview line.
    assert first.text_content()[len(preheader) :].count("\u200c\u00a0") >= 40
    hidden = styles(first)
    assert hidden["display"] == "none"
    assert hidden["mso-hide"] == "all"
    assert hidden["max-height"] == "0" and hidden["overflow"] == "hidden"


def as_text(html: str) -> str:
    """``html`` as a mail program that ignores CSS shows it on a terminal (w3m, in mutt).

    w3m's rendering if it is installed, else the text content with pictures as their alt
    text; without what a terminal draws as nothing, the format characters (a zero-width
    non-joiner, say).
    """
    w3m = shutil.which("w3m")
    if w3m is not None:
        text = subprocess.run(
            [w3m, "-dump", "-T", "text/html", "-O", "UTF-8", "-cols", "78"],
            input=html.encode(),
            capture_output=True,
            check=True,
        ).stdout.decode()
    else:
        doc = parse(html)
        for image in doc.iter("img"):
            image.tail = f"{image.get('alt', '')}\n{image.tail or ''}"
        text = doc.text_content()
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def test_preheader_filler_is_blank_where_css_is_ignored(sample: Bundle, theme_name: str) -> None:
    # Issue 15: its combining grapheme joiners showed as a row of boxes in neomutt.
    preheader = sample.newsletter.settings.preheader
    text = as_text(html_of(themed(sample, theme_name)))
    # The preheader, wrapped as it may be, then the filler up to the logo's description.
    shown = re.search(r"\s+".join(map(re.escape, preheader.split())), text)
    assert shown is not None
    after = text[shown.end() :]
    filler = after[: after.index(sample.newsletter.settings.organisation.name)]
    assert filler.isspace()
    assert not any(unicodedata.category(char).startswith("M") for char in filler)


def test_without_preheader_nothing_hidden_precedes_the_content(sample: Bundle) -> None:
    doc = parse(html_of(themed(sample, "classic", preheader="")))
    assert doc.body[0].get("role") == "article"


def test_layout_is_presentational_tables_in_a_centred_600px_container(doc: Any) -> None:
    tables = doc.xpath("//table")
    assert tables
    for table in tables:
        assert table.get("role") == "presentation"
        assert (table.get("border"), table.get("cellpadding"), table.get("cellspacing")) == (
            "0",
            "0",
            "0",
        )
    container = doc.xpath("//table[@width='600']")
    assert len(container) == 1
    assert container[0].get("align") == "center"
    # Fluid for phones, capped for everything that reads CSS: not max-width alone.
    assert styles(container[0])["max-width"] == "600px"


def test_outlook_gets_its_ghost_table_dpi_and_line_height_fixes(doc: Any) -> None:
    notes = comments(doc)
    head = " ".join(comment.text or "" for comment in doc.head.iter(etree.Comment))
    assert "<o:PixelsPerInch>96</o:PixelsPerInch>" in head
    assert "mso-line-height-rule:exactly" in head
    assert "mso-table-lspace:0pt" in head
    # Word shows Times New Roman when a stack's first font is missing: name one Windows has.
    for stack in re.findall(r"font-family:([^!;}]+)!important", head):
        assert stack.split(",")[0] in ("Arial", "Georgia"), stack
    ghost = [note for note in notes if note.startswith("[if mso]><table")]
    assert len(ghost) == 1
    assert re.search(r'width="600"', ghost[0]) and 'align="center"' in ghost[0]
    assert any(note == "[if mso]></td></tr></table><![endif]" for note in notes)


def test_nothing_clients_strip_or_block(doc: Any) -> None:
    for tag in ("script", "form", "iframe", "video", "object", "embed", "link"):
        assert not doc.xpath(f"//{tag}"), tag
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        assert not (element.get("src") or "").startswith("data:")
        declared = styles(element)
        assert "position" not in declared and "float" not in declared
        assert declared.get("display") not in ("flex", "grid")


#: The one rule of the colour-pair block that is not a colour: Thunderbird's dark reader leaves
#: an email alone when its root element's filter holds invert(1); this one inverts twice.
THUNDERBIRD_OPT_OUT = (":root:not(:-moz-focusring)", "filter:invert(1) invert(1)")


def test_style_blocks_hold_colour_pairs_media_queries_and_outlook_com_rules(doc: Any) -> None:
    pairs, media, outlook_com = style_blocks(doc)
    for prelude, body in top_level_rules(pairs):
        if (prelude, body) == THUNDERBIRD_OPT_OUT:
            continue
        # Colours only, each a light-dark() pair: outside a media query, for Thunderbird.
        assert re.fullmatch(r"([\w-]+:light-dark\(#\w{6},#\w{6}\)!important;?)+", body), body
    preludes = [prelude for prelude, _body in top_level_rules(media)]
    assert all(prelude.startswith("@media") for prelude in preludes)
    phone = [p for p in preludes if re.fullmatch(r"@media \(max-width: ?620px\)", p)]
    assert len(phone) == 1
    assert any(re.fullmatch(r"@media \(prefers-color-scheme: ?dark\)", p) for p in preludes)
    # Outlook.com's rules sit apart: a client that rejects the block keeps the phone layout.
    for prelude, _body in top_level_rules(outlook_com):
        for selector in prelude.split(","):
            assert selector.strip().startswith(("[data-ogsc]", "[data-ogsb]")), selector


def declarations(body: str) -> list[tuple[str, str]]:
    """(property, value) of each declaration in a rule's body, ``!important`` left out."""
    found = (part.split(":", 1) for part in body.split(";") if part.strip())
    return [(name.strip(), value.replace("!important", "").strip()) for name, value in found]


def long_hex(colour: str) -> str:
    """``#abc`` as ``#aabbcc`` (premailer shortens colours where it can)."""
    if re.fullmatch(r"#\w{3}", colour):
        return "#" + "".join(digit * 2 for digit in colour[1:])
    return colour


def test_colour_pairs_are_the_inline_colours_and_the_dark_modes(doc: Any) -> None:
    pairs, media, _outlook_com = style_blocks(doc)
    dark_block = next(body for prelude, body in top_level_rules(media) if "color-scheme" in prelude)
    # Only colours pair: which links-row icons show (display) changes in the query alone.
    dark = {
        (selector.strip(), name): value
        for prelude, body in top_level_rules(dark_block)
        for selector in prelude.split(",")
        for name, value in declarations(body)
        if name != "display"
    }
    paired = {
        (selector.strip(), name): re.fullmatch(r"light-dark\((#\w+),(#\w+)\)", value).groups()
        for prelude, body in top_level_rules(pairs)
        if (prelude, body) != THUNDERBIRD_OPT_OUT
        for selector in prelude.split(",")
        for name, value in declarations(body)
    }
    # The same rules as the dark media query, with the same dark colours.
    assert {key: dark_colour for key, (_light, dark_colour) in paired.items()} == dark
    # Their light colours are those the elements carry inline: nothing changes in light mode.
    checked = 0
    for (selector, name), (light, _dark) in paired.items():
        for element in doc.cssselect(selector):
            inline = styles(element).get(name)
            if inline is not None:
                assert long_hex(inline) == light, (selector, name)
                checked += 1
    assert checked > 10


def test_kept_rules_keep_their_important_so_they_beat_inline_styles(doc: Any) -> None:
    for css in style_blocks(doc):
        declarations = re.findall(r"[{;]\s*([\w-]+:[^;{}]+)", css)
        assert declarations
        for declaration in declarations:
            if not declaration.startswith(("box-sizing", "filter")):
                assert declaration.rstrip().endswith("!important"), declaration


def test_every_class_left_is_one_a_kept_rule_uses(doc: Any) -> None:
    selectors = " ".join(
        prelude for css in style_blocks(doc) for prelude, _ in top_level_rules(css)
    )
    selectors += " ".join(body for css in style_blocks(doc) for _, body in top_level_rules(css))
    used = set(re.findall(r"\.([A-Za-z_][\w-]*)", selectors))
    for element in doc.xpath("//*[@class]"):
        for name in element.get("class").split():
            assert name in used, name


# --- blocks ---------------------------------------------------------------------------------


def test_images_carry_alt_and_their_display_width(sample: Bundle, theme_name: str) -> None:
    doc = parse(html_of(themed(sample, theme_name)))
    variables = theme(theme_name)
    images = doc.xpath("//img")
    assert len(images) == 3
    for image in images:
        assert image.get("width").isdigit() and image.get("height").isdigit()
        declared = styles(image)
        assert declared["display"] == "block"
        assert declared["border"] == "0"
        # Thunderbird shows a picture at its full (retina, twice as wide) size when clicked,
        # with !important rules from a stylesheet: the style attribute's !important wins.
        assert declared["height"] == "auto !important"
        assert declared["cursor"] == "auto"  # no zoom cursor
    logo, photo, portrait = images
    assert styles(logo)["max-width"] == styles(photo)["max-width"] == "100% !important"
    assert logo.get("alt") and photo.get("alt")
    # The name beside the portrait describes it; the sample's description only repeats it.
    assert portrait.get("alt") == ""
    assert int(logo.get("width")) == variables.logo_width
    assert styles(logo)["width"] == f"{variables.logo_width}px !important"
    # The 1600 × 1000 photo fills the theme's picture slot; its height keeps the proportions.
    assert int(photo.get("width")) == variables.image_width
    assert int(photo.get("height")) == round(variables.image_width * 1000 / 1600)
    assert styles(photo)["width"] == "100% !important"
    assert portrait.get("width") == "96"
    assert styles(portrait)["width"] == "96px !important"
    assert styles(portrait)["border-radius"] == "50%"  # round at any size


@pytest.mark.parametrize(
    ("kind", "fields", "beside"),
    [
        ("contact", {"name": "Mikael Janson", "photo_alt": "Mikael Janson"}, True),
        ("contact", {"name": "Mikael Janson", "photo_alt": ""}, True),
        ("contact", {"name": "Mikael Janson", "photo_alt": "Mikael Janson i Bryssel"}, False),
        ("image", {"alt": "Seminariet i Bryssel.", "caption": "Seminariet i Bryssel."}, True),
        ("image", {"alt": "Tio personer runt ett bord.", "caption": "Seminariet."}, False),
        ("article", {"image_alt": "Planet", "image_caption": "planet"}, True),
    ],
)
def test_a_description_that_repeats_the_text_beside_it_is_empty(
    theme_name: str, kind: str, fields: dict[str, str], beside: bool
) -> None:
    images = ImageStore()
    picture = images.add(jpeg(400, 300), "jpg", "bild.jpg")
    field = {"contact": "photo", "image": "image", "article": "image"}[kind]
    newsletter = Newsletter(
        settings=Settings(theme=theme_name),  # type: ignore[arg-type]
        blocks=(make_block(kind, **{field: picture}, **fields),),
    )
    image = parse(html_of(Bundle(newsletter, images))).xpath("//img")[0]
    written = fields.get("photo_alt", fields.get("alt", fields.get("image_alt")))
    assert image.get("alt") == ("" if beside else written)


def test_a_logo_described_as_the_title_beside_it_has_an_empty_description(
    theme_name: str,
) -> None:
    images = ImageStore()
    settings = Settings(
        theme=theme_name,  # type: ignore[arg-type]
        logo=images.add(_png(400, 96), "png", "logo.png"),
        organisation=Organisation(name="Norra Sverige i EU"),
    )
    title = make_block("masthead", title="Norra Sverige i EU")
    logo = parse(html_of(Bundle(Newsletter(settings=settings, blocks=(title,)), images)))
    assert logo.xpath("//img")[0].get("alt") == ""
    other = make_block("masthead", title="Nyhetsbrev november 2012")
    logo = parse(html_of(Bundle(Newsletter(settings=settings, blocks=(other,)), images)))
    assert logo.xpath("//img")[0].get("alt") == "Norra Sverige i EU"


def test_small_picture_is_centred_not_stretched(theme_name: str) -> None:
    images = ImageStore()
    small = images.add(jpeg(200, 100), "jpg", "diagram.jpg")
    newsletter = Newsletter(
        settings=Settings(theme=theme_name),  # type: ignore[arg-type]
        blocks=(make_block("image", image=small, alt="Diagram över budgeten"),),
    )
    doc = parse(render(newsletter, relative_resolver(images)).html)
    image = doc.xpath("//img")[0]
    assert image.get("width") == "200"
    assert styles(image)["width"] == "200px !important"  # never Thunderbird's full size
    assert image.getparent().get("align") == "center"


def test_decorative_picture_has_empty_alt(theme_name: str) -> None:
    images = ImageStore()
    ornament = images.add(jpeg(1200, 60), "jpg", "band.jpg")
    newsletter = Newsletter(
        settings=Settings(theme=theme_name),  # type: ignore[arg-type]
        blocks=(make_block("image", image=ornament, alt="Band", decorative=True),),
    )
    image = parse(render(newsletter, relative_resolver(images)).html).xpath("//img")[0]
    assert image.get("alt") == ""


def fonts(stack: str) -> list[str]:
    return [name.strip() for name in stack.split(",")]


def test_headings_are_real_with_explicit_sizes_and_the_theme_font(
    doc: Any, theme_name: str
) -> None:
    assert [h1.text_content() for h1 in doc.xpath("//h1")] == ["Norra Sverige i EU"]
    assert [h2.text_content() for h2 in doc.xpath("//h2")] == ["Planet", "Norra Sverige i EU"]
    variables = theme(theme_name)
    container = doc.xpath("//table[@width='600']")[0]
    assert fonts(styles(container)["font-family"]) == fonts(variables.font)
    for heading in doc.xpath("//h1 | //h2"):
        declared = styles(heading)
        for name in ("font-size", "line-height", "margin", "color"):
            assert name in declared, (heading.tag, name)
        # Named where it differs from the font every element inherits from the container.
        font = declared.get("font-family", styles(container)["font-family"])
        assert fonts(font) == fonts(variables.heading_font)


def test_paragraphs_carry_size_line_height_margin_and_colour(doc: Any) -> None:
    paragraphs = doc.xpath("//td[contains(@class, 'tx')]//p")
    assert len(paragraphs) >= 6
    for paragraph in paragraphs:
        declared = styles(paragraph)
        assert int(declared["font-size"].removesuffix("px")) >= 16
        for name in ("line-height", "margin", "color"):
            assert name in declared


def test_links_are_coloured_and_underlined_inline(doc: Any) -> None:
    links = [a for a in doc.xpath("//a") if not a.xpath("ancestor::td[contains(@class, 'btn')]")]
    assert len(links) >= 5  # body link, contact email, website, unsubscribe, web version
    for link in links:
        declared = styles(link)
        assert declared["text-decoration"] == "underline", link.get("href")
        assert re.fullmatch(r"#[0-9a-f]{3,6}", declared["color"]), link.get("href")


def test_button_is_bulletproof_with_a_vml_twin_for_outlook(sample: Bundle, doc: Any) -> None:
    url = "https://www.northsweden.eu/nyheter/planet"
    cells = doc.xpath("//td[contains(@class, 'btn')]")
    assert len(cells) == 1
    link = cells[0].xpath(".//a")[0]
    assert link.get("href") == url and link.text_content() == "Läs mer om Planet-projektet"
    assert styles(link)["display"] == "inline-block" and "padding" in styles(link)
    vml = [note for note in comments(cells[0]) if "v:roundrect" in note]
    assert len(vml) == 1
    assert vml[0].startswith("[if mso]>") and vml[0].endswith("<![endif]")
    assert f'href="{url}"' in vml[0]
    assert "Läs mer om Planet-projektet</center>" in vml[0]
    # The link itself is hidden from Outlook, which shows the VML button in its place.
    opener = link.getprevious()
    assert isinstance(opener, etree._Comment) and opener.text == "[if !mso]><!"


def test_contact_is_two_columns_that_stack_on_phones(doc: Any) -> None:
    row = doc.xpath("//table[contains(@class, 'cbox')]/tr")[0]
    columns = row.xpath("./td")
    assert len(columns) == 2
    assert columns[0].xpath(".//img") and "Mikael Janson" in columns[1].text_content()
    assert all("col" in column.get("class").split() for column in columns)
    assert columns[0].get("width") == "116"
    phone = next(
        body
        for css in style_blocks(doc)
        for prelude, body in top_level_rules(css)
        if "max-width" in prelude
    )
    assert re.search(r"\.col\{display:block!important;width:100%!important", phone)


def test_divider_is_a_table_row_not_an_hr(doc: Any) -> None:
    assert not doc.xpath("//hr")
    rules = [
        td
        for td in doc.xpath("//td")
        if "border-top" in styles(td)
        and td.getparent().getparent().tag == "table"
        and not td.text_content().strip()
    ]
    assert len(rules) == 1
    assert rules[0].getparent().tag == "tr"


def test_footer_names_the_sender_and_links_unsubscribe_and_web_version(
    sample: Bundle, doc: Any
) -> None:
    footer = doc.xpath("//table[@width='600']/tr[last()]/td")[0]
    text = footer.text_content()
    settings = sample.newsletter.settings
    assert settings.organisation.name in text
    assert "Rue du Luxembourg 3, 1000 Bryssel, Belgien" in text
    links = {a.text_content(): a.get("href") for a in footer.xpath(".//a")}
    assert links["Avregistrera"] == settings.unsubscribe_url
    assert links["Visa i webbläsaren"] == settings.web_version_url
    assert links["northsweden.eu"] == settings.organisation.website


@pytest.mark.parametrize("tag", MERGE_TAGS)
def test_merge_tags_reach_the_href_exactly_as_typed(
    sample: Bundle, theme_name: str, tag: str
) -> None:
    html = html_of(themed(sample, theme_name, unsubscribe_url=tag, web_version_url=tag))
    footer = parse(html).xpath("//table[@width='600']/tr[last()]/td")[0]
    hrefs = [a.get("href") for a in footer.xpath(".//a")]
    assert hrefs.count(tag) == 2
    assert f'href="{tag}"' in html  # not URL-encoded, not joined to a base URL
    assert "merge-tag.invalid" not in html


# --- themes and colours ---------------------------------------------------------------------


def test_broken_theme_file_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from composer.render import themes

    theme.cache_clear()
    monkeypatch.setattr(themes, "read_template_text", lambda name: '{"font": "Arial"}')
    try:
        with pytest.raises(RenderError, match=r"theme “classic” has a broken theme\.json"):
            theme("classic")
    finally:
        monkeypatch.undo()
        theme.cache_clear()


def test_unknown_theme_is_a_clear_error() -> None:
    with pytest.raises(RenderError, match="no theme called “glossy”"):
        theme("glossy")


def test_themes_look_different(sample: Bundle) -> None:
    classic, minimal = (parse(html_of(themed(sample, name))) for name in ("classic", "minimal"))
    assert styles(classic.xpath("//h1")[0])["color"] == "#fff"  # on the coloured masthead
    assert styles(minimal.xpath("//h1")[0])["color"] != "#fff"  # on white space
    assert styles(classic.body)["background-color"] != styles(minimal.body)["background-color"]


def test_accent_colour_reaches_masthead_buttons_links_and_category_line(
    sample: Bundle, theme_name: str
) -> None:
    accent = "#8a1538"  # dark enough to stay as chosen
    doc = parse(html_of(themed(sample, theme_name, accent_color=accent)))
    masthead = doc.xpath("//table[@width='600']/tr[1]/td")[0]
    assert styles(masthead)["background-color"] == accent
    button = doc.xpath("//td[contains(@class, 'btn')]")[0]
    assert accent in styles(button).get("background-color", styles(button).get("border", ""))
    assert accent in etree.tostring(button, encoding="unicode")  # the VML twin too
    body_link = doc.xpath("//td[contains(@class, 'tx')]//a")[0]
    assert styles(body_link)["color"] == accent
    category = doc.xpath("//p[contains(@class, 'meta')]")[0]
    assert styles(category)["color"] == accent
    default = parse(html_of(themed(sample, theme_name)))
    assert styles(default.xpath("//p[contains(@class, 'meta')]")[0])["color"] != accent


@pytest.mark.parametrize("accent", ["#f5c400", "#00ff00", "#1f5c99", "#000000", "#ffffff"])
def test_any_accent_gives_readable_text(theme_name: str, accent: str) -> None:
    colours = theme_colours(accent, theme_name)
    assert contrast_ratio("#ffffff", colours["accent"]) >= 4.5  # white text on masthead, button
    for ground in ("paper", "box"):  # body text and the contact box hold links
        assert contrast_ratio(colours["link"], colours[ground]) >= 4.5
        assert contrast_ratio(colours["link_dark"], colours[f"dark_{ground}"]) >= 4.5


def test_theme_text_colours_pass_wcag_aa_in_light_and_dark(theme_name: str) -> None:
    colours = theme_colours("#1f5c99", theme_name)
    for scheme in ("", "dark_"):
        for text in ("text", "muted"):
            for background in ("paper", "box", "page"):
                ratio = contrast_ratio(colours[scheme + text], colours[scheme + background])
                assert ratio >= 4.5, (scheme, text, background)


def test_dark_mode_rules_for_apple_mail_and_outlook_com(theme_name: str, doc: Any) -> None:
    colours = theme_colours("#1f5c99", theme_name)
    rules = {prelude: body for css in style_blocks(doc) for prelude, body in top_level_rules(css)}
    dark = next(body for prelude, body in rules.items() if "prefers-color-scheme" in prelude)
    outlook_com = " ".join(body for prelude, body in rules.items() if "[data-og" in prelude)
    outlook_selectors = " ".join(prelude for prelude in rules if "[data-og" in prelude)
    for css in (dark, outlook_com):
        assert f"background-color:{colours['dark_paper']}!important" in css
        assert f"color:{colours['dark_text']}!important" in css
        assert f"color:{colours['link_dark']}!important" in css
    assert "[data-ogsc] .tx" in outlook_selectors and "[data-ogsb] .c" in outlook_selectors
    # Outlook.com darkens every colour it finds: the masthead is told to keep the accent,
    # so the logo stays on the colour it was made for.
    assert "[data-ogsb] .mh" in outlook_selectors


# --- size -----------------------------------------------------------------------------------


def test_sample_is_lean(sample: Bundle, theme_name: str) -> None:
    size = len(html_of(themed(sample, theme_name)).encode("utf-8"))
    assert size < 20 * 1024, size


def test_thirty_full_articles_stay_under_gmails_clipping_limit(theme_name: str) -> None:
    bundle = thirty_articles(theme_name)
    html = html_of(bundle)
    doc = parse(html)
    assert len(doc.xpath("//h2")) == 30
    assert len(doc.xpath("//td[contains(@class, 'btn')]")) == 30
    assert len(doc.xpath("//img")) == 32
    assert len(html.encode("utf-8")) < GMAIL_CLIP_BYTES, len(html.encode("utf-8"))


def test_rendering_is_deterministic(sample: Bundle, theme_name: str) -> None:
    bundle = themed(sample, theme_name)
    assert html_of(bundle) == html_of(bundle)
