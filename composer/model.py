"""The newsletter document: settings and an ordered list of blocks, as immutable values."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Final, Literal, TypeAlias, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    TypeAdapter,
    field_validator,
    model_serializer,
    model_validator,
)

from composer.i18n import N_, ui_number
from composer.i18n import ui_message as _
from composer.links import LINK_FIELD, RICH_TEXT_FIELD
from composer.package_data import resource
from composer.richtext import address_problem, link_problem, printable, sanitize

#: Version of ``document.json``; a file with a higher number was written by a newer program.
#: 2 added settings an older program would refuse as unknown (``unsubscribe_email``,
#: ``issue_number``, ``keep_original_pictures``); a version 1 file reads unchanged.
#: 3 added the side article, two-column, links-row and spacer blocks and the button's
#: alignment, width, style and colour, and a picture's crop and focal point (``crop``,
#: ``focus`` beside its ``sha256``); a version 1 or 2 file reads unchanged (no picture is
#: cropped). An older program would refuse the new fields as unknown; the number tells it
#: the file is newer instead.
SCHEMA_VERSION: Final = 3

LANGUAGES: Final = ("sv", "en")
THEMES: Final = ("classic", "minimal")
#: Pictures are made with this many pixels per CSS pixel of their slot, for sharp screens.
PIXEL_DENSITY: Final = 2
#: The longest text a field may hold: far more than any newsletter, little enough for memory.
MAX_TEXT_LENGTH: Final = 200_000

_HEX_COLOUR: Final = re.compile(r"^#[0-9a-fA-F]{6}$")
_IMAGE_HASH: Final = re.compile(r"^[0-9a-f]{64}$")
_IMAGE_EXTENSIONS: Final = ("jpg", "png", "gif", "webp")


def new_block_id() -> str:
    """A fresh, stable block id (it never changes once the block exists)."""
    return uuid.uuid4().hex[:12]


def _rich_text(value: str) -> str:
    clean = sanitize(value)
    # Closing what the markup left open can make it longer; what could not be read back from
    # the file it is saved in is refused now rather than then.
    if len(clean) > MAX_TEXT_LENGTH:
        raise ValueError(
            _(
                "The text is {length} characters long once cleaned up, more than the {limit} a "
                "block can hold. Split it over several blocks."
            ).format(length=ui_number(len(clean)), limit=ui_number(MAX_TEXT_LENGTH))
        )
    return clean


def _link(value: str) -> str:
    value = value.strip()
    if value and (problem := link_problem(value)):
        raise ValueError(problem)
    return value


def _link_or_merge_tag(value: str) -> str:
    value = value.strip()
    if value and (problem := link_problem(value, allow_merge_tag=True)):
        raise ValueError(problem)
    return value


def _email(value: str) -> str:
    value = value.strip()
    if value and (problem := address_problem(value)):
        raise ValueError(problem)
    if value and link_problem(f"mailto:{value}"):
        raise ValueError(_("“{address}” is not an email address").format(address=value))
    return value


def _single_line(value: str) -> str:
    return " ".join(printable(value).split())


#: Sanitized rich text (``p, br, strong, em, a[href], ul, ol, li``), cleaned on the way in.
#: Its links are encoded on the way out (``composer.links.outgoing``).
RichText: TypeAlias = Annotated[str, AfterValidator(_rich_text), RICH_TEXT_FIELD]
#: An http(s), mailto or tel link, or empty; kept as typed, encoded on the way out.
Link: TypeAlias = Annotated[str, AfterValidator(_link), LINK_FIELD]
#: A link or an email service merge tag (``*|UNSUB|*``) passed through untouched, or empty.
ServiceLink: TypeAlias = Annotated[str, AfterValidator(_link_or_merge_tag), LINK_FIELD]
#: An email address, or empty.
Email: TypeAlias = Annotated[str, AfterValidator(_email)]
#: One line of plain text: newlines and runs of spaces become one space.
Line: TypeAlias = Annotated[str, AfterValidator(_single_line)]
#: Plain text that may span lines, such as a postal address.
MultiLine: TypeAlias = Annotated[str, AfterValidator(lambda value: printable(value).strip())]


class Value(BaseModel):
    """Base of all document values: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_max_length=MAX_TEXT_LENGTH)


#: The smallest crop, as a fraction of the picture's width or height.
MIN_CROP: Final = 0.01


def _fraction_problem(name: str, value: float) -> str | None:
    if not math.isfinite(value) or not 0 <= value <= 1:
        return _(
            "its {name} is {value}, but every value of a crop or focal point is a fraction "
            "of the picture from 0 to 1; crop the picture again"
        ).format(name=name, value=value)
    return None


class Crop(Value):
    """The part of a picture that is shown, in fractions (0 to 1) of its upright original.

    The original stays as it was: the crop is applied whenever the picture is made for the
    email or the preview, and can be changed or removed later.

    Attributes:
        left: the left edge, as a fraction of the width.
        top: the top edge, as a fraction of the height.
        width: the width, as a fraction of the width (at least MIN_CROP).
        height: the height, as a fraction of the height (at least MIN_CROP).
    """

    left: float
    top: float
    width: float
    height: float

    @model_validator(mode="after")
    def _check(self) -> Crop:
        for name in ("left", "top", "width", "height"):
            problem = _fraction_problem(name, getattr(self, name))
            if problem:
                raise ValueError(problem)
        if self.width < MIN_CROP or self.height < MIN_CROP:
            raise ValueError(
                _(
                    "the crop is {width} × {height} of the picture, less than the smallest, "
                    "{smallest} of its width and height; crop the picture again"
                ).format(width=self.width, height=self.height, smallest=MIN_CROP)
            )
        # Rounding may put the far edge a hair beyond the picture; more is a damaged file.
        if self.left + self.width > 1 + 1e-9 or self.top + self.height > 1 + 1e-9:
            raise ValueError(
                _("the crop reaches beyond the edge of the picture; crop the picture again")
            )
        return self

    def box(self, size: tuple[int, int]) -> tuple[int, int, int, int]:
        """The crop in pixels of a picture ``size`` big: (left, top, right, bottom), never empty."""
        return pixel_box((self.left, self.top, self.width, self.height), size)


def pixel_box(
    fractions: tuple[float, float, float, float], size: tuple[int, int]
) -> tuple[int, int, int, int]:
    """(left, top, width, height) in fractions of ``size`` as pixels: (left, top, right, bottom).

    The size is rounded on its own, so that a crop of 4:5 is 4:5 in pixels too, and the box
    is at least one pixel and within the picture.
    """
    left, top, width, height = fractions
    columns = min(size[0], max(1, round(width * size[0])))
    rows = min(size[1], max(1, round(height * size[1])))
    x = min(size[0] - columns, max(0, round(left * size[0])))
    y = min(size[1] - rows, max(0, round(top * size[1])))
    return x, y, x + columns, y + rows


class FocalPoint(Value):
    """What matters most in a picture, in fractions (0 to 1) of its upright original.

    Automatic crops are centred on it as far as the picture allows.
    """

    x: float
    y: float

    @model_validator(mode="after")
    def _check(self) -> FocalPoint:
        for name in ("x", "y"):
            problem = _fraction_problem(name, getattr(self, name))
            if problem:
                raise ValueError(problem)
        return self


class ImageRef(Value):
    """An image stored in the document's ``images/`` folder, named by its content hash.

    Attributes:
        crop: the part shown, chosen by the user; None to show the picture whole (or as the
            slot crops it automatically, see ``composer.images.framing``).
        focus: the focal point of automatic crops; None for the centre.
    """

    sha256: str
    extension: str
    original_name: Line = ""
    crop: Crop | None = None
    focus: FocalPoint | None = None

    @model_serializer(mode="wrap")
    def _without_framing(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # An uncropped picture is written as before the crop existed: shorter files, and the
        # same bytes for a document that uses no crop.
        data: dict[str, Any] = handler(self)
        for name in ("crop", "focus"):
            if data.get(name, 0) is None:
                del data[name]
        return data

    @field_validator("sha256")
    @classmethod
    def _check_hash(cls, value: str) -> str:
        if not _IMAGE_HASH.match(value):
            raise ValueError("must be 64 lowercase hexadecimal digits")
        return value

    @field_validator("extension")
    @classmethod
    def _check_extension(cls, value: str) -> str:
        if value not in _IMAGE_EXTENSIONS:
            raise ValueError(f"must be one of {', '.join(_IMAGE_EXTENSIONS)}")
        return value

    @property
    def filename(self) -> str:
        """The entry name inside the ``images/`` folder."""
        return f"{self.sha256}.{self.extension}"


class Organisation(Value):
    """Who sends the newsletter; shown in the footer, as the law on bulk mail requires."""

    name: Line = ""
    postal_address: MultiLine = ""
    website: Link = ""


class Settings(Value):
    """Newsletter-wide settings."""

    subject: Line = ""
    preheader: Line = ""
    language: Literal["sv", "en"] = "sv"
    issue_date: dt.date | None = None
    #: The issue's number as the masthead shows it ("Nr 11/2012"), or "" for none.
    issue_number: Line = ""
    sender_name: Line = ""
    sender_email: Email = ""
    organisation: Organisation = Organisation()
    unsubscribe_url: ServiceLink = ""
    #: An address that takes unsubscribe requests by mail: mail programs offer it beside the
    #: link (the eml's List-Unsubscribe header). Optional.
    unsubscribe_email: Email = ""
    web_version_url: ServiceLink = ""
    theme: Literal["classic", "minimal"] = "classic"
    accent_color: str = "#1f5c99"
    logo: ImageRef | None = None
    logo_alt: Line = ""
    #: The file holds pictures as they were added (camera originals, with their metadata),
    #: not the working copies ``Document.add_image`` keeps by default.
    keep_original_pictures: bool = False

    @field_validator("accent_color")
    @classmethod
    def _check_colour(cls, value: str) -> str:
        if not _HEX_COLOUR.match(value):
            raise ValueError(_("must be a colour written as #rrggbb"))

        return value.lower()


@dataclass(frozen=True)
class PictureSlot:
    """A place where a block (or the settings, for the logo) shows a picture.

    Attributes:
        image_field: the field holding the picture (``image``, ``photo``, ``logo``).
        alt_field: the field holding its description (``image_alt``, ``alt``, …).
        kind: the kind of place; the theme gives each kind its width (``article``, …).
    """

    image_field: str
    alt_field: str
    kind: str


LOGO_SLOT: Final = PictureSlot("logo", "logo_alt", "logo")

#: What the user calls each kind of block, in the window and in the checks alike. English
#: source strings: translate with the core's ``_`` (``ui_message``) where they are shown.
BLOCK_KIND_NAMES: Final = {
    "masthead": N_("Masthead"),
    "article": N_("Article"),
    "image": N_("Picture"),
    "text": N_("Text"),
    "contact": N_("Contact"),
    "button": N_("Button"),
    "divider": N_("Divider"),
    "side": N_("Side article"),
    "columns": N_("Two columns"),
    "spacer": N_("Spacer"),
    "links": N_("Links row"),
}


class BlockBase(Value):
    """Fields every block has, and what each type declares about itself.

    Attributes:
        kind: the block type, as stored in ``document.json``.
        title_fields: the fields that name a block for people, first non-empty wins.
        picture_slots: where the block shows pictures.
    """

    kind: ClassVar[str]
    title_fields: ClassVar[tuple[str, ...]] = ()
    picture_slots: ClassVar[tuple[PictureSlot, ...]] = ()
    id: str = Field(default_factory=new_block_id, pattern=r"^[A-Za-z0-9_-]{1,64}$")

    def display_name(self) -> str:
        """The block's name for people (a headline, a name, a label), or "" if it has none."""
        for name in self.title_fields:
            value = getattr(self, name)
            if value:
                return str(value)
        return ""

    def pictures(self) -> Iterator[tuple[PictureSlot, ImageRef]]:
        """The pictures the block shows, with the slot each is shown in."""
        for slot in self.picture_slots:
            ref = getattr(self, slot.image_field)
            if ref is not None:
                yield slot, ref


class MastheadBlock(BlockBase):
    """The head of the newsletter: logo, title and the issue line."""

    kind: ClassVar[str] = "masthead"
    title_fields: ClassVar[tuple[str, ...]] = ("title",)
    type: Literal["masthead"] = "masthead"
    title: Line = ""
    tagline: Line = ""


class ArticleBlock(BlockBase):
    """A news item: category and date line, headline, photo, body, signature, link."""

    kind: ClassVar[str] = "article"
    title_fields: ClassVar[tuple[str, ...]] = ("headline",)
    picture_slots: ClassVar[tuple[PictureSlot, ...]] = (
        PictureSlot("image", "image_alt", "article"),
    )
    type: Literal["article"] = "article"
    category: Line = ""
    date: dt.date | None = None
    headline: Line = ""
    image: ImageRef | None = None
    image_alt: Line = ""
    image_caption: Line = ""
    body: RichText = ""
    signature: Line = ""
    link_label: Line = ""
    link_url: Link = ""


class ImageBlock(BlockBase):
    """A picture on its own, optionally linked."""

    kind: ClassVar[str] = "image"
    title_fields: ClassVar[tuple[str, ...]] = ("caption", "alt")
    picture_slots: ClassVar[tuple[PictureSlot, ...]] = (PictureSlot("image", "alt", "image"),)
    type: Literal["image"] = "image"
    image: ImageRef | None = None
    alt: Line = ""
    decorative: bool = False
    caption: Line = ""
    link_url: Link = ""

    def display_name(self) -> str:
        """The caption or description, else the picture's file name."""
        return super().display_name() or (self.image.original_name if self.image else "")


class TextBlock(BlockBase):
    """A heading and rich text, such as the introduction of the office."""

    kind: ClassVar[str] = "text"
    title_fields: ClassVar[tuple[str, ...]] = ("heading",)
    type: Literal["text"] = "text"
    heading: Line = ""
    body: RichText = ""


class ContactBlock(BlockBase):
    """A contact person: photo beside name, role and ways to reach them."""

    kind: ClassVar[str] = "contact"
    title_fields: ClassVar[tuple[str, ...]] = ("name", "heading")
    picture_slots: ClassVar[tuple[PictureSlot, ...]] = (
        PictureSlot("photo", "photo_alt", "contact"),
    )
    type: Literal["contact"] = "contact"
    heading: Line = ""
    label: Line = ""
    name: Line = ""
    role: Line = ""
    email: Email = ""
    phone: Line = ""
    photo: ImageRef | None = None
    photo_alt: Line = ""


def _colour_or_empty(value: str) -> str:
    if value and not _HEX_COLOUR.match(value):
        raise ValueError(_("must be a colour written as #rrggbb, or empty for the accent colour"))
    return value.lower()


#: A ``#rrggbb`` colour, or empty for the newsletter's accent colour.
OptionalColour: TypeAlias = Annotated[str, AfterValidator(_colour_or_empty)]


class ButtonBlock(BlockBase):
    """A call to action: a bulletproof button.

    Attributes:
        align: where a fitted button sits in the column.
        width: ``fitted`` to its text, or ``full`` across the column.
        style: ``theme`` (the theme's own button), ``filled``, or ``outline`` (a secondary
            action beside a main one).
        colour: the button's colour; empty takes the accent colour.
    """

    kind: ClassVar[str] = "button"
    title_fields: ClassVar[tuple[str, ...]] = ("label",)
    type: Literal["button"] = "button"
    label: Line = ""
    url: Link = ""
    align: Literal["left", "center", "right"] = "left"
    width: Literal["fitted", "full"] = "fitted"
    style: Literal["theme", "filled", "outline"] = "theme"
    colour: OptionalColour = ""


class DividerBlock(BlockBase):
    """A thin line, or just space, between sections."""

    kind: ClassVar[str] = "divider"
    type: Literal["divider"] = "divider"
    style: Literal["line", "space"] = "line"


class SideArticleBlock(BlockBase):
    """A short news item with its picture beside the text, left or right (a "side article").

    Side by side on a desktop; on phones the picture comes first, above the text.
    """

    kind: ClassVar[str] = "side"
    title_fields: ClassVar[tuple[str, ...]] = ("headline",)
    picture_slots: ClassVar[tuple[PictureSlot, ...]] = (PictureSlot("image", "image_alt", "side"),)
    type: Literal["side"] = "side"
    category: Line = ""
    headline: Line = ""
    image: ImageRef | None = None
    image_alt: Line = ""
    image_side: Literal["left", "right"] = "left"
    body: RichText = ""
    link_label: Line = ""
    link_url: Link = ""


#: The two items of a two-column row, by the prefix of their fields, in reading order.
COLUMN_PREFIXES: Final = ("first", "second")


class ColumnsBlock(BlockBase):
    """Two short items side by side (picture, headline, a few lines, a link); stacked on phones.

    The fields of each item carry its prefix (``first_headline``, ``second_headline``…), so
    checks, spelling and the editor find them like any other block's fields.
    """

    kind: ClassVar[str] = "columns"
    title_fields: ClassVar[tuple[str, ...]] = ("first_headline", "second_headline")
    picture_slots: ClassVar[tuple[PictureSlot, ...]] = (
        PictureSlot("first_image", "first_image_alt", "column"),
        PictureSlot("second_image", "second_image_alt", "column"),
    )
    type: Literal["columns"] = "columns"
    first_image: ImageRef | None = None
    first_image_alt: Line = ""
    first_headline: Line = ""
    first_body: RichText = ""
    first_link_label: Line = ""
    first_link_url: Link = ""
    second_image: ImageRef | None = None
    second_image_alt: Line = ""
    second_headline: Line = ""
    second_body: RichText = ""
    second_link_label: Line = ""
    second_link_url: Link = ""

    def display_name(self) -> str:
        """Both headlines: "Left headline · right headline"."""
        return " · ".join(part for part in (self.first_headline, self.second_headline) if part)


#: Vertical space of each spacer size, in CSS pixels.
SPACER_HEIGHTS: Final = {"small": 16, "medium": 32, "large": 64}


class SpacerBlock(BlockBase):
    """Empty space between blocks, small, medium or large."""

    kind: ClassVar[str] = "spacer"
    type: Literal["spacer"] = "spacer"
    size: Literal["small", "medium", "large"] = "medium"


#: The places a links row links to, in the order it shows them, with their names for people
#: (names of brands, the same in every language, but for the office's own website).
LINK_NETWORKS: Final = {
    "website": N_("Website"),
    "facebook": "Facebook",
    "linkedin": "LinkedIn",
    "x": "X",
    "instagram": "Instagram",
    "youtube": "YouTube",
}
#: The icons of a links row: bundled PNG files, drawn at PIXEL_DENSITY times their display size.
_ICON_FOLDER: Final = "link-icons"
ICON_SLOT_KIND: Final = "icon"


@functools.lru_cache(maxsize=1)
def link_icons() -> dict[str, ImageRef]:
    """The links row's icons by name: ``"<network>"`` (light) and ``"<network>-dark"``."""
    return {name: ref for name, (ref, _data) in _builtin().items()}


@functools.lru_cache(maxsize=1)
def builtin_images() -> dict[str, bytes]:
    """The pictures the program brings itself (the links row's icons), by their SHA-256.

    Every ``ImageStore`` holds them; no document file carries them.
    """
    return {ref.sha256: data for ref, data in _builtin().values()}


@functools.lru_cache(maxsize=1)
def _builtin() -> dict[str, tuple[ImageRef, bytes]]:
    found: dict[str, tuple[ImageRef, bytes]] = {}
    folder = resource(_ICON_FOLDER)
    for network in LINK_NETWORKS:
        for variant in ("", "-dark"):
            name = f"{network}{variant}"
            data = (folder / f"{name}.png").read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            found[name] = (
                ImageRef(sha256=digest, extension="png", original_name=f"{name}.png"),
                data,
            )
    return found


class LinksBlock(BlockBase):
    """A row of icons linking to the office's website and social media, for the footer.

    The icons are the program's own (light ones, and dark ones for dark mode), each
    described by the name of what it links to; only the links with an address are shown.
    """

    kind: ClassVar[str] = "links"
    type: Literal["links"] = "links"
    website: Link = ""
    facebook: Link = ""
    linkedin: Link = ""
    x: Link = ""
    instagram: Link = ""
    youtube: Link = ""

    def links(self) -> list[tuple[str, str]]:
        """(network, address) of every link filled in, in the order the row shows them."""
        return [
            (network, getattr(self, network)) for network in LINK_NETWORKS if getattr(self, network)
        ]

    def display_name(self) -> str:
        """The names of the places it links to."""
        return ", ".join(_(LINK_NETWORKS[network]) for network, _url in self.links())

    def pictures(self) -> Iterator[tuple[PictureSlot, ImageRef]]:
        """The icon of every link filled in, light and dark.

        Its slot names the link's field for both the picture and its description: the icon
        is described by the name of what that field links to.
        """
        icons = link_icons()
        for network, _url in self.links():
            slot = PictureSlot(network, network, ICON_SLOT_KIND)
            yield slot, icons[network]
            yield slot, icons[f"{network}-dark"]


Block: TypeAlias = Annotated[
    MastheadBlock
    | ArticleBlock
    | ImageBlock
    | TextBlock
    | ContactBlock
    | ButtonBlock
    | DividerBlock
    | SideArticleBlock
    | ColumnsBlock
    | SpacerBlock
    | LinksBlock,
    Field(discriminator="type"),
]
#: Every block class by its kind, in the order the Insert menu offers them.
BLOCK_CLASSES: Final[dict[str, type[BlockBase]]] = {
    cls.kind: cls for cls in get_args(get_args(Block)[0])
}
BLOCK_TYPES: Final = tuple(BLOCK_CLASSES)
_BLOCK_ADAPTER: TypeAdapter[Any] = TypeAdapter(Block)


class Newsletter(Value):
    """One newsletter: settings and blocks in reading order."""

    schema_version: int = SCHEMA_VERSION
    settings: Settings = Settings()
    blocks: tuple[Block, ...] = ()

    @field_validator("schema_version")
    @classmethod
    def _current_format(cls, _version: int) -> int:
        # The loader has checked the file's number (storage.loading); once read, a newsletter
        # is in this program's format and is saved in it, so an older program that meets a
        # block type or field it lacks says it needs an update instead of failing on it.
        return SCHEMA_VERSION

    @field_validator("blocks")
    @classmethod
    def _unique_ids(cls, blocks: tuple[BlockBase, ...]) -> tuple[BlockBase, ...]:
        seen: set[str] = set()
        for block in blocks:
            if block.id in seen:
                raise ValueError(f"two blocks have the id {block.id!r}")
            seen.add(block.id)
        return blocks

    def image_refs(self) -> list[ImageRef]:
        """Every image the document's file holds, logo first, in reading order, without
        repeats: the program's own pictures (``builtin_images``) are not among them."""
        refs: list[ImageRef] = []
        builtin = builtin_images()
        for _block, _slot, ref in self.pictures():
            if ref not in refs and ref.sha256 not in builtin:
                refs.append(ref)
        return refs

    def pictures(self) -> Iterator[tuple[BlockBase | None, PictureSlot, ImageRef]]:
        """Every place a picture is shown, in reading order: (block or None for the logo, …)."""
        if self.settings.logo is not None:
            yield None, LOGO_SLOT, self.settings.logo
        for block in self.blocks:
            for slot, ref in block.pictures():
                yield block, slot, ref

    def block(self, block_id: str) -> BlockBase:
        """The block with ``block_id``; KeyError if there is none."""
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)


def make_block(kind: str, **fields: Any) -> BlockBase:
    """A new block of type ``kind`` (one of BLOCK_TYPES), validated like one loaded from a file."""
    block: BlockBase = _BLOCK_ADAPTER.validate_python({"type": kind, **fields})
    return block


def new_block(kind: str, settings: Settings) -> BlockBase:
    """A block as the Insert menu makes it: a new article is dated on the issue date, if any."""
    if kind == "article" and settings.issue_date is not None:
        return make_block(kind, date=settings.issue_date)
    return make_block(kind)


@dataclass
class ImageStore:
    """The original image files of a document, keyed by their SHA-256."""

    data: dict[str, bytes] = field(default_factory=dict)

    def add(self, content: bytes, extension: str, original_name: str = "") -> ImageRef:
        """Store ``content`` (deduplicated by hash) and return the reference a block holds."""
        digest = hashlib.sha256(content).hexdigest()
        self.data.setdefault(digest, content)
        return ImageRef(sha256=digest, extension=extension, original_name=original_name)

    def get(self, ref: ImageRef) -> bytes:
        """The bytes of ``ref``; KeyError if the document does not hold them.

        The program's own pictures (``builtin_images``) are held by every store.
        """
        found = self.find(ref.sha256)
        if found is None:
            raise KeyError(ref.sha256)
        return found

    def find(self, sha256: str) -> bytes | None:
        """The bytes of the image with this SHA-256, or None if the store has none."""
        found = self.data.get(sha256)
        return found if found is not None else builtin_images().get(sha256)

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, ImageRef) and (
            ref.sha256 in self.data or ref.sha256 in builtin_images()
        )


@dataclass
class Bundle:
    """A newsletter with the image files it refers to.

    What a ``.newsletter`` file holds, what the open document hands out as a snapshot, and
    what rendering, checks and export take.
    """

    newsletter: Newsletter
    images: ImageStore = field(default_factory=ImageStore)
