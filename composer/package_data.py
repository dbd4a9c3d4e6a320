"""The one locator of packaged data: email templates, the sample newsletter, icons.

In the repository the data sits beside the package, in ``templates/`` and ``resources/``;
the build maps both into it (``pyproject.toml``), so a wheel and an editable install alike
have them as ``composer.templates`` and ``composer.resources``, read here and only here.
"""

from __future__ import annotations

import importlib.resources
import os
import sys
from importlib.resources.abc import Traversable
from pathlib import Path


def _child(folder: str, name: str) -> Traversable:
    # Names come from our own code, never from users; still, refuse anything that climbs out.
    parts = name.split("/")
    if name.startswith("/") or ".." in parts:
        raise ValueError(f"not a resource name: {name!r}")
    node = importlib.resources.files(f"composer.{folder}")
    for part in parts:
        node = node / part
    return node


def template_root() -> Traversable:
    """The folder of Jinja2 email templates (one sub-folder per theme)."""
    return importlib.resources.files("composer.templates")


def resource(name: str) -> Traversable:
    """A packaged resource, such as ``samples/north-sweden-2012-11/document.json``."""
    return _child("resources", name)


def read_resource_bytes(name: str) -> bytes:
    """The bytes of a packaged resource."""
    return resource(name).read_bytes()


def read_template_text(name: str) -> str:
    """The text of a file under ``templates/``, such as ``locale/sv/messages.po``."""
    return _child("templates", name).read_text(encoding="utf-8")


def user_cache_folder(purpose: str) -> Path:
    """Where this user's cache of ``purpose`` (images, templates, …) lives, per platform custom.

    Nothing in it is precious: every file can be rebuilt, so callers must cope with a folder
    they cannot create or write.
    """
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "newsletter-composer" / "Cache" / purpose
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "newsletter-composer" / purpose
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says to ignore a relative path.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / "newsletter-composer" / purpose
