"""Draws the pictures of the bundled sample newsletter (run once; the results are committed).

The seed names a camera photo, IMG_5383, that we do not have; this draws a stand-in of the
seminar it shows: the Planet presentation on a screen in front of an audience in Brussels.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def seminar(path: Path) -> None:
    width, height = 1600, 1000
    rng = random.Random(5383)
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    for y in range(height):  # warm wall, darker towards the floor
        shade = int(205 - 90 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade, int(shade * 0.93), int(shade * 0.84)))
    for x in range(0, width, 160):  # wall panels
        draw.line([(x, 0), (x, 560)], fill=(170, 156, 138), width=3)
    # Projection screen with the presentation.
    draw.rectangle([430, 90, 1170, 520], fill=(60, 60, 60))
    draw.rectangle([440, 100, 1160, 510], fill=(246, 248, 250))
    draw.rectangle([440, 100, 1160, 190], fill=(31, 92, 153))
    draw.text((470, 118), "PLANET", font=font("DejaVuSans-Bold.ttf", 54), fill="white")
    body = font("DejaVuSans.ttf", 30)
    draw.text((470, 220), "Riktlinjer för framgångsrika projekt", font=body, fill=(30, 40, 50))
    draw.text((470, 270), "Sweden-Emilia-Romagna Network", font=body, fill=(30, 40, 50))
    for i, line in enumerate(["Projektplanering", "Tematiska nätverk", "Europa för medborgarna"]):
        y = 340 + i * 48
        draw.ellipse([478, y + 10, 494, y + 26], fill=(31, 92, 153))
        draw.text((512, y), line, font=body, fill=(60, 70, 80))
    # Speaker at a lectern.
    draw.ellipse([1255, 300, 1315, 370], fill=(214, 170, 140))
    draw.rectangle([1235, 370, 1335, 560], fill=(40, 48, 66))
    draw.polygon([(1200, 470), (1370, 470), (1350, 700), (1220, 700)], fill=(92, 62, 40))
    # Audience: rows of heads and shoulders, nearer rows larger and darker.
    for row, (y, size, tone) in enumerate([(640, 60, 70), (730, 80, 52), (850, 105, 34)]):
        x = -40 + row * 37
        while x < width + 60:
            hair = tone + rng.randint(-12, 18)
            colour = (hair, int(hair * 0.9), int(hair * 0.8))
            draw.rounded_rectangle(
                [x - size * 0.9, y + size * 0.7, x + size * 0.9, y + size * 2.6],
                radius=int(size * 0.5),
                fill=(
                    tone + rng.randint(0, 60),
                    tone + rng.randint(0, 40),
                    tone + rng.randint(20, 70),
                ),
            )
            draw.ellipse([x - size / 2, y, x + size / 2, y + size * 1.15], fill=colour)
            x += size * 2.1 + rng.randint(-10, 20)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.effect_noise((width, height), 18).convert("RGB")
    img = Image.blend(img, noise, 0.06)
    img.save(path, "JPEG", quality=88, optimize=True)


def logo(path: Path) -> None:
    # White mark and wordmark with a dark outline: legible on the accent colour and in dark mode.
    img = Image.new("RGBA", (400, 96), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for i, radius in enumerate((40, 30, 20)):
        draw.arc(
            [8 + 40 - radius, 48 - radius, 8 + 40 + radius, 48 + radius],
            200,
            340,
            fill=(255, 255, 255, 255 - i * 50),
            width=7,
        )
    draw.text(
        (100, 18),
        "NORTH SWEDEN",
        font=font("DejaVuSans-Bold.ttf", 28),
        fill="white",
        stroke_width=1,
        stroke_fill=(0, 0, 0, 90),
    )
    draw.text(
        (101, 56),
        "European Office · Brussels",
        font=font("DejaVuSans.ttf", 18),
        fill=(255, 255, 255, 230),
        stroke_width=1,
        stroke_fill=(0, 0, 0, 60),
    )
    img.save(path, "PNG", optimize=True)


def portrait(path: Path) -> None:
    size = 240
    img = Image.new("RGB", (size, size), (200, 214, 226))
    draw = ImageDraw.Draw(img)
    for y in range(size):
        shade = int(222 - 40 * y / size)
        draw.line([(0, y), (size, y)], fill=(shade - 20, shade - 6, shade))
    draw.rounded_rectangle([40, 150, 200, 320], radius=70, fill=(38, 52, 74))
    draw.polygon([(105, 150), (120, 190), (135, 150)], fill=(240, 240, 240))
    draw.ellipse([78, 48, 162, 150], fill=(226, 186, 158))
    draw.chord([74, 38, 166, 120], 180, 360, fill=(120, 92, 66))
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    img.save(path, "JPEG", quality=86, optimize=True)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/sample-images")
    out.mkdir(parents=True, exist_ok=True)
    seminar(out / "IMG_5383.jpg")
    logo(out / "north-sweden-logo.png")
    portrait(out / "mikael-janson.jpg")
    print(f"Wrote the sample pictures to {out}")
