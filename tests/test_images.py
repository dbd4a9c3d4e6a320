"""Tests of the image pipeline, on real files made with Pillow."""

from __future__ import annotations

import concurrent.futures
import gzip
import io
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, JpegImagePlugin

from composer import images
from composer.errors import ComposerError, ExportCancelled
from composer.images import (
    MAX_PIXELS,
    ImageCache,
    ImageError,
    ProcessedImage,
    default_cache_folder,
    probe,
    process,
    process_many,
)

RED = (255, 0, 0)
GREEN = (0, 255, 0)
BLUE = (0, 0, 255)
YELLOW = (255, 255, 0)

# --- making test files ---------------------------------------------------------------------


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


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def _gamma(gamma: float) -> bytes:
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
    curve = _gamma(2.2)
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


# --- orientation, size, metadata -----------------------------------------------------------

# What to do to an upright picture so that the EXIF orientation undoes it.
UNDO: dict[int, Image.Transpose | None] = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


@pytest.mark.parametrize("orientation", sorted(UNDO))
def test_exif_orientation_comes_out_upright(orientation: int) -> None:
    upright = quadrants(64, 96)
    undo = UNDO[orientation]
    stored = upright if undo is None else upright.transpose(undo)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    data = encode(stored, "JPEG", quality=95, exif=exif)

    assert (probe(data).width, probe(data).height) == (64, 96)
    result = process(data, 1200)
    assert (result.width, result.height) == (64, 96)
    assert_quadrants(decode(result.data))


def test_rotated_photo_is_decoded_small_and_comes_out_upright(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Stored landscape 2400 × 1600, shown portrait 1600 × 2400: for a 400-pixel width,
    # libjpeg can decode at a quarter of the stored size, 600 × 400, before the rotation.
    stored = quadrants(1600, 2400).transpose(Image.Transpose.ROTATE_90)
    data = encode(stored, "JPEG", quality=90, exif=exif_with_gps(orientation=6))
    decoded_sizes = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def spy(
        image: JpegImagePlugin.JpegImageFile, mode: str | None, size: tuple[int, int] | None
    ) -> object:
        result = draft(image, mode, size)
        decoded_sizes.append(image.size)
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)

    result = process(data, 400)

    assert decoded_sizes == [(600, 400)]
    assert (result.width, result.height) == (400, 600)
    output = decode(result.data)
    assert output.size == (400, 600)
    assert_quadrants(output)


def test_gps_and_all_other_metadata_are_removed() -> None:
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>63,49N</exif:GPSLatitude>'
    xmp += b"</x:xmpmeta>"
    data = encode(
        quadrants(300, 200),
        "JPEG",
        exif=exif_with_gps(),
        xmp=xmp,
        comment=b"Taken at home",
        icc_profile=SWAPPED_PROFILE,
    )
    assert probe(data).has_gps

    result = process(data, 1200)

    output = decode(result.data)
    assert len(output.getexif()) == 0
    assert not {"exif", "xmp", "comment", "icc_profile"} & set(output.info)
    assert set(jpeg_markers(result.data)) <= {0xDB, 0xC2, 0xC4, 0xDA, 0xE0}  # no APP1–15, COM
    assert b"Exif" not in result.data
    assert b"Taken at home" not in result.data
    assert not probe(result.data).has_gps


def test_png_metadata_is_removed() -> None:
    info = {"exif": exif_with_gps().tobytes(), "icc_profile": SWAPPED_PROFILE}
    data = encode(Image.new("RGBA", (20, 20), (9, 9, 9, 128)), "PNG", **info)
    assert probe(data).has_gps

    result = process(data, 1200)

    assert set(png_chunks(result.data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


def test_large_photo_is_capped_and_small_one_not_enlarged() -> None:
    large = process(encode(noisy(3000, 1000), "JPEG"), 1200)
    small = process(encode(noisy(300, 200), "JPEG"), 1200)

    assert (large.width, large.height) == (1200, 400)
    assert decode(large.data).size == (1200, 400)
    assert (small.width, small.height) == (300, 200)
    assert decode(small.data).size == (300, 200)


def test_output_jpeg_is_progressive_whatever_the_input() -> None:
    baseline = encode(noisy(200, 100), "JPEG")
    progressive = encode(noisy(200, 100), "JPEG", progressive=True)
    assert 0xC2 not in jpeg_markers(baseline)

    for data in (baseline, progressive):
        result = process(data, 1200)
        assert result.format == "JPEG"
        assert result.extension == "jpg"
        assert 0xC2 in jpeg_markers(result.data)  # SOF2: progressive DCT
        assert decode(result.data).info.get("progressive")


def test_probe_reads_header_only() -> None:
    data = encode(quadrants(64, 32), "JPEG", exif=exif_with_gps(orientation=8))

    info = probe(data, "IMG_5383.JPG")

    assert info == images.ImageInfo("JPEG", 32, 64, has_gps=True, animated=False)
    # A 24-megapixel header passes without any pixel being there to decode.
    assert probe(png_with_size(6000, 4000)).width == 6000


# --- colour and transparency ---------------------------------------------------------------


def test_transparent_png_stays_png_with_alpha() -> None:
    picture = Image.new("RGBA", (2400, 100), (0, 0, 0, 0))
    picture.paste((200, 30, 30, 255), (1200, 0, 2400, 100))

    result = process(encode(picture, "PNG"), 1200)

    assert (result.format, result.extension) == ("PNG", "png")
    output = decode(result.data).convert("RGBA")
    assert output.size == (1200, 50)
    assert output.getpixel((100, 25)) == (0, 0, 0, 0)
    assert_colour(output.getpixel((1100, 25)), (200, 30, 30, 255))


def test_palette_png_with_transparency_keeps_it() -> None:
    picture = Image.new("P", (40, 40), 0)
    picture.putpalette([255, 255, 255, 200, 0, 0])
    picture.paste(1, (20, 0, 40, 40))

    result = process(encode(picture, "PNG", transparency=0), 600)

    output = decode(result.data).convert("RGBA")
    assert result.format == "PNG"
    assert output.getpixel((5, 5)) == (255, 255, 255, 0)
    assert output.getpixel((30, 5)) == (200, 0, 0, 255)


def test_few_colour_png_stays_an_exact_palette_png() -> None:
    logo = quadrants(120, 60)

    result = process(encode(logo, "PNG"), 600)

    output = decode(result.data)
    assert result.format == "PNG"
    assert output.mode == "P"
    assert output.convert("RGB").tobytes() == logo.tobytes()


def test_photo_saved_as_png_becomes_jpeg() -> None:
    result = process(encode(noisy(300, 200), "PNG"), 1200)

    assert result.format == "JPEG"


def test_embedded_icc_profile_is_converted_to_srgb() -> None:
    stored_red = Image.new("RGB", (40, 40), RED)
    for fmt in ("PNG", "JPEG"):
        data = encode(stored_red, fmt, icc_profile=SWAPPED_PROFILE)

        result = process(data, 1200)

        output = decode(result.data)
        assert "icc_profile" not in output.info
        assert_colour(output.convert("RGB").getpixel((20, 20)), GREEN, tolerance=20)


def test_grey_image_with_linear_grey_profile_is_converted() -> None:
    # Linear light 50 % grey is 188 in sRGB's gamma-encoded values.
    linear = icc_profile(b"GRAY", "Linear grey", [(b"kTRC", _gamma(1.0))])
    grey = Image.new("LA", (40, 40), (128, 255))
    grey.paste((128, 0), (0, 0, 20, 40))

    result = process(encode(grey, "PNG", icc_profile=linear), 1200)

    output = decode(result.data).convert("LA")
    assert output.getpixel((30, 20)) == (188, 255)
    assert output.getpixel((10, 20)) == (188, 0)


def test_srgb_profile_changes_nothing() -> None:
    srgb = matrix_profile(SRGB_RED, SRGB_GREEN, SRGB_BLUE, "sRGB built by hand")
    data = encode(Image.new("RGB", (40, 40), (180, 60, 20)), "PNG", icc_profile=srgb)

    assert decode(process(data, 1200).data).convert("RGB").getpixel((5, 5)) == (180, 60, 20)


def test_unusable_icc_profile_costs_a_warning_not_the_picture() -> None:
    data = encode(Image.new("RGB", (40, 40), RED), "PNG", icc_profile=b"not a profile")

    result = process(data, 1200, "logo.png")

    assert len(result.warnings) == 1
    assert "logo.png" in result.warnings[0]
    assert_colour(decode(result.data).convert("RGB").getpixel((5, 5)), RED)


def test_cmyk_jpeg_becomes_rgb() -> None:
    data = encode(Image.new("CMYK", (40, 40), (0, 255, 255, 0)), "JPEG", quality=95)

    result = process(data, 1200)

    output = decode(result.data)
    assert output.mode == "RGB"
    assert_colour(output.getpixel((20, 20)), RED, tolerance=20)


def test_sixteen_bit_grey_is_scaled_not_clipped() -> None:
    grey = Image.new("I;16", (30, 30), 32768)

    result = process(encode(grey, "PNG"), 1200)

    assert decode(result.data).convert("L").getpixel((10, 10)) in (127, 128)


# --- animations ----------------------------------------------------------------------------


def test_small_animated_gif_is_kept_byte_for_byte() -> None:
    data = animated_gif()
    assert probe(data).animated

    result = process(data, 1200)

    assert result == ProcessedImage(data, "GIF", "gif", 40, 30, ())


def test_wide_or_heavy_animated_gif_is_kept_with_warnings() -> None:
    wide = animated_gif(size=(800, 20))
    frames = [
        Image.frombytes("L", (400, 400), random.Random(n).randbytes(160_000)) for n in range(8)
    ]
    heavy = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], loop=0)
    assert len(heavy) > images.ANIMATION_SIZE_LIMIT

    wide_result = process(wide, 600, "wave.gif")
    heavy_result = process(heavy, 1200, "clip.gif")

    assert wide_result.data == wide
    assert len(wide_result.warnings) == 1
    assert "800 pixels wide" in wide_result.warnings[0]
    assert "wave.gif" in wide_result.warnings[0]
    assert heavy_result.data == heavy
    assert len(heavy_result.warnings) == 1
    assert "MB" in heavy_result.warnings[0]


def test_gif_comment_and_xmp_are_dropped_but_frames_untouched() -> None:
    original = animated_gif(comment=b"secret comment")
    xmp = b"<x:xmpmeta>GPSLatitude 63,49N</x:xmpmeta>"
    xmp_block = b"!\xff\x0bXMP DataXMP" + bytes([len(xmp)]) + xmp + b"\0"
    with_xmp = original[:-1] + xmp_block + b";"
    assert gif_frames(with_xmp) == gif_frames(original)

    result = process(with_xmp, 1200)

    assert b"secret" not in result.data
    assert b"GPSLatitude" not in result.data
    assert b"NETSCAPE2.0" in result.data  # looping is not metadata
    assert gif_frames(result.data) == gif_frames(original)


def test_animated_webp_keeps_its_first_frame_with_a_warning() -> None:
    frames = [Image.new("RGB", (30, 20), colour) for colour in (RED, BLUE)]
    data = encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], lossless=True)
    assert probe(data) == images.ImageInfo("WEBP", 30, 20, has_gps=False, animated=True)

    result = process(data, 1200, "anim.webp")

    assert result.format in ("JPEG", "PNG")
    assert len(result.warnings) == 1
    assert_colour(decode(result.data).convert("RGB").getpixel((15, 10)), RED)


def test_mpo_camera_file_counts_as_jpeg() -> None:
    pictures = [quadrants(64, 48), Image.new("RGB", (64, 48), BLUE)]
    data = encode(pictures[0], "MPO", save_all=True, append_images=pictures[1:])

    assert probe(data) == images.ImageInfo("JPEG", 64, 48, has_gps=False, animated=False)
    assert_quadrants(decode(process(data, 1200).data))


# --- refusals ------------------------------------------------------------------------------


def svg() -> bytes:
    return b'\xef\xbb\xbf<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>'


REFUSALS: dict[str, tuple[Callable[[], bytes], str]] = {
    "bomb": (lambda: png_with_size(30000, 30000), "megapixels"),
    "svg": (svg, "Gmail and Outlook do not display SVG"),
    "text": (lambda: b"<!DOCTYPE html><html><body>Not found</body></html>\n", "contains text"),
    "truncated": (
        lambda: encode(noisy(300, 300), "JPEG", quality=95)[:20_000],
        "is incomplete",
    ),
    "damaged": (
        lambda: encode(noisy(64, 64), "PNG").replace(b"IDAT", b"IDAT\xff\xff\xff\xff", 1),
        "is damaged",
    ),
    "bmp": (lambda: encode(Image.new("RGB", (4, 4)), "BMP"), "in the BMP format"),
    "heic": (lambda: b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + bytes(64), "HEIC"),
    "garbage": (lambda: bytes(range(256)) * 4, "not a picture"),
    "empty": (lambda: b"", "is empty"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusals_name_the_file_and_say_why(case: str) -> None:
    make, expected = REFUSALS[case]
    data = make()

    with pytest.raises(ImageError) as caught:
        process(data, 1200, "IMG_5383.jpg")

    message = str(caught.value)
    assert expected in message
    assert message.startswith("IMG_5383.jpg ")
    assert message.endswith(".")
    assert isinstance(caught.value, ComposerError)


def test_each_refusal_has_its_own_message() -> None:
    messages = set()
    for make, _expected in REFUSALS.values():
        with pytest.raises(ImageError) as caught:
            process(make(), 1200, "photo.jpg")
        messages.add(str(caught.value))

    assert len(messages) == len(REFUSALS)


def test_bomb_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    # 8000 × 8000 is under Pillow's own limit, so only our check stands in the way.
    data = png_with_size(8000, 8000)
    assert MAX_PIXELS < 8000 * 8000

    def no_decoding(*_args: object) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    for read in (probe, lambda d: process(d, 1200)):
        with pytest.raises(ImageError, match="8000 × 8000 pixels"):
            read(data)


def test_svgz_and_probe_refuse_too() -> None:
    with pytest.raises(ImageError, match="SVG"):
        probe(gzip.compress(svg()), "drawing.svgz")
    with pytest.raises(ImageError, match="HEIC"):
        probe(REFUSALS["heic"][0]())


# --- arbitrary input -----------------------------------------------------------------------

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


@HYPOTHESIS
@given(ANY_BYTES)
def test_probe_returns_or_raises_image_error(data: bytes) -> None:
    try:
        info = probe(data, "x")
    except ImageError:
        return
    assert info.format in ("JPEG", "PNG", "GIF", "WEBP")
    assert info.width * info.height <= MAX_PIXELS


@HYPOTHESIS
@given(ANY_BYTES)
def test_process_returns_or_raises_image_error(data: bytes) -> None:
    try:
        result = process(data, 16, "x")
    except ImageError:
        return
    assert result.format in ("JPEG", "PNG", "GIF")
    assert result.format == "GIF" or result.width <= 16


# --- cache ---------------------------------------------------------------------------------


def forbid_processing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the image was processed again")

    monkeypatch.setattr(images, "_process_uncached", fail)
    monkeypatch.setattr(Image, "open", fail)


def test_cache_answers_without_pillow_and_survives_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = encode(noisy(400, 300), "JPEG")
    cache = ImageCache(tmp_path / "cache")
    first = process(data, 200, cache=cache)
    forbid_processing(monkeypatch)

    again = process(data, 200, cache=cache)
    after_restart = process(data, 200, cache=ImageCache(tmp_path / "cache"))

    assert again == first
    assert after_restart == first
    assert after_restart.data == first.data


def test_cache_keys_depend_on_width_content_and_pipeline() -> None:
    key = ImageCache.key(b"abc", 1200)

    assert key != ImageCache.key(b"abc", 600)
    assert key != ImageCache.key(b"abd", 1200)
    assert key.endswith(f"-v{images.PIPELINE_VERSION}")


def test_damaged_cache_entry_is_ignored(tmp_path: Path) -> None:
    data = encode(noisy(40, 30), "JPEG")
    processed = process(data, 1200, cache=ImageCache(tmp_path))
    (entry,) = tmp_path.rglob("*.img")
    entry.write_bytes(entry.read_bytes()[:-10])

    fresh = ImageCache(tmp_path)
    assert fresh.get(data, 1200) is None
    assert process(data, 1200, cache=fresh) == processed


def test_memory_limit_falls_back_to_disk(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, memory_limit=1)
    first, second = (encode(noisy(40, 30, seed), "JPEG") for seed in (1, 2))
    cache.put(first, 100, process(first, 100))
    cache.put(second, 100, process(second, 100))

    assert cache.get(first, 100) == process(first, 100)


def test_unwritable_cache_folder_is_only_a_missed_shortcut(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    data = encode(noisy(40, 30), "JPEG")

    result = process(data, 100, cache=ImageCache(blocker / "cache"))

    assert result.format == "JPEG"


def test_default_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_folder() == tmp_path / "newsletter-composer" / "images"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    assert default_cache_folder() == Path.home() / ".cache" / "newsletter-composer" / "images"


# --- batches -------------------------------------------------------------------------------


def batch(count: int) -> list[tuple[bytes, int, str]]:
    return [
        (encode(noisy(300 + 10 * n, 200, n), "JPEG"), 200 + n, f"photo{n}.jpg")
        for n in range(count)
    ]


def test_process_many_keeps_order_and_reports_progress() -> None:
    items = batch(4)
    calls: list[tuple[int, int, str]] = []

    results = process_many(items, progress=lambda *call: calls.append(call))

    assert [result.width for result in results] == [200, 201, 202, 203]
    assert [(step, total) for step, total, _message in calls] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert {message for _step, _total, message in calls} == {
        f"Prepared photo{n}.jpg" for n in range(4)
    }


def test_process_many_stops_when_cancelled() -> None:
    calls: list[tuple[int, int, str]] = []

    with pytest.raises(ExportCancelled):
        process_many(
            batch(5), progress=lambda *call: calls.append(call), cancelled=lambda: bool(calls)
        )

    assert len(calls) == 1


def test_process_many_cancelled_before_start_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_processing(monkeypatch)

    with pytest.raises(ExportCancelled):
        process_many(batch(3), cancelled=lambda: True)


def test_process_many_reports_the_image_that_fails() -> None:
    items = [*batch(2), (b"plain text", 100, "notes.jpg")]

    with pytest.raises(ImageError, match=r"notes\.jpg contains text"):
        process_many(items)


def test_cache_hits_never_reach_the_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = batch(3)
    cache = ImageCache(tmp_path)
    for data, width, name in items:
        cache.put(data, width, process(data, width, name))
    forbid_processing(monkeypatch)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", None)

    results = process_many(items, cache=cache)

    assert [result.width for result in results] == [200, 201, 202]


def test_single_image_is_processed_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", None)

    (result,) = process_many(batch(1))

    assert result.width == 200


def test_duplicates_are_processed_once_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    processed: list[str] = []
    real = images._process_uncached

    def counting(data: bytes, max_width: int, name: str) -> ProcessedImage:
        processed.append(name)
        return real(data, max_width, name)

    monkeypatch.setattr(images, "_process_uncached", counting)
    (first, second) = batch(2)
    cache = ImageCache(tmp_path)
    with concurrent.futures.ThreadPoolExecutor(2) as threads:
        results = process_many([first, second, first], cache=cache, executor=threads)

    assert sorted(processed) == ["photo0.jpg", "photo1.jpg"]
    assert results[0] == results[2]
    assert cache.get(second[0], second[1]) == results[1]


def test_empty_batch_and_bad_width() -> None:
    assert process_many([]) == []
    with pytest.raises(ValueError, match="max_width"):
        process(encode(noisy(4, 4), "JPEG"), 0)
    with pytest.raises(ValueError, match="max_width"):
        process_many([(b"", -1, "x")])


class ImmediateExecutor(concurrent.futures.Executor):
    """Runs each call as it is submitted: a deterministic stand-in for a pool."""

    def submit(  # type: ignore[override]
        self, fn: Callable[..., ProcessedImage], /, *args: object
    ) -> concurrent.futures.Future[ProcessedImage]:
        future: concurrent.futures.Future[ProcessedImage] = concurrent.futures.Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


def test_images_done_before_a_refusal_are_cached(tmp_path: Path) -> None:
    good, other = batch(2)
    cache = ImageCache(tmp_path)

    with pytest.raises(ImageError, match="notes"):
        process_many(
            [good, other, (b"plain text", 100, "notes")], cache=cache, executor=ImmediateExecutor()
        )

    assert cache.get(good[0], good[1]) is not None
    assert cache.get(other[0], other[1]) is not None
