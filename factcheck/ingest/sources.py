"""Everything a user can name → ``Article``s: files, directories and globs (.txt .md .html),
``http(s)://`` URLs, ``-`` (one article on standard input) and .jsonl/.csv lists of articles.

Every input that cannot be used becomes an ``InputProblem`` naming it and the reason; the other
articles are still read. Ids are file stems (made unique with parent folders), a list's ``id``
column, or a slug of the URL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from factcheck.errors import InputError
from factcheck.ingest.clean import HTML_READER, Metadata, article_from_text
from factcheck.ingest.decode import decode_bytes
from factcheck.ingest.fetch import Fetcher, FetchOptions, Page, fetch_all, is_url
from factcheck.ingest.files import MAX_BYTES, assign_ids, read_article, read_bytes, unique
from factcheck.ingest.tables import Row, read_table
from factcheck.ingest.walk import TABLES, InputProblem, expand
from factcheck.schemas import Article

STDIN = "-"
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


@dataclass
class _Item:
    """One article to make, in input order; ``id`` is settled once every input is known."""

    source: str
    path: Path | None = None
    url: str | None = None
    text: str | None = None
    id: str | None = None
    meta: Metadata = field(default_factory=Metadata)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


def url_slug(url: str) -> str:
    """A short readable id for a URL: its last path segment, else its host."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else parts.hostname or "page"
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", last, flags=re.I)
    return re.sub(r"[^A-Za-z0-9._-]+", "-", last).strip("-")[:60] or "page"


def _row_items(rows: Sequence[Row], table: Path) -> list[_Item]:
    items = []
    for n, row in enumerate(rows, start=1):
        meta = Metadata(title=row.title, outlet=row.outlet, date=row.date, url=row.url)
        ident = row.id or f"{table.stem}-{n}"
        if row.text is not None:
            items.append(_Item(source=row.where, text=row.text, id=ident, meta=meta))
        else:
            items.append(_Item(source=row.url or row.where, url=row.url, id=ident, meta=meta))
    return items


def _table_items(path: Path, problems: list[InputProblem]) -> list[_Item]:
    source = str(path)
    try:
        raw = decode_bytes(read_bytes(path, source), source)
        return _row_items(read_table(raw, path, problems), path)
    except InputError as exc:
        problems.append(InputProblem(exc.path, exc.reason))
        return []


def _collect(
    inputs: Sequence[str], stdin: BinaryIO | None, problems: list[InputProblem]
) -> list[_Item]:
    items: list[_Item] = []
    seen: set[object] = set()
    for spec in inputs:
        if spec == STDIN:
            if STDIN in seen:
                problems.append(InputProblem("-", "standard input named twice; read once"))
                continue
            seen.add(STDIN)
            items.extend(_stdin_item(stdin, problems))
        elif is_url(spec):
            if spec not in seen:
                seen.add(spec)
                items.append(_Item(source=spec, url=spec))
        else:
            for path in expand(spec, problems):
                key = path.resolve()
                if key in seen:  # the same file named twice (dir + file) is read once
                    continue
                seen.add(key)
                if path.suffix.lower() in TABLES:
                    items.extend(_table_items(path, problems))
                else:
                    items.append(_Item(source=str(path), path=path))
    return items


def _stdin_item(stdin: BinaryIO | None, problems: list[InputProblem]) -> list[_Item]:
    if stdin is None:
        problems.append(InputProblem("-", "no standard input"))
        return []
    try:
        data = stdin.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError("<stdin>", f"input too large (> {MAX_BYTES} bytes)")
        if not data.strip():
            raise InputError("<stdin>", "empty input")
        text = decode_bytes(data, "<stdin>", html=True)
    except InputError as exc:
        problems.append(InputProblem(exc.path, exc.reason))
        return []
    return [_Item(source="<stdin>", text=text, id="stdin")]


def _ids(items: Sequence[_Item]) -> list[str]:
    files = [item.path for item in items if item.path is not None and item.id is None]
    file_ids = iter(assign_ids(files))
    ids = []
    for item in items:
        if item.id is not None:
            ids.append(item.id)
        elif item.path is not None:
            ids.append(next(file_ids))
        else:
            ids.append(url_slug(item.url or item.source))
    return unique(ids)


def _from_page(page: Page, item: _Item, article_id: str) -> Article:
    text = decode_bytes(page.body, page.url, declared=page.charset, html=True)
    if not text.strip():
        raise InputError(page.url, "empty page")
    kind = "web" if page.media_type != "text/plain" or looks_like_html(text) else "txt"
    meta = Metadata(
        title=item.meta.title,
        outlet=item.meta.outlet,
        date=item.meta.date,
        url=page.final_url,
    )
    return article_from_text(text, article_id=article_id, source=page.url, kind=kind, meta=meta)


def load_articles(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    fetch_options: FetchOptions | None = None,
    fetcher: Fetcher | None = None,
) -> IngestResult:
    """Read every input; URLs are fetched in parallel (``fetcher`` replaces the HTTP client in
    tests)."""
    result = IngestResult()
    items = _collect(inputs, stdin, result.problems)
    urls = [item.url for item in items if item.url is not None and item.text is None]
    pages = dict(zip(urls, fetch_all(urls, fetch_options or FetchOptions(), fetcher), strict=True))
    for item, article_id in zip(items, _ids(items), strict=True):
        try:
            if item.path is not None:
                result.articles.append(read_article(item.path, article_id))
            elif item.text is not None:
                kind = HTML_READER if looks_like_html(item.text) else "txt"
                result.articles.append(
                    article_from_text(
                        item.text,
                        article_id=article_id,
                        source=item.source,
                        kind=kind,
                        meta=item.meta,
                    )
                )
            else:
                page = pages[item.url or ""]
                if isinstance(page, InputError):
                    raise page
                result.articles.append(_from_page(page, item, article_id))
        except InputError as exc:
            result.problems.append(InputProblem(exc.path, exc.reason))
    return result
