"""The program's entry point: a command runs headless, no command opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from composer.cli import main as cli_main
from composer.errors import ComposerError


def open_window(file: str | None) -> int:
    """Open the composer window on ``file``, or on the bundled sample newsletter."""
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
