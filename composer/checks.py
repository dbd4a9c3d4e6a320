"""Pre-flight checks: rules that find what would embarrass the sender, each returning findings."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Final

from composer.model import ArticleBlock, ContactBlock, ImageBlock, Newsletter
from composer.render import RenderResult
from composer.storage import Project


class Severity(enum.StrEnum):
    """How bad a finding is; errors stop nothing but make ``check`` exit with 1."""

    ERROR = "error"
    WARNING = "warning"
    TIP = "tip"


@dataclass(frozen=True)
class Finding:
    """One thing a check found: what is wrong, where, and how to fix it."""

    severity: Severity
    code: str
    message: str
    block_id: str | None = None
    field: str | None = None

    def as_json(self) -> dict[str, Any]:
        """A plain dict for ``check --json``."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


Check = Callable[[Project, RenderResult | None], Iterator[Finding]]
#: Every check, in the order their findings are listed. Add one function and one test.
CHECKS: Final[list[Check]] = []


def check(function: Check) -> Check:
    """Register ``function`` as a pre-flight check."""
    CHECKS.append(function)
    return function


def run_checks(project: Project, rendered: RenderResult | None = None) -> list[Finding]:
    """Run every registered check; errors first, then warnings, then tips."""
    findings = [finding for rule in CHECKS for finding in rule(project, rendered)]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.TIP: 2}
    return sorted(findings, key=lambda f: order[f.severity])


@check
def subject_missing(project: Project, rendered: RenderResult | None) -> Iterator[Finding]:
    """The subject is what readers decide by; a mail without one looks like spam."""
    if not project.newsletter.settings.subject.strip():
        yield Finding(Severity.ERROR, "subject-missing",
                      "The newsletter has no subject. Write one in the settings: readers "
                      "decide from it whether to open the mail.", None, "subject")


@check
def unsubscribe_missing(project: Project, rendered: RenderResult | None) -> Iterator[Finding]:
    """Bulk mail without an unsubscribe link is against the law and lands in spam folders."""
    if not project.newsletter.settings.unsubscribe_url.strip():
        yield Finding(Severity.ERROR, "unsubscribe-missing",
                      "There is no unsubscribe link. Add one in the settings (a web address or "
                      "your email service's merge tag such as *|UNSUB|*).", None,
                      "unsubscribe_url")


def _images(newsletter: Newsletter) -> Iterator[tuple[str, str, Any, str, bool]]:
    for block in newsletter.blocks:
        if isinstance(block, ArticleBlock) and block.image:
            yield block.id, "image_alt", block.image, block.image_alt, False
        elif isinstance(block, ImageBlock) and block.image:
            yield block.id, "alt", block.image, block.alt, block.decorative
        elif isinstance(block, ContactBlock) and block.photo:
            yield block.id, "photo_alt", block.photo, block.photo_alt or block.name, False


@check
def image_missing(project: Project, rendered: RenderResult | None) -> Iterator[Finding]:
    """An image the document uses but does not hold shows as a broken picture."""
    for block_id, _field, ref, _alt, _decorative in _images(project.newsletter):
        if ref not in project.images:
            yield Finding(Severity.ERROR, "image-missing",
                          f"The picture “{ref.original_name or ref.filename}” is missing from "
                          "the document. Choose the picture again.", block_id, "image")


@check
def alt_missing(project: Project, rendered: RenderResult | None) -> Iterator[Finding]:
    """Without alt text, blind readers and everyone whose client blocks images see nothing."""
    for block_id, field_name, ref, alt, decorative in _images(project.newsletter):
        if not alt.strip() and not decorative:
            yield Finding(Severity.ERROR, "alt-missing",
                          f"The picture “{ref.original_name or ref.filename}” has no alt text. "
                          "Describe what it shows: many readers' mail programs block pictures, "
                          "and screen readers read the alt text aloud.", block_id, field_name)
