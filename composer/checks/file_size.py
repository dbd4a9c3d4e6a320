"""Checks of the newsletter file itself: its size, and whether it keeps original pictures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from composer.checks.context import CheckContext
from composer.checks.registry import Finding, Severity, check
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.model import Bundle

#: Above this many bytes a newsletter file is too large to mail to a colleague: many mail
#: servers refuse attachments over 20 to 25 MB, and base64 adds a third.
MAIL_LIMIT: Final = 20_000_000


def file_size(bundle: Bundle) -> int:
    """The size of the ``.newsletter`` file ``bundle`` saves to, in bytes, near enough.

    Pictures are stored as they are (not compressed again), so the file is their bytes plus
    the document; the zip's own headers are a few hundred bytes.
    """
    used = {ref.sha256 for _block, _slot, ref in bundle.newsletter.pictures()}
    pictures = sum(len(data) for digest, data in bundle.images.data.items() if digest in used)
    return pictures + len(bundle.newsletter.model_dump_json())


def megabytes(size: int) -> str:
    """``size`` bytes for people: "12.3 MB" (in the language's number format)."""
    return _("{size} MB").format(size=ui_number(size / 1_000_000, 1))


@check
def file_too_large(context: CheckContext) -> Iterator[Finding]:
    """A file over MAIL_LIMIT cannot be mailed to a colleague for a look."""
    size = file_size(context.bundle)
    if size > MAIL_LIMIT:
        yield Finding(
            Severity.TIP,
            "file-too-large",
            _(
                "The newsletter file is about {size}, too large to mail to a colleague: many "
                "mail servers refuse attachments over 20 MB. Choose File → Reduce File Size "
                "to keep working copies of the pictures instead of the originals; the email "
                "looks the same."
            ).format(size=megabytes(size)),
        )
    elif context.settings.keep_original_pictures:
        yield Finding(
            Severity.TIP,
            "keeps-originals",
            _(
                "This newsletter file keeps the original pictures (Keep original pictures is "
                "on), so it is about {size}. The exported email is the same either way; File "
                "→ Reduce File Size makes the file smaller."
            ).format(size=megabytes(size)),
        )
