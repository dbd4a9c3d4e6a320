"""Export: the newsletter leaves the program as an HTML folder, a zip or an ``.eml`` message.

All three go the same way: every picture the newsletter declares is processed for the width
its theme gives its slot (``PIXEL_DENSITY`` times as wide, for sharp screens; cached); the one
render points at the results; everything is written to a temporary name beside the target and
moved into place only when complete, so a failed or cancelled export leaves nothing behind.
"""

from __future__ import annotations

import concurrent.futures
import functools
import os
import re
import time
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Final, get_args

from composer import eml
from composer.atomic import replacing
from composer.errors import ExportCancelled, ExportError
from composer.export_targets import (
    HTML_NAME,
    IMAGES_FOLDER,
    TEXT_NAME,
    Format,
    cannot_export,
    check_target,
    create_parents,
)
from composer.i18n import N_
from composer.i18n import ui_message as _
from composer.images import WHOLE, Framing, ImageCache, ProcessedImage, process_many
from composer.links import encoded_url
from composer.model import (
    ICON_SLOT_KIND,
    PIXEL_DENSITY,
    BlockBase,
    Bundle,
    ImageRef,
    Newsletter,
    PictureSlot,
)
from composer.render import RenderResult, ResolvedImage, display_size, render, theme
from composer.richtext import link_problem

FORMATS: Final[tuple[Format, ...]] = get_args(Format)
#: Called with (steps done, steps in all, what was just done).
Progress = Callable[[int, int, str], None]
#: Polled during the export; returning True stops it.
Cancelled = Callable[[], bool]
_CANCELLED: Final = N_("The export was cancelled; nothing was written.")


@dataclass(frozen=True)
class ExportedImage:
    """One processed image as it leaves the program.

    Attributes:
        name: its file name in the export, e.g. ``02-planet.jpg``.
        data: the encoded image.
        width: the width it is shown at, in CSS pixels (the file is up to ``PIXEL_DENSITY``
            times as wide).
        height: the height it is shown at.
        media_type: e.g. ``image/jpeg``.
        warnings: what the image pipeline could not do well, for the user.
    """

    name: str
    data: bytes = field(repr=False)
    width: int
    height: int
    media_type: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rendition:
    """The newsletter rendered for one target, with the image files it refers to.

    Attributes:
        result: the HTML and text.
        images: the files the HTML refers to, in reading order.
        warnings: problems worth telling the user: from the pictures, then from the render.
    """

    result: RenderResult
    images: tuple[ExportedImage, ...]
    warnings: tuple[str, ...] = ()


@functools.cache
def shared_image_cache() -> ImageCache:
    """The process-wide cache of processed images, in memory and in the user's cache folder.

    Every export uses it unless given another, and so should the preview: then a second export,
    and the preview after an export, find every picture already processed.
    """
    return ImageCache()


def slug(text: str, limit: int = 40) -> str:
    """A readable ASCII file-name part: "Planet – Bryssel" becomes "planet-bryssel"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")


def _image_label(block: BlockBase | None, slot: PictureSlot, ref: ImageRef) -> str:
    """The readable part of a picture's file name: its block's name, else its slot's kind."""
    if block is None:  # the logo, shown by the settings
        return slot.kind
    if slot.kind == ICON_SLOT_KIND:  # the program's own icons, named by what they show
        return slug(Path(ref.original_name).stem)
    name = block.display_name()
    if name == ref.original_name:  # a picture known by nothing but its file name
        name = Path(name).stem
    return slug(name) or slot.kind


@dataclass(frozen=True)
class _Slot:
    """A picture at one display width, with the label its file is named by."""

    ref: ImageRef
    width: int
    label: str

    @property
    def framing(self) -> Framing:
        """The part of the picture shown in the slot: the user's crop, or an automatic one."""
        return Framing.of(self.ref, self.width)

    @property
    def key(self) -> tuple[str, int, str]:
        return self.ref.sha256, self.width, self.framing.key

    @property
    def pixels(self) -> int:
        """The width the picture is made at: sharp on screens of ``PIXEL_DENSITY``."""
        return self.width * PIXEL_DENSITY


def _slots(newsletter: Newsletter) -> list[_Slot]:
    """Every picture at every width its theme shows it at, in reading order, without repeats."""
    variables = theme(newsletter.settings.theme)
    slots: dict[tuple[str, int, str], _Slot] = {}
    for block, slot, ref in newsletter.pictures():
        found = _Slot(ref, variables.slot_width(slot.kind), _image_label(block, slot, ref))
        slots.setdefault(found.key, found)
    return list(slots.values())


@dataclass
class _Steps:
    """Progress over a whole export, and its cancel flag."""

    progress: Progress | None
    cancelled: Cancelled | None
    after: int = 0  # steps reported after the render (writing)
    total: int = 0
    done: int = 0

    def reach(self, done: int, message: str) -> None:
        self.done = done
        if self.progress is not None:
            self.progress(done, self.total, message)

    def advance(self, message: str) -> None:
        self.reach(self.done + 1, message)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled(_(_CANCELLED))


def _cache_key(ref: ImageRef, max_width: int, framing: Framing = WHOLE) -> str:
    """``ImageCache.key(data, max_width, framing)`` without reading ``data``.

    The document stores its images by SHA-256 already; hashing twenty 12 MB photos again
    would take longer than a whole export from a warm cache.
    """
    return ImageCache.key_of_hash(ref.sha256, max_width, framing)


def _process(
    bundle: Bundle,
    slots: list[_Slot],
    steps: _Steps,
    cache: ImageCache,
    executor: concurrent.futures.Executor | None,
) -> list[ProcessedImage]:
    """Each slot's picture made for its width: from the cache, else in parallel."""
    results: list[ProcessedImage | None] = []
    for slot in slots:
        hit = cache.lookup(_cache_key(slot.ref, slot.pixels, slot.framing))
        results.append(hit)
        if hit is not None:
            steps.advance(_("Prepared {name}").format(name=_picture_name(slot.ref)))
    missing = [index for index, result in enumerate(results) if result is None]
    if missing:
        start = steps.done
        try:
            processed = process_many(
                [
                    (
                        bundle.images.get(slot.ref),
                        slot.pixels,
                        _picture_name(slot.ref),
                        slot.framing,
                    )
                    for slot in (slots[index] for index in missing)
                ],
                progress=lambda done, _total, message: steps.reach(start + done, message),
                cancelled=steps.cancelled,
                executor=executor,
            )
        except ExportCancelled:
            raise ExportCancelled(_(_CANCELLED)) from None
        for index, image in zip(missing, processed, strict=True):
            slot = slots[index]
            cache.store(_cache_key(slot.ref, slot.pixels, slot.framing), image)
            results[index] = image
    return [result for result in results if result is not None]


def _picture_name(ref: ImageRef) -> str:
    return ref.original_name or ref.filename


def _prepare(
    bundle: Bundle,
    src_for: Callable[[ExportedImage], str],
    steps: _Steps,
    cache: ImageCache | None,
    executor: concurrent.futures.Executor | None,
) -> Rendition:
    newsletter = bundle.newsletter
    slots = _slots(newsletter)
    for slot in slots:
        if slot.ref not in bundle.images:
            raise ExportError(
                _(
                    "The picture “{name}” is used in the newsletter but missing from the "
                    "document. Add the picture again, or remove it, and export again."
                ).format(name=_picture_name(slot.ref))
            )
    steps.total = len(slots) + 1 + steps.after
    steps.check()
    processed = _process(
        bundle, slots, steps, cache if cache is not None else shared_image_cache(), executor
    )
    made = {slot.key: (slot, image) for slot, image in zip(slots, processed, strict=True)}
    # Filled as the render asks, so the files are numbered in the order the reader meets them,
    # and a declared picture the layout does not show (a logo without a masthead) is left out.
    exported: dict[tuple[str, int, str], ExportedImage] = {}

    def resolve(ref: ImageRef, display_width: int) -> ResolvedImage:
        key = (ref.sha256, display_width, Framing.of(ref, display_width).key)
        image = exported.get(key)
        if image is None:
            if key not in made:
                raise ExportError(
                    _(
                        "The picture “{name}” is shown {width} pixels wide, a width its theme "
                        "does not give any picture slot, so it was not made for it. Choose "
                        "another theme, and report this as a fault in the theme."
                    ).format(name=_picture_name(ref), width=display_width)
                )
            slot, picture = made[key]
            image = _exported_image(len(exported) + 1, slot, picture)
            exported[key] = image
        return ResolvedImage(src_for(image), image.width, image.height)

    steps.check()
    result = render(newsletter, resolve)
    steps.advance(_("Rendered the newsletter"))
    image_warnings = (warning for image in exported.values() for warning in image.warnings)
    warnings = tuple(dict.fromkeys((*image_warnings, *result.issues)))
    return Rendition(result, tuple(exported.values()), warnings)


def _exported_image(number: int, slot: _Slot, image: ProcessedImage) -> ExportedImage:
    # The number keeps names unique and in reading order; the label makes them readable.
    name = f"{number:02d}-{slot.label}.{image.extension}"
    shown_width, shown_height = display_size((image.width, image.height), slot.width)
    media_type = f"image/{image.format.lower()}"
    return ExportedImage(name, image.data, shown_width, shown_height, media_type, image.warnings)


def prepare(
    bundle: Bundle,
    src_for: Callable[[ExportedImage], str],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    cache: ImageCache | None = None,
    executor: concurrent.futures.Executor | None = None,
) -> Rendition:
    """Process every image for its slot and render the newsletter pointing at the results.

    Args:
        bundle: the document and its images.
        src_for: the ``src`` of an exported image in the HTML (``images/02-planet.jpg``,
            ``cid:…``).
        progress: called with (step, total, message): one step per image, one for the render.
        cancelled: polled between images; when it returns True, ExportCancelled is raised.
        cache: where processed images are kept; None for ``shared_image_cache()``.
        executor: runs the image work (see ``composer.images.process_many``); None for a
            thread pool of its own when more than one picture needs the work.

    Raises:
        ExportError: a picture is missing from the document.
        ImageError: a picture cannot be used.
        ExportCancelled: ``cancelled()`` returned True.
    """
    return _prepare(bundle, src_for, _Steps(progress, cancelled), cache, executor)


def _eml_message(
    bundle: Bundle,
    to: str | None,
    steps: _Steps,
    cache: ImageCache | None,
    executor: concurrent.futures.Executor | None,
    draft: bool = False,
) -> tuple[EmailMessage, Rendition]:
    settings = bundle.newsletter.settings
    # Both raise before any slow work when the settings or the recipients are not usable.
    sender = eml.sender_address(settings)
    # A draft without recipients leaves To empty for the user to fill in; a message to view
    # gets a placeholder that never delivers.
    addresses = [] if draft and to is None else eml.recipients(to, settings.language)

    def cid(image: ExportedImage) -> str:
        return eml.content_id(image.data, sender.domain)

    rendition = _prepare(bundle, lambda image: f"cid:{cid(image)}", steps, cache, executor)
    parts = [eml.InlineImage(i.name, i.data, i.media_type, cid(i)) for i in rendition.images]
    message = eml.build_message(
        rendition.result.html, rendition.result.text, parts, settings, to=addresses, draft=draft
    )
    return message, rendition


def eml_message(
    bundle: Bundle,
    to: str | None,
    *,
    progress: Progress | None = None,
    cache: ImageCache | None = None,
    executor: concurrent.futures.Executor | None = None,
) -> tuple[EmailMessage, Rendition]:
    """The newsletter as the email message the ``eml`` export writes, and its rendition.

    Args:
        bundle: the document.
        to: recipients (``a@b.se, Name <c@d.se>``); None for a placeholder address.
        progress: called with (step, total, message): one step per image, one for the render.
        cache: where processed images are kept; None for ``shared_image_cache()``.
        executor: runs the image work; None for a thread pool of its own.

    Raises:
        ExportError: no sender address, a bad recipient, a picture missing from the document.
        ImageError: a picture cannot be used.
    """
    return _eml_message(bundle, to, _Steps(progress, None), cache, executor)


def _commit(target: Path, fmt: Format, write: Callable[[Path], None], steps: _Steps) -> None:
    """Run ``write`` on a temporary path beside ``target``, then move the result into place.

    Whatever happens before the move (an error, a cancel, Ctrl+C), the temporary file or
    folder (``composer.atomic.replacing`` sees to that) and any folders created for the
    target are removed again. An earlier export folder is removed only once the new one is
    in place.
    """
    created: list[Path] = []
    try:
        created = create_parents(target)
        # Not durable (no fsync), as before: an export is made again from the document in a
        # moment, and flushing the folder cost as much as a whole export from a warm cache.
        with replacing(target, durable=False) as temporary:
            write(temporary)
            steps.check()
            check_target(target, fmt)  # again: the folder may have changed in the meantime
    except BaseException as exc:
        for folder in created:
            try:
                folder.rmdir()
            except OSError:
                break
        if isinstance(exc, OSError):
            raise ExportError(cannot_export(target, exc)) from None
        raise
    steps.advance(_("Wrote {name}").format(name=target.name))


# --- formats --------------------------------------------------------------------------------


def _image_sources(image_base_url: str | None) -> Callable[[ExportedImage], str]:
    if image_base_url is None:
        return lambda image: f"{IMAGES_FOLDER}/{image.name}"
    url = image_base_url.strip()
    if not re.match(r"^https?://", url, re.IGNORECASE) or link_problem(url) or "?" in url:
        raise ExportError(
            _(
                "The image base URL “{url}” is not a web address for a folder. Write it as "
                "https://www.example.org/newsletter/2012-11/, where the images will be put."
            ).format(url=image_base_url)
        )
    base = encoded_url(url.split("#", 1)[0].rstrip("/") + "/")
    return lambda image: base + image.name


def _write_html(rendition: Rendition, folder: Path) -> None:
    folder.mkdir()
    (folder / IMAGES_FOLDER).mkdir()
    for image in rendition.images:
        (folder / IMAGES_FOLDER / image.name).write_bytes(image.data)
    (folder / HTML_NAME).write_bytes(rendition.result.html.encode("utf-8"))
    (folder / TEXT_NAME).write_bytes(rendition.result.text.encode("utf-8"))


def _write_zip(rendition: Rendition, path: Path) -> None:
    # Only the HTML and its images: importers such as Mailchimp's take one HTML file and
    # pictures, and refuse a zip holding anything else (a .txt included).
    stamp = time.localtime()[:6]
    with path.open("xb") as stream, zipfile.ZipFile(stream, "w") as archive:
        entries = [(HTML_NAME, rendition.result.html.encode("utf-8"), zipfile.ZIP_DEFLATED)]
        entries += [
            # Already compressed: deflating JPEG or PNG again costs time and saves nothing.
            (f"{IMAGES_FOLDER}/{image.name}", image.data, zipfile.ZIP_STORED)
            for image in rendition.images
        ]
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def export(
    bundle: Bundle,
    path: str | os.PathLike[str],
    fmt: Format,
    *,
    image_base_url: str | None = None,
    to: str | None = None,
    draft: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    cache: ImageCache | None = None,
    executor: concurrent.futures.Executor | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Path:
    """Export the newsletter in one of FORMATS.

    - ``html``: a folder with ``newsletter.html``, ``newsletter.txt`` and ``images/``. A folder
      holding an earlier export is replaced; one holding anything else is refused.
    - ``zip``: ``newsletter.html`` and ``images/`` in a zip, for an email service to import.
    - ``eml``: one email message with its pictures inside, for a mail program to open.

    Args:
        bundle: the document.
        path: the folder (html) or file (zip, eml) to write.
        fmt: "html", "zip" or "eml".
        image_base_url: html only: the web folder where the images will be put; each ``src``
            becomes absolute (``https://…/02-planet.jpg``).
        to: eml only: recipients (``a@b.se, Name <c@d.se>``); else a placeholder address
            (none in a draft).
        draft: eml only: a draft to send from the user's own mail program (``X-Unsent: 1``)
            instead of a message to view, forward or archive.
        progress: called with (step, total, message) as images are processed and files
            written.
        cancelled: polled during the export; when it returns True, ExportCancelled is raised.
        cache: where processed images are kept; None for ``shared_image_cache()``.
        executor: runs the image work; None for a thread pool of the export's own.
        on_warning: called with each problem worth telling the user (a huge animated GIF…).

    Returns:
        The file written: ``newsletter.html`` in the folder, the zip or the ``.eml``.

    Raises:
        ExportError: bad options, an unusable target, missing sender (eml), a write failure.
        ImageError: a picture cannot be used.
        ExportCancelled: the user cancelled; nothing was written.
    """
    if fmt not in FORMATS:
        raise ExportError(
            _("“{format}” is not an export format; choose one of {formats}.").format(
                format=fmt, formats=", ".join(FORMATS)
            )
        )
    if image_base_url is not None and fmt != "html":
        raise ExportError(
            _(
                "An image base URL applies to the html export only: a zip or an .eml carries "
                "its images inside."
            )
        )
    if to is not None and fmt != "eml":
        raise ExportError(_("A recipient applies to the eml export only."))
    if draft and fmt != "eml":
        raise ExportError(_("Only an .eml can be a draft: choose the eml format."))

    target = Path(os.path.abspath(path))
    check_target(target, fmt)
    steps = _Steps(progress, cancelled, after=1)
    if fmt == "eml":
        message, rendition = _eml_message(bundle, to, steps, cache, executor, draft)
        data = eml.message_bytes(message)

        def write_eml(temporary: Path) -> None:
            temporary.write_bytes(data)

        _commit(target, fmt, write_eml, steps)
        written = target
    elif fmt == "zip":
        rendition = _prepare(bundle, _image_sources(None), steps, cache, executor)
        _commit(target, fmt, lambda temporary: _write_zip(rendition, temporary), steps)
        written = target
    else:
        sources = _image_sources(image_base_url)
        rendition = _prepare(bundle, sources, steps, cache, executor)
        _commit(target, fmt, lambda temporary: _write_html(rendition, temporary), steps)
        written = target / HTML_NAME
    if on_warning is not None:
        for warning in rendition.warnings:
            on_warning(warning)
    return written
