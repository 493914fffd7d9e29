"""One exception hierarchy: callers catch ``FactcheckError`` and nothing broader."""

from __future__ import annotations


class FactcheckError(Exception):
    """Root of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """An input file or path cannot be read as an article (CLI exit code 2)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UsageError(FactcheckError):
    """The command line or configuration asks for something impossible (exit code 2)."""


class GroundingError(FactcheckError):
    """A span does not match the article text it claims to come from."""


class ExtractionError(FactcheckError):
    """An extractor could not produce claims for an article (model down, retries exhausted)."""

    def __init__(self, article_id: str, reason: str) -> None:
        super().__init__(f"{article_id}: {reason}")
        self.article_id = article_id
        self.reason = reason


class PromptError(FactcheckError):
    """A prompt file is missing or malformed."""


class EvalError(FactcheckError):
    """The eval set is malformed, edited without a version bump, or a replay is stale."""
