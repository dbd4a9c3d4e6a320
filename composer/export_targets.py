"""Where an export goes: the folder layout it writes, and the targets it refuses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, Literal

from composer.atomic import real_target
from composer.errors import ExportError
from composer.i18n import ui_message as _

Format = Literal["html", "zip", "eml"]
HTML_NAME: Final = "newsletter.html"
TEXT_NAME: Final = "newsletter.txt"
IMAGES_FOLDER: Final = "images"
_SUFFIXES: Final = {"zip": ".zip", "eml": ".eml"}
# What the desktop leaves in any folder it has shown (Finder, Explorer): no reason to refuse.
_DESKTOP_FILES: Final = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
_EXPORTED_IMAGE: Final = re.compile(r"^\d{2,}-[a-z0-9-]+\.(jpg|png|gif)$")


def foreign_entries(folder: Path) -> list[str]:
    """What in ``folder`` a previous export did not write (and an export must not delete)."""
    foreign = []
    for entry in folder.iterdir():
        if entry.name in _DESKTOP_FILES:
            continue
        if entry.name in (HTML_NAME, TEXT_NAME) and entry.is_file():
            continue
        if entry.name == IMAGES_FOLDER and entry.is_dir() and not entry.is_symlink():
            foreign += [
                f"{IMAGES_FOLDER}/{image.name}"
                for image in entry.iterdir()
                if image.name not in _DESKTOP_FILES
                and not (image.is_file() and _EXPORTED_IMAGE.match(image.name))
            ]
            continue
        foreign.append(entry.name)
    return sorted(foreign)


def check_target(target: Path, fmt: Format) -> None:
    """Refuse a target that would cost the user a file an export did not write."""
    try:
        if fmt == "html":
            if target.is_symlink() or (target.exists() and not target.is_dir()):
                raise ExportError(
                    _(
                        "Cannot export to “{target}”: a file with that name exists. Choose a new "
                        "or empty folder."
                    ).format(target=target)
                )
            foreign = foreign_entries(target) if target.exists() else []
            if foreign:
                shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
                raise ExportError(
                    _(
                        "Cannot export to “{target}”: the folder holds files that are not from an "
                        "earlier export ({files}), and exporting would delete them. Choose a new "
                        "or empty folder."
                    ).format(target=target, files=shown)
                )
            return
        suffix = _SUFFIXES[fmt]
        if target.is_dir():
            raise ExportError(
                _(
                    "Cannot export to “{target}”: it is a folder. Give the name of the {suffix} "
                    "file to write, such as newsletter{suffix}."
                ).format(target=target, suffix=suffix)
            )
        # A link is written through (composer.atomic), so the file it points at must fit too.
        if target.exists() and real_target(target).suffix.lower() != suffix:
            raise ExportError(
                _(
                    "Cannot export to “{target}”: a file with that name exists and is not a "
                    "{suffix} file, so it is not replaced. Choose another name."
                ).format(target=target, suffix=suffix)
            )
    except OSError as exc:
        raise ExportError(cannot_export(target, exc)) from None


def cannot_export(target: Path, exc: OSError) -> str:
    return _("Cannot export to “{target}”: {error}.").format(
        target=target, error=exc.strerror or exc
    )


def create_parents(target: Path) -> list[Path]:
    """Create the folders above ``target``; returns those that were missing, deepest first."""
    missing = []
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    target.parent.mkdir(parents=True, exist_ok=True)
    return missing
