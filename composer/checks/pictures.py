"""Checks of the pictures: missing or damaged files, descriptions, sizes, GPS positions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from composer.checks.context import CheckContext
from composer.checks.registry import Finding, Severity, check
from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.images import Framing
from composer.model import PIXEL_DENSITY

#: A picture more than this many times wider than its slot needs (4x the pixels) is "far larger".
FAR_LARGER: Final = 2


def _file_size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=ui_number(size / 1024 / 1024, 1))
    return _("{size} KB").format(size=ui_number(max(1, round(size / 1024))))


@check
def image_missing(context: CheckContext) -> Iterator[Finding]:
    """A picture the document uses but does not hold shows as a broken picture."""
    for picture in context.pictures:
        if context.probe(picture) is None:
            yield Finding(
                Severity.ERROR,
                "image-missing",
                _(
                    "The picture “{name}” is missing from the newsletter file, so readers "
                    "would see a broken picture. Choose the picture again."
                ).format(name=picture.name),
                picture.block_id,
                picture.slot.image_field,
            )


@check
def image_unreadable(context: CheckContext) -> Iterator[Finding]:
    """A picture export would refuse (damaged, incomplete, too large) cannot be sent."""
    for picture in context.pictures:
        info = context.probe(picture)
        if info is not None and info.unreadable:
            # The sentence export would stop with: the same reason and the same advice.
            yield Finding(
                Severity.ERROR,
                "image-unreadable",
                info.refusal,
                picture.block_id,
                picture.slot.image_field,
            )


@check
def alt_missing(context: CheckContext) -> Iterator[Finding]:
    """Without alt text, blind readers and everyone whose client blocks images see nothing."""
    for picture in context.pictures:
        if picture.alt.strip() or picture.decorative:
            continue
        message = _(
            "The picture “{name}” has no description (alt text). Describe in a few words what "
            "it shows: many mail programs block pictures until the reader allows them, and "
            "screen readers read the description aloud."
        ).format(name=picture.name)
        if picture.can_be_decorative:
            message += " " + _("If the picture is only decoration, mark it as decorative instead.")
        yield Finding(
            Severity.ERROR, "alt-missing", message, picture.block_id, picture.slot.alt_field
        )


@check
def image_too_large(context: CheckContext) -> Iterator[Finding]:
    """A camera photo is many times what its slot needs; export scales it, but say so."""
    for picture in context.pictures:
        info = context.probe(picture)
        if info is None or info.unreadable or info.animated:
            continue  # animations are sent as they are: scaling would lose the motion
        needed = context.slot_width(picture) * PIXEL_DENSITY
        if info.width > needed * FAR_LARGER:
            yield Finding(
                Severity.WARNING,
                "image-too-large",
                _(
                    "The picture “{name}” is {width} × {height} pixels ({size}), far more than "
                    "the {needed} pixels in width its place needs. It is scaled down when you "
                    "export, so the email stays small, but the newsletter file keeps the large "
                    "original: choose File → Reduce File Size if the file is to be mailed to "
                    "colleagues."
                ).format(
                    name=picture.name,
                    width=info.width,
                    height=info.height,
                    size=_file_size(info.file_size),
                    needed=needed,
                ),
                picture.block_id,
                picture.slot.image_field,
            )


@check
def image_too_small(context: CheckContext) -> Iterator[Finding]:
    """A picture (or the crop of one) narrower than its slot is shown small or blurry."""
    for picture in context.pictures:
        info = context.probe(picture)
        if info is None or info.unreadable:
            continue
        slot = context.slot_width(picture)
        crop = picture.ref.crop
        if crop is not None and info.width >= slot:
            width = Framing(crop=crop).shown_size((info.width, info.height))[0]
            if width < slot:
                yield Finding(
                    Severity.WARNING,
                    "image-too-small",
                    _(
                        "The crop of the picture “{name}” is only {width} pixels wide, but its "
                        "place is {slot} pixels wide, so it will look small or blurry. Choose "
                        "a larger part of the picture, ideally {needed} pixels wide or more."
                    ).format(
                        name=picture.name, width=width, slot=slot, needed=slot * PIXEL_DENSITY
                    ),
                    picture.block_id,
                    picture.slot.image_field,
                )
        if info.width < slot:
            yield Finding(
                Severity.WARNING,
                "image-too-small",
                _(
                    "The picture “{name}” is only {width} pixels wide, but its place is {slot} "
                    "pixels wide, so it will look small or blurry, on high-resolution screens "
                    "especially. Use a larger version, ideally {needed} pixels wide or more."
                ).format(
                    name=picture.name, width=info.width, slot=slot, needed=slot * PIXEL_DENSITY
                ),
                picture.block_id,
                picture.slot.image_field,
            )


@check
def image_gps(context: CheckContext) -> Iterator[Finding]:
    """Camera photos often record where they were taken; the reader should never get that.

    Pictures are kept as working copies without metadata, so this fires only for a file that
    keeps original pictures (the user's choice, or a file from before working copies).
    """
    for picture in context.pictures:
        info = context.probe(picture)
        if info is not None and info.has_gps:
            yield Finding(
                Severity.WARNING,
                "image-gps",
                _(
                    "The picture “{name}” records the place where it was taken (GPS position). "
                    "The position is removed from the pictures you export, so readers will not "
                    "get it, but this newsletter file keeps the original photo: choose File → "
                    "Reduce File Size before you share the file, to keep a working copy "
                    "without the position."
                ).format(name=picture.name),
                picture.block_id,
                picture.slot.image_field,
            )
