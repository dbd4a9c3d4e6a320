"""The preview as an editing surface: click to edit, hover to see, edits kept in view.

Clicks are real mouse events sent to the web view's focus proxy (the widget Chromium takes its
input from), at positions the page itself reports; no slot is called directly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from composer.edits import MoveBlock
from composer.export import export
from composer.gui.block_list_model import kind_name
from composer.gui.main_window import MainWindow
from composer.gui.preview import PreviewPane
from composer.gui.preview_page import changed_blocks
from composer.gui.preview_surface import field_for
from composer.images import ImageCache
from composer.render import (
    PREVIEW_BLOCK_END,
    PREVIEW_BLOCK_START,
    relative_resolver,
    render,
    unmarked,
)
from composer.sample import load_sample


def run_js(qtbot: QtBot, pane: PreviewPane, script: str) -> Any:
    """Evaluate ``script`` in the application's own script world (the page's JS is off)."""
    with qtbot.waitCallback(timeout=10_000) as callback:
        pane.page.runJavaScript(
            f"JSON.stringify({script})", QWebEngineScript.ScriptWorldId.ApplicationWorld, callback
        )
    value = callback.args[0]
    return json.loads(value) if value else None


def view_point(qtbot: QtBot, pane: PreviewPane, selector: str, where: str = "centre") -> QPoint:
    """Where the element ``selector`` shows, in the focus proxy's coordinates."""
    rect = run_js(
        qtbot,
        pane,
        f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
        ".getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()",
    )
    left, top, right, bottom = rect
    zoom = pane.view.zoomFactor()
    if where == "centre":
        x, y = (left + right) / 2, (top + bottom) / 2
    else:  # a spot of the element's own, away from any text: its lower right corner
        x, y = right - 6, bottom - 4
    return QPoint(round(x * zoom), round(y * zoom))


def click(qtbot: QtBot, pane: PreviewPane, point: QPoint) -> None:
    proxy = pane.view.focusProxy()
    assert proxy is not None
    qtbot.mouseClick(proxy, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def scroll_into_view(qtbot: QtBot, pane: PreviewPane, selector: str) -> None:
    run_js(qtbot, pane, f"document.querySelector({json.dumps(selector)}).scrollIntoView()")


def focused_field(window: MainWindow) -> str:
    """The name of the editor's field that has the keyboard focus ("" if none)."""
    assert window.editor is not None
    focus = QApplication.focusWidget()
    for name, field in window.editor.fields.items():
        widget: QWidget = field.focus_widget()
        if focus is not None and (focus is widget or widget.isAncestorOf(focus)):
            return name
    return ""


def test_a_click_on_the_contact_block_selects_it_and_focuses_the_name(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.activateWindow()
    pane = window.preview
    assert window.selected_block_id() == "masthead"
    scroll_into_view(qtbot, pane, "p.cn")
    click(qtbot, pane, view_point(qtbot, pane, "p.cn"))
    qtbot.waitUntil(lambda: window.selected_block_id() == "contact")
    qtbot.waitUntil(lambda: focused_field(window) == "name")
    # The rest of the block means the contact person too: the name.
    window.select_block("planet")  # which brings the article into view
    scroll_into_view(qtbot, pane, "td.ci")
    click(qtbot, pane, view_point(qtbot, pane, "td.ci", where="corner"))
    qtbot.waitUntil(lambda: window.selected_block_id() == "contact")
    qtbot.waitUntil(lambda: focused_field(window) == "name")


def test_a_click_focuses_the_field_under_the_pointer(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    pane = window.preview
    for selector, block, field in (
        ("h2", "planet", "headline"),
        ("td.tx p", "planet", "body"),
        ("td.btn a", "planet", "link_label"),
        ("img[width='600']", "planet", "image"),
        ("h1", "masthead", "title"),
    ):
        scroll_into_view(qtbot, pane, selector)
        click(qtbot, pane, view_point(qtbot, pane, selector))
        qtbot.waitUntil(lambda block=block: window.selected_block_id() == block)  # type: ignore[misc]
        qtbot.waitUntil(lambda field=field: focused_field(window) == field)  # type: ignore[misc]


def test_a_click_on_a_link_edits_it_instead_of_opening_it(
    window: MainWindow, qtbot: QtBot, monkeypatch: Any
) -> None:
    from composer.gui import preview_page

    opened: list[object] = []
    monkeypatch.setattr(preview_page, "open_external", opened.append)
    pane = window.preview
    scroll_into_view(qtbot, pane, "td.btn a")
    click(qtbot, pane, view_point(qtbot, pane, "td.btn a"))
    qtbot.waitUntil(lambda: window.selected_block_id() == "planet")
    qtbot.wait(200)  # a navigation, were there one, would have been asked for by now
    assert opened == []


def test_hovering_outlines_the_block_with_its_type(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.preview
    proxy = pane.view.focusProxy()
    assert proxy is not None
    scroll_into_view(qtbot, pane, "p.cn")
    qtbot.mouseMove(proxy, view_point(qtbot, pane, "p.cn"))
    box = "document.getElementById('nc-surface-hover')"
    qtbot.waitUntil(lambda: run_js(qtbot, pane, f"{box} && {box}.style.display") == "block")
    assert run_js(qtbot, pane, f"{box}.textContent") == kind_name("contact")
    cbox = run_js(
        qtbot,
        pane,
        "(() => { const r = document.querySelector('table.cbox').getBoundingClientRect();"
        f" const b = {box}.getBoundingClientRect();"
        " return r.top >= b.top && r.bottom <= b.bottom; })()",
    )
    assert cbox  # the outline goes round the whole block


def test_editing_a_block_brings_it_into_view(
    window: MainWindow,
    qtbot: QtBot,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    pane = window.preview
    window.select_block("contact")
    in_view = "(() => { const r = document.querySelector('p.cn').getBoundingClientRect();"
    in_view += " return r.bottom > 0 && r.top < window.innerHeight; })()"
    # The user scrolls the preview elsewhere, then types in the contact's name.
    qtbot.waitUntil(lambda: run_js(qtbot, pane, in_view))
    run_js(qtbot, pane, "window.scrollTo(0, 0)")
    qtbot.waitUntil(lambda: run_js(qtbot, pane, "window.scrollY") == 0)
    assert not run_js(qtbot, pane, in_view)
    assert window.editor is not None
    line = window.editor.fields["name"].focus_widget()
    line.setFocus()
    type_text(line, "x")
    wait_for_preview(window)
    qtbot.waitUntil(lambda: run_js(qtbot, pane, in_view))
    # Moved to the top, it is shown there.
    window.open_document.push(MoveBlock("contact", 0), text="Move")
    wait_for_preview(window)
    qtbot.waitUntil(lambda: run_js(qtbot, pane, in_view))
    assert run_js(qtbot, pane, "window.scrollY") == 0


def test_the_export_carries_no_editor_marks_and_no_script(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, image_cache: ImageCache
) -> None:
    pane = window.preview
    # The page has the marks, the outline and the surface's script (in its own world).
    assert PREVIEW_BLOCK_START in pane.last_html
    assert run_js(qtbot, pane, "typeof window.ncSurface") == "object"
    # What the pane reports as the render is the email: what render() gives, byte for byte.
    result = pane.result
    assert result is not None
    assert PREVIEW_BLOCK_START not in result.html
    bundle = load_sample()
    for html in (
        render(bundle.newsletter, relative_resolver(bundle.images)).html,
        export(bundle, tmp_path / "out", "html", cache=image_cache).read_text(encoding="utf-8"),
    ):
        for mark in (PREVIEW_BLOCK_START, PREVIEW_BLOCK_END, "nc:preview", "nc-surface", "<script"):
            assert mark not in html
        assert "data-nc" not in html


def test_typing_replaces_only_the_block_typed_in(
    window: MainWindow,
    qtbot: QtBot,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    pane = window.preview
    # A mark on the contact's photo element, in the script world the preview's scripts use.
    run_js(qtbot, pane, "(window.keptPhoto = document.querySelector('img.photo, td.cp img'), 1)")
    window.select_block("planet")
    assert window.editor is not None
    line = window.editor.fields["headline"].line  # type: ignore[attr-defined]
    line.setFocus()
    line.end(False)
    type_text(line, " i dag")
    wait_for_preview(window)
    assert run_js(qtbot, pane, "document.querySelector('h2').textContent") == "Planet i dag"
    assert run_js(qtbot, pane, "document.querySelector('td.cp img') === window.keptPhoto")
    assert run_js(qtbot, pane, "window.ncSurface.update([])") == 5  # the marks all still there


def test_changed_blocks_finds_the_blocks_that_differ() -> None:
    def page(*blocks: str, frame: str = "x") -> str:
        body = "".join(PREVIEW_BLOCK_START + block + PREVIEW_BLOCK_END for block in blocks)
        return f"<body>{frame}{body}</body>"

    assert changed_blocks(page("a", "b", "c"), page("a", "B", "c")) == {1: "B"}
    assert changed_blocks(page("a", "b"), page("a", "b")) == {}
    assert changed_blocks(page("a", "b"), page("a", "b", "c")) is None  # a block more
    assert changed_blocks(page("a", "b"), page("a", "b", frame="y")) is None  # a new frame
    assert changed_blocks(page(*"abcd"), page(*"dcba")) is None  # every block moved
    assert changed_blocks("<body>no marks</body>", page("a")) is None


def test_a_block_chosen_in_the_list_is_brought_into_view(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.preview
    in_view = "(() => { const r = document.querySelector('p.cn').getBoundingClientRect();"
    in_view += " return r.bottom > 0 && r.top < window.innerHeight; })()"
    assert not run_js(qtbot, pane, in_view)
    view = window.block_list
    row = view.visualRect(window.model.row_of("contact")).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert window.selected_block_id() == "contact"
    qtbot.waitUntil(lambda: run_js(qtbot, pane, in_view))


def test_the_marks_are_all_the_preview_copy_adds_even_with_marks_in_the_text() -> None:
    bundle = load_sample()
    newsletter = bundle.newsletter
    article = newsletter.block("planet")
    trap = article.model_copy(
        update={"headline": PREVIEW_BLOCK_START, "body": f"<p>{PREVIEW_BLOCK_END}</p>"}
    )
    newsletter = newsletter.model_copy(
        update={"blocks": tuple(trap if b.id == "planet" else b for b in newsletter.blocks)}
    )
    resolver = relative_resolver(bundle.images)
    plain = render(newsletter, resolver).html
    marked = render(newsletter, resolver, mark_blocks=True).html
    assert unmarked(marked) == plain
    assert marked.count(PREVIEW_BLOCK_START) == len(newsletter.blocks)
    assert marked.count(PREVIEW_BLOCK_END) == len(newsletter.blocks)


def test_a_click_in_the_second_column_means_its_fields() -> None:
    second = [["h3", [], ""], ["div", ["col", "sc", "gl"], ""], ["td", ["row"], ""]]
    first = [["div", ["cx"], ""], ["div", ["col", "sc"], ""], ["td", ["row"], ""]]
    assert field_for("columns", second) == "second_headline"
    assert field_for("columns", first) == "first_body"
    assert field_for("contact", [["p", ["cr"], ""], ["td", ["col", "ci"], ""]]) == "role"
    assert field_for("contact", [["a", [], "mailto"], ["p", ["cr"], ""]]) == "email"
    assert field_for("contact", [["td", ["ct"], ""]]) == "name"
