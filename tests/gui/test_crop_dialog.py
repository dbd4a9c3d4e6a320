"""The crop dialog driven as a user does: mouse drags, shape buttons, keys; undo; export."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from composer.export import export
from composer.gui import dialogs
from composer.gui.app import install_translators
from composer.gui.block_editors import ImageEditor
from composer.gui.crop_dialog import SHAPES, CropDialog
from composer.gui.image_field import ImageField
from composer.gui.main_window import MainWindow
from composer.i18n import set_ui_language
from composer.images import ImageCache
from composer.model import Crop, ImageRef

RED, GREEN, BLUE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def quadrants(path: Path, size: tuple[int, int] = (400, 300)) -> Path:
    width, height = size
    picture = Image.new("RGB", size)
    for index, colour in enumerate((RED, GREEN, BLUE, YELLOW)):
        left, top = (index % 2) * width // 2, (index // 2) * height // 2
        picture.paste(colour, (left, top, left + width // 2, top + height // 2))
    picture.save(path, "PNG")
    return path


def picture_block(
    window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, ImageField]:
    """A new picture block showing the file ``path``, chosen through the file dialog."""
    window.insert_block("image")
    assert isinstance(window.editor, ImageEditor)
    field = window.editor.fields["image"]
    assert isinstance(field, ImageField)
    monkeypatch.setattr(dialogs, "image_file_name", lambda parent, folder: str(path))
    field.choose.click()
    return window.editor.block_id, field


def shown_ref(window: MainWindow, block_id: str) -> ImageRef:
    ref = window.open_document.document.block(block_id).image  # type: ignore[attr-defined]
    assert isinstance(ref, ImageRef)
    return ref


def drag(canvas: QWidget, start: QPointF, end: QPointF, steps: int = 6) -> None:
    """Press at ``start``, move to ``end`` in steps as a hand does, release there."""
    QTest.mousePress(canvas, LEFT, NONE, start.toPoint())
    for step in range(1, steps + 1):
        point = start + (end - start) * (step / steps)
        QTest.mouseMove(canvas, point.toPoint())
    QTest.mouseRelease(canvas, LEFT, NONE, end.toPoint())


def answer_crop(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, work: Callable[[CropDialog], None]
) -> list[CropDialog]:
    """Answer the next crop dialog by doing ``work`` on it, shown, then clicking OK."""
    seen: list[CropDialog] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, CropDialog)
        seen.append(dialog)
        dialog.resize(800, 620)
        dialog.show()
        qtbot.waitExposed(dialog)
        work(dialog)
        if dialog.isVisible():
            qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", run)
    return seen


def exported_picture(window: MainWindow, tmp_path: Path, block_id: str) -> Image.Image:
    bundle = window.open_document.document.snapshot()
    page = export(bundle, tmp_path / "ut", "html", cache=ImageCache(tmp_path / "cache"))
    tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    label = window.open_document.document.block(block_id).display_name()
    stem = label.rsplit(".", 1)[0]
    (img,) = [img for img in tree.xpath("//img") if stem in img.get("src")]
    with Image.open(page.parent / img.get("src")) as picture:
        rgb = picture.convert("RGB")
    assert (int(img.get("width")), int(img.get("height"))) == rgb.size  # narrower than 600
    return rgb


def close(actual: object, expected: tuple[int, int, int], tolerance: int = 16) -> bool:
    assert isinstance(actual, tuple)
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def test_a_square_dragged_to_the_left_edge_is_exported_and_undo_restores_the_crop_before(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block_id, field = picture_block(window, quadrants(tmp_path / "fyra.png"), monkeypatch)
    assert shown_ref(window, block_id).crop is None
    assert field.crop.isEnabled()

    def square_at_the_left(dialog: CropDialog) -> None:
        qtbot.mouseClick(dialog.shape_buttons["1:1"], LEFT)
        canvas = dialog.canvas
        frame = canvas.to_widget(canvas.frame)
        # From the frame's middle far to the left: the frame stops at the picture's edge.
        drag(canvas, frame.center(), frame.center() - QPointF(400, 0))

    answer_crop(monkeypatch, qtbot, square_at_the_left)
    field.crop.click()
    ref = shown_ref(window, block_id)
    assert ref.crop == Crop(left=0.0, top=0.0, width=0.75, height=1.0)
    assert "cropped to 300 × 300" in field.details.text()
    picture = exported_picture(window, tmp_path, block_id)
    assert picture.size == (300, 300)
    assert close(picture.getpixel((100, 75)), RED)
    assert close(picture.getpixel((250, 75)), GREEN)
    assert close(picture.getpixel((100, 225)), BLUE)

    def top_right_corner(dialog: CropDialog) -> None:
        canvas = dialog.canvas
        assert canvas.frame.width() == pytest.approx(0.75)  # the dialog shows the crop kept
        qtbot.mouseClick(dialog.shape_buttons["free"], LEFT)
        frame = canvas.to_widget(canvas.frame)
        shown = canvas.picture_rect()
        # The bottom-left corner to the picture's middle: the green quarter is left.
        drag(canvas, frame.bottomLeft(), shown.center())

    answer_crop(monkeypatch, qtbot, top_right_corner)
    field.crop.click()
    second = shown_ref(window, block_id).crop
    assert second is not None
    assert second.left == pytest.approx(0.5, abs=0.01)
    assert second.top == 0
    assert second.width == pytest.approx(0.25, abs=0.01)
    assert second.height == pytest.approx(0.5, abs=0.01)

    window.menus.undo_action.trigger()
    assert shown_ref(window, block_id).crop == Crop(left=0.0, top=0.0, width=0.75, height=1.0)
    assert "cropped to 300 × 300" in field.details.text()
    window.menus.undo_action.trigger()
    assert shown_ref(window, block_id).crop is None
    assert "cropped" not in field.details.text()
    window.menus.redo_action.trigger()
    assert shown_ref(window, block_id).crop == Crop(left=0.0, top=0.0, width=0.75, height=1.0)


def test_a_frame_drawn_by_its_corner_in_sixteen_by_nine_keeps_that_shape(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block_id, field = picture_block(
        window, quadrants(tmp_path / "stor.png", (1600, 1200)), monkeypatch
    )

    def wide(dialog: CropDialog) -> None:
        qtbot.mouseClick(dialog.shape_buttons["16:9"], LEFT)
        canvas = dialog.canvas
        frame = canvas.to_widget(canvas.frame)
        drag(canvas, frame.bottomRight(), frame.center() + QPointF(40, 10))

    answer_crop(monkeypatch, qtbot, wide)
    field.crop.click()
    crop = shown_ref(window, block_id).crop
    assert crop is not None
    width, height = crop.width * 1600, crop.height * 1200
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    assert width < 1600


def test_arrow_keys_move_the_frame_and_escape_cancels(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _block_id, field = picture_block(window, quadrants(tmp_path / "fyra.png"), monkeypatch)
    before = window.open_document.document.newsletter
    frames: list[float] = []

    def keys_then_escape(dialog: CropDialog) -> None:
        canvas = dialog.canvas
        assert canvas.accessibleName() == "Crop frame"
        assert dialog.shape_buttons["3:2"].accessibleName() == "Shape 3:2"
        assert not dialog.clear_focus.isEnabled()  # there is no focal point to remove
        qtbot.mouseClick(dialog.shape_buttons["1:1"], LEFT)
        canvas.setFocus()
        frames.append(canvas.frame.left())
        for _ in range(3):
            QTest.keyClick(canvas, Qt.Key.Key_Left)
        frames.append(canvas.frame.left())
        QTest.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        frames.append(canvas.frame.left())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    seen = answer_crop(monkeypatch, qtbot, keys_then_escape)
    field.crop.click()
    assert frames == pytest.approx([0.125, 0.095, 0.195])
    assert seen[0].result() == QDialog.DialogCode.Rejected
    assert window.open_document.document.newsletter == before


def test_arrow_keys_then_ok_keep_the_moved_frame(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block_id, field = picture_block(window, quadrants(tmp_path / "fyra.png"), monkeypatch)

    def keys(dialog: CropDialog) -> None:
        qtbot.mouseClick(dialog.shape_buttons["1:1"], LEFT)
        dialog.canvas.setFocus()
        QTest.keyClick(dialog.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(dialog.canvas, Qt.Key.Key_Right)

    answer_crop(monkeypatch, qtbot, keys)
    field.crop.click()
    crop = shown_ref(window, block_id).crop
    assert crop is not None
    assert crop.left == pytest.approx(0.235)
    assert (crop.top, crop.height) == (0, 1)


def test_a_portrait_is_proposed_at_four_by_five_and_the_proposal_follows_the_focal_point(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block_id, field = picture_block(
        window, quadrants(tmp_path / "portratt.png", (300, 600)), monkeypatch
    )
    proposals: list[tuple[float, float]] = []

    def focus_near_the_top(dialog: CropDialog) -> None:
        canvas = dialog.canvas
        assert not dialog.chosen
        assert "Proposed: 300 × 375 pixels of 300 × 600" in dialog.summary.text()
        proposals.append((canvas.frame.top(), canvas.frame.height()))
        shown = canvas.picture_rect()
        QTest.mouseClick(
            canvas, LEFT, NONE, QPoint(round(shown.center().x()), round(shown.top() + 5))
        )
        proposals.append((canvas.frame.top(), canvas.frame.height()))
        assert "Focal point at 50 % across, 1 % down." in canvas.accessibleDescription()

    answer_crop(monkeypatch, qtbot, focus_near_the_top)
    field.crop.click()
    assert proposals[0] == pytest.approx((0.1875, 0.625))  # centred
    assert proposals[1] == pytest.approx((0.0, 0.625))  # as high as the picture goes
    ref = shown_ref(window, block_id)
    assert ref.crop is None  # the automatic crop, left to follow the focal point
    assert ref.focus is not None and ref.focus.y == pytest.approx(0.01, abs=0.01)
    picture = exported_picture(window, tmp_path, block_id)
    assert picture.size == (300, 375)
    assert close(picture.getpixel((75, 290)), RED)  # the top half, from the very top
    assert close(picture.getpixel((75, 310)), BLUE)

    def whole(dialog: CropDialog) -> None:
        assert dialog.canvas.focus is not None
        qtbot.mouseClick(dialog.whole, LEFT)

    answer_crop(monkeypatch, qtbot, whole)
    field.crop.click()
    ref = shown_ref(window, block_id)
    assert ref.crop == Crop(left=0, top=0, width=1, height=1)
    assert ref.focus is not None  # the focal point stays for a later automatic crop
    assert field.details.text() == "300 × 600 pixels, shown whole"
    assert exported_picture(window, tmp_path / "2", block_id).size == (300, 600)


def test_the_preview_asks_for_the_cropped_picture(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    block_id, field = picture_block(window, quadrants(tmp_path / "fyra.png"), monkeypatch)
    answer_crop(monkeypatch, qtbot, lambda d: qtbot.mouseClick(d.shape_buttons["1:1"], LEFT))
    field.crop.click()
    wait_for_preview(window)
    html = window.preview._result.html if window.preview._result else ""
    tree = lxml.html.fromstring(html)
    crop = shown_ref(window, block_id).crop
    assert crop is not None
    sources = [img for img in tree.xpath("//img") if "&c=0.125," in img.get("src")]
    assert len(sources) == 1
    assert (sources[0].get("width"), sources[0].get("height")) == ("300", "300")


def test_the_crop_button_waits_for_a_picture(window: MainWindow) -> None:
    window.insert_block("image")
    assert isinstance(window.editor, ImageEditor)
    field = window.editor.fields["image"]
    assert isinstance(field, ImageField)
    assert not field.crop.isEnabled()


def test_a_crop_that_is_too_narrow_for_its_place_is_warned_about(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _block_id, field = picture_block(
        window, quadrants(tmp_path / "stor.png", (1600, 1200)), monkeypatch
    )
    warnings: list[str] = []

    def small(dialog: CropDialog) -> None:
        assert dialog.warning.text() == ""
        canvas = dialog.canvas
        frame = canvas.to_widget(canvas.frame)
        drag(canvas, frame.bottomRight(), canvas.picture_rect().center())
        warnings.append(dialog.warning.text())

    answer_crop(monkeypatch, qtbot, small)
    field.crop.click()
    assert warnings[0].startswith("The frame is 800 pixels wide, less than the 1200")


def test_the_dialog_speaks_swedish(
    qapp: QApplication,
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    translators = install_translators(qapp, "sv")
    try:
        window = make_window()
        window.select_block("planet")
        assert window.editor is not None
        field = window.editor.fields["image"]
        assert isinstance(field, ImageField)
        assert field.crop.text() == "Beskär…"
        texts: list[str] = []

        def read(dialog: CropDialog) -> None:
            texts.extend((dialog.windowTitle(), dialog.summary.text()))
            texts.extend(button.text() for button in dialog.findChildren(QPushButton))
            texts.append(dialog.canvas.accessibleName())
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

        answer_crop(monkeypatch, qtbot, read)
        field.crop.click()
        assert texts[:2] == ["Beskär bild", "Hela bilden visas: 1600 × 1000 pixlar."]
        assert {"Fri", "3:2", "Hela bilden", "Automatisk", "Avbryt"} <= set(texts)
        assert texts[-1] == "Beskärningsram"
    finally:
        window.open_document.undo_stack.setClean()
        window.close()
        for translator in translators:
            qapp.removeTranslator(translator)
        set_ui_language(None)


def test_the_field_shows_the_automatic_crop_of_a_portrait(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _block_id, field = picture_block(
        window, quadrants(tmp_path / "portratt.png", (300, 600)), monkeypatch
    )
    assert field.details.text() == "300 × 600 pixels, shown as 300 × 375 to suit its place"
    thumbnail = field.thumbnail.pixmap()
    assert not thumbnail.isNull()


def test_the_logo_is_cropped_in_the_settings_and_undone(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_settings()
    assert window.editor is not None
    field = window.editor.fields["logo"]
    assert isinstance(field, ImageField)
    before = window.open_document.document.settings.logo
    assert before is not None and before.crop is None

    def left_half(dialog: CropDialog) -> None:
        assert dialog.display_width is not None and dialog.display_width < 400
        assert not dialog.chosen and "whole picture" in dialog.summary.text()  # no proposal
        canvas = dialog.canvas
        frame = canvas.to_widget(canvas.frame)
        drag(canvas, QPointF(frame.right(), frame.center().y()), frame.center())

    answer_crop(monkeypatch, qtbot, left_half)
    field.crop.click()
    logo = window.open_document.document.settings.logo
    assert logo is not None and logo.crop is not None
    assert logo.crop.width == pytest.approx(0.5, abs=0.02)
    window.menus.undo_action.trigger()
    assert window.open_document.document.settings.logo == before


shapes = st.sampled_from(["free", "3:2", "16:9", "1:1"])
points = st.tuples(st.floats(-50, 850), st.floats(-50, 650))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=shapes, drags=st.lists(st.tuples(points, points), min_size=1, max_size=4))
def test_any_drags_leave_a_valid_crop_in_the_shape_chosen(
    qapp: QApplication,
    shape: str,
    drags: list[tuple[tuple[float, float], tuple[float, float]]],
) -> None:
    dialog = CropDialog(quadrant_bytes(), (400, 300), None, None, 600)
    try:
        dialog.resize(800, 620)
        dialog.canvas.resize(800, 520)
        dialog.shape_buttons[shape].click()
        for start, end in drags:
            drag(dialog.canvas, QPointF(*start), QPointF(*end), steps=3)
        crop = dialog.crop()
    finally:
        dialog.deleteLater()
    if crop is None:  # the whole of a landscape picture: nothing to crop
        assert shape == "free"
        return
    assert crop.left + crop.width <= 1 + 1e-9 and crop.top + crop.height <= 1 + 1e-9
    ratio = dict(SHAPES)[shape]
    if ratio is not None:
        # In pixels of the picture, the frame keeps its shape (to the rounding of a pixel).
        assert crop.width * 400 / (crop.height * 300) == pytest.approx(float(ratio), abs=0.02)


def quadrant_bytes() -> bytes:
    buffer = io.BytesIO()
    picture = Image.new("RGB", (400, 300), RED)
    picture.paste(GREEN, (200, 0, 400, 150))
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def test_the_whole_of_a_landscape_picture_is_no_crop_at_all(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block_id, field = picture_block(window, quadrants(tmp_path / "fyra.png"), monkeypatch)
    count = window.open_document.undo_stack.count()
    answer_crop(monkeypatch, qtbot, lambda dialog: qtbot.mouseClick(dialog.whole, LEFT))
    field.crop.click()
    assert shown_ref(window, block_id).crop is None
    assert window.open_document.undo_stack.count() == count  # nothing changed, nothing to undo
