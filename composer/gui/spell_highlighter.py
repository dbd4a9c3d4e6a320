"""Spelling in the editors: red wavy underlines as the user types, suggestions on right click.

``SpellingService`` is the window's spelling: the core ``SpellChecker`` (dictionaries and the
user's word list), the newsletter's language, and the dictionaries loaded off the GUI thread.
``spell_check_fields`` attaches it to the fields of an editor that hold words for readers
(``composer.spelling.SPELLED_FIELDS``):

- rich text (``QTextEdit``) through a ``QSyntaxHighlighter`` on its document: the underlines
  are layout formats, never part of the text the body is saved from;
- one-line fields (``QLineEdit``, which has no highlighter) through a transparent child widget
  that draws the underlines over the text, at the positions the line's own font gives. The
  fields stay QLineEdits: their editing, signals and looks are untouched.

The word being typed (the cursor at its end, in a field with the focus) is not underlined
until the cursor leaves it, so a half-typed word is not called wrong. The context menu of a
misspelt word starts with suggestions, "Add to Dictionary" and "Ignore", above the widget's
own entries.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPointF,
    QRect,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from composer.errors import SpellingError
from composer.gui.fields import Field
from composer.spelling import (
    SPELLED_FIELDS,
    Misspelling,
    SpellChecker,
    dictionaries_loaded,
    load_dictionaries,
)

_LOG = logging.getLogger(__name__)

# The colour of the underline under a misspelt word.
UNDERLINE_COLOUR: Final = QColor("#d62a1e")

TextWidget = QTextEdit | QPlainTextEdit


def user_data_folder() -> Path:
    """The user's data folder, where the word list is kept."""
    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(QStandardPaths.writableLocation(location))


class SpellingService(QObject):
    """The window's spelling: what is misspelt in the newsletter's language, for the fields.

    Args:
        folder: the user's data folder, which keeps the word list; None for none.

    Signals:
        changed(): what counts as misspelt changed (a word added or ignored, another
            language, a dictionary loaded): underlines and the checks are redone.
        failed(str): a message for the user (a dictionary missing, the word list unwritable).
    """

    changed = Signal()
    failed = Signal(str)
    _loaded = Signal(str, object)

    def __init__(self, folder: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checker = SpellChecker(folder)
        self.language = ""
        self._loading: set[str] = set()
        # Hunspell holds Python's lock while it loads (about a second for Swedish): a thread
        # of its own lets the window paint first and keeps the load out of any keystroke.
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="dictionaries"
        )
        self._loaded.connect(self._dictionaries_loaded)
        self._told_problem = False
        self._closed = False

    def set_language(self, language: str) -> None:
        """Check in ``language`` (the newsletter's) from now on; loads its dictionary."""
        if language == self.language:
            return
        self.language = language
        if self.checker.word_list_problem and not self._told_problem:
            self._told_problem = True
            self.failed.emit(self.checker.word_list_problem)
        if dictionaries_loaded(language):
            self.changed.emit()
        elif language not in self._loading and not self._closed:
            self._loading.add(language)
            self._executor.submit(self._load, language)

    def _load(self, language: str) -> None:
        try:
            load_dictionaries(language)
        except SpellingError as exc:
            self._loaded.emit(language, exc)
        else:
            self._loaded.emit(language, None)

    def _dictionaries_loaded(self, language: str, error: SpellingError | None) -> None:
        self._loading.discard(language)
        if error is not None:
            self.failed.emit(str(error))
        elif language == self.language:
            self.changed.emit()

    def wait(self) -> None:
        """Wait until the dictionaries asked for are loaded (for tests and benchmarks)."""
        if not self._closed:
            self._executor.submit(lambda: None).result()

    def close(self) -> None:
        """Stop the loading thread (a load in progress ends first)."""
        self._closed = True
        self._executor.shutdown(wait=True)

    @property
    def ready(self) -> bool:
        """Whether words can be checked now without waiting for a dictionary."""
        return bool(self.language) and dictionaries_loaded(self.language)

    def misspellings(self, text: str) -> list[Misspelling]:
        """The misspelt words of ``text``; none while the dictionary is still loading."""
        if not self.ready:
            return []
        try:
            return self.checker.misspellings(text, self.language)
        except SpellingError:
            return []

    def suggestions(self, word: str) -> list[str]:
        """Words the user may have meant."""
        return self.checker.suggestions(word, self.language) if self.ready else []

    def add(self, word: str) -> None:
        """Add ``word`` to the user's word list."""
        try:
            self.checker.add(word)
        except SpellingError as exc:
            self.failed.emit(str(exc))
        self.changed.emit()

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the program ends."""
        self.checker.ignore(word)
        self.changed.emit()


def spell_check_fields(fields: Mapping[str, Field], kind: str, service: SpellingService) -> None:
    """Underline misspelt words in those of ``fields`` (by path) that hold words for readers.

    Args:
        fields: an editor's fields by the path of their value.
        kind: the block kind the editor edits, or ``settings``.
        service: the window's spelling.
    """
    for path in SPELLED_FIELDS.get(kind, ()):
        field = fields.get(path)
        if field is None:
            continue
        widget = field.focus_widget()
        if isinstance(widget, QLineEdit):
            LineSpelling(widget, service)
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            TextSpelling(widget, service)


def _wave(x0: float, x1: float, y: float) -> QPainterPath:
    """A wavy line from ``x0`` to ``x1``, 3 pixels high, its bottom at ``y``."""
    path = QPainterPath(QPointF(x0, y))
    x, up = x0, True
    while x < x1:
        x = min(x + 2.0, x1)
        path.lineTo(QPointF(x, y - 2.0 if up else y))
        up = not up
    return path


def _under_cursor(found: list[Misspelling], index: int) -> Misspelling | None:
    return next((m for m in found if m.start <= index <= m.end), None)


def _add_spelling_actions(
    menu: QMenu, service: SpellingService, word: str, replace: Callable[[str], None]
) -> None:
    """Put the suggestions for ``word``, Add to Dictionary and Ignore at the top of ``menu``."""
    actions: list[QAction] = []
    suggestions = service.suggestions(word)
    for suggestion in suggestions:
        action = QAction(suggestion, menu)
        bold = QFont(action.font())
        bold.setBold(True)
        action.setFont(bold)
        action.triggered.connect(lambda _checked=False, s=suggestion: replace(s))
        actions.append(action)
    if not suggestions:
        none = QAction(QCoreApplication.translate("SpellingMenu", "No suggestions"), menu)
        none.setEnabled(False)
        actions.append(none)
    add = QAction(QCoreApplication.translate("SpellingMenu", "Add to Dictionary"), menu)
    add.triggered.connect(lambda: service.add(word))
    ignore = QAction(QCoreApplication.translate("SpellingMenu", "Ignore"), menu)
    ignore.triggered.connect(lambda: service.ignore(word))
    separators = [QAction(menu), QAction(menu)]
    for separator in separators:
        separator.setSeparator(True)
    items = [*actions, separators[0], add, ignore, separators[1]]
    if menu.actions():
        menu.insertActions(menu.actions()[0], items)
    else:
        menu.addActions(items)


class TextSpelling(QSyntaxHighlighter):
    """Underlines misspelt words in a QTextEdit or QPlainTextEdit, and offers corrections."""

    def __init__(self, widget: TextWidget, service: SpellingService) -> None:
        super().__init__(widget)
        self._widget = widget
        self._service = service
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(UNDERLINE_COLOUR)
        # Where a misspelt word was left unmarked because it was being typed: the block's
        # number and the position after the word.
        self._typing_in: tuple[int, int] | None = None
        widget.installEventFilter(self)
        widget.viewport().installEventFilter(self)
        widget.cursorPositionChanged.connect(self._cursor_moved)
        service.changed.connect(self.refresh)
        self.refresh(attach=True)

    def refresh(self, attach: bool = False) -> None:
        """Underline anew (a word added, a dictionary loaded), without announcing an edit."""
        if not shiboken6.isValid(self._widget):
            return
        # Formats applied by a highlighter make the document say its contents changed; the
        # field would take that for an edit by the user.
        blocked = self._widget.blockSignals(True)
        try:
            if attach:
                self.setDocument(self._widget.document())
            self.rehighlight()
        finally:
            self._widget.blockSignals(blocked)

    def _rehighlight_quietly(self, block: QTextBlock) -> None:
        blocked = self._widget.blockSignals(True)
        try:
            self.rehighlightBlock(block)
        finally:
            self._widget.blockSignals(blocked)

    def highlightBlock(self, text: str) -> None:
        """Override: underline the misspelt words of one paragraph."""
        block = self.currentBlock()
        typing_at = self._typing_position(block)
        if self._typing_in is not None and self._typing_in[0] == block.blockNumber():
            self._typing_in = None
        for m in self._service.misspellings(text):
            if m.end == typing_at:
                self._typing_in = (block.blockNumber(), m.end)
                continue
            self.setFormat(m.start, m.end - m.start, self._format)

    def _typing_position(self, block: QTextBlock) -> int | None:
        """Where in ``block`` the user is typing, if they are."""
        if not self._widget.hasFocus():
            return None
        cursor = self._widget.textCursor()
        if cursor.hasSelection() or cursor.blockNumber() != block.blockNumber():
            return None
        return cursor.positionInBlock()

    def _cursor_moved(self) -> None:
        if self._typing_in is None:
            return
        cursor = self._widget.textCursor()
        if (cursor.blockNumber(), cursor.positionInBlock()) != self._typing_in:
            # The cursor left the word it was typing: underline it now if it is misspelt.
            block = self._widget.document().findBlockByNumber(self._typing_in[0])
            self._rehighlight_quietly(block)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: the spelling menu on right click; the typed word marked on leaving."""
        if event.type() == QEvent.Type.FocusOut and self._typing_in is not None:
            block = self._widget.document().findBlockByNumber(self._typing_in[0])
            self._rehighlight_quietly(block)
        elif event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            on_viewport = watched is self._widget.viewport()
            if on_viewport or watched is self._widget:
                return self._context_menu(event, on_viewport)
        return super().eventFilter(watched, event)

    def _context_menu(self, event: QContextMenuEvent, on_viewport: bool) -> bool:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            position = (
                event.pos()
                if on_viewport
                else self._widget.viewport().mapFrom(self._widget, event.pos())
            )
            cursor = self._widget.cursorForPosition(position)
        else:
            cursor = self._widget.textCursor()
            position = self._widget.cursorRect(cursor).center()
        block = cursor.block()
        found = _under_cursor(self._service.misspellings(block.text()), cursor.positionInBlock())
        if found is None:
            return False
        start = block.position() + found.start

        def replace(suggestion: str) -> None:
            edit = QTextCursor(self._widget.document())
            edit.setPosition(start)
            edit.setPosition(start + len(found.word), QTextCursor.MoveMode.KeepAnchor)
            edit.insertText(suggestion)
            self._widget.setTextCursor(edit)

        menu = self._widget.createStandardContextMenu(position)
        _add_spelling_actions(menu, self._service, found.word, replace)
        menu.exec(self._widget.viewport().mapToGlobal(position))
        menu.deleteLater()
        return True


class LineSpelling(QWidget):
    """Underlines misspelt words in a QLineEdit, drawn over it, and offers corrections.

    A QLineEdit has no highlighter: this transparent child covers it and draws the wavy
    lines where the line's font puts each word, offset by how far the text has scrolled
    (which the line tells through the position of its cursor).
    """

    def __init__(self, line: QLineEdit, service: SpellingService) -> None:
        super().__init__(line)
        self._line = line
        self._service = service
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(line.rect())
        line.installEventFilter(self)
        line.textChanged.connect(self.update)
        line.cursorPositionChanged.connect(self.update)
        service.changed.connect(self.update)
        self.show()

    def misspellings(self) -> list[Misspelling]:
        """The misspelt words of the line, less the word being typed."""
        found = self._service.misspellings(self._line.text())
        if self._line.hasFocus() and not self._line.hasSelectedText():
            typing_at = self._line.cursorPosition()
            found = [m for m in found if m.end != typing_at]
        return found

    def underline_spans(self) -> list[tuple[int, int]]:
        """Where the underlines go: (left, right) in the line's coordinates."""
        text = self._line.text()
        metrics = self._line.fontMetrics()
        cursor = self._line.cursorRect()
        # The cursor stands at the x its text position puts it: that gives the x of the text's
        # start, however far a long text has scrolled.
        origin = (
            cursor.center().x() + 1 - metrics.horizontalAdvance(text[: self._line.cursorPosition()])
        )
        return [
            (
                origin + metrics.horizontalAdvance(text[: m.start]),
                origin + metrics.horizontalAdvance(text[: m.end]),
            )
            for m in self.misspellings()
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        """Override: the wavy lines, inside the line's text area."""
        spans = self.underline_spans()
        if not spans:
            return
        margins = self._line.textMargins()
        area = self._line.contentsRect().adjusted(
            margins.left(), margins.top(), -margins.right(), -margins.bottom()
        )
        baseline = self._line.cursorRect().bottom() + 1
        painter = QPainter(self)
        painter.setClipRect(QRect(area.left(), 0, area.width(), self.height()))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(UNDERLINE_COLOUR, 1))
        for left, right in spans:
            painter.drawPath(_wave(left, right, baseline))
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: follow the line's size and focus; the spelling menu on right click."""
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.setGeometry(self._line.rect())
        elif kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()
        elif kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            return self._context_menu(event)
        return super().eventFilter(watched, event)

    def _context_menu(self, event: QContextMenuEvent) -> bool:
        line = self._line
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = line.cursorPositionAt(event.pos())
        else:
            index = line.cursorPosition()
        found = _under_cursor(self._service.misspellings(line.text()), index)
        if found is None:
            return False

        def replace(suggestion: str) -> None:
            # As if typed: the field hears of it through textEdited, like any edit.
            line.setSelection(found.start, len(found.word))
            line.insert(suggestion)

        menu = line.createStandardContextMenu()
        _add_spelling_actions(menu, self._service, found.word, replace)
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True
