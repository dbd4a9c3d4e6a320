"""After a crash: the documents left unsaved, each to restore or discard."""

from __future__ import annotations

from babel.dates import format_datetime
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer.gui import dialogs
from composer.i18n import ui_language
from composer.recovery import Journal, JournalSummary, Orphan, RecoveredDocument


class RecoveryDialog(QDialog):
    """Lists the documents a crash left with unsaved changes; checked ones are restored.

    The main button says what it will do ("Restore", "Restore 1, Discard 2", "Discard All");
    "Decide Later" (and Escape) keeps every journal for the next start.

    Args:
        summaries: what each journal holds, most recently changed first.
    """

    def __init__(self, summaries: list[JournalSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Recover Unsaved Work"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Newsletter Composer ended without saving the latest changes to these "
                "newsletters. Checked ones are restored, each in a window of its own, with "
                "their changes unsaved; unchecked ones are discarded."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget(self)
        self.list.setObjectName("recoveryList")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [self.tr("Newsletter"), self.tr("Last change"), self.tr("Contents")]
        )
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        for summary in summaries:
            item = QTreeWidgetItem(
                [self._name(summary), self._time(summary), self._contents(summary)]
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(0, str(summary.path) if summary.path else self.tr("Never saved"))
            item.setToolTip(2, item.text(2))
            self.list.addTopLevelItem(item)
        self.list.setMinimumWidth(820)
        layout.addWidget(self.list)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self)
        self.restore_button.setDefault(True)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(
            self.tr("Decide &Later"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setToolTip(self.tr("Keep them all, and ask again at the next start"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(self._update_button)
        self._update_button()

    def _name(self, summary: JournalSummary) -> str:
        return summary.path.name if summary.path is not None else summary.name

    def _time(self, summary: JournalSummary) -> str:
        # In the window's language, as the core writes dates (Qt's locale is the system's).
        return format_datetime(summary.changed_at.astimezone(), "short", locale=ui_language())

    def _contents(self, summary: JournalSummary) -> str:
        parts = [
            self.tr("“{subject}”").format(subject=summary.subject)
            if summary.subject
            else self.tr("no subject"),
            self.tr("1 block")
            if summary.block_count == 1
            else self.tr("{count} blocks").format(count=summary.block_count),
        ]
        if summary.first_headline:
            parts.append(summary.first_headline)
        return " · ".join(parts)

    def choices(self) -> list[bool]:
        """For each document, in the order given: True to restore it, False to discard it."""
        items = (self.list.topLevelItem(row) for row in range(self.list.topLevelItemCount()))
        return [item is not None and item.checkState(0) == Qt.CheckState.Checked for item in items]

    def _update_button(self) -> None:
        choices = self.choices()
        restore = sum(choices)
        discard = len(choices) - restore
        if not discard:
            text = self.tr("&Restore")
        elif not restore:
            text = self.tr("&Discard All")
        else:
            text = self.tr("&Restore {restore}, Discard {discard}").format(
                restore=restore, discard=discard
            )
        self.restore_button.setText(text)


def offer_recovery(
    parent: QWidget | None, orphans: list[Orphan]
) -> list[tuple[RecoveredDocument, Journal]]:
    """Ask what to do with each journal a crash left; restore and discard as the user says.

    Returns:
        Each restored document with its journal, which it goes on writing to. Empty when
        there was nothing to offer or the user chose to decide later (nothing is removed).
    """
    if not orphans:
        return []
    dialog = RecoveryDialog([orphan.summary for orphan in orphans], parent)
    try:
        accepted = dialogs.run_dialog(dialog) == QDialog.DialogCode.Accepted
        choices = dialog.choices()
    finally:
        dialog.deleteLater()
    restored = []
    for orphan, restore in zip(orphans, choices, strict=True):
        if not accepted:
            orphan.release()
        elif restore:
            restored.append((orphan.restore(), orphan.adopt()))
        else:
            orphan.discard()
    return restored
