"""Field widgets of the editors: each edits one value and shows its own problem inline.

A field never changes the document. It says what the user entered (``edited``) and the
editor decides: a valid value becomes an undoable edit; an invalid one is refused by the
model, the document keeps the last valid value, and the field shows why, under itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.gui import dialogs

#: How long a problem waits while the user is still typing before it is shown.
PROBLEM_DELAY_MS: Final = 800
#: Numbers the stretches of typing; edits of different stretches never merge (see edits).
_typing_stretches = itertools.count(1)


#: Undo and redo keys on every platform, beside the platform's own standard ones.
HISTORY_KEYS: Final = (QKeySequence("Ctrl+Z"), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def _is_undo_or_redo(event: QKeyEvent) -> bool:
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(
        pressed.matches(keys) == QKeySequence.SequenceMatch.ExactMatch for keys in HISTORY_KEYS
    )


def refresh_style(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property it selects on has changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class Field(QWidget):
    """Base of the field widgets: an editing widget with a problem line under it.

    Signals:
        edited(object, bool): the user changed the value; the flag says whether it came
            from typing (consecutive typing in one field merges into one undo step).
    """

    edited = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self._problem_label = QLabel(self)
        self._problem_label.setObjectName("fieldProblem")
        self._problem_label.setWordWrap(True)
        self._problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._problem_label.hide()
        self._layout.addWidget(self._problem_label)
        self._problem: str | None = None
        self._reveal_timer = QTimer(self)
        self._reveal_timer.setSingleShot(True)
        self._reveal_timer.setInterval(PROBLEM_DELAY_MS)
        self._reveal_timer.timeout.connect(self.reveal_problem)
        #: Tells one stretch of typing in this field from the next (see ReplaceBlock): the
        #: field gets a new one each time it takes the focus.
        self.typing_stretch = next(_typing_stretches)
        self._watched: list[QWidget] = []

    def _add_editor(self, widget: QWidget) -> None:
        """Put the editing widget (or a row of them) above the problem line."""
        self._layout.insertWidget(self._layout.count() - 1, widget)

    def _watch(self, widget: QWidget) -> None:
        """Follow focus and keep Undo/Redo for the window's history, not the widget's own."""
        widget.installEventFilter(self)
        self._watched.append(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: focus starts a stretch of typing; Ctrl+Z goes to the window's history."""
        kind = event.type()
        if (
            kind == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _is_undo_or_redo(event)
        ):
            # Left unaccepted, the key goes to the window's Undo/Redo actions, which undo
            # whole user actions in every field, instead of the widget's private history.
            return True
        if kind == QEvent.Type.FocusIn:
            self.typing_stretch = next(_typing_stretches)
        elif kind == QEvent.Type.FocusOut:
            self.reveal_problem()
        return super().eventFilter(watched, event)

    def focus_widget(self) -> QWidget:
        """The widget that takes the keyboard focus (and is marked when invalid)."""
        return self._watched[0] if self._watched else self

    def set_value(self, value: object) -> None:
        """Show ``value`` without announcing an edit; keeps the cursor if nothing changed."""
        raise NotImplementedError

    # --- problems --------------------------------------------------------------------------

    def problem(self) -> str | None:
        """What is wrong with the value typed (shown or about to be), or None."""
        return self._problem

    def problem_shown(self) -> bool:
        """Whether the field is marked and its problem is on screen."""
        return self._problem is not None and not self._problem_label.isHidden()

    def set_problem(self, message: str | None, immediately: bool = False) -> None:
        """Mark the field with ``message``, or clear the mark with None.

        While the user types, a new problem waits a moment (or until the field loses focus)
        so that a half-typed address is not called wrong; a cleared one goes at once.
        """
        self._problem = message
        if message is None:
            self._reveal_timer.stop()
            self._problem_label.hide()
            self._mark(False)
        elif immediately or self.problem_shown():
            self.reveal_problem()
        else:
            self._reveal_timer.start()

    def reveal_problem(self) -> None:
        """Show the pending problem now."""
        self._reveal_timer.stop()
        if self._problem is None:
            return
        self._problem_label.setText(self._problem)
        self._problem_label.show()
        self._mark(True)

    def _mark(self, invalid: bool) -> None:
        widget = self.focus_widget()
        if widget.property("invalid") != invalid:
            widget.setProperty("invalid", invalid)
            refresh_style(widget)


class LineField(Field):
    """One line of text."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.setClearButtonEnabled(False)
        self._add_editor(self.line)
        self._watch(self.line)
        self.line.textEdited.connect(lambda text: self.edited.emit(text, True))
        self.line.editingFinished.connect(self.reveal_problem)

    def set_value(self, value: object) -> None:
        """Show ``value`` (a string)."""
        text = "" if value is None else str(value)
        if self.line.text() != text:
            self.line.setText(text)
            if not self.line.hasFocus():
                self.line.setCursorPosition(0)  # show the beginning of a long text

    def value(self) -> str:
        """The text as typed."""
        return self.line.text()


class LinkField(LineField):
    """A web address, mailto: or tel: link (or an email service's merge tag)."""

    def __init__(self, placeholder: str = "https://", parent: QWidget | None = None) -> None:
        super().__init__(placeholder, parent)
        self.line.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)


class TextAreaField(Field):
    """A few lines of plain text, such as a postal address."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setUndoRedoEnabled(False)
        height = self.text.fontMetrics().lineSpacing() * lines + 14
        self.text.setFixedHeight(height)
        self._add_editor(self.text)
        self._watch(self.text)
        self._loading = False
        self.text.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.text.toPlainText(), True)

    def set_value(self, value: object) -> None:
        """Show ``value`` (a string)."""
        text = "" if value is None else str(value)
        if self.text.toPlainText() != text:
            self._loading = True
            try:
                self.text.setPlainText(text)
            finally:
                self._loading = False


class DateField(Field):
    """An optional date: a check box says whether there is one."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(label, row)
        self.date = QDateEdit(row)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.date.setEnabled(False)
        layout.addWidget(self.enabled)
        layout.addWidget(self.date, 1)
        self._add_editor(row)
        self._watch(self.date)
        self._watch(self.enabled)
        self._loading = False
        self.enabled.toggled.connect(self._toggled)
        self.date.dateChanged.connect(self._changed)

    def focus_widget(self) -> QWidget:
        """The date itself."""
        return self.date

    def _toggled(self, on: bool) -> None:
        self.date.setEnabled(on)
        if not self._loading:
            self.edited.emit(self.value(), False)

    def _changed(self, _date: QDate) -> None:
        if not self._loading and self.enabled.isChecked():
            self.edited.emit(self.value(), True)

    def value(self) -> dt.date | None:
        """The date, or None when there is none."""
        if not self.enabled.isChecked():
            return None
        date: dt.date = self.date.date().toPython()  # type: ignore[assignment]
        return date

    def set_value(self, value: object) -> None:
        """Show ``value`` (a date or None)."""
        self._loading = True
        try:
            if isinstance(value, dt.date):
                self.enabled.setChecked(True)
                if self.date.date().toPython() != value:
                    self.date.setDate(QDate(value.year, value.month, value.day))
            else:
                self.enabled.setChecked(False)
            self.date.setEnabled(self.enabled.isChecked())
        finally:
            self._loading = False


class ChoiceField(Field):
    """One of a few values, from a drop-down list."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        for value, label in choices:
            self.combo.addItem(label, value)
        self._add_editor(self.combo)
        self._watch(self.combo)
        # activated, not currentIndexChanged: only the user's choices are edits.
        self.combo.activated.connect(
            lambda index: self.edited.emit(self.combo.itemData(index), False)
        )

    def set_value(self, value: object) -> None:
        """Select ``value``."""
        index = self.combo.findData(value)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)


class CheckField(Field):
    """A yes/no choice."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label, self)
        self._add_editor(self.check)
        self._watch(self.check)
        self.check.clicked.connect(lambda on: self.edited.emit(bool(on), False))

    def set_value(self, value: object) -> None:
        """Show ``value`` (a bool)."""
        self.check.setChecked(bool(value))


class ColourField(Field):
    """A colour written as ``#rrggbb``, typed or picked in the colour dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.swatch = QLabel(row)
        self.swatch.setObjectName("colourSwatch")
        self.swatch.setFixedSize(28, 24)
        self.code = QLineEdit(row)
        self.code.setMaxLength(7)
        self.code.setFixedWidth(90)
        self.choose = QPushButton(self.tr("Choose…"), row)
        layout.addWidget(self.swatch)
        layout.addWidget(self.code)
        layout.addWidget(self.choose)
        layout.addStretch(1)
        self._add_editor(row)
        self._watch(self.code)
        self.code.textEdited.connect(self._typed)
        self.code.editingFinished.connect(self.reveal_problem)
        self.choose.clicked.connect(self._pick)

    def _typed(self, text: str) -> None:
        self._paint_swatch(text.strip())
        self.edited.emit(text.strip(), True)

    def _paint_swatch(self, colour: str) -> None:
        if QColor.isValidColorName(colour) and colour.startswith("#") and len(colour) == 7:
            self.swatch.setStyleSheet(
                f"background:{colour};border:1px solid #8a939c;border-radius:3px"
            )

    def focus_widget(self) -> QWidget:
        """The colour code."""
        return self.code

    def _pick(self) -> None:
        colour = dialogs.choose_colour(self, self.code.text())
        if colour is not None:
            self.set_value(colour.lower())
            self.edited.emit(colour.lower(), False)

    def set_value(self, value: object) -> None:
        """Show ``value`` (``#rrggbb``)."""
        text = str(value)
        if self.code.text().lower() != text.lower():
            self.code.setText(text)
        self._paint_swatch(text)
