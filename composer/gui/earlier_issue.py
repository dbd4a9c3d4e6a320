"""File → New from Earlier Issue: the next month's issue made from a newsletter file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from composer.errors import ComposerError
from composer.gui import dialogs
from composer.model import ArticleBlock, Bundle
from composer.next_issue import next_issue
from composer.storage import load


def ask_next_issue(parent: QWidget, folder: str) -> tuple[Bundle, Path] | None:
    """Ask for an earlier issue, and whether to keep its articles; make the next issue.

    Args:
        parent: the window the questions belong to.
        folder: where the file dialog starts.

    Returns:
        The new issue (not saved anywhere) and the earlier issue's file, or None when the
        user cancelled or the file could not be read (the user has been told why).
    """
    name = dialogs.open_newsletter_name(parent, folder)
    if not name:
        return None
    path = Path(name)
    try:
        earlier = load(path)
        articles = sum(isinstance(b, ArticleBlock) for b in earlier.newsletter.blocks)
        keep = dialogs.ask_keep_articles(parent, articles) if articles else False
        if keep is None:
            return None
        return next_issue(earlier, keep_articles=keep), path
    except ComposerError as exc:
        dialogs.show_error(parent, exc)
        return None
