"""Labels as evidence: what the model may fill, what it may never change, and the prompt file."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.errors import PromptError
from factcheck.ingest import article_from_text
from factcheck.llm.candidates import Person, candidates_of, people_of
from factcheck.llm.label_prompt import LABEL_PROMPT, load_label_prompt, parse_label_prompt
from factcheck.llm.labelling import fill_frame, label_quantity, label_quote
from factcheck.llm.labels import QuantityLabels, QuoteLabels, salvage_batch
from factcheck.llm.prompt import default_prompts_dir
from factcheck.rules import RuleExtractor
from factcheck.schemas import (
    AttributionClaim,
    Channel,
    Frame,
    QuantityClaim,
    Role,
    ScopeKind,
    ScopeSlot,
    Slot,
)

TEXT = (
    "Flood in Harlow county\n\n"
    "At least 12 people died in Harlow county after the river burst its banks, police said.\n\n"
    "Governor Ana Ruiz wrote on Facebook: “I ask Minister Leo Park to send the army now.”\n"
)
ARTICLE = article_from_text(TEXT, article_id="f", source="f.txt")


def rule_claims() -> tuple[QuantityClaim, AttributionClaim]:
    claims = RuleExtractor().extract(ARTICLE)
    q = next(c for c in claims if isinstance(c, QuantityClaim))
    a = next(c for c in claims if isinstance(c, AttributionClaim))
    return q, a


def bare(q: QuantityClaim) -> QuantityClaim:
    """The claim as if the rules had read no frame: what a model label may fill is then
    everything, whatever today's rules happen to read in these sentences."""
    return q.model_copy(update={"frame": Frame()})


def labels(**changes: object) -> QuantityLabels:
    base: dict[str, object] = {
        "counted": "people",
        "event": "killed",
        "role": "total",
        "scope": "in Harlow county",
        "time": "",
    }
    return QuantityLabels.model_validate({**base, **changes})


def test_model_labels_fill_empty_slots_with_the_sentence_words() -> None:
    q = bare(rule_claims()[0])
    labelled, dropped = label_quantity(q, labels())
    assert dropped == 0
    f = labelled.frame
    assert f.counted == Slot(value="people", text="people", by="model")
    assert f.event == Slot(value="killed", text="died", by="model") and f.running
    assert f.scope == [
        ScopeSlot(value="harlow county", text="in Harlow county", by="model", kind=ScopeKind.PLACE)
    ]
    assert labelled.model_frame is not None and labelled.model_frame.role_by == "model"
    assert (labelled.value, labelled.raw, labelled.evidence) == (q.value, q.raw, q.evidence)


def test_what_the_rules_read_is_never_overwritten() -> None:
    rules = Frame(
        counted=Slot(value="people", text="people"),
        event=Slot(value="injured", text="hurt"),
        role=Role.CHANGE,
        role_text="rose by",
        time=Slot(value="so far", text="so far"),
    )
    model, _ = label_quantity(
        rule_claims()[0], labels(counted="police", event="killed", role="projection")
    )
    assert model.model_frame is not None
    filled = fill_frame(rules, model.model_frame)
    assert filled.counted == rules.counted and filled.event == rules.event
    assert (filled.role, filled.role_by, filled.time) == (Role.CHANGE, "rules", rules.time)
    assert [s.by for s in filled.scope] == ["model"]  # the rules had no scope: filled


def test_model_words_not_in_the_sentence_are_dropped_and_counted() -> None:
    q = bare(rule_claims()[0])
    labelled, dropped = label_quantity(q, labels(scope="in Harlow City", time="by Sunday"))
    assert dropped == 2 and labelled.frame.scope == [] and labelled.frame.time is None
    # Words of the sentence, but the figure itself: not its own scope or time.
    labelled, dropped = label_quantity(q, labels(scope="12 people died", time="At least 12"))
    assert dropped == 2 and labelled.frame.scope == [] and labelled.frame.time is None
    # A label with no word in the sentence stays in model_frame only.
    labelled, _ = label_quantity(q, labels(event="evacuated"))
    assert labelled.frame.event is None
    assert labelled.model_frame is not None and labelled.model_frame.event is not None
    assert labelled.model_frame.event.text == ""


def test_a_total_by_default_takes_the_model_role_but_never_other() -> None:
    q, _ = rule_claims()
    assert label_quantity(q, labels(role="rate"))[0].frame.role is Role.RATE
    assert label_quantity(q, labels(role="other"))[0].frame.role is Role.TOTAL


def test_the_person_a_quote_addresses_is_refused_as_its_speaker() -> None:
    _, quote = rule_claims()
    people = people_of(ARTICLE.text)
    park = next(n for n, p in enumerate(people, 1) if p.name.endswith("Park"))
    ruiz = next(n for n, p in enumerate(people, 1) if p.name.endswith("Ruiz"))
    refused, dropped = label_quote(
        ARTICLE, quote, QuoteLabels(speaker=park, channel=Channel.SPEECH), people
    )
    assert refused.model_speaker is None and dropped == 1
    assert refused.model_channel is Channel.SPEECH
    kept, dropped = label_quote(
        ARTICLE, quote, QuoteLabels(speaker=ruiz, channel=Channel.SOCIAL_POST), people
    )
    assert kept.model_speaker == people[ruiz - 1].name and dropped == 0


def test_a_model_speaker_fills_only_a_missing_rules_speaker() -> None:
    _, quote = rule_claims()
    people = [Person("Ana Ruiz", "governor")]
    unknown = quote.model_copy(update={"speaker": None, "speaker_text": None})
    filled, _ = label_quote(
        ARTICLE, unknown, QuoteLabels(speaker=1, channel=Channel.UNKNOWN), people
    )
    assert (filled.speaker, filled.speaker_by) == ("Ana Ruiz", "model")
    kept, _ = label_quote(ARTICLE, quote, QuoteLabels(speaker=1, channel=Channel.UNKNOWN), people)
    assert (kept.speaker, kept.speaker_by) == (quote.speaker, "rules")


def test_candidates_mark_the_figure_and_the_quote() -> None:
    marked = [c.marked() for c in candidates_of(RuleExtractor().extract(ARTICLE))]
    assert marked[0].startswith("[[At least 12 people]] died")
    assert any("[[I ask Minister Leo Park to send the army now]]" in m for m in marked)


def test_labels_are_a_closed_vocabulary() -> None:
    with pytest.raises(ValueError, match="counted must be one of"):
        labels(counted="dead people")
    with pytest.raises(ValueError):
        labels(role="estimate")
    with pytest.raises(ValueError):
        labels(scope="x" * 61)  # a grammar-constrained server stops the string before this


def test_truncated_batch_keeps_its_complete_items() -> None:
    text = '{"quantities":[{"id":1,"counted":"people","event":"killed","role":"total","scope":"","time":""},{"id":2,"coun'
    salvaged = salvage_batch(text)
    assert salvaged is not None and [q.id for q in salvaged.quantities] == [1]
    assert salvage_batch('{"quantities":[{"id":1,"cou') is None


def test_label_prompt_examples_are_checked_when_loaded() -> None:
    prompt = load_label_prompt()
    assert len(prompt.hash) == 16 and len(prompt.examples) >= 2
    data = (default_prompts_dir() / f"{LABEL_PROMPT}.toml").read_bytes()
    for old, new, message in [
        (b'scope = "off Tarsel island"', b'scope = "near Tarsel"', "scope 'near Tarsel'"),
        (b'mark = "212 passengers"', b'mark = "213 passengers"', "mark"),
        (b"speaker = 2", b"speaker = 3", "speaker 3 is not in its people list"),
        (b'counted = "crew"', b'counted = "sailors"', "counted must be one of"),
        (b'"Ilse Varga (coast', b'"Ilse Vargas (coast', "person 'Ilse Vargas'"),
        (b'anchor = "three more days"', b'anchor = "four more days"', "anchor"),
    ]:
        assert old in data, old
        with pytest.raises(PromptError, match=message):
            parse_label_prompt(data.replace(old, new, 1), "p.toml")


def test_default_label_shape_follows_the_endpoint(tmp_path: Path) -> None:
    def shape(**values: object) -> str:
        return Settings.model_validate(
            {"backend": "openai", "model": "m", **values}
        ).default_label_shape

    assert shape() == "batch"  # api.openai.com
    assert shape(base_url="http://127.0.0.1:8080/v1") == "single"
    assert shape(base_url="https://llm.example.com/v1") == "batch"
    assert (
        Settings(backend="llama-cpp", model_path=tmp_path / "m.gguf").default_label_shape
        == "single"
    )


def test_a_long_sentence_shows_the_mark_and_its_nearest_words() -> None:
    from factcheck.llm.candidates import WINDOW_CHARS, candidate

    sentence = (
        " ".join(f"word{n}" for n in range(80))
        + " with 14 people killed "
        + (" ".join(f"tail{n}" for n in range(80)))
    )
    shown = candidate(1, 0, "quantity", sentence, "14 people").marked()
    assert "[[14 people]]" in shown and len(shown) <= WINDOW_CHARS + 10
    assert shown.startswith("… ") and shown.endswith(" …") and "word79 with" in shown
    quote = "We will " + "keep going and " * 20 + "never stop."
    shown = candidate(1, 0, "quote", f"“{quote}” she said.", quote).marked()
    assert shown.startswith("“[[We will keep going") and "never stop.]]” she said." in shown
    assert " … " in shown and len(shown) < 200


def test_a_label_word_far_from_the_figure_does_not_tie_the_label() -> None:
    text = (
        "Some 9,500 cars a day used the bridge in October, although passenger traffic is far "
        "more seasonal than freight and rose to 12,000 in August.\n"
    )
    doc = article_from_text(text, article_id="c", source="c.txt")
    cars = bare(
        next(
            c
            for c in RuleExtractor().extract(doc)
            if isinstance(c, QuantityClaim) and "cars" in c.raw
        )
    )
    labelled, dropped = label_quantity(
        cars, labels(counted="passengers", scope="", time="in August")
    )
    assert labelled.frame.counted is None  # "passenger" is there, but not what 9,500 counts
    assert labelled.model_frame is not None and labelled.model_frame.counted is not None
    assert labelled.frame.time is not None and dropped == 0
    # A cue that holds another figure of the sentence is not this figure's time.
    labelled, dropped = label_quantity(cars, labels(scope="", time="rose to 12,000 in August"))
    assert labelled.frame.time is None and dropped == 1


def test_a_label_the_nearest_word_contradicts_fills_nothing() -> None:
    text = "Seven people were killed and about two dozen injured overnight, officials said.\n"
    doc = article_from_text(text, article_id="s", source="s.txt")
    claims = {c.raw: c for c in RuleExtractor().extract(doc) if isinstance(c, QuantityClaim)}
    injured = bare(claims["about two dozen injured"])
    wrong, _ = label_quantity(injured, labels(event="killed", scope="", time="overnight"))
    assert wrong.frame.event is None  # "injured" is the word next to the figure
    assert wrong.model_frame is not None and wrong.model_frame.event is not None
    assert wrong.frame.time is not None and wrong.frame.time.text == "overnight"
    right, _ = label_quantity(injured, labels(event="injured", scope="", time=""))
    assert right.frame.event == Slot(value="injured", text="injured", by="model")
    # A "time" that names no time is not a time cue.
    vague, dropped = label_quantity(
        injured, labels(event="injured", scope="", time="officials said")
    )
    assert vague.frame.time is None and dropped == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 12,000 residents were evacuated, authorities said on Monday.",
        "Some 12,000 residents were evacuated, the prefect told Reuters on Monday.",
        "Some 12,000 residents were evacuated, officials said late on Monday.",
    ],
)
def test_the_day_a_figure_was_reported_is_not_its_time(sentence: str) -> None:
    doc = article_from_text(sentence + "\n", article_id="r", source="r.txt")
    [q] = [bare(c) for c in RuleExtractor().extract(doc) if isinstance(c, QuantityClaim)]
    labelled, dropped = label_quantity(q, labels(scope="", time="on Monday"))
    assert labelled.frame.time is None and dropped == 1
    held = article_from_text(
        "On Monday, some 12,000 residents were evacuated.\n", article_id="h", source="h.txt"
    )
    [h] = [bare(c) for c in RuleExtractor().extract(held) if isinstance(c, QuantityClaim)]
    labelled, dropped = label_quantity(h, labels(scope="", time="On Monday"))
    assert labelled.frame.time is not None and dropped == 0
