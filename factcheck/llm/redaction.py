"""Keep secrets (the API key) out of error reasons and out of the logs of the libraries we drive."""

from __future__ import annotations

import logging


def redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret and len(secret) >= 4 else text


class _Redactor(logging.Filter):
    """Removes registered secrets from log records of the libraries we drive.

    Some servers echo the API key in error bodies, and instructor logs those bodies verbatim.
    Logger filters only see records of their own logger, so it is attached to each one.
    """

    PREFIXES = ("instructor", "openai", "httpx2", "httpcore2", "factcheck")

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = message
        for secret in self.secrets:
            clean = clean.replace(secret, "***")
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and self.secrets:
            text = logging.Formatter().formatException(record.exc_info)
            for secret in self.secrets:
                text = text.replace(secret, "***")
            record.exc_text = text
        return True

    def protect(self, secret: str | None) -> None:
        if not secret or len(secret) < 4:
            return
        self.secrets.add(secret)
        for name in [*logging.root.manager.loggerDict, *self.PREFIXES]:
            if name.split(".")[0] in self.PREFIXES:
                logger = logging.getLogger(name)
                if self not in logger.filters:
                    logger.addFilter(self)


REDACTOR = _Redactor()


__all__ = ["REDACTOR", "redact"]
