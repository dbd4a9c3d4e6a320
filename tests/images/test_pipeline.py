"""Tests of the image pipeline, on real files made with Pillow."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pictures import (
    ANY_BYTES,
    BLUE,
    GREEN,
    HYPOTHESIS,
    RED,
    SRGB_BLUE,
    SRGB_GREEN,
    SRGB_RED,
    SWAPPED_PROFILE,
    animated_gif,
    assert_colour,
    assert_quadrants,
    decode,
    encode,
    exif_with_gps,
    gamma_curve,
    gif_frames,
    icc_profile,
    jpeg_markers,
    matrix_profile,
    noisy,
    png_chunks,
    quadrants,
)
from PIL import ExifTags, Image, JpegImagePlugin

from composer import images
from composer.images import (
    JPEG_QUALITY,
    ImageError,
    OutputSpec,
    ProcessedImage,
    convert,
    probe,
    process,
)

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


# --- bounds and quality: OutputSpec --------------------------------------------------------


def test_email_spec_is_what_process_makes() -> None:
    data = encode(noisy(1600, 900), "JPEG", exif=exif_with_gps())

    assert convert(data, OutputSpec(1200), "photo.jpg") == process(data, 1200, "photo.jpg")
    assert OutputSpec(1200).jpeg_quality == JPEG_QUALITY


@pytest.mark.parametrize(
    ("stored", "orientation", "expected"),
    [
        ((3000, 2000), 1, (2400, 1600)),  # landscape: the width is the long edge
        ((3000, 2000), 6, (1600, 2400)),  # stored landscape, shown portrait
        ((1000, 4000), 1, (600, 2400)),  # tall: the height is the long edge
        ((2000, 2000), 1, (2000, 2000)),  # within the bound: never enlarged
    ],
)
def test_equal_bounds_limit_the_long_edge_of_the_upright_picture(
    stored: tuple[int, int], orientation: int, expected: tuple[int, int]
) -> None:
    data = encode(quadrants(*stored), "JPEG", exif=exif_with_gps(orientation))

    result = convert(data, OutputSpec(2400, 2400, jpeg_quality=90))

    assert (result.width, result.height) == expected
    assert decode(result.data).size == expected
    assert not probe(result.data).has_gps


def test_jpeg_quality_is_the_one_asked_for() -> None:
    photo = noisy(300, 200)
    data = encode(photo, "JPEG", quality=95)

    for quality in (60, 90):
        result = convert(data, OutputSpec(1200, jpeg_quality=quality))
        # Pillow writes the quantisation tables of the quality it was given.
        expected = decode(encode(photo, "JPEG", quality=quality)).quantization
        assert decode(result.data).quantization == expected


def test_animated_gif_is_kept_whatever_the_spec() -> None:
    data = animated_gif(size=(40, 30))

    result = convert(data, OutputSpec(2400, 2400, jpeg_quality=90))

    assert result == ProcessedImage(data, "GIF", "gif", 40, 30, ())


@pytest.mark.parametrize(
    "arguments", [(0,), (-5,), (100, 0), (100, None, 0), (100, None, 96)], ids=str
)
def test_impossible_spec_is_a_programming_error(arguments: tuple[int | None, ...]) -> None:
    with pytest.raises(ValueError, match="must be"):
        OutputSpec(*arguments)  # type: ignore[arg-type]


@HYPOTHESIS
@given(
    st.tuples(st.integers(1, 20_000), st.integers(1, 20_000)),
    st.integers(1, 5000),
    st.none() | st.integers(1, 5000),
)
def test_fit_stays_within_bounds_keeps_proportions_and_never_enlarges(
    size: tuple[int, int], max_width: int, max_height: int | None
) -> None:
    width, height = size
    fitted_width, fitted_height = OutputSpec(max_width, max_height).fit(size)

    assert fitted_width <= min(width, max_width)
    assert fitted_height <= height
    assert max_height is None or fitted_height <= max_height
    if (fitted_width, fitted_height) != size:
        # One side is at its bound; the other is the proportional size, rounded (or 1).
        assert fitted_width == max_width or fitted_height == max_height
        assert abs(fitted_height * width - fitted_width * height) <= max(width, height)


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
    linear = icc_profile(b"GRAY", "Linear grey", [(b"kTRC", gamma_curve(1.0))])
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


@HYPOTHESIS
@given(ANY_BYTES)
def test_process_returns_or_raises_image_error(data: bytes) -> None:
    try:
        result = process(data, 16, "x")
    except ImageError:
        return
    assert result.format in ("JPEG", "PNG", "GIF")
    assert result.format == "GIF" or result.width <= 16
