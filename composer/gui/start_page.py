"""The start page of File → New: the next issue from an earlier one, blank (with saved blocks
from the library, if the user likes), the sample, a recent newsletter (grouped by series: its
subject, month and the top of its email), or another file."""

from __future__ import annotations

import datetime as dt
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

from composer.block_library import BlockLibrary, LibraryFile
from composer.dates import month_names
from composer.errors import ComposerError
from composer.gui import dialogs, library_dialog
from composer.model import Bundle, MastheadBlock
from composer.storage import load

#: The size of a recent newsletter's picture: the top of its email, a masthead in small.
PICTURE_SIZE: Final = QSize(150, 56)
_PathRole: Final = Qt.ItemDataRole.UserRole + 1


class StartChoice(enum.Enum):
    """What the user chose to start with."""

    EARLIER_ISSUE = "earlier"
    BLANK = "blank"
    BLANK_WITH_BLOCKS = "blank-with-blocks"
    SAMPLE = "sample"
    SHOWCASE = "showcase"
    OPEN = "open"
    RECENT = "recent"


@dataclass(frozen=True)
class Start:
    """The answer of the start page: a choice, the file for RECENT, the saved blocks (library
    entry ids) for BLANK_WITH_BLOCKS."""

    choice: StartChoice
    path: Path | None = None
    saved_blocks: tuple[str, ...] = ()


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


def series_title(bundle: Bundle) -> str:
    """The name of the newsletter's series: its masthead's title, else its subject."""
    return next(
        (b.title for b in bundle.newsletter.blocks if isinstance(b, MastheadBlock) and b.title),
        bundle.newsletter.settings.subject,
    ).strip()


def group_by_series(recent: Sequence[tuple[Path, Bundle]]) -> list[tuple[str, list[Path]]]:
    """Recent newsletters grouped by series, the last opened series first; newest issue
    first within a series (by issue date; those without one after, in the order opened)."""
    groups: dict[str, tuple[str, list[tuple[Path, Bundle]]]] = {}
    for path, bundle in recent:
        title = series_title(bundle)
        groups.setdefault(title.casefold(), (title, []))[1].append((path, bundle))
    result = []
    for title, members in groups.values():
        ordered = sorted(
            members,
            key=lambda member: (
                -(member[1].newsletter.settings.issue_date or dt.date.min).toordinal()
            ),
        )
        result.append((title, [path for path, _bundle in ordered]))
    return result


class StartPage(QDialog):
    """Asks what to start with; ``start`` holds the answer once the page is accepted.

    Args:
        recent_files: the recently opened files, most recent first; those that are gone or
            cannot be read are left out.
        parent: the window.
        note: why the page is shown, when it is not File → New (the last newsletter could not
            be opened at start-up).
        library: the saved blocks offered for a blank newsletter (the user's own by default).
    """

    def __init__(
        self,
        recent_files: Sequence[str],
        parent: QWidget | None = None,
        note: str = "",
        library: LibraryFile | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Newsletter"))
        self.start: Start | None = None
        layout = QVBoxLayout(self)
        if note:
            self.note = QLabel(note, self)
            self.note.setObjectName("startNote")
            self.note.setWordWrap(True)
            font = self.note.font()
            font.setBold(True)
            self.note.setFont(font)
            layout.addWidget(self.note)
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
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)
        recent_column = QVBoxLayout()
        columns.addLayout(recent_column, 3)
        recent_label = QLabel(self.tr("&Recent newsletters"), self)
        recent_column.addWidget(recent_label)
        self.recent_list = QListWidget(self)
        self.recent_list.setObjectName("recentList")
        recent_label.setBuddy(self.recent_list)
        self.recent_list.setAccessibleName(self.tr("Recent newsletters"))
        self.recent_list.setIconSize(PICTURE_SIZE)
        self.recent_list.setSpacing(2)
        self.recent_list.itemActivated.connect(self._recent_chosen)
        recent_column.addWidget(self.recent_list, 1)
        self._fill_recent(recent_files)
        if not self.recent_list.count():
            self.recent_list.addItem(self.tr("No recent newsletters"))
            self.recent_list.setEnabled(False)
        self._build_saved_blocks(columns, library or library_dialog.user_library())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(860, 500)

    def _build_saved_blocks(self, columns: QHBoxLayout, library: LibraryFile) -> None:
        column = QVBoxLayout()
        columns.addLayout(column, 2)
        label = QLabel(self.tr("Saved &blocks"), self)
        column.addWidget(label)
        self.saved_list = QListWidget(self)
        self.saved_list.setObjectName("savedBlocksList")
        label.setBuddy(self.saved_list)
        self.saved_list.setIconSize(library_dialog.ICON_SIZE)
        # Long details are cut short with "…" rather than scrolled sideways.
        self.saved_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.saved_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.saved_list.setToolTip(self.tr("Tick the blocks a blank newsletter starts with"))
        column.addWidget(self.saved_list, 1)
        self.blank_with_blocks_button = QPushButton(self.tr("Blank with Ticked Blocks"), self)
        self.blank_with_blocks_button.setAutoDefault(False)
        self.blank_with_blocks_button.clicked.connect(self._blank_with_blocks)
        column.addWidget(self.blank_with_blocks_button)
        try:
            saved = library.read()
        except ComposerError as exc:
            saved = BlockLibrary()
            self.saved_list.setToolTip(str(exc))
        for entry in saved.entries:
            item = library_dialog.entry_item(entry, saved.images)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.saved_list.addItem(item)
        if not saved.entries:
            self.saved_list.addItem(
                self.tr(
                    "No saved blocks yet. To save one, select a block in a newsletter and "
                    "choose Edit → Save Block to Library…"
                )
            )
            self.saved_list.setWordWrap(True)
            self.saved_list.setEnabled(False)
        # A click anywhere on the row ticks it, not only on the small box.
        self.saved_list.itemActivated.connect(self._toggle)
        self.saved_list.itemChanged.connect(lambda _item: self._update_blank_with_blocks())
        self._update_blank_with_blocks()

    def _toggle(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def ticked_blocks(self) -> tuple[str, ...]:
        """The library entry ids of the saved blocks ticked, in the list's order."""
        return tuple(
            str(item.data(library_dialog.ENTRY_ROLE))
            for row in range(self.saved_list.count())
            if (item := self.saved_list.item(row)).checkState() == Qt.CheckState.Checked
        )

    def _update_blank_with_blocks(self) -> None:
        self.blank_with_blocks_button.setEnabled(bool(self.ticked_blocks()))

    def _blank_with_blocks(self) -> None:
        ticked = self.ticked_blocks()
        if ticked:
            self._choose(Start(StartChoice.BLANK_WITH_BLOCKS, saved_blocks=ticked))

    def _button(self, text: str, choice: StartChoice) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: self._choose(Start(choice)))
        return button

    def _fill_recent(self, recent_files: Sequence[str]) -> None:
        readable: list[tuple[Path, Bundle]] = []
        for name in recent_files:
            path = Path(name)
            if not path.is_file():
                continue
            try:
                readable.append((path, load(path)))
            except ComposerError:
                continue  # a file that cannot be read now is explained when opened from the menu
        bundles = {path: bundle for path, bundle in readable}
        for title, paths in group_by_series(readable):
            header = QListWidgetItem(title or self.tr("Without a title"))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setForeground(self.palette().windowText())
            self.recent_list.addItem(header)
            for path in paths:
                bundle = bundles[path]
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


def choose_start(
    parent: QWidget | None, recent_files: Sequence[str], note: str = ""
) -> Start | None:
    """Show the start page (saying ``note`` first); what the user chose, or None."""
    page = StartPage(recent_files, parent, note)
    try:
        if dialogs.run_dialog(page) != QDialog.DialogCode.Accepted:
            return None
        return page.start
    finally:
        page.deleteLater()
