"""Answers to the start page of File → New, as a user clicks them, for tests that start anew."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QPushButton

from composer.gui.start_page import StartPage


def click_on_start_page(text: str) -> Callable[[QDialog], int]:
    """A ``dialogs.run_dialog`` that answers the start page by clicking the button ``text``."""

    def click(dialog: QDialog) -> int:
        assert isinstance(dialog, StartPage)
        next(b for b in dialog.findChildren(QPushButton) if b.text() == text).click()
        return dialog.result()

    return click
