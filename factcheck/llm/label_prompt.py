"""Label mode's prompt file (``prompts/label_candidates.toml``): load, validate, render.

The file holds the instruction, the templates of both shapes and few-shot examples (invented
articles, in no eval set). Examples are checked at load time like model output: every sentence
must occur verbatim in its article, every marked text in its sentence, every scope and time cue
in its sentence, every label in the vocabulary, every speaker number in the people list and
every listed name in the article. The label vocabulary (``rules.framewords``) is rendered into
the instruction, so the whole rendered message list, not only the file hash, keys each request.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import PromptError
from factcheck.llm.candidates import Candidate, Person, candidate
from factcheck.llm.labels import (
    COUNTED_LABELS,
    EVENT_LABELS,
    LabelBatch,
    LabelBatchRecall,
    MissedQuantity,
    NumberedQuantity,
    NumberedQuote,
    QuantityLabels,
    QuoteLabels,
)
from factcheck.llm.prompt import first_error, parse_toml, read_prompt_file
from factcheck.rules.framewords import EVENTS
from factcheck.schemas import Channel, Role

LABEL_PROMPT = "label_candidates"
_SYSTEM_SLOTS = ("{counted_labels}", "{event_labels}", "{roles}", "{channels}")


class ExampleFigure(QuantityLabels):
    model_config = ConfigDict(extra="forbid")

    sentence: str
    mark: str


class ExampleQuote(QuoteLabels):
    model_config = ConfigDict(extra="forbid")

    sentence: str
    mark: str


class LabelExample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: str = ""
    article: str
    people: list[str] = []
    figures: list[ExampleFigure] = []
    quotes: list[ExampleQuote] = []
    missed: list[MissedQuantity] = []

    def candidates(self) -> list[Candidate]:
        items = [("quantity", f.sentence, f.mark) for f in self.figures]
        items += [("quote", q.sentence, q.mark) for q in self.quotes]
        return [candidate(n, n - 1, k, s, m) for n, (k, s, m) in enumerate(items, 1)]

    def persons(self) -> list[Person]:
        out = []
        for line in self.people:
            name, _, role = line.partition(" (")
            out.append(Person(name.strip(), role.rstrip(")").strip()))
        return out

    def answers(self) -> list[QuantityLabels | QuoteLabels]:
        labels: list[QuantityLabels | QuoteLabels] = [
            QuantityLabels.model_validate(f.model_dump(exclude={"sentence", "mark"}))
            for f in self.figures
        ]
        labels += [
            QuoteLabels.model_validate(q.model_dump(exclude={"sentence", "mark"}))
            for q in self.quotes
        ]
        return labels

    def batch(self, recall: bool) -> LabelBatch:
        numbered = list(zip(self.candidates(), self.answers(), strict=True))
        quantities = [
            NumberedQuantity(id=c.number, **a.model_dump())
            for c, a in numbered
            if isinstance(a, QuantityLabels)
        ]
        quotes = [
            NumberedQuote(id=c.number, **a.model_dump())
            for c, a in numbered
            if isinstance(a, QuoteLabels)
        ]
        if recall:
            return LabelBatchRecall(quantities=quantities, quotes=quotes, missed=self.missed)
        return LabelBatch(quantities=quantities, quotes=quotes)


class LabelPrompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: int
    system: str
    article_template: str
    people_template: str
    batch_template: str
    recall_instruction: str
    figure_template: str
    quote_template: str
    examples: list[LabelExample] = Field(default_factory=list)
    hash: str = ""
    path: str = ""

    def system_text(self) -> str:
        text = self.system
        values = (_counted_text(), _event_text(), _roles_text(), _channels_text())
        for slot, value in zip(_SYSTEM_SLOTS, values, strict=True):
            text = text.replace(slot, value)
        return text

    def people_block(self, people: list[Person]) -> str:
        listed = "\n".join(p.line(n) for n, p in enumerate(people, 1)) or "(none)"
        return self.people_template.replace("{list}", listed)

    def article_block(self, text: str, date: str | None, people: list[Person]) -> str:
        # str.replace, not str.format: articles contain braces. The article goes in last, so
        # that nothing in it can be taken for one of our slots.
        block = self.article_template.replace("{date}", f" (published {date})" if date else "")
        return block.replace("{people}", self.people_block(people)).replace("{article}", text)

    def batch_user(self, block: str, candidates: list[Candidate], recall: bool) -> str:
        figures = [f"{c.number}. {c.marked()}" for c in candidates if c.kind == "quantity"]
        quotes = [f"{c.number}. {c.marked()}" for c in candidates if c.kind == "quote"]
        message = self.batch_template.replace("{block}", block)
        message = message.replace("{figures}", "\n".join(figures) or "(none)")
        message = message.replace("{quotes}", "\n".join(quotes) or "(none)")
        return message + ("\n\n" + self.recall_instruction if recall else "")

    def question(self, c: Candidate) -> str:
        template = self.figure_template if c.kind == "quantity" else self.quote_template
        return template.replace("{candidate}", c.marked())

    def batch_messages(
        self, block: str, candidates: list[Candidate], recall: bool
    ) -> list[dict[str, str]]:
        out = [{"role": "system", "content": self.system_text()}]
        for ex in self.examples:
            ex_block = self.article_block(ex.article, ex.date or None, ex.persons())
            question = self.batch_user(ex_block, ex.candidates(), recall)
            out.append({"role": "user", "content": question})
            out.append({"role": "assistant", "content": ex.batch(recall).model_dump_json()})
        out.append({"role": "user", "content": self.batch_user(block, candidates, recall)})
        return out

    def single_messages(self, block: str, c: Candidate) -> list[dict[str, str]]:
        """System and examples first, then the article block, then the one question: every
        request of an article shares everything but its last line (a server's prompt cache)."""
        out = [{"role": "system", "content": self.system_text()}]
        for ex in self.examples:
            # Examples show their people list, not their article: a short, fixed prefix.
            people = self.people_block(ex.persons())
            for example_candidate, answer in zip(ex.candidates(), ex.answers(), strict=True):
                question = people + "\n\n" + self.question(example_candidate)
                out.append({"role": "user", "content": question})
                out.append({"role": "assistant", "content": answer.model_dump_json()})
        out.append({"role": "user", "content": block + "\n\n" + self.question(c)})
        return out


def _counted_text() -> str:
    return ", ".join(f'"{label}"' for label in COUNTED_LABELS)


def _event_text() -> str:
    parts = []
    for label in EVENT_LABELS:
        # A few other words for it, not inflections of the label ("dead, died" for killed).
        words: list[str] = []
        for w in EVENTS.get(label, ()):
            if w[:4] != label[:4] and all(w[:3] != x[:3] for x in words) and len(words) < 3:
                words.append(w)
        parts.append(f'"{label}"' + (f" ({', '.join(words)})" if words else ""))
    return ", ".join(parts)


def _roles_text() -> str:
    return ", ".join(f'"{r.value}"' for r in Role)


def _channels_text() -> str:
    return ", ".join(f'"{c.value}"' for c in Channel)


def load_label_prompt(directory: Path | None = None) -> LabelPrompt:
    return parse_label_prompt(*read_prompt_file(LABEL_PROMPT, directory))


def parse_label_prompt(data: bytes, source: str = "<prompt>") -> LabelPrompt:
    table, digest = parse_toml(data, source)
    try:
        prompt = LabelPrompt.model_validate({**table, "hash": digest, "path": source})
    except ValidationError as exc:
        raise PromptError(f"{source}: {first_error(exc)}") from exc
    _check(prompt, source)
    return prompt


def _check(prompt: LabelPrompt, source: str) -> None:
    required = {
        "article_template": ("{article}", "{people}", "{date}"),
        "people_template": ("{list}",),
        "batch_template": ("{block}", "{figures}", "{quotes}"),
        "figure_template": ("{candidate}",),
        "quote_template": ("{candidate}",),
    }
    for field, slots in required.items():
        for slot in slots:
            if getattr(prompt, field).count(slot) != 1:
                raise PromptError(f"{source}: {field} must contain {slot} exactly once")
    if not prompt.system.strip():
        raise PromptError(f"{source}: system instruction is empty")
    for n, ex in enumerate(prompt.examples, 1):
        _check_example(ex, f"{source}: example {n}")


def _check_example(ex: LabelExample, where: str) -> None:
    def verbatim(what: str, needle: str, haystack: str, empty_ok: bool = False) -> None:
        if (needle or not empty_ok) and needle not in haystack:
            raise PromptError(f"{where}: {what} {needle!r} is not copied verbatim")

    for person in ex.persons():
        verbatim("person", person.name, ex.article)
    for f in ex.figures:
        verbatim("sentence", f.sentence, ex.article)
        verbatim("mark", f.mark, f.sentence)
        verbatim("scope", f.scope, f.sentence, empty_ok=True)
        verbatim("time", f.time, f.sentence, empty_ok=True)
    for q in ex.quotes:
        verbatim("sentence", q.sentence, ex.article)
        verbatim("mark", q.mark, q.sentence)
        if q.speaker > len(ex.people):
            raise PromptError(f"{where}: speaker {q.speaker} is not in its people list")
    for m in ex.missed:
        verbatim("anchor", m.anchor, ex.article)


__all__ = ["LABEL_PROMPT", "LabelExample", "LabelPrompt", "load_label_prompt"]
