"""The editors in the middle of the window: one form per block type, and the settings form.

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
from composer.edits import ChangeSettings, Edit, ReplaceBlock
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
from composer.gui.image_field import ImageField
from composer.gui.rich_text_editor import RichTextField
from composer.gui.session import EditSession
from composer.gui.thumbnails import ThumbnailCache
from composer.gui.window_state import WindowState
from composer.model import BlockBase, Settings, Value
from composer.package_data import template_root


def _get(value: Value, path: str) -> Any:
    result: Any = value
    for part in path.split("."):
        result = getattr(result, part)
    return result


def available_themes() -> list[str]:
    """The themes whose templates are installed."""
    from composer.model import THEMES

    root = template_root()
    return [theme for theme in THEMES if (root / theme / "layout.html").is_file()]


class ValueEditor(QWidget):
    """Base of the editors: a titled, scrolling form of fields bound to one value.

    Args:
        session: the document being edited and its undo stack.
        thumbnails: draws the pictures of image fields.
        state: remembers where pictures were last chosen (None in tests that don't care).
    """

    def __init__(
        self,
        session: EditSession,
        thumbnails: ThumbnailCache,
        state: WindowState | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.thumbnails = thumbnails
        self.state = state
        self.fields: dict[str, Field] = {}
        self._labels: dict[str, str] = {}
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
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        session.document.changed.connect(self._on_changed)

    # --- to be provided by each editor -----------------------------------------------------

    def build(self) -> None:
        """Add the sections and fields."""
        raise NotImplementedError

    def current(self) -> Value:
        """The value edited, as it is in the document now."""
        raise NotImplementedError

    def make_edit(
        self, old: Value, new: Value, label: str, field: str | None, session: int
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

    def section(self, title: str) -> None:
        """Start a section of the form."""
        label = QLabel(title.upper())
        label.setObjectName("sectionTitle")
        self._form.addSpacing(10 if self._form.count() else 0)
        self._form.addWidget(label)

    def add(self, path: str, label: str, field: Field, hint: str = "") -> Field:
        """Add ``field`` for the value at ``path``, under ``label``."""
        if label:
            caption = QLabel(label)
            caption.setObjectName("fieldLabel")
            caption.setBuddy(field.focus_widget())
            self._form.addSpacing(4)
            self._form.addWidget(caption)
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
        return self.add(path, label, DateField(check_label))

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
        state = self.state
        folder: Callable[[], str] = (lambda: state.image_folder) if state else (lambda: "")

        def remember(value: str) -> None:
            if state is not None:
                state.image_folder = value

        return self.add(
            path,
            label,
            ImageField(self.session.document.add_image, self.thumbnails, folder, remember),
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
        edit = self.make_edit(old, new, label, path if typing else None, field.typing_session)
        self.session.push(edit, initiator=self, text=label)

    def _on_changed(self, change: Change) -> None:
        if not shiboken6.isValid(self):
            return
        if change.initiator is not self and self.concerns(change):
            self.load()

    def detach(self) -> None:
        """Stop following the document (before the editor goes away)."""
        self.session.document.changed.disconnect(self._on_changed)

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
        session: EditSession,
        block_id: str,
        thumbnails: ThumbnailCache,
        state: WindowState | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.block_id = block_id
        super().__init__(session, thumbnails, state, parent)
        self.set_heading(True, self.kind, kind_name(self.kind), self.explanation())

    def explanation(self) -> str:
        """One line saying what the block is for."""
        return ""

    def current(self) -> BlockBase:
        """The block as it is now."""
        return self.session.document.block(self.block_id)

    def make_edit(
        self, old: Value, new: Value, label: str, field: str | None, session: int
    ) -> Edit:
        """A ReplaceBlock."""
        assert isinstance(old, BlockBase) and isinstance(new, BlockBase)
        return ReplaceBlock(old, new, label, field, session)

    def concerns(self, change: Change) -> bool:
        """Replacements of this block."""
        return (
            change.kind is ChangeKind.REPLACE
            and change.block_id == self.block_id
            and self.block_id in self.session.document
        )


class MastheadEditor(BlockEditor):
    """The head of the newsletter."""

    kind = "masthead"

    def explanation(self) -> str:
        """What a masthead is."""
        return self.tr(
            "The head of the newsletter. The logo and issue date are in the newsletter settings."
        )

    def build(self) -> None:
        """Title and tagline."""
        self.section(self.tr("Masthead"))
        self.line("title", self.tr("Title"), self.tr("Norra Sverige i EU"))
        self.line(
            "tagline",
            self.tr("Tagline"),
            hint=self.tr("A line under the title, such as the issue and month."),
        )


class ArticleEditor(BlockEditor):
    """A news item."""

    kind = "article"

    def explanation(self) -> str:
        """What an article is."""
        return self.tr(
            "A news item: category and date, headline, photo, text and a read-more button."
        )

    def build(self) -> None:
        """Heading, picture, text and button."""
        self.section(self.tr("Heading"))
        self.line("headline", self.tr("Headline"))
        self.line("category", self.tr("Category"), self.tr("e.g. Projekt, Evenemang"))
        self.date("date", self.tr("Date"), self.tr("Show a date"))
        self.section(self.tr("Picture"))
        self.image("image", "")
        self.line(
            "image_alt",
            self.tr("Alt text"),
            hint=self.tr("Says what the picture shows, for readers who cannot see it."),
        )
        self.line("image_caption", self.tr("Caption"))
        self.section(self.tr("Text"))
        self.rich("body", "")
        self.line("signature", self.tr("Signature"), self.tr("/Name"))
        self.section(self.tr("Read-more button"))
        self.line("link_label", self.tr("Button text"), self.tr("Läs mer"))
        self.link("link_url", self.tr("Link"))


class ImageEditor(BlockEditor):
    """A picture on its own."""

    kind = "image"

    def explanation(self) -> str:
        """What an image block is."""
        return self.tr("A picture across the newsletter, with a caption and an optional link.")

    def build(self) -> None:
        """Picture, alt text, caption, link."""
        self.section(self.tr("Picture"))
        self.image("image", "")
        self.line(
            "alt",
            self.tr("Alt text"),
            hint=self.tr("Says what the picture shows, for readers who cannot see it."),
        )
        self.check("decorative", self.tr("Decorative only (no alt text needed)"))
        self.line("caption", self.tr("Caption"))
        self.link("link_url", self.tr("Link"), self.tr("Opens when the picture is clicked."))


class TextEditor(BlockEditor):
    """A heading and rich text."""

    kind = "text"

    def explanation(self) -> str:
        """What a text block is."""
        return self.tr("A heading and text, such as an introduction of the office.")

    def build(self) -> None:
        """Heading and body."""
        self.section(self.tr("Text"))
        self.line("heading", self.tr("Heading"))
        self.rich("body", self.tr("Text"))


class ContactEditor(BlockEditor):
    """A contact person."""

    kind = "contact"

    def explanation(self) -> str:
        """What a contact block is."""
        return self.tr("Who readers can ask: a photo beside name, role, email and phone.")

    def build(self) -> None:
        """Heading, person, photo."""
        self.section(self.tr("Heading"))
        self.line("heading", self.tr("Heading"), self.tr("Mer information"))
        self.line("label", self.tr("Label"), self.tr("Kontaktperson"))
        self.section(self.tr("Person"))
        self.line("name", self.tr("Name"))
        self.line("role", self.tr("Role"))
        self.line("email", self.tr("Email"), "namn@example.eu")
        self.line("phone", self.tr("Phone"), self.tr("e.g. +46 70 123 45 67"))
        self.section(self.tr("Photo"))
        self.image("photo", "")
        self.line("photo_alt", self.tr("Alt text"), hint=self.tr("Usually the person's name."))


class ButtonEditor(BlockEditor):
    """A call to action."""

    kind = "button"

    def explanation(self) -> str:
        """What a button is."""
        return self.tr("A call to action: a button that works in every mail program.")

    def build(self) -> None:
        """Label and link."""
        self.section(self.tr("Button"))
        self.line("label", self.tr("Text"), self.tr("Anmäl dig"))
        self.link("url", self.tr("Link"))


class DividerEditor(BlockEditor):
    """A line or space between sections."""

    kind = "divider"

    def explanation(self) -> str:
        """What a divider is."""
        return self.tr("Separates sections with a thin line or with space.")

    def build(self) -> None:
        """The style."""
        self.section(self.tr("Divider"))
        self.choice(
            "style",
            self.tr("Style"),
            [("line", self.tr("A thin line")), ("space", self.tr("Space only"))],
        )


EDITORS: dict[str, type[BlockEditor]] = {
    cls.kind: cls
    for cls in (
        MastheadEditor,
        ArticleEditor,
        ImageEditor,
        TextEditor,
        ContactEditor,
        ButtonEditor,
        DividerEditor,
    )
}


class SettingsEditor(ValueEditor):
    """The newsletter-wide settings: subject, sender, organisation, links, theme, logo."""

    def __init__(
        self,
        session: EditSession,
        thumbnails: ThumbnailCache,
        state: WindowState | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, thumbnails, state, parent)
        self.set_heading(
            False,
            "settings",
            self.tr("Newsletter settings"),
            self.tr("What every issue needs: subject, sender, footer and look."),
        )

    def build(self) -> None:
        """Message, issue, look, sender, organisation, links."""
        self.section(self.tr("Message"))
        self.line(
            "subject",
            self.tr("Subject"),
            hint=self.tr("What readers see in their inbox; keep it under 60 characters."),
        )
        self.line(
            "preheader",
            self.tr("Preheader"),
            hint=self.tr("The line mail programs show after the subject."),
        )
        self.section(self.tr("Issue"))
        self.choice("language", self.tr("Language"), [("sv", "Svenska"), ("en", "English")])
        self.date("issue_date", self.tr("Issue date"), self.tr("Dated issue"))
        self.section(self.tr("Look"))
        themes = available_themes()
        names = {"classic": self.tr("Classic"), "minimal": self.tr("Minimal")}
        choices = [(theme, names.get(theme, theme.title())) for theme in themes]
        self.choice("theme", self.tr("Theme"), choices)

        self.colour("accent_color", self.tr("Accent colour"))
        self.image("logo", self.tr("Logo"))
        self.line("logo_alt", self.tr("Logo alt text"))
        self.section(self.tr("Sender"))
        self.line("sender_name", self.tr("Sender name"))
        self.line("sender_email", self.tr("Sender email"), "info@example.eu")
        self.section(self.tr("Organisation (footer)"))
        self.line("organisation.name", self.tr("Name"))
        self.area("organisation.postal_address", self.tr("Postal address"))
        self.link("organisation.website", self.tr("Website"))
        self.section(self.tr("Links"))
        self.add(
            "unsubscribe_url",
            self.tr("Unsubscribe link"),
            LinkField("https:// or *|UNSUB|*"),
            self.tr("A web address, or your email service's merge tag such as *|UNSUB|*."),
        )
        self.add(
            "web_version_url", self.tr("Web version link"), LinkField("https:// or *|ARCHIVE|*")
        )

    def current(self) -> Settings:
        """The settings as they are now."""
        return self.session.document.settings

    def make_edit(
        self, old: Value, new: Value, label: str, field: str | None, session: int
    ) -> Edit:
        """A ChangeSettings."""
        assert isinstance(old, Settings) and isinstance(new, Settings)
        return ChangeSettings(old, new, label, field, session)

    def concerns(self, change: Change) -> bool:
        """Changes of the settings."""
        return change.kind is ChangeKind.SETTINGS


def editor_for(
    session: EditSession,
    block: BlockBase,
    thumbnails: ThumbnailCache,
    state: WindowState | None = None,
) -> BlockEditor:
    """The editor of ``block``'s type, bound to that block."""
    return EDITORS[block.kind](session, block.id, thumbnails, state)
