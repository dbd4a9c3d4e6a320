"""Draws the links row's icons (website and social media) into resources/link-icons/.

Run once; the PNGs are committed. Each icon is drawn four times larger than it is saved and
scaled down, for smooth edges, at PIXEL_DENSITY times the 24 px it is shown at: 48 × 48 px.
The light variant (dark ink) is for light paper, the dark variant (light ink) for dark mode.
The marks are simple shapes of our own that readers recognise, not the companies' logos.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 48  # saved size: 24 px shown, twice for sharp screens
SCALE = 4  # drawn at this multiple, then scaled down
CANVAS = SIZE * SCALE
INKS = {"": (59, 68, 80, 255), "-dark": (230, 232, 235, 255)}
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

Painter = Callable[[ImageDraw.ImageDraw, Image.Image], None]


def _tile(draw: ImageDraw.ImageDraw) -> None:
    """A rounded square filling the icon: the ground the letter marks are cut out of."""
    inset = 2 * SCALE
    draw.rounded_rectangle(
        [inset, inset, CANVAS - inset, CANVAS - inset], radius=9 * SCALE, fill=255
    )


def _cut_text(draw: ImageDraw.ImageDraw, text: str, size: int, offset: tuple[int, int]) -> None:
    font = ImageFont.truetype(str(FONT), size * SCALE)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = (CANVAS - (right - left)) // 2 - left + offset[0] * SCALE
    y = (CANVAS - (bottom - top)) // 2 - top + offset[1] * SCALE
    draw.text((x, y), text, font=font, fill=0)


def website(draw: ImageDraw.ImageDraw, _mask: Image.Image) -> None:
    """A globe: an outline, its equator and two meridians."""
    pad, line = 4 * SCALE, 3 * SCALE
    box = [pad, pad, CANVAS - pad, CANVAS - pad]
    draw.ellipse(box, outline=255, width=line)
    middle = CANVAS // 2
    draw.line([pad, middle, CANVAS - pad, middle], fill=255, width=line)
    draw.ellipse(
        [middle - 8 * SCALE, pad, middle + 8 * SCALE, CANVAS - pad], outline=255, width=line
    )
    for y in (15, 33):  # two parallels, each as wide as the globe is there
        draw.line(
            [middle - 17 * SCALE, y * SCALE, middle + 17 * SCALE, y * SCALE],
            fill=255,
            width=2 * SCALE,
        )


def facebook(draw: ImageDraw.ImageDraw, _mask: Image.Image) -> None:
    """A lower-case f cut out of a rounded square."""
    _tile(draw)
    _cut_text(draw, "f", 36, (2, 4))


def linkedin(draw: ImageDraw.ImageDraw, _mask: Image.Image) -> None:
    """ "in" cut out of a rounded square."""
    _tile(draw)
    _cut_text(draw, "in", 24, (0, 1))


def x(draw: ImageDraw.ImageDraw, _mask: Image.Image) -> None:
    """An X of one heavy and one light stroke, on a rounded square."""
    _tile(draw)
    a, b = 13 * SCALE, CANVAS - 13 * SCALE
    draw.line([a, a, b, b], fill=0, width=5 * SCALE)
    draw.line([a, b, b, a], fill=0, width=2 * SCALE)


def instagram(draw: ImageDraw.ImageDraw, _mask: Image.Image) -> None:
    """A camera: a rounded outline, a lens and a dot."""
    pad, line = 5 * SCALE, 4 * SCALE
    draw.rounded_rectangle(
        [pad, pad, CANVAS - pad, CANVAS - pad], radius=11 * SCALE, outline=255, width=line
    )
    middle = CANVAS // 2
    radius = 9 * SCALE
    draw.ellipse(
        [middle - radius, middle - radius, middle + radius, middle + radius],
        outline=255,
        width=line,
    )
    dot = 34 * SCALE
    draw.ellipse(
        [dot - 3 * SCALE, 14 * SCALE - 3 * SCALE, dot + 3 * SCALE, 14 * SCALE + 3 * SCALE], fill=255
    )


def youtube(draw: ImageDraw.ImageDraw, _mask: Image.Image) -> None:
    """A play triangle cut out of a wide rounded rectangle."""
    draw.rounded_rectangle(
        [2 * SCALE, 9 * SCALE, CANVAS - 2 * SCALE, CANVAS - 9 * SCALE], radius=10 * SCALE, fill=255
    )
    draw.polygon(
        [(19 * SCALE, 16 * SCALE), (19 * SCALE, 32 * SCALE), (33 * SCALE, 24 * SCALE)], fill=0
    )


ICONS: dict[str, Painter] = {
    "website": website,
    "facebook": facebook,
    "linkedin": linkedin,
    "x": x,
    "instagram": instagram,
    "youtube": youtube,
}


def draw_icon(paint: Painter, ink: tuple[int, int, int, int]) -> Image.Image:
    """One icon in ``ink`` on a transparent ground, SIZE pixels square."""
    mask = Image.new("L", (CANVAS, CANVAS), 0)
    paint(ImageDraw.Draw(mask), mask)
    mask = mask.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    icon = Image.new("RGBA", (SIZE, SIZE), (*ink[:3], 0))
    icon.putalpha(mask)
    return icon


def main(folder: Path) -> None:
    """Draw every icon in both variants into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, paint in ICONS.items():
        for suffix, ink in INKS.items():
            # optimize, no metadata: the files go into every email as they are.
            draw_icon(paint, ink).save(folder / f"{name}{suffix}.png", optimize=True)


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parent.parent / "resources" / "link-icons"
    )
