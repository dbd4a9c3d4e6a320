"""Rendering: a newsletter in, email HTML (CSS inlined) and its plain-text alternative out."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import importlib
import json
import logging
import os
import re
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, Protocol

import jinja2
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from composer.errors import RenderError
from composer.i18n import gettext_for
from composer.links import outgoing, readable_url
from composer.model import ImageRef, ImageStore, Newsletter
from composer.package_data import read_template_text, template_root, user_cache_folder
from composer.richtext import is_merge_tag, sanitize, to_plain_text

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
    #: Display width of the contact person's (round) photo.
    contact_photo_width: int = Field(ge=48, le=200)
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
        }
        return widths[kind]

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


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept on disk: compiling them is most of a cold start's render.

    A cache that cannot be written is no cache, never an error.
    """

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    folder = user_cache_folder("templates") / jinja2.__version__
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BytecodeCache(str(folder))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: packaged templates, strict, HTML autoescaped."""
    return jinja2.Environment(
        bytecode_cache=_bytecode_cache(),
        loader=jinja2.FunctionLoader(lambda name: (_load_template(name), None, lambda: True)),
        autoescape=jinja2.select_autoescape(["html", "css"], default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=False,
        auto_reload=False,
    )


@functools.lru_cache(maxsize=2048)
def _sanitized(html: str) -> str:
    return sanitize(html)


def rich(html: str) -> Markup:
    """Sanitized rich text as markup: the only place user HTML becomes Markup."""
    return Markup(_sanitized(html))


@functools.lru_cache(maxsize=2048)
def _plain(html: str) -> str:
    return to_plain_text(html)


_DATE_LOCALES: Final = {"en": "en_GB"}


def format_date(date: dt.date, language: str) -> str:
    """A date as a reader of ``language`` writes it: "1 november 2012", "1 November 2012"."""
    from babel.dates import format_date as babel_format_date

    # An EU office writing English writes British dates ("1 November 2012"), not American.
    return babel_format_date(date, format="long", locale=_DATE_LOCALES.get(language, language))


def _tel(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", readable_url(url)).rstrip("/")


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
        "plain": _plain,
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


class _DeferredRequests(types.ModuleType):
    """Stands in for ``requests`` until something really uses it.

    premailer imports requests at the top for fetching remote stylesheets, which we never let
    it do, and loading requests costs about a tenth of a second of every cold start. (The
    standard library's LazyLoader does not help: ``import`` itself touches ``__spec__``.)
    """

    def __getattr__(self, name: str) -> Any:
        real = self.__dict__.get("_real")
        if real is None:
            sys.modules.pop("requests", None)
            real = importlib.import_module("requests")
            self.__dict__["_real"] = real
        return getattr(real, name)


def _import_requests_lazily() -> None:
    if "requests" not in sys.modules:
        sys.modules["requests"] = _DeferredRequests("requests")


@functools.lru_cache(maxsize=1)
def _premailer() -> Any:
    _import_requests_lazily()
    from premailer import Premailer

    class CachingPremailer(Premailer):
        """Premailer that turns each stylesheet into rules once, not on every render.

        Profiling showed two thirds of a render spent re-serializing the same parsed CSS;
        the rules depend only on the stylesheet text and its position.
        """

        @functools.lru_cache(maxsize=64)  # noqa: B019 - one instance lives for the process
        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> Any:
            stored = _stored_rules(css_body, ruleset_index)
            if stored is not None:
                return stored
            rules, leftover = super()._parse_style_rules(css_body, ruleset_index)
            _store_rules(css_body, ruleset_index, rules, leftover)
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


def _rules_file(css_body: str, ruleset_index: int) -> Path:
    import premailer

    key = hashlib.sha256(f"{premailer.__version__}|{ruleset_index}|{css_body}".encode())
    return user_cache_folder("stylesheets") / f"{key.hexdigest()}.json"


def _stored_rules(css_body: str, ruleset_index: int) -> tuple[tuple[Any, ...], ...] | None:
    """Rules parsed by an earlier run: cssutils takes a cold start's biggest share."""
    try:
        data = json.loads(_rules_file(css_body, ruleset_index).read_text(encoding="utf-8"))
        rules = tuple((tuple(spec), str(sel), str(bulk)) for spec, sel, bulk in data["rules"])
        leftover = tuple((str(sel), str(bulk)) for sel, bulk in data["leftover"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return rules, leftover


def _store_rules(css_body: str, ruleset_index: int, rules: Any, leftover: Any) -> None:
    # Only plain (selector, declarations) pairs can be stored; @-rules stay in memory.
    if not all(isinstance(item, tuple) for item in leftover):
        return
    path = _rules_file(css_body, ruleset_index)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"rules": rules, "leftover": leftover}), "utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


_STYLE_BLOCK: Final = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_CLASS_ATTR: Final = re.compile(r' class="([^"]*)"')
_CLASS_SELECTOR: Final = re.compile(r"\.([A-Za-z_][\w-]*)")


def _drop_unused_classes(html: str, wanted: frozenset[str]) -> str:
    """Remove class names no kept ``<style>`` rule uses: they only cost bytes after inlining."""

    def keep(match: re.Match[str]) -> str:
        names = [name for name in match.group(1).split() if name in wanted]
        return f' class="{" ".join(names)}"' if names else ""

    return _CLASS_ATTR.sub(keep, html)


def _postprocess(html: str, wanted_classes: frozenset[str]) -> str:
    html = html.replace('<style data-premailer="ignore">', "<style>")
    html = _STYLE_ATTR.sub(_compact_style, html)
    return _drop_unused_classes(html, wanted_classes)


def _kept_classes(html: str) -> frozenset[str]:
    """Class names the ``<style>`` blocks that stay in the email refer to."""
    wanted: set[str] = set()
    for match in _STYLE_BLOCK.finditer(html):
        if "data-premailer" in match.group(0)[:40]:
            wanted.update(_CLASS_SELECTOR.findall(re.sub(r"url\([^)]*\)", "", match.group(1))))
    return frozenset(wanted)


def _transform(html: str) -> tuple[str, tuple[str, ...]]:
    _CSS_LOG.lines.clear()
    try:
        out: str = _premailer().transform(html, pretty_print=False)
    except Exception as exc:  # premailer/lxml/cssutils raise many unrelated types
        raise RenderError(f"The email's CSS could not be inlined: {exc}") from exc
    return out, tuple(dict.fromkeys(_CSS_LOG.lines))


def inline_css(html: str) -> tuple[str, tuple[str, ...]]:
    """Inline the CSS of a whole page the email way, keeping the ``@media`` rules.

    Returns:
        The inlined HTML and the CSS problems premailer's parser reported.
    """
    with _INLINE_LOCK:
        out, issues = _transform(html)
    return _postprocess(out, _kept_classes(html)), issues


_BLOCK_START: Final = "<!--nc:block-->"
_BLOCK_END: Final = "<!--/nc:block-->"


class _InlineCache:
    """Inlined HTML of each block, keyed by the stylesheets and the block's raw HTML.

    Inlining a block depends only on the CSS and the block itself (the stylesheets use no
    sibling selectors), so a block whose raw HTML did not change keeps its inlined form; the
    live preview then re-inlines only the block being edited. Bounded, least recently used out.
    """

    def __init__(self, limit: int = 2000) -> None:
        self.limit = limit
        self.entries: OrderedDict[tuple[str, str], str] = OrderedDict()
        self.issues: dict[str, tuple[str, ...]] = {}

    def get(self, key: tuple[str, str]) -> str | None:
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key: tuple[str, str], value: str) -> None:
        self.entries[key] = value
        self.entries.move_to_end(key)
        while len(self.entries) > self.limit:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()
        self.issues.clear()


_INLINED = _InlineCache()
#: premailer's CSS log and the block cache are shared by the process; the preview, the checks
#: and an export may render at the same time on different threads.
_INLINE_LOCK = threading.RLock()


def clear_caches() -> None:
    """Forget every cached result that depends on a document's content.

    The parsed stylesheets stay: they depend only on the theme and the accent colour.
    """
    _INLINED.clear()
    _plain.cache_clear()
    _sanitized.cache_clear()


def _split_blocks(page: str) -> tuple[str, list[str], str]:
    """Cut a page at the block markers into what precedes, the blocks, and what follows."""
    head, *rest = page.split(_BLOCK_START)
    blocks = []
    for part in rest:
        block, after = part.split(_BLOCK_END, 1)
        blocks.append(block)
    return head, blocks, after if rest else ""


def _inline_page(raw: str) -> tuple[str, tuple[str, ...]]:
    """Inline a page made by the layout, reusing the cached form of unchanged blocks."""
    head, blocks, tail = _split_blocks(raw)
    css_key = "".join(_STYLE_BLOCK.findall(head))
    frame_key = (css_key, head + _BLOCK_START + tail)
    missing = [block for block in dict.fromkeys(blocks) if _INLINED.get((css_key, block)) is None]
    if missing or _INLINED.get(frame_key) is None:
        # One premailer run over the frame and the blocks not seen before; an empty block
        # pair keeps the frame's two halves apart when every block is cached.
        page = head + "".join(_BLOCK_START + block + _BLOCK_END for block in ["", *missing])
        out, issues = _transform(page + tail)
        wanted = _kept_classes(head)
        out_head, out_blocks, out_tail = _split_blocks(out)
        for block, inlined_block in zip(missing, out_blocks[1:], strict=True):
            _INLINED.put((css_key, block), _postprocess(inlined_block, wanted))
        new_frame = _postprocess(out_head, wanted) + _BLOCK_START + _postprocess(out_tail, wanted)
        _INLINED.put(frame_key, new_frame)
        known = _INLINED.issues.get(css_key, ())
        _INLINED.issues[css_key] = tuple(dict.fromkeys(known + issues))
    frame = _INLINED.get(frame_key)
    inlined = [_INLINED.get((css_key, block)) for block in blocks]
    pieces = [piece for piece in inlined if piece is not None]
    if frame is None or len(pieces) < len(blocks):  # more blocks than the cache holds
        whole, whole_issues = _transform(raw.replace(_BLOCK_START, "").replace(_BLOCK_END, ""))
        return _postprocess(whole, _kept_classes(head)), whole_issues
    frame_head, frame_tail = frame.split(_BLOCK_START, 1)
    return frame_head + "".join(pieces) + frame_tail, _INLINED.issues.get(css_key, ())


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
    with _INLINE_LOCK:
        html, issues = _inline_page(raw)
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
    newsletter = outgoing(newsletter)  # links as they leave: ASCII (IDNA, percent-encoded)
    html, issues = render_html(newsletter, resolver)
    return RenderResult(html=html, text=render_text(newsletter), issues=issues)
