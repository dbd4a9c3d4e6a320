"""Buttons: what each button option (alignment, width, style, colour) makes of the markup."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from composer.model import BlockBase, ButtonBlock
from composer.render.colours import button_colours, theme_colours
from composer.render.themes import theme

#: The height of every button, in pixels (the VML shape's too).
BUTTON_HEIGHT: Final = 44


@dataclass(frozen=True)
class ButtonLook:
    """How one button is drawn.

    Attributes:
        align: ``left``, ``center`` or ``right`` in its column.
        full: across the whole column, not fitted to its text.
        outline: a line around the text on the paper, rather than a filled shape.
        width: the VML shape's width for Outlook for Windows, which cannot fit one to its text.
        fill: the filled button's colour ("" for an outline button).
        text: the colour of the label.
        line: the outline's colour ("" for a filled button).
        dark: the outline and label's colour in dark mode ("" for a filled button, which keeps
            its colour).
        colour_class: names the button's own colour in the dark-mode rules, "" for the accent.
    """

    align: str
    full: bool
    outline: bool
    width: int
    fill: str
    text: str
    line: str
    dark: str
    colour_class: str


def fitted_width(label: str, column: int) -> int:
    """A VML button's width for ``label``: about 9 px per bold 16 px Arial character and the
    padding, within the ``column`` it sits in."""
    return max(min(140, column), min(column, len(label) * 9 + 48))


def button_look(
    label: str,
    column: int,
    *,
    theme_name: str,
    accent: str,
    align: str = "left",
    width: str = "fitted",
    style: str = "theme",
    colour: str = "",
) -> ButtonLook:
    """The look of a button labelled ``label`` in a ``column`` pixels wide.

    ``style`` "theme" takes the theme's own button (filled, or an outline in a theme whose
    buttons are outlines); ``colour`` "" takes the accent, drawn as the theme's palette has it.
    """
    outline = theme(theme_name).button_outline if style == "theme" else style == "outline"
    if colour:
        own = button_colours(colour, theme_name, outline)
        kind = "ko" if outline else "kf"
        colour_class = f"{kind}{colour.lstrip('#').lower()}"
    else:
        palette = theme_colours(accent, theme_name)
        own = (
            {"line": palette["link"], "text": palette["link"], "dark": palette["link_dark"]}
            if outline
            else {"fill": palette["accent"], "text": "#ffffff"}
        )
        colour_class = ""
    full = width == "full"
    return ButtonLook(
        align=align,
        full=full,
        outline=outline,
        width=column if full else fitted_width(label, column),
        fill=own.get("fill", ""),
        text=own["text"],
        line=own.get("line", ""),
        dark=own.get("dark", ""),
        colour_class=colour_class,
    )


def coloured_buttons(blocks: Iterable[BlockBase], theme_name: str, accent: str) -> list[ButtonLook]:
    """One look for each own colour the buttons of ``blocks`` use: the dark-mode rules need a
    rule for each, as the accent has."""
    found: dict[str, ButtonLook] = {}
    for block in blocks:
        if isinstance(block, ButtonBlock) and block.colour and block.url:
            look = button_look(
                block.label,
                600,
                theme_name=theme_name,
                accent=accent,
                style=block.style,
                colour=block.colour,
            )
            found.setdefault(look.colour_class, look)
    return list(found.values())
