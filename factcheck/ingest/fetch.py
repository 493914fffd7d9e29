"""Fetch article pages over HTTP(S) with httpx2 (already a dependency, through openai).

Every failure is one ``InputError`` naming the URL and the reason (timeout, too many redirects,
HTTP status, not an HTML page, too large); the caller still checks the other articles. The
time limit covers the whole page, not each read, so a server that trickles bytes cannot hold
a run for longer than ``timeout``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck import __version__
from factcheck.errors import InputError

if TYPE_CHECKING:
    import httpx2

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 20.0  # seconds for one page, connection to last byte
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    workers: int = 4  # pages fetched at once
    user_agent: str = f"factcheck/{__version__} (article fetcher)"


@dataclass(frozen=True)
class Page:
    url: str  # as the user gave it
    final_url: str  # after redirects
    media_type: str  # "text/html"
    charset: str | None  # from the Content-Type header
    body: bytes


def is_url(spec: str) -> bool:
    return spec[:8].lower().startswith(("http://", "https://"))


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _read(response: httpx2.Response, url: str, options: FetchOptions, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise InputError(url, f"page too large (more than {options.max_bytes} bytes)")
        if time.monotonic() > deadline:
            raise InputError(url, f"timed out after {options.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _get(client: httpx2.Client, url: str, options: FetchOptions) -> Page:
    from factcheck.ingest.decode import charset_from_content_type

    deadline = time.monotonic() + options.timeout
    with client.stream("GET", url) as response:
        if response.status_code >= 400:
            raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
        content_type = response.headers.get("content-type", "")
        media = _media_type(content_type)
        if media and media not in HTML_TYPES | TEXT_TYPES:
            raise InputError(url, f"not an HTML page ({media})")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > options.max_bytes:
            raise InputError(url, f"page too large ({declared} bytes > {options.max_bytes})")
        body = _read(response, url, options, deadline)
        return Page(
            url=url,
            final_url=str(response.url),
            media_type=media or "text/html",
            charset=charset_from_content_type(content_type),
            body=body,
        )


def fetch(url: str, options: FetchOptions, client: httpx2.Client | None = None) -> Page:
    """One page; raises ``InputError(url, reason)``."""
    import httpx2

    own = client is None
    client = client or make_client(options)
    try:
        return _get(client, url, options)
    except httpx2.TimeoutException:
        raise InputError(url, f"timed out after {options.timeout:g} s") from None
    except httpx2.TooManyRedirects:
        raise InputError(url, f"too many redirects (more than {options.max_redirects})") from None
    except (httpx2.UnsupportedProtocol, httpx2.InvalidURL):
        raise InputError(url, "not a valid http(s) URL") from None
    except httpx2.ConnectError as exc:
        raise InputError(url, f"cannot connect: {_short(exc)}") from None
    except httpx2.HTTPError as exc:
        raise InputError(url, f"download failed: {_short(exc)}") from None
    finally:
        if own:
            client.close()


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


def make_client(options: FetchOptions) -> httpx2.Client:
    import httpx2

    return httpx2.Client(
        follow_redirects=True,
        max_redirects=options.max_redirects,
        timeout=httpx2.Timeout(options.timeout),
        headers={"User-Agent": options.user_agent, "Accept": "text/html,*/*;q=0.5"},
    )


Fetcher = Callable[[str], Page]


def fetch_all(
    urls: Sequence[str], options: FetchOptions, fetcher: Fetcher | None = None
) -> list[Page | InputError]:
    """Every URL's page or the error that names why not, in the order given."""
    if not urls:
        return []
    client = make_client(options) if fetcher is None else None

    def one(url: str) -> Page | InputError:
        try:
            if fetcher is not None:
                return fetcher(url)
            return fetch(url, options, client)
        except InputError as exc:
            return exc

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(options.workers, len(urls)))) as pool:
            return list(pool.map(one, urls))
    finally:
        if client is not None:
            client.close()
