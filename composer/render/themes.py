"""Themes: the variables of each theme (fonts, sizes, picture widths, palettes) from its file."""

from __future__ import annotations

import functools
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from composer.errors import RenderError
from composer.i18n import ui_message as _
from composer.model import THEMES
from composer.package_data import read_template_text

_HEX: Final = r"^#[0-9a-f]{6}$"
#: Font stacks are written into CSS and HTML attributes: names, spaces, commas, hyphens only.
_FONT_STACK: Final = r"^[A-Za-z0-9 ,-]+$"


class Palette(BaseModel):
    """A theme's colours for one colour scheme (light or dark)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    page: str = Field(pattern=_HEX)
    paper: str = Field(pattern=_HEX)
    text: str = Field(pattern=_HEX)
    muted: str = Field(pattern=_HEX)
    rule: str = Field(pattern=_HEX)
    #: Background of the contact box and footer; "tint" derives it from the accent colour.
    box: str = Field(pattern=r"^(#[0-9a-f]{6}|tint)$")
    #: A fixed link colour; None derives it from the accent colour.
    link: str | None = Field(default=None, pattern=_HEX)


class Theme(BaseModel):
    """The variables of one theme, read from ``templates/<theme>/theme.json``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    font: str = Field(pattern=_FONT_STACK)
    heading_font: str = Field(pattern=_FONT_STACK)
    heading_weight: Literal["normal", "bold"]
    body_size: int = Field(ge=14, le=22)
    body_line: int = Field(ge=18, le=36)
    h1_size: int = Field(ge=18, le=48)
    h1_line: int = Field(ge=20, le=60)
    h2_size: int = Field(ge=16, le=40)
    h2_line: int = Field(ge=18, le=50)
    #: Horizontal padding of text, in pixels, on a desktop and on a phone.
    gutter: int = Field(ge=0, le=80)
    phone_gutter: int = Field(ge=0, le=40)
    #: Display width of article and image-block pictures (600 is edge to edge).
    image_width: int = Field(ge=200, le=600)
    logo_width: int = Field(ge=40, le=300)
    #: Display width of the contact person's (round) photo.
    contact_photo_width: int = Field(ge=48, le=200)
    #: Display width of a side article's picture, beside its text.
    side_image_width: int = Field(ge=80, le=300)
    #: Space between columns, and between a side picture and its text, in pixels.
    column_gap: int = Field(ge=8, le=48)
    #: Display width of a links-row icon.
    icon_width: int = Field(ge=16, le=48)
    button_radius: int = Field(ge=0, le=22)
    button_outline: bool
    light: Palette
    dark: Palette

    def slot_width(self, kind: str) -> int:
        """The display width of a picture slot of ``kind`` (a ``PictureSlot.kind``), in px."""
        widths = {
            "logo": self.logo_width,
            "article": self.image_width,
            "image": self.image_width,
            "contact": self.contact_photo_width,
            "side": self.side_image_width,
            "column": self.column_width,
            "icon": self.icon_width,
        }
        return widths[kind]

    @property
    def content_width(self) -> int:
        """The width of the text column inside the gutters, in pixels."""
        return 600 - 2 * self.gutter

    @property
    def column_width(self) -> int:
        """The width of each of two columns (and of their pictures), in pixels."""
        return (self.content_width - self.column_gap) // 2

    @property
    def outlook_font(self) -> str:
        """The body font for Outlook for Windows, which ignores all but a stack's first font."""
        return _installed_on_windows(self.font)

    @property
    def outlook_heading_font(self) -> str:
        """The heading font for Outlook for Windows."""
        return _installed_on_windows(self.heading_font)


#: Fonts every Windows has: Word falls back to Times New Roman for any other first font.
_WINDOWS_FONTS: Final = (
    "Arial",
    "Georgia",
    "Verdana",
    "Tahoma",
    "Trebuchet MS",
    "Times New Roman",
    "Segoe UI",
    "Calibri",
    "Courier New",
)


def _installed_on_windows(stack: str) -> str:
    names = [name.strip() for name in stack.split(",")]
    generic = "serif" if names[-1] == "serif" else "sans-serif"
    font = next(
        (name for name in names if name in _WINDOWS_FONTS),
        "Georgia" if generic == "serif" else "Arial",
    )
    return f"{font},{generic}"


@functools.lru_cache(maxsize=8)
def theme(name: str) -> Theme:
    """The variables of the theme ``name`` (a folder under ``templates/``).

    Raises:
        RenderError: when the theme has no ``theme.json`` or it does not validate.
    """
    try:
        return Theme.model_validate_json(read_template_text(f"{name}/theme.json"))
    except (FileNotFoundError, AssertionError):
        raise RenderError(
            _(
                "There is no theme called “{name}”; choose one of {themes} in the newsletter "
                "settings."
            ).format(name=name, themes=", ".join(THEMES))
        ) from None
    except ValidationError as exc:
        raise RenderError(
            _(
                "The theme “{name}” has a broken theme.json (reinstalling the program repairs "
                "it): {error}"
            ).format(name=name, error=exc)
        ) from None
