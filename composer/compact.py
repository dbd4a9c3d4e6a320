"""Shrink a newsletter file: every picture it holds replaced by its working copy.

Newsletters made before working copies (or with "Keep original pictures" on) hold camera
originals: 12 MB a photo, with the GPS position of where it was taken. ``compact`` makes the
working copy of each (``composer.document.working_copy``: upright, sRGB, no metadata, long edge
at most 2400 pixels) and points the blocks and the logo at it. The layout does not change: the
templates size each picture by its slot, and the working copy is still at least twice as wide
as the widest slot. ``newsletter-composer compact`` and File → Reduce File Size use it; in the
window it is one undo step (``compact_edit``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Final

from PIL import Image

from composer.document import WORKING_COPY_SIZE, Document, working_copy
from composer.edits import ChangeSettings, Edit, EditGroup, ReplaceBlock
from composer.images import ImageError, probe
from composer.model import LOGO_SLOT, Bundle, ImageRef, ImageStore, Newsletter, builtin_images

__all__ = ["Compacted", "compact", "compact_edit", "replace_pictures"]

_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


@dataclass(frozen=True)
class Compacted:
    """What ``compact`` made.

    Attributes:
        bundle: the newsletter pointing at the working copies, with only the pictures it uses.
        replaced: each picture replaced: old reference, new reference.
        size_before: the bytes of the pictures the newsletter uses, before.
        size_after: the same, after.
        unreadable: names of pictures left as they were: missing or damaged (the checks say so).
    """

    bundle: Bundle
    replaced: dict[ImageRef, ImageRef]
    size_before: int
    size_after: int
    unreadable: tuple[str, ...] = ()


def compact(bundle: Bundle) -> Compacted:
    """``bundle`` with every picture it uses replaced by its working copy.

    A picture already within ``WORKING_COPY_SIZE`` and without any metadata is kept as it
    is: it is a working copy already, and encoding it again would only lose quality.
    Keeping originals is switched off in the settings.
    """
    store = bundle.images
    by_hash: dict[str, tuple[str, str, bytes]] = {}  # old hash → new hash, extension, data
    replaced: dict[ImageRef, ImageRef] = {}
    unreadable: list[str] = []
    builtin = builtin_images()
    for _block, _slot, ref in bundle.newsletter.pictures():
        if ref.sha256 in builtin:
            continue  # the program's own icons: no file carries them, nothing to reduce
        name = ref.original_name or ref.filename
        if ref.sha256 not in by_hash:
            if ref not in store:
                unreadable.append(name)
                continue
            data = store.get(ref)
            made = _working_copy(data, name)
            if made is None:
                unreadable.append(name)
                by_hash[ref.sha256] = (ref.sha256, ref.extension, data)
            else:
                by_hash[ref.sha256] = made
        new_hash, extension, _data = by_hash[ref.sha256]
        if new_hash != ref.sha256:
            # The working copy is upright and in proportion: the crop and focal point,
            # fractions of the upright picture, stay as they are.
            replaced[ref] = ref.model_copy(update={"sha256": new_hash, "extension": extension})
    used = {ref.sha256 for _b, _s, ref in bundle.newsletter.pictures() if ref.sha256 in store.data}
    before = sum(len(store.data[digest]) for digest in used)
    images = {new_hash: data for new_hash, _ext, data in by_hash.values()}
    newsletter = replace_pictures(bundle.newsletter, replaced)
    after = sum(len(data) for data in images.values())
    return Compacted(
        Bundle(newsletter, ImageStore(images)), replaced, before, after, tuple(unreadable)
    )


def _working_copy(data: bytes, name: str) -> tuple[str, str, bytes] | None:
    try:
        info = probe(data, name)
        if (
            max(info.width, info.height) <= WORKING_COPY_SIZE
            and not info.has_gps
            and not _has_metadata(data)
        ):
            # Already a working copy (or as good as one): encoding it again would only lose.
            copy, copy_info = data, info
        else:
            copy, copy_info = working_copy(data, name)
    except ImageError:
        return None
    digest = ImageStore().add(copy, _EXTENSIONS[copy_info.format]).sha256
    return digest, _EXTENSIONS[copy_info.format], copy


#: What Pillow reports of a file's metadata; a working copy has none of these.
_METADATA_KEYS: Final = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "icc_profile")


def _has_metadata(data: bytes) -> bool:
    """Whether the file carries EXIF, XMP, comments, Photoshop blocks or a colour profile."""
    with Image.open(io.BytesIO(data)) as image:
        return any(key in image.info for key in _METADATA_KEYS) or bool(image.getexif())


def replace_pictures(newsletter: Newsletter, replaced: dict[ImageRef, ImageRef]) -> Newsletter:
    """``newsletter`` with the pictures in ``replaced`` swapped, in blocks and logo alike.

    Keeping originals is switched off in the settings: the file now holds working copies.
    """
    blocks = []
    for block in newsletter.blocks:
        update = {
            slot.image_field: replaced[ref] for slot, ref in block.pictures() if ref in replaced
        }
        blocks.append(block.model_copy(update=update) if update else block)
    settings = newsletter.settings
    settings_update: dict[str, object] = {"keep_original_pictures": False}
    if settings.logo is not None and settings.logo in replaced:
        settings_update[LOGO_SLOT.image_field] = replaced[settings.logo]
    settings = settings.model_copy(update=settings_update)
    return newsletter.model_copy(update={"blocks": tuple(blocks), "settings": settings})


def compact_edit(document: Document, label: str) -> tuple[Edit, Compacted] | None:
    """The one undo step that points the open document at working copies.

    The working copies are added to the document's images (pictures are never removed from
    an open document: undo needs the originals; saving writes only the pictures in use).

    Returns:
        The edit, not yet applied, and what ``compact`` made; None when nothing would change.
    """
    result = compact(document.snapshot())
    if not result.replaced and not document.settings.keep_original_pictures:
        return None
    for digest, data in result.bundle.images.data.items():
        document.images.data.setdefault(digest, data)
    new = result.bundle.newsletter
    edits: list[Edit] = []
    for old_block, new_block in zip(document.blocks, new.blocks, strict=True):
        if old_block != new_block:
            edits.append(ReplaceBlock(old_block, new_block))
    if document.settings != new.settings:
        edits.append(ChangeSettings(document.settings, new.settings))
    return EditGroup(label, edits), result
