"""A loopback web server for the fetch tests: serves pages we wrote, and the failures a real
site produces (redirects, 404, a PDF, a huge body, a page slower than the timeout)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parent / "data" / "web"


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body is sent


@dataclass
class PageServer:
    base: str
    routes: dict[str, Route]
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _routes() -> dict[str, Route]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    page = {name: (WEB / name).read_bytes() for name in ("summit_a.html", "summit_b.html")}
    latin1 = (WEB / "latin1.html").read_bytes()
    return {
        "/news/summit-a.html": Route(body=page["summit_a.html"], headers=html),
        "/news/summit-b.html": Route(body=page["summit_b.html"], headers=html),
        # Declared only in the page's <meta>; the server says nothing about the charset.
        "/latin1-meta.html": Route(body=latin1, headers={"Content-Type": "text/html"}),
        # Declared only by the server.
        "/latin1-header.html": Route(
            body=latin1.replace(b"charset=iso-8859-1", b""),
            headers={"Content-Type": "text/html; charset=ISO-8859-1"},
        ),
        "/old/summit-a": Route(status=301, headers={"Location": "/news/summit-a.html"}),
        "/loop": Route(status=302, headers={"Location": "/loop"}),
        "/gone.html": Route(status=404, body=b"<h1>Not found</h1>", headers=html),
        "/broken.html": Route(status=500, body=b"oops", headers=html),
        "/report.pdf": Route(body=b"%PDF-1.4 fake", headers={"Content-Type": "application/pdf"}),
        "/huge.html": Route(body=b"<p>" + b"x" * 6_000_000 + b"</p>", headers=html),
        "/slow.html": Route(body=page["summit_a.html"], headers=html, delay=3.0),
        "/empty.html": Route(body=b"<html><body><nav>Home</nav></body></html>", headers=html),
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        route = self.server.routes.get(self.path, Route(status=404, body=b"no such page"))
        if route.delay:
            time.sleep(route.delay)
        try:
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up first (timeouts)
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    hits: list[str]


@pytest.fixture
def pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[PageServer]:
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes, server.hits = _routes(), []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield PageServer(base=f"http://{host!s}:{port}", routes=server.routes, hits=server.hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
