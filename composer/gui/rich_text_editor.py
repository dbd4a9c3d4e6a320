"""The body editor: bold, italic, links and lists, and nothing a newsletter body may not hold.

Qt's own HTML (``toHtml``) is a full document of styled spans; the body is stored as the small
subset the model allows. ``document_to_html`` writes that subset straight from the
QTextDocument's structure, and pasted HTML (from Word, Outlook, web pages) keeps its lists and
tables (``composer.importers.clean_paste``) and goes through the same ``sanitize`` as
everything the model stores before it reaches the editor. A pasted picture is handed to the
block's picture, through the document's image gate.
"""

from __future__ import annotations

import html as html_module
from collections.abc import Callable
from typing import Any, Final, cast

from PySide6.QtCore import QBuffer, QIODevice, QMimeData, QObject, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
)
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QTextEdit, QToolBar, QWidget

from composer.gui import dialogs
from composer.gui.fields import Field
from composer.gui.icons import icon
from composer.importers import clean_paste
from composer.richtext import sanitize
from composer.storage import MAX_IMAGE_BYTES

_NUMBERED: Final = frozenset(
    {
        QTextListFormat.Style.ListDecimal,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListUpperAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListUpperRoman,
    }
)


def _link_colour() -> str:
    """Links in the body: the palette's link colour, readable in a light or dark theme."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Link).name()


#: The formatting keys, shared by the body's own actions and the window's Format menu. The
#: lists are not on Ctrl+Shift+7/8 (as in some word processors): Insert numbers the block
#: types with Ctrl+Shift and a digit, and more types may come.
#: (Kept as the standard key or text: a QKeySequence of a standard key needs the application.)
BOLD_KEYS: Final = QKeySequence.StandardKey.Bold
ITALIC_KEYS: Final = QKeySequence.StandardKey.Italic
LINK_KEYS: Final = "Ctrl+K"
BULLETS_KEYS: Final = "Ctrl+Shift+L"
NUMBERS_KEYS: Final = "Ctrl+Shift+N"
_MIN_HEIGHT: Final = 150
_MAX_HEIGHT: Final = 640


def _escape(text: str) -> str:
    text = html_module.escape(text, quote=False).replace("\xa0", "&nbsp;")
    # U+2028 is how QTextDocument keeps a line break (Shift+Enter) inside a paragraph; U+FFFC
    # stands for an embedded object such as an image, which a body never holds.
    return text.replace("\u2028", "<br>").replace("\ufffc", "")


def _inline(block: QTextBlock) -> str:
    """The inline markup of one paragraph or list item."""
    runs: list[tuple[str, bool, bool, str]] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            href = fmt.anchorHref() if fmt.isAnchor() else ""
            runs.append(
                (fragment.text(), fmt.fontWeight() >= QFont.Weight.DemiBold, fmt.fontItalic(), href)
            )
        iterator += 1
    out: list[str] = []
    position = 0
    while position < len(runs):
        href = runs[position][3]
        end = position
        while end < len(runs) and runs[end][3] == href:
            end += 1
        inner = []
        for text, bold, italic, _href in runs[position:end]:
            piece = _escape(text)
            if not piece:
                continue
            if italic:
                piece = f"<em>{piece}</em>"
            if bold:
                piece = f"<strong>{piece}</strong>"
            inner.append(piece)
        joined = "".join(inner)
        if href and joined:
            out.append(f'<a href="{html_module.escape(href, quote=True)}">{joined}</a>')
        else:
            out.append(joined)
        position = end
    return "".join(out).replace("</strong><strong>", "").replace("</em><em>", "")


def document_to_html(document: QTextDocument) -> str:
    """The body held by ``document``, as the model's rich-text subset.

    Paragraphs become ``p``, list items ``li`` in a ``ul`` or ``ol``; bold, italic and links
    are kept; empty paragraphs are dropped, since email paragraphs have their own spacing.
    """
    out: list[str] = []
    list_tag = ""
    current_list: object = None
    block = document.begin()
    while block.isValid():
        inner = _inline(block)
        text_list: QTextList | None = block.textList()
        if text_list is not None:
            if text_list is not current_list:
                if list_tag:
                    out.append(f"</{list_tag}>")
                list_tag = "ol" if text_list.format().style() in _NUMBERED else "ul"
                current_list = text_list
                out.append(f"<{list_tag}>")
            if inner.strip():
                out.append(f"<li>{inner}</li>")
        else:
            if list_tag:
                out.append(f"</{list_tag}>")
                list_tag, current_list = "", None
            if inner.strip():
                out.append(f"<p>{inner}</p>")
        block = block.next()
    if list_tag:
        out.append(f"</{list_tag}>")
    return "".join(out).replace("<ul></ul>", "").replace("<ol></ol>", "")


def _picture_file(image: QImage) -> tuple[bytes, str]:
    """A pasted picture as a file, with its name.

    PNG, as screenshots are best kept; JPEG when a PNG would be too large to keep.
    """
    data = b""
    for fmt, quality, name in (
        ("PNG", -1, "pasted-picture.png"),
        ("JPG", 90, "pasted-picture.jpg"),
    ):
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 takes the format as str, whatever its type hints say (bytes raises); the
        # cast keeps this right whichever PySide6's hints a Python version installs.
        cast(Any, image).save(buffer, fmt, quality)
        data = bytes(buffer.data().data())
        if len(data) <= MAX_IMAGE_BYTES:
            return data, name
    return data, name


class BodyTextEdit(QTextEdit):
    """A QTextEdit that lets only the allowed markup in, however it arrives.

    Attributes:
        picture_pasted: called with a pasted picture's file and name.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture_pasted: Callable[[bytes, str], None] | None = None
        self.setAcceptRichText(True)
        self.setUndoRedoEnabled(False)  # the window's history undoes whole user actions
        self.setTabChangesFocus(True)
        # Minimum: the form gives the body at least its size hint, which follows the text.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.document().setDefaultStyleSheet(
            f"a {{ color: {_link_colour()}; text-decoration: underline; }} "
            "p, li { margin-top: 0px; margin-bottom: 8px; }"
        )
        self.document().setDocumentMargin(8)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        """Override: text, HTML and pictures; dropped files are not a body's business."""
        return source.hasHtml() or source.hasText() or source.hasImage()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Override: paste and drop with their structure kept, through the model's own gate."""
        if source.hasImage() and not source.hasText():
            # A picture alone (a screenshot, "Copy image"): Word's text comes with its
            # pictures' preview too, and the text is what was meant there.
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull() and self.picture_pasted:
                self.picture_pasted(*_picture_file(image))
            return
        if source.hasHtml():
            clean = clean_paste(source.html())
            self.textCursor().insertHtml(clean or html_module.escape(source.text()))
        elif source.hasText():
            self.textCursor().insertText(source.text())

    def sizeHint(self) -> QSize:
        """Override: as tall as the text, within limits (the form scrolls, not the body)."""
        # QTextEdit keeps the document as wide as its viewport, so this is the wrapped height.
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 6
        return QSize(super().sizeHint().width(), max(_MIN_HEIGHT, min(_MAX_HEIGHT, height)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Override: a new width wraps the text anew, so the height it needs changes."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


class RichTextField(Field):
    """A body: a formatting toolbar over a BodyTextEdit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("formatBar")
        self.toolbar.setIconSize(QSize(16, 16))
        self.editor = BodyTextEdit(self)
        self.editor.picture_pasted = self._picture_pasted
        #: Takes a picture pasted into the text (the article's photo field); None where the
        #: block has no picture.
        self.picture_target: Callable[[bytes, str], object] | None = None
        self._add_editor(self.toolbar)
        self._add_editor(self.editor)
        self._watch(self.editor)
        self._loading = False
        self._action_depth = 0
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.bold_action = self._action(
            "bold", self.tr("Bold"), BOLD_KEYS, self._toggle_bold, context
        )
        self.italic_action = self._action(
            "italic",
            self.tr("Italic"),
            ITALIC_KEYS,
            self._toggle_italic,
            context,
        )
        self.link_action = self._action(
            "link", self.tr("Link…"), LINK_KEYS, self.edit_link, context
        )
        self.toolbar.addSeparator()
        self.bullets_action = self._action(
            "list-bullet",
            self.tr("Bulleted list"),
            BULLETS_KEYS,
            lambda: self._toggle_list(False),
            context,
        )
        self.numbers_action = self._action(
            "list-number",
            self.tr("Numbered list"),
            NUMBERS_KEYS,
            lambda: self._toggle_list(True),
            context,
        )
        for action in (
            self.bold_action,
            self.italic_action,
            self.bullets_action,
            self.numbers_action,
        ):
            action.setCheckable(True)
        self.editor.textChanged.connect(self._changed)
        self.editor.cursorPositionChanged.connect(self._update_actions)
        self.editor.currentCharFormatChanged.connect(lambda _fmt: self._update_actions())
        self.editor.document().contentsChanged.connect(self.editor.updateGeometry)

    def _action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence.StandardKey | str,
        slot: object,
        context: Qt.ShortcutContext,
    ) -> QAction:
        action = QAction(icon(name), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(context)
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def focus_widget(self) -> QWidget:
        """The text."""
        return self.editor

    def _picture_pasted(self, data: bytes, name: str) -> None:
        if self.picture_target is None:
            self.set_problem(
                self.tr(
                    "Text cannot hold a picture. Insert a picture block (Insert → Picture) and "
                    "paste the picture there."
                ),
                immediately=True,
            )
            return
        self.set_problem(None)
        self.picture_target(data, name)

    # --- value -----------------------------------------------------------------------------

    def value(self) -> str:
        """The body as the model's rich-text subset."""
        return document_to_html(self.editor.document())

    def set_value(self, value: object) -> None:
        """Show ``value`` (sanitized rich text), keeping the cursor where it was."""
        text = "" if value is None else str(value)
        if sanitize(self.value()) == text:
            return
        position = self.editor.textCursor().position()
        self._loading = True
        try:
            self.editor.setHtml(text)
            cursor = self.editor.textCursor()
            cursor.setPosition(min(position, len(self.editor.toPlainText())))
            self.editor.setTextCursor(cursor)
        finally:
            self._loading = False
        self.editor.updateGeometry()

    def _changed(self) -> None:
        if not self._loading:
            # Formatting and pasting are actions of their own; typing merges.
            self.edited.emit(self.value(), self._action_depth == 0)

    # --- formatting ------------------------------------------------------------------------

    def _format(self, fmt: QTextCharFormat) -> None:
        self._action_depth += 1
        try:
            # Without a selection this sets the format of what is typed next.
            self.editor.mergeCurrentCharFormat(fmt)
        finally:
            self._action_depth -= 1

    def _toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.editor.fontWeight() < QFont.Weight.DemiBold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._format(fmt)

    def _toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.editor.fontItalic())
        self._format(fmt)

    def _toggle_list(self, numbered: bool) -> None:
        style = QTextListFormat.Style.ListDecimal if numbered else QTextListFormat.Style.ListDisc
        self._action_depth += 1
        try:
            cursor = self.editor.textCursor()
            current: QTextList | None = cursor.currentList()
            cursor.beginEditBlock()
            if current is not None and (current.format().style() in _NUMBERED) == numbered:
                # The same kind of list again: the selected items become paragraphs.
                start, end = sorted((cursor.anchor(), cursor.position()))
                block = self.editor.document().findBlock(start)
                while block.isValid() and block.position() <= end:
                    if block.textList() is not None:
                        block.textList().remove(block)
                        block_cursor = QTextCursor(block)
                        block_format = block_cursor.blockFormat()
                        block_format.setIndent(0)
                        block_cursor.setBlockFormat(block_format)
                    block = block.next()
            elif current is not None:
                list_format = current.format()
                list_format.setStyle(style)
                current.setFormat(list_format)
            else:
                cursor.createList(style)
            cursor.endEditBlock()
        finally:
            self._action_depth -= 1
        self._update_actions()

    def edit_link(self) -> None:
        """Ask for a link address for the selection (or the link under the cursor)."""
        cursor = self.editor.textCursor()
        current = cursor.charFormat().anchorHref() if cursor.charFormat().isAnchor() else ""
        if not cursor.hasSelection() and current:
            cursor = self._anchor_range(cursor, current)
        address = dialogs.ask_link(self, current)
        if address is None:
            return
        self._action_depth += 1
        try:
            fmt = QTextCharFormat()
            if address:
                fmt.setAnchor(True)
                fmt.setAnchorHref(address)
                fmt.setFontUnderline(True)
                fmt.setForeground(QColor(_link_colour()))
                if cursor.hasSelection():
                    cursor.mergeCharFormat(fmt)
                else:
                    cursor.insertText(address, fmt)
                    cursor.setCharFormat(QTextCharFormat())
            elif cursor.hasSelection():
                fmt.setAnchor(False)
                fmt.setAnchorHref("")
                fmt.setFontUnderline(False)
                fmt.setForeground(self.palette().text())
                cursor.mergeCharFormat(fmt)
            self.editor.setTextCursor(cursor)
        finally:
            self._action_depth -= 1

    def _anchor_range(self, cursor: QTextCursor, href: str) -> QTextCursor:
        """A cursor selecting the whole link ``href`` that ``cursor`` stands in."""
        block = cursor.block()
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            start, end = fragment.position(), fragment.position() + fragment.length()
            if fmt.isAnchor() and fmt.anchorHref() == href and start <= cursor.position() <= end:
                selection = QTextCursor(self.editor.document())
                selection.setPosition(start)
                selection.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                return selection
            iterator += 1
        return cursor

    def _update_actions(self) -> None:
        fmt = self.editor.currentCharFormat()
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold)
        self.italic_action.setChecked(fmt.fontItalic())
        current = self.editor.textCursor().currentList()
        numbered = current is not None and current.format().style() in _NUMBERED
        self.bullets_action.setChecked(current is not None and not numbered)
        self.numbers_action.setChecked(numbered)


#: The body's formatting actions, by attribute, with their keys, in the Format menu's order.
_FORMAT_KEYS: Final[dict[str, QKeySequence.StandardKey | str]] = {
    "bold_action": BOLD_KEYS,
    "italic_action": ITALIC_KEYS,
    "link_action": LINK_KEYS,
    "bullets_action": BULLETS_KEYS,
    "numbers_action": NUMBERS_KEYS,
}


class FormatMenu(QObject):
    """The window's Format menu: the body's formatting commands, with their keys, in a menu.

    The commands act on the body that has the focus, or else on the first body of the editor
    shown (which then takes the focus). The keys are the body's own; the menu only shows them,
    so that no key is bound twice.

    Args:
        menu: the (empty) menu to fill.
        editor: the editor shown, if any.
    """

    def __init__(self, menu: QMenu, editor: Callable[[], QWidget | None]) -> None:
        super().__init__(menu)
        self._editor = editor
        self.actions: dict[str, QAction] = {}
        for attribute in _FORMAT_KEYS:
            if attribute == "bullets_action":
                menu.addSeparator()
            action = menu.addAction("")
            action.setCheckable(attribute != "link_action")
            action.triggered.connect(lambda _checked=False, name=attribute: self._run(name))
            self.actions[attribute] = action
        self.retranslate()
        menu.aboutToShow.connect(self.update_actions)
        self.update_actions()

    def retranslate(self) -> None:
        """Take the texts in the language installed now (the window calls it on a switch)."""
        texts = {
            "bold_action": self.tr("&Bold"),
            "italic_action": self.tr("&Italic"),
            "link_action": self.tr("&Link…"),
            "bullets_action": self.tr("B&ulleted List"),
            "numbers_action": self.tr("&Numbered List"),
        }
        for attribute, action in self.actions.items():
            keys = QKeySequence(_FORMAT_KEYS[attribute])
            # After a tab the menu shows the keys in its shortcut column without binding them.
            native = keys.toString(QKeySequence.SequenceFormat.NativeText)
            action.setText(f"{texts[attribute]}\t{native}")

    def body(self) -> RichTextField | None:
        """The body the commands act on: the focused one, or the editor's first."""
        editor = self._editor()
        if editor is None:
            return None
        bodies = editor.findChildren(RichTextField)
        focused = QApplication.focusWidget()
        for body in bodies:
            if focused is not None and (focused is body or body.isAncestorOf(focused)):
                return body
        return bodies[0] if bodies else None

    def update_actions(self) -> None:
        """Enable the commands when there is a body, checked as the body's own are."""
        body = self.body()
        for attribute, action in self.actions.items():
            action.setEnabled(body is not None)
            action.setChecked(body is not None and getattr(body, attribute).isChecked())

    def _run(self, attribute: str) -> None:
        body = self.body()
        if body is None:
            return
        if not body.editor.hasFocus():
            body.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        getattr(body, attribute).trigger()
