"""Pre-flight checks: rules that find what would embarrass the sender, each returning findings.

A check is one small function registered with ``@check``. It looks at a ``CheckContext`` (the
document, its rendered HTML, and facts gathered once per run: the pictures and their sizes, every
link) and yields ``Finding`` values; it never raises for a problem in the document. Messages are
full sentences in the user's language, saying what is wrong and how to fix it; they go through
``_()`` so that ``composer/templates/locale/sv/messages.po`` translates them.

Link text decision: a link is vague only when its *whole* text says nothing ("här", "klicka
här", "read more", "länk", …, ignoring case and punctuation). The seed's "Läs mer om MaNTT:s
riktlinjer här" ends in "här" but names its destination, so it passes.
"""

from __future__ import annotations

import contextvars
import enum
import functools
import html as html_lib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from html.parser import HTMLParser
from typing import Any, Final

from composer.errors import ComposerError
from composer.i18n import Translate, gettext_for, ui_gettext, ui_language
from composer.model import (
    ArticleBlock,
    BlockBase,
    Bundle,
    ButtonBlock,
    ContactBlock,
    ImageBlock,
    ImageRef,
    MastheadBlock,
    Newsletter,
    Settings,
    TextBlock,
)
from composer.render import (
    RenderResult,
    ResolvedImage,
    contrast_ratio,
    mix,
    relative_resolver,
    render,
    theme_colours,
)
from composer.richtext import is_merge_tag, link_problem

#: Gmail clips a message whose HTML is larger than this many bytes (102 KB, UTF-8 encoded).
CLIP_LIMIT: Final = 102 * 1024
#: Within this fraction of the clipping limit the size is worth a warning.
CLIP_MARGIN: Final = 0.15
#: Subjects longer than this are cut off in most inboxes.
SUBJECT_LIMIT: Final = 60
#: Articles longer than this many words deserve a "read more" link to the website.
LONG_ARTICLE_WORDS: Final = 400
#: WCAG AA minimum contrast for normal-size text.
AA_CONTRAST: Final = 4.5
#: Pictures are stored at twice their display width for sharp high-resolution screens.
RETINA: Final = 2
#: A picture more than this many times wider than its slot needs (4x the pixels) is "far larger".
FAR_LARGER: Final = 2
#: Headlines in capitals with at least this many letters count as shouting ("EU", "NATO" pass).
CAPS_MIN_LETTERS: Final = 5

#: Link texts that say nothing out of context, normalized (lower case, no punctuation).
VAGUE_LINK_TEXTS: Final = frozenset(
    {
        "här",
        "klicka här",
        "klicka",
        "klicka på länken",
        "läs mer",
        "läs mer här",
        "läs vidare",
        "mer",
        "mer info",
        "mer information",
        "länk",
        "länken",
        "denna länk",
        "den här länken",
        "here",
        "click here",
        "click",
        "click this link",
        "read more",
        "read more here",
        "continue reading",
        "more",
        "more info",
        "more information",
        "link",
        "this link",
        "this",
    }
)


# Longer texts are never vague; "Klicka här!!!" and "» Läs mer «" still fit under this.
_LONGEST_VAGUE: Final = max(map(len, VAGUE_LINK_TEXTS)) + 8


class Severity(enum.StrEnum):
    """How bad a finding is; errors stop nothing but make ``check`` exit with 1."""

    ERROR = "error"
    WARNING = "warning"
    TIP = "tip"


_SEVERITY_ORDER: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.TIP: 2}


@dataclass(frozen=True)
class Finding:
    """One thing a check found: what is wrong, where, and how to fix it.

    Attributes:
        severity: error, warning or tip.
        code: a stable identifier such as ``alt-missing``, for tests and machines.
        message: full sentences in the user's language: what is wrong and how to fix it.
        block_id: the block concerned, or None for the settings or the whole newsletter.
        field: the model field to focus (``image_alt``; ``organisation.website`` for a nested
            setting), or None when the finding concerns the whole newsletter.
        location: the block or setting named for people, e.g. ``article “Planet”``; filled in
            by ``run_checks``.
    """

    severity: Severity
    code: str
    message: str
    block_id: str | None = None
    field: str | None = None
    location: str = ""

    def as_json(self) -> dict[str, Any]:
        """A plain dict for ``check --json``."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


# --- translation ------------------------------------------------------------------------------

_TRANSLATE: contextvars.ContextVar[Translate] = contextvars.ContextVar("checks_translate")
_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("checks_language")


def _(message: str) -> str:
    """Translate ``message`` into the language of the current ``run_checks`` call."""
    translate = _TRANSLATE.get(None)
    return translate(message) if translate else message


def _number(value: float, decimals: int = 0) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, pattern, locale=_LANGUAGE.get("en"))


def _file_size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=_number(size / 1024 / 1024, 1))
    return _("{size} KB").format(size=_number(max(1, round(size / 1024))))


# --- what the checks look at -------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """One place the newsletter shows a picture.

    Attributes:
        block_id: the block, or None for the logo (a setting).
        image_field: the field holding the picture (``image``, ``photo``, ``logo``).
        alt_field: the field holding its description (``image_alt``, ``alt``, …).
        ref: the picture.
        alt: the description the email will carry (after the template's fallbacks).
        decorative: the user marked it as decoration: an empty description is right.
        slot: the kind of place it is shown in (``article``, ``image``, ``contact``, ``logo``).
    """

    block_id: str | None
    image_field: str
    alt_field: str
    ref: ImageRef
    alt: str
    decorative: bool
    slot: str

    @property
    def name(self) -> str:
        """The picture's name as the user knows it."""
        return self.ref.original_name or self.ref.filename


@dataclass(frozen=True)
class Link:
    """One link the reader can click.

    Attributes:
        block_id: the block, or None for a setting.
        field: the field holding the link (``body`` for links inside rich text).
        url: the address as stored; None for a rich-text link whose address the sanitizer
            removed because it was unsafe or not a link at all.
        text: the words the reader clicks ("" when they are not the user's, e.g. the footer).
        text_field: the field holding those words (for links whose label is a separate field).
        merge_tag_allowed: an email service's merge tag is a valid address here.
        default_text: the text is the program's "Read more", used because no label was set.
    """

    block_id: str | None
    field: str
    url: str | None
    text: str
    text_field: str
    merge_tag_allowed: bool = False
    default_text: bool = False


class _LinkCollector(HTMLParser):
    """Collects the ``<a>`` elements of sanitized rich text: address and visible words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str | None, str]] = []
        self._open: list[str] | None = None
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((self._href, " ".join("".join(self._open).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


# Bodies are immutable strings and most survive an edit unchanged: parse each one once.
@functools.lru_cache(maxsize=1024)
def body_links(html: str) -> tuple[tuple[str | None, str], ...]:
    """The links of sanitized rich text as (href or None, visible text), in reading order."""
    collector = _LinkCollector()
    collector.feed(html)
    collector.close()
    return tuple(collector.links)


class CheckContext:
    """What a check looks at: the document, its rendering, and facts gathered once per run."""

    def __init__(self, bundle: Bundle, rendered: RenderResult) -> None:
        """Look at ``bundle`` as rendered in ``rendered``."""
        self.bundle = bundle
        self.newsletter: Newsletter = bundle.newsletter
        self.settings: Settings = bundle.newsletter.settings
        self.rendered = rendered

    @functools.cached_property
    def html_size(self) -> int:
        """The size of the rendered HTML in bytes, as mail servers count it."""
        return len(self.rendered.html.encode("utf-8"))

    @functools.cached_property
    def pictures(self) -> list[Picture]:
        """Every picture the email shows, in reading order (the logo with the masthead)."""
        settings = self.settings
        found: list[Picture] = []
        for block in self.newsletter.blocks:
            if isinstance(block, MastheadBlock) and settings.logo is not None:
                alt = settings.logo_alt or settings.organisation.name
                found.append(Picture(None, "logo", "logo_alt", settings.logo, alt, False, "logo"))
            elif isinstance(block, ArticleBlock) and block.image is not None:
                found.append(
                    Picture(
                        block.id,
                        "image",
                        "image_alt",
                        block.image,
                        block.image_alt,
                        False,
                        "article",
                    )
                )
            elif isinstance(block, ImageBlock) and block.image is not None:
                found.append(
                    Picture(
                        block.id, "image", "alt", block.image, block.alt, block.decorative, "image"
                    )
                )
            elif isinstance(block, ContactBlock) and block.photo is not None:
                alt = block.photo_alt or block.name
                found.append(
                    Picture(block.id, "photo", "photo_alt", block.photo, alt, False, "contact")
                )
        return found

    def probe(self, picture: Picture) -> ImageProbe | None:
        """What the picture's file header says, or None when the document lacks the file."""
        if picture.ref not in self.bundle.images:
            return None
        return _probe(picture.ref.sha256, self.bundle.images.get(picture.ref), picture.name)

    def slot_width(self, picture: Picture) -> int | None:
        """The width in CSS pixels the theme shows ``picture`` at (None if it does not)."""
        return slot_widths(self.settings.theme).get(picture.slot)

    @functools.cached_property
    def links(self) -> list[Link]:
        """Every link the user wrote, in reading order; the settings' links last."""
        read_more = gettext_for(self.settings.language)("Read more")
        found: list[Link] = []
        for block in self.newsletter.blocks:
            if isinstance(block, ArticleBlock | TextBlock):
                for href, text in body_links(block.body):
                    found.append(Link(block.id, "body", href, text, "body"))
            if isinstance(block, ArticleBlock) and (block.link_url or block.link_label):
                found.append(
                    Link(
                        block.id,
                        "link_url",
                        block.link_url,
                        block.link_label or read_more,
                        "link_label",
                        default_text=not block.link_label,
                    )
                )
            elif isinstance(block, ButtonBlock) and (block.url or block.label):
                found.append(
                    Link(
                        block.id,
                        "url",
                        block.url,
                        block.label or read_more,
                        "label",
                        default_text=not block.label,
                    )
                )
            elif isinstance(block, ImageBlock) and block.link_url:
                # The picture is the link; its description is checked as alt text.
                found.append(Link(block.id, "link_url", block.link_url, "", "alt"))
        settings = self.settings
        if settings.organisation.website:
            found.append(
                Link(
                    None,
                    "organisation.website",
                    settings.organisation.website,
                    "",
                    "organisation.website",
                )
            )
        for name in ("unsubscribe_url", "web_version_url"):
            if value := getattr(settings, name):
                found.append(Link(None, name, value, "", name, merge_tag_allowed=True))
        return found


@dataclass(frozen=True)
class ImageProbe:
    """A picture's header facts, or why it cannot be read."""

    width: int = 0
    height: int = 0
    has_gps: bool = False
    animated: bool = False
    file_size: int = 0
    unreadable: bool = False


# Probing is cheap but not free, and the GUI re-runs the checks after every edit. The key is the
# content hash, so a cached answer can never be stale.
_PROBES: dict[str, ImageProbe] = {}
_PROBE_CACHE_SIZE: Final = 512


def _probe(sha256: str, data: bytes, name: str) -> ImageProbe:
    cached = _PROBES.get(sha256)
    if cached is not None:
        return cached
    from composer.images import probe

    try:
        info = probe(data, name)
    except ComposerError:
        result = ImageProbe(file_size=len(data), unreadable=True)
    else:
        result = ImageProbe(info.width, info.height, info.has_gps, info.animated, len(data))
    if len(_PROBES) >= _PROBE_CACHE_SIZE:
        _PROBES.clear()
    _PROBES[sha256] = result
    return result


@dataclass
class _SlotRecorder:
    """A resolver that notes the width each picture is shown at, and nothing else."""

    widths: dict[str, int]

    def __call__(self, ref: ImageRef, display_width: int) -> ResolvedImage:
        self.widths[ref.sha256] = display_width
        return ResolvedImage("", display_width, display_width)


@functools.lru_cache(maxsize=4)
def slot_widths(theme: str) -> dict[str, int]:
    """The display width of each kind of picture slot in ``theme``, read from its templates.

    A newsletter with one picture of each kind is rendered once with a resolver that records
    the width each is asked for, so the checks follow the templates instead of copying numbers.

    Returns:
        Widths keyed by slot kind: ``logo``, ``article``, ``image``, ``contact``.
    """
    refs = {
        kind: ImageRef(sha256=f"{number:064x}", extension="png")
        for number, kind in enumerate(("logo", "article", "image", "contact"), 1)
    }
    probe_document = Newsletter(
        settings=Settings.model_validate({"theme": theme, "logo": refs["logo"], "logo_alt": "l"}),
        blocks=(
            MastheadBlock(id="m", title="t"),
            ArticleBlock(id="a", headline="h", image=refs["article"], image_alt="a"),
            ImageBlock(id="i", image=refs["image"], alt="i"),
            ContactBlock(id="c", name="n", photo=refs["contact"]),
        ),
    )
    recorded: dict[str, int] = {}
    render(probe_document, _SlotRecorder(recorded))
    return {kind: recorded[ref.sha256] for kind, ref in refs.items() if ref.sha256 in recorded}


# --- the registry -----------------------------------------------------------------------------

Check = Callable[[CheckContext], Iterator[Finding]]
#: Every check, in the order their findings are listed. Add one function and one test.
CHECKS: Final[list[Check]] = []


def check(function: Check) -> Check:
    """Register ``function`` as a pre-flight check."""
    CHECKS.append(function)
    return function


def run_checks(
    bundle: Bundle, rendered: RenderResult | None = None, *, language: str | None = None
) -> list[Finding]:
    """Run every registered check on ``bundle``.

    Args:
        bundle: the document and its images.
        rendered: its rendering (the preview's, for example); when None it is rendered here.
        language: the language of the messages; by default the user's (``ui_language``).

    Returns:
        The findings, errors first, then warnings, then tips; within each, settings first,
        then the blocks in reading order.
    """
    if rendered is None:
        rendered = render(bundle.newsletter, relative_resolver(bundle.images))
    language = language or ui_language()
    tokens = (_TRANSLATE.set(ui_gettext(language)), _LANGUAGE.set(language))
    try:
        context = CheckContext(bundle, rendered)
        findings = [finding for rule in CHECKS for finding in rule(context)]
        positions = {block.id: index for index, block in enumerate(bundle.newsletter.blocks)}
        findings.sort(
            key=lambda f: (_SEVERITY_ORDER[f.severity], positions.get(f.block_id or "", -1))
        )
        return [replace(f, location=_location(bundle.newsletter, f)) for f in findings]
    finally:
        _TRANSLATE.reset(tokens[0])
        _LANGUAGE.reset(tokens[1])


def _block_kind(block: BlockBase) -> str:
    names = {
        "masthead": _("masthead"),
        "article": _("article"),
        "image": _("picture"),
        "text": _("text"),
        "contact": _("contact"),
        "button": _("button"),
        "divider": _("divider"),
    }
    return names.get(block.kind, block.kind)


def _block_title(block: BlockBase) -> str:
    if isinstance(block, ArticleBlock):
        return block.headline
    if isinstance(block, TextBlock):
        return block.heading
    if isinstance(block, ImageBlock):
        return block.caption or block.alt or (block.image.original_name if block.image else "")
    if isinstance(block, ContactBlock):
        return block.name or block.heading
    if isinstance(block, ButtonBlock):
        return block.label
    if isinstance(block, MastheadBlock):
        return block.title
    return ""


def _setting_name(field_name: str) -> str:
    names = {
        "subject": _("subject"),
        "preheader": _("preview text"),
        "unsubscribe_url": _("unsubscribe link"),
        "web_version_url": _("web version link"),
        "accent_color": _("accent colour"),
        "logo": _("logo"),
        "logo_alt": _("logo"),
        "organisation.website": _("website"),
    }
    return names.get(field_name, field_name)


def _location(newsletter: Newsletter, finding: Finding) -> str:
    """Name where a finding is for people: ``article “Planet”``, ``settings (subject)``."""
    if finding.block_id is None:
        if finding.field is None:
            return _("the whole newsletter")
        return _("settings ({name})").format(name=_setting_name(finding.field))
    for position, block in enumerate(newsletter.blocks, 1):
        if block.id == finding.block_id:
            kind = _block_kind(block)
            title = _block_title(block)
            if title:
                short = title if len(title) <= 40 else title[:39].rstrip() + "…"
                return _("{kind} “{title}”").format(kind=kind, title=short)
            return _("{kind} (block {position})").format(kind=kind, position=position)
    return finding.block_id


# --- errors -----------------------------------------------------------------------------------


@check
def subject_missing(context: CheckContext) -> Iterator[Finding]:
    """The subject is what readers decide by; a mail without one looks like spam."""
    if not context.settings.subject.strip():
        yield Finding(
            Severity.ERROR,
            "subject-missing",
            _(
                "The newsletter has no subject. Write one in the settings: it is what readers "
                "see in their inbox and decide by whether to open the mail."
            ),
            None,
            "subject",
        )


@check
def image_missing(context: CheckContext) -> Iterator[Finding]:
    """A picture the document uses but does not hold shows as a broken picture."""
    for picture in context.pictures:
        if context.probe(picture) is None:
            yield Finding(
                Severity.ERROR,
                "image-missing",
                _(
                    "The picture “{name}” is missing from the newsletter file, so readers "
                    "would see a broken picture. Choose the picture again."
                ).format(name=picture.name),
                picture.block_id,
                picture.image_field,
            )


@check
def image_unreadable(context: CheckContext) -> Iterator[Finding]:
    """A damaged or unsupported file cannot be sent as a picture."""
    for picture in context.pictures:
        info = context.probe(picture)
        if info is not None and info.unreadable:
            yield Finding(
                Severity.ERROR,
                "image-unreadable",
                _(
                    "The picture “{name}” cannot be read: the file is damaged or is not a JPEG, "
                    "PNG, GIF or WebP picture. Choose the picture again, or another one."
                ).format(name=picture.name),
                picture.block_id,
                picture.image_field,
            )


@check
def alt_missing(context: CheckContext) -> Iterator[Finding]:
    """Without alt text, blind readers and everyone whose client blocks images see nothing."""
    for picture in context.pictures:
        if picture.alt.strip() or picture.decorative:
            continue
        message = _(
            "The picture “{name}” has no description (alt text). Describe in a few words what "
            "it shows: many mail programs block pictures until the reader allows them, and "
            "screen readers read the description aloud."
        ).format(name=picture.name)
        if picture.slot == "image":
            message += " " + _("If the picture is only decoration, mark it as decorative instead.")
        yield Finding(Severity.ERROR, "alt-missing", message, picture.block_id, picture.alt_field)


@check
def link_empty(context: CheckContext) -> Iterator[Finding]:
    """A link text without an address vanishes from the email; a link without text is invisible."""
    for link in context.links:
        if link.field == "body":
            if link.url == "":
                message = _(
                    "The words “{text}” are marked as a link, but the link has no address. "
                    "Select the words and add the address, or remove the link."
                ).format(text=link.text)
            elif link.url is not None and not link.text:
                message = _(
                    "The text has a link to “{url}” with no words to click, so readers cannot "
                    "see it. Add the link again on words that say where it leads."
                ).format(url=link.url)
            else:
                continue
            yield Finding(Severity.ERROR, "link-empty", message, link.block_id, "body")
        elif not link.url and not link.default_text:
            yield Finding(
                Severity.ERROR,
                "link-empty",
                _(
                    "The link “{text}” has no address, so it is left out of the newsletter. "
                    "Add the address (starting with https://), or clear the link text."
                ).format(text=link.text),
                link.block_id,
                link.field,
            )


@check
def link_invalid(context: CheckContext) -> Iterator[Finding]:
    """A link that mail programs cannot open, or one the sanitizer had to disarm."""
    for link in context.links:
        if link.url is None:
            yield Finding(
                Severity.ERROR,
                "link-invalid",
                _(
                    "The link on the words “{text}” was removed because its address was not "
                    "a web, email or phone address (for example a file on your computer or a "
                    "script). Select the words and add the link again with an address that "
                    "starts with https://."
                ).format(text=link.text),
                link.block_id,
                link.field,
            )
            continue
        if not link.url or link_problem(link.url, allow_merge_tag=link.merge_tag_allowed) is None:
            continue
        if link.field == "body" and is_merge_tag(link.url):
            continue  # the email service fills in its own tags, in the text too
        if link.text:
            problem = _(
                "The link on the words “{text}” points to “{url}”, which mail programs cannot open."
            ).format(text=link.text, url=link.url)
        else:
            problem = _(
                "The address “{url}” is not a complete link, so mail programs cannot open it."
            ).format(url=link.url)
        yield Finding(
            Severity.ERROR,
            "link-invalid",
            f"{problem} {_link_fix(link.url)}",
            link.block_id,
            link.field,
        )


def _link_fix(url: str) -> str:
    if ":" not in url and "@" in url and " " not in url:
        return _("Write it as “mailto:{url}”.").format(url=url)
    if ":" not in url and "." in url and " " not in url:
        return _("Write it as “https://{url}”.").format(url=url)
    return _(
        "Correct the address: web addresses start with https:// and name a site such as "
        "www.example.se, email addresses start with mailto: and phone numbers with tel:."
    )


@check
def unsubscribe_missing(context: CheckContext) -> Iterator[Finding]:
    """Bulk mail without an unsubscribe link is against the law and lands in spam folders."""
    if not context.settings.unsubscribe_url.strip():
        yield Finding(
            Severity.ERROR,
            "unsubscribe-missing",
            _(
                "There is no unsubscribe link. The law requires one in newsletters, and Gmail "
                "and Yahoo send mail without one to the spam folder. Add the address of your "
                "unsubscribe page, or your email service's merge tag such as *|UNSUB|*, in the "
                "settings."
            ),
            None,
            "unsubscribe_url",
        )


@check
def html_clipped(context: CheckContext) -> Iterator[Finding]:
    """Gmail hides everything past 102 KB, the unsubscribe link included."""
    if context.html_size > CLIP_LIMIT:
        yield Finding(
            Severity.ERROR,
            "html-clipped",
            _(
                "The newsletter is {size} KB of HTML; Gmail cuts off messages over 102 KB and "
                "hides the rest, the unsubscribe link included, behind “View entire message”. "
                "Shorten it: remove or shorten articles, or move some to your website and link "
                "to them."
            ).format(size=_number(context.html_size / 1024, 1)),
        )


# --- warnings ---------------------------------------------------------------------------------


@check
def preheader_missing(context: CheckContext) -> Iterator[Finding]:
    """Without a preheader, inboxes show whatever text comes first."""
    if not context.settings.preheader.strip():
        yield Finding(
            Severity.WARNING,
            "preheader-missing",
            _(
                "There is no preview text. Mail programs show it after the subject in the "
                "inbox; without it they show whatever text comes first in the newsletter. Write "
                "one sentence in the settings that makes readers want to open the mail."
            ),
            None,
            "preheader",
        )


def _normalized(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: "Läs mer »" becomes "läs mer"."""
    kept = "".join(
        char if unicodedata.category(char)[0] in "LN" else " " for char in text.casefold()
    )
    return " ".join(kept.split())


@check
def preheader_repeats_subject(context: CheckContext) -> Iterator[Finding]:
    """The inbox shows subject and preheader side by side; repeating wastes the line."""
    subject = _normalized(context.settings.subject)
    preheader = _normalized(context.settings.preheader)
    if subject and preheader and preheader.startswith(subject):
        yield Finding(
            Severity.WARNING,
            "preheader-repeats-subject",
            _(
                "The preview text repeats the subject, and the inbox shows the two side by "
                "side. Use it to say something more, such as the most interesting news in this "
                "issue."
            ),
            None,
            "preheader",
        )


@check
def subject_long(context: CheckContext) -> Iterator[Finding]:
    """Inboxes cut long subjects off, often in the middle of the point."""
    length = len(context.settings.subject.strip())
    if length > SUBJECT_LIMIT:
        yield Finding(
            Severity.WARNING,
            "subject-long",
            _(
                "The subject is {length} characters long; most inboxes show only about the "
                "first {limit}, and phones fewer, so the end is cut off. Shorten it and put the "
                "important words first."
            ).format(length=length, limit=SUBJECT_LIMIT),
            None,
            "subject",
        )


@check
def html_near_clip(context: CheckContext) -> Iterator[Finding]:
    """Close to the clipping limit, one more article may push the email over it."""
    if CLIP_LIMIT * (1 - CLIP_MARGIN) < context.html_size <= CLIP_LIMIT:
        yield Finding(
            Severity.WARNING,
            "html-near-clip",
            _(
                "The newsletter is {size} KB of HTML, close to the 102 KB at which Gmail cuts "
                "off the rest of a message. Adding more may push it over: shorten long articles "
                "or move some to your website."
            ).format(size=_number(context.html_size / 1024, 1)),
        )


@check
def image_too_large(context: CheckContext) -> Iterator[Finding]:
    """A camera photo is many times what its slot needs; export scales it, but say so."""
    for picture in context.pictures:
        info, slot = context.probe(picture), context.slot_width(picture)
        if info is None or info.unreadable or info.animated or slot is None:
            continue  # animations are sent as they are: scaling would lose the motion
        needed = slot * RETINA
        if info.width > needed * FAR_LARGER:
            yield Finding(
                Severity.WARNING,
                "image-too-large",
                _(
                    "The picture “{name}” is {width} × {height} pixels ({size}), far more than "
                    "the {needed} pixels in width its place needs. It is scaled down when you "
                    "export, so the email stays small, but the newsletter file keeps the large "
                    "original: scale the picture down before adding it if the file is to be "
                    "mailed to colleagues."
                ).format(
                    name=picture.name,
                    width=info.width,
                    height=info.height,
                    size=_file_size(info.file_size),
                    needed=needed,
                ),
                picture.block_id,
                picture.image_field,
            )


@check
def image_too_small(context: CheckContext) -> Iterator[Finding]:
    """A picture narrower than its slot is shown small or stretched and blurry."""
    for picture in context.pictures:
        info, slot = context.probe(picture), context.slot_width(picture)
        if info is None or info.unreadable or slot is None:
            continue
        if info.width < slot:
            yield Finding(
                Severity.WARNING,
                "image-too-small",
                _(
                    "The picture “{name}” is only {width} pixels wide, but its place is {slot} "
                    "pixels wide, so it will look small or blurry, on high-resolution screens "
                    "especially. Use a larger version, ideally {needed} pixels wide or more."
                ).format(name=picture.name, width=info.width, slot=slot, needed=slot * RETINA),
                picture.block_id,
                picture.image_field,
            )


@check
def image_gps(context: CheckContext) -> Iterator[Finding]:
    """Camera photos often record where they were taken; the reader should never get that."""
    for picture in context.pictures:
        info = context.probe(picture)
        if info is not None and info.has_gps:
            yield Finding(
                Severity.WARNING,
                "image-gps",
                _(
                    "The picture “{name}” records the place where it was taken (GPS position). "
                    "The position is removed from the pictures you export, so readers will not "
                    "get it, but the newsletter file keeps the original: remove the position "
                    "from the photo before adding it if you share the file."
                ).format(name=picture.name),
                picture.block_id,
                picture.image_field,
            )


@check
def link_http(context: CheckContext) -> Iterator[Finding]:
    """Unencrypted links look unsafe to mail programs and browsers."""
    for link in context.links:
        if link.url and link.url.lower().startswith("http://"):
            yield Finding(
                Severity.WARNING,
                "link-http",
                _(
                    "The link to “{url}” starts with http://, which is not encrypted; some mail "
                    "programs and browsers warn readers about such links. Change it to https:// "
                    "(open the address in your browser first to see that the site supports it)."
                ).format(url=link.url),
                link.block_id,
                link.field,
            )


@check
def link_vague(context: CheckContext) -> Iterator[Finding]:
    """Screen-reader users jump from link to link: "här" alone tells them nothing."""
    example = gettext_for(context.settings.language)("Read more about {topic}")
    for link in context.links:
        if (
            not link.text
            or len(link.text) > _LONGEST_VAGUE
            or (_normalized(link.text) not in VAGUE_LINK_TEXTS)
        ):
            continue
        if link.default_text:
            problem = _(
                "The link has no text of its own, so it says only “{text}”, which tells nothing "
                "about where it leads."
            ).format(text=link.text)
        else:
            problem = _(
                "The link text “{text}” says nothing about where the link leads; screen-reader "
                "users, who often jump from link to link, hear only “{text}”."
            ).format(text=link.text)
        block = _block(context.newsletter, link.block_id)
        if link.field == "body":
            fix = _(
                "Put the link on the words that say where it leads, such as the name of the "
                "report or the event."
            )
        elif isinstance(block, ArticleBlock) and block.headline:
            fix = _(
                "Write a link text that names the destination, for example “{example}”."
            ).format(example=example.format(topic=block.headline))
        else:
            fix = _("Write a link text that names the destination.")
        yield Finding(
            Severity.WARNING, "link-vague", f"{problem} {fix}", link.block_id, link.text_field
        )


def _block(newsletter: Newsletter, block_id: str | None) -> BlockBase | None:
    for block in newsletter.blocks:
        if block.id == block_id:
            return block
    return None


def _darker_accent(accent: str) -> str:
    """The accent darkened just enough for white text on it to reach WCAG AA."""
    for step in range(1, 21):
        candidate = mix(accent, "#000000", step / 20)
        if contrast_ratio(candidate, "#ffffff") >= AA_CONTRAST:
            return candidate
    return "#000000"


@check
def contrast_low(context: CheckContext) -> Iterator[Finding]:
    """White text sits on the accent (masthead, buttons): a light accent cannot carry it.

    The renderer darkens such an accent where text sits on it, so readers can read it, but
    then the newsletter does not show the colour the user chose; the finding says which
    colour it shows instead, so the user can pick one they like.
    """
    settings = context.settings
    accent = settings.accent_color
    ratio = contrast_ratio("#ffffff", accent)
    if ratio >= AA_CONTRAST:
        return
    shown = theme_colours(accent, settings.theme).get("accent", accent)
    values = {
        "accent": accent,
        "ratio": _number(ratio, 1),
        "minimum": _number(AA_CONTRAST, 1),
    }
    if contrast_ratio("#ffffff", shown) >= AA_CONTRAST:
        message = _(
            "The accent colour {accent} is too light for white text: their contrast is only "
            "{ratio}:1, and at least {minimum}:1 is needed for readers with poor eyesight, or "
            "anyone reading on a phone in daylight. The masthead and the buttons therefore use "
            "the darker {shown} instead of the colour you chose. Choose an accent colour at "
            "least that dark to see your own colour in the newsletter."
        ).format(shown=shown, **values)
    else:
        message = _(
            "The accent colour {accent} is too light to carry text: white text on it (as in the "
            "masthead and on buttons) has a contrast of only {ratio}:1, and at least {minimum}:1 "
            "is needed for readers with poor eyesight, or anyone reading on a phone in daylight. "
            "Choose a darker accent colour, such as {suggestion}."
        ).format(suggestion=_darker_accent(accent), **values)
    yield Finding(Severity.WARNING, "contrast-low", message, None, "accent_color")


@check
def block_empty(context: CheckContext) -> Iterator[Finding]:
    """An empty block leaves a gap, or vanishes, in the email the readers get.

    A text block with a heading but no text is a section heading, which is fine.
    """
    for block in context.newsletter.blocks:
        if isinstance(block, ArticleBlock) and not block.headline and not block.body:
            message = _(
                "This article has neither a headline nor any text, so it shows as an empty "
                "space in the newsletter. Write the headline and the text, or delete the block."
            )
            field_name = "headline"
        elif isinstance(block, TextBlock) and not block.heading and not block.body:
            message = _(
                "This text block is empty, so it shows as an empty space in the newsletter. "
                "Write the text, or delete the block."
            )
            field_name = "body"
        elif isinstance(block, ButtonBlock) and not block.label and not block.url:
            message = _(
                "This button has neither a text nor an address, so it is left out of the "
                "newsletter. Fill in both, or delete the block."
            )
            field_name = "label"
        elif isinstance(block, ContactBlock) and not block.name:
            message = _(
                "This contact block has no name, so readers do not know whom to contact. Write "
                "the contact person's name, or delete the block."
            )
            field_name = "name"
        elif isinstance(block, ImageBlock) and block.image is None:
            message = _(
                "This picture block has no picture, so it is left out of the newsletter. Choose "
                "a picture, or delete the block."
            )
            field_name = "image"
        elif isinstance(block, MastheadBlock) and not block.title:
            message = _(
                "The masthead has no title; readers and screen readers then miss the name of "
                "the newsletter at the top. Write the title, such as the newsletter's name."
            )
            field_name = "title"
        else:
            continue
        yield Finding(Severity.WARNING, "block-empty", message, block.id, field_name)


def _all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= CAPS_MIN_LETTERS and not any(char.islower() for char in letters)


@check
def headline_all_caps(context: CheckContext) -> Iterator[Finding]:
    """Capitals only read as shouting, are slower to read, and get spelt out by screen readers."""
    for block in context.newsletter.blocks:
        if isinstance(block, ArticleBlock):
            text, field_name = block.headline, "headline"
        elif isinstance(block, TextBlock):
            text, field_name = block.heading, "heading"
        elif isinstance(block, MastheadBlock):
            text, field_name = block.title, "title"
        else:
            continue
        if _all_caps(text):
            yield Finding(
                Severity.WARNING,
                "headline-all-caps",
                _(
                    "The headline “{text}” is written in capital letters only. That reads as "
                    "shouting, is slower to read, and some screen readers spell it out letter "
                    "by letter. Write it in ordinary sentence case."
                ).format(text=text),
                block.id,
                field_name,
            )


# --- tips -------------------------------------------------------------------------------------


@check
def web_version_missing(context: CheckContext) -> Iterator[Finding]:
    """Readers whose mail program mangles the email need a way to read it in a browser."""
    if not context.settings.web_version_url.strip():
        yield Finding(
            Severity.TIP,
            "web-version-missing",
            _(
                "There is no link to a web version, so readers whose mail program shows the "
                "newsletter badly cannot open it in their browser. If your email service "
                "publishes one, add its address or merge tag (such as *|ARCHIVE|*) in the "
                "settings."
            ),
            None,
            "web_version_url",
        )


@check
def article_without_image(context: CheckContext) -> Iterator[Finding]:
    """Articles with a picture get noticed; an empty article is reported as empty instead."""
    for block in context.newsletter.blocks:
        if (
            isinstance(block, ArticleBlock)
            and block.image is None
            and (block.headline or block.body)
        ):
            yield Finding(
                Severity.TIP,
                "article-no-image",
                _(
                    "This article has no picture. Articles with a picture are noticed and read "
                    "more often: add one if you have a suitable photo."
                ),
                block.id,
                "image",
            )


_TAG: Final = re.compile(r"<[^>]*>")


@functools.lru_cache(maxsize=1024)
def word_count(html: str) -> int:
    """The number of words in sanitized rich text (tags count as spaces)."""
    return len(html_lib.unescape(_TAG.sub(" ", html)).split())


@check
def article_long(context: CheckContext) -> Iterator[Finding]:
    """Few readers finish a long article in an email; the website is the place for the rest."""
    for block in context.newsletter.blocks:
        if not isinstance(block, ArticleBlock):
            continue
        words = word_count(block.body)
        if words > LONG_ARTICLE_WORDS:
            yield Finding(
                Severity.TIP,
                "article-long",
                _(
                    "This article is {words} words long. Few readers finish long texts in an "
                    "email: keep the first paragraphs here, put the whole article on your "
                    "website, and link to it with a “read more” link that names the subject."
                ).format(words=_number(words)),
                block.id,
                "body",
            )
