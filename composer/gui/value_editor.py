"""The base of the editors: a titled, scrolling form of fields bound to one value.

An editor holds no copy of the document. It reads the value it edits from the document
whenever it needs it, turns each field's edit into an undoable core Edit (with itself as the
initiator), and reloads its fields when the document changes for any other reason: undo,
redo, or another part of the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from composer.document import Change, ChangeKind, FieldError, with_field
from composer.edits import Edit, ReplaceBlock
from composer.gui.block_list_model import kind_name
from composer.gui.fields import (
    CheckField,
    ChoiceField,
    ColourField,
    DateField,
    Field,
    LineField,
    LinkField,
    TextAreaField,
)
from composer.gui.icons import block_icon, icon
from composer.gui.image_field import ImageField, slot_display_width
from composer.gui.open_document import OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.rich_text_editor import RichTextField
from composer.gui.thumbnails import ThumbnailCache
from composer.model import BlockBase, Value


def _get(value: Value, path: str) -> Any:
    result: Any = value
    for part in path.split("."):
        result = getattr(result, part)
    return result


class ValueEditor(QWidget):
    """Base of the editors: a titled, scrolling form of fields bound to one value.

    Args:
        open_document: what is edited, with its undo stack.
        thumbnails: draws the pictures of image fields.
        preferences: remember where pictures were last chosen (None: they are not kept).
    """

    def __init__(
        self,
        open_document: OpenDocument,
        thumbnails: ThumbnailCache,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.open_document = open_document
        self.thumbnails = thumbnails
        self.preferences = preferences
        self.fields: dict[str, Field] = {}
        self._labels: dict[str, str] = {}
        self._section_title = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = QWidget(self)
        self.header.setObjectName("editorHeader")
        header_layout = QHBoxLayout(self.header)
        header_layout.setContentsMargins(18, 14, 18, 12)
        header_layout.setSpacing(12)
        self._header_icon = QLabel(self.header)
        self._header_icon.setFixedSize(QSize(32, 32))
        header_layout.addWidget(self._header_icon, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = QLabel(self.header)
        self.title.setObjectName("editorTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self.header)
        self.subtitle.setObjectName("editorSubtitle")
        self.subtitle.setWordWrap(True)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header_layout.addLayout(titles, 1)
        outer.addWidget(self.header)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("editorScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop of its own: the fields are, and it scrolls to the one focused.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # As needed, not off: at 200 % or with a large font the form may be wider than the
        # pane, and a user must be able to reach what would otherwise be cut off.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        body = QWidget()
        body.setObjectName("editorBody")
        self._form = QVBoxLayout(body)
        self._form.setContentsMargins(18, 6, 18, 24)
        self._form.setSpacing(4)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        self.build()
        self._form.addStretch(1)
        self.load()
        open_document.document.changed.connect(self._on_changed)

    # --- to be provided by each editor -----------------------------------------------------

    def build(self) -> None:
        """Add the sections and fields."""
        raise NotImplementedError

    def current(self) -> Value:
        """The value edited, as it is in the document now."""
        raise NotImplementedError

    def make_edit(
        self, old: Value, new: Value, label: str, field: str | None, typing_stretch: int
    ) -> Edit:
        """The undoable edit that turns ``old`` into ``new``."""
        raise NotImplementedError

    def concerns(self, change: Change) -> bool:
        """Whether ``change`` touches the value edited."""
        raise NotImplementedError

    # --- building --------------------------------------------------------------------------

    def set_heading(self, icon_tile: bool, name: str, title: str, subtitle: str) -> None:
        """Set the header's icon, title and one-line explanation."""
        chosen = block_icon(name) if icon_tile else icon(name)
        self._header_icon.setPixmap(chosen.pixmap(QSize(32, 32)))
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.scroll_area.setAccessibleName(title)

    def section(self, title: str) -> None:
        """Start a section of the form."""
        self._section_title = title
        label = QLabel(title.upper())
        label.setObjectName("sectionTitle")
        # Read as written, not spelt out letter by letter as some voices do with capitals.
        label.setAccessibleName(title)
        self._form.addSpacing(10 if self._form.count() else 0)
        self._form.addWidget(label)

    def add(self, path: str, label: str, field: Field, hint: str = "") -> Field:
        """Add ``field`` for the value at ``path``, under ``label``.

        The one place every field is named for assistive technology: by its label (or, for
        a field without one, such as an article's text, by its section's title), with its
        hint as the description.
        """
        field.set_accessible_label(label or self._section_title, hint)
        if label:
            caption = QLabel(label)
            caption.setObjectName("fieldLabel")
            caption.setBuddy(field.focus_widget())
            self._form.addSpacing(4)
            field.add_caption(caption)
        self._form.addWidget(field)
        if hint:
            note = QLabel(hint)
            note.setObjectName("fieldHint")
            note.setWordWrap(True)
            self._form.addWidget(note)
        self.fields[path] = field
        self._labels[path] = label or path
        field.setObjectName(f"field_{path.replace('.', '_')}")
        field.edited.connect(lambda value, typing, path=path: self._edited(path, value, typing))
        return field

    def line(self, path: str, label: str, placeholder: str = "", hint: str = "") -> Field:
        """Add a one-line text field."""
        return self.add(path, label, LineField(placeholder), hint)

    def link(self, path: str, label: str, hint: str = "") -> Field:
        """Add a link field (checked as the model checks it)."""
        return self.add(path, label, LinkField(), hint)

    def area(self, path: str, label: str, hint: str = "") -> Field:
        """Add a few lines of plain text."""
        return self.add(path, label, TextAreaField(), hint)

    def date(self, path: str, label: str, check_label: str) -> Field:
        """Add an optional date."""
        return self.add(
            path,
            label,
            DateField(
                check_label,
                language=lambda: self.open_document.document.settings.language,
                default=lambda: self.open_document.document.settings.issue_date,
            ),
        )

    def rich(self, path: str, label: str) -> Field:
        """Add a rich-text body."""
        return self.add(path, label, RichTextField())

    def choice(self, path: str, label: str, choices: Sequence[tuple[str, str]]) -> Field:
        """Add a drop-down list."""
        return self.add(path, label, ChoiceField(choices))

    def check(self, path: str, text: str, hint: str = "") -> Field:
        """Add a check box."""
        return self.add(path, "", CheckField(text), hint)

    def colour(self, path: str, label: str) -> Field:
        """Add a colour."""
        return self.add(path, label, ColourField())

    def image(self, path: str, label: str) -> Field:
        """Add a picture."""
        preferences = self.preferences
        folder: Callable[[], str] = (
            (lambda: preferences.image_folder) if preferences else (lambda: "")
        )

        def remember(value: str) -> None:
            if preferences is not None:
                preferences.image_folder = value

        def display_width() -> int | None:
            return slot_display_width(self.current(), path, self.open_document.document.settings)

        return self.add(
            path,
            label,
            ImageField(
                self.open_document.document.add_image,
                self.thumbnails,
                folder,
                remember,
                display_width=display_width,
            ),
        )

    # --- editing ---------------------------------------------------------------------------

    def load(self) -> None:
        """Show the value as it is in the document, clearing the fields' problems."""
        value = self.current()
        for path, field in self.fields.items():
            field.set_value(_get(value, path))
            field.set_problem(None)

    def _edited(self, path: str, value: object, typing: bool) -> None:
        field = self.fields[path]
        old = self.current()
        try:
            new = with_field(old, path, value)
        except FieldError as exc:
            # The document keeps its last valid value; the field says what is wrong.
            field.set_problem(str(exc))
            return
        field.set_problem(None)
        if new == old:
            return
        # Translated in this class's context: self.tr() would use the subclass's name.
        label = QCoreApplication.translate("ValueEditor", "Edit “{field}”").format(
            field=self._labels[path]
        )
        edit = self.make_edit(old, new, label, path if typing else None, field.typing_stretch)
        self.open_document.push(edit, initiator=self, text=label)

    def _on_changed(self, change: Change) -> None:
        if not shiboken6.isValid(self):
            return
        if change.initiator is not self and self.concerns(change):
            self.load()

    def detach(self) -> None:
        """Stop following the document (before the editor goes away)."""
        self.open_document.document.changed.disconnect(self._on_changed)

    def focus_field(self, path: str) -> bool:
        """Put the keyboard focus in the field ``path`` and scroll to it, if there is one."""
        field = self.fields.get(path)
        if field is None:
            return False
        field.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(field, 0, 40)
        # A new editor is laid out only when control returns to the event loop; scroll then.
        QTimer.singleShot(0, lambda: self._scroll_to(field))
        return True

    def _scroll_to(self, field: Field) -> None:
        if shiboken6.isValid(self) and shiboken6.isValid(field):
            self.scroll_area.ensureWidgetVisible(field, 0, 40)


class BlockEditor(ValueEditor):
    """Base of the block editors: edits the block with one id."""

    kind: ClassVar[str] = ""

    def __init__(
        self,
        open_document: OpenDocument,
        block_id: str,
        thumbnails: ThumbnailCache,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.block_id = block_id
        super().__init__(open_document, thumbnails, preferences, parent)
        self.set_heading(True, self.kind, kind_name(self.kind), self.explanation())

    def explanation(self) -> str:
        """One line saying what the block is for."""
        return ""

    def current(self) -> BlockBase:
        """The block as it is now."""
        return self.open_document.document.block(self.block_id)

    def make_edit(
        self, old: Value, new: Value, label: str, field: str | None, typing_stretch: int
    ) -> Edit:
        """A ReplaceBlock."""
        assert isinstance(old, BlockBase) and isinstance(new, BlockBase)
        return ReplaceBlock(old, new, label, field, typing_stretch)

    def concerns(self, change: Change) -> bool:
        """Replacements of this block."""
        return (
            change.kind is ChangeKind.REPLACE
            and change.block_id == self.block_id
            and self.block_id in self.open_document.document
        )
