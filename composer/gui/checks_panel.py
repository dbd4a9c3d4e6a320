"""The checks panel: the pre-flight findings, grouped by severity, one click from the fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer.checks import Finding, Severity

#: Item data role holding a finding's (block id or "", field or "") on its row.
TARGET_ROLE: Final = int(Qt.ItemDataRole.UserRole)
#: Item data role holding what identifies a finding across re-runs, to keep it selected.
KEY_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1

#: Extra height of each row, in pixels, so that wrapped findings do not run together.
_ROW_PADDING: Final = 8
#: How many findings the panel shows at first (each is two or three lines, with its heading).
SHOWN_FINDINGS: Final = 6

_ICONS: Final = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.TIP: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class _WrappingDelegate(QStyledItemDelegate):
    """Lets long messages wrap onto several lines instead of being cut off with "…".

    QTreeView asks for row heights with an option rectangle of no width, and the style then
    measures the text as one endless line; measuring at the column's width makes it wrap.
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if option.rect.width() <= 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width = self._view.columnWidth(0) - depth * self._view.indentation()
            option = QStyleOptionViewItem(option)
            option.rect = QRect(0, 0, max(1, width), 1)
        size = super().sizeHint(option, index)
        # A little air between findings: each is several lines of text.
        return QSize(size.width(), size.height() + _ROW_PADDING)


class ChecksPanel(QWidget):
    """Lists pre-flight findings with severity icons; activating one asks to show its field.

    The panel holds no document: the window runs the checks and passes the findings to
    ``show_findings`` after each (debounced) edit.

    Signals:
        finding_activated(block_id, field, text): a finding was clicked or chosen with Enter;
            ``block_id`` is "" for the newsletter's settings, ``field`` is "" when the finding
            concerns a whole block; ``text`` is the finding as a screen reader reads it
            ("Error: …"), for the field to carry. A finding about the whole newsletter has
            nowhere to go and asks for nothing.
        counts_changed(errors, warnings, tips): emitted after every ``show_findings``.

    Attributes:
        summary: a label saying in a few words what was found, for the status bar.
    """

    finding_activated = Signal(str, str, str)
    counts_changed = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create an empty panel; it says the checks have not run until findings arrive."""
        super().__init__(parent)
        self._counts = (0, 0, 0)
        self._findings: list[Finding] | None = None
        #: Fields a finding was tied to: (widget, block id, field), untied once it is fixed.
        self._ties: list[tuple[QWidget, str, str]] = []
        self._tree = QTreeWidget(self)
        self._tree.setObjectName("checks")
        self._tree.setHeaderHidden(True)
        self._tree.setColumnCount(1)
        self._tree.setRootIsDecorated(False)
        self._tree.setItemsExpandable(False)
        self._tree.setExpandsOnDoubleClick(False)
        self._tree.setWordWrap(True)
        self._tree.setUniformRowHeights(False)
        self._tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._tree.setAlternatingRowColors(True)
        self._tree.setAccessibleName(self.tr("Pre-flight checks"))
        self._tree.setItemDelegate(_WrappingDelegate(self._tree))
        # Row heights are cached; when the dock gets narrower or wider, wrap the text anew.
        self._tree.header().sectionResized.connect(self._rewrap)
        # One click takes the user to the field (the arrow keys only move through the list);
        # Enter, and a double-click, activate as in every list.
        self._tree.itemClicked.connect(self._activate)
        self._tree.itemActivated.connect(self._activate)
        self._empty = QLabel(self)
        self._empty.setObjectName("checks-empty")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setMargin(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._empty)
        layout.addWidget(self._tree)
        self._tree.hide()
        self.summary = QLabel()
        self.summary.setObjectName("checksSummary")
        self._retranslate()

    def sizeHint(self) -> QSize:
        """Override: tall enough for about SHOWN_FINDINGS findings of two lines, with headings."""
        line = self.fontMetrics().lineSpacing()
        finding = 2 * line + _ROW_PADDING
        return QSize(super().sizeHint().width(), SHOWN_FINDINGS * finding + 2 * line + 8)

    def changeEvent(self, event: QEvent) -> None:
        """Override: the language changed; show the same findings with the new words."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._tree.setAccessibleName(self.tr("Pre-flight checks"))
        if self._findings is None:
            self._empty.setText(self.tr("The checks have not run yet."))
        else:
            # The findings' own messages follow when the window checks again in the new
            # language; headings, severities and the summary follow now.
            self.show_findings(self._findings)

    def counts(self) -> tuple[int, int, int]:
        """The numbers of errors, warnings and tips shown now."""
        return self._counts

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Show ``findings`` (as ``run_checks`` returns them), keeping the selected one selected.

        Args:
            findings: the findings of the latest run, errors first.
        """
        self._findings = list(findings)
        self._untie_fixed(self._findings)
        selected = self._tree.currentItem()
        selected_key = selected.data(0, KEY_ROLE) if selected is not None else None
        scroll = self._tree.verticalScrollBar().value()
        self._tree.setUpdatesEnabled(False)
        try:
            self._tree.clear()
            restore: QTreeWidgetItem | None = None
            for severity in Severity:
                group = [finding for finding in findings if finding.severity is severity]
                if not group:
                    continue
                header = self._group_item(severity, len(group))
                for finding in group:
                    item = self._finding_item(finding)
                    header.addChild(item)
                    if selected_key is not None and item.data(0, KEY_ROLE) == selected_key:
                        restore = item
                self._tree.addTopLevelItem(header)
                header.setExpanded(True)
            if restore is not None:
                self._tree.setCurrentItem(restore)
            self._tree.verticalScrollBar().setValue(scroll)
        finally:
            self._tree.setUpdatesEnabled(True)
        self._tree.setVisible(bool(findings))
        self._empty.setVisible(not findings)
        self._empty.setText(self.tr("No problems found: the newsletter is ready to send."))
        errors, warnings, tips = (
            sum(finding.severity is severity for finding in findings) for severity in Severity
        )
        self._counts = (errors, warnings, tips)
        self.summary.setText(self._summary_text(errors, warnings))
        self.counts_changed.emit(errors, warnings, tips)

    def _summary_text(self, errors: int, warnings: int) -> str:
        if not errors and not warnings:
            return self.tr("✓ Ready to send")
        parts = []
        if errors:
            parts.append(
                self.tr("1 error")
                if errors == 1
                else self.tr("{count} errors").format(count=errors)
            )
        if warnings:
            parts.append(
                self.tr("1 warning")
                if warnings == 1
                else self.tr("{count} warnings").format(count=warnings)
            )
        return " · ".join(parts)

    def _rewrap(self, _section: int, old_size: int, new_size: int) -> None:
        if old_size != new_size:
            self._tree.doItemsLayout()

    def _group_item(self, severity: Severity, count: int) -> QTreeWidgetItem:
        titles = {
            Severity.ERROR: self.tr("Errors – fix before sending ({count})"),
            Severity.WARNING: self.tr("Warnings ({count})"),
            Severity.TIP: self.tr("Tips ({count})"),
        }
        item = QTreeWidgetItem([titles[severity].format(count=count)])
        font = QFont(self._tree.font())
        font.setBold(True)
        item.setFont(0, font)
        # A heading, not a finding: it cannot be selected or activated.
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def tie(self, widget: QWidget, block_id: str, field: str, spoken: str) -> None:
        """Tie the finding ``spoken`` to the field it is about, until it is fixed.

        Args:
            widget: the field's widget that takes the focus.
            block_id: the finding's block ("" for the settings).
            field: the finding's field.
            spoken: the finding as ``spoken_finding`` words it.
        """
        tie_to_field(widget, spoken)
        self._ties.append((widget, block_id, field))

    def _untie_fixed(self, findings: Sequence[Finding]) -> None:
        remaining = {(f.block_id or "", f.field or "") for f in findings}
        kept = []
        for widget, block_id, field in self._ties:
            if not shiboken6.isValid(widget):
                continue  # its editor has gone, and the description with it
            if (block_id, field) in remaining:
                kept.append((widget, block_id, field))
            else:
                untie_field(widget)
        self._ties = kept

    def select(self, finding: Finding) -> None:
        """Make ``finding`` the current one and give the list the focus (for "Fix First")."""
        wanted = (finding.code, finding.block_id, finding.field)
        for group in range(self._tree.topLevelItemCount()):
            header = self._tree.topLevelItem(group)
            for row in range(header.childCount() if header is not None else 0):
                item = header.child(row) if header is not None else None
                if item is not None and item.data(0, KEY_ROLE) == wanted:
                    self._tree.setCurrentItem(item)
                    self._tree.scrollToItem(item)
                    self._tree.setFocus(Qt.FocusReason.OtherFocusReason)
                    return

    def _finding_item(self, finding: Finding) -> QTreeWidgetItem:
        where = finding.location or finding.block_id or self.tr("the whole newsletter")
        item = QTreeWidgetItem([f"{where}\n{finding.message}"])
        item.setIcon(0, self._icon(finding.severity))
        spoken = spoken_finding(finding)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{spoken} ({where})")
        has_target = bool(finding.block_id or finding.field)
        hint = self.tr("Click to go to it.")
        item.setToolTip(0, f"{spoken}\n\n{hint}" if has_target else spoken)
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, item.toolTip(0))
        item.setData(0, TARGET_ROLE, (finding.block_id or "", finding.field or "", spoken))
        item.setData(0, KEY_ROLE, (finding.code, finding.block_id, finding.field))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return item

    def _icon(self, severity: Severity) -> QIcon:
        return self.style().standardIcon(_ICONS[severity])

    def _activate(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, TARGET_ROLE)
        if target is not None:
            block_id, field, spoken = target
            if block_id or field:
                self.finding_activated.emit(block_id, field, spoken)


def spoken_finding(finding: Finding) -> str:
    """``finding`` as a screen reader reads it: its severity first ("Error: …")."""
    translate = QCoreApplication.translate
    severities = {
        Severity.ERROR: translate("ChecksPanel", "Error"),
        Severity.WARNING: translate("ChecksPanel", "Warning"),
        Severity.TIP: translate("ChecksPanel", "Tip"),
    }
    return translate("ChecksPanel", "{severity}: {message}").format(
        severity=severities[finding.severity], message=finding.message
    )


#: The property where ``tie_to_field`` keeps a field's own description (its hint).
_OWN_DESCRIPTION: Final = "composerOwnDescription"


def tie_to_field(widget: QWidget, spoken: str) -> None:
    """Tie a finding to the field it is about: the field's description reads it first.

    A screen reader says the description when the field gets the focus, so the user who
    jumped from a finding hears what to fix; the field's own description (its hint) follows.
    Tying another finding replaces this one.

    Args:
        widget: the field's widget that takes the focus.
        spoken: the finding as ``spoken_finding`` words it.
    """
    own = widget.property(_OWN_DESCRIPTION)
    if not isinstance(own, str):
        own = widget.accessibleDescription()
        widget.setProperty(_OWN_DESCRIPTION, own)
    widget.setAccessibleDescription(f"{spoken} {own}".strip())


def untie_field(widget: QWidget) -> None:
    """Give a field back its own description (the finding tied to it was fixed)."""
    own = widget.property(_OWN_DESCRIPTION)
    if isinstance(own, str):
        widget.setAccessibleDescription(own)
