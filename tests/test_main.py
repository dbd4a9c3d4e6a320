"""The entry point: a clear word instead of Qt's abort when the window cannot open."""

from __future__ import annotations

import sys

import pytest

from composer.main import main, screen_problem

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland rules")


@linux
def test_no_screen_says_what_to_do_instead() -> None:
    problem = screen_problem({})
    assert problem is not None
    assert "xvfb-run" in problem
    assert "newsletter-composer --help" in problem


@linux
def test_offscreen_and_wayland_need_no_x_libraries() -> None:
    assert screen_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert screen_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None


@linux
def test_missing_x_libraries_are_named_with_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes.util

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    problem = screen_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert "xcb-cursor" in problem
    assert "sudo apt install libxcb-cursor0" in problem


@linux
def test_opening_the_window_without_a_screen_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "no screen" in err
    assert "Traceback" not in err
