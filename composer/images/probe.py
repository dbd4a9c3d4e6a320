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
from composer.images.memory import BUDGET, MEMORY_BUDGET, conversion_cost
from composer.images.spec import EMAIL_MAX_WIDTH, OutputSpec

#: Largest picture accepted, in pixels: the largest camera photos (102 megapixels, medium
#: format) pass; a header that claims more is refused before anything is decoded, as a
#: decompression bomb would be. Pictures that are not JPEGs are decoded in full, so most of
#: them meet the memory budget (``MEMORY_BUDGET``) well before this.
MAX_PIXELS: Final = 110_000_000
#: The most times a picture may be as tall as it is wide. An email shows a picture at its
#: slot's width, so a taller strip stays an endless strip (a wider one only becomes a line).
MAX_TALL: Final = 20
# Pillow warns of a decompression bomb above its own limit (and refuses above twice that). At
# ours, it warns only of pictures that ``open_image`` refuses before Pillow opens them.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
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

    A file whose pixels are damaged may pass; ``verify`` finds that out.

    Args:
        data: the file's content.
        name: the file's name, used in error messages.

    Raises:
        ImageError: the data is not an image this program accepts, or is too large.
    """
    canvas = webp_canvas(data)
    # Pillow's WebP reader allocates its canvases as it opens the file: the budget covers them.
    cost = 0 if canvas is None else conversion_cost("WEBP", canvas[0], "RGBA", canvas[1], None)
    with BUDGET.reserved(cost):
        image, fmt = open_image(data, name)
        with image:
            return read_info(image, fmt, name)


def read_info(image: ImageFile.ImageFile, fmt: str, name: str) -> ImageInfo:
    """What the header of ``image``, opened by ``open_image``, tells; no pixels are decoded.

    Raises:
        ImageError: the header is damaged.
    """
    try:
        exif = header_exif(image)
        width, height = oriented_size(image.size, exif_orientation(exif))
        return ImageInfo(fmt, width, height, _has_gps(image, exif), is_animated(image, fmt))
    except Exception as exc:  # Pillow's parsers raise anything on a damaged header
        raise damaged(name) from exc


def open_image(data: bytes, name: str) -> tuple[ImageFile.ImageFile, str]:
    """Open ``data`` lazily (header only) and refuse anything we will not decode.

    Refused: what is not a JPEG, PNG, GIF or WebP picture, and pictures larger than
    MAX_PIXELS, taller than MAX_TALL times their width, or that would need more memory than
    MEMORY_BUDGET to be made into the widest email image. All of this is told by the header,
    and the same whatever is asked of the picture afterwards.

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
    _refuse_declared(data, name)
    try:
        image = Image.open(io.BytesIO(data), formats=_OPENERS)
    except Image.DecompressionBombError as exc:
        raise _too_large(name, None) from exc
    except UnidentifiedImageError:
        raise _unrecognised(data, name) from None
    except Exception as exc:  # a damaged header makes Pillow's parsers raise almost anything
        raise damaged(name) from exc
    assert image.format is not None  # set by every plugin that opened the file
    fmt = _ACCEPTED[image.format]
    try:
        _refuse_size(image, fmt, name)
    except BaseException:
        image.close()
        raise
    return image, fmt


def _refuse_declared(data: bytes, name: str) -> None:
    """Refuse what the header declares too large, before Pillow reads it.

    Pillow warns of decompression bombs as it opens them, and its WebP reader allocates the
    picture's canvases: neither should happen for a picture that is refused anyway.
    """
    size = declared_size(data)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        raise _too_large(name, size)
    canvas = webp_canvas(data)
    if canvas is not None:
        (width, height), alpha = canvas
        mode = "RGBA" if alpha else "RGB"
        target = OutputSpec(EMAIL_MAX_WIDTH).fit((width, height))
        cost = conversion_cost("WEBP", (width, height), mode, alpha, target)
        if cost > MEMORY_BUDGET:
            raise _too_costly(name, "WEBP", (width, height), cost)


def _refuse_size(image: ImageFile.ImageFile, fmt: str, name: str) -> None:
    """Refuse a picture too large or too costly to decode, or too tall to show."""
    width, height = image.size
    if width < 1 or height < 1:
        raise damaged(name)
    if width * height > MAX_PIXELS:
        raise _too_large(name, (width, height))
    orientation = exif_orientation(header_exif(image))
    shown_width, shown_height = oriented_size(image.size, orientation)
    if shown_height > MAX_TALL * shown_width:
        raise _too_tall(name, (shown_width, shown_height))
    # Judged at the widest email image, so that a picture export takes is taken in every
    # place of every theme; narrower places only ever need less.
    target = OutputSpec(EMAIL_MAX_WIDTH).fit((shown_width, shown_height))
    alpha = image.has_transparency_data
    cost = conversion_cost(fmt, image.size, image.mode, alpha, oriented_size(target, orientation))
    if cost > MEMORY_BUDGET:
        raise _too_costly(name, fmt, (shown_width, shown_height), cost)


def declared_size(data: bytes) -> tuple[int, int] | None:
    """The width and height the header of a PNG, GIF, WebP or JPEG file declares.

    Read without Pillow, only to refuse what is too large before Pillow opens it: None when
    the header cannot be read this way (Pillow's reading then decides).
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith((b"GIF87a", b"GIF89a")) and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    canvas = webp_canvas(data)
    if canvas is not None:
        return canvas[0]
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def webp_canvas(data: bytes) -> tuple[tuple[int, int], bool] | None:
    """The canvas size of a WebP file and whether it has an alpha channel; None if not WebP."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP" or len(data) < 30:
        return None
    chunk = data[12:16]
    if chunk == b"VP8X":  # extended: flags, then the canvas size less one, 24 bits each
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
        return (width, height), bool(data[20] & 0x10)
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":  # lossy: 14 bits each
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        height = int.from_bytes(data[28:30], "little") & 0x3FFF
        return (width, height), False
    if chunk == b"VP8L" and data[20] == 0x2F:  # lossless: 14 bits each less one, alpha hint
        bits = int.from_bytes(data[21:25], "little")
        return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1), bool(bits >> 28 & 1)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in a JPEG's start-of-frame segment, found by walking the segments before it."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # a fill byte before the marker
            position += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a segment
            position += 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # SOF0 to SOF15
            if position + 9 > len(data):
                return None
            height = int.from_bytes(data[position + 5 : position + 7], "big")
            width = int.from_bytes(data[position + 7 : position + 9], "big")
            return width, height
        if marker == 0xDA:  # start of scan without a frame before it
            return None
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return None


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
            width=ui_number(width),
            height=ui_number(height),
            megapixels=ui_number(width * height / 1e6),
            limit=limit,
        )
    return ImageError(message)


def _too_tall(name: str, size: tuple[int, int]) -> ImageError:
    width, height = size
    return ImageError(
        _(
            "{name} is {width} × {height} pixels: {ratio} times as tall as it is wide, more "
            "than the {limit} times a picture in an email can be. Crop it in an image editor, "
            "or cut it into several pictures, and add it again."
        ).format(
            name=name,
            width=ui_number(width),
            height=ui_number(height),
            ratio=ui_number(height / width),
            limit=MAX_TALL,
        )
    )


def _too_costly(name: str, fmt: str, size: tuple[int, int], cost: int) -> ImageError:
    width, height = size
    values = {
        "name": name,
        "width": ui_number(width),
        "height": ui_number(height),
        "megapixels": ui_number(width * height / 1e6, 1),
        "format": fmt if fmt != "WEBP" else "WebP",
        "needed": ui_number(cost / 1e6),
        "limit": ui_number(MEMORY_BUDGET / 1e6),
    }
    if fmt == "JPEG":
        message = _(
            "{name} is {width} × {height} pixels ({megapixels} megapixels); preparing it "
            "would take about {needed} MB of memory, more than the {limit} MB this program "
            "allows for one picture. Make it smaller in an image editor and add it again."
        )
    else:
        message = _(
            "{name} is {width} × {height} pixels ({megapixels} megapixels); preparing a "
            "{format} picture this large would take about {needed} MB of memory, more than "
            "the {limit} MB this program allows for one picture. Save it as JPEG (photos), "
            "or make it smaller, in an image editor and add it again."
        )
    return ImageError(message.format(**values))


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
