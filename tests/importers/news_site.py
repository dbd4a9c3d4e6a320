"""A news site on 127.0.0.1 for the web importer: pages, pictures, redirects and failures."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Route:
    """What the site answers at one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    #: The server waits for this event before answering (a server that does not answer).
    hold: threading.Event | None = None


@dataclass
class NewsSite:
    """The office's website, served from this computer."""

    base: str
    routes: dict[str, Route]
    requests: list[str]

    def url(self, path: str) -> str:
        return self.base + path
