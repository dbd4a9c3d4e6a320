"""Colours: mixing, WCAG luminance and contrast, and the palette a theme derives from the accent."""

from __future__ import annotations

import functools

from composer.render.themes import theme


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0–1) of the way towards ``other``."""
    a, b = _rgb(colour), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _readable(colour: str, background: str, towards: str) -> str:
    """``colour`` moved towards ``towards`` until it reaches WCAG AA contrast on ``background``."""
    for step in range(11):
        candidate = mix(colour, towards, step / 10)
        if contrast_ratio(candidate, background) >= 4.5:
            return candidate
    return towards


def theme_colours(accent: str, theme_name: str = "classic") -> dict[str, str]:
    """The palette a theme draws from: its own colours plus those derived from the accent.

    The accent keeps its hue but is darkened where white text sits on it (masthead, buttons),
    and links are darkened on paper or lightened on the dark-mode paper until they reach WCAG
    AA contrast, so any accent the user picks stays readable. Dark-mode colours carry a
    ``dark_`` prefix.
    """
    return dict(_palette(accent, theme_name))


@functools.lru_cache(maxsize=64)
def _palette(accent: str, theme_name: str) -> tuple[tuple[str, str], ...]:
    # Cached: every render needs it and the contrast searches are the slow part.
    variables = theme(theme_name)
    light, dark = variables.light, variables.dark
    colours = light.model_dump(exclude={"link", "box"})
    colours.update(
        {f"dark_{key}": value for key, value in dark.model_dump(exclude={"link", "box"}).items()}
    )
    tint = mix(accent, light.paper, 0.92)
    colours["tint"] = tint
    colours["box"] = tint if light.box == "tint" else light.box
    colours["dark_box"] = mix(accent, dark.paper, 0.85) if dark.box == "tint" else dark.box
    colours["accent"] = _readable(accent, "#ffffff", "#000000")
    # Links sit on the paper and in the contact box: readable on the lesser contrast of both.
    light_ground = min(colours["paper"], colours["box"], key=relative_luminance)
    dark_ground = max(colours["dark_paper"], colours["dark_box"], key=relative_luminance)
    colours["link"] = light.link or _readable(accent, light_ground, "#000000")
    colours["link_dark"] = dark.link or _readable(accent, dark_ground, "#ffffff")
    return tuple(colours.items())


def button_colours(colour: str, theme_name: str, outline: bool) -> dict[str, str]:
    """The colours of a button drawn in ``colour`` (an accent of its own), kept readable.

    As for the accent: a filled button's colour is darkened until its white text reaches WCAG
    AA contrast (and keeps it in dark mode); an outline button's line and text are darkened on
    the paper, and lightened on the dark-mode paper, until they reach it there.

    Returns:
        ``fill`` and ``text`` (filled), or ``line``, ``text`` and ``dark`` (outline).
    """
    return dict(_button_colours(colour.lower(), theme_name, outline))


@functools.lru_cache(maxsize=64)
def _button_colours(colour: str, theme_name: str, outline: bool) -> tuple[tuple[str, str], ...]:
    variables = theme(theme_name)
    if not outline:
        fill = _readable(colour, "#ffffff", "#000000")
        return (("fill", fill), ("text", "#ffffff"))
    light = _readable(colour, variables.light.paper, "#000000")
    dark = _readable(colour, variables.dark.paper, "#ffffff")
    return (("line", light), ("text", light), ("dark", dark))
