"""Every modal question and message the window asks or shows, in one module that tests patch.

Nothing else in ``composer.gui`` creates a QMessageBox, QFileDialog, QColorDialog or other
modal dialog; and every dialog here runs through ``run_dialog``, so a test suite can make an
unexpected dialog fail the test instead of waiting for a click that never comes.
"""

from __future__ import annotations

import enum
import logging
import traceback
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.checks import Finding, Severity
from composer.errors import ComposerError
from composer.richtext import link_problem

_LOG = logging.getLogger(__name__)


def run_dialog(dialog: QDialog) -> int:
    """Run ``dialog`` modally and return its result: the one place dialogs are executed."""
    return dialog.exec()


class UnsavedChoice(enum.Enum):
    """The answer to "save the changes?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show an error to the user: the program's own errors as they are, others with details.

    A ComposerError's message is a sentence written for the user. Anything else is a bug: it
    is logged and shown with its traceback, selectable so it can be copied into a report.
    """
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("dialogs", "Newsletter Composer"))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if isinstance(exc, ComposerError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(exc))
    else:
        _LOG.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(
            QCoreApplication.translate(
                "dialogs", "Something went wrong that the program did not expect: {error}"
            ).format(error=f"{type(exc).__name__}: {exc}")
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "dialogs",
                "Save your work under a new name to be safe, and please "
                "report this with the details below.",
            )
        )
        box.setDetailedText("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    run_dialog(box)


def ask_unsaved_changes(parent: QWidget | None, name: str) -> UnsavedChoice:
    """Ask whether to save the changes to the document ``name`` before they would be lost."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("dialogs", "Newsletter Composer"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(
        QCoreApplication.translate("dialogs", "Save the changes to “{name}”?").format(name=name)
    )
    box.setInformativeText(
        QCoreApplication.translate("dialogs", "If you don't save, your changes will be lost.")
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    run_dialog(box)
    answer = box.standardButton(box.clickedButton())
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def _file_dialog(
    parent: QWidget | None,
    caption: str,
    directory: str,
    filters: list[str],
    save: bool,
    default_suffix: str = "",
) -> str | None:
    dialog = QFileDialog(parent, caption, directory)
    dialog.setNameFilters(filters)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if default_suffix:
            dialog.setDefaultSuffix(default_suffix)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0]


def open_newsletter_name(parent: QWidget | None, directory: str) -> str | None:
    """Ask for a ``.newsletter`` file to open; None when the user cancels."""
    return _file_dialog(
        parent,
        QCoreApplication.translate("dialogs", "Open Newsletter"),
        directory,
        [
            QCoreApplication.translate("dialogs", "Newsletters (*.newsletter)"),
            QCoreApplication.translate("dialogs", "All files (*)"),
        ],
        save=False,
    )


def save_newsletter_name(parent: QWidget | None, suggestion: str) -> str | None:
    """Ask where to save the document; None when the user cancels."""
    return _file_dialog(
        parent,
        QCoreApplication.translate("dialogs", "Save Newsletter"),
        suggestion,
        [QCoreApplication.translate("dialogs", "Newsletters (*.newsletter)")],
        save=True,
        default_suffix="newsletter",
    )


def export_target_name(
    parent: QWidget | None, caption: str, suggestion: str, file_filter: str, default_suffix: str
) -> str | None:
    """Ask where an export goes (a new folder or a file); None when the user cancels."""
    return _file_dialog(
        parent, caption, suggestion, [file_filter], save=True, default_suffix=default_suffix
    )


def image_file_name(parent: QWidget | None, directory: str) -> str | None:
    """Ask for a picture to add; None when the user cancels."""
    return _file_dialog(
        parent,
        QCoreApplication.translate("dialogs", "Choose a Picture"),
        directory,
        [
            QCoreApplication.translate("dialogs", "Pictures (*.jpg *.jpeg *.png *.gif *.webp)"),
            QCoreApplication.translate("dialogs", "All files (*)"),
        ],
        save=False,
    )


def choose_colour(parent: QWidget | None, colour: str) -> str | None:
    """Ask for a colour, starting from ``colour`` (``#rrggbb``); None when cancelled."""
    dialog = QColorDialog(QColor(colour), parent)
    dialog.setWindowTitle(QCoreApplication.translate("dialogs", "Accent Colour"))
    if run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.selectedColor().name()


class LinkDialog(QDialog):
    """Asks for a link's address and says at once what is wrong with a bad one."""

    def __init__(self, parent: QWidget | None, current: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Web address, mailto: or tel: link (empty removes the link):"))
        layout.addWidget(label)
        self.address = QLineEdit(current)
        label.setBuddy(self.address)  # which also names the field for screen readers
        self.address.setPlaceholderText("https://")
        self.address.setMinimumWidth(380)
        layout.addWidget(self.address)
        self.problem = QLabel()
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.address.textChanged.connect(self._check)
        self._check(current)

    def _check(self, text: str) -> None:
        problem = link_problem(text) if text.strip() else None
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)


def ask_link(parent: QWidget | None, current: str) -> str | None:
    """Ask for a link address; "" removes the link, None means the user cancelled."""
    dialog = LinkDialog(parent, current)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.address.text().strip()


def show_information(parent: QWidget | None, text: str, details: str = "") -> None:
    """Tell the user something worth a moment of attention (export warnings, About)."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("dialogs", "Newsletter Composer"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(text)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if details:
        box.setInformativeText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    run_dialog(box)


def progress_dialog(parent: QWidget | None, title: str, text: str) -> QProgressDialog:
    """A window-modal progress dialog with a Cancel button, shown only if the work lasts."""
    dialog = QProgressDialog(text, QCoreApplication.translate("dialogs", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def import_file_name(parent: QWidget | None, directory: str) -> str | None:
    """Ask for a file to import articles from; None when the user cancels."""
    return _file_dialog(
        parent,
        QCoreApplication.translate("dialogs", "Choose a File to Import"),
        directory,
        [
            QCoreApplication.translate(
                "dialogs",
                "Articles (*.docx *.md *.markdown *.txt *.html *.htm)",
            ),
            QCoreApplication.translate("dialogs", "All files (*)"),
        ],
        save=False,
    )


@dataclass(frozen=True)
class ImportRequest:
    """What the user asked to import.

    Attributes:
        source: a file's path, or a web address.
        split_headings: one article per Heading 1 or 2 section.
    """

    source: str
    split_headings: bool


class ImportDialog(QDialog):
    """Asks for a file or a web address to make articles of."""

    def __init__(self, parent: QWidget | None, directory: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Articles"))
        self._directory = directory
        layout = QVBoxLayout(self)
        explanation = QLabel(
            self.tr(
                "A Word document (.docx), Markdown (.md), text (.txt) or saved web page "
                "(.html), or the address of a web page:"
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        row = QHBoxLayout()
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("https://… or a file"))
        self.source.setMinimumWidth(420)
        explanation.setBuddy(self.source)  # which also names the field for screen readers
        row.addWidget(self.source)
        self.browse = QPushButton(self.tr("Choose &File…"))
        self.browse.clicked.connect(self._choose_file)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.split = QCheckBox(self.tr("One article per Heading &1 or 2"))
        layout.addWidget(self.split)
        note = QLabel(self.tr("A web address is downloaded now, with its pictures."))
        note.setObjectName("fieldHint")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.source.textChanged.connect(self._check)
        self._check("")

    def _choose_file(self) -> None:
        name = import_file_name(self, self._directory)
        if name:
            self.source.setText(name)

    def _check(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))

    def request(self) -> ImportRequest:
        """What the dialog asks to import."""
        return ImportRequest(self.source.text().strip(), self.split.isChecked())


def ask_import_source(parent: QWidget | None, directory: str) -> ImportRequest | None:
    """Ask for a file or web address to import articles from; None when cancelled."""
    dialog = ImportDialog(parent, directory)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.request()


def ask_keep_articles(parent: QWidget | None, count: int) -> bool | None:
    """Ask whether the next issue keeps the earlier one's ``count`` articles; None to cancel."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("dialogs", "New from Earlier Issue"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(
        QCoreApplication.translate("dialogs", "Keep the earlier issue's articles in the new one?")
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "dialogs",
            "Articles in the earlier issue: {count}. The new issue gets the earlier one's "
            "settings, masthead and recurring blocks, and the next month's date; kept articles "
            "move to the new month.",
        ).format(count=count)
    )
    keep = box.addButton(
        QCoreApplication.translate("dialogs", "Keep Articles"), QMessageBox.ButtonRole.YesRole
    )
    leave = box.addButton(
        QCoreApplication.translate("dialogs", "Leave Articles Out"), QMessageBox.ButtonRole.NoRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(leave)
    run_dialog(box)
    clicked = box.clickedButton()
    if clicked is keep:
        return True
    if clicked is leave:
        return False
    return None


#: How many findings the pre-flight summary lists before "and N more".
_SUMMARY_FINDINGS = 6


def _first_sentence(message: str) -> str:
    end = message.find(". ")
    return message if end < 0 else message[: end + 1]


def ask_past_findings(
    parent: QWidget | None,
    errors: Sequence[Finding],
    warnings: Sequence[Finding],
    proceed: str,
) -> bool:
    """Before the newsletter leaves: list the errors and warnings, and ask whether to go on.

    Args:
        parent: the window.
        errors: the errors found (the summary says "errors" when there is any).
        warnings: the warnings found.
        proceed: the button that goes on, such as "Export &Anyway" or "&Export".

    Returns:
        True to go on; False to fix first (the default with errors, and on Escape).
    """
    translate = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setWindowTitle(translate("dialogs", "Before It Leaves"))
    if errors:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(
            translate("dialogs", "The checks found errors that readers would notice.")
            if len(errors) > 1
            else translate("dialogs", "The checks found an error that readers would notice.")
        )
    else:
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(translate("dialogs", "The checks have warnings; have a look before it leaves."))
    labels = {
        Severity.ERROR: translate("dialogs", "Error"),
        Severity.WARNING: translate("dialogs", "Warning"),
    }
    findings = [*errors, *warnings]
    lines = [
        f"• {labels[f.severity]} – {f.location}: {_first_sentence(f.message)}"
        for f in findings[:_SUMMARY_FINDINGS]
    ]
    if len(findings) > _SUMMARY_FINDINGS:
        lines.append(
            translate("dialogs", "… and {count} more in the Checks panel.").format(
                count=len(findings) - _SUMMARY_FINDINGS
            )
        )
    box.setInformativeText("\n".join(lines))
    box.setDetailedText(
        "\n\n".join(f"{labels[f.severity]} – {f.location}: {f.message}" for f in findings)
    )
    go_on = box.addButton(proceed, QMessageBox.ButtonRole.AcceptRole)
    fix = box.addButton(translate("dialogs", "&Fix First"), QMessageBox.ButtonRole.RejectRole)
    go_on.setObjectName("proceedButton")
    fix.setObjectName("fixFirstButton")
    box.setDefaultButton(fix if errors else go_on)
    box.setEscapeButton(fix)
    run_dialog(box)
    return box.clickedButton() is go_on


def library_file_name(parent: QWidget | None, directory: str, save: bool) -> str | None:
    """Ask for a block library file to export to (``save``) or import; None to cancel."""
    return _file_dialog(
        parent,
        QCoreApplication.translate("dialogs", "Export Saved Blocks")
        if save
        else QCoreApplication.translate("dialogs", "Import Saved Blocks"),
        directory,
        [
            QCoreApplication.translate("dialogs", "Saved blocks (*.blocks)"),
            QCoreApplication.translate("dialogs", "All files (*)"),
        ],
        save=save,
        default_suffix="blocks",
    )


def ask_delete_saved_block(parent: QWidget | None, name: str) -> bool:
    """Ask whether to delete the saved block ``name`` from the library (not undoable)."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("dialogs", "Delete Saved Block"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(
        QCoreApplication.translate("dialogs", "Delete “{name}” from the library?").format(name=name)
    )
    box.setInformativeText(
        QCoreApplication.translate("dialogs", "Newsletters it was inserted into keep their copy.")
    )
    delete = box.addButton(
        QCoreApplication.translate("dialogs", "Delete"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    run_dialog(box)
    return box.clickedButton() is delete
