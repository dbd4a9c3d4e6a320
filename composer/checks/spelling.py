"""The spelling check: the words the dictionary of the newsletter's language does not know."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from typing import Final

from composer.checks.context import CheckContext
from composer.checks.registry import Finding, Severity, check
from composer.errors import SpellingError
from composer.i18n import N_, ui_number
from composer.i18n import ui_message as _
from composer.spelling import SPELLED_FIELDS, plain_checker

#: At most this many words are named in one finding; the rest are counted.
LISTED_WORDS: Final = 10

#: The checked fields, named for people, as the editors label them.
FIELD_NAMES: Final = {
    "subject": N_("the subject"),
    "preheader": N_("the preview text"),
    "logo_alt": N_("the logo's alt text"),
    "title": N_("the title"),
    "tagline": N_("the tagline"),
    "category": N_("the category"),
    "headline": N_("the headline"),
    "image_alt": N_("the alt text"),
    "alt": N_("the alt text"),
    "photo_alt": N_("the alt text"),
    "image_caption": N_("the caption"),
    "caption": N_("the caption"),
    "body": N_("the text"),
    "link_label": N_("the button text"),
    "heading": N_("the heading"),
    "label": N_("the label"),
    "role": N_("the role"),
}

# Inline markup joins the letters on either side; paragraphs, items and breaks part words.
_INLINE_TAG: Final = re.compile(r"</?(?:strong|em|a)\b[^>]*>", re.IGNORECASE)
_OTHER_TAG: Final = re.compile(r"<[^>]*>")


def rich_text_words(html: str) -> str:
    """The text of sanitized rich text, as a reader reads it (tags gone, entities read)."""
    return html_lib.unescape(_OTHER_TAG.sub(" ", _INLINE_TAG.sub("", html)))


def _listed(found: list[str]) -> str:
    quoted = ", ".join(_("“{word}”").format(word=word) for word in found[:LISTED_WORDS])
    if len(found) > LISTED_WORDS:
        more = len(found) - LISTED_WORDS
        return _("{words} and {count} more").format(words=quoted, count=ui_number(more))
    return quoted


@check
def misspelt_words(context: CheckContext) -> Iterator[Finding]:
    """Lists the words of each checked field that the newsletter language's dictionary lacks.

    The user's word list and the words they chose to ignore count as spelt right when the
    window hands its checker to ``run_checks``; the command line checks against the
    dictionaries alone.
    """
    checker = context.spelling or plain_checker()
    language = context.settings.language
    places = [(None, "settings", context.settings)] + [
        (block.id, block.kind, block) for block in context.newsletter.blocks
    ]
    try:
        for block_id, kind, value in places:
            for field_name in SPELLED_FIELDS[kind]:
                text = str(getattr(value, field_name))
                # A two-column row's fields are those of an article with the column's prefix.
                base = field_name.removeprefix("first_").removeprefix("second_")
                if base == "body":
                    text = rich_text_words(text)
                found = list(dict.fromkeys(m.word for m in checker.misspellings(text, language)))
                if not found:
                    continue
                message = _(
                    "Possible spelling mistakes in {field}: {words}. Correct them; a word that "
                    "is spelt right can be added to the dictionary (right-click it in the editor)."
                ).format(field=_(FIELD_NAMES[base]), words=_listed(found))
                yield Finding(Severity.TIP, "misspelt", message, block_id, field_name)
    except SpellingError as exc:
        yield Finding(Severity.TIP, "spelling-unavailable", str(exc))
