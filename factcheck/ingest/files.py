"""Find article files (paths, directories, globs), read and decode them into ``Article``s.

Every unreadable input becomes an ``InputProblem`` naming the path and the reason; the other
articles are still read.
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError
from factcheck.ingest.clean import article_from_text
from factcheck.schemas import Article

KINDS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class InputProblem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\r\f\v\x1b"


def _decode(data: bytes, source: str) -> str:
    wide = "utf-32" if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "utf-16"
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        try:  # a byte-order mark makes UTF-16/32 unambiguous; without one it is binary to us
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid {wide.upper()} at byte {exc.start}") from None
    if b"\x00" in data:
        raise InputError(source, "binary file (NUL bytes), not text")
    sample = data[:8192]
    # Control bytes other than whitespace and ESC, counted in C (a Python loop over every byte
    # was a fifth of the ingest time).
    control = len(sample.translate(None, _NOT_CONTROL))
    if sample and control / len(sample) > 0.1:
        raise InputError(source, "binary file (mostly control bytes), not text")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"invalid UTF-8 at byte {exc.start}") from None


def read_article(path: Path, article_id: str | None = None) -> Article:
    source = str(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(source, _unsupported(path))
    try:
        if path.is_dir():
            raise InputError(source, "is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(source, f"file too large ({size} bytes > {MAX_BYTES})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file or directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(source, "empty file")
    raw = _decode(data, source)
    if not raw.strip():
        raise InputError(source, "empty file")
    return article_from_text(raw, article_id=article_id or path.stem, source=source, kind=kind)


def _unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix or '(no extension)'}'; expected .txt/.md/.html"


def _expand_dir(root: Path) -> list[Path]:
    def visible(p: Path) -> bool:
        return not any(part.startswith(".") for part in p.relative_to(root).parts)

    return sorted(
        p for p in root.rglob("*") if p.suffix.lower() in KINDS and p.is_file() and visible(p)
    )


def _expand(spec: str, problems: list[InputProblem]) -> list[Path]:
    if not spec.strip():
        problems.append(InputProblem(repr(spec), "empty path"))
        return []
    try:
        return _expand_path(spec, problems)
    except OSError as exc:  # an unreadable directory while walking
        problems.append(InputProblem(spec, f"cannot read: {exc.strerror or exc}"))
        return []


def _expand_path(spec: str, problems: list[InputProblem]) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        found = _expand_dir(path)
        if not found:
            problems.append(InputProblem(spec, "no .txt/.md/.html articles in directory"))
        return found
    if path.exists():
        if path.suffix.lower() not in KINDS:
            problems.append(InputProblem(spec, _unsupported(path)))
            return []
        return [path]
    if glob.has_magic(spec):
        matches = [Path(m) for m in sorted(glob.glob(spec, recursive=True))]
        files: list[Path] = []
        for match in matches:
            files.extend(_expand_dir(match) if match.is_dir() else [match])
        files = [f for f in files if f.suffix.lower() in KINDS]
        if not files:
            why = "glob matched no .txt/.md/.html articles" if matches else "glob matched no files"
            problems.append(InputProblem(spec, why))
        return files
    problems.append(InputProblem(spec, "no such file or directory"))
    return []


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
    seen: dict[str, int] = {}
    unique: list[str] = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        unique.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return unique


def load_articles(inputs: Sequence[str]) -> IngestResult:
    result = IngestResult()
    paths: list[Path] = []
    seen: set[Path] = set()
    for spec in inputs:
        for path in _expand(spec, result.problems):
            key = path.resolve()
            if key not in seen:  # the same file named twice (dir + file) is read once
                seen.add(key)
                paths.append(path)
    for path, article_id in zip(paths, assign_ids(paths), strict=True):
        try:
            result.articles.append(read_article(path, article_id))
        except InputError as exc:
            result.problems.append(InputProblem(exc.path, exc.reason))
    return result
