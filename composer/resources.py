"""The one locator of packaged data: email templates, the sample newsletter, icons."""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable

import composer


def _child(folder: str, name: str) -> Traversable:
    # Names come from our own code, never from users; still, refuse anything that climbs out.
    parts = name.split("/")
    if name.startswith("/") or ".." in parts:
        raise ValueError(f"not a resource name: {name!r}")
    node = importlib.resources.files(composer) / folder
    for part in parts:
        node = node / part
    return node


def template_root() -> Traversable:
    """The folder of Jinja2 email templates (one sub-folder per theme)."""
    return importlib.resources.files(composer) / "templates"


def resource(name: str) -> Traversable:
    """A packaged resource, such as ``samples/north-sweden-2012-11/document.json``."""
    return _child("resources", name)


def read_resource_bytes(name: str) -> bytes:
    """The bytes of a packaged resource."""
    return resource(name).read_bytes()


def read_template_text(name: str) -> str:
    """The text of a file under ``templates/``, such as ``locale/sv/messages.po``."""
    return _child("templates", name).read_text(encoding="utf-8")
