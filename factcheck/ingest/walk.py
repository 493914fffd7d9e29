"""Expand what the user named (files, directories, globs) into the files to read.

Directories are walked by hand rather than with ``Path.rglob``/``glob(recursive=True)``: a
symlink that points back up the tree made the recursive glob run until killed. Here every
directory is entered once (by device and inode), and what is passed over says so: a loop, an
unreadable sub-directory, a FIFO or socket, a file of a type we do not read. Hidden names
(``.git``, ``.DS_Store``) are skipped without a word, as ``ls`` and ``glob`` do.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

KINDS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
TABLES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
EXPECTED = ".txt/.md/.html (or a .jsonl/.csv list of articles)"


@dataclass(frozen=True)
class InputProblem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def readable(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in KINDS or suffix in TABLES


def unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix or '(no extension)'}'; expected {EXPECTED}"


def special_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def _entries(directory: Path, problems: list[InputProblem]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        problems.append(InputProblem(str(directory), f"cannot read directory: {_why(exc)}"))
        return []


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def walk(root: Path, problems: list[InputProblem]) -> Iterator[Path]:
    """Every visible regular file under ``root`` (depth first, sorted by name); directory
    symlinks are followed, but no directory is entered twice."""
    try:
        st = root.stat()
    except OSError as exc:
        problems.append(InputProblem(str(root), f"cannot read directory: {_why(exc)}"))
        return
    seen = {(st.st_dev, st.st_ino)}
    stack = [root]
    while stack:
        directory = stack.pop()
        subdirs: list[Path] = []
        for entry in _entries(directory, problems):
            path = Path(entry.path)
            try:
                st = entry.stat()  # follows symlinks
            except OSError as exc:
                reason = "symlink loop" if entry.is_symlink() else _why(exc)
                problems.append(InputProblem(str(path), f"skipped: {reason}"))
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in seen:
                    why = "symlink to a directory already read (a loop or a duplicate)"
                    problems.append(InputProblem(str(path), f"skipped: {why}"))
                else:
                    seen.add(key)
                    subdirs.append(path)
            elif stat.S_ISREG(st.st_mode):
                yield path
            else:
                problems.append(InputProblem(str(path), f"skipped: {special_kind(st.st_mode)}"))
        stack.extend(reversed(subdirs))


def _match(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_match(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    return (
        bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _match(parts[1:], pattern[1:])
    )


def _recursive_glob(spec: str, problems: list[InputProblem]) -> list[Path]:
    """``**`` patterns, matched over ``walk`` (which cannot loop) instead of ``glob``."""
    parts = Path(spec).parts
    fixed = 0
    while fixed < len(parts) and not glob.has_magic(parts[fixed]):
        fixed += 1
    root = Path(*parts[:fixed]) if fixed else Path(".")
    pattern = parts[fixed:]
    if not root.is_dir():
        return []
    return [p for p in walk(root, problems) if _match(p.relative_to(root).parts, pattern)]


def expand(spec: str, problems: list[InputProblem]) -> list[Path]:
    """The files one command-line path stands for; what it cannot use goes to ``problems``."""
    if not spec.strip():
        problems.append(InputProblem(repr(spec), "empty path"))
        return []
    path = Path(spec)
    if path.is_dir():
        return _supported(list(walk(path, problems)), spec, problems, "directory")
    if path.exists() or path.is_symlink():
        return [path]  # read_article names what is wrong with it (type, FIFO, permissions)
    if glob.has_magic(spec):
        if "**" in spec:
            found = _recursive_glob(spec, problems)
        else:
            found = []
            for match in map(Path, sorted(glob.glob(spec))):
                found.extend(walk(match, problems) if match.is_dir() else [match])
        if not found:
            problems.append(InputProblem(spec, "glob matched no files"))
            return []
        return _supported(found, spec, problems, "glob")
    problems.append(InputProblem(spec, "no such file or directory"))
    return []


def _supported(found: list[Path], spec: str, problems: list[InputProblem], what: str) -> list[Path]:
    keep = [p for p in found if readable(p)]
    problems.extend(
        InputProblem(str(p), f"skipped: {unsupported(p)}") for p in found if not readable(p)
    )
    if not keep:
        problems.append(InputProblem(spec, f"no .txt/.md/.html articles in {what}"))
    return keep
