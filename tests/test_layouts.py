"""Side-by-side blocks, button options, the links row, the spacer and the showcase (issue 13).

Structure is asserted on the parsed HTML: what the phone rules, Outlook's ghost tables and VML
shapes and the dark-mode rules need to find is there. How it looks in a browser engine is in
test_showcase_webengine.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from PIL import Image

from composer.checks import Severity, run_checks
from composer.cli import main
from composer.export import export
from composer.model import (
    BLOCK_CLASSES,
    BLOCK_KIND_NAMES,
    LINK_NETWORKS,
    PIXEL_DENSITY,
    SCHEMA_VERSION,
    SPACER_HEIGHTS,
    BlockBase,
    Bundle,
    ButtonBlock,
    ColumnsBlock,
    LinksBlock,
    SideArticleBlock,
    builtin_images,
    link_icons,
    make_block,
)
from composer.render import contrast_ratio, relative_resolver, render, theme, theme_colours
from composer.sample import EXAMPLES, load_sample
from composer.storage import load, save

NEW_KINDS = ("side", "columns", "spacer", "links")
THEMES = ("classic", "minimal")


def with_blocks(bundle: Bundle, *blocks: BlockBase, theme_name: str = "classic") -> Bundle:
    """``bundle`` with ``blocks`` after its masthead, in ``theme_name``."""
    newsletter = bundle.newsletter
    settings = newsletter.settings.model_copy(update={"theme": theme_name})
    return Bundle(
        newsletter.model_copy(
            update={"settings": settings, "blocks": (newsletter.blocks[0], *blocks)}
        ),
        bundle.images,
    )


def html_of(bundle: Bundle) -> str:
    return render(bundle.newsletter, relative_resolver(bundle.images)).html


def text_of(bundle: Bundle) -> str:
    return render(bundle.newsletter, relative_resolver(bundle.images)).text


def parse(html: str) -> Any:
    return lxml_html.document_fromstring(html)


def styles(element: Any) -> dict[str, str]:
    declared = {}
    for part in (element.get("style") or "").split(";"):
        if ":" in part:
            name, value = part.split(":", 1)
            declared[name.strip()] = value.strip().removesuffix("!important").strip()
    return declared


def long_hex(colour: str) -> str:
    """``#abc`` as ``#aabbcc``: premailer shortens the colours it inlines."""
    if re.fullmatch(r"#[0-9a-f]{3}", colour):
        return "#" + "".join(ch * 2 for ch in colour[1:])
    return colour


def kept_css(doc: Any) -> str:
    return "\n".join(style.text or "" for style in doc.xpath("//style"))


def outlook_parts(html: str) -> list[str]:
    """What only Word (Outlook for Windows) reads: the insides of ``<!--[if mso]>`` comments."""
    return re.findall(r"<!--\[if mso\]>(.*?)<!\[endif\]-->", html, re.S)


def block_rows(doc: Any, block_id_text: str) -> Any:
    """The row cell holding the text ``block_id_text``."""
    return doc.xpath(f"//td[contains(@class, 'row')][.//*[contains(text(), '{block_id_text}')]]")


@pytest.fixture
def photo(sample: Bundle) -> Any:
    return next(ref for ref in sample.newsletter.image_refs() if ref.extension == "jpg")


def side(photo: Any, image_side: str = "left", **fields: Any) -> BlockBase:
    return make_block(
        "side",
        headline="Sidonyhet",
        image=photo,
        image_alt="Ett seminarium",
        image_side=image_side,
        body="<p>Kort text bredvid bilden.</p>",
        link_url="https://example.eu/sida",
        **fields,
    )


def columns(photo: Any) -> BlockBase:
    return make_block(
        "columns",
        first_image=photo,
        first_image_alt="Vänster bild",
        first_headline="Vänster rubrik",
        first_body="<p>Vänster text.</p>",
        first_link_url="https://example.eu/vanster",
        second_image=photo,
        second_image_alt="Höger bild",
        second_headline="Höger rubrik",
        second_body="<p>Höger text.</p>",
        second_link_label="Till höger",
        second_link_url="https://example.eu/hoger",
    )


# --- side by side --------------------------------------------------------------------------


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("kind", ["side", "columns"])
def test_side_by_side_blocks_stack_on_phones_and_hold_in_outlook(
    sample: Bundle, photo: Any, kind: str, theme_name: str
) -> None:
    block = side(photo) if kind == "side" else columns(photo)
    html = html_of(with_blocks(sample, block, theme_name=theme_name))
    doc = parse(html)
    variables = theme(theme_name)
    (row,) = doc.xpath("//td[contains(@class, 'row')]")
    cells = row.xpath("./div[contains(concat(' ', @class, ' '), ' col ')]")
    assert len(cells) == 2
    # Side by side where there is room: inline blocks whose widths fill the text column.
    for cell in cells:
        assert styles(cell)["display"] == "inline-block"
        assert styles(cell)["vertical-align"] == "top"

    def px(cell: Any, name: str) -> int:
        return int(styles(cell).get(name, "0px").removesuffix("px"))

    widths = [px(c, "width") + px(c, "padding-left") + px(c, "padding-right") for c in cells]
    assert sum(widths) == variables.content_width
    # On phones each fills the column (the rule keeps !important, to beat the inline width).
    phone = re.search(r"@media \(max-width:620px\)\{(.*?)\n\}", kept_css(doc), re.S)
    assert phone is not None
    assert ".col{display:block!important;width:100%!important" in phone.group(1)
    # Word ignores inline-block: a ghost table as wide as the column holds the two cells.
    word = "".join(outlook_parts(lxml_html.tostring(row, encoding="unicode")))
    assert f'<table role="presentation" width="{variables.content_width}"' in word
    assert word.count("<table") == word.count("</table>") == 1
    cell_widths = re.findall(r'<td width="(\d+)" valign="top"', word)
    assert len(cell_widths) == 2
    assert sum(map(int, cell_widths)) + variables.column_gap == variables.content_width


def test_a_picture_on_the_right_is_still_read_first(sample: Bundle, photo: Any) -> None:
    html = html_of(with_blocks(sample, side(photo, "right")))
    doc = parse(html)
    (row,) = doc.xpath("//td[contains(@class, 'row')]")
    # Laid out from the right, read from the left: picture first in the markup, on top when
    # stacked, and on the right side by side, in browsers and in Word's ghost table alike.
    assert row.get("dir") == "rtl"
    picture_cell, text_cell = row.xpath("./div")
    assert picture_cell.xpath(".//img") and picture_cell.get("dir") == "ltr"
    assert text_cell.xpath(".//h2")[0].text == "Sidonyhet" and text_cell.get("dir") == "ltr"
    ghost = '<table role="presentation" width="536" border="0" cellpadding="0" cellspacing="0"'
    assert f'{ghost} dir="rtl">' in html
    left = parse(html_of(with_blocks(sample, side(photo, "left"))))
    assert left.xpath("//td[contains(@class, 'row')]")[0].get("dir") is None


def test_without_pictures_the_text_takes_the_room(sample: Bundle, photo: Any) -> None:
    lone = make_block("side", headline="Utan bild", body="<p>Bara text.</p>", image_side="right")
    half = columns(photo).model_copy(update={"second_image": None, "second_body": ""})
    doc = parse(html_of(with_blocks(sample, lone, half)))
    lone_row, half_row = doc.xpath("//td[contains(@class, 'row')]")
    (text,) = lone_row.xpath("./div")
    assert styles(text)["width"] == f"{theme('classic').content_width}px"
    assert lone_row.get("dir") is None  # no picture to put on the right
    assert len(half_row.xpath(".//img")) == 1
    assert half_row.xpath("./div[2]//h3")[0].text == "Höger rubrik"


def test_new_pictures_are_made_at_twice_their_slot_width(
    sample: Bundle, photo: Any, tmp_path: Path
) -> None:
    links = make_block("links", website="https://example.eu", youtube="https://youtube.com/x")
    bundle = with_blocks(sample, side(photo), columns(photo), links)
    export(bundle, tmp_path / "out", "html")
    doc = parse((tmp_path / "out" / "newsletter.html").read_text(encoding="utf-8"))
    variables = theme("classic")
    expected = {
        "Ett seminarium": variables.slot_width("side"),
        "Vänster bild": variables.column_width,
        "YouTube": variables.icon_width,
    }
    for alt, width in expected.items():
        image = doc.xpath(f"//img[@alt='{alt}']")[0]
        assert image.get("width") == str(width)
        with Image.open(tmp_path / "out" / image.get("src")) as made:
            assert made.width == width * PIXEL_DENSITY


# --- buttons -------------------------------------------------------------------------------


def button_parts(html: str, label: str) -> tuple[Any, str]:
    """The button's cell in the HTML, and its VML shape for Word."""
    doc = parse(html)
    link = doc.xpath(f"//a[text()='{label}']")[0]
    cell = link.xpath("ancestor::td[contains(@class, 'btn')]")[0]
    vml = next(part for part in outlook_parts(html) if f">{label}</center>" in part)
    return cell, vml


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_button_alignment_reaches_cell_table_and_outlook(
    sample: Bundle, theme_name: str, align: str
) -> None:
    button = make_block("button", label="Anmäl dig", url="https://example.eu", align=align)
    cell, _vml = button_parts(
        html_of(with_blocks(sample, button, theme_name=theme_name)), "Anmäl dig"
    )
    table = cell.getparent().getparent()
    outer = table.getparent()
    assert outer.get("class") == "end"
    # Word reads the table's align; browsers the cell's. Left is where both start anyway.
    assert table.get("align") == (None if align == "left" else align)
    assert outer.get("align") == (None if align == "left" else align)


@pytest.mark.parametrize("theme_name", THEMES)
def test_a_full_width_button_spans_the_column_in_html_and_vml(
    sample: Bundle, theme_name: str
) -> None:
    button = make_block("button", label="Hela vägen", url="https://example.eu", width="full")
    cell, vml = button_parts(
        html_of(with_blocks(sample, button, theme_name=theme_name)), "Hela vägen"
    )
    assert cell.getparent().getparent().get("width") == "100%"
    assert styles(cell)["text-align"] == "center"
    assert styles(cell.xpath(".//a")[0])["display"] == "block"
    assert f"width:{theme(theme_name).content_width}px" in vml
    fitted = make_block("button", label="Hela vägen", url="https://example.eu")
    cell, vml = button_parts(
        html_of(with_blocks(sample, fitted, theme_name=theme_name)), "Hela vägen"
    )
    assert cell.getparent().getparent().get("width") is None
    assert int(re.search(r"width:(\d+)px", vml).group(1)) < theme(theme_name).content_width


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("style", ["filled", "outline"])
def test_button_style_shows_in_html_and_vml(sample: Bundle, theme_name: str, style: str) -> None:
    button = make_block("button", label="Stil", url="https://example.eu", style=style)
    cell, vml = button_parts(html_of(with_blocks(sample, button, theme_name=theme_name)), "Stil")
    colours = theme_colours("#1f5c99", theme_name)
    declared = styles(cell)
    if style == "outline":
        assert "bo" in cell.get("class").split()
        assert declared["border"] == f"2px solid {colours['link']}"
        assert "background-color" not in declared
        assert f'strokecolor="{colours["link"]}"' in vml and 'stroke="f"' not in vml
        assert f'fillcolor="{colours["paper"]}"' in vml
        assert styles(cell.xpath(".//a")[0])["color"] == colours["link"]
    else:
        assert "bf" in cell.get("class").split()
        assert declared["background-color"] == colours["accent"]
        assert 'stroke="f"' in vml and f'fillcolor="{colours["accent"]}"' in vml


def test_the_theme_style_is_the_themes_own_button(sample: Bundle) -> None:
    button = make_block("button", label="Temat", url="https://example.eu")
    for theme_name in THEMES:
        cell, vml = button_parts(
            html_of(with_blocks(sample, button, theme_name=theme_name)), "Temat"
        )
        outline = theme(theme_name).button_outline
        assert ("bo" if outline else "bf") in cell.get("class").split()
        assert ("strokecolor" in vml) is outline


@pytest.mark.parametrize("style", ["filled", "outline"])
@pytest.mark.parametrize("colour", ["#ffcc00", "#2e9e5b", "#a23b72", "#ffffff", "#000000"])
def test_a_button_colour_is_kept_readable_like_the_accent(
    sample: Bundle, style: str, colour: str
) -> None:
    button = make_block(
        "button", label="Färg", url="https://example.eu", style=style, colour=colour
    )
    html = html_of(with_blocks(sample, button))
    cell, vml = button_parts(html, "Färg")
    label = long_hex(styles(cell.xpath(".//a")[0])["color"])
    own = f"k{'o' if style == 'outline' else 'f'}{colour[1:]}"
    assert own in cell.get("class").split()
    paper = theme_colours("#1f5c99", "classic")["paper"]
    if style == "filled":
        fill = long_hex(styles(cell)["background-color"])
        assert label == "#ffffff" and contrast_ratio(fill, label) >= 4.5
        assert f'fillcolor="{fill}"' in vml
    else:
        line = long_hex(styles(cell)["border-color"])
        assert line == label and contrast_ratio(line, paper) >= 4.5
        assert f'strokecolor="{line}"' in vml and f"color:{label}" in vml
        # Dark mode lightens it on the dark paper, by a rule of its own.
        dark = re.search(rf"\.btn\.{own} a\{{color:(#\w+)!important\}}", html)
        assert dark is not None
        assert contrast_ratio(dark.group(1), theme("classic").dark.paper) >= 4.5


def test_a_colour_that_is_no_colour_is_refused() -> None:
    with pytest.raises(ValueError, match="#rrggbb"):
        make_block("button", colour="red")
    assert ButtonBlock(colour="#ABCDEF").colour == "#abcdef"


# --- links row and spacer ------------------------------------------------------------------


def test_links_row_shows_an_icon_per_link_light_and_dark(sample: Bundle) -> None:
    row = make_block(
        "links",
        website="https://example.eu",
        facebook="https://facebook.com/kontoret",
        instagram="https://instagram.com/kontoret",
    )
    html = html_of(with_blocks(sample, row))
    doc = parse(html)
    links = doc.xpath("//td[contains(@class, 'lr')]//a")
    assert [a.get("href") for a in links] == [
        "https://example.eu",
        "https://facebook.com/kontoret",
        "https://instagram.com/kontoret",
    ]
    for link, alt in zip(links, ["Webbplats", "Facebook", "Instagram"], strict=True):
        light, dark = link.xpath(".//img")
        assert light.get("alt") == dark.get("alt") == alt  # the newsletter is in Swedish
        assert light.get("width") == light.get("height") == str(theme("classic").icon_width)
        assert styles(dark)["display"] == "none"
    # Word never sees the dark icons; dark mode swaps them in.
    assert all("icd" not in part for part in outlook_parts(html))
    dark_rules = re.search(r"prefers-color-scheme:dark\)\{(.*?)\n\}", kept_css(doc), re.S)
    assert dark_rules is not None
    assert ".ic{display:none!important}" in dark_rules.group(1)
    assert ".icd{display:block!important}" in dark_rules.group(1)


def test_link_icons_are_bundled_at_twice_their_size_in_both_variants() -> None:
    icons, files = link_icons(), builtin_images()
    for network in LINK_NETWORKS:
        for variant in (network, f"{network}-dark"):
            ref = icons[variant]
            data = files[ref.sha256]
            with Image.open(io.BytesIO(data)) as icon:
                assert icon.size == (48, 48) == (theme("classic").icon_width * PIXEL_DENSITY,) * 2
                assert icon.mode == "RGBA"
            assert ref.extension == "png"


def test_reducing_the_file_size_leaves_the_icons_alone(sample: Bundle) -> None:
    from composer.compact import compact

    row = make_block("links", website="https://example.eu", x="https://x.com/kontoret")
    result = compact(with_blocks(sample, row))
    assert result.bundle.newsletter.blocks[-1] == row
    assert not set(builtin_images()) & set(result.bundle.images.data)
    assert all(ref in result.bundle.images for _b, _s, ref in result.bundle.newsletter.pictures())


def test_an_empty_links_row_and_each_spacer_size(sample: Bundle) -> None:
    empty = make_block("links")
    assert html_of(with_blocks(sample, empty)).count('class="lr"') == 0
    for size, height in SPACER_HEIGHTS.items():
        doc = parse(html_of(with_blocks(sample, make_block("spacer", size=size))))
        (cell,) = doc.xpath("//table[@width='600']/tr[2]/td")
        assert cell.get("height") == str(height)
        assert styles(cell)["line-height"] == f"{height}px"
    assert SPACER_HEIGHTS["small"] < SPACER_HEIGHTS["medium"] < SPACER_HEIGHTS["large"]


# --- the text part -------------------------------------------------------------------------


def test_the_text_part_reads_side_by_side_blocks_in_order(sample: Bundle, photo: Any) -> None:
    links = make_block("links", website="https://example.eu", x="https://x.com/kontoret")
    text = text_of(
        with_blocks(sample, side(photo, "right"), columns(photo), make_block("spacer"), links)
    )
    order = [
        "Sidonyhet",
        "[Bild: Ett seminarium]",
        "Kort text bredvid bilden.",
        "Läs mer: https://example.eu/sida",
        "Vänster rubrik",
        "[Bild: Vänster bild]",
        "Vänster text.",
        "Läs mer: https://example.eu/vanster",
        "Höger rubrik",
        "[Bild: Höger bild]",
        "Höger text.",
        "Till höger: https://example.eu/hoger",
        "Webbplats: https://example.eu",
        "X: https://x.com/kontoret",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


# --- the file --------------------------------------------------------------------------------


def every_option(photo: Any) -> list[BlockBase]:
    return [
        side(photo, "right", category="Projekt", link_label="Läs"),
        columns(photo),
        make_block("spacer", size="large"),
        make_block(
            "links", **{network: f"https://example.eu/{network}" for network in LINK_NETWORKS}
        ),
        make_block(
            "button",
            label="Knapp",
            url="https://example.eu",
            align="right",
            width="full",
            style="outline",
            colour="#2e9e5b",
        ),
    ]


def test_every_new_block_round_trips_through_save_and_load(
    sample: Bundle, photo: Any, tmp_path: Path
) -> None:
    blocks = every_option(photo)
    assert {block.kind for block in blocks} >= set(NEW_KINDS)
    bundle = with_blocks(sample, *blocks)
    save(bundle, tmp_path / "alla.newsletter")
    loaded = load(tmp_path / "alla.newsletter")
    assert loaded.newsletter == bundle.newsletter
    assert loaded.newsletter.schema_version == SCHEMA_VERSION == 3
    # The icons are the program's own: the file does not carry them.
    with zipfile.ZipFile(tmp_path / "alla.newsletter") as archive:
        names = archive.namelist()
    assert not any(sha in name for sha in builtin_images() for name in names)


def test_every_new_block_type_has_a_name_in_both_languages() -> None:
    from composer.i18n import gettext_for

    assert set(BLOCK_KIND_NAMES) == set(BLOCK_CLASSES)
    swedish = gettext_for("sv")
    names = {kind: swedish(BLOCK_KIND_NAMES[kind]) for kind in NEW_KINDS}
    assert names == {
        "side": "Sidoartikel",
        "columns": "Två spalter",
        "spacer": "Mellanrum",
        "links": "Länkrad",
    }


# --- checks --------------------------------------------------------------------------------


def test_checks_find_missing_alt_text_and_bad_links_in_the_new_blocks(
    sample: Bundle, photo: Any
) -> None:
    blocks = (
        side(photo).model_copy(update={"image_alt": ""}),
        columns(photo).model_copy(
            update={"second_image_alt": "", "first_link_url": "http://example.eu/osaker"}
        ),
        make_block("links", facebook="http://facebook.com/kontoret"),
    )
    bundle = with_blocks(sample, *blocks)
    findings = run_checks(bundle, language="en")
    found = {(f.code, f.block_id, f.field) for f in findings}
    side_id, columns_id, links_id = (block.id for block in blocks)
    assert ("alt-missing", side_id, "image_alt") in found
    assert ("alt-missing", columns_id, "second_image_alt") in found
    assert ("link-http", columns_id, "first_link_url") in found
    assert ("link-http", links_id, "facebook") in found
    # The icons are described by what they link to: never an alt text finding.
    assert not any(f.code == "alt-missing" and f.block_id == links_id for f in findings)


# --- the showcase --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def showcase() -> Bundle:
    return load_sample("showcase")


def test_the_showcase_uses_every_block_type_and_option(showcase: Bundle) -> None:
    blocks = showcase.newsletter.blocks
    assert {block.kind for block in blocks} == set(BLOCK_CLASSES)
    sides = [block for block in blocks if isinstance(block, SideArticleBlock)]
    assert {block.image_side for block in sides} == {"left", "right"}
    assert any(
        isinstance(block, ColumnsBlock) and block.first_image and block.second_image
        for block in blocks
    )
    buttons = [block for block in blocks if isinstance(block, ButtonBlock)]
    assert {b.align for b in buttons} == {"left", "center", "right"}
    assert {b.width for b in buttons} == {"fitted", "full"}
    assert {b.style for b in buttons} == {"theme", "filled", "outline"}
    assert {bool(b.colour) for b in buttons} == {True, False}
    (links,) = [block for block in blocks if isinstance(block, LinksBlock)]
    assert [network for network, _url in links.links()] == list(LINK_NETWORKS)


@pytest.mark.parametrize("theme_name", THEMES)
def test_the_showcase_passes_the_checks_and_stays_small(
    showcase: Bundle, theme_name: str, tmp_path: Path
) -> None:
    bundle = with_blocks(showcase, *showcase.newsletter.blocks[1:], theme_name=theme_name)
    findings = run_checks(bundle, language="sv")
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    export(bundle, tmp_path / "out", "html")
    size = len((tmp_path / "out" / "newsletter.html").read_bytes())
    assert size < 40_000, size


def test_the_sample_command_writes_and_lists_the_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sample", "--list"]) == 0
    listed = capsys.readouterr().out
    for name in EXAMPLES:
        assert name in listed
    assert (
        main(["sample", "--example", "showcase", "-o", str(tmp_path / "visning.newsletter")]) == 0
    )
    assert load(tmp_path / "visning.newsletter").newsletter == load_sample("showcase").newsletter
    assert main(["check", str(tmp_path / "visning.newsletter")]) == 0
    capsys.readouterr()
    assert main(["sample", "--example", "karusell", "-o", str(tmp_path / "x.newsletter")]) == 2
    assert "There is no example called “karusell”; choose one of" in capsys.readouterr().err
    assert main(["sample"]) == 2
    assert "-o FILE" in capsys.readouterr().err
    assert not (tmp_path / "x.newsletter").exists()
