"""Image pipeline: camera photos in, small upright metadata-free email images out (pure Pillow)."""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import hashlib
import io
import json
import logging
import os
import tempfile
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Generator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from PIL import ExifTags, Image, ImageCms, ImageFile, UnidentifiedImageError

from composer.errors import ComposerError, ExportCancelled
from composer.i18n import N_, ui_number
from composer.i18n import ui_message as _
from composer.package_data import user_cache_folder

__all__ = [
    "MAX_PIXELS",
    "PIPELINE_VERSION",
    "ImageCache",
    "ImageError",
    "ImageInfo",
    "ProcessedImage",
    "default_cache_folder",
    "probe",
    "process",
    "process_many",
]

_LOG = logging.getLogger(__name__)

#: Largest picture accepted, in pixels. A 24-megapixel camera photo passes; a header that
#: claims more is refused before anything is decoded, as a decompression bomb would be.
MAX_PIXELS: Final = 60_000_000
#: Part of every cache key: raise it whenever the output for the same input changes.
PIPELINE_VERSION: Final = 1
#: JPEG quality of the output; at twice the display width, 80 is indistinguishable from 95.
JPEG_QUALITY: Final = 80
#: Animated GIFs are never re-encoded; above this size the user is warned instead.
ANIMATION_SIZE_LIMIT: Final = 1_000_000

# Pillow's format names we accept, mapped to ours. Cameras that add a second, preview
# picture (MPF) produce files Pillow calls "MPO"; they are ordinary JPEGs to everyone else.
_ACCEPTED: Final = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WEBP"}
_OPENERS: Final = ("JPEG", "PNG", "GIF", "WEBP")  # Pillow's JPEG opener also reads MPO
_MAGIC: Final = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
_HEIF_BRANDS: Final = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_ORIENTATION_TAG: Final = ExifTags.Base.Orientation
# What undoes each EXIF orientation (the table ImageOps.exif_transpose uses).
_TRANSPOSE: Final = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_GIF_KEPT_APPLICATIONS: Final = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
_ACCEPTED_NAMES: Final = N_("a JPEG, PNG, GIF or WebP file")


class ImageError(ComposerError):
    """An image cannot be used; the message names the file and says what to do."""


@dataclass(frozen=True)
class ImageInfo:
    """What a quick read of an image's header tells, without decoding its pixels.

    Attributes:
        format: "JPEG", "PNG", "GIF" or "WEBP".
        width: width in pixels as the picture is shown, i.e. after its EXIF orientation.
        height: height in pixels as the picture is shown.
        has_gps: the file records where it was taken.
        animated: the file holds more than one frame (GIF, WebP, APNG).
    """

    format: str
    width: int
    height: int
    has_gps: bool
    animated: bool


@dataclass(frozen=True)
class ProcessedImage:
    """An image ready to be sent: upright, sRGB, at most the requested width, no metadata.

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


# --- reading -------------------------------------------------------------------------------


def probe(data: bytes, name: str = "image") -> ImageInfo:
    """Read an image's header: format, upright size, GPS and animation; no pixels are decoded.

    A file whose pixels are damaged may pass; ``process`` finds that out.

    Args:
        data: the file's content.
        name: the file's name, used in error messages.

    Raises:
        ImageError: the data is not an image this program accepts, or is too large.
    """
    image, fmt = _open(data, name)
    with image:
        try:
            exif = _header_exif(image)
            width, height = _oriented_size(image.size, _orientation(exif))
            return ImageInfo(fmt, width, height, _has_gps(image, exif), _is_animated(image, fmt))
        except Exception as exc:  # Pillow's parsers raise anything on a damaged header
            raise _damaged(name) from exc


def _open(data: bytes, name: str) -> tuple[ImageFile.ImageFile, str]:
    """Open ``data`` lazily (header only) and refuse anything we will not decode.

    Returns:
        The opened image and our name for its format.
    """
    if not data:
        raise ImageError(
            _("{name} is empty (0 bytes). Choose the picture again.").format(name=name)
        )
    if _looks_like_svg(data):
        raise ImageError(
            _(
                "{name} is an SVG drawing; email clients such as Gmail and Outlook do not "
                "display SVG images. Export it as PNG or JPEG and add that file instead."
            ).format(name=name)
        )
    try:
        image = Image.open(io.BytesIO(data), formats=_OPENERS)
    except Image.DecompressionBombError as exc:
        raise _too_large(name, None) from exc
    except UnidentifiedImageError:
        raise _unrecognised(data, name) from None
    except Exception as exc:  # a damaged header makes Pillow's parsers raise almost anything
        raise _damaged(name) from exc
    width, height = image.size
    if width < 1 or height < 1:
        image.close()
        raise _damaged(name)
    if width * height > MAX_PIXELS:
        image.close()
        raise _too_large(name, (width, height))
    assert image.format is not None  # set by every plugin that opened the file
    return image, _ACCEPTED[image.format]


def _looks_like_svg(data: bytes) -> bool:
    """Whether ``data`` is an SVG drawing, plain or gzip-compressed (``.svgz``)."""
    head = data[:4096]
    if head.startswith(b"\x1f\x8b"):
        try:
            # max_length bounds the work: a gzip bomb cannot make this expand much.
            head = zlib.decompressobj(wbits=31).decompress(data[:65536], 4096)
        except zlib.error:
            return False
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") and b"<svg" in head.lower()


def _unrecognised(data: bytes, name: str) -> ImageError:
    """The most helpful refusal for data none of the accepted formats' readers took."""
    if data.startswith(_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return _damaged(name)
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return ImageError(
            _(
                "{name} is a HEIC photo (the format iPhones use by default), which email clients "
                "cannot show. Export it as JPEG (on the iPhone: Settings › Camera › Formats › "
                "Most Compatible) and add it again."
            ).format(name=name)
        )
    other = _other_format(data)
    if other is not None:
        return ImageError(
            _(
                "{name} is in the {format} format, which email clients do not all show. Save it "
                "as JPEG (for photos) or PNG (for logos and drawings) and add it again."
            ).format(name=name, format=other)
        )
    if _looks_like_text(data):
        return ImageError(
            _(
                "{name} contains text, not a picture (perhaps a web page or document saved "
                "under an image's name). Choose {accepted}."
            ).format(name=name, accepted=_(_ACCEPTED_NAMES))
        )
    return ImageError(
        _("{name} is not a picture this program can read. Choose {accepted}.").format(
            name=name, accepted=_(_ACCEPTED_NAMES)
        )
    )


def _other_format(data: bytes) -> str | None:
    """The name of a format Pillow knows but we refuse (TIFF, BMP, AVIF…), read from the header."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.format
    except Exception:  # any failure only means we cannot name the format
        return None


def _looks_like_text(data: bytes) -> bool:
    sample = data[:2048].decode("utf-8", errors="replace")
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f")
    return controls == 0 and sample.count("\ufffd") <= 3


def _too_large(name: str, size: tuple[int, int] | None) -> ImageError:
    limit = MAX_PIXELS // 1_000_000
    if size is None:
        message = _(
            "{name} claims to be larger than the {limit} megapixels this program accepts; a "
            "file like this can exhaust the computer's memory. Reduce it in an image editor "
            "and add it again."
        ).format(name=name, limit=limit)
    else:
        width, height = size
        message = _(
            "{name} is {width} × {height} pixels ({megapixels} megapixels), more than the "
            "{limit} megapixels this program accepts; a file like this can exhaust the "
            "computer's memory. Reduce it in an image editor and add it again."
        ).format(
            name=name,
            width=width,
            height=height,
            megapixels=ui_number(width * height / 1e6),
            limit=limit,
        )
    return ImageError(message)


def _damaged(name: str) -> ImageError:
    return ImageError(
        _(
            "{name} could not be read because the file is damaged. Check that it opens in an "
            "image viewer, or export it again as JPEG or PNG."
        ).format(name=name)
    )


def _truncated(name: str) -> ImageError:
    return ImageError(
        _(
            "{name} is incomplete: the file ends before the picture does (it may not have "
            "finished copying or downloading). Copy it again from the camera or its source."
        ).format(name=name)
    )


def _header_exif(image: Image.Image) -> Image.Exif:
    """The EXIF found in the header, never decoding pixels to look for more."""
    if image.format == "PNG" and "exif" not in image.info:
        # PngImageFile.getexif() decodes the whole image to look for an eXIf chunk placed
        # after the pixels; writers put it before them, so a header read can skip that.
        return Image.Exif()
    try:
        return image.getexif()
    except Exception:  # damaged EXIF must not cost the user the photo
        return Image.Exif()


def _orientation(exif: Image.Exif) -> int:
    value = exif.get(_ORIENTATION_TAG, 1)
    return value if isinstance(value, int) and value in _TRANSPOSE else 1


def _oriented_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """``size`` as shown: orientations 5–8 turn the picture a quarter."""
    width, height = size
    return (height, width) if orientation >= 5 else (width, height)


def _has_gps(image: Image.Image, exif: Image.Exif) -> bool:
    if ExifTags.IFD.GPSInfo in exif:
        return True
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", errors="replace")
    return isinstance(xmp, bytes) and b"GPSLatitude" in xmp


def _is_animated(image: Image.Image, fmt: str) -> bool:
    # MPO files report several frames too, but the second one is a preview, not motion.
    if fmt not in ("GIF", "WEBP", "PNG"):
        return False
    try:
        return bool(getattr(image, "is_animated", False))
    except Exception:  # a damaged second frame: the first one may still be fine
        return False


# --- processing ----------------------------------------------------------------------------


def process(
    data: bytes, max_width: int, name: str = "image", cache: ImageCache | None = None
) -> ProcessedImage:
    """Make an image ready for email: upright, sRGB, at most ``max_width`` wide, no metadata.

    Photos become progressive JPEGs; images with transparency or few colours become PNGs;
    animated GIFs are kept as they are (only their comment and XMP blocks are dropped).

    Args:
        data: the original file's content.
        max_width: the widest the result may be: twice the display width, for retina screens.
        name: the file's name, used in messages.
        cache: where earlier results are kept; None to always process.

    Raises:
        ImageError: the image cannot be used; the message says why and what to do.
    """
    _check_width(max_width)
    if cache is None:
        return _process_uncached(data, max_width, name)
    key = ImageCache.key(data, max_width)
    result = cache.lookup(key)
    if result is None:
        result = _process_uncached(data, max_width, name)
        cache.store(key, result)
    return result


def _check_width(max_width: int) -> None:
    if max_width < 1:  # a caller's mistake, not the user's: no ImageError
        raise ValueError(f"max_width must be positive, not {max_width}")


def _process_uncached(data: bytes, max_width: int, name: str) -> ProcessedImage:
    """The pipeline itself; a top-level function so that worker processes can run it."""
    image, fmt = _open(data, name)
    warnings: list[str] = []
    with image:  # closing the image frees its decoded pixels, the largest buffer by far
        animated = _is_animated(image, fmt)
        if animated and fmt == "GIF":
            return _keep_animation(data, image.size, max_width, name)
        if animated:
            warnings.append(
                _(
                    "{name} is animated, but email clients such as Outlook cannot show an "
                    "animated {format}; only its first frame is used. Save the animation as a "
                    "GIF to keep it moving."
                ).format(name=name, format=fmt)
            )
        orientation = _decode(image, fmt, max_width, name)
        icc = image.info.get("icc_profile")
        picture = _normalise_mode(image)
        target = _fit(_oriented_size(image.size, orientation), max_width)
        stored_target = _oriented_size(target, orientation)
        if picture.size != stored_target:
            # reducing_gap: when shrinking more than sixfold, reduce by an integer factor
            # first (fast, box filter), then Lanczos; indistinguishable from Lanczos alone.
            picture = picture.resize(stored_target, Image.Resampling.LANCZOS, reducing_gap=3.0)
        elif picture is image:
            picture = image.copy()  # small, since it needed no resizing; outlives the file
    if orientation in _TRANSPOSE:
        picture = picture.transpose(_TRANSPOSE[orientation])
    picture = _to_srgb(picture, icc, name, warnings)
    return _encode(picture, fmt in ("PNG", "GIF"), tuple(warnings))


def _decode(image: ImageFile.ImageFile, fmt: str, max_width: int, name: str) -> int:
    """Decode the pixels, JPEGs only as finely as ``max_width`` needs.

    Returns:
        The image's EXIF orientation (1 to 8).
    """
    try:
        orientation = 1
        if fmt == "JPEG":
            orientation = _orientation(_header_exif(image))
            shown = _oriented_size(image.size, orientation)
            target = _fit(shown, max_width)
            if target != shown:
                # Draft mode makes libjpeg scale by 1/2, 1/4 or 1/8 while decoding, never
                # below the size asked for: a 24-megapixel photo is never decoded in full.
                image.draft("RGB", _oriented_size(target, orientation))
        image.load()
        if fmt != "JPEG":
            # Only now for PNG: its eXIf chunk may follow the pixels.
            orientation = _orientation(_loaded_exif(image))
    except OSError as exc:
        # Pillow reports a file that ends early as "image file is truncated"; we never set
        # ImageFile.LOAD_TRUNCATED_IMAGES, which would pass half a photo off as whole.
        raise (_truncated(name) if "truncated" in str(exc) else _damaged(name)) from exc
    except Exception as exc:  # decoders of damaged data raise anything
        raise _damaged(name) from exc
    return orientation


def _loaded_exif(image: Image.Image) -> Image.Exif:
    try:
        return image.getexif()
    except Exception:  # damaged EXIF must not cost the user the photo
        return Image.Exif()


def _fit(size: tuple[int, int], max_width: int) -> tuple[int, int]:
    """``size`` scaled down to ``max_width``, never up."""
    width, height = size
    if width <= max_width:
        return size
    return max_width, max(1, round(height * max_width / width))


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


def _encode(image: Image.Image, lossless_source: bool, warnings: tuple[str, ...]) -> ProcessedImage:
    """Encode without any metadata: JPEG for photos, PNG for transparency and few colours."""
    # Pillow's writers copy a comment or an ICC profile from ``info``: empty it.
    image.info = {}
    if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert(image.mode[:-1])  # an alpha channel nothing shows through
    if image.mode in ("RGBA", "LA"):
        return _png(image, warnings)
    if not lossless_source:
        return _jpeg(image, warnings)
    palette = _exact_palette(image)
    if palette is not None:
        return _png(palette, warnings)
    # A screenshot or drawing saved as PNG stays PNG when that costs little: JPEG would blur
    # its text and lines. A photo saved as PNG is several times larger as PNG.
    jpeg, png = _jpeg(image, warnings), _png(image, warnings)
    return png if len(png.data) <= 1.5 * len(jpeg.data) else jpeg


def _exact_palette(image: Image.Image) -> Image.Image | None:
    """``image`` as a palette image when 256 colours hold it exactly (logos, charts)."""
    if image.mode != "RGB" or image.getcolors(256) is None:
        return None
    # Median cut keeps every colour when there are no more than asked for; check anyway.
    palette = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    return palette if palette.convert("RGB").tobytes() == image.tobytes() else None


def _jpeg(image: Image.Image, warnings: tuple[str, ...]) -> ProcessedImage:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ProcessedImage(buffer.getvalue(), "JPEG", "jpg", image.width, image.height, warnings)


def _png(image: Image.Image, warnings: tuple[str, ...]) -> ProcessedImage:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ProcessedImage(buffer.getvalue(), "PNG", "png", image.width, image.height, warnings)


def _keep_animation(
    data: bytes, size: tuple[int, int], max_width: int, name: str
) -> ProcessedImage:
    """An animated GIF as it is: re-encoding animations loses colours or grows the file."""
    kept = _strip_gif_metadata(data)
    width, height = size
    warnings = []
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


def process_many(
    items: Sequence[tuple[bytes, int, str]],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    cache: ImageCache | None = None,
    *,
    executor: concurrent.futures.Executor | None = None,
) -> list[ProcessedImage]:
    """Process several images, in parallel threads when more than one needs the work.

    Cached images are answered at once and never reach the worker processes; the same
    image asked for twice at one width is processed once. Workers start as soon as a second
    image is known to need them, while the rest of the batch is still being looked up.

    Args:
        items: (data, max_width, name) per image, as for ``process``.
        progress: called with (images done, images in all, message) after each image.
        cancelled: polled between images and while waiting; True stops the batch.
        cache: where earlier results are kept and new ones are stored; None for none.
        executor: runs the work instead of a process pool created for this call, so that a
            long-lived program can keep its workers warm; the caller shuts it down.

    Returns:
        One ProcessedImage per item, in the order of ``items``.

    Raises:
        ImageError: an image cannot be used (the first one found); the batch stops.
        ExportCancelled: ``cancelled()`` returned True; work not started is dropped.
    """
    for _data, max_width, _name in items:
        _check_width(max_width)
    batch = _Batch(items, progress, cancelled)
    batch.check_cancelled()
    todo: dict[str, list[int]] = {}  # one entry per distinct (data, width): the items it serves
    keys = _keys(items, cache is not None)
    try:
        with _Runner(batch, executor) as runner, contextlib.closing(keys):
            for index, key in enumerate(keys):
                hit = cache.lookup(key) if cache is not None else None
                if hit is not None:
                    batch.finish(index, hit)
                elif key in todo:
                    todo[key].append(index)
                else:
                    todo[key] = [index]
                    runner.add(todo[key])
                batch.check_cancelled()
            runner.finish()
    finally:
        # Also after a cancel or a refused image: the work done is not lost.
        if cache is not None:
            for key, indexes in todo.items():
                result = batch.peek(indexes[0])
                if result is not None:
                    cache.store(key, result)
    return [batch.result(index) for index in range(len(items))]


class _Batch:
    """Results of a batch as they arrive, with its progress and cancel callbacks."""

    def __init__(
        self,
        items: Sequence[tuple[bytes, int, str]],
        progress: Callable[[int, int, str], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.items = items
        self._progress = progress
        self._cancelled = cancelled
        self._results: list[ProcessedImage | None] = [None] * len(items)
        self._done = 0

    def check_cancelled(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled(_("Image processing was cancelled; no image was changed."))

    def finish(self, index: int, result: ProcessedImage) -> None:
        self._results[index] = result
        self._done += 1
        if self._progress is not None:
            name = self.items[index][2]
            self._progress(self._done, len(self.items), _("Prepared {name}").format(name=name))

    def peek(self, index: int) -> ProcessedImage | None:
        return self._results[index]

    def result(self, index: int) -> ProcessedImage:
        result = self._results[index]
        assert result is not None, "every item is finished before results are read"
        return result


def _keys(items: Sequence[tuple[bytes, int, str]], hashed: bool) -> Generator[str, None, None]:
    """Cache keys of ``items`` in order, or just their positions when there is no cache."""
    if not hashed:
        yield from (str(index) for index in range(len(items)))
        return
    # Hashed in threads, since hashlib lets go of the GIL: 20 camera photos are 240 MB.
    workers = min(len(items), os.cpu_count() or 1) or 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as threads:
        yield from threads.map(lambda item: ImageCache.key(item[0], item[1]), items)


class _Runner:
    """Processes a batch's distinct uncached images: one in this process, more in a pool.

    Use as a context manager: leaving it early cancels what has not started.
    """

    def __init__(self, batch: _Batch, executor: concurrent.futures.Executor | None) -> None:
        self._batch = batch
        self._executor = executor
        self._parallel = executor is not None or (os.cpu_count() or 1) > 1
        self._own_pool: concurrent.futures.ThreadPoolExecutor | None = None
        self._queued: list[list[int]] = []  # images seen before a second one justified a pool
        self._futures: dict[concurrent.futures.Future[ProcessedImage], list[int]] = {}
        self._succeeded = False

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *_exc: object) -> None:
        if not self._succeeded:
            for future in self._futures:
                future.cancel()
        if self._own_pool is not None:
            # Wait for the workers only after success (they are idle then); after a cancel
            # or an error, the one image each is busy with is not worth waiting for.
            self._own_pool.shutdown(wait=self._succeeded, cancel_futures=True)

    def add(self, indexes: list[int]) -> None:
        """Process the image of ``indexes`` (identical items) now or in ``finish()``."""
        self._queued.append(indexes)
        if self._parallel and len(self._queued) + len(self._futures) > 1:
            pool = self._pool()
            for queued in self._queued:
                data, max_width, name = self._batch.items[queued[0]]
                self._futures[pool.submit(_process_uncached, data, max_width, name)] = queued
            self._queued.clear()

    def finish(self) -> None:
        """Wait for every image added, reporting each to the batch as it is done."""
        for indexes in self._queued:
            self._batch.check_cancelled()
            data, max_width, name = self._batch.items[indexes[0]]
            result = _process_uncached(data, max_width, name)
            for index in indexes:
                self._batch.finish(index, result)
        waiting = set(self._futures)
        while waiting:
            # The timeout lets a cancel be noticed while the workers are still busy.
            done, waiting = concurrent.futures.wait(
                waiting, timeout=0.1, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for future in sorted(done, key=lambda f: self._futures[f][0]):
                indexes = self._futures[future]
                result = _future_result(future, self._batch.items[indexes[0]][2])
                for index in indexes:
                    self._batch.finish(index, result)
                self._batch.check_cancelled()
            self._batch.check_cancelled()
        self._succeeded = True

    def _pool(self) -> concurrent.futures.Executor:
        if self._executor is not None:
            return self._executor
        if self._own_pool is None:
            # Threads, not processes: Pillow releases the GIL while it decodes, resizes and
            # encodes, so threads use every core too. Measured on 20 camera photos (2 cores):
            # threads 3.4 s and 343 MB peak; a spawned process pool 4.2 s and 540 MB, since
            # each worker imports Python anew and 240 MB of photos must be pickled to them.
            self._own_pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=os.cpu_count() or 1, thread_name_prefix="images"
            )
        return self._own_pool


def _future_result(future: concurrent.futures.Future[ProcessedImage], name: str) -> ProcessedImage:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise ImageError(
            _(
                "The helper process preparing {name} stopped unexpectedly. Try again; if it "
                "happens again, remove that image or export it again as JPEG or PNG."
            ).format(name=name)
        ) from exc


# --- cache ---------------------------------------------------------------------------------


def default_cache_folder() -> Path:
    """Where processed images are cached for this user, following the platform's custom."""
    return user_cache_folder("images")


class ImageCache:
    """Processed images by content, in memory and in a folder on disk.

    Keys are the SHA-256 of the original file, the width asked for and PIPELINE_VERSION, so a
    changed photo, another width or a changed pipeline never meets a stale entry. The cache
    is only a shortcut: an entry that cannot be written or read back intact is ignored.

    Args:
        folder: where entries are kept on disk; None for ``default_cache_folder()``.
        memory_limit: bytes of processed images kept in memory (least recently used go).
    """

    def __init__(self, folder: Path | str | None = None, memory_limit: int = 64_000_000) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_folder()
        self._memory_limit = memory_limit
        self._memory: OrderedDict[str, ProcessedImage] = OrderedDict()
        self._memory_bytes = 0
        self._lock = threading.Lock()  # the GUI may look up from its worker thread

    @staticmethod
    def key(data: bytes, max_width: int) -> str:
        """The key of ``data`` processed for ``max_width``."""
        return f"{hashlib.sha256(data).hexdigest()}-w{max_width}-v{PIPELINE_VERSION}"

    def get(self, data: bytes, max_width: int) -> ProcessedImage | None:
        """The cached result of processing ``data`` for ``max_width``, if any."""
        return self.lookup(self.key(data, max_width))

    def put(self, data: bytes, max_width: int, image: ProcessedImage) -> None:
        """Remember ``image`` as the result of processing ``data`` for ``max_width``."""
        self.store(self.key(data, max_width), image)

    def lookup(self, key: str) -> ProcessedImage | None:
        """The entry under ``key`` (see ``key()``), from memory or else from disk."""
        with self._lock:
            image = self._memory.get(key)
            if image is not None:
                self._memory.move_to_end(key)
                return image
        image = self._read(key)
        if image is not None:
            self._remember(key, image)
        return image

    def store(self, key: str, image: ProcessedImage) -> None:
        """Keep ``image`` under ``key`` (see ``key()``), in memory and on disk."""
        self._remember(key, image)
        self._write(key, image)

    def _remember(self, key: str, image: ProcessedImage) -> None:
        with self._lock:
            previous = self._memory.pop(key, None)
            if previous is not None:
                self._memory_bytes -= len(previous.data)
            self._memory[key] = image
            self._memory_bytes += len(image.data)
            while self._memory_bytes > self._memory_limit and len(self._memory) > 1:
                _old_key, old = self._memory.popitem(last=False)
                self._memory_bytes -= len(old.data)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.img"

    def _write(self, key: str, image: ProcessedImage) -> None:
        header = {
            "format": image.format,
            "extension": image.extension,
            "width": image.width,
            "height": image.height,
            "warnings": list(image.warnings),
            "size": len(image.data),
            "sha256": hashlib.sha256(image.data).hexdigest(),
        }
        path = self._path(key)
        partial: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written beside the entry and renamed into place: a reader never sees half.
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as f:
                partial = Path(f.name)
                f.write(json.dumps(header).encode() + b"\n" + image.data)
            os.replace(partial, path)
        except OSError as exc:
            _LOG.warning("could not write image cache entry %s: %s", path, exc)
            if partial is not None:
                partial.unlink(missing_ok=True)

    def _read(self, key: str) -> ProcessedImage | None:
        path = self._path(key)
        try:
            content = path.read_bytes()
        except OSError:
            return None
        try:
            line, data = content.split(b"\n", 1)
            header = json.loads(line)
            image = ProcessedImage(
                data,
                _string(header["format"]),
                _string(header["extension"]),
                _integer(header["width"]),
                _integer(header["height"]),
                _strings(header["warnings"]),
            )
            if len(data) != header["size"] or hashlib.sha256(data).hexdigest() != header["sha256"]:
                raise ValueError("content does not match its header")
        except (ValueError, KeyError, TypeError) as exc:
            _LOG.warning("ignoring damaged image cache entry %s: %s", path, exc)
            return None
        return image


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {value!r}")
    return value


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {value!r}")
    return tuple(_string(item) for item in value)


def _integer(value: object) -> int:
    if not isinstance(value, int):
        raise TypeError(f"expected an integer, found {value!r}")
    return value
