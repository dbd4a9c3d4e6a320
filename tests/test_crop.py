"""A picture's crop and focal point in the document: the file, undo, compaction and export."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from composer.compact import compact
from composer.document import Document
from composer.edits import ChangeSettings, ReplaceBlock
from composer.errors import DocumentLoadError
from composer.export import export
from composer.images import ImageCache
from composer.model import (
    SCHEMA_VERSION,
    Bundle,
    Crop,
    FocalPoint,
    ImageBlock,
    ImageStore,
    Newsletter,
    make_block,
)
from composer.storage import document_bytes, load, save

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "north-sweden-2012-11"
RED, GREEN, BLUE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)
TOP_RIGHT = Crop(left=0.5, top=0.0, width=0.5, height=0.5)


def quadrant_png(width: int = 400, height: int = 300) -> bytes:
    picture = Image.new("RGB", (width, height))
    for index, colour in enumerate((RED, GREEN, BLUE, YELLOW)):
        left, top = (index % 2) * width // 2, (index // 2) * height // 2
        picture.paste(colour, (left, top, left + width // 2, top + height // 2))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def cropped_bundle(crop: Crop | None = TOP_RIGHT, focus: FocalPoint | None = None) -> Bundle:
    images = ImageStore()
    ref = images.add(quadrant_png(), "png", "kvadranter.png")
    ref = ref.model_copy(update={"crop": crop, "focus": focus})
    block = make_block("image", id="bild", image=ref, alt="Fyra färger")
    return Bundle(Newsletter(blocks=(block,)), images)


def close(actual: object, expected: tuple[int, int, int], tolerance: int = 12) -> bool:
    assert isinstance(actual, tuple)
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


# --- the file --------------------------------------------------------------------------------


def test_the_crop_and_focal_point_round_trip_through_the_file(tmp_path: Path) -> None:
    bundle = cropped_bundle(focus=FocalPoint(x=0.75, y=0.25))
    save(bundle, tmp_path / "nov.newsletter")
    loaded = load(tmp_path / "nov.newsletter")
    assert loaded.newsletter == bundle.newsletter
    ref = loaded.newsletter.block("bild").image  # type: ignore[attr-defined]
    assert ref.crop == TOP_RIGHT
    assert ref.focus == FocalPoint(x=0.75, y=0.25)
    # The original stays in the file, uncut.
    with zipfile.ZipFile(tmp_path / "nov.newsletter") as archive:
        assert archive.read(f"images/{ref.filename}") == quadrant_png()


def test_an_uncropped_picture_is_written_as_before_and_the_version_is_current() -> None:
    data = json.loads(document_bytes(cropped_bundle(crop=None).newsletter))
    assert data["schema_version"] == SCHEMA_VERSION == 3
    assert set(data["blocks"][0]["image"]) == {"sha256", "extension", "original_name"}


def test_an_old_file_loads_without_crops_and_is_saved_in_the_current_format(
    tmp_path: Path,
) -> None:
    path = tmp_path / "gammal.newsletter"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(SAMPLE.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(SAMPLE).as_posix())
    assert json.loads((SAMPLE / "document.json").read_bytes())["schema_version"] == 1
    bundle = load(path)
    assert all(ref.crop is None and ref.focus is None for ref in bundle.newsletter.image_refs())
    assert json.loads(document_bytes(bundle.newsletter))["schema_version"] == SCHEMA_VERSION


def file_with_crop(tmp_path: Path, crop: object) -> Path:
    bundle = cropped_bundle()
    data = json.loads(document_bytes(bundle.newsletter))
    data["blocks"][0]["image"]["crop"] = crop
    path = tmp_path / "fientlig.newsletter"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("document.json", json.dumps(data))  # json writes NaN as NaN
        ref = bundle.newsletter.image_refs()[0]
        archive.writestr(f"images/{ref.filename}", bundle.images.get(ref))
    return path


@pytest.mark.parametrize(
    ("crop", "message"),
    [
        ({"left": float("nan"), "top": 0, "width": 0.5, "height": 0.5}, "from 0 to 1"),
        ({"left": 0, "top": float("inf"), "width": 0.5, "height": 0.5}, "from 0 to 1"),
        ({"left": -0.1, "top": 0, "width": 0.5, "height": 0.5}, "from 0 to 1"),
        ({"left": 0, "top": 0, "width": 1.5, "height": 0.5}, "from 0 to 1"),
        ({"left": 0.2, "top": 0, "width": 0, "height": 0.5}, "less than the smallest"),
        ({"left": 0.8, "top": 0, "width": 0.5, "height": 0.5}, "beyond the edge"),
        ({"left": 0, "top": 0, "width": 0.5}, "height"),
        ({"left": "0", "top": 0, "width": 0.5, "height": 0.5, "skew": 1}, "skew"),
    ],
)
def test_a_crop_that_makes_no_sense_is_refused_with_a_sentence(
    tmp_path: Path, crop: object, message: str
) -> None:
    with pytest.raises(DocumentLoadError) as caught:
        load(file_with_crop(tmp_path, crop))
    text = str(caught.value)
    assert "blocks.0.image.image.crop" in text  # the path: block, its type, its field
    assert message in text


def test_a_focal_point_outside_the_picture_is_refused(tmp_path: Path) -> None:
    path = file_with_crop(tmp_path, None)
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("document.json"))
        image = archive.read(archive.namelist()[1])
        name = archive.namelist()[1]
    data["blocks"][0]["image"]["focus"] = {"x": 1.2, "y": 0.5}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("document.json", json.dumps(data))
        archive.writestr(name, image)
    with pytest.raises(DocumentLoadError, match=r"its x is 1\.2"):
        load(path)


# --- undo --------------------------------------------------------------------------------------


def test_undoing_a_crop_restores_the_one_before() -> None:
    document = Document(cropped_bundle())
    old = document.block("bild")
    assert isinstance(old, ImageBlock) and old.image is not None
    square = Crop(left=0.0, top=0.0, width=0.75, height=1.0)
    new = old.model_copy(update={"image": old.image.model_copy(update={"crop": square})})
    edit = ReplaceBlock(old, new, "Crop picture")
    edit.apply(document)
    assert document.block("bild").image.crop == square  # type: ignore[attr-defined]
    edit.revert(document)
    assert document.block("bild").image.crop == TOP_RIGHT  # type: ignore[attr-defined]


def test_the_logo_is_cropped_through_the_settings_like_any_picture() -> None:
    bundle = cropped_bundle()
    ref = bundle.newsletter.image_refs()[0]
    document = Document(bundle)
    old = document.settings
    new = old.model_copy(update={"logo": ref.model_copy(update={"crop": TOP_RIGHT})})
    edit = ChangeSettings(old, new, "Crop logo")
    edit.apply(document)
    assert document.settings.logo is not None and document.settings.logo.crop == TOP_RIGHT
    edit.revert(document)
    assert document.settings.logo is None


def test_working_copies_keep_the_crop_and_focal_point() -> None:
    big = Image.new("RGB", (3000, 2000), GREEN)
    buffer = io.BytesIO()
    big.save(buffer, "JPEG", quality=95)
    images = ImageStore()
    ref = images.add(buffer.getvalue(), "jpg", "stor.jpg").model_copy(
        update={"crop": TOP_RIGHT, "focus": FocalPoint(x=0.6, y=0.1)}
    )
    block = make_block("image", id="bild", image=ref)
    compacted = compact(Bundle(Newsletter(blocks=(block,)), images))
    (after,) = compacted.bundle.newsletter.image_refs()
    assert after.sha256 != ref.sha256
    assert (after.crop, after.focus) == (ref.crop, ref.focus)


# --- export ----------------------------------------------------------------------------------


@pytest.fixture
def cache(tmp_path: Path) -> ImageCache:
    return ImageCache(tmp_path / "cache")


def exported(bundle: Bundle, folder: Path, cache: ImageCache) -> tuple[dict[str, str], Image.Image]:
    page = export(bundle, folder, "html", cache=cache)
    (img,) = lxml.html.fromstring(page.read_text(encoding="utf-8")).xpath("//img")
    with Image.open(page.parent / img.get("src")) as picture:
        return dict(img.attrib), picture.convert("RGB")


def test_the_export_shows_the_crop_in_its_size_and_colours(
    tmp_path: Path, cache: ImageCache
) -> None:
    attributes, picture = exported(cropped_bundle(), tmp_path / "ut", cache)
    assert picture.size == (200, 150)  # a quarter of 400 × 300, never enlarged
    assert (attributes["width"], attributes["height"]) == ("200", "150")
    assert all(close(picture.getpixel(p), GREEN) for p in ((3, 3), (100, 75), (196, 146)))


def test_changing_the_crop_changes_the_export_and_never_meets_the_cached_one(
    tmp_path: Path, cache: ImageCache
) -> None:
    exported(cropped_bundle(), tmp_path / "a", cache)
    bottom = Crop(left=0.0, top=0.5, width=1.0, height=0.5)
    _attributes, picture = exported(cropped_bundle(bottom), tmp_path / "b", cache)
    assert picture.size == (400, 150)
    assert close(picture.getpixel((100, 75)), BLUE)
    assert close(picture.getpixel((300, 75)), YELLOW)


def test_a_portrait_gets_the_default_maximum_height_in_the_export(
    tmp_path: Path, cache: ImageCache
) -> None:
    images = ImageStore()
    ref = images.add(quadrant_png(480, 960), "png", "porträtt.png")
    block = make_block("image", id="bild", image=ref)
    bundle = Bundle(Newsletter(blocks=(block,)), images)
    attributes, picture = exported(bundle, tmp_path / "ut", cache)
    assert picture.size == (480, 600)  # 1:2 cut to 4:5 in the full-width picture slot
    assert (attributes["width"], attributes["height"]) == ("480", "600")
    assert close(picture.getpixel((120, 290)), RED)
    assert close(picture.getpixel((120, 310)), BLUE)


# --- checks ----------------------------------------------------------------------------------


def test_a_crop_narrower_than_its_place_is_warned_about() -> None:
    from composer.checks import run_checks

    narrow = Crop(left=0.0, top=0.0, width=0.25, height=0.5)  # 250 of a 1000-pixel picture
    images = ImageStore()
    ref = images.add(quadrant_png(1000, 600), "png", "bred.png").model_copy(update={"crop": narrow})
    block = make_block("image", id="bild", image=ref, alt="Fyra färger")
    findings = [
        finding
        for finding in run_checks(Bundle(Newsletter(blocks=(block,)), images))
        if finding.code == "image-too-small"
    ]
    assert len(findings) == 1
    assert findings[0].message.startswith("The crop of the picture “bred.png” is only 250 pixels")
    wide = ref.model_copy(update={"crop": narrow.model_copy(update={"width": 0.6})})
    block = block.model_copy(update={"image": wide})
    assert not [
        finding
        for finding in run_checks(Bundle(Newsletter(blocks=(block,)), images))
        if finding.code == "image-too-small"
    ]


def test_the_showcase_shows_a_cropped_picture_cut_from_its_original(
    tmp_path: Path, cache: ImageCache
) -> None:
    from composer.sample import load_sample

    bundle = load_sample("showcase")
    cropped = [
        (block, ref) for block, _slot, ref in bundle.newsletter.pictures() if ref.crop is not None
    ]
    assert cropped, "the showcase uses every option, a crop included"
    _block, ref = cropped[0]
    with Image.open(io.BytesIO(bundle.images.get(ref))) as original:
        assert original.size == (1600, 1000)  # the file keeps the whole picture
    page = export(bundle, tmp_path / "ut", "html", cache=cache)
    tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    shown = {}
    for img in tree.xpath("//img"):
        with Image.open(page.parent / img.get("src")) as picture:
            shown[picture.size] = (img.get("width"), img.get("height"))
    # 1600 × 800 of it (2:1), made 1200 wide for the full-width slot, shown at 600 × 300
    assert shown[(1200, 600)] == ("600", "300")
