"""The render itself: a newsletter in, email HTML (CSS inlined) and its plain text out."""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
from dataclasses import dataclass
from typing import Any, Final

import jinja2
from markupsafe import Markup, escape

from composer.errors import RenderError
from composer.i18n import gettext_for
from composer.i18n import ui_message as _
from composer.links import outgoing, readable_url
from composer.model import (
    LINK_NETWORKS,
    SPACER_HEIGHTS,
    ImageRef,
    Newsletter,
    link_icons,
)
from composer.render.assets import AssetResolver, ResolvedImage
from composer.render.buttons import button_look, coloured_buttons
from composer.render.colours import theme_colours
from composer.render.inlining import (
    PREVIEW_BLOCK_END,
    PREVIEW_BLOCK_START,
    clear_inlined_blocks,
    inline_page,
)
from composer.render.templating import environment, theme_template
from composer.render.themes import theme
from composer.richtext import is_merge_tag, sanitize, to_plain_text

#: Hidden characters after the preheader, so clients don't pull body text into the preview line.
#: Only a zero-width non-joiner and a no-break space: mail programs that ignore CSS (w3m in
#: mutt) show them as blank, where a combining grapheme joiner (U+034F) showed as boxes.
PREHEADER_FILLER: Final = Markup("&zwnj;&nbsp;" * 60)
#: Opaque stand-ins that carry merge tags through premailer, which would otherwise URL-encode
#: the spaces in ``{{ UnsubscribeURL }}`` or join them with a base URL.
_TOKEN: Final = "https://merge-tag.invalid/{}"


@dataclass(frozen=True)
class RenderResult:
    """What a render produces: the email's HTML, its text alternative and any problems seen."""

    html: str
    text: str
    issues: tuple[str, ...] = ()


@functools.lru_cache(maxsize=2048)
def _sanitized(html: str) -> str:
    return sanitize(html)


def rich(html: str) -> Markup:
    """Sanitized rich text as markup: the only place user HTML becomes Markup."""
    return Markup(_sanitized(html))


@functools.lru_cache(maxsize=2048)
def _plain(html: str) -> str:
    return to_plain_text(html)


#: The plain-text alternative's lines: a reply that quotes them with "> " stays within 78.
TEXT_WIDTH: Final = 72
_LIST_MARKER: Final = re.compile(r"(-|\d+\.) ")


@functools.lru_cache(maxsize=2048)
def wrap_text(text: str) -> str:
    """``text`` with every line wrapped at TEXT_WIDTH characters, for the plain-text part.

    A word longer than a line (a web address) is never broken: it gets a line of its own.
    A list item ("- …", "2. …") keeps its later lines indented under its text.
    """
    lines: list[str] = []
    for line in text.split("\n"):
        if len(line) <= TEXT_WIDTH:
            lines.append(line)
            continue
        marker = _LIST_MARKER.match(line)
        wrapped = textwrap.wrap(
            line,
            TEXT_WIDTH,
            subsequent_indent=" " * (marker.end() if marker else 0),
            break_long_words=False,
            break_on_hyphens=False,
        )
        if marker and len(wrapped) > 1 and wrapped[0] == marker.group().rstrip():
            # A marker stays with its first word, even one longer than a line (a link).
            wrapped[:2] = [marker.group() + wrapped[1].lstrip()]
        lines += wrapped
    return "\n".join(lines)


def clear_caches() -> None:
    """Forget every cached result that depends on a document's content.

    The parsed stylesheets stay: they depend only on the theme and the accent colour.
    """
    clear_inlined_blocks()
    _plain.cache_clear()
    wrap_text.cache_clear()
    _sanitized.cache_clear()


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
        "part": functools.partial(theme_template, settings.theme),
        "accent": settings.accent_color,
        "colours": theme_colours(settings.accent_color, settings.theme),
        "preheader_filler": PREHEADER_FILLER,
        "image": resolver,
        "rich": rich,
        "plain": _plain,
        "wrap": wrap_text,
        "format_date": lambda date: format_date(date, language),
        "tel": _tel,
        "display_url": _display_url,
        "button_look": functools.partial(
            button_look, theme_name=settings.theme, accent=settings.accent_color
        ),
        "coloured_buttons": coloured_buttons(
            newsletter.blocks, settings.theme, settings.accent_color
        ),
        "spacer_heights": SPACER_HEIGHTS,
        "networks": LINK_NETWORKS,
        "icons": link_icons(),
        "_": translate,
    }


def render_html(
    newsletter: Newsletter, resolver: AssetResolver, *, mark_blocks: bool = False
) -> tuple[str, tuple[str, ...]]:
    """The email's HTML with CSS inlined, and the problems seen on the way.

    ``mark_blocks`` (the preview's copy only) keeps each block between two comments; see
    ``unmarked``.
    """
    hrefs, tokens = _links(newsletter)
    context = _context(newsletter, resolver)
    context["links"] = hrefs
    try:
        template = environment().get_template(f"{newsletter.settings.theme}/layout.html")
        raw = template.render(context)
    except jinja2.TemplateError as exc:
        raise RenderError(
            _("The newsletter template could not be rendered: {error}").format(error=exc)
        ) from exc
    html, issues = inline_page(raw, mark_blocks)
    for token, tag in tokens.items():
        html = html.replace(token, str(escape(tag)))
    return html, issues


def render_text(newsletter: Newsletter) -> str:
    """The plain-text alternative, written from the model (not scraped from the HTML)."""
    context = _context(newsletter, _no_images)
    try:
        text = environment().get_template("text/newsletter.txt").render(context)
    except jinja2.TemplateError as exc:
        raise RenderError(
            _("The plain-text template could not be rendered: {error}").format(error=exc)
        ) from exc
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


def unmarked(html: str) -> str:
    """A render made with ``mark_blocks`` as it is made without: the email's own HTML."""
    # User text cannot carry the comments: it is escaped, and rich text loses its comments.
    return html.replace(PREVIEW_BLOCK_START, "").replace(PREVIEW_BLOCK_END, "")


def render(
    newsletter: Newsletter, resolver: AssetResolver, *, mark_blocks: bool = False
) -> RenderResult:
    """Render ``newsletter``: the same input always gives byte-identical output.

    Args:
        newsletter: the document.
        resolver: decides each image's ``src`` (preview scheme, export folder, ``cid:``).
        mark_blocks: for the preview only: each block's rows between ``PREVIEW_BLOCK_START``
            and ``PREVIEW_BLOCK_END`` comments, in the order of the blocks, so the editor
            can find a block on the page. ``unmarked`` gives the email's HTML back.

    Raises:
        RenderError: when a template fails; user text never causes that, it is only data.
    """
    newsletter = outgoing(newsletter)  # links as they leave: ASCII (IDNA, percent-encoded)
    html, issues = render_html(newsletter, resolver, mark_blocks=mark_blocks)
    return RenderResult(html=html, text=render_text(newsletter), issues=issues)
