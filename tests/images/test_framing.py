"""Tests of crops and focal points: what the pipeline cuts, and what the layout expects."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pictures import (
    BLUE,
    GREEN,
    HYPOTHESIS,
    RED,
    YELLOW,
    assert_colour,
    decode,
    encode,
    exif_with_gps,
    quadrants,
)
from PIL import Image

from composer.images import (
    FULL_WIDTH_FROM,
    TALLEST,
    WHOLE,
    Framing,
    ImageCache,
    OutputSpec,
    automatic_crop,
    convert,
    process,
)
from composer.model import MIN_CROP, THEMES, Crop, FocalPoint, ImageRef, ImageStore
from composer.render import StoreResolver, theme

#: The transposition that stores an upright picture under each EXIF orientation.
STORED_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
TOP_RIGHT = Crop(left=0.5, top=0.0, width=0.5, height=0.5)


def photo(width: int, height: int, orientation: int = 1, fmt: str = "PNG") -> bytes:
    """Quadrants that look ``width`` × ``height`` upright, stored turned by ``orientation``."""
    upright = quadrants(width, height)
    turn = STORED_AS[orientation]
    stored = upright if turn is None else upright.transpose(turn)
    if fmt == "JPEG":
        return encode(stored, "JPEG", quality=95, exif=exif_with_gps(orientation))
    return encode(stored, fmt)


def test_a_crop_of_one_quadrant_gives_its_size_and_colour() -> None:
    result = convert(photo(400, 300), OutputSpec(1200, framing=Framing(crop=TOP_RIGHT)))
    assert (result.width, result.height) == (200, 150)
    picture = decode(result.data).convert("RGB")
    assert picture.size == (200, 150)
    for point in ((5, 5), (100, 75), (194, 144)):
        assert_colour(picture.getpixel(point), GREEN)


def test_a_crop_is_scaled_to_the_width_asked_for() -> None:
    bottom_left = Crop(left=0.0, top=0.5, width=0.5, height=0.5)
    result = convert(photo(2400, 1600), OutputSpec(600, framing=Framing(crop=bottom_left)))
    assert (result.width, result.height) == (600, 400)
    assert_colour(decode(result.data).convert("RGB").getpixel((300, 200)), BLUE)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_the_crop_is_of_the_upright_picture_whatever_the_exif_turn(orientation: int) -> None:
    data = photo(400, 300, orientation, "JPEG")
    result = convert(data, OutputSpec(1200, framing=Framing(crop=TOP_RIGHT)))
    assert (result.width, result.height) == (200, 150)
    picture = decode(result.data)
    assert not picture.getexif()
    assert b"GPS" not in result.data
    assert_colour(picture.convert("RGB").getpixel((100, 75)), GREEN, tolerance=20)


def test_a_large_jpeg_is_decoded_only_as_finely_as_the_crop_needs() -> None:
    # The bottom-right quarter of a 4000-pixel photo, made 600 wide: a quarter of the
    # decoded picture must still be 600 wide, so it is decoded at half size, not an eighth.
    data = encode(quadrants(4000, 3000), "JPEG", quality=90)
    bottom_right = Crop(left=0.5, top=0.5, width=0.5, height=0.5)
    result = convert(data, OutputSpec(600, framing=Framing(crop=bottom_right)))
    assert (result.width, result.height) == (600, 450)
    assert_colour(decode(result.data).convert("RGB").getpixel((300, 225)), YELLOW)


def test_a_portrait_in_a_full_width_slot_is_cut_to_four_by_five_around_its_centre() -> None:
    ref = ImageRef(sha256="0" * 64, extension="png")
    framing = Framing.of(ref, 600)
    result = convert(photo(600, 900), OutputSpec(1200, framing=framing))
    assert (result.width, result.height) == (600, 750)
    picture = decode(result.data).convert("RGB")
    # 75 pixels are cut from the top and from the bottom: the middle line stays in the middle.
    assert_colour(picture.getpixel((150, 370)), RED)
    assert_colour(picture.getpixel((150, 380)), BLUE)


def test_the_automatic_crop_follows_the_focal_point_as_far_as_the_picture_goes() -> None:
    ref = ImageRef(sha256="0" * 64, extension="png", focus=FocalPoint(x=0.5, y=0.05))
    result = convert(photo(600, 900), OutputSpec(1200, framing=Framing.of(ref, 600)))
    assert (result.width, result.height) == (600, 750)
    picture = decode(result.data).convert("RGB")
    # Kept from the very top: the colours change 450 pixels down, as in the original.
    assert_colour(picture.getpixel((150, 445)), RED)
    assert_colour(picture.getpixel((150, 455)), BLUE)


def test_the_users_crop_wins_over_the_automatic_one() -> None:
    tall = Crop(left=0.0, top=0.0, width=1.0, height=1.0)
    ref = ImageRef(sha256="0" * 64, extension="png", crop=tall)
    result = convert(photo(600, 900), OutputSpec(1200, framing=Framing.of(ref, 600)))
    assert (result.width, result.height) == (600, 900)  # "whole picture", chosen


@pytest.mark.parametrize("size", [(600, 400), (600, 750), (100, 100)])
def test_landscape_square_and_four_by_five_pictures_are_not_cropped(size: tuple[int, int]) -> None:
    assert automatic_crop(size, None, TALLEST) is None


@pytest.mark.parametrize("name", THEMES)
def test_only_the_full_width_slots_of_each_theme_crop_automatically(name: str) -> None:
    variables = theme(name)
    assert variables.slot_width("article") >= FULL_WIDTH_FROM
    assert variables.slot_width("image") >= FULL_WIDTH_FROM
    portrait = ImageRef(sha256="0" * 64, extension="png")
    for kind in ("logo", "contact"):
        framing = Framing.of(portrait, variables.slot_width(kind))
        assert framing == WHOLE
        assert framing.shown_size((300, 900)) == (300, 900)


def test_cache_keys_tell_crops_and_focal_points_apart() -> None:
    whole = ImageCache.key(b"abc", 1200)
    cropped = ImageCache.key(b"abc", 1200, Framing(crop=TOP_RIGHT))
    other = ImageCache.key(b"abc", 1200, Framing(crop=TOP_RIGHT.model_copy(update={"left": 0.4})))
    focused = ImageCache.key(b"abc", 1200, Framing(focus=FocalPoint(x=0.5, y=0.2), tallest=TALLEST))
    assert whole == ImageCache.key(b"abc", 1200, WHOLE)  # the keys of before, for uncropped
    assert len({whole, cropped, other, focused}) == 4
    assert all(key.replace("-", "").isalnum() for key in (cropped, other, focused))


def test_the_cache_serves_each_crop_its_own_picture(tmp_path: object) -> None:
    cache = ImageCache(str(tmp_path))
    data = photo(400, 300)
    right = process(data, 1200, cache=cache, framing=Framing(crop=TOP_RIGHT))
    left = process(
        data, 1200, cache=cache, framing=Framing(crop=TOP_RIGHT.model_copy(update={"left": 0.0}))
    )
    assert_colour(decode(right.data).convert("RGB").getpixel((100, 75)), GREEN)
    assert_colour(decode(left.data).convert("RGB").getpixel((100, 75)), RED)


def test_the_layout_expects_the_size_the_pipeline_makes() -> None:
    store = ImageStore()
    ref = store.add(photo(640, 960, 6, "JPEG"), "jpg").model_copy(
        update={"focus": FocalPoint(x=0.2, y=0.9)}
    )
    resolver = StoreResolver(store, lambda ref, width: "x")
    for width in (96, 160, 512, 600):
        made = process(store.get(ref), width * 2, framing=Framing.of(ref, width))
        shown = resolver(ref, width)
        assert shown.width == min(width, made.width)
        assert shown.height == round(made.height * shown.width / made.width)


fractions = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def crops(draw: st.DrawFn) -> Crop:
    left = draw(st.floats(min_value=0, max_value=0.99))
    top = draw(st.floats(min_value=0, max_value=0.99))
    width = draw(st.floats(min_value=0.01, max_value=1 - left))
    height = draw(st.floats(min_value=0.01, max_value=1 - top))
    return Crop(left=left, top=top, width=width, height=height)


@HYPOTHESIS
@given(
    crop=crops(),
    # From 5 pixels: the pipeline refuses pictures 20 times as tall as wide, crop or not.
    size=st.tuples(st.integers(5, 90), st.integers(5, 90)),
    orientation=st.integers(1, 8),
    max_width=st.integers(1, 120),
)
def test_any_crop_makes_a_picture_of_the_size_the_layout_expects(
    crop: Crop, size: tuple[int, int], orientation: int, max_width: int
) -> None:
    data = photo(*size, orientation=orientation, fmt="JPEG")
    spec = OutputSpec(max_width, framing=Framing(crop=crop))
    result = convert(data, spec)
    expected = spec.fit(spec.framing.shown_size(size))
    assert (result.width, result.height) == expected
    assert decode(result.data).size == expected
    assert 1 <= result.width <= max_width


@HYPOTHESIS
@given(
    size=st.tuples(st.integers(1, 4000), st.integers(1, 4000)),
    focus=st.none() | st.builds(FocalPoint, x=fractions, y=fractions),
    tallest=st.sampled_from([TALLEST, Fraction(1, 1), Fraction(3, 2)]),
)
def test_an_automatic_crop_is_within_the_picture_and_no_taller_than_asked(
    size: tuple[int, int], focus: FocalPoint | None, tallest: Fraction
) -> None:
    crop = automatic_crop(size, focus, tallest)
    width, height = size
    if crop is None:
        assert height <= width * tallest
        return
    assert crop.left == 0 and crop.width == 1
    assert crop.top >= 0 and crop.top + crop.height <= 1 + 1e-9
    shown_width, shown_height = Framing(crop=crop).shown_size(size)
    assert shown_width == width
    assert shown_height <= max(width * tallest, height * MIN_CROP) + 1


def test_the_exports_cache_keys_are_the_image_caches_for_cropped_pictures() -> None:
    from composer import export as export_module

    store = ImageStore()
    ref = store.add(photo(40, 30), "png").model_copy(update={"crop": TOP_RIGHT})
    for framing in (WHOLE, Framing.of(ref, 600), Framing(focus=FocalPoint(x=0, y=1))):
        expected = ImageCache.key(store.get(ref), 1200, framing)
        assert export_module._cache_key(ref, 1200, framing) == expected
