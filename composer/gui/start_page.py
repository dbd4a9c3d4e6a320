"""The start page of File → New: the next issue from an earlier one, blank, the sample, a recent
newsletter (its subject, month and the top of its email), or another file."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.dates import month_names
from composer.errors import ComposerError
from composer.gui import dialogs
from composer.model import Bundle, MastheadBlock
from composer.storage import load

#: The size of a recent newsletter's picture: the top of its email, a masthead in small.
PICTURE_SIZE: Final = QSize(150, 56)
_PathRole: Final = Qt.ItemDataRole.UserRole + 1


class StartChoice(enum.Enum):
    """What the user chose to start with."""

    EARLIER_ISSUE = "earlier"
    BLANK = "blank"
    SAMPLE = "sample"
    SHOWCASE = "showcase"
    OPEN = "open"
    RECENT = "recent"


@dataclass(frozen=True)
class Start:
    """The answer of the start page: a choice, and the file for RECENT."""

    choice: StartChoice
    path: Path | None = None


def masthead_picture(bundle: Bundle) -> QPixmap:
    """The top of the newsletter's email in small: its accent band, logo and title."""
    settings = bundle.newsletter.settings
    title = next(
        (b.title for b in bundle.newsletter.blocks if isinstance(b, MastheadBlock) and b.title),
        settings.subject,
    )
    pixmap = QPixmap(PICTURE_SIZE)
    pixmap.fill(QColor(settings.accent_color))
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        left = 6.0
        if settings.logo is not None and settings.logo in bundle.images:
            logo = QImage.fromData(bundle.images.get(settings.logo))
            if not logo.isNull():
                scaled = logo.scaledToHeight(24, Qt.TransformationMode.SmoothTransformation)
                painter.drawImage(int(left), 6, scaled)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(12)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        text_box = QRectF(left, 32, PICTURE_SIZE.width() - 2 * left, 20)
        shown = painter.fontMetrics().elidedText(
            title, Qt.TextElideMode.ElideRight, int(text_box.width())
        )
        painter.drawText(
            text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown
        )
    finally:
        painter.end()
    return pixmap


def issue_month(bundle: Bundle) -> str:
    """The issue's month in its own language ("december 2012"), or "" without a date."""
    settings = bundle.newsletter.settings
    if settings.issue_date is None:
        return ""
    month = month_names(settings.language)[settings.issue_date.month - 1]
    return f"{month} {settings.issue_date.year}"


class StartPage(QDialog):
    """Asks what to start with; ``start`` holds the answer once the page is accepted.

    Args:
        recent_files: the recently opened files, most recent first; those that are gone or
            cannot be read are left out.
        parent: the window.
    """

    def __init__(self, recent_files: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Newsletter"))
        self.start: Start | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("What do you want to start from?"), self)
        heading.setObjectName("startHeading")
        layout.addWidget(heading)
        buttons = QHBoxLayout()
        self.earlier_button = self._button(
            self.tr("Next Issue from an Earlier One…"), StartChoice.EARLIER_ISSUE
        )
        self.blank_button = self._button(self.tr("Blank Newsletter"), StartChoice.BLANK)
        self.sample_button = self._button(self.tr("The Sample"), StartChoice.SAMPLE)
        self.showcase_button = self._button(self.tr("Showcase"), StartChoice.SHOWCASE)
        self.showcase_button.setToolTip(
            self.tr("A newsletter that uses every block type and option")
        )
        self.open_button = self._button(self.tr("Open…"), StartChoice.OPEN)
        for button in (
            self.earlier_button,
            self.blank_button,
            self.sample_button,
            self.showcase_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.earlier_button.setDefault(True)
        layout.addWidget(QLabel(self.tr("Recent newsletters"), self))
        self.recent_list = QListWidget(self)
        self.recent_list.setIconSize(PICTURE_SIZE)
        self.recent_list.setSpacing(2)
        self.recent_list.itemActivated.connect(self._recent_chosen)
        layout.addWidget(self.recent_list, 1)
        self._fill_recent(recent_files)
        if not self.recent_list.count():
            self.recent_list.addItem(self.tr("No recent newsletters"))
            self.recent_list.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(620, 460)

    def _button(self, text: str, choice: StartChoice) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: self._choose(Start(choice)))
        return button

    def _fill_recent(self, recent_files: Sequence[str]) -> None:
        for name in recent_files:
            path = Path(name)
            if not path.is_file():
                continue
            try:
                bundle = load(path)
            except ComposerError:
                continue  # a file that cannot be read now is explained when opened from the menu
            subject = bundle.newsletter.settings.subject or path.stem
            details = " · ".join(part for part in (issue_month(bundle), path.name) if part)
            item = QListWidgetItem(QIcon(masthead_picture(bundle)), f"{subject}\n{details}")
            item.setToolTip(str(path))
            item.setData(_PathRole, str(path))
            self.recent_list.addItem(item)

    def _recent_chosen(self, item: QListWidgetItem) -> None:
        path = item.data(_PathRole)
        if path:
            self._choose(Start(StartChoice.RECENT, Path(path)))

    def _choose(self, start: Start) -> None:
        self.start = start
        self.accept()


def choose_start(parent: QWidget | None, recent_files: Sequence[str]) -> Start | None:
    """Show the start page; what the user chose, or None when they cancelled."""
    page = StartPage(recent_files, parent)
    try:
        if dialogs.run_dialog(page) != QDialog.DialogCode.Accepted:
            return None
        return page.start
    finally:
        page.deleteLater()
