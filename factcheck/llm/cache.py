"""On-disk cache of validated model answers: one small JSON file per request.

Why plain JSON files rather than diskcache: entries are few and small (one per article chunk);
a JSON file can be read, diffed and grepped (the tests prove no API key is ever stored); there
is no pickle, so a tampered cache directory cannot run code; a corrupted entry is one unreadable
file that is deleted and recomputed, never a broken database; and atomic ``os.replace`` makes
concurrent writers (threads or processes) safe without locks.

Only successes are stored: callers ``put`` after a validated answer and never on an error.
Reads never block and never parse more than ``max_entry_bytes``: an entry that is not a regular
file (a FIFO, a device, a directory) or is oversized is skipped and recomputed, not read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from factcheck.config import Settings
from factcheck.errors import FactcheckError

log = logging.getLogger(__name__)

FORMAT = 1
MAX_ENTRY_BYTES = 8 * 1024 * 1024
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
_TEMP_NAME = re.compile(r"\.tmp-[A-Za-z0-9_]+")  # tempfile.mkstemp(prefix=".tmp-")
_SUB_NAME = re.compile(r"[0-9a-f]{2}")


def request_key(parts: dict[str, Any]) -> str:
    """Stable digest of a request description (endpoint, model, hashes, text, settings)."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class CacheEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: int
    key: str
    created: str
    model_id: str | None = None
    truncated: bool = False
    answer: dict[str, Any]


class CacheError(FactcheckError):
    """``cache clear`` could not remove everything it should (one line: what and why)."""


class NotAFile(OSError):
    """A cache or recording path holds something other than a regular file."""


def read_file_text(path: Path, max_bytes: int) -> str:
    """A regular file's UTF-8 text, read without ever blocking: a FIFO or device at ``path``
    raises ``NotAFile`` instead of waiting for a writer; more than ``max_bytes`` raises too."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(f"not a regular file: {path}")
        if info.st_size > max_bytes:
            raise NotAFile(f"larger than {max_bytes} bytes: {path}")
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NotAFile(f"larger than {max_bytes} bytes: {path}")
    return data.decode("utf-8")


class AnswerCache:
    """``<dir>/v1/<key[:2]>/<key>.json``; safe to share between threads."""

    def __init__(self, directory: Path, max_entry_bytes: int = MAX_ENTRY_BYTES) -> None:
        self.root = directory / f"v{FORMAT}"
        self.max_entry_bytes = max_entry_bytes

    def path_for(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> CacheEntry | None:
        path = self.path_for(key)
        try:
            raw = read_file_text(path, self.max_entry_bytes)
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            log.warning("cache entry %s unreadable (%s); recomputing", path.name, why)
            self.discard(key)
            return None
        try:
            entry = CacheEntry.model_validate_json(raw)
        except ValidationError:
            entry = None
        if entry is None or entry.key != key or entry.format != FORMAT:
            log.warning("cache entry %s is corrupted; recomputing", path.name)
            self.discard(key)
            return None
        return entry

    def put(
        self, key: str, answer: dict[str, Any], model_id: str | None, truncated: bool = False
    ) -> None:
        entry = CacheEntry(
            format=FORMAT,
            key=key,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            model_id=model_id,
            truncated=truncated,
            answer=answer,
        )
        path = self.path_for(key)
        try:
            atomic_write(path, entry.model_dump_json(indent=1))
        except OSError as exc:
            # A cache that cannot be written must not fail the run.
            log.warning("cannot write cache entry %s: %s", path, exc)

    def discard(self, key: str) -> None:
        path = self.path_for(key)
        try:
            if not path.is_dir():  # a directory in its place is not ours to delete
                path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cannot delete cache entry %s: %s", path.name, exc.strerror or exc)

    def clear(self) -> int:
        """Delete every entry (only files this cache wrote: nothing that is a directory, nor
        a name it does not write); return how many. Whatever cannot be removed is skipped and
        reported in one ``CacheError`` once the rest is gone."""
        removed = 0
        failed: list[str] = []
        try:
            subs = [s for s in self.root.iterdir() if _SUB_NAME.fullmatch(s.name) and s.is_dir()]
        except FileNotFoundError:
            return 0
        except OSError as exc:
            raise CacheError(f"{self.root}: cannot list the cache: {_why(exc)}") from None
        for sub in sorted(subs):
            try:
                names = sorted(sub.iterdir())
            except OSError as exc:
                failed.append(f"{sub}: {_why(exc)}")
                continue
            for path in names:
                ours = _ENTRY_NAME.fullmatch(path.name) or _TEMP_NAME.fullmatch(path.name)
                if not ours:
                    continue
                if path.is_dir() and not path.is_symlink():
                    failed.append(f"{path}: is a directory, not a cache entry")
                    continue
                try:
                    path.unlink(missing_ok=True)
                except OSError as exc:
                    failed.append(f"{path}: {_why(exc)}")
                    continue
                removed += bool(_ENTRY_NAME.fullmatch(path.name))
            with contextlib.suppress(OSError):
                sub.rmdir()  # only succeeds once empty
        if failed:
            more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
            raise CacheError(
                f"removed {removed} cached response(s); could not remove {failed[0]}{more}"
            )
        return removed


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear_cache(settings: Settings) -> int:
    """``factcheck cache clear``: number of entries removed from ``settings.cache_dir``."""
    return AnswerCache(settings.cache_dir).clear()


__all__ = [
    "AnswerCache",
    "CacheEntry",
    "CacheError",
    "NotAFile",
    "clear_cache",
    "read_file_text",
    "request_key",
]
