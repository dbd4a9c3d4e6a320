"""Checks of what the reader reads: empty blocks, capitals, contrast, article length, pictures."""

from __future__ import annotations

import functools
import html as html_lib
import re
from collections.abc import Iterator
from typing import Final

from composer.checks.context import CheckContext
from composer.checks.registry import Finding, Severity, check
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.model import (
    COLUMN_PREFIXES,
    ArticleBlock,
    BlockBase,
    ButtonBlock,
    ColumnsBlock,
    ContactBlock,
    ImageBlock,
    MastheadBlock,
    SideArticleBlock,
    TextBlock,
)
from composer.render import contrast_ratio, mix, theme_colours

#: Articles longer than this many words deserve a "read more" link to the website.
LONG_ARTICLE_WORDS: Final = 400
#: WCAG AA minimum contrast for normal-size text.
AA_CONTRAST: Final = 4.5
#: Headlines in capitals with at least this many letters count as shouting ("EU", "NATO" pass).
CAPS_MIN_LETTERS: Final = 5


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
        "ratio": ui_number(ratio, 1),
        "minimum": ui_number(AA_CONTRAST, 1),
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
        elif isinstance(block, SideArticleBlock) and not block.headline and not block.body:
            message = _(
                "This side article has neither a headline nor any text, so it shows as an empty "
                "space in the newsletter. Write the headline and the text, or delete the block."
            )
            field_name = "headline"
        elif isinstance(block, ColumnsBlock) and all(
            _column_empty(block, prefix) for prefix in COLUMN_PREFIXES
        ):
            message = _(
                "Both columns of this block are empty (no picture, headline or text), so it "
                "shows as an empty space in the newsletter. Fill them in, or delete the block."
            )
            field_name = "first_headline"
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


def _column_empty(block: ColumnsBlock, prefix: str) -> bool:
    """Whether a column of a two-column block has no picture, headline or text."""
    return not any(getattr(block, f"{prefix}_{name}") for name in ("image", "headline", "body"))


def _headlines(block: BlockBase) -> Iterator[tuple[str, str]]:
    """The headlines of a block that has them, with their fields' names."""
    if isinstance(block, ArticleBlock | SideArticleBlock):
        yield block.headline, "headline"
    elif isinstance(block, ColumnsBlock):
        for prefix in COLUMN_PREFIXES:
            yield getattr(block, f"{prefix}_headline"), f"{prefix}_headline"
    elif isinstance(block, TextBlock):
        yield block.heading, "heading"
    elif isinstance(block, MastheadBlock):
        yield block.title, "title"


def _has_reading(block: BlockBase) -> bool:
    """Whether a block gives readers something to read: a headline or words of text."""
    if isinstance(block, ArticleBlock | SideArticleBlock):
        return bool(block.headline.strip() or word_count(block.body))
    if isinstance(block, ColumnsBlock):
        return any(
            getattr(block, f"{prefix}_headline").strip()
            or word_count(getattr(block, f"{prefix}_body"))
            for prefix in COLUMN_PREFIXES
        )
    return isinstance(block, TextBlock) and bool(word_count(block.body))


@check
def content_missing(context: CheckContext) -> Iterator[Finding]:
    """A newsletter with nothing to read (a masthead, a contact, a footer) is not ready to send.

    What counts is an article (or side article, or column) with a headline or text, or a text
    block with text: a text block holding only a heading is a section heading, and pictures
    and buttons alone are what a reader with pictures off sees as an empty mail.
    """
    if any(_has_reading(block) for block in context.newsletter.blocks):
        return
    yield Finding(
        Severity.ERROR,
        "content-missing",
        _(
            "The newsletter has no article and no text yet, so readers would get nothing to "
            "read. Add an article or a text block (Insert → Article), or write in the one "
            "you have."
        ),
    )


def _all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= CAPS_MIN_LETTERS and not any(char.islower() for char in letters)


@check
def headline_all_caps(context: CheckContext) -> Iterator[Finding]:
    """Capitals only read as shouting, are slower to read, and get spelt out by screen readers."""
    for block in context.newsletter.blocks:
        for text, field_name in _headlines(block):
            if not _all_caps(text):
                continue
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
                ).format(words=ui_number(words)),
                block.id,
                "body",
            )
