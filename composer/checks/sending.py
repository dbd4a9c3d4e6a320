"""Checks of what the inbox and the mail servers see: subject, preview text, unsubscribe, size."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from composer.checks.context import CheckContext, normalized
from composer.checks.registry import Finding, Severity, check
from composer.eml import sender_address
from composer.errors import ExportError
from composer.i18n import ui_message as _
from composer.i18n import ui_number

#: Gmail clips a message whose HTML is larger than this many bytes (102 KB, UTF-8 encoded).
CLIP_LIMIT: Final = 102 * 1024
#: Within this fraction of the clipping limit the size is worth a warning.
CLIP_MARGIN: Final = 0.15
#: Subjects longer than this are cut off in most inboxes.
SUBJECT_LIMIT: Final = 60


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
            ).format(size=ui_number(context.html_size / 1024, 1)),
        )


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


@check
def preheader_repeats_subject(context: CheckContext) -> Iterator[Finding]:
    """The inbox shows subject and preheader side by side; repeating wastes the line."""
    subject = normalized(context.settings.subject)
    preheader = normalized(context.settings.preheader)
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
            ).format(size=ui_number(context.html_size / 1024, 1)),
        )


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
def sender_unusable(context: CheckContext) -> Iterator[Finding]:
    """A sender address the .eml export and the test mail would refuse, found before they do."""
    if not context.settings.sender_email:
        return
    try:
        sender_address(context.settings)
    except ExportError as exc:
        yield Finding(
            Severity.ERROR,
            "sender-unusable",
            _("{problem} The .eml export and test mails need it.").format(problem=exc),
            None,
            "sender_email",
        )
