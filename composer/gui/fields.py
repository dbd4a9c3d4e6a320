"""Field widgets of the editors: each edits one value and shows its own problem inline.

A field never changes the document. It says what the user entered (``edited``) and the
editor decides: a valid value becomes an undoable edit; an invalid one is refused by the
model, the document keeps the last valid value, and the field shows why, under itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from composer.dates import format_date, parse_date
from composer.gui import dialogs
from composer.gui.announce import announce

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
        self._accessible_hint = ""

    def set_accessible_label(self, name: str, hint: str = "") -> None:
        """Name the field for assistive technology after its visible label, hint as description.

        A label linked with ``setBuddy`` gives only a "labelled by" relation, which screen
        readers do not all follow; the name itself must be set. A button keeps its own text
        as its name (it says what it does) and gets the label as its description.
        """
        self._accessible_hint = hint
        widget = self.focus_widget()
        if isinstance(widget, QAbstractButton):
            self._accessible_hint = " ".join(part for part in (name, hint) if part)
        elif name:
            widget.setAccessibleName(name)
        self._describe()

    def _describe(self) -> None:
        """The description: the problem shown, if any, then the hint.

        (Translated in this class's context: self.tr() would use the subclass's name.)
        """
        problem = ""
        if self.problem_shown():
            problem = QCoreApplication.translate("Field", "Error: {problem}").format(
                problem=self._problem
            )
        description = " ".join(part for part in (problem, self._accessible_hint) if part)
        widget = self.focus_widget()
        if widget.accessibleDescription() != description:
            widget.setAccessibleDescription(description)
            QAccessible.updateAccessibility(
                QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged)
            )

    def add_caption(self, caption: QLabel) -> None:
        """Put the field's label above it, beside its editing widget.

        Beside it in the widget tree, not only on screen: Qt finds the "labelled by" relation
        of a label only among its buddy's siblings, and on Linux a drop-down list is named
        by its value and its label is read through that relation alone.
        """
        caption.setParent(self)
        self._layout.insertWidget(0, caption)

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
            was_shown = not self._problem_label.isHidden()
            self._problem_label.hide()
            self._mark(False)
            if was_shown:
                self._describe()
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
        self._describe()
        widget = self.focus_widget()
        if widget.hasFocus():
            # The user is in the field: say what is wrong now, not only when asked.
            announce(
                widget,
                QCoreApplication.translate("Field", "Error: {problem}").format(
                    problem=self._problem
                ),
            )

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
    """An optional date, written as the newsletter writes it; a check box says whether there is one.

    The date is shown in the newsletter's language ("1 december 2012", "1 December 2012") and
    read back in that form or as ISO ("2012-12-01"). It is a line of text, not a spin box of
    sections, so typing over the selected date replaces all of it. A calendar is one click
    away. A date ticked on starts on the issue date, so a new article is not dated today in
    an issue of another year.
    """

    def __init__(
        self,
        label: str,
        language: Callable[[], str] = lambda: "sv",
        default: Callable[[], dt.date | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        """Args:
        label: the check box's text.
        language: the newsletter's language, read each time the date is shown or read.
        default: the date a ticked box starts on (the issue date); None for today.
        """
        super().__init__(parent)
        self._language = language
        self._default = default
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(label, row)
        self.date = QLineEdit(row)
        self.date.setEnabled(False)
        self.calendar_button = QToolButton(row)
        self.calendar_button.setObjectName("calendarButton")
        self.calendar_button.setText("…")
        self.calendar_button.setToolTip(self.tr("Choose the date in a calendar"))
        self.calendar_button.setAccessibleName(self.tr("Choose the date in a calendar"))
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_button.setEnabled(False)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        menu = QMenu(self.calendar_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._show_calendar)
        self.calendar_button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        layout.addWidget(self.enabled)
        layout.addWidget(self.date, 1)
        layout.addWidget(self.calendar_button)
        self._add_editor(row)
        self._watch(self.date)
        self._watch(self.enabled)
        self._loading = False
        self._shown: dt.date = self._start_date()
        self.date.setText(self._written(self._shown))
        self.enabled.toggled.connect(self._toggled)
        self.date.textEdited.connect(self._typed)
        self.date.editingFinished.connect(self._finished)

    def focus_widget(self) -> QWidget:
        """The date itself."""
        return self.date

    def _start_date(self) -> dt.date:
        return self._default() or dt.date.today()

    def _written(self, date: dt.date) -> str:
        return format_date(date, self._language())

    def _toggled(self, on: bool) -> None:
        self.date.setEnabled(on)
        self.calendar_button.setEnabled(on)
        if not self._loading:
            if on and not self.date.text().strip():
                self._shown = self._start_date()
                self.date.setText(self._written(self._shown))
            self.set_problem(None)
            self.edited.emit(self.value(), False)

    def _typed(self, text: str) -> None:
        date = parse_date(text, self._language())
        if date is None:
            example = dt.date(2012, 12, 1)
            self.set_problem(
                self.tr("Write a date such as “{written}” or “{iso}”.").format(
                    written=self._written(example), iso=example.isoformat()
                )
            )
            return
        self._shown = date
        self.set_problem(None)
        self.edited.emit(date, True)

    def _finished(self) -> None:
        """Leaving the field writes a date typed as ISO the newsletter's way."""
        if parse_date(self.date.text(), self._language()) is not None:
            self.date.setText(self._written(self._shown))
        self.reveal_problem()

    def _show_calendar(self) -> None:
        self.calendar.setSelectedDate(QDate(self._shown.year, self._shown.month, self._shown.day))

    def _picked(self, picked: QDate) -> None:
        self.calendar_button.menu().hide()
        self._shown = dt.date(picked.year(), picked.month(), picked.day())
        self.date.setText(self._written(self._shown))
        self.set_problem(None)
        self.edited.emit(self._shown, False)

    def value(self) -> dt.date | None:
        """The date, or None when there is none."""
        if not self.enabled.isChecked():
            return None
        return self._shown

    def set_value(self, value: object) -> None:
        """Show ``value`` (a date or None)."""
        self._loading = True
        try:
            if isinstance(value, dt.date):
                self.enabled.setChecked(True)
                self._shown = value
                if parse_date(self.date.text(), self._language()) != value:
                    self.date.setText(self._written(value))
            else:
                self.enabled.setChecked(False)
            self.date.setEnabled(self.enabled.isChecked())
            self.calendar_button.setEnabled(self.enabled.isChecked())
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
