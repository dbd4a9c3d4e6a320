"""Reading a picture's header: its format, upright size, GPS and animation, or why it is refused."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import Final

from PIL import ExifTags, Image, ImageFile, UnidentifiedImageError

from composer.errors import ComposerError
from composer.i18n import N_, ui_number
from composer.i18n import ui_message as _

#: Largest picture accepted, in pixels. A 24-megapixel camera photo passes; a header that
#: claims more is refused before anything is decoded, as a decompression bomb would be.
MAX_PIXELS: Final = 60_000_000
# Pillow's format names we accept, mapped to ours. Cameras that add a second, preview
# picture (MPF) produce files Pillow calls "MPO"; they are ordinary JPEGs to everyone else.
_ACCEPTED: Final = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WEBP"}
_OPENERS: Final = ("JPEG", "PNG", "GIF", "WEBP")  # Pillow's JPEG opener also reads MPO
_MAGIC: Final = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
_HEIF_BRANDS: Final = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_ORIENTATION_TAG: Final = ExifTags.Base.Orientation
#: What undoes each EXIF orientation (the table ImageOps.exif_transpose uses).
TRANSPOSE: Final = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
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


def probe(data: bytes, name: str = "image") -> ImageInfo:
    """Read an image's header: format, upright size, GPS and animation; no pixels are decoded.

    A file whose pixels are damaged may pass; ``process`` finds that out.

    Args:
        data: the file's content.
        name: the file's name, used in error messages.

    Raises:
        ImageError: the data is not an image this program accepts, or is too large.
    """
    image, fmt = open_image(data, name)
    with image:
        try:
            exif = header_exif(image)
            width, height = oriented_size(image.size, exif_orientation(exif))
            return ImageInfo(fmt, width, height, _has_gps(image, exif), is_animated(image, fmt))
        except Exception as exc:  # Pillow's parsers raise anything on a damaged header
            raise damaged(name) from exc


def open_image(data: bytes, name: str) -> tuple[ImageFile.ImageFile, str]:
    """Open ``data`` lazily (header only) and refuse anything we will not decode.

    Args:
        data: the file's content.
        name: the file's name, used in error messages.

    Returns:
        The opened image (the caller closes it) and our name for its format.

    Raises:
        ImageError: the data is not an image this program accepts, or is too large.
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
        raise damaged(name) from exc
    width, height = image.size
    if width < 1 or height < 1:
        image.close()
        raise damaged(name)
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
        return damaged(name)
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


def damaged(name: str) -> ImageError:
    """The refusal of a file whose content cannot be parsed."""
    return ImageError(
        _(
            "{name} could not be read because the file is damaged. Check that it opens in an "
            "image viewer, or export it again as JPEG or PNG."
        ).format(name=name)
    )


def truncated(name: str) -> ImageError:
    """The refusal of a file that ends before its pixels do."""
    return ImageError(
        _(
            "{name} is incomplete: the file ends before the picture does (it may not have "
            "finished copying or downloading). Copy it again from the camera or its source."
        ).format(name=name)
    )


def header_exif(image: Image.Image) -> Image.Exif:
    """The EXIF found in the header, never decoding pixels to look for more."""
    if image.format == "PNG" and "exif" not in image.info:
        # PngImageFile.getexif() decodes the whole image to look for an eXIf chunk placed
        # after the pixels; writers put it before them, so a header read can skip that.
        return Image.Exif()
    try:
        return image.getexif()
    except Exception:  # damaged EXIF must not cost the user the photo
        return Image.Exif()


def exif_orientation(exif: Image.Exif) -> int:
    """The EXIF orientation (1 to 8); 1, upright, when it is missing or makes no sense."""
    value = exif.get(_ORIENTATION_TAG, 1)
    return value if isinstance(value, int) and value in TRANSPOSE else 1


def oriented_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
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


def is_animated(image: Image.Image, fmt: str) -> bool:
    """Whether ``image`` (of our format ``fmt``) holds more than one frame to be shown."""
    # MPO files report several frames too, but the second one is a preview, not motion.
    if fmt not in ("GIF", "WEBP", "PNG"):
        return False
    try:
        return bool(getattr(image, "is_animated", False))
    except Exception:  # a damaged second frame: the first one may still be fine
        return False
