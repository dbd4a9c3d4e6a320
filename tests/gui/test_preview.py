"""The live preview: sealed from the network, images from the document, modes, scrolling."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from composer.errors import RenderError
from composer.gui import preview as preview_module
from composer.gui import preview_page
from composer.gui.main_window import MainWindow
from composer.gui.preview import MOBILE_WIDTH, PreviewPane, force_dark
from composer.gui.preview_page import BASE_URL


def run_js(qtbot: QtBot, pane: PreviewPane, script: str) -> Any:
    """Evaluate ``script`` in the application's own script world (the page's JS is off)."""
    with qtbot.waitCallback(timeout=10_000) as callback:
        pane.page.runJavaScript(
            f"JSON.stringify({script})", QWebEngineScript.ScriptWorldId.ApplicationWorld, callback
        )
    value = callback.args[0]
    return json.loads(value) if value else None  # undefined comes back as ""


def load(qtbot: QtBot, pane: PreviewPane, html: str) -> None:
    with qtbot.waitSignal(pane.page.loadFinished, timeout=10_000):
        pane.page.setHtml(html, BASE_URL)


def test_a_remote_image_is_blocked(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.preview
    with qtbot.waitSignal(pane.blocker.request_blocked, timeout=10_000) as blocked:
        pane.page.setHtml('<p>Spårning</p><img src="https://example.com/x.png">', BASE_URL)
    assert blocked.args[0] == QUrl("https://example.com/x.png")
    assert QUrl("https://example.com/x.png") in pane.blocker.blocked


def test_the_pages_own_javascript_does_not_run(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.preview
    load(qtbot, pane, "<title>before</title><script>document.title = 'ran'</script>")
    assert run_js(qtbot, pane, "document.title") == "before"


def test_the_documents_images_come_through_the_scheme(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.preview
    sources = run_js(qtbot, pane, "Array.from(document.images).map(i => i.src)")
    assert len(sources) == 3
    assert all(src.startswith("nc-image://img/") for src in sources)
    qtbot.waitUntil(
        lambda: run_js(
            qtbot, pane, "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
        )
    )
    assert pane.blocker.blocked == []


def test_a_clicked_link_opens_in_the_system_browser(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_external(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(preview_page, "open_external", open_external)
    page = window.preview.page
    link = QUrl("https://www.northsweden.eu/nyheter/planet")
    assert not page.acceptNavigationRequest(
        link, QWebEnginePage.NavigationType.NavigationTypeLinkClicked, True
    )
    assert opened == [link]
    assert not page.acceptNavigationRequest(
        QUrl("https://tracker.example/"), QWebEnginePage.NavigationType.NavigationTypeRedirect, True
    )
    assert opened == [link]


def test_dark_mode_applies_the_templates_dark_rules(
    window: MainWindow, qtbot: QtBot, wait_for_preview: Callable[[MainWindow], None]
) -> None:
    html = window.preview.last_html
    assert "prefers-color-scheme" in html
    window.menus.dark_action.trigger()
    wait_for_preview(window)
    assert window.preview.dark
    assert "prefers-color-scheme" not in window.preview.last_html
    assert window.preview.last_html == force_dark(html)
    background = run_js(qtbot, window.preview, "getComputedStyle(document.body).backgroundColor")
    light = background
    window.menus.dark_action.trigger()
    wait_for_preview(window)
    light = run_js(qtbot, window.preview, "getComputedStyle(document.body).backgroundColor")
    assert background != light


def test_mobile_width_is_a_phone_and_desktop_keeps_the_desktop_layout(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.menus.mobile_action.trigger()
    assert window.preview.mode == "mobile"
    assert window.preview.view.width() <= MOBILE_WIDTH
    # The page takes its new zoom a moment after the view its new width.
    qtbot.waitUntil(
        lambda: abs(run_js(qtbot, window.preview, "window.innerWidth") - MOBILE_WIDTH) <= 20
    )
    window.menus.desktop_action.trigger()
    qtbot.waitUntil(lambda: run_js(qtbot, window.preview, "window.innerWidth") >= 690)


def test_the_scroll_position_survives_an_update(
    window: MainWindow,
    qtbot: QtBot,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    pane = window.preview
    run_js(qtbot, pane, "window.scrollTo(0, 500)")
    qtbot.waitUntil(lambda: abs(run_js(qtbot, pane, "window.scrollY") - 500) <= 1)
    # A block partly in view (its headline above it) is not brought further into view.
    window.select_block("planet")
    assert window.editor is not None
    field = window.editor.fields["headline"]
    field.line.setFocus()  # type: ignore[attr-defined]
    field.line.end(False)  # type: ignore[attr-defined]
    type_text(field.line, " – om oss")  # type: ignore[attr-defined]
    wait_for_preview(window)
    assert "om oss" in pane.last_html
    qtbot.waitUntil(lambda: abs(run_js(qtbot, pane, "window.scrollY") - 500) <= 1)
    window.menus.dark_action.trigger()  # a new <head>: the page is loaded anew
    wait_for_preview(window)
    qtbot.waitUntil(lambda: abs(run_js(qtbot, pane, "window.scrollY") - 500) <= 1)


def test_an_update_in_place_gives_the_page_a_full_load_gives(
    window: MainWindow,
    qtbot: QtBot,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    pane = window.preview
    window.select_block("planet")
    assert window.editor is not None
    field = window.editor.fields["headline"]
    field.line.setFocus()  # type: ignore[attr-defined]
    field.line.end(False)  # type: ignore[attr-defined]
    type_text(field.line, " & co <b>")  # type: ignore[attr-defined]
    wait_for_preview(window)
    updated = run_js(qtbot, pane, "document.documentElement.outerHTML")
    assert "Planet &amp; co &lt;b&gt;" in updated
    html = pane.last_html
    pane.page.last_html = ""  # forget the page, so the same HTML is loaded from scratch
    with qtbot.waitSignal(pane.page.loadFinished, timeout=10_000):
        pane.page.show_html(html)
    wait_for_preview(window)
    assert run_js(qtbot, pane, "document.documentElement.outerHTML") == updated


def test_a_failed_render_keeps_the_last_preview_and_says_why(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = window.preview.last_html

    def broken(*_args: object, **_kwargs: object) -> object:
        raise RenderError("The newsletter template could not be rendered: test.")

    monkeypatch.setattr(preview_module, "render", broken)
    window.preview.render_now()
    qtbot.waitUntil(lambda: not window.preview.problem.isHidden())
    assert "could not be rendered: test" in window.preview.problem.text()
    assert window.preview.last_html == shown


def test_plain_text_and_source_tabs_show_the_render(window: MainWindow) -> None:
    result = window.preview.result
    assert result is not None
    window.preview.tabs.setCurrentIndex(1)
    # QPlainTextEdit gives non-breaking spaces back as plain ones.
    assert window.preview.text_view.toPlainText() == result.text.replace("\xa0", " ")
    window.preview.tabs.setCurrentIndex(2)
    assert window.preview.source_view.toPlainText() == result.html.replace("\xa0", " ")
    assert "KB" in window.preview.size_label.text()
