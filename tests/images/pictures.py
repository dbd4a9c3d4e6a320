"""Test pictures made with Pillow, and checks on what the pipeline makes of them."""

from __future__ import annotations

import io
import random
import struct
import zlib

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

RED = (255, 0, 0)
GREEN = (0, 255, 0)
BLUE = (0, 0, 255)
YELLOW = (255, 255, 0)


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def quadrants(width: int, height: int) -> Image.Image:
    """A picture that tells every rotation and mirroring apart: four coloured quarters."""
    picture = Image.new("RGB", (width, height))
    half_w, half_h = width // 2, height // 2
    picture.paste(RED, (0, 0, half_w, half_h))
    picture.paste(GREEN, (half_w, 0, width, half_h))
    picture.paste(BLUE, (0, half_h, half_w, height))
    picture.paste(YELLOW, (half_w, half_h, width, height))
    return picture


def assert_quadrants(picture: Image.Image) -> None:
    rgb = picture.convert("RGB")
    width, height = rgb.size
    for (x, y), expected in {
        (width // 4, height // 4): RED,
        (3 * width // 4, height // 4): GREEN,
        (width // 4, 3 * height // 4): BLUE,
        (3 * width // 4, 3 * height // 4): YELLOW,
    }.items():
        assert_colour(rgb.getpixel((x, y)), expected)


def assert_colour(actual: object, expected: tuple[int, ...], tolerance: int = 12) -> None:
    assert isinstance(actual, tuple)
    assert len(actual) == len(expected)
    assert all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True)), (
        f"{actual} is not {expected}"
    )


def noisy(width: int, height: int, seed: int = 1) -> Image.Image:
    """Noise compresses badly, so a truncated file really is missing pixels."""
    data = random.Random(seed).randbytes(width * height * 3)
    return Image.frombytes("RGB", (width, height), data)


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (63.0, 49.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (20.0, 15.0, 45.0)
    return exif


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG's segments up to the start of its scan."""
    assert data[:2] == b"\xff\xd8"
    markers, position = [], 2
    while True:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return markers
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length


def png_chunks(data: bytes) -> list[bytes]:
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunks.append(data[position + 4 : position + 8])
        position += 12 + length
    return chunks


def png_with_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height``, with a valid header checksum."""
    data = bytearray(encode(Image.new("RGB", (1, 1)), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(data[12:29]))
    return bytes(data)


def jpeg_with_size(width: int, height: int) -> bytes:
    """A tiny JPEG whose frame header claims ``width`` × ``height``."""
    data = bytearray(encode(quadrants(16, 16), "JPEG"))
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_with_size(width: int, height: int, **options: object) -> bytes:
    """A tiny WebP (lossy, or lossless or with alpha) that claims ``width`` × ``height``."""
    mode = "RGBA" if options.pop("alpha", False) else "RGB"
    data = bytearray(encode(Image.new(mode, (16, 8), (1, 2, 3, 4)[: len(mode)]), "WEBP", **options))
    chunk = bytes(data[12:16])
    if chunk == b"VP8X":
        data[24:30] = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    elif chunk == b"VP8 ":
        data[26:30] = struct.pack("<HH", width, height)
    else:
        bits = int.from_bytes(data[21:25], "little") & ~0xFFFFFFF
        data[21:25] = (bits | (width - 1) | (height - 1) << 14).to_bytes(4, "little")
    return bytes(data)


def strip_png(width: int, height: int) -> bytes:
    """A 1-bit PNG of ``width`` × ``height``, whole: compresses a thousandfold."""
    rows = (b"\x00" + bytes((width + 7) // 8)) * height
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)

    def chunk(kind: bytes, content: bytes) -> bytes:
        return (
            struct.pack(">I", len(content))
            + kind
            + content
            + struct.pack(">I", zlib.crc32(kind + content))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def gamma_curve(gamma: float) -> bytes:
    return b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"


def icc_profile(space: bytes, description: str, tags: list[tuple[bytes, bytes]]) -> bytes:
    """A minimal ICC v2 display profile of colour ``space`` with ``tags`` (and desc, wtpt)."""
    text = description.encode() + b"\0"
    tags = [
        (b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + bytes(8 + 3 + 67)),
        (b"wtpt", _xyz(0.9642, 1.0, 0.8249)),
        (b"cprt", b"text\0\0\0\0No copyright.\0"),
        *tags,
    ]
    table, body = struct.pack(">I", len(tags)), b""
    start = 128 + 4 + 12 * len(tags)
    for signature, content in tags:
        table += signature + struct.pack(">II", start + len(body), len(content))
        body += content + bytes(-len(content) % 4)
    header = (
        struct.pack(">I", start + len(body))
        + bytes(4)
        + struct.pack(">I", 0x02100000)
        + b"mntr"
        + space
        + b"XYZ "
        + bytes(12)
        + b"acsp"
        + bytes(28)
        + _s15(0.9642)
        + _s15(1.0)
        + _s15(0.8249)
        + bytes(48)
    )
    assert len(header) == 128
    return header + table + body


def matrix_profile(
    red: tuple[float, float, float],
    green: tuple[float, float, float],
    blue: tuple[float, float, float],
    description: str,
) -> bytes:
    """An RGB matrix/TRC profile (gamma 2.2) with the given colorants."""
    curve = gamma_curve(2.2)
    colorants = [(b"rXYZ", _xyz(*red)), (b"gXYZ", _xyz(*green)), (b"bXYZ", _xyz(*blue))]
    curves = [(b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    return icc_profile(b"RGB ", description, colorants + curves)


# sRGB's colorants (adapted to D50); the test profile swaps red and green, so a pixel stored
# as pure red means pure sRGB green: a conversion that did nothing cannot pass unnoticed.
SRGB_RED = (0.4360747, 0.2225045, 0.0139322)
SRGB_GREEN = (0.3850649, 0.7168786, 0.0971045)
SRGB_BLUE = (0.1430804, 0.0606169, 0.7141733)
SWAPPED_PROFILE = matrix_profile(SRGB_GREEN, SRGB_RED, SRGB_BLUE, "Red and green swapped")


def animated_gif(size: tuple[int, int] = (40, 30), frames: int = 3, **options: object) -> bytes:
    pictures = [Image.new("RGB", size, colour) for colour in (RED, GREEN, BLUE, YELLOW)]
    sequence = [pictures[i % 4].convert("P") for i in range(frames)]
    return encode(
        sequence[0],
        "GIF",
        save_all=True,
        append_images=sequence[1:],
        duration=100,
        loop=0,
        **options,
    )


def gif_frames(data: bytes) -> list[bytes]:
    with Image.open(io.BytesIO(data)) as image:
        frames = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frames.append(image.convert("RGB").tobytes())
        return frames


SEEDS = [
    encode(quadrants(24, 16), "JPEG", exif=exif_with_gps(orientation=6)),
    encode(Image.new("RGBA", (12, 8), (1, 2, 3, 4)), "PNG", icc_profile=SWAPPED_PROFILE),
    animated_gif(size=(10, 6), frames=2),
    encode(quadrants(16, 8), "WEBP"),
]


@st.composite
def damaged_images(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


ANY_BYTES = st.one_of(st.binary(max_size=600), damaged_images())
HYPOTHESIS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
