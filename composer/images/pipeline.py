"""The image pipeline: one picture made upright, sRGB, metadata-free and small enough (Pillow)."""

from __future__ import annotations

import contextlib
import functools
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from PIL import Image, ImageCms, ImageFile

from composer.i18n import ui_message as _
from composer.i18n import ui_number
from composer.images.memory import BUDGET, conversion_cost
from composer.images.probe import (
    TRANSPOSE,
    ImageInfo,
    damaged,
    exif_orientation,
    header_exif,
    is_animated,
    open_image,
    oriented_size,
    read_info,
    truncated,
    webp_canvas,
)
from composer.images.spec import OutputSpec
from composer.model import Crop, pixel_box

_LOG = logging.getLogger(__name__)

#: Part of every cache key: raise it whenever the output for the same input changes.
PIPELINE_VERSION: Final = 1
#: Animated GIFs are never re-encoded; above this size the user is warned instead.
ANIMATION_SIZE_LIMIT: Final = 1_000_000
_GIF_KEPT_APPLICATIONS: Final = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


@dataclass(frozen=True)
class ProcessedImage:
    """An image ready to be sent: upright, sRGB, within the requested bounds, no metadata.

    Attributes:
        data: the encoded file.
        format: "JPEG", "PNG" or "GIF".
        extension: "jpg", "png" or "gif".
        width: width in pixels.
        height: height in pixels.
        warnings: full sentences for the user about what could not be done well.
    """

    data: bytes = field(repr=False)
    format: str
    extension: str
    width: int
    height: int
    warnings: tuple[str, ...] = ()


def convert(data: bytes, spec: OutputSpec, name: str = "image") -> ProcessedImage:
    """Make one picture upright, sRGB, metadata-free and no larger than ``spec`` allows.

    Photos become progressive JPEGs at ``spec.jpeg_quality``; images with transparency or
    few colours become optimised PNGs. Animated GIFs are kept as they are, whatever their
    size: only their comment and XMP blocks are dropped, and one wider than
    ``spec.max_width`` costs a warning. A module-level function, so a process pool can run it.

    Args:
        data: the original file's content.
        spec: the bounds and the JPEG quality of the result.
        name: the file's name, used in messages.

    Raises:
        ImageError: the image cannot be used; the message says why and what to do.
    """
    with _admitted(data, spec, name) as (image, fmt):
        warnings: list[str] = []
        with image:  # closing the image frees its decoded pixels, the largest buffer by far
            animated = is_animated(image, fmt)
            if animated and fmt == "GIF":
                return _keep_animation(data, image.size, spec, name)
            if animated:
                warnings.append(
                    _(
                        "{name} is animated, but email clients such as Outlook cannot show an "
                        "animated {format}; only its first frame is used. Save the animation "
                        "as a GIF to keep it moving."
                    ).format(name=name, format=fmt)
                )
            full_size = image.size  # before draft mode makes a JPEG smaller
            orientation = _decode(image, fmt, spec, name)
            icc = image.info.get("icc_profile")
            picture = _normalise_mode(image)
            upright = oriented_size(full_size, orientation)
            crop = spec.framing.crop_for(upright)
            if crop is not None:
                picture = picture.crop(_stored_box(crop, orientation, picture.size))
            # The result's size follows from the original's, not from the decoded pixels:
            # the same as the layout computes (``Framing.shown_size``), to the pixel.
            result = spec.fit(spec.framing.shown_size(upright))
            stored_target = oriented_size(result, orientation)
            if picture.size != stored_target:
                # reducing_gap: when shrinking more than sixfold, reduce by an integer factor
                # first (fast, box filter), then Lanczos; indistinguishable from Lanczos alone.
                picture = picture.resize(stored_target, Image.Resampling.LANCZOS, reducing_gap=3.0)
            elif picture is image:
                picture = image.copy()  # small, since it needed no resizing; outlives the file
        if orientation in TRANSPOSE:
            picture = picture.transpose(TRANSPOSE[orientation])
        picture = _to_srgb(picture, icc, name, warnings)
        return _encode(picture, fmt in ("PNG", "GIF"), spec.jpeg_quality, tuple(warnings))


def verify(data: bytes, name: str = "image") -> ImageInfo:
    """Read a picture as ``convert`` does, pixels and all: what it would refuse, this refuses.

    The header's refusals (see ``probe``), a file that ends before its pixels do, and pixels
    that cannot be decoded, each with the sentence ``convert`` gives. JPEGs are decoded at an
    eighth of their size, which reads every byte all the same; an animated GIF, which
    ``convert`` keeps as it is, is not decoded. The pre-flight checks ask this of every
    picture, so that "ready to send" means the export will take them.

    Args:
        data: the file's content.
        name: the file's name, used in error messages.

    Returns:
        What the header tells, as ``probe`` returns it.

    Raises:
        ImageError: ``convert`` would refuse the picture; the message says why.
    """
    with _admitted(data, None, name) as (image, fmt):
        info = read_info(image, fmt, name)
        if not (info.animated and fmt == "GIF"):
            _decode(image, fmt, None, name)
        return info


@contextlib.contextmanager
def _admitted(
    data: bytes, spec: OutputSpec | None, name: str
) -> Iterator[tuple[ImageFile.ImageFile, str]]:
    """Open ``data`` and hold the memory that making it for ``spec`` takes, until the end.

    Waits for the memory budget to have room. ``spec`` None: the picture is only decoded, as
    small as it can be. The image is closed at the end (the caller may close it sooner).
    """
    canvas = webp_canvas(data)
    if canvas is not None:
        # Pillow's WebP reader allocates the canvases as it opens the file: hold the memory
        # first. The EXIF turn is not known yet; it changes little of the cost.
        size, alpha = canvas
        target = _stored_target(size, 1, spec)
        cost = conversion_cost("WEBP", size, "RGBA" if alpha else "RGB", alpha, target)
        with BUDGET.reserved(cost):
            image, fmt = open_image(data, name)
            with image:
                yield image, fmt
        return
    image, fmt = open_image(data, name)
    with image:
        if fmt == "GIF" and is_animated(image, fmt):
            cost = 0  # kept as it is: nothing is decoded
        else:
            target = _stored_target(image.size, exif_orientation(header_exif(image)), spec)
            alpha = image.has_transparency_data
            cost = conversion_cost(fmt, image.size, image.mode, alpha, target)
        with BUDGET.reserved(cost):
            yield image, fmt


def _stored_target(
    size: tuple[int, int], orientation: int, spec: OutputSpec | None
) -> tuple[int, int] | None:
    """The size a picture stored ``size`` big is needed at, whole and as stored (not turned).

    Without a crop, that of the result; with one, so large that the part cut from it is as
    large as the result.
    """
    if spec is None:
        return None
    upright = oriented_size(size, orientation)
    shown = spec.framing.shown_size(upright)
    result = spec.fit(shown)
    # Integer ceiling division: without a crop this is the result's size exactly.
    width = -(-upright[0] * result[0] // shown[0])
    height = -(-upright[1] * result[1] // shown[1])
    return oriented_size((width, height), orientation)


#: Where a point (x, y) of the upright picture is in the picture as stored, per orientation.
_STORED_POINT: Final = {
    1: lambda x, y: (x, y),
    2: lambda x, y: (1 - x, y),
    3: lambda x, y: (1 - x, 1 - y),
    4: lambda x, y: (x, 1 - y),
    5: lambda x, y: (y, x),
    6: lambda x, y: (y, 1 - x),
    7: lambda x, y: (1 - y, 1 - x),
    8: lambda x, y: (1 - y, x),
}


def _stored_box(crop: Crop, orientation: int, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """``crop`` (of the upright picture) in pixels of the picture as stored, ``size`` big.

    Cutting before turning saves turning the pixels that are cut away.
    """
    stored_point = _STORED_POINT.get(orientation, _STORED_POINT[1])
    corners = (
        stored_point(crop.left, crop.top),
        stored_point(crop.left + crop.width, crop.top + crop.height),
    )
    left, right = sorted(x for x, _y in corners)
    top, bottom = sorted(y for _x, y in corners)
    return pixel_box((left, top, right - left, bottom - top), size)


def _decode(image: ImageFile.ImageFile, fmt: str, spec: OutputSpec | None, name: str) -> int:
    """Decode the pixels, JPEGs only as finely as ``spec`` needs (None: as coarsely as can be).

    Returns:
        The image's EXIF orientation (1 to 8).
    """
    try:
        orientation = 1
        if fmt == "JPEG":
            orientation = exif_orientation(header_exif(image))
            target = _stored_target(image.size, orientation, spec) or (1, 1)
            if target != image.size:
                # Draft mode makes libjpeg scale by 1/2, 1/4 or 1/8 while decoding, never
                # below the size asked for: a 24-megapixel photo is never decoded in full.
                image.draft("RGB", target)
        image.load()
        if fmt != "JPEG":
            # Only now for PNG: its eXIf chunk may follow the pixels.
            orientation = exif_orientation(_loaded_exif(image))
    except OSError as exc:
        # Pillow reports a file that ends early as "image file is truncated"; we never set
        # ImageFile.LOAD_TRUNCATED_IMAGES, which would pass half a photo off as whole.
        raise (truncated(name) if "truncated" in str(exc) else damaged(name)) from exc
    except Exception as exc:  # decoders of damaged data raise anything
        raise damaged(name) from exc
    return orientation


def _loaded_exif(image: Image.Image) -> Image.Exif:
    try:
        return image.getexif()
    except Exception:  # damaged EXIF must not cost the user the photo
        return Image.Exif()


def _normalise_mode(image: Image.Image) -> Image.Image:
    """Bring any decoded mode to one we can resize, colour-convert and encode.

    L, LA, RGB, RGBA and CMYK stay; palettes become RGB or RGBA (``_encode`` makes a
    palette again when the result still fits one); 16-bit grey is scaled, not clipped.
    """
    mode = image.mode
    alpha = image.has_transparency_data
    if mode in ("RGB", "RGBA", "L", "LA", "CMYK") and (not alpha or mode in ("RGBA", "LA")):
        return image
    if mode.startswith("I"):
        # Pillow's I;16 → L conversion clips at 255 instead of scaling; scale first.
        return image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if mode in ("1", "L", "LA", "La"):
        return image.convert("LA" if alpha else "L")
    return image.convert("RGBA" if alpha else "RGB")


def _to_srgb(image: Image.Image, icc: object, name: str, warnings: list[str]) -> Image.Image:
    """Convert ``image`` to sRGB with its embedded profile; CMYK always ends as RGB.

    A profile that does not fit the image is ignored, as browsers do; one that cannot be
    used at all costs a warning, not the picture.
    """
    if isinstance(icc, bytes) and icc:
        try:
            return _apply_profile(image, icc)
        except (OSError, ValueError, TypeError, ImageCms.PyCMSError) as exc:
            _LOG.info("colour profile of %s not usable: %s", name, exc)
            warnings.append(
                _(
                    "The colour profile embedded in {name} could not be used; its colours may "
                    "look slightly different in the newsletter."
                ).format(name=name)
            )
    return image.convert("RGB") if image.mode == "CMYK" else image


def _apply_profile(image: Image.Image, icc: bytes) -> Image.Image:
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    space = source.profile.xcolor_space.strip()
    fits = {"RGB": ("RGB", "RGBA"), "GRAY": ("L", "LA"), "CMYK": ("CMYK",)}.get(space, ())
    if image.mode not in fits or "srgb" in ImageCms.getProfileDescription(source).lower():
        return image.convert("RGB") if image.mode == "CMYK" else image
    srgb = _srgb_profile()
    intent = ImageCms.Intent.PERCEPTUAL
    if image.mode in ("L", "LA"):
        # sRGB is an RGB profile: convert the grey through it and back (R = G = B).
        grey = image.getchannel("L")
        converted = ImageCms.profileToProfile(grey, source, srgb, intent, outputMode="RGB")
        assert converted is not None  # None only with inPlace=True
        result = converted.convert("L")
        if image.mode == "LA":
            result = Image.merge("LA", (result, image.getchannel("A")))
        return result
    out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    converted = ImageCms.profileToProfile(image, source, srgb, intent, outputMode=out_mode)
    assert converted is not None  # None only with inPlace=True
    return converted


@functools.cache  # once per process: building the profile costs more than most transforms
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _encode(
    image: Image.Image, lossless_source: bool, quality: int, warnings: tuple[str, ...]
) -> ProcessedImage:
    """Encode without any metadata: JPEG for photos, PNG for transparency and few colours."""
    # Pillow's writers copy a comment or an ICC profile from ``info``: empty it.
    image.info = {}
    if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert(image.mode[:-1])  # an alpha channel nothing shows through
    if image.mode in ("RGBA", "LA"):
        return _png(image, warnings)
    if not lossless_source:
        return _jpeg(image, quality, warnings)
    palette = _exact_palette(image)
    if palette is not None:
        return _png(palette, warnings)
    # A screenshot or drawing saved as PNG stays PNG when that costs little: JPEG would blur
    # its text and lines. A photo saved as PNG is several times larger as PNG.
    jpeg, png = _jpeg(image, quality, warnings), _png(image, warnings)
    return png if len(png.data) <= 1.5 * len(jpeg.data) else jpeg


def _exact_palette(image: Image.Image) -> Image.Image | None:
    """``image`` as a palette image when 256 colours hold it exactly (logos, charts)."""
    if image.mode != "RGB" or image.getcolors(256) is None:
        return None
    # Median cut keeps every colour when there are no more than asked for; check anyway.
    palette = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    return palette if palette.convert("RGB").tobytes() == image.tobytes() else None


def _jpeg(image: Image.Image, quality: int, warnings: tuple[str, ...]) -> ProcessedImage:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return ProcessedImage(buffer.getvalue(), "JPEG", "jpg", image.width, image.height, warnings)


def _png(image: Image.Image, warnings: tuple[str, ...]) -> ProcessedImage:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ProcessedImage(buffer.getvalue(), "PNG", "png", image.width, image.height, warnings)


def _keep_animation(
    data: bytes, size: tuple[int, int], spec: OutputSpec, name: str
) -> ProcessedImage:
    """An animated GIF as it is: re-encoding animations loses colours or grows the file."""
    kept = _strip_gif_metadata(data)
    width, height = size
    max_width = spec.max_width
    warnings = []
    if spec.framing.crop is not None:
        warnings.append(
            _(
                "{name} is an animated GIF; it is kept as it is, because re-encoding would "
                "spoil the animation, so its crop is not applied. Crop it in an image editor "
                "that keeps animations."
            ).format(name=name)
        )
    if len(kept) > ANIMATION_SIZE_LIMIT:
        warnings.append(
            _(
                "{name} is an animated GIF of {size} MB; it is kept as it is, because "
                "re-encoding would spoil the animation, but it will load slowly. Make a "
                "shorter or smaller animation (under {limit} MB)."
            ).format(
                name=name,
                size=ui_number(len(kept) / 1e6, 1),
                limit=ANIMATION_SIZE_LIMIT // 1_000_000,
            )
        )
    if width > max_width:
        warnings.append(
            _(
                "{name} is an animated GIF {width} pixels wide, more than the {max_width} "
                "pixels its place needs; it is kept as it is, because re-encoding would spoil "
                "the animation. Resize it to {max_width} pixels wide in an image editor."
            ).format(name=name, width=width, max_width=max_width)
        )
    return ProcessedImage(kept, "GIF", "gif", width, height, tuple(warnings))


def _strip_gif_metadata(data: bytes) -> bytes:
    """``data`` without comment blocks and application blocks other than looping (XMP, ICC).

    The frames are copied byte for byte. A GIF whose block structure cannot be followed is
    returned unchanged.
    """
    try:
        kept = _gif_blocks_without_metadata(data)
    except (IndexError, ValueError):
        return data
    return data if kept == data else kept


def _gif_blocks_without_metadata(data: bytes) -> bytes:
    flags = data[10]
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    out = bytearray(data[:position])
    while True:
        introducer = data[position]
        if introducer == 0x3B:  # trailer
            out.append(0x3B)
            return bytes(out)
        if introducer == 0x21:  # extension: label, then data sub-blocks
            label = data[position + 1]
            end = _skip_sub_blocks(data, position + 2)
            application = data[position + 3 : position + 14]
            comment = label == 0xFE
            foreign_application = label == 0xFF and application not in _GIF_KEPT_APPLICATIONS
            if not (comment or foreign_application):
                out += data[position:end]
            position = end
        elif introducer == 0x2C:  # image: descriptor, local colour table, LZW data
            flags = data[position + 9]
            end = position + 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
            end = _skip_sub_blocks(data, end)
            out += data[position:end]
            position = end
        else:
            raise ValueError(f"unknown GIF block 0x{introducer:02x}")


def _skip_sub_blocks(data: bytes, position: int) -> int:
    """The position after the sub-block chain starting at ``position``."""
    while (size := data[position]) != 0:  # IndexError when the chain runs past the end
        position += size + 1
    return position + 1


# --- batches -------------------------------------------------------------------------------
