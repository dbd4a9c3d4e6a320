"""The program's entry point: a command runs headless, no command opens the window."""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Final

from composer.cli import main as cli_main
from composer.errors import ComposerError

#: What Qt's X11 plugin needs beyond a bare Linux; missing, Qt aborts with a cryptic message.
_XCB_LIBRARIES: Final = ("xcb-cursor", "xcb-icccm", "xcb-keysyms", "xkbcommon-x11")
_XCB_PACKAGES: Final = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
    "libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0"
)


def screen_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Say why the window cannot open on this Linux machine, or None when it can.

    Qt ends the process with a message few users can act on when there is no screen or a
    system library is missing; this says what to do instead, before Qt is loaded.
    """
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "There is no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
            "set). On a machine without a screen, run it under a virtual one (xvfb-run "
            "newsletter-composer), take a picture of it (make screenshot), or use the "
            "commands: newsletter-composer --help."
        )
    if environ.get("WAYLAND_DISPLAY"):
        return None
    missing = [name for name in _XCB_LIBRARIES if ctypes.util.find_library(name) is None]
    if missing:
        return (
            f"The window needs system libraries this computer lacks ({', '.join(missing)}). "
            f"On Debian or Ubuntu: sudo apt install {_XCB_PACKAGES}"
        )
    return None


def open_window(file: str | None) -> int:
    """Open the composer window on ``file``, or where the user left off."""
    if problem := screen_problem():
        raise ComposerError(problem)
    try:
        from composer.gui.app import run
    except ImportError as exc:
        # Typically Qt's system libraries (libEGL, libxkbcommon) missing on a bare machine.
        raise ComposerError(
            f"The window cannot start on this computer ({exc}). Every command still works "
            "headless: see newsletter-composer --help."
        ) from None
    return run(file)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newsletter-composer`` with ``argv``; returns the exit status."""
    return cli_main(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
