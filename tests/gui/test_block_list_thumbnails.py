"""The block list's thumbnails show what the email shows: the chosen crop, the automatic one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from composer.edits import ReplaceBlock
from composer.gui.block_list_model import FramingRole
from composer.gui.block_list_view import BlockItemDelegate
from composer.gui.crop_dialog import CropDialog
from composer.gui.main_window import MainWindow
from composer.images import TALLEST
from composer.model import Crop, FocalPoint, ImageBlock
from tests.gui.test_crop_dialog import (
    BLUE,
    GREEN,
    LEFT,
    RED,
    YELLOW,
    answer_crop,
    drag,
    picture_block,
    quadrants,
)

RGB = tuple[int, int, int]


def near(colour: QColor, expected: RGB, tolerance: int = 24) -> bool:
    actual = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def row(window: MainWindow, block_id: str) -> QModelIndex:
    index = window.model.row_of(block_id)
    assert index.isValid()
    return index


def thumbnail(window: MainWindow, block_id: str) -> QImage:
    """The picture the block's row paints, at the screen's pixels."""
    delegate = window.block_list.itemDelegate()
    assert isinstance(delegate, BlockItemDelegate)
    pixmap = delegate.thumbnail(row(window, block_id))
    assert not pixmap.isNull()
    return pixmap.toImage()


def corners(image: QImage) -> list[QColor]:
    """The colours a little inside the picture's four corners, clockwise from the top left."""
    right, bottom = image.width() - 3, image.height() - 3
    return [image.pixelColor(x, y) for x, y in ((2, 2), (right, 2), (right, bottom), (2, bottom))]


def painted(window: MainWindow, block_id: str) -> QImage:
    """What the row shows on screen, grabbed from the list."""
    view = window.block_list
    view.scrollTo(row(window, block_id))
    rect: QRect = view.visualRect(row(window, block_id))
    return view.viewport().grab(rect).toImage()


def painted_thumbnail(window: MainWindow, block_id: str, dx: int = 0, dy: int = 0) -> QColor:
    """The colour painted ``dx``, ``dy`` from the middle of the row's thumbnail box."""
    image = painted(window, block_id)
    ratio = image.devicePixelRatio()
    width, height = round(image.width() / ratio), round(image.height() / ratio)
    # As the delegate lays the row out: the card 6 and 3 in, the 48 × 40 box 8 from its right.
    middle = QPoint(width - 6 - 8 - 24, (3 + height - 4) // 2 + 1)
    return image.pixelColor(
        QPoint(round((middle.x() + dx) * ratio), round((middle.y() + dy) * ratio))
    )


def test_a_crop_to_one_quadrant_shows_in_the_row_at_once_and_undo_restores_the_whole(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block_id, field = picture_block(window, quadrants(tmp_path / "fyra.png"), monkeypatch)
    whole = thumbnail(window, block_id)
    assert [
        near(c, e) for c, e in zip(corners(whole), (RED, GREEN, YELLOW, BLUE), strict=True)
    ] == [True] * 4
    # Fitted, not filled: a 4:3 picture in the 48 × 40 box is 48 × 36.
    size = whole.deviceIndependentSize()
    assert QSize(round(size.width()), round(size.height())) == QSize(48, 36)

    def top_right_quadrant(dialog: CropDialog) -> None:
        canvas = dialog.canvas
        qtbot.mouseClick(dialog.shape_buttons["free"], LEFT)
        frame = canvas.to_widget(canvas.frame)
        drag(canvas, frame.bottomLeft(), canvas.picture_rect().center())

    answer_crop(monkeypatch, qtbot, top_right_quadrant)
    field.crop.click()
    crop = window.open_document.document.block(block_id).image.crop  # type: ignore[attr-defined]
    assert crop is not None and crop.left == pytest.approx(0.5, abs=0.01)

    cropped = thumbnail(window, block_id)
    assert all(near(colour, GREEN) for colour in corners(cropped))
    assert near(painted_thumbnail(window, block_id, -12, 9), GREEN)  # the bottom left too

    qtbot.keyClick(window.block_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.open_document.document.block(block_id).image.crop is None  # type: ignore[attr-defined]
    restored = thumbnail(window, block_id)
    assert [
        near(c, e) for c, e in zip(corners(restored), (RED, GREEN, YELLOW, BLUE), strict=True)
    ] == [True] * 4
    assert near(painted_thumbnail(window, block_id, -12, -9), RED)
    assert near(painted_thumbnail(window, block_id, -12, 9), BLUE)
    assert near(painted_thumbnail(window, block_id, 12, 9), YELLOW)


def bands(path: Path, size: tuple[int, int] = (300, 600)) -> Path:
    """A tall picture in three bands, top to bottom red, green, blue."""
    width, height = size
    picture = Image.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, width, height // 3))
    picture.paste(GREEN, (0, height // 3, width, 2 * height // 3))
    picture.save(path, "PNG")
    return path


def test_a_tall_picture_in_a_full_width_slot_shows_its_automatic_crop_around_the_focus(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 1:2 portrait in the picture block (as wide as the layout): the email shows 4:5 of it.
    block_id, _field = picture_block(window, bands(tmp_path / "hög.png"), monkeypatch)
    shown = thumbnail(window, block_id)
    size = shown.deviceIndependentSize()
    assert (round(size.width()), round(size.height())) == (32, 40)
    assert size.height() / size.width() == pytest.approx(float(TALLEST), abs=0.04)
    top, _, bottom, _ = corners(shown)
    assert (near(top, RED), near(bottom, BLUE)) == (True, True)  # centred: some of each end

    # The focal point at the top (the crop dialog's edit): the crop follows it up, no blue.
    document = window.open_document.document
    block = document.block(block_id)
    assert isinstance(block, ImageBlock) and block.image is not None
    focused = block.model_copy(
        update={"image": block.image.model_copy(update={"focus": FocalPoint(x=0.5, y=0.0)})}
    )
    window.open_document.push(ReplaceBlock(block, focused, "image"))
    assert row(window, block_id).data(FramingRole).focus == FocalPoint(x=0.5, y=0.0)
    top, _, bottom, _ = corners(thumbnail(window, block_id))
    assert (near(top, RED), near(bottom, GREEN)) == (True, True)
    assert near(painted_thumbnail(window, block_id, 0, 15), GREEN)

    qtbot.keyClick(window.block_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    top, _, bottom, _ = corners(thumbnail(window, block_id))
    assert (near(top, RED), near(bottom, BLUE)) == (True, True)


def test_a_photo_turned_by_its_exif_tag_is_framed_upright(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stored lying down, 600 × 300, left half red; the tag turns it upright: 300 × 600, red on
    # top. Upright it is a portrait, so the full-width slot shows 4:5 of it.
    stored = Image.new("RGB", (600, 300), BLUE)
    stored.paste(RED, (0, 0, 300, 300))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show
    path = tmp_path / "liggande.jpg"
    stored.save(path, "JPEG", exif=exif, quality=95)
    block_id, _field = picture_block(window, path, monkeypatch)
    shown = thumbnail(window, block_id)
    size = shown.deviceIndependentSize()
    assert (round(size.width()), round(size.height())) == (32, 40)
    top, _, bottom, _ = corners(shown)
    assert (near(top, RED), near(bottom, BLUE)) == (True, True)


def test_an_animated_gif_stays_whole_as_the_email_keeps_it(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Image.open(quadrants(tmp_path / "fyra.png")).convert("RGB")
    second = first.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    path = tmp_path / "blinkar.gif"
    first.save(path, "GIF", save_all=True, append_images=[second], duration=500, loop=0)
    block_id, _field = picture_block(window, path, monkeypatch)
    document = window.open_document.document
    block = document.block(block_id)
    assert isinstance(block, ImageBlock) and block.image is not None
    quarter = Crop(left=0.5, top=0.0, width=0.5, height=0.5)
    cropped = block.model_copy(update={"image": block.image.model_copy(update={"crop": quarter})})
    window.open_document.push(ReplaceBlock(block, cropped, "image"))
    expected = (RED, GREEN, YELLOW, BLUE)
    shown = corners(thumbnail(window, block_id))
    assert [near(c, e) for c, e in zip(shown, expected, strict=True)] == [True] * 4
