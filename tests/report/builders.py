"""Reports built by hand (no extractor): every field a renderer shows, hostile text included."""

from __future__ import annotations

from factcheck.schemas import (
    Article,
    ArticleResult,
    AttributionClaim,
    Certainty,
    Channel,
    ClaimRef,
    Contradiction,
    ContradictionKind,
    Dimension,
    ExtractorInfo,
    Figure,
    FigureValue,
    Frame,
    Hedge,
    JudgeVerdict,
    QuantityClaim,
    Report,
    Role,
    ScopeKind,
    ScopeSlot,
    Severity,
    Slot,
    Span,
    Update,
    Usage,
)

ESC = "\x1b[31m"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>window.__pwned=1</script>"
QUOTE = f"we are ready | {IMG} </script><!-- <script>window.__pwned=2</script>"


def article(article_id: str, text: str, **fields: str) -> Article:
    source = fields.pop("source", f"articles/{article_id}.txt")
    return Article(id=article_id, source=source, raw_text=text, text=text, **fields)


def sentence_of(a: Article, phrase: str) -> Span:
    """The sentence (up to '. ' or a newline) around the first occurrence of ``phrase``."""
    at = a.text.index(phrase)
    dot = a.text.rfind(". ", 0, at)
    start = max(dot + 2 if dot != -1 else 0, a.text.rfind("\n", 0, at) + 1)
    ends = [i for i in (a.text.find(". ", at), a.text.find("\n", at)) if i != -1]
    end = min(ends) + 1 if ends else len(a.text)
    return a.span(start, end)


def quantity(
    a: Article,
    raw: str,
    n: int,
    *,
    low: float | None,
    high: float | None,
    unit: str,
    value: float,
    hedge: Hedge = Hedge.EXACT,
    measured: str = "caravan size",
    dimension: Dimension = Dimension.COUNT,
    frame: Frame | None = None,
) -> QuantityClaim:
    at = a.text.index(raw)
    return QuantityClaim(
        id=f"{a.id}:q{n}",
        article_id=a.id,
        measured=measured,
        raw=raw,
        value=value,
        low=low,
        high=high,
        hedge=hedge,
        unit=unit,
        dimension=dimension,
        quantity_span=a.span(at, at + len(raw)),
        evidence=sentence_of(a, raw),
        frame=frame or Frame(),
    )


def attribution(
    a: Article, statement: str, n: int, *, speaker: str, channel: Channel
) -> AttributionClaim:
    at = a.text.index(statement)
    return AttributionClaim(
        id=f"{a.id}:a{n}",
        article_id=a.id,
        statement=statement,
        speaker_text=speaker,
        speaker=speaker,
        channel=channel,
        channel_text=channel.value,
        statement_span=a.span(at, at + len(statement)),
        evidence=sentence_of(a, statement),
    )


def ref(a: Article, claim: QuantityClaim | AttributionClaim, summary: str, group: int) -> ClaimRef:
    hl = claim.quantity_span if isinstance(claim, QuantityClaim) else claim.statement_span
    return ClaimRef(
        claim_id=claim.id,
        article_id=a.id,
        source=a.source,
        evidence=claim.evidence,
        highlight=hl,
        summary=summary,
        group=group,
        date=a.date,
        outlet=a.outlet,
    )


def hostile_report() -> tuple[Report, list[Article]]:
    """Two articles whose text, file name, outlet and model fields carry markup and escapes."""
    a = article(
        "a|1",
        f"The caravan had almost 10,000 people {ESC}on Monday{SCRIPT}. "
        f"Officials said it grew.\nThe mayor said “{QUOTE}” at a briefing.",
        source="articles/a\nwarning: fake.txt",
        outlet=f"Daily {ESC}Post",
        date="2024-01-02",
    )
    b = article(
        "b",
        f"Around 8,000 migrants walked *north* {IMG}. The mayor wrote “{QUOTE}” on X.",
        outlet="<b>Wire</b>",
        date="2024-01-03",
    )
    qa = quantity(a, "almost 10,000 people", 1, low=9000, high=10000, unit="person", value=10000)
    qb = quantity(b, "Around 8,000 migrants", 1, low=7400, high=8600, unit="person", value=8000)
    qa.measured = f"caravan {IMG}"
    quote = QUOTE
    aa = attribution(a, quote, 1, speaker=IMG, channel=Channel.PRESS_BRIEFING)
    ab = attribution(b, quote, 1, speaker=f"Mayor{ESC}", channel=Channel.SOCIAL_POST)
    numeric = Contradiction(
        id="C1",
        kind=ContradictionKind.NUMERIC,
        severity=Severity.MEDIUM,
        topic=f"caravan size {SCRIPT}",
        claims=[
            ref(a, qa, "almost 10,000 people → 9,000–10,000 people", 0),
            ref(b, qb, "Around 8,000 migrants → ≈ 8,000 people", 1),
        ],
        explanation=f"a says 'almost 10,000 people {ESC}' but b says {IMG}|x",
    )
    channel = Contradiction(
        id="C2",
        kind=ContradictionKind.ATTRIBUTION_CHANNEL,
        severity=Severity.LOW,
        topic="mayor quote",
        claims=[ref(a, aa, f"{IMG} · press_briefing", 0), ref(b, ab, "Mayor · social_post", 1)],
        explanation="the same quote is given as said at a briefing and as posted on X",
        confidence=0.6,
        certainty=Certainty.POSSIBLE,
        judge=JudgeVerdict(
            same_measure=True,
            both_true=True,
            update=False,
            reason=f"both can hold {SCRIPT}",
            model="judge-model",
        ),
    )
    report = Report(
        extractor=ExtractorInfo(name="openai", model=f"m{ESC}", prompt_hash="abcdef0123456789"),
        articles=[],
        claims=[qa, aa, qb, ab],
        contradictions=[numeric, channel],
        usage=Usage(calls=2, prompt_tokens=1200, completion_tokens=300, cost_usd=0.0012),
        warnings=[f"skipped evil\nwarning: forged {ESC}line"],
    )
    report.articles = [
        ArticleResult(
            id=x.id,
            source=x.source,
            date=x.date,
            outlet=x.outlet,
            quantity_claims=1,
            attribution_claims=1,
        )
        for x in (a, b)
    ]
    return report, [a, b]


def tally_report() -> tuple[Report, list[Article]]:
    """A running death toll reported three times (an update) and a figures table."""
    texts = {
        "d1": ("2024-03-01", "Wire", "At least 12 people were killed in the blast on Friday."),
        "d2": ("2024-03-02", "Herald", "The death toll rose to 19 people on Saturday."),
        "d3": ("2024-03-03", "Times", "Officials said 23 people were killed in total."),
    }
    arts = [article(k, t, date=d, outlet=o) for k, (d, o, t) in texts.items()]
    raws = ["At least 12 people", "19 people", "23 people"]
    lows, highs = [12.0, 19.0, 23.0], [None, 19.0, 23.0]
    frame = Frame(
        counted=Slot(value="people", text="people"),
        event=Slot(value="killed", text="killed"),
        scope=[ScopeSlot(value="blast", text="in the blast", kind=ScopeKind.OTHER)],
        role=Role.TOTAL,
        time=Slot(value="so far", text="in total"),
        running=True,
    )
    claims = [
        quantity(
            a,
            raw,
            1,
            low=lo,
            high=hi,
            unit="person",
            value=lo,
            measured="people killed",
            hedge=Hedge.AT_LEAST if hi is None else Hedge.EXACT,
            frame=frame,
        )
        for a, raw, lo, hi in zip(arts, raws, lows, highs, strict=True)
    ]
    refs = [ref(a, c, c.raw, n) for n, (a, c) in enumerate(zip(arts, claims, strict=True))]
    update = Update(
        id="U1",
        topic="people killed",
        claims=refs,
        explanation="the death toll rose from at least 12 to 23 over three days",
    )
    figure = Figure(
        id="F1",
        measure="people killed | blast",
        values=[
            FigureValue(
                article_id=a.id,
                claim_id=c.id,
                raw=c.raw,
                low=c.low,
                high=c.high,
                unit=c.unit,
                date=a.date,
                outlet=a.outlet,
            )
            for a, c in zip(arts, claims, strict=True)
        ],
    )
    report = Report(
        extractor=ExtractorInfo(name="rules", note="offline rule-based extractor"),
        articles=[],
        claims=claims,
        contradictions=[],
        updates=[update],
        figures=[figure],
    )
    report.articles = [
        ArticleResult(id=a.id, source=a.source, date=a.date, outlet=a.outlet, quantity_claims=1)
        for a in arts
    ]
    return report, arts


def crowd_report(n: int) -> tuple[Report, list[Article]]:
    """n articles giving the caravan size: one says 10,000, the other n - 1 say 8,000."""
    arts, claims, refs = [], [], []
    for k in range(n):
        value = 8000.0 if k else 10000.0
        a = article(f"a{k:03d}", f"The caravan had {value:,.0f} people. Others agreed.")
        c = quantity(
            a, f"{value:,.0f} people", 1, low=value, high=value, unit="person", value=value
        )
        arts.append(a)
        claims.append(c)
        refs.append(ref(a, c, c.raw, 0 if k else 1))
    report = Report(
        extractor=ExtractorInfo(name="rules"),
        articles=[ArticleResult(id=a.id, source=a.source, quantity_claims=1) for a in arts],
        claims=claims,
        contradictions=[
            Contradiction(
                id="C1",
                kind=ContradictionKind.NUMERIC,
                severity=Severity.HIGH,
                topic="caravan size",
                claims=refs,
                explanation="the sizes cannot both be true: " + ", ".join(a.id for a in arts),
            )
        ],
    )
    return report, arts
