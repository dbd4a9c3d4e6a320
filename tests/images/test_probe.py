"""Tests of reading headers and of refusing what is not a usable picture."""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Callable

import pytest
from hypothesis import given
from pictures import (
    ANY_BYTES,
    BLUE,
    HYPOTHESIS,
    assert_quadrants,
    decode,
    encode,
    exif_with_gps,
    jpeg_with_size,
    noisy,
    png_with_size,
    quadrants,
    webp_with_size,
)
from PIL import Image

from composer import images
from composer.errors import ComposerError
from composer.images import MAX_PIXELS, ImageError, probe, process, verify
from composer.images.probe import declared_size


def test_probe_reads_header_only() -> None:
    data = encode(quadrants(64, 32), "JPEG", exif=exif_with_gps(orientation=8))

    info = probe(data, "IMG_5383.JPG")

    assert info == images.ImageInfo("JPEG", 32, 64, has_gps=True, animated=False)
    # A 24-megapixel header passes without any pixel being there to decode.
    assert probe(png_with_size(6000, 4000)).width == 6000


def test_mpo_camera_file_counts_as_jpeg() -> None:
    pictures = [quadrants(64, 48), Image.new("RGB", (64, 48), BLUE)]
    data = encode(pictures[0], "MPO", save_all=True, append_images=pictures[1:])

    assert probe(data) == images.ImageInfo("JPEG", 64, 48, has_gps=False, animated=False)
    assert_quadrants(decode(process(data, 1200).data))


# --- refusals ------------------------------------------------------------------------------


def svg() -> bytes:
    return b'\xef\xbb\xbf<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>'


REFUSALS: dict[str, tuple[Callable[[], bytes], str]] = {
    "bomb": (lambda: png_with_size(30000, 30000), "more than the 110 megapixels"),
    "strip": (lambda: png_with_size(1, 59_000_000), "59,000,000 times as tall as it is wide"),
    "costly png": (
        lambda: png_with_size(10000, 10000),
        "(100.0 megapixels); preparing a PNG picture this large would take about",
    ),
    "costly jpeg": (
        lambda: jpeg_with_size(2000, 40000),
        "2,000 × 40,000 pixels (80.0 megapixels); preparing it would take about",
    ),
    "costly webp": (lambda: webp_with_size(5000, 5000), "preparing a WebP picture"),
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
    data = png_with_size(11000, 11000)
    assert MAX_PIXELS < 11000 * 11000

    def no_opening(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Pillow opened the file")

    # Refused from the header alone: Pillow, which warns of bombs as it opens them, never sees it.
    monkeypatch.setattr(Image, "open", no_opening)
    for read in (probe, verify, lambda d: process(d, 1200)):
        with pytest.raises(ImageError, match="11,000 × 11,000 pixels"):
            read(data)


def test_svgz_and_probe_refuse_too() -> None:
    with pytest.raises(ImageError, match="SVG"):
        probe(gzip.compress(svg()), "drawing.svgz")
    with pytest.raises(ImageError, match="HEIC"):
        probe(REFUSALS["heic"][0]())


@HYPOTHESIS
@given(ANY_BYTES)
def test_probe_returns_or_raises_image_error(data: bytes) -> None:
    try:
        info = probe(data, "x")
    except ImageError:
        return
    assert info.format in ("JPEG", "PNG", "GIF", "WEBP")
    assert info.width * info.height <= MAX_PIXELS


@pytest.mark.parametrize("case", ["strip", "costly png", "costly jpeg", "costly webp"])
def test_size_refusals_decode_nothing(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = REFUSALS[case][0]()

    def no_decoding(*_args: object) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    for read in (probe, verify, lambda d: process(d, 1200)):
        with pytest.raises(ImageError, match=re.escape(REFUSALS[case][1])):
            read(data)


def test_a_too_costly_webp_is_refused_before_pillow_allocates_its_canvas(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = webp_with_size(5000, 5000)

    def no_opening(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Pillow opened the file")

    monkeypatch.setattr(Image, "open", no_opening)
    with pytest.raises(ImageError, match="5,000 × 5,000 pixels"):
        probe(data)


@pytest.mark.parametrize(
    "data",
    [
        encode(quadrants(40, 30), "PNG"),
        encode(quadrants(40, 30), "GIF"),
        encode(quadrants(40, 30), "JPEG", progressive=True, exif=exif_with_gps(6)),
        encode(quadrants(40, 30), "WEBP"),
        encode(quadrants(40, 30), "WEBP", lossless=True),
        encode(quadrants(40, 30).convert("RGBA"), "WEBP"),
        encode(quadrants(40, 30), "WEBP", exif=exif_with_gps()),
    ],
    ids=["png", "gif", "jpeg", "webp", "webp-lossless", "webp-alpha", "webp-exif"],
)
def test_the_header_read_before_pillow_agrees_with_pillow(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        assert declared_size(data) == image.size


def test_the_largest_camera_photos_pass() -> None:
    # A 102-megapixel medium-format photo: its JPEG is decoded at an eighth of its size.
    info = probe(jpeg_with_size(11648, 8736))

    assert (info.width, info.height) == (11648, 8736)
