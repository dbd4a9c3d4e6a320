"""Newsletters for the checks' tests: one that passes every check, and ways to spoil it."""

from __future__ import annotations

import functools
import io
from typing import Any

from PIL import ExifTags, Image

from composer.checks import Finding, run_checks
from composer.model import (
    ArticleBlock,
    BlockBase,
    Bundle,
    ImageRef,
    ImageStore,
    MastheadBlock,
    Newsletter,
    Organisation,
    Settings,
    make_block,
)
from composer.render import RenderResult


@functools.cache
def picture(width: int, height: int, *, gps: bool = False, animated: bool = False) -> bytes:
    """A JPEG (or an animated GIF) of the given size, optionally with a GPS position."""
    out = io.BytesIO()
    if animated:
        frames = [Image.new("RGB", (width, height), colour) for colour in ("red", "blue")]
        frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
        return out.getvalue()
    exif = Image.Exif()
    if gps:
        exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (65.0, 35.0, 0.0)}
    Image.new("RGB", (width, height), "#4a7").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def clean_project() -> Bundle:
    """A small newsletter that gets through every check without a single finding."""
    images = ImageStore()
    photo = images.add(picture(1200, 800), "jpg", "seminariet.jpg")
    newsletter = Newsletter(
        settings=Settings(
            subject="Norra Sverige i EU – november",
            preheader="Planet presenterades i Bryssel.",
            unsubscribe_url="https://example.se/avregistrera",
            web_version_url="https://example.se/november",
            organisation=Organisation(name="North Sweden", website="https://example.se"),
        ),
        blocks=(
            MastheadBlock(id="masthead", title="Norra Sverige i EU"),
            ArticleBlock(
                id="planet",
                headline="Planet",
                image=photo,
                image_alt="Deltagare vid seminariet.",
                body='<p>Se <a href="https://example.se/riktlinjer">riktlinjerna</a>.</p>',
                link_label="Läs mer om Planet",
                link_url="https://example.se/planet",
            ),
        ),
    )
    return Bundle(newsletter, images)


def with_settings(bundle: Bundle, **changes: Any) -> Bundle:
    """``bundle`` with settings changed (validated like a loaded file)."""
    settings = bundle.newsletter.settings.model_dump() | changes
    newsletter = bundle.newsletter.model_copy(update={"settings": Settings(**settings)})
    return Bundle(newsletter, bundle.images)


def with_block(bundle: Bundle, block_id: str, **changes: Any) -> Bundle:
    """``bundle`` with one block's fields changed (validated like a loaded file)."""
    blocks = tuple(
        make_block(block.kind, **(block.model_dump() | changes)) if block.id == block_id else block
        for block in bundle.newsletter.blocks
    )
    return Bundle(bundle.newsletter.model_copy(update={"blocks": blocks}), bundle.images)


def with_blocks(bundle: Bundle, *extra: BlockBase) -> Bundle:
    """``bundle`` with blocks appended."""
    blocks = (*bundle.newsletter.blocks, *extra)
    return Bundle(bundle.newsletter.model_copy(update={"blocks": blocks}), bundle.images)


def with_picture(bundle: Bundle, data: bytes, name: str = "bild.jpg") -> tuple[Bundle, ImageRef]:
    """``bundle`` holding one more picture, and its reference."""
    extension = "gif" if data.startswith(b"GIF") else "jpg"
    return bundle, bundle.images.add(data, extension, name)


def planet_picture(bundle: Bundle) -> ImageRef:
    """The picture of the clean bundle's article."""
    article = bundle.newsletter.block("planet")
    assert isinstance(article, ArticleBlock) and article.image is not None
    return article.image


def found(bundle: Bundle, code: str, rendered: RenderResult | None = None) -> list[Finding]:
    """The findings with ``code`` (messages in English)."""
    return [f for f in run_checks(bundle, rendered, language="en") if f.code == code]


def where(findings: list[Finding]) -> list[tuple[str | None, str | None]]:
    return [(f.block_id, f.field) for f in findings]
