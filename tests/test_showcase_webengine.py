"""The showcase in a real browser engine: side by side on a desktop, stacked and within the
screen on a phone, in both themes, light and dark (issue 13).

Screenshots go to ``tmp_path``, or to ``docs/`` with ``UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from test_themes_webengine import (
    PHONE,
    as_dark_mode,
    box,
    evaluate,
    html_in,
    open_page,
    screenshot,
    screenshot_folder,
)

from composer.export import export
from composer.model import THEMES, Bundle
from composer.render import theme, theme_colours
from composer.sample import load_sample

pytestmark = pytest.mark.qt_log_ignore(
    r"QRhiGles2|Failed to create RHI|createPlatformVulkanInstance|QVulkanInstance|"
    r"GBM is not supported|GPUInfo not initialized|propagateSizeHints"
)

#: Just wider than the phone rules (max-width 620 px): the 600 px design with a margin.
DESKTOP = 640


@pytest.fixture(scope="module")
def showcases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The showcase exported in each theme: ``newsletter.html`` with its ``images/``."""
    folders = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
        for name in THEMES:
            bundle = load_sample("showcase")
            settings = bundle.newsletter.settings.model_copy(update={"theme": name})
            bundle = Bundle(
                bundle.newsletter.model_copy(update={"settings": settings}), bundle.images
            )
            folder = tmp_path_factory.mktemp(f"showcase-{name}") / "export"
            export(bundle, folder, "html", executor=executor)
            folders[name] = folder
    return folders


@pytest.fixture(params=THEMES)
def theme_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


ROWS = "Array.from(document.querySelectorAll('td.row'))"
#: Each side-by-side row's two cells, as [left, top, right, bottom] boxes.
CELLS = (
    f"{ROWS}.map(row => Array.from(row.children).filter(c => c.tagName === 'DIV')"
    ".map(c => (r => [r.left, r.top, r.right, r.bottom])(c.getBoundingClientRect())))"
)


def test_the_showcase_fits_a_phone_without_scrolling_sideways(
    qtbot: QtBot, showcases: dict[str, Path], theme_name: str
) -> None:
    folder = showcases[theme_name]
    for html in (html_in(folder), as_dark_mode(html_in(folder))):
        view = open_page(qtbot, html, folder, PHONE)
        assert evaluate(qtbot, view, "document.documentElement.scrollWidth") <= PHONE
        rightmost = evaluate(
            qtbot,
            view,
            "Math.max(...Array.from(document.body.querySelectorAll('*'))"
            ".map(e => e.getBoundingClientRect().right))",
        )
        assert rightmost <= PHONE


def test_side_by_side_on_a_desktop_and_stacked_on_a_phone(
    qtbot: QtBot, showcases: dict[str, Path], theme_name: str
) -> None:
    folder = showcases[theme_name]
    desktop = open_page(qtbot, html_in(folder), folder, DESKTOP)
    rows = evaluate(qtbot, desktop, CELLS)
    assert len(rows) == 3  # picture left, picture right, two columns
    for first, second in rows:
        assert abs(first[1] - second[1]) < 1  # the same top
        assert first[2] <= second[0] + 1 or second[2] <= first[0] + 1  # apart, not overlapping
    # The right-hand picture: first in the markup, on the right on the screen.
    picture, text = rows[1]
    assert picture[0] >= text[2] - 1 and picture[0] > text[0]
    width = theme(theme_name).content_width
    assert all(abs((second[2] - first[0]) - width) < 1 for first, second in rows[::2])
    phone = open_page(qtbot, html_in(folder), folder, PHONE)
    for first, second in evaluate(qtbot, phone, CELLS):
        assert second[1] >= first[3] - 1  # the second under the first
        assert first[2] - first[0] > PHONE - 2 * 30  # each fills the column


def test_dark_mode_swaps_in_the_light_icons(
    qtbot: QtBot, showcases: dict[str, Path], theme_name: str
) -> None:
    folder = showcases[theme_name]
    shown = "Array.from(document.querySelectorAll('td.lr img')).map(i => i.offsetWidth > 0)"
    light = evaluate(qtbot, open_page(qtbot, html_in(folder), folder, DESKTOP), shown)
    assert light == [True, False] * 6
    dark = evaluate(qtbot, open_page(qtbot, as_dark_mode(html_in(folder)), folder, DESKTOP), shown)
    assert dark == [False, True] * 6


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_showcase_screenshots(
    qtbot: QtBot, showcases: dict[str, Path], width: int, tmp_path: Path
) -> None:
    folder = showcases["classic"]
    view = open_page(qtbot, html_in(folder), folder, width)
    name = "600" if width == DESKTOP else str(width)
    shot = screenshot(qtbot, view, screenshot_folder(tmp_path) / f"showcase-classic-{name}.png")
    assert shot.width() == width and shot.height() > 2500
    top = box(qtbot, view, "td.mh")
    colour = shot.pixelColor(int(top["left"]) + 4, int(top["top"]) + 4).name()
    assert colour == theme_colours("#1f5c99", "classic")["accent"]


def test_showcase_dark_screenshot(qtbot: QtBot, showcases: dict[str, Path], tmp_path: Path) -> None:
    folder = showcases["classic"]
    view = open_page(qtbot, as_dark_mode(html_in(folder)), folder, DESKTOP)
    shot = screenshot(qtbot, view, screenshot_folder(tmp_path) / "showcase-classic-600-dark.png")
    cell = box(qtbot, view, "td.row")
    corner = shot.pixelColor(int(cell["left"]) + 2, int(cell["top"]) + 2)
    assert corner.name() == theme_colours("#1f5c99", "classic")["dark_paper"]
