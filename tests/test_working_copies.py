"""Working copies: what a newsletter file keeps of a picture, and shrinking an older file."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import ExifTags, Image

from composer.checks import MAIL_LIMIT, file_size, run_checks
from composer.cli import main
from composer.compact import compact, compact_edit
from composer.document import WORKING_COPY_SIZE, Document
from composer.edits import InsertBlock
from composer.images import probe
from composer.model import ArticleBlock, Bundle, ImageBlock, ImageStore, Newsletter, Settings
from composer.render import relative_resolver, render
from composer.storage import load, save


def camera_photo(width: int, height: int, orientation: int = 6, seed: int = 1) -> bytes:
    """A camera-like JPEG: noise (so it does not compress to nothing), EXIF with GPS, turned.

    Stored ``width`` × ``height``; with orientation 6 it is shown ``height`` × ``width``. The
    left half is red and the right half blue as stored, so turning it can be seen.
    """
    rng = random.Random(seed)
    picture = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    picture = picture.point(lambda value: value // 8)
    overlay = Image.new("RGB", (width, height), (0, 0, 255))
    overlay.paste((255, 0, 0), (0, 0, width // 2, height))
    picture = Image.blend(picture, overlay, 0.85)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (63.0, 49.0, 30.0)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def test_a_picture_added_is_kept_as_an_upright_small_working_copy_without_metadata() -> None:
    document = Document()
    original = camera_photo(3000, 2000)  # shown 2000 × 3000 (portrait)
    ref, info = document.add_image(original, "IMG_0001.JPG")
    stored = document.images.get(ref)
    assert (info.width, info.height) == (1600, WORKING_COPY_SIZE)
    assert not info.has_gps
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert image.size == (1600, 2400)  # upright as stored: no orientation left to apply
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
        rgb = image.convert("RGB")
        # Turned a quarter clockwise: the stored left (red) half is now on top.
        top, bottom = rgb.getpixel((800, 300)), rgb.getpixel((800, 2100))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > top[2] and bottom[2] > bottom[0]
    assert len(stored) < len(original)
    assert ref.original_name == "IMG_0001.JPG"
    assert not document.settings.keep_original_pictures


def test_a_graphic_stays_png_and_a_small_picture_keeps_its_size() -> None:
    logo = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    logo.paste((31, 92, 153, 255), (20, 20, 280, 100))
    out = io.BytesIO()
    logo.save(out, "PNG")
    ref, info = Document().add_image(out.getvalue(), "logo.png")
    assert (ref.extension, info.format, info.width, info.height) == ("png", "PNG", 300, 120)


def test_an_animation_keeps_moving() -> None:
    frames = [Image.new("RGB", (200, 100), colour) for colour in ("red", "blue", "green")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    ref, info = Document().add_image(out.getvalue(), "wave.gif")
    assert ref.extension == "gif" and info.animated


def test_keep_original_keeps_the_file_and_the_file_says_so() -> None:
    document = Document()
    seen = []
    document.changed.connect(seen.append)
    original = camera_photo(600, 400)
    ref, info = document.add_image(original, "IMG_0002.JPG", keep_original=True)
    assert document.images.get(ref) == original
    assert info.has_gps
    assert document.settings.keep_original_pictures
    assert [change.kind.value for change in seen] == ["settings"]
    codes = {finding.code for finding in run_checks(_with_article(document, ref))}
    assert {"image-gps", "keeps-originals"} <= codes


def _with_article(document: Document, ref: object) -> Bundle:
    InsertBlock(0, ArticleBlock(id="a", headline="Planet", image=ref, image_alt="Ett plan.")).apply(
        document
    )
    return document.snapshot()


def test_working_copies_raise_no_gps_warning() -> None:
    document = Document()
    ref, _info = document.add_image(camera_photo(600, 400), "IMG_0003.JPG")
    codes = {finding.code for finding in run_checks(_with_article(document, ref))}
    assert "image-gps" not in codes and "keeps-originals" not in codes


def test_a_file_over_20_mb_gets_a_tip_to_reduce_it() -> None:
    # Not a real photo: 21 MB of bytes the size check counts (and the picture checks call
    # unreadable); no file of that size is written.
    images = ImageStore()
    big = images.add(b"\0" * (MAIL_LIMIT + 1_000_000), "jpg", "huge.jpg")
    bundle = Bundle(Newsletter(blocks=(ImageBlock(id="p", image=big, alt="x"),)), images)
    assert file_size(bundle) > MAIL_LIMIT
    tips = [
        finding for finding in run_checks(bundle, language="en") if finding.code == "file-too-large"
    ]
    assert len(tips) == 1 and "too large to mail to a colleague" in tips[0].message
    assert "21.0 MB" in tips[0].message
    swedish = [f for f in run_checks(bundle, language="sv") if f.code == "file-too-large"]
    assert "för stor" in swedish[0].message


def test_a_small_file_gets_no_size_tip() -> None:
    images = ImageStore()
    small = images.add(b"\0" * (MAIL_LIMIT - 100_000), "jpg", "almost.jpg")
    bundle = Bundle(Newsletter(blocks=(ImageBlock(id="p", image=small, alt="x"),)), images)
    assert "file-too-large" not in {f.code for f in run_checks(bundle)}


def originals_bundle() -> Bundle:
    """A newsletter as earlier versions saved it: camera originals, one of them twice, a logo."""
    images = ImageStore()
    first = images.add(camera_photo(3200, 2400, seed=1), "jpg", "IMG_1.JPG")
    second = images.add(camera_photo(3200, 2400, orientation=1, seed=2), "jpg", "IMG_2.JPG")
    logo = images.add(camera_photo(2600, 800, orientation=1, seed=3), "jpg", "logo.jpg")
    newsletter = Newsletter(
        settings=Settings(logo=logo, logo_alt="Logo", keep_original_pictures=True),
        blocks=(
            ArticleBlock(id="a", headline="A", image=first, image_alt="Första."),
            ArticleBlock(id="b", headline="B", image=second, image_alt="Andra."),
            ImageBlock(id="c", image=first, alt="Första igen."),
        ),
    )
    return Bundle(newsletter, images)


def image_sizes(html: str) -> list[tuple[str | None, str | None]]:
    tree = lxml_html.fromstring(html)
    return [(img.get("width"), img.get("height")) for img in tree.iter("img")]


def test_compact_replaces_every_picture_and_the_layout_stays() -> None:
    bundle = originals_bundle()
    result = compact(bundle)
    assert len(result.replaced) == 3 and result.size_after < result.size_before / 2
    new = result.bundle
    assert not new.newsletter.settings.keep_original_pictures
    for _block, _slot, ref in new.newsletter.pictures():
        info = probe(new.images.get(ref))
        assert not info.has_gps and max(info.width, info.height) <= WORKING_COPY_SIZE
    assert set(new.images.data) == {ref.sha256 for _b, _s, ref in new.newsletter.pictures()}
    before = render(bundle.newsletter, relative_resolver(bundle.images)).html
    after = render(new.newsletter, relative_resolver(new.images)).html
    assert image_sizes(before) == image_sizes(after)
    # A second run finds nothing left to do.
    assert compact(new).replaced == {}


def test_compact_in_the_open_document_is_one_undo_step() -> None:
    bundle = originals_bundle()
    document = Document(Bundle(bundle.newsletter, ImageStore(dict(bundle.images.data))))
    made = compact_edit(document, "Reduce file size")
    assert made is not None
    edit, result = made
    edit.apply(document)
    assert document.newsletter == result.bundle.newsletter
    edit.revert(document)
    assert document.newsletter == bundle.newsletter
    edit.apply(document)
    assert compact_edit(document, "Reduce file size") is None


def test_compact_command_writes_a_smaller_file_that_renders_the_same(tmp_path: Path) -> None:
    source = tmp_path / "nov.newsletter"
    save(originals_bundle(), source)
    out = tmp_path / "small.newsletter"
    assert main(["compact", str(source), "-o", str(out)]) == 0
    assert out.stat().st_size < source.stat().st_size / 2
    old, new = load(source), load(out)
    assert image_sizes(render(old.newsletter, relative_resolver(old.images)).html) == image_sizes(
        render(new.newsletter, relative_resolver(new.images)).html
    )
    with zipfile.ZipFile(out) as archive:
        pictures = [info for info in archive.infolist() if info.filename.startswith("images/")]
    assert pictures and all(info.compress_type == zipfile.ZIP_STORED for info in pictures)


def test_compact_command_in_place_keeps_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "nov.newsletter"
    save(originals_bundle(), source)
    size = source.stat().st_size
    assert main(["compact", str(source)]) == 0
    assert source.stat().st_size < size / 2
    assert (tmp_path / "nov.newsletter.bak").stat().st_size == size
    assert "3 pictures replaced" in capsys.readouterr().out


def test_compact_command_refuses_what_it_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compact", str(tmp_path / "missing.newsletter")]) == 2
    assert "missing.newsletter" in capsys.readouterr().err
    source = tmp_path / "nov.newsletter"
    save(originals_bundle(), source)
    assert main(["compact", str(source), "-o", str(source)]) == 2
    assert main(["compact"]) == 2


def test_compact_command_leaves_a_file_of_working_copies_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "nov.newsletter"
    save(compact(originals_bundle()).bundle, source)
    written = source.stat().st_mtime_ns
    assert main(["compact", str(source)]) == 0
    assert "nothing written" in capsys.readouterr().out
    assert source.stat().st_mtime_ns == written
    assert not (tmp_path / "nov.newsletter.bak").exists()
