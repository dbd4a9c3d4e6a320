"""Checks of the links: empty, broken, unencrypted, or with words that say nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from composer.checks.context import CheckContext, normalized
from composer.checks.registry import Finding, Severity, check
from composer.i18n import gettext_for
from composer.i18n import ui_message as _
from composer.model import ArticleBlock
from composer.richtext import is_merge_tag, link_problem

# A link is vague only when its *whole* text says nothing ("här", "klicka här", "read more",
# "länk", …, ignoring case and punctuation). The seed's "Läs mer om MaNTT:s riktlinjer här"
# ends in "här" but names its destination, so it passes.

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
            or (normalized(link.text) not in VAGUE_LINK_TEXTS)
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
        block = None if link.block_id is None else context.newsletter.block(link.block_id)
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
