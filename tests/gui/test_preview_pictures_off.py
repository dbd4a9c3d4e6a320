"""The preview without pictures: what readers see before they allow pictures."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWebEngineCore import QWebEngineScript
from pytestqt.qtbot import QtBot

import composer
from composer.gui.main_window import MainWindow
from composer.gui.preview import PreviewPane, pictures_off


def run_js(qtbot: QtBot, pane: PreviewPane, script: str) -> Any:
    """Evaluate ``script`` in the application's own script world (the page's JS is off)."""
    with qtbot.waitCallback(timeout=10_000) as callback:
        pane.page.runJavaScript(
            f"JSON.stringify({script})", QWebEngineScript.ScriptWorldId.ApplicationWorld, callback
        )
    value = callback.args[0]
    return json.loads(value) if value else None


TS_PATH = "resources/translations/composer_sv.ts"
ARTICLE_ALT = "Seminariedeltagare framför en filmduk där Planet-projektet presenteras."


def test_the_preview_without_pictures_shows_the_alt_text(
    window: MainWindow, qtbot: QtBot, wait_for_preview: Callable[[MainWindow], None]
) -> None:
    pane = window.preview
    picture = "document.querySelector(\"img[width='600']\").getBoundingClientRect()"
    with_pictures = run_js(qtbot, pane, f"[{picture}.width, {picture}.height]")
    height = run_js(qtbot, pane, "document.documentElement.scrollHeight")
    window.menus.pictures_off_action.trigger()
    wait_for_preview(window)
    assert pane.pictures_off
    assert pane.pictures_off_button.isChecked()
    assert run_js(qtbot, pane, "document.images.length") == 0
    text = run_js(qtbot, pane, "document.body.innerText")
    assert ARTICLE_ALT in text
    assert "North Sweden European Office" in text  # the logo's alt text, on the masthead
    # The layout stands: the picture's box keeps its size, the page its length.
    shown = run_js(
        qtbot,
        pane,
        "Array.from(document.querySelectorAll('[data-nc-picture-off]'))"
        ".map(e => [e.textContent, e.getBoundingClientRect().width,"
        " e.getBoundingClientRect().height])",
    )
    article = next(entry for entry in shown if entry[0] == ARTICLE_ALT)
    assert abs(article[1] - with_pictures[0]) <= 1
    assert abs(article[2] - with_pictures[1]) <= 1
    assert abs(run_js(qtbot, pane, "document.documentElement.scrollHeight") - height) <= 2
    # The background colours stay: the masthead is still the accent colour.
    masthead = "getComputedStyle(document.querySelector('td.mh')).backgroundColor"
    assert run_js(qtbot, pane, masthead) == "rgb(31, 92, 153)"
    # The email itself is not touched: the source tab and the render keep their pictures.
    assert pane.result is not None and "<img" in pane.result.html
    window.menus.pictures_off_action.trigger()
    wait_for_preview(window)
    assert run_js(qtbot, pane, "document.images.length") == 3


def test_pictures_off_keeps_sizes_and_escapes_alt_text() -> None:
    html = (
        '<p><img src="nc-image://img/a?w=600" width="600" height="375"'
        ' alt="a &amp; &quot;b&quot;" style="display:block"></p>'
    )
    out = pictures_off(html)
    assert "<img" not in out and "nc-image" not in out
    assert "a &amp; &quot;b&quot;</span>" in out
    assert "width:600px" in out and "aspect-ratio:600/375" in out


def test_the_view_menus_swedish_access_keys_stay_unique(window: MainWindow) -> None:
    catalog = ET.parse(Path(composer.__file__).parent.parent / TS_PATH).getroot()
    swedish = {
        message.findtext("source"): message.findtext("translation") or ""
        for context in catalog.iter("context")
        if context.findtext("name") == "WindowMenus"
        for message in context.iter("message")
    }
    entries = [action.text() for action in window.menus.view_menu.actions() if action.text()]
    assert window.menus.pictures_off_action.text() in entries
    keys = [
        re.findall(r"(?<!&)&(\w)", swedish[text])[0].lower()
        for text in entries
        if text in swedish and "&" in swedish[text]
    ]
    assert len(keys) >= 5
    assert len(set(keys)) == len(keys), keys


def test_a_hidden_dark_mode_twin_stays_hidden_and_keeps_its_class() -> None:
    out = pictures_off(
        '<img class="icd" src="x" width="24" height="24" alt="Facebook" style="display:none">'
    )
    assert 'class="icd"' in out
    assert "display:none" in out and "display:flex" not in out


def test_the_alt_text_is_readable_in_dark_mode(
    window: MainWindow, qtbot: QtBot, wait_for_preview: Callable[[MainWindow], None]
) -> None:
    """Found in the user trial: Dark + No pictures showed every alt text black on dark grey."""
    pane = window.preview
    window.menus.dark_action.trigger()
    window.menus.pictures_off_action.trigger()
    wait_for_preview(window)
    colours = run_js(
        qtbot,
        pane,
        "Array.from(document.querySelectorAll('[data-nc-picture-off]'))"
        ".filter(e => e.textContent === " + json.dumps(ARTICLE_ALT) + ")"
        ".map(e => getComputedStyle(e).color)",
    )
    assert colours, "the article's alt text is shown"
    for colour in colours:
        red, green, blue = (int(part) for part in re.findall(r"\d+", colour)[:3])
        assert min(red, green, blue) > 160, colour  # light text on the dark paper
