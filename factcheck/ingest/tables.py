"""Lists of articles as newsroom tools export them: JSON Lines (one object per line) or CSV
with a header row. Columns (names are case-insensitive; the first alias present wins):

=========  ===========================================  ==========================================
column     aliases                                      meaning
=========  ===========================================  ==========================================
id         id, article_id, guid                         the article's id in the report (optional)
url        url, link, canonical_url                     fetched when the row has no text
text       text, body, content, article_text            the article itself (plain text or HTML)
outlet     outlet, publisher, site_name, source_name    overrides what the page says
date       date, published, published_at, pub_date     ISO date (or date-time) of publication
title      title, headline                              overrides what the page says
=========  ===========================================  ==========================================

A row needs ``text`` or ``url``. A bad row is named (``file:line``) and the other rows are read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.ingest.walk import InputProblem

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid"),
    "url": ("url", "link", "canonical_url"),
    "text": ("text", "body", "content", "article_text"),
    "outlet": ("outlet", "publisher", "site_name", "source_name"),
    "date": ("date", "published", "published_at", "pub_date"),
    "title": ("title", "headline"),
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Row:
    where: str  # "articles.csv:4": what a problem or the report names
    id: str | None = None
    url: str | None = None
    text: str | None = None
    outlet: str | None = None
    date: str | None = None
    title: str | None = None


def _value(record: dict[str, Any], field: str) -> str | None:
    for alias in COLUMNS[field]:
        raw = record.get(alias)
        if raw is None:
            continue
        value = raw if isinstance(raw, str) else str(raw)
        if value.strip():
            return value if field == "text" else value.strip()
    return None


def _row(record: dict[str, Any], where: str) -> Row:
    record = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    date = _value(record, "date")
    iso = _ISO_DATE.match(date or "")
    return Row(
        where=where,
        id=_value(record, "id"),
        url=_value(record, "url"),
        text=_value(record, "text"),
        outlet=_value(record, "outlet"),
        date=iso.group(0) if iso else date,
        title=_value(record, "title"),
    )


def _jsonl(text: str, name: str, problems: list[InputProblem]) -> list[Row]:
    rows: list[Row] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(InputProblem(where, f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict):
            problems.append(InputProblem(where, "not a JSON object"))
            continue
        rows.append(_row(record, where))
    return rows


def _csv(text: str, name: str, problems: list[InputProblem]) -> list[Row]:
    # An article body is longer than csv's default 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), 50_000_000))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [str(h).strip().lower() for h in reader.fieldnames or []]
    if not any(a in header for a in COLUMNS["text"] + COLUMNS["url"]):
        shown = ", ".join(header[:8]) or "none"
        raise InputError(name, f"no 'text' or 'url' column (columns: {shown})")
    rows: list[Row] = []
    end = reader.line_num  # the header's last line; a quoted field may span lines
    try:
        for record in reader:
            rows.append(_row(record, f"{name}:{end + 1}"))
            end = reader.line_num
    except csv.Error as exc:
        problems.append(InputProblem(f"{name}:{reader.line_num}", f"bad CSV: {exc}"))
    return rows


def read_table(text: str, path: Path, problems: list[InputProblem]) -> list[Row]:
    """The rows of a decoded .jsonl/.csv file; rows without text or url become problems."""
    name = str(path)
    suffix = path.suffix.lower()
    rows = _csv(text, name, problems) if suffix == ".csv" else _jsonl(text, name, problems)
    usable = []
    for row in rows:
        if row.text is None and row.url is None:
            problems.append(InputProblem(row.where, "row has neither text nor url"))
        else:
            usable.append(row)
    if not usable and not problems:
        raise InputError(name, "no articles in the list")
    return usable
