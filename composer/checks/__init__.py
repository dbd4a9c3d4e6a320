"""Pre-flight checks: rules that find what would embarrass the sender, each returning findings.

A check is one small function registered with ``@check`` in the module of its topic. It looks
at a ``CheckContext`` (the document, its rendered HTML, and facts gathered once per run: the
pictures and their sizes, every link) and yields ``Finding`` values; it never raises for a
problem in the document. Messages are full sentences in the user's language, saying what is
wrong and how to fix it; they go through the core's ``_`` (``ui_message``), in the language
``run_checks`` speaks, so that ``templates/locale/sv/messages.po`` translates them.
"""

from __future__ import annotations

from composer.checks.context import (
    CheckContext,
    ImageProbe,
    Link,
    Picture,
    body_links,
    normalized,
)
from composer.checks.registry import CHECKS, Check, Finding, Severity, check, run_checks

# The rule modules register their checks as they are imported, and CHECKS keeps that order for
# findings of one severity at one place: the settings' own first, then pictures, links, content,
# spelling.
# isort: off
from composer.checks.sending import CLIP_LIMIT, CLIP_MARGIN, SUBJECT_LIMIT
from composer.checks.pictures import FAR_LARGER
from composer.checks.file_size import MAIL_LIMIT, file_size
from composer.checks.links import VAGUE_LINK_TEXTS
from composer.checks.content import AA_CONTRAST, CAPS_MIN_LETTERS, LONG_ARTICLE_WORDS, word_count
from composer.checks.dates import MAX_ARTICLE_AGE_MONTHS
from composer.checks.spelling import LISTED_WORDS, misspelt_words

# isort: on

__all__ = [
    "AA_CONTRAST",
    "CAPS_MIN_LETTERS",
    "CHECKS",
    "CLIP_LIMIT",
    "CLIP_MARGIN",
    "FAR_LARGER",
    "LISTED_WORDS",
    "LONG_ARTICLE_WORDS",
    "MAIL_LIMIT",
    "MAX_ARTICLE_AGE_MONTHS",
    "SUBJECT_LIMIT",
    "VAGUE_LINK_TEXTS",
    "Check",
    "CheckContext",
    "Finding",
    "ImageProbe",
    "Link",
    "Picture",
    "Severity",
    "body_links",
    "check",
    "file_size",
    "misspelt_words",
    "normalized",
    "run_checks",
    "word_count",
]
