"""The registry of checks, what they find (``Finding``, ``Severity``), and ``run_checks``."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any, Final

from composer.checks.context import CheckContext
from composer.i18n import N_, speaking, ui_language
from composer.i18n import ui_message as _
from composer.model import BLOCK_KIND_NAMES, Bundle, Newsletter
from composer.render import RenderResult, relative_resolver, render
from composer.spelling import SpellChecker


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
        location: the block or setting named for people, e.g. ``Article “Planet”``; filled in
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


Check = Callable[[CheckContext], Iterator[Finding]]
#: Every check, in the order their findings are listed within one severity and one place (the
#: order ``composer.checks`` imports the rule modules in). Add one function and one test.
CHECKS: Final[list[Check]] = []


def check(function: Check) -> Check:
    """Register ``function`` as a pre-flight check."""
    CHECKS.append(function)
    return function


def run_checks(
    bundle: Bundle,
    rendered: RenderResult | None = None,
    *,
    language: str | None = None,
    spelling: SpellChecker | None = None,
) -> list[Finding]:
    """Run every registered check on ``bundle``.

    Args:
        bundle: the document and its images.
        rendered: its rendering (the preview's, for example); when None it is rendered here.
        language: the language of the messages (one of ``UI_LANGUAGES``); by default the
            user's (``ui_language``), read in the calling thread.
        spelling: the checker with the user's word list (the window's); by default the
            dictionaries alone.

    Returns:
        The findings, errors first, then warnings, then tips; within each, settings first,
        then the blocks in reading order.

    Raises:
        ValueError: ``language`` is not a language the program speaks.
    """
    if rendered is None:
        rendered = render(bundle.newsletter, relative_resolver(bundle.images))
    with speaking(language or ui_language()):
        context = CheckContext(bundle, rendered, spelling)
        findings = [finding for rule in CHECKS for finding in rule(context)]
        positions = {block.id: index for index, block in enumerate(bundle.newsletter.blocks)}
        findings.sort(
            key=lambda f: (_SEVERITY_ORDER[f.severity], positions.get(f.block_id or "", -1))
        )
        return [replace(f, location=_location(bundle.newsletter, f)) for f in findings]


#: The settings findings point at, named for people (in ``settings (subject)``).
_SETTING_NAMES: Final = {
    "subject": N_("subject"),
    "preheader": N_("preview text"),
    "unsubscribe_url": N_("unsubscribe link"),
    "web_version_url": N_("web version link"),
    "accent_color": N_("accent colour"),
    "logo": N_("logo"),
    "logo_alt": N_("logo"),
    "organisation.website": N_("website"),
    "sender_email": N_("sender address"),
}


def _location(newsletter: Newsletter, finding: Finding) -> str:
    """Name where a finding is for people: ``Article “Planet”``, ``settings (subject)``."""
    if finding.block_id is None:
        if finding.field is None:
            return _("the whole newsletter")
        name = _SETTING_NAMES.get(finding.field)
        return _("settings ({name})").format(name=_(name) if name else finding.field)
    for position, block in enumerate(newsletter.blocks, 1):
        if block.id == finding.block_id:
            kind = _(BLOCK_KIND_NAMES[block.kind])
            title = block.display_name()
            if title:
                short = title if len(title) <= 40 else title[:39].rstrip() + "…"
                return _("{kind} “{title}”").format(kind=kind, title=short)
            return _("{kind} (block {position})").format(kind=kind, position=position)
    return finding.block_id
