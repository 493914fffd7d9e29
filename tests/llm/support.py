"""Shared pieces for the LLM tests: invented articles, a scripted model, settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.config import Settings
from factcheck.ingest import article_from_text
from factcheck.schemas import Article
from tests.fake_openai_server import FakeOpenAI, article_of

HARBOUR_A = (
    "Dock strike talks end in Port Selwyn\n\n"
    "The talks at the port authority lasted three hours on Monday, officials said.\n\n"
    "Around 1,200 dock workers have walked out since Friday.\n\n"
    "“We will not accept a cut in pay,” said union leader Ida Brandt at a press conference.\n"
)
HARBOUR_B = (
    "Port Selwyn strike: no deal after short meeting\n\n"
    "The meeting was short, less than two hours, according to people present.\n\n"
    "Some 600 dock workers remain on strike, the port authority said.\n\n"
    "Ida Brandt wrote on X that the union “will not accept a cut in pay”.\n"
)

# What a well-behaved model answers for each article (plus one invented item each, which the
# grounding must drop).
ANSWERS: dict[str, dict[str, Any]] = {
    "Dock strike talks end": {
        "quantities": [
            {
                "evidence": "The talks at the port authority lasted three hours on Monday, "
                "officials said.",
                "quantity_text": "three hours",
                "measured": "talks duration",
            },
            {
                "evidence": "Around 1,200 dock workers have walked out since Friday.",
                "quantity_text": "Around 1,200 dock workers",
                "measured": "strikers",
            },
            {
                "evidence": "All sources agree that 5,000 workers joined.",
                "quantity_text": "5,000 workers",
                "measured": "invented",
            },
        ],
        "attributions": [
            {
                "statement": "We will not accept a cut in pay",
                "quote_type": "direct",
                "speaker": "Ida Brandt",
                "channel": "press_briefing",
                "evidence": "“We will not accept a cut in pay,” said union leader Ida Brandt "
                "at a press conference.",
            }
        ],
    },
    "Port Selwyn strike: no deal": {
        "quantities": [
            {
                "evidence": "The meeting was short, less than two hours, according to people "
                "present.",
                "quantity_text": "less than two hours",
                "measured": "meeting duration",
            },
            {
                "evidence": "Some 600 dock workers remain on strike, the port authority said.",
                "quantity_text": "Some 600 dock workers",
                "measured": "strikers",
            },
        ],
        "attributions": [
            {
                "statement": "will not accept a cut in pay",
                "quote_type": "direct",
                "speaker": "Ida Brandt",
                "channel": "social_post",
                "evidence": "Ida Brandt wrote on X that the union “will not accept a cut in pay”.",
            },
            {
                "statement": "The strike is over",
                "quote_type": "direct",
                "speaker": "Ida Brandt",
                "channel": "statement",
                "evidence": "The strike is over, Brandt said.",
            },
        ],
    },
}


def scripted(request: dict[str, Any]) -> dict[str, Any]:
    text = article_of(request)
    for marker, answer in ANSWERS.items():
        if marker in text:
            return answer
    return {"quantities": [], "attributions": []}


def article(text: str, article_id: str) -> Article:
    return article_from_text(text, article_id=article_id, source=f"{article_id}.txt")


def harbour_articles() -> list[Article]:
    return [article(HARBOUR_A, "a"), article(HARBOUR_B, "b")]


def llm_settings(url: str, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "backend": "openai",
        "model": "fake-model",
        "base_url": url,
        "cache_dir": tmp_path / "cache",
        "recordings_dir": tmp_path / "recordings",
        "max_retries": 2,
        "max_reasks": 1,
        "timeout": 5.0,
        # These tests exercise extract mode (the model returns claims); label mode has its own.
        "llm_mode": "extract",
    }
    values.update(overrides)
    return Settings(**values)


class Sleeps(list[float]):
    """Stands in for time.sleep: records the backoff waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def serve(responder: Any = scripted) -> Iterator[FakeOpenAI]:
    server = FakeOpenAI(responder).start()
    try:
        yield server
    finally:
        server.stop()


def cache_files(settings: Settings) -> list[Path]:
    return sorted(settings.cache_dir.rglob("*.json"))


fake_server = pytest.fixture(serve, name="server")
