"""The editors in the middle of the window: one form per block type, and the settings form."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from composer.document import Change, ChangeKind
from composer.edits import ChangeSettings, Edit
from composer.gui.fields import ColourField, LinkField
from composer.gui.image_field import ImageField
from composer.gui.open_document import OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.rich_text_editor import RichTextField
from composer.gui.thumbnails import ThumbnailCache
from composer.gui.value_editor import BlockEditor, ValueEditor
from composer.model import BlockBase, Settings, Value
from composer.package_data import template_root


def available_themes() -> list[str]:
    """The themes whose templates are installed."""
    from composer.model import THEMES

    root = template_root()
    return [theme for theme in THEMES if (root / theme / "layout.html").is_file()]


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
        picture = self.image("image", "")
        self.line(
            "image_alt",
            self.tr("Alt text"),
            hint=self.tr("Says what the picture shows, for readers who cannot see it."),
        )
        self.line("image_caption", self.tr("Caption"))
        self.section(self.tr("Text"))
        body = self.rich("body", "")
        # A picture pasted into the text becomes the article's photo, by the field's own gate.
        if isinstance(body, RichTextField) and isinstance(picture, ImageField):
            body.picture_target = picture.load_data
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
        self.line(
            "photo_alt",
            self.tr("Alt text"),
            hint=self.tr(
                "Leave it empty: the name beside the photo says who it is. Describe the photo "
                "only if it shows more than the person."
            ),
        )


class ButtonEditor(BlockEditor):
    """A call to action."""

    kind = "button"

    def explanation(self) -> str:
        """What a button is."""
        return self.tr("A call to action: a button that works in every mail program.")

    def build(self) -> None:
        """Label and link, then how it looks."""
        self.section(self.tr("Button"))
        self.line("label", self.tr("Text"), self.tr("Anmäl dig"))
        self.link("url", self.tr("Link"))
        self.section(self.tr("Look"))
        self.choice(
            "style",
            self.tr("Style"),
            [
                ("theme", self.tr("As the theme has it")),
                ("filled", self.tr("Filled")),
                ("outline", self.tr("Outline (a secondary action)")),
            ],
        )
        self.choice(
            "align",
            self.tr("Alignment"),
            [("left", self.tr("Left")), ("center", self.tr("Centre")), ("right", self.tr("Right"))],
        )
        self.choice(
            "width",
            self.tr("Width"),
            [("fitted", self.tr("Fitted to the text")), ("full", self.tr("Full width"))],
        )
        self.add(
            "colour",
            self.tr("Colour"),
            ColourField(),
            self.tr(
                "Empty for the accent colour. A colour too light for white text is darkened "
                "until the text is easy to read."
            ),
        )


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


class SideArticleEditor(BlockEditor):
    """A short news item with its picture beside the text."""

    kind = "side"

    def explanation(self) -> str:
        """What a side article is."""
        return self.tr(
            "A short news item with its picture beside the text, left or right. On phones "
            "the picture comes above the text."
        )

    def build(self) -> None:
        """Heading, picture and its side, text, button."""
        self.section(self.tr("Heading"))
        self.line("headline", self.tr("Headline"))
        self.line("category", self.tr("Category"), self.tr("e.g. Projekt, Evenemang"))
        self.section(self.tr("Picture"))
        self.image("image", "")
        self.line(
            "image_alt",
            self.tr("Alt text"),
            hint=self.tr("Says what the picture shows, for readers who cannot see it."),
        )
        self.choice(
            "image_side",
            self.tr("Picture on the"),
            [("left", self.tr("Left")), ("right", self.tr("Right"))],
        )
        self.section(self.tr("Text"))
        self.rich("body", "")
        self.section(self.tr("Read-more button"))
        self.line("link_label", self.tr("Button text"), self.tr("Läs mer"))
        self.link("link_url", self.tr("Link"))


class ColumnsEditor(BlockEditor):
    """Two short items side by side."""

    kind = "columns"

    def explanation(self) -> str:
        """What a two-column row is."""
        return self.tr(
            "Two short items side by side, each with a picture, headline, a few lines and a "
            "link. On phones the second comes under the first."
        )

    def build(self) -> None:
        """The left item, then the right one."""
        for prefix, title in (
            ("first", self.tr("Left column")),
            ("second", self.tr("Right column")),
        ):
            self.section(title)
            self.line(f"{prefix}_headline", self.tr("Headline"))
            self.image(f"{prefix}_image", self.tr("Picture"))
            self.line(
                f"{prefix}_image_alt",
                self.tr("Alt text"),
                hint=self.tr("Says what the picture shows, for readers who cannot see it."),
            )
            self.rich(f"{prefix}_body", self.tr("Text"))
            self.line(f"{prefix}_link_label", self.tr("Link text"), self.tr("Läs mer"))
            self.link(f"{prefix}_link_url", self.tr("Link"))


class SpacerEditor(BlockEditor):
    """Space between blocks."""

    kind = "spacer"

    def explanation(self) -> str:
        """What a spacer is."""
        return self.tr("Empty space between blocks, to let a section breathe.")

    def build(self) -> None:
        """The size."""
        self.section(self.tr("Spacer"))
        self.choice(
            "size",
            self.tr("Size"),
            [
                ("small", self.tr("Small")),
                ("medium", self.tr("Medium")),
                ("large", self.tr("Large")),
            ],
        )


class LinksEditor(BlockEditor):
    """Links to the office's website and social media."""

    kind = "links"

    def explanation(self) -> str:
        """What a links row is."""
        return self.tr(
            "A row of small icons linking to your website and social media, usually at the "
            "end. Only the links you fill in are shown."
        )

    def build(self) -> None:
        """One address per place."""
        self.section(self.tr("Links"))
        self.link("website", self.tr("Website"))
        self.link("facebook", "Facebook")
        self.link("linkedin", "LinkedIn")
        self.link("x", "X")
        self.link("instagram", "Instagram")
        self.link("youtube", "YouTube")


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
        SideArticleEditor,
        ColumnsEditor,
        SpacerEditor,
        LinksEditor,
    )
}


class SettingsEditor(ValueEditor):
    """The newsletter-wide settings: subject, sender, organisation, links, theme, logo."""

    def __init__(
        self,
        open_document: OpenDocument,
        thumbnails: ThumbnailCache,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(open_document, thumbnails, preferences, parent)
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
        self.line(
            "issue_number",
            self.tr("Issue number"),
            "Nr 11/2012",
            self.tr("Shown in the masthead; the next issue counts it up."),
        )
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
        self.line(
            "unsubscribe_email",
            self.tr("Unsubscribe address"),
            "avregistrera@example.eu",
            self.tr(
                "Optional: an address that takes unsubscribe requests by mail. Mail programs "
                "offer it beside the link."
            ),
        )
        self.add(
            "web_version_url", self.tr("Web version link"), LinkField("https:// or *|ARCHIVE|*")
        )

    def current(self) -> Settings:
        """The settings as they are now."""
        return self.open_document.document.settings

    def make_edit(
        self, old: Value, new: Value, label: str, field: str | None, typing_stretch: int
    ) -> Edit:
        """A ChangeSettings."""
        assert isinstance(old, Settings) and isinstance(new, Settings)
        return ChangeSettings(old, new, label, field, typing_stretch)

    def concerns(self, change: Change) -> bool:
        """Changes of the settings."""
        return change.kind is ChangeKind.SETTINGS


def editor_for(
    open_document: OpenDocument,
    block: BlockBase,
    thumbnails: ThumbnailCache,
    preferences: Preferences | None = None,
) -> BlockEditor:
    """The editor of ``block``'s type, bound to that block."""
    return EDITORS[block.kind](open_document, block.id, thumbnails, preferences)
