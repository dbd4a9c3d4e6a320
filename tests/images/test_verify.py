"""Tests of verify: a picture is refused before export exactly when export would refuse it."""

from __future__ import annotations

import pytest
from hypothesis import given
from pictures import (
    ANY_BYTES,
    HYPOTHESIS,
    animated_gif,
    encode,
    exif_with_gps,
    noisy,
    quadrants,
)
from PIL import ImageFile

from composer.images import (
    ImageError,
    OutputSpec,
    convert,
    pipeline,
    probe,
    process,
    verify,
)


def refusal(read: object, data: bytes) -> str | None:
    """The sentence ``read(data)`` refuses ``data`` with, or None when it takes it."""
    assert callable(read)
    try:
        read(data)
    except ImageError as exc:
        return str(exc)
    return None


def test_a_usable_picture_gives_what_its_header_says() -> None:
    data = encode(quadrants(64, 32), "JPEG", exif=exif_with_gps(orientation=6))

    assert verify(data, "IMG_5383.JPG") == probe(data, "IMG_5383.JPG")


def test_a_truncated_jpeg_passes_the_header_read_but_not_verify() -> None:
    data = encode(noisy(300, 300), "JPEG", quality=95)[:20_000]
    probe(data, "IMG_5383.jpg")  # the header is whole: this is why checks said "ready"

    with pytest.raises(ImageError) as caught:
        verify(data, "IMG_5383.jpg")

    assert str(caught.value).startswith("IMG_5383.jpg is incomplete: the file ends before")
    assert str(caught.value) == refusal(lambda d: process(d, 1200, "IMG_5383.jpg"), data)


def test_damaged_pixels_are_refused_as_export_refuses_them() -> None:
    data = bytearray(encode(noisy(64, 64), "PNG"))
    start = data.index(b"IDAT") + 40
    data[start : start + 20] = bytes(20)  # the header and the chunk's frame stay intact
    data = bytes(data)

    message = refusal(lambda d: verify(d, "map.png"), data)

    assert message is not None
    assert message == refusal(lambda d: process(d, 1200, "map.png"), data)


def test_an_animated_gif_export_keeps_as_it_is_is_not_refused_when_cut_short() -> None:
    # Export copies an animation byte for byte, never decoding it; verify must not refuse it.
    data = animated_gif(frames=4)[:-30]

    assert refusal(verify, data) is None
    assert refusal(lambda d: process(d, 1200), data) is None


def test_a_jpeg_is_verified_at_an_eighth_of_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[tuple[int, int]] = []
    decode = pipeline._decode

    def recording_decode(image: ImageFile.ImageFile, *args: object) -> int:
        orientation = decode(image, *args)  # type: ignore[arg-type]
        decoded.append(image.size)
        return orientation

    monkeypatch.setattr(pipeline, "_decode", recording_decode)

    verify(encode(noisy(2400, 1600), "JPEG"))

    assert decoded == [(300, 200)]


@HYPOTHESIS
@given(ANY_BYTES)
def test_verify_refuses_exactly_what_export_refuses_with_the_same_sentence(data: bytes) -> None:
    assert refusal(lambda d: verify(d, "x.jpg"), data) == refusal(
        lambda d: convert(d, OutputSpec(1200), "x.jpg"), data
    )
