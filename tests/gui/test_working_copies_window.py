"""The window's working copies: the file's size, File → Reduce File Size, Keep Original Pictures."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from composer.gui import dialogs
from composer.gui.main_window import MainWindow
from composer.images import probe
from composer.model import ArticleBlock, Bundle, ImageStore, Newsletter, Settings
from composer.storage import save


def camera_photo(seed: int) -> bytes:
    """A noisy 3200 × 2400 JPEG with EXIF and a GPS position, as cameras write them."""
    rng = random.Random(seed)
    picture = Image.frombytes("RGB", (3200, 2400), rng.randbytes(3200 * 2400 * 3))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (63.0, 49.0, 30.0)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def originals_file(tmp_path: Path) -> Path:
    images = ImageStore()
    first = images.add(camera_photo(1), "jpg", "IMG_1.JPG")
    second = images.add(camera_photo(2), "jpg", "IMG_2.JPG")
    newsletter = Newsletter(
        settings=Settings(subject="November", logo=second, logo_alt="Logo"),
        blocks=(
            ArticleBlock(id="a", headline="A", image=first, image_alt="Första."),
            ArticleBlock(id="b", headline="B", image=second, image_alt="Andra."),
        ),
    )
    path = tmp_path / "november.newsletter"
    save(Bundle(newsletter, images), path)
    return path


def file_menu_action(window: MainWindow, name: str) -> tuple[QMenu, object]:
    (file_menu,) = [
        action.menu()
        for action in window.menuBar().actions()
        if action.text() in ("&File", "&Arkiv")
    ]
    assert isinstance(file_menu, QMenu)
    (action,) = [action for action in file_menu.actions() if action.objectName() == name]
    return file_menu, action


def size_label(window: MainWindow) -> str:
    label = window.statusBar().findChild(QLabel, "fileSizeLabel")
    assert label is not None and label.isVisible()
    return label.text()


def click(monkeypatch: pytest.MonkeyPatch, text: str) -> list[str]:
    shown: list[str] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, QMessageBox)
        shown.append(dialog.text())
        (button,) = [b for b in dialog.findChildren(QPushButton) if b.text() == text]
        button.click()
        return 0

    monkeypatch.setattr(dialogs, "run_dialog", run)
    return shown


def stored_pictures(window: MainWindow) -> list[bytes]:
    document = window.open_document.document
    return [document.images.get(ref) for _b, _s, ref in document.newsletter.pictures()]


def test_reduce_file_size_from_the_file_menu_is_one_undo_step(
    window: MainWindow, originals_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.files.open_path(originals_file)
    before = size_label(window)
    assert before.startswith("File: ") and before.endswith(" MB")
    originals = stored_pictures(window)
    menu, action = file_menu_action(window, "reduceFileSizeAction")
    assert menu.isEnabled()
    shown = click(monkeypatch, "Reduce")
    action.trigger()  # type: ignore[attr-defined]
    assert len(shown) == 1 and before.removeprefix("File: ") in shown[0]
    copies = stored_pictures(window)
    assert all(not probe(data).has_gps for data in copies)
    assert all(max(probe(data).width, probe(data).height) <= 2400 for data in copies)
    after = size_label(window)
    assert after != before and after.removeprefix("File: ") in shown[0]
    assert window.isWindowModified()
    window.menus.undo_action.trigger()
    assert stored_pictures(window) == originals and size_label(window) == before
    window.menus.redo_action.trigger()
    assert stored_pictures(window) == copies
    # Nothing left to reduce: the user is told so, and nothing changes.
    told = click(monkeypatch, "OK")
    action.trigger()  # type: ignore[attr-defined]
    assert "already working copies" in told[0]


def test_cancel_leaves_the_pictures(
    window: MainWindow, originals_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.files.open_path(originals_file)
    originals = stored_pictures(window)
    click(monkeypatch, "Cancel")
    _menu, action = file_menu_action(window, "reduceFileSizeAction")
    action.trigger()  # type: ignore[attr-defined]
    assert stored_pictures(window) == originals and not window.isWindowModified()


def test_keep_original_pictures_is_remembered_and_keeps_the_file(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    _menu, action = file_menu_action(window, "keepOriginalPicturesAction")
    assert not action.isChecked()  # type: ignore[attr-defined]
    photo = camera_photo(3)
    ref, _info = window.open_document.document.add_image(photo, "IMG_3.JPG")
    assert window.open_document.document.images.get(ref) != photo
    action.trigger()  # type: ignore[attr-defined]
    assert window.preferences.keep_original_pictures
    ref, info = window.open_document.document.add_image(photo, "IMG_3.JPG")
    assert window.open_document.document.images.get(ref) == photo and info.has_gps
    assert window.open_document.document.settings.keep_original_pictures
    # A new window, and a new document, keep originals too.
    other = make_window()
    _menu, other_action = file_menu_action(other, "keepOriginalPicturesAction")
    assert other_action.isChecked()  # type: ignore[attr-defined]
    assert other.open_document.document.keep_originals


def test_with_keep_original_pictures_a_chosen_photo_warns_of_its_position(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from composer.gui.block_editors import ArticleEditor
    from composer.gui.image_field import ImageField

    _menu, action = file_menu_action(window, "keepOriginalPicturesAction")
    action.trigger()  # type: ignore[attr-defined]
    window.select_block("planet")
    assert isinstance(window.editor, ArticleEditor)
    field = window.editor.fields["image"]
    assert isinstance(field, ImageField)
    path = tmp_path / "DSC_0042.JPG"
    path.write_bytes(camera_photo(4))
    monkeypatch.setattr(dialogs, "image_file_name", lambda parent, folder: str(path))
    field.choose.click()
    ref = window.open_document.document.block("planet").image  # type: ignore[attr-defined]
    assert window.open_document.document.images.get(ref) == path.read_bytes()
    assert "removed when the newsletter is exported" in field.note.text()
