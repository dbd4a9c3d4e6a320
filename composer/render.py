"""Rendering: a newsletter in, email HTML (CSS inlined) and its plain-text alternative out."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Literal, Protocol

import jinja2
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from composer.errors import RenderError
from composer.i18n import gettext_for
from composer.model import ImageRef, Newsletter
from composer.resources import read_template_text, template_root
from composer.richtext import is_merge_tag, sanitize, to_plain_text
from composer.storage import ImageStore

#: Hidden characters after the preheader, so clients don't pull body text into the preview line.
PREHEADER_FILLER: Final = Markup("&#847;&zwnj;&nbsp;" * 60)
#: Opaque stand-ins that carry merge tags through premailer, which would otherwise URL-encode
#: the spaces in ``{{ UnsubscribeURL }}`` or join them with a base URL.
_TOKEN: Final = "https://merge-tag.invalid/{}"


@dataclass(frozen=True)
class ResolvedImage:
    """Where an image is found and the size it is shown at, in CSS pixels."""

    src: str
    width: int
    height: int


class AssetResolver(Protocol):
    """Decides the ``src`` of each image for one target: preview, export folder or .eml."""

    def __call__(self, ref: ImageRef, display_width: int) -> ResolvedImage:
        """Resolve ``ref`` shown in a slot ``display_width`` pixels wide."""
        ...


@dataclass(frozen=True)
class RenderResult:
    """What a render produces: the email's HTML, its text alternative and any problems seen."""

    html: str
    text: str
    issues: tuple[str, ...] = ()


def display_size(natural: tuple[int, int], slot_width: int) -> tuple[int, int]:
    """The width and height attributes of an image ``natural`` pixels big in ``slot_width``.

    Images are never enlarged beyond their own width; the height keeps the proportions.
    """
    width, height = natural
    shown = max(1, min(slot_width, width))
    return shown, max(1, round(height * shown / max(1, width)))


@dataclass
class StoreResolver:
    """Resolves images of an ImageStore with a caller-given ``src`` scheme.

    Args:
        images: the document's images.
        src_for: builds the ``src`` for an image and its display width.
    """

    images: ImageStore
    src_for: Callable[[ImageRef, int], str]
    _sizes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __call__(self, ref: ImageRef, display_width: int) -> ResolvedImage:
        """Resolve ``ref``; missing or unreadable images keep a 4:3 placeholder size."""
        natural = self._sizes.get(ref.sha256)
        if natural is None:
            natural = _natural_size(self.images, ref)
            self._sizes[ref.sha256] = natural
        width, height = display_size(natural, display_width)
        return ResolvedImage(self.src_for(ref, display_width), width, height)


def _natural_size(images: ImageStore, ref: ImageRef) -> tuple[int, int]:
    from composer.errors import ComposerError
    from composer.images import probe

    try:
        info = probe(images.get(ref), ref.original_name or ref.filename)
    except (KeyError, ComposerError):
        return (1200, 900)
    return info.width, info.height


def relative_resolver(images: ImageStore, folder: str = "images") -> StoreResolver:
    """Image ``src`` values relative to the HTML file, for a quick render without export."""
    return StoreResolver(images, lambda ref, _width: f"{folder}/{ref.filename}")


# --- colours --------------------------------------------------------------------------------


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
    button_radius: int = Field(ge=0, le=22)
    button_outline: bool
    light: Palette
    dark: Palette

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
            f"There is no theme called “{name}”; choose classic or "
            "minimal in the newsletter settings."
        ) from None
    except ValidationError as exc:
        raise RenderError(f"The theme “{name}” has a broken theme.json: {exc}") from None


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


# --- Jinja2 ---------------------------------------------------------------------------------


def _load_template(name: str) -> str:
    parts = name.split("/")
    if ".." in parts or name.startswith("/"):
        raise jinja2.TemplateNotFound(name)
    node = template_root()
    for part in parts:
        node = node / part
    try:
        return node.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise jinja2.TemplateNotFound(name) from None


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: packaged templates, strict, HTML autoescaped."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (_load_template(name), None, lambda: True)),
        autoescape=jinja2.select_autoescape(["html", "css"], default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=False,
        auto_reload=False,
    )


def rich(html: str) -> Markup:
    """Sanitized rich text as markup: the only place user HTML becomes Markup."""
    return Markup(sanitize(html))


_DATE_LOCALES: Final = {"en": "en_GB"}


def format_date(date: dt.date, language: str) -> str:
    """A date as a reader of ``language`` writes it: "1 november 2012", "1 November 2012"."""
    from babel.dates import format_date as babel_format_date

    # An EU office writing English writes British dates ("1 November 2012"), not American.
    return babel_format_date(date, format="long", locale=_DATE_LOCALES.get(language, language))


def _tel(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _button_width(label: str) -> int:
    # VML buttons need a fixed width; about 9 px per bold 16 px Arial character plus padding.
    return max(140, min(536, len(label) * 9 + 48))


def _links(newsletter: Newsletter) -> tuple[dict[str, str], dict[str, str]]:
    """Footer hrefs for the template, and the merge tags to restore after inlining."""
    tokens: dict[str, str] = {}
    hrefs: dict[str, str] = {}
    settings = newsletter.settings
    for key, value in (
        ("unsubscribe", settings.unsubscribe_url),
        ("web_version", settings.web_version_url),
    ):
        if value and is_merge_tag(value):
            token = _TOKEN.format(key)
            tokens[token] = value
            hrefs[key] = token
        else:
            hrefs[key] = value
    return hrefs, tokens


@functools.lru_cache(maxsize=256)
def _partial(theme_name: str, name: str) -> str:
    """The theme's own version of the template ``name`` if it has one, else the shared one.

    Themes share the partials in ``base/`` and override only what differs, so a fix to a
    block reaches every theme.
    """
    own = f"{theme_name}/{name}"
    try:
        _load_template(own)
    except jinja2.TemplateNotFound:
        return f"base/{name}"
    return own


def _context(newsletter: Newsletter, resolver: AssetResolver) -> dict[str, Any]:
    settings = newsletter.settings
    language = settings.language
    translate = gettext_for(language)
    return {
        "settings": settings,
        "blocks": newsletter.blocks,
        "lang": language,
        "theme": settings.theme,
        "t": theme(settings.theme),
        "part": functools.partial(_partial, settings.theme),
        "accent": settings.accent_color,
        "colours": theme_colours(settings.accent_color, settings.theme),
        "preheader_filler": PREHEADER_FILLER,
        "image": resolver,
        "rich": rich,
        "plain": to_plain_text,
        "format_date": lambda date: format_date(date, language),
        "tel": _tel,
        "display_url": _display_url,
        "button_width": _button_width,
        "_": translate,
    }


# --- premailer --------------------------------------------------------------------------------


class _LogCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


_CSS_LOG = _LogCollector()
# Premailer copies these CSS properties into HTML attributes, overwriting the template's own
# width="600" with width="100%"; the templates set them by attribute themselves.
_NO_ATTRIBUTES: Final = ["width", "height", "align", "bgcolor", "valign", "background"]


@functools.lru_cache(maxsize=1)
def _premailer() -> Any:
    from premailer import Premailer

    class CachingPremailer(Premailer):
        """Premailer that turns each stylesheet into rules once, not on every render.

        Profiling showed two thirds of a render spent re-serializing the same parsed CSS;
        the rules depend only on the stylesheet text and its position.
        """

        @functools.lru_cache(maxsize=64)  # noqa: B019 - one instance lives for the process
        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> Any:
            rules, leftover = super()._parse_style_rules(css_body, ruleset_index)
            return tuple(rules), tuple(leftover)

    return CachingPremailer(
        allow_network=False,
        allow_loading_external_files=False,
        strip_important=False,
        keep_style_tags=False,
        remove_classes=False,
        exclude_pseudoclasses=True,
        disable_basic_attributes=_NO_ATTRIBUTES,
        disable_validation=True,
        align_floating_images=False,
        cssutils_logging_handler=_CSS_LOG,
        cssutils_logging_level=logging.WARNING,
    )


_STYLE_BLOCK: Final = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_CLASS_ATTR: Final = re.compile(r' class="([^"]*)"')
_CLASS_SELECTOR: Final = re.compile(r"\.([A-Za-z_][\w-]*)")


def _drop_unused_classes(html: str) -> str:
    """Remove class names no kept ``<style>`` rule uses: they only cost bytes after inlining."""
    wanted = set()
    for css in _STYLE_BLOCK.findall(html):
        wanted.update(_CLASS_SELECTOR.findall(re.sub(r"url\([^)]*\)", "", css)))

    def keep(match: re.Match[str]) -> str:
        names = [name for name in match.group(1).split() if name in wanted]
        return f' class="{" ".join(names)}"' if names else ""

    return _CLASS_ATTR.sub(keep, html)


def inline_css(html: str) -> tuple[str, tuple[str, ...]]:
    """Inline the CSS of ``html`` the email way, keeping ``@media`` rules in ``<style>``.

    Returns:
        The inlined HTML and the CSS problems premailer's parser reported.
    """
    _CSS_LOG.lines.clear()
    try:
        out: str = _premailer().transform(html, pretty_print=False)
    except Exception as exc:  # premailer/lxml/cssutils raise many unrelated types
        raise RenderError(f"The email's CSS could not be inlined: {exc}") from exc
    issues = tuple(dict.fromkeys(_CSS_LOG.lines))
    out = out.replace('<style data-premailer="ignore">', "<style>")
    out = _STYLE_ATTR.sub(_compact_style, out)
    return _drop_unused_classes(out), issues


_STYLE_ATTR: Final = re.compile(r""" style=("[^"]*"|'[^']*')""")


def _compact_style(match: re.Match[str]) -> str:
    # premailer writes "a:b; c:d" and "Arial, Helvetica"; the spaces cost bytes in every
    # element of the email.
    return f" style={match.group(1).replace('; ', ';').replace(', ', ',')}"


# --- the render -----------------------------------------------------------------------------


def render_html(newsletter: Newsletter, resolver: AssetResolver) -> tuple[str, tuple[str, ...]]:
    """The email's HTML with CSS inlined, and the problems seen on the way."""
    hrefs, tokens = _links(newsletter)
    context = _context(newsletter, resolver)
    context["links"] = hrefs
    try:
        template = environment().get_template(f"{newsletter.settings.theme}/layout.html")
        raw = template.render(context)
    except jinja2.TemplateError as exc:
        raise RenderError(f"The newsletter template could not be rendered: {exc}") from exc
    html, issues = inline_css(raw)
    for token, tag in tokens.items():
        html = html.replace(token, str(escape(tag)))
    return html, issues


def render_text(newsletter: Newsletter) -> str:
    """The plain-text alternative, written from the model (not scraped from the HTML)."""
    context = _context(newsletter, _no_images)
    try:
        text = environment().get_template("text/newsletter.txt").render(context)
    except jinja2.TemplateError as exc:
        raise RenderError(f"The plain-text template could not be rendered: {exc}") from exc
    return _tidy_text(text)


def _no_images(ref: ImageRef, display_width: int) -> ResolvedImage:
    return ResolvedImage("", display_width, display_width)


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def render(newsletter: Newsletter, resolver: AssetResolver) -> RenderResult:
    """Render ``newsletter``: the same input always gives byte-identical output.

    Args:
        newsletter: the document.
        resolver: decides each image's ``src`` (preview scheme, export folder, ``cid:``).

    Raises:
        RenderError: when a template fails; user text never causes that, it is only data.
    """
    html, issues = render_html(newsletter, resolver)
    return RenderResult(html=html, text=render_text(newsletter), issues=issues)
