"""Both themes in a real browser engine: fits a phone, keeps its column on a desktop, holds up
in dark mode (issue 3).

The sample is exported with its pictures and shown in a QWebEngineView at phone and desktop
width; the page itself is asked where things ended up. Screenshots go to ``tmp_path``, or to
``docs/`` with ``UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtWebEngineCore import QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from pytestqt.qtbot import QtBot

from composer.export import export
from composer.model import THEMES, Bundle
from composer.render import theme_colours

# Chromium without a GPU says so through Qt's log; that is the set-up, not a failure.
pytestmark = pytest.mark.qt_log_ignore(
    r"QRhiGles2|Failed to create RHI|createPlatformVulkanInstance|QVulkanInstance|"
    r"GBM is not supported|GPUInfo not initialized|propagateSizeHints"
)

DOCS = Path(__file__).resolve().parent.parent / "docs"
PHONE = 375
DESKTOP = 600
WIDE = 800


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample exported in each theme: ``newsletter.html`` with its ``images/``."""
    from composer.sample import load_sample

    folders = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
        for name in THEMES:
            bundle = load_sample()
            settings = bundle.newsletter.settings.model_copy(update={"theme": name})
            bundle = Bundle(
                bundle.newsletter.model_copy(update={"settings": settings}), bundle.images
            )
            folder = tmp_path_factory.mktemp(name) / "export"
            export(bundle, folder, "html", executor=executor)
            folders[name] = folder
    return folders


@pytest.fixture(params=THEMES)
def theme_name(request: pytest.FixtureRequest) -> str:
    """Each theme a user can choose."""
    name: str = request.param
    return name


def html_in(folder: Path) -> str:
    return (folder / "newsletter.html").read_text(encoding="utf-8")


def as_dark_mode(html: str) -> str:
    """``html`` as a client in dark mode applies it: the dark media query always matches.

    Qt offers no way to emulate ``prefers-color-scheme`` offscreen, so the query is made
    unconditional instead; the rules inside are exactly those a dark-mode client applies.
    """
    dark, count = re.subn(r"@media \(prefers-color-scheme: ?dark\)", "@media all", html)
    assert count == 1
    return dark


def as_outlook_com_dark_mode(html: str) -> str:
    """``html`` with Outlook.com's dark-mode marks, which its ``[data-ogs*]`` rules look for."""
    return html.replace("<html ", '<html data-ogsc="" data-ogsb="" ', 1)


def open_page(qtbot: QtBot, html: str, folder: Path, width: int) -> QWebEngineView:
    """``html`` loaded, pictures included, in a view ``width`` pixels wide."""
    view = QWebEngineView()
    qtbot.addWidget(view)
    settings = view.settings()
    # This test page asks the page for measurements; the app's preview keeps JavaScript off.
    settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, True)
    # Phones overlay their scroll bars; a classic one would take 15 px off the width.
    settings.setAttribute(QWebEngineSettings.WebAttribute.ShowScrollBars, False)
    view.resize(width, 900)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=30_000) as loaded:
        view.setHtml(html, QUrl.fromLocalFile(f"{folder}/"))
    assert loaded.args == [True]
    assert evaluate(
        qtbot, view, "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
    ), "a picture did not load"
    return view


def evaluate(qtbot: QtBot, view: QWebEngineView, expression: str) -> Any:
    """The value of a JavaScript ``expression`` in the page (passed through JSON)."""
    results: list[str] = []
    view.page().runJavaScript(f"JSON.stringify({expression})", 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    return json.loads(results[0])


def box(qtbot: QtBot, view: QWebEngineView, selector: str) -> dict[str, float]:
    """Where the first element matching ``selector`` is, in CSS pixels."""
    found: dict[str, float] = evaluate(
        qtbot,
        view,
        f"(r => ({{left: r.left, right: r.right, top: r.top, bottom: r.bottom,"
        f" width: r.width}}))(document.querySelector({json.dumps(selector)})"
        f".getBoundingClientRect())",
    )
    return found


def computed(qtbot: QtBot, view: QWebEngineView, selector: str, prop: str) -> str:
    value: str = evaluate(
        qtbot,
        view,
        f"getComputedStyle(document.querySelector({json.dumps(selector)}))"
        f".getPropertyValue({json.dumps(prop)})",
    )
    return value


def rgb(colour: str) -> str:
    """``#rrggbb`` as getComputedStyle writes it."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


#: The colour the page paints at (x, y): the first opaque background up from the element there.
PAINTED_COLOUR = """((x, y) => {
  for (let e = document.elementFromPoint(x, y); e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)") return colour;
  }
  return "rgb(255, 255, 255)";
})"""


def screenshot(qtbot: QtBot, view: QWebEngineView, path: Path) -> QImage:
    """The whole page as a PNG at ``path``: the view grows to the page's height first."""
    width = view.width()
    height = int(evaluate(qtbot, view, "document.documentElement.scrollHeight"))
    view.resize(width, height)
    qtbot.waitUntil(lambda: evaluate(qtbot, view, "window.innerHeight") == height)
    # The compositor paints the grown view a moment after the resize, the background first:
    # grab until the masthead shows its colour, the last link (at the very bottom) shows
    # letters, and two grabs in a row agree.
    masthead = evaluate(qtbot, view, f"{PAINTED_COLOUR}(1, 30)")
    last_link = evaluate(
        qtbot,
        view,
        "(r => [r.left, r.top, r.right, r.bottom].map(Math.round))("
        "Array.from(document.querySelectorAll('a')).pop().getBoundingClientRect())",
    )
    left, top, right, bottom = last_link
    grabs = [QImage()]

    def painted() -> bool:
        page = view.grab().toImage()
        top_colour = page.pixelColor(1, 30)
        letters = {page.pixel(x, y) for x in range(left, right) for y in range(top, bottom)}
        settled = (
            page.height() == height
            and f"rgb({top_colour.red()}, {top_colour.green()}, {top_colour.blue()})" == masthead
            and len(letters) > 2
            and page == grabs[-1]
        )
        grabs.append(page)
        return settled

    qtbot.waitUntil(painted, timeout=10_000)
    path.parent.mkdir(parents=True, exist_ok=True)
    assert grabs[-1].save(str(path))
    return grabs[-1]


def screenshot_folder(tmp_path: Path) -> Path:
    return DOCS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path


# --- the tests ------------------------------------------------------------------------------


def test_phone_width_nothing_overflows(
    qtbot: QtBot, exports: dict[str, Path], theme_name: str
) -> None:
    folder = exports[theme_name]
    view = open_page(qtbot, html_in(folder), folder, PHONE)
    assert evaluate(qtbot, view, "document.documentElement.scrollWidth") <= PHONE
    rightmost = evaluate(
        qtbot,
        view,
        "Math.max(...Array.from(document.body.querySelectorAll('*'))"
        ".map(e => e.getBoundingClientRect().right))",
    )
    assert rightmost <= PHONE
    # The photo fills the column: it shrank from its 600 px (or 512 px) width attribute.
    photo = box(qtbot, view, "img[width='600'], img[width='512']")
    assert photo["right"] <= PHONE and photo["width"] >= PHONE - 2 * 22


def test_phone_stacks_the_contact_columns(
    qtbot: QtBot, exports: dict[str, Path], theme_name: str
) -> None:
    folder = exports[theme_name]
    phone = open_page(qtbot, html_in(folder), folder, PHONE)
    portrait, text = box(qtbot, phone, "td.col"), box(qtbot, phone, "td.col + td.col")
    assert text["top"] >= portrait["bottom"] - 1
    wide = open_page(qtbot, html_in(folder), folder, WIDE)
    portrait, text = box(qtbot, wide, "td.col"), box(qtbot, wide, "td.col + td.col")
    assert text["left"] >= portrait["right"] - 1 and abs(text["top"] - portrait["top"]) < 1


def test_desktop_keeps_a_centred_600px_column(
    qtbot: QtBot, exports: dict[str, Path], theme_name: str
) -> None:
    folder = exports[theme_name]
    view = open_page(qtbot, html_in(folder), folder, WIDE)
    column = box(qtbot, view, "table[width='600']")
    assert column["width"] == DESKTOP
    assert column["left"] == (WIDE - DESKTOP) / 2


@pytest.mark.parametrize("mode", ["prefers-color-scheme", "outlook.com"])
def test_dark_mode_turns_paper_and_text_dark_and_keeps_the_masthead(
    qtbot: QtBot, exports: dict[str, Path], theme_name: str, mode: str
) -> None:
    folder = exports[theme_name]
    html = html_in(folder)
    dark = as_dark_mode(html) if mode == "prefers-color-scheme" else as_outlook_com_dark_mode(html)
    view = open_page(qtbot, dark, folder, PHONE)
    colours = theme_colours("#1f5c99", theme_name)
    paper = computed(qtbot, view, "table[width='600']", "background-color")
    assert paper == rgb(colours["dark_paper"])
    assert computed(qtbot, view, "td.tx p", "color") == rgb(colours["dark_text"])
    assert computed(qtbot, view, "td.tx a", "color") == rgb(colours["link_dark"])
    # The logo is light: its band keeps the accent colour it was made for.
    assert computed(qtbot, view, "td.mh", "background-color") == rgb(colours["accent"])


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_screenshots(
    qtbot: QtBot, exports: dict[str, Path], theme_name: str, width: int, tmp_path: Path
) -> None:
    folder = exports[theme_name]
    view = open_page(qtbot, html_in(folder), folder, width)
    shot = screenshot(qtbot, view, screenshot_folder(tmp_path) / f"email-{theme_name}-{width}.png")
    assert shot.width() == width and shot.height() > 1500
    # A newsletter, not a blank page: the masthead's accent colour is at the top.
    assert shot.pixelColor(width // 2, 30).name() == theme_colours("#1f5c99", theme_name)["accent"]


def test_dark_mode_screenshot(
    qtbot: QtBot, exports: dict[str, Path], theme_name: str, tmp_path: Path
) -> None:
    folder = exports[theme_name]
    view = open_page(qtbot, as_dark_mode(html_in(folder)), folder, DESKTOP)
    shot = screenshot(
        qtbot, view, screenshot_folder(tmp_path) / f"email-{theme_name}-{DESKTOP}-dark.png"
    )
    colours = theme_colours("#1f5c99", theme_name)
    text = box(qtbot, view, "td.tx")
    corner = shot.pixelColor(int(text["left"]) + 3, int(text["top"]) + 3)
    assert corner.name() == colours["dark_paper"]
