"""Known given names: the list in gender-guesser's data file, read once per process.

Used purely as a gazetteer ("is this capitalised word a first name?"). gender-guesser stays the
data source (its licence does not let us ship the list), but its ``Detector`` is not used: it
builds per-gender, per-country tables we never read (0.4 s per instance, and an ``lru_cache``
around it built one per worker thread). Reading only the name column takes a fraction of that,
and the result is an immutable frozenset behind a lock, so threads share one copy.

Even that read is 50 ms of a 0.5 s command (scanning 4 MB and building 61,000 strings), so the
parsed set is kept in the user's cache directory (``$XDG_CACHE_HOME/factcheck/names``, marshal
behind a SHA-256 of it, about 0.5 MB, 10 ms to load), keyed by the data file's path, size and
modification time and by our parser's version: a new gender-guesser or a new parser makes a
new entry, and writing one removes all but the newest few (``_KEEP``: two environments with
different gender-guessers can share the folder, and old entries do not pile up). The cache is
only ever a shortcut: an entry that is missing, damaged, not a plain file or cannot be written
is ignored and the list parsed again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import stat
import tempfile
import threading
from itertools import repeat
from pathlib import Path

# A data line: a gender code ("M", "?F", ...), blanks, the name; "#" and "=" lines are comments.
# Matched on bytes and anchored on a newline rather than "^" with MULTILINE: several times
# faster on the 4 MB file; only the names found are decoded and lower-cased.
_NAME_RE = re.compile(rb"\n[^#=\s]\S*[ \t]+(\S+)")
_LOCK = threading.Lock()
_names: frozenset[str] | None = None


def _data_file() -> Path:
    import gender_guesser

    return Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"


def _parse(data: bytes) -> frozenset[str]:
    """Lower-cased names, as ``Detector(case_sensitive=False)`` keys them; a "+" in a name
    stands for "", " " or "-" ("Jean+Pierre")."""
    found = _NAME_RE.findall(b"\n" + data)
    names = set(b"\n".join(found).decode("utf-8").lower().split("\n"))
    for name in [n for n in names if "+" in n]:
        names.discard(name)
        names.update(name.replace("+", sep) for sep in ("", " ", "-"))
    return frozenset(names)


# Bump when ``_parse`` changes what it returns: old cache entries are then never read.
_PARSER_VERSION = 1
_MAGIC = b"factcheck first names 1\n"
_MAX_ENTRY = 16 << 20  # the real entry is 0.5 MB; anything far larger is not ours
_KEEP = 4  # entries kept in the folder, the newest by modification time


def _cache_file(source: Path) -> Path | None:
    """Where the parsed list of ``source`` is kept; None when there is no usable cache folder
    (XDG says a relative ``XDG_CACHE_HOME`` is to be ignored; a user without a home)."""
    stat = source.stat()
    key = f"{_PARSER_VERSION}\0{source}\0{stat.st_size}\0{stat.st_mtime_ns}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no passwd entry (a container's random uid)
            return None
        if not os.path.isabs(base):
            return None
    return Path(base) / "factcheck" / "names" / f"first-names-{digest}.marshal"


def _from_cache(path: Path) -> frozenset[str] | None:
    """The names kept at ``path``, or None: nothing there, not a plain file, not ours, or
    damaged (the SHA-256 of the payload is checked before marshal reads a byte of it, so a
    flipped bit can neither change the list nor make marshal allocate without bound)."""
    try:
        # Non-blocking: opening a FIFO left at the entry's path must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as entry:
            info = os.fstat(entry.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY:
                return None  # a FIFO, a device, a link to /dev/zero
            data = entry.read(_MAX_ENTRY + 1)
    except OSError:
        return None
    head, digest, payload = (
        data[: len(_MAGIC)],
        data[len(_MAGIC) : len(_MAGIC) + 32],
        data[len(_MAGIC) + 32 :],
    )
    if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        value = marshal.loads(payload)
    except Exception:  # ours, yet unreadable (another Python's marshal format): parse again
        return None
    # The check loops in C (map): 61,000 names at every start, 35 M -> 15 M instructions.
    if isinstance(value, frozenset) and all(map(isinstance, value, repeat(str))):
        return value
    return None


def _to_cache(path: Path, names: frozenset[str]) -> None:
    payload = marshal.dumps(names)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".first-names-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)  # whole or absent: a reader never sees half a file
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return  # a read-only home or a full disk: the next run parses the file again
    _prune(path)


def _prune(written: Path) -> None:
    """Remove all but the ``_KEEP`` newest entries beside ``written`` (only ours, by name;
    never ``written``): each new gender-guesser or parser version leaves one behind."""
    try:
        entries = [(e.stat().st_mtime_ns, e) for e in written.parent.glob("first-names-*.marshal")]
        entries.sort(reverse=True)
        for _mtime, old in entries[_KEEP:]:
            if old != written:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a file removed or made unreadable meanwhile: the next write tries again


def _load() -> frozenset[str]:
    source = _data_file()
    try:
        cached = _cache_file(source)
    except OSError:
        cached = None
    names = _from_cache(cached) if cached is not None else None
    if names is None:
        names = _parse(source.read_bytes())
        if cached is not None:
            _to_cache(cached, names)
    return names


def first_names() -> frozenset[str]:
    global _names
    names = _names
    if names is None:
        with _LOCK:
            if _names is None:
                _names = _load()
            names = _names
    return names
