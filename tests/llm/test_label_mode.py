"""Label mode end to end against the fake server: the rules' claims, labelled by the model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.config import Settings
from factcheck.errors import ExtractionError
from factcheck.extract import make_extractor
from factcheck.llm.labeler import LabelExtractor
from factcheck.pipeline import run_pipeline
from factcheck.rules import RuleExtractor
from factcheck.schemas import AttributionClaim, Channel, QuantityClaim, Role
from tests.fake_openai_server import FakeOpenAI
from tests.llm.label_support import TRUCKS, label_answer
from tests.llm.support import article, harbour_articles, llm_settings


@pytest.fixture(name="server")
def _server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI(label_answer).start()
    try:
        yield server
    finally:
        server.stop()


def label_settings(server: FakeOpenAI, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"llm_mode": "label", "label_shape": "single"}
    values.update(overrides)
    return llm_settings(server.url, tmp_path, **values)


def quantities(claims: list[Any]) -> dict[str, QuantityClaim]:
    return {c.raw: c for c in claims if isinstance(c, QuantityClaim)}


def test_single_shape_labels_every_rule_candidate_and_keeps_the_rules_claims(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    a, b = harbour_articles()
    extractor = make_extractor(label_settings(server, tmp_path))
    assert isinstance(extractor, LabelExtractor)
    claims = extractor.extract(b)
    rules = RuleExtractor().extract(b)
    # The same claims as the rules (same spans, same numbers), one request per candidate.
    assert [(c.kind, c.evidence, c.model_dump().get("value")) for c in claims] == [
        (c.kind, c.evidence, c.model_dump().get("value")) for c in rules
    ]
    assert server.calls == len(rules) == 4
    # Every request of an article shares everything but its last line (a prompt cache).
    last = [r["messages"][-1]["content"] for r in server.requests]
    prefix = last[0].rsplit("\n\n", 1)[0]
    assert all(m.startswith(prefix) and b.text.strip() in m for m in last)
    assert all(r["messages"][:-1] == server.requests[0]["messages"][:-1] for r in server.requests)

    found = quantities(claims)
    meeting = found["less than two hours"]
    assert meeting.model_frame is not None and meeting.model_frame.event is not None
    assert meeting.model_frame.event.value == "lasted"
    assert meeting.model_frame.event.text == ""  # no word of the sentence says it
    # so it fills nothing: the slot holds what the rules read
    assert meeting.frame.event is not None and meeting.frame.event.by == "rules"
    strikers = found["Some 600 dock workers"]
    # The rules read what is counted (the model agrees); the role they left at its default,
    # the model's label sets.
    assert strikers.frame.counted is not None and strikers.frame.counted.by == "rules"
    assert strikers.frame.counted.text == "workers" and strikers.frame.counted.value == "workers"
    assert (strikers.frame.role, strikers.frame.role_by) == (Role.PROJECTION, "model")

    quotes = [c for c in claims if isinstance(c, AttributionClaim)]
    tweet = next(q for q in quotes if "cut in pay" in q.statement)
    assert tweet.model_speaker == "Ida Brandt" and tweet.model_channel is Channel.SOCIAL_POST
    assert tweet.speaker_by == "rules"  # the rules had a speaker: kept
    # Speaker 7 of a one-person list: not a person of the article, dropped and counted.
    other = next(q for q in quotes if q.statement.startswith("The meeting"))
    assert other.model_speaker is None and extractor.stats("b").ungrounded_dropped == 1

    extractor.extract(a)
    scope_claim = quantities(extractor.extract(a))["Around 1,200 dock workers"]
    # "in Port Selwyn" is not in its sentence: the scope is dropped; "since Friday" stays.
    assert scope_claim.frame.scope == [] and scope_claim.frame.time is not None
    assert scope_claim.frame.time.text == "since Friday" and scope_claim.frame.time.by == "model"
    talks = quantities(extractor.extract(a))["three hours"]
    assert [s.text for s in talks.frame.scope] == ["at the port authority"]


def test_batch_shape_is_one_call_per_article_and_ignores_ids_not_asked(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    extractor = make_extractor(label_settings(server, tmp_path, label_shape="batch"))
    report = run_pipeline(harbour_articles(), extractor)
    assert server.calls == 2
    assert [r["tools"] if "tools" in r else r["response_format"]["json_schema"]["name"]
            for r in server.requests] == ["LabelBatch", "LabelBatch"]  # fmt: skip
    labelled = [c for c in report.claims if isinstance(c, QuantityClaim) and c.model_frame]
    assert len(labelled) == 4
    # Article b: id 99 was not asked (dropped) and speaker 7 is not listed (dropped).
    assert [a.ungrounded_dropped for a in report.articles] == [2, 2]
    assert report.extractor.note and "batch" in report.extractor.note


def test_recall_adds_figures_the_rules_missed_only_from_exact_anchors(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    settings = label_settings(server, tmp_path, label_shape="batch", label_recall=True)
    trucks = article(TRUCKS, "t")
    claims = make_extractor(settings).extract(trucks)
    assert [c.raw for c in RuleExtractor().extract(trucks)] == ["About 300 trucks"]
    found = quantities(claims)
    assert set(found) == {"About 300 trucks", "two weeks"}
    recalled = found["two weeks"]
    # built as the rules build theirs: their frame reading and rounding ("two weeks" is round)
    assert recalled.frame.counted is not None and recalled.frame.counted.by == "rules"
    assert recalled.rounding is not None
    assert recalled.value == 14 * 24 * 60 and trucks.verify(recalled.quantity_span)
    assert recalled.frame.scope[0].text == "at the gates" and recalled.frame.scope[0].by == "model"
    [request] = server.requests
    assert request["response_format"]["json_schema"]["name"] == "LabelBatchRecall"


def test_labels_are_cached_recorded_and_replayed(server: FakeOpenAI, tmp_path: Path) -> None:
    articles = harbour_articles()
    live = run_pipeline(articles, make_extractor(label_settings(server, tmp_path)))
    calls = server.calls
    cached = run_pipeline(articles, make_extractor(label_settings(server, tmp_path)))
    assert server.calls == calls and all(a.from_cache for a in cached.articles)
    assert cached.claims == live.claims
    run_pipeline(articles, make_extractor(label_settings(server, tmp_path, record=True)))
    server.stop()
    replay = Settings(
        backend="replay", recordings_dir=tmp_path / "recordings", cache_dir=tmp_path / "c2"
    )
    replayed = run_pipeline(articles, make_extractor(replay))
    assert replayed.claims == live.claims and replayed.extractor.name == "replay"
    assert replayed.extractor.note and "single" in replayed.extractor.note

    # A changed article (it is in every request) asks what nobody recorded: misses are counted.
    changed = article(articles[1].text.replace("Some 600", "Some 650"), "b")
    extractor = make_extractor(replay)
    with pytest.raises(ExtractionError, match=r"stale recording: 4 of 4 requests"):
        extractor.extract(changed)
    assert extractor.stats("b").usage.unrecorded == 4


def test_a_failing_endpoint_fails_the_article_not_the_run(tmp_path: Path) -> None:
    settings = llm_settings("http://127.0.0.1:9/v1", tmp_path, llm_mode="label", max_retries=0)
    report = run_pipeline(harbour_articles(), make_extractor(settings, sleep=lambda s: None))
    assert [a.status for a in report.articles] == ["failed", "failed"]
    assert all(
        "connection to the model endpoint failed" in (a.reason or "") for a in report.articles
    )
