"""``--judge``: a model's second opinion on a pair of figures found in conflict.

The judge gets both evidence sentences (figure marked), both frames and both article dates
(``prompts/judge_pair.toml``) and answers whether they measure the same thing, whether both can
be true, whether one is an update, and why, in one line. Same instructor seam, cache, recording
and replay as extraction. The pipeline decides what a verdict changes (``pipeline.run_pipeline``):
the judge only answers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx2
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.config import Settings
from factcheck.errors import FactcheckError, PromptError
from factcheck.llm.answers import AnswerSource, RequestIdentity, model_schema_hash
from factcheck.llm.backends import answer_cache, chat_model, generation_for, replay_target
from factcheck.llm.calls import CallUsage, ModelCallError
from factcheck.llm.candidates import CLOSE, OPEN
from factcheck.llm.prompt import first_error, parse_toml, read_prompt_file
from factcheck.llm.recording import RecordingStore
from factcheck.schemas import Frame, JudgeVerdict, QuantityClaim, Role, Usage

JUDGE_PROMPT = "judge_pair"
REASON_MAX = 200


class JudgeAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    same_measure: bool = Field(description="Both figures measure the same thing.")
    both_true: bool = Field(description="Both can be true at the same time.")
    update: bool = Field(description="The later one is a newer value of a running tally.")
    reason: str = Field(max_length=REASON_MAX, description="One short sentence: why.")


class ExampleFigure(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: str = ""
    sentence: str
    mark: str
    counted: str = ""
    event: str = ""
    scope: str = ""
    role: Role = Role.TOTAL
    time: str = ""

    def frame_text(self) -> str:
        return _frame_line(self.counted, self.event, self.scope, self.role.value, self.time)


class JudgeExample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first: ExampleFigure
    second: ExampleFigure
    verdict: JudgeAnswer


class JudgePrompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: int
    system: str
    user_template: str
    figure_template: str
    examples: list[JudgeExample] = Field(default_factory=list)
    hash: str = ""
    path: str = ""

    def figure(self, date: str | None, sentence: str, frame: str) -> str:
        text = self.figure_template.replace("{date}", date or "unknown")
        return text.replace("{frame}", frame).replace("{sentence}", " ".join(sentence.split()))

    def user(self, first: str, second: str) -> str:
        return self.user_template.replace("{first}", first).replace("{second}", second)

    def messages(self, first: str, second: str) -> list[dict[str, str]]:
        out = [{"role": "system", "content": self.system}]
        for ex in self.examples:
            a, b = (self._example(f) for f in (ex.first, ex.second))
            out.append({"role": "user", "content": self.user(a, b)})
            out.append({"role": "assistant", "content": ex.verdict.model_dump_json()})
        out.append({"role": "user", "content": self.user(first, second)})
        return out

    def _example(self, f: ExampleFigure) -> str:
        sentence = f.sentence.replace(f.mark, OPEN + f.mark + CLOSE, 1)
        return self.figure(f.date or None, sentence, f.frame_text())


def _frame_line(counted: str, event: str, scope: str, role: str, time_cue: str) -> str:
    parts = {"counted": counted, "event": event, "scope": scope, "role": role, "time": time_cue}
    return "; ".join(f"{k}: {v or '?'}" for k, v in parts.items())


def frame_text(frame: Frame) -> str:
    def value(slot: object) -> str:
        return str(getattr(slot, "value", "") or "")

    scope = ", ".join(s.text for s in frame.scope)
    return _frame_line(
        value(frame.counted), value(frame.event), scope, frame.role.value, value(frame.time)
    )


def marked_sentence(claim: QuantityClaim) -> str:
    s = claim.quantity_span.start - claim.evidence.start
    e = claim.quantity_span.end - claim.evidence.start
    text = claim.evidence.text
    return f"{text[:s]}{OPEN}{text[s:e]}{CLOSE}{text[e:]}"


def load_judge_prompt(directory: Path | None = None) -> JudgePrompt:
    data, source = read_prompt_file(JUDGE_PROMPT, directory)
    table, digest = parse_toml(data, source)
    try:
        prompt = JudgePrompt.model_validate({**table, "hash": digest, "path": source})
    except ValidationError as exc:
        raise PromptError(f"{source}: {first_error(exc)}") from exc
    for slot in ("{first}", "{second}"):
        if prompt.user_template.count(slot) != 1:
            raise PromptError(f"{source}: user_template must contain {slot} exactly once")
    for n, ex in enumerate(prompt.examples, 1):
        for f in (ex.first, ex.second):
            for what, needle in (("mark", f.mark), ("scope", f.scope), ("time", f.time)):
                if (needle or what == "mark") and needle not in f.sentence:
                    raise PromptError(
                        f"{source}: example {n}: {what} {needle!r} is not copied verbatim"
                    )
    return prompt


class JudgeError(FactcheckError):
    pass


class ModelJudge:
    """Asks the model about one pair at a time; thread-safe usage totals."""

    def __init__(self, source: AnswerSource, prompt: JudgePrompt, model: str) -> None:
        self._source = source
        self._prompt = prompt
        self._model = model
        self._usage = CallUsage()
        self._lock = threading.Lock()
        self._identity: RequestIdentity = source.identity

    def judge(
        self,
        first: QuantityClaim,
        first_date: str | None,
        second: QuantityClaim,
        second_date: str | None,
    ) -> JudgeVerdict:
        a = self._prompt.figure(first_date, marked_sentence(first), frame_text(first.frame))
        b = self._prompt.figure(second_date, marked_sentence(second), frame_text(second.frame))
        messages = self._prompt.messages(a, b)
        usage = CallUsage()
        try:
            answer, _, _ = self._source.ask(
                messages,
                json.dumps(messages, ensure_ascii=False, sort_keys=True),
                JudgeAnswer,
                usage,
                label=f"judge {first.id} vs {second.id}",
            )
        except ModelCallError as exc:
            raise JudgeError(exc.reason) from None
        finally:
            with self._lock:
                for name in ("calls", "prompt_tokens", "completion_tokens", "retries"):
                    setattr(self._usage, name, getattr(self._usage, name) + getattr(usage, name))
        return JudgeVerdict(**answer.model_dump(), model=self._model)

    def usage(self) -> Usage:
        with self._lock:
            u = self._usage
            return Usage(
                calls=u.calls,
                prompt_tokens=u.prompt_tokens,
                completion_tokens=u.completion_tokens,
                retries=u.retries,
                unrecorded=self._source.missing,
            )


def make_judge(
    settings: Settings,
    *,
    transport: httpx2.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> ModelJudge:
    """The judge for ``settings`` (any model backend, replay included)."""
    prompt = load_judge_prompt(settings.prompts_dir)
    schema = model_schema_hash(JudgeAnswer)
    if settings.backend == "replay":
        model_name, kind, values = replay_target(settings)
        generation = generation_for(values, model_name, kind)
        ident = RequestIdentity(f"replay:{kind}", kind, prompt.hash, schema, generation)
        store = RecordingStore(settings.recordings_dir)
        source = AnswerSource(model=None, identity=ident, replay=store)
        return ModelJudge(source, prompt, model_name)
    model, model_name, kind, _ = chat_model(settings, transport=transport, sleep=sleep)
    ident = RequestIdentity(settings.endpoint, kind, prompt.hash, schema, model.generation)
    source = AnswerSource(
        model=model,
        identity=ident,
        cache=answer_cache(settings),
        recorder=RecordingStore(settings.recordings_dir) if settings.record else None,
    )
    return ModelJudge(source, prompt, model_name)


__all__ = ["JudgeAnswer", "JudgeError", "ModelJudge", "load_judge_prompt", "make_judge"]
