"""Read one article file: check what it is, decode it, clean it into an ``Article``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from factcheck.errors import InputError
from factcheck.ingest.clean import HTML_READER, article_from_text
from factcheck.ingest.decode import decode_bytes
from factcheck.ingest.walk import KINDS, special_kind, unsupported
from factcheck.schemas import Article

MAX_BYTES = 20_000_000


def read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes; refuses directories, FIFOs and devices before opening them (opening a
    FIFO with no writer blocks forever) and files over ``MAX_BYTES``."""
    try:
        st = path.stat()
        what = special_kind(st.st_mode)
        if what is not None:
            raise InputError(source, f"is {what}, not a file" if what[0] == "a" else what)
        if st.st_size > MAX_BYTES:
            raise InputError(source, f"file too large ({st.st_size} bytes > {MAX_BYTES})")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(source, "no such file or directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    if len(data) > MAX_BYTES:
        raise InputError(source, f"file too large (> {MAX_BYTES} bytes)")
    if not data.strip():
        raise InputError(source, "empty file")
    return data


def read_article(path: Path, article_id: str | None = None) -> Article:
    source = str(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(source, unsupported(path))
    raw = decode_bytes(read_bytes(path, source), source, html=kind == "html")
    if not raw.strip():
        raise InputError(source, "empty file")
    if kind == "html":
        kind = HTML_READER
    return article_from_text(raw, article_id=article_id or path.stem, source=source, kind=kind)


def assign_ids(paths: Sequence[Path]) -> list[str]:
    """File stems; clashing stems get parent folders prepended, then a counter, until unique."""
    ids = [p.stem for p in paths]
    for depth in range(1, 4):
        clashing = {i for i, n in Counter(ids).items() if n > 1}  # (list.count: quadratic)
        if not clashing:
            return ids
        ids = [
            "-".join([*p.resolve().parent.parts[1:][-depth:], p.stem]) if i in clashing else i
            for i, p in zip(ids, paths, strict=True)
        ]
    return unique(ids)


def unique(ids: Sequence[str]) -> list[str]:
    """The ids in order, a repeated one suffixed ``-2``, ``-3``, ... (never an id taken)."""
    taken = set(ids)
    out: list[str] = []
    used: set[str] = set()
    for i in ids:
        candidate, n = i, 1
        while candidate in used or (candidate != i and candidate in taken):
            n += 1
            candidate = f"{i}-{n}"
        used.add(candidate)
        out.append(candidate)
    return out
