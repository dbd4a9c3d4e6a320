"""Fixtures of the importer tests: the office's news site on 127.0.0.1."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from importers.import_sources import news_page, photo
from importers.news_site import NewsSite, Route


@pytest.fixture
def news_site() -> Iterator[NewsSite]:
    """A server on 127.0.0.1 with the Planet article, its photo and some broken addresses."""
    requests: list[str] = []
    routes: dict[str, Route] = {
        "/nyheter/planet": Route(news_page().encode("utf-8")),
        "/images/nyheter/IMG_5383.jpg": Route(photo(), "image/jpeg"),
        "/images/logo.png": Route(b"\x89PNG\r\n\x1a\n", "image/png"),
    }
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            route = routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if route.hold is not None:
                route.hold.wait(10)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            # The client may stop reading: a size cap doing its work.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield NewsSite(f"http://{host!s}:{port}", routes, requests)
    finally:
        release.set()
        for route in routes.values():
            if route.hold is not None:
                route.hold.set()
        server.shutdown()
        server.server_close()
        thread.join()
