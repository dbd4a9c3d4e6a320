"""The newsletter document: settings and an ordered list of blocks, as immutable values."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Any, ClassVar, Final, Literal, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
)

from composer.i18n import ui_message as _
from composer.richtext import link_problem, printable, sanitize

#: Version of ``document.json``; a file with a higher number was written by a newer program.
SCHEMA_VERSION: Final = 1

BLOCK_TYPES: Final = ("masthead", "article", "image", "text", "contact", "button", "divider")
LANGUAGES: Final = ("sv", "en")
THEMES: Final = ("classic", "minimal")

_HEX_COLOUR: Final = re.compile(r"^#[0-9a-fA-F]{6}$")
_IMAGE_HASH: Final = re.compile(r"^[0-9a-f]{64}$")
_IMAGE_EXTENSIONS: Final = ("jpg", "png", "gif", "webp")


def new_block_id() -> str:
    """A fresh, stable block id (it never changes once the block exists)."""
    return uuid.uuid4().hex[:12]


def _rich_text(value: str) -> str:
    return sanitize(value)


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
    if value and link_problem(f"mailto:{value}"):
        raise ValueError(_("“{address}” is not an email address").format(address=value))
    return value


def _single_line(value: str) -> str:
    return " ".join(printable(value).split())


#: Sanitized rich text (``p, br, strong, em, a[href], ul, ol, li``), cleaned on the way in.
RichText: TypeAlias = Annotated[str, AfterValidator(_rich_text)]
#: An http(s), mailto or tel link, or empty.
Link: TypeAlias = Annotated[str, AfterValidator(_link)]
#: A link or an email service merge tag (``*|UNSUB|*``) passed through untouched, or empty.
ServiceLink: TypeAlias = Annotated[str, AfterValidator(_link_or_merge_tag)]
#: An email address, or empty.
Email: TypeAlias = Annotated[str, AfterValidator(_email)]
#: One line of plain text: newlines and runs of spaces become one space.
Line: TypeAlias = Annotated[str, AfterValidator(_single_line)]
#: Plain text that may span lines, such as a postal address.
MultiLine: TypeAlias = Annotated[str, AfterValidator(lambda value: printable(value).strip())]


class Value(BaseModel):
    """Base of all document values: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_max_length=200_000)


class ImageRef(Value):
    """An image stored in the document's ``images/`` folder, named by its content hash."""

    sha256: str
    extension: str
    original_name: Line = ""

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
    sender_name: Line = ""
    sender_email: Email = ""
    organisation: Organisation = Organisation()
    unsubscribe_url: ServiceLink = ""
    web_version_url: ServiceLink = ""
    theme: Literal["classic", "minimal"] = "classic"
    accent_color: str = "#1f5c99"
    logo: ImageRef | None = None
    logo_alt: Line = ""

    @field_validator("accent_color")
    @classmethod
    def _check_colour(cls, value: str) -> str:
        if not _HEX_COLOUR.match(value):
            raise ValueError(_("must be a colour written as #rrggbb"))

        return value.lower()


class BlockBase(Value):
    """Fields every block has."""

    kind: ClassVar[str]
    id: str = Field(default_factory=new_block_id, pattern=r"^[A-Za-z0-9_-]{1,64}$")


class MastheadBlock(BlockBase):
    """The head of the newsletter: logo, title and the issue line."""

    kind: ClassVar[str] = "masthead"
    type: Literal["masthead"] = "masthead"
    title: Line = ""
    tagline: Line = ""


class ArticleBlock(BlockBase):
    """A news item: category and date line, headline, photo, body, signature, link."""

    kind: ClassVar[str] = "article"
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
    type: Literal["image"] = "image"
    image: ImageRef | None = None
    alt: Line = ""
    decorative: bool = False
    caption: Line = ""
    link_url: Link = ""


class TextBlock(BlockBase):
    """A heading and rich text, such as the introduction of the office."""

    kind: ClassVar[str] = "text"
    type: Literal["text"] = "text"
    heading: Line = ""
    body: RichText = ""


class ContactBlock(BlockBase):
    """A contact person: photo beside name, role and ways to reach them."""

    kind: ClassVar[str] = "contact"
    type: Literal["contact"] = "contact"
    heading: Line = ""
    label: Line = ""
    name: Line = ""
    role: Line = ""
    email: Email = ""
    phone: Line = ""
    photo: ImageRef | None = None
    photo_alt: Line = ""


class ButtonBlock(BlockBase):
    """A call to action: a bulletproof button."""

    kind: ClassVar[str] = "button"
    type: Literal["button"] = "button"
    label: Line = ""
    url: Link = ""


class DividerBlock(BlockBase):
    """A thin line, or just space, between sections."""

    kind: ClassVar[str] = "divider"
    type: Literal["divider"] = "divider"
    style: Literal["line", "space"] = "line"


Block: TypeAlias = Annotated[
    MastheadBlock
    | ArticleBlock
    | ImageBlock
    | TextBlock
    | ContactBlock
    | ButtonBlock
    | DividerBlock,
    Field(discriminator="type"),
]
BLOCK_CLASSES: Final[dict[str, type[BlockBase]]] = {
    cls.kind: cls
    for cls in (
        MastheadBlock,
        ArticleBlock,
        ImageBlock,
        TextBlock,
        ContactBlock,
        ButtonBlock,
        DividerBlock,
    )
}
_BLOCK_ADAPTER: TypeAdapter[Any] = TypeAdapter(Block)


class Newsletter(Value):
    """One newsletter: settings and blocks in reading order."""

    schema_version: int = SCHEMA_VERSION
    settings: Settings = Settings()
    blocks: tuple[Block, ...] = ()

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
        """Every image the document uses, logo first, in reading order, without repeats."""
        refs: list[ImageRef] = []
        candidates: list[ImageRef | None] = [self.settings.logo]
        for block in self.blocks:
            candidates.append(getattr(block, "image", None) or getattr(block, "photo", None))
        for ref in candidates:
            if ref is not None and ref not in refs:
                refs.append(ref)
        return refs

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
