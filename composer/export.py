"""Export: the newsletter leaves the program as an HTML folder (more formats plug in here)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from composer.errors import ComposerError, ExportCancelled, ExportError
from composer.model import ArticleBlock, ContactBlock, ImageBlock, ImageRef, Newsletter
from composer.render import RenderResult, ResolvedImage, display_size, render
from composer.storage import Project

Format = Literal["html"]
FORMATS: Final = ("html",)
Progress = Callable[[int, int, str], None]
#: Images are stored at twice their display width, for sharp pictures on retina screens.
RETINA: Final = 2


@dataclass
class _SlotRecorder:
    """A resolver that only notes which image is shown at which width."""

    slots: list[tuple[ImageRef, int]] = field(default_factory=list)

    def __call__(self, ref: ImageRef, display_width: int) -> ResolvedImage:
        if (ref, display_width) not in self.slots:
            self.slots.append((ref, display_width))
        return ResolvedImage("", display_width, display_width)


@dataclass(frozen=True)
class ExportedImage:
    """One processed image as it leaves the program."""

    name: str
    data: bytes
    width: int
    height: int


@dataclass(frozen=True)
class Rendition:
    """The newsletter rendered for one target, with the image files it refers to."""

    result: RenderResult
    images: tuple[ExportedImage, ...]


def slug(text: str, limit: int = 40) -> str:
    """A readable ASCII file-name part: "Planet – Bryssel" becomes "planet-bryssel"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")


def _image_label(newsletter: Newsletter, ref: ImageRef) -> str:
    if ref == newsletter.settings.logo:
        return "logo"
    for block in newsletter.blocks:
        if isinstance(block, ArticleBlock) and block.image == ref:
            return slug(block.headline) or "article"
        if isinstance(block, ImageBlock) and block.image == ref:
            return slug(block.caption or block.alt) or "image"
        if isinstance(block, ContactBlock) and block.photo == ref:
            return slug(block.name) or "contact"
    return slug(Path(ref.original_name).stem) or "image"


def prepare(
    project: Project,
    src_for: Callable[[str], str],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Rendition:
    """Process every image for its slot and render the newsletter pointing at the results.

    Args:
        project: the document and its images.
        src_for: turns an exported file name (``01-planet.jpg``) into the ``src`` to use.
        progress: called with (step, total, message) while images are processed.
        cancelled: polled between images; when it returns True, ExportCancelled is raised.
    """
    from composer.images import process_many

    newsletter = project.newsletter
    recorder = _SlotRecorder()
    render(newsletter, recorder)  # a cheap first pass that tells which image needs which size
    slots = [(ref, width) for ref, width in recorder.slots if ref in project.images]
    processed = process_many(
        [(project.images.get(ref), width * RETINA, ref.original_name or ref.filename)
         for ref, width in slots],
        progress=progress,
        cancelled=cancelled,
    )
    exported: dict[tuple[str, int], ExportedImage] = {}
    used_names: set[str] = set()
    for number, ((ref, width), image) in enumerate(zip(slots, processed, strict=True), 1):
        base = f"{number:02d}-{_image_label(newsletter, ref)}"
        name = f"{base}.{image.extension}"
        counter = 2
        while name in used_names:
            name = f"{base}-{counter}.{image.extension}"
            counter += 1
        used_names.add(name)
        shown_width, shown_height = display_size((image.width, image.height), width)
        exported[(ref.sha256, width)] = ExportedImage(name, image.data, shown_width,
                                                      shown_height)

    def resolve(ref: ImageRef, display_width: int) -> ResolvedImage:
        image = exported.get((ref.sha256, display_width))
        if image is None:  # missing from the document: the checks report it
            return ResolvedImage(src_for(ref.filename), display_width, display_width * 3 // 4)
        return ResolvedImage(src_for(image.name), image.width, image.height)

    if cancelled is not None and cancelled():
        raise ExportCancelled("The export was cancelled; nothing was written.")
    return Rendition(render(newsletter, resolve), tuple(exported.values()))


def _replace_folder(staging: Path, target: Path) -> None:
    """Move a finished export into place; the previous export is replaced only at the end."""
    if target.exists():
        if not target.is_dir():
            raise ExportError(f"Cannot export to “{target}”: a file with that name exists. "
                              "Choose another name.")
        unexpected = [p.name for p in target.iterdir()
                      if p.name not in ("newsletter.html", "newsletter.txt", "images")]
        if unexpected:
            raise ExportError(f"Cannot export to “{target}”: the folder holds other files "
                              f"({', '.join(sorted(unexpected)[:3])}). Choose an empty or new "
                              "folder.")
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, target)


def export_html(
    project: Project,
    target: str | os.PathLike[str],
    *,
    image_base_url: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Write a folder with ``newsletter.html``, ``newsletter.txt`` and ``images/``.

    Args:
        project: the document.
        target: the folder to create (replaced only when it holds a previous export).
        image_base_url: where the office hosts the images; ``src`` values become absolute.
        progress: called with (step, total, message).
        cancelled: polled during the export; a cancelled export writes nothing.

    Returns:
        The path of ``newsletter.html``.
    """
    target = Path(target)
    if image_base_url:
        base = image_base_url.rstrip("/") + "/"

        def src_for(name: str) -> str:
            return base + name
    else:

        def src_for(name: str) -> str:
            return f"images/{name}"

    rendition = prepare(project, src_for, progress, cancelled)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise ExportError(f"Cannot export to “{target}”: {exc.strerror or exc}.") from None
    try:
        (staging / "images").mkdir()
        for image in rendition.images:
            (staging / "images" / image.name).write_bytes(image.data)
        (staging / "newsletter.html").write_text(rendition.result.html, encoding="utf-8")
        (staging / "newsletter.txt").write_text(rendition.result.text, encoding="utf-8")
        if cancelled is not None and cancelled():
            raise ExportCancelled("The export was cancelled; nothing was written.")
        _replace_folder(staging, target)
    except (OSError, ComposerError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, ComposerError):
            raise
        raise ExportError(f"Cannot export to “{target}”: {exc.strerror or exc}.") from None
    return target / "newsletter.html"
