"""The HTML report without a browser: structure, escaping, data, figures, updates, scale."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

from factcheck.report import to_html
from tests.report.builders import ESC, IMG, QUOTE, crowd_report, hostile_report, tally_report


class _Tree(HTMLParser):
    """Tags, attributes and script bodies, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def _parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    return tree


def test_hostile_text_is_shown_never_parsed() -> None:
    report, articles = hostile_report()
    page = to_html(report, articles=articles, problems=["bad\nname.txt: empty"])
    tree = _parse(page)
    tags = [t for t, _ in tree.tags]
    assert "img" not in tags
    assert tags.count("script") == 2, "our data and our code, nothing from the articles"
    handlers = [k for _, attrs in tree.tags for k in attrs if k.startswith("on")]
    assert handlers == []
    text = "".join(tree.text)
    assert IMG in text and "<script>window.__pwned=1" in text and "<b>Wire</b>" in text
    assert ESC not in page and "\x1b" not in page
    assert "articles/a\\nwarning: fake.txt" in text, "a newline in a file name is shown"
    assert "warning: bad\\nname.txt: empty" in text


def test_embedded_json_cannot_end_its_script_and_reads_back_unchanged() -> None:
    report, articles = hostile_report()
    tree = _parse(to_html(report, articles=articles))
    data_script = tree.scripts[0]
    assert "</script" not in data_script.lower() and "<!--" not in data_script
    claims = json.loads(data_script)["claims"]
    speakers = [dict(c["rows"]).get("speaker") for c in claims]
    assert IMG in speakers, "the text comes back exactly as written once parsed"
    statement = dict(claims[1]["rows"])["statement"]
    assert statement == QUOTE


def test_only_our_script_may_run_and_nothing_loads() -> None:
    report, articles = hostile_report()
    page = to_html(report, articles=articles)
    tree = _parse(page)
    policy = next(
        a["content"] for t, a in tree.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None and "default-src 'none'" in policy
    code = tree.scripts[1]
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no remote resource"


def test_cards_show_sides_highlights_certainty_and_judge() -> None:
    report, articles = hostile_report()
    tree = _parse(to_html(report, articles=articles))
    cards = [a for t, a in tree.tags if t == "article"]
    assert [(c["data-kind"], c["data-severity"], c["data-certainty"]) for c in cards] == [
        ("numeric", "medium", "confident"),
        ("attribution_channel", "low", "possible"),
    ]
    text = " ".join(" ".join(tree.text).split())
    assert "possible (confidence 0.60)" in text
    assert "judge (judge-model): same measure, both can be true." in text
    hits = [a for t, a in tree.tags if t == "mark" and "hit" in (a.get("class") or "")]
    assert len(hits) == 4
    filters = {(a["data-filter"], a["value"]) for t, a in tree.tags if "data-filter" in a}
    assert filters == {
        ("kind", "numeric"),
        ("kind", "attribution_channel"),
        ("severity", "medium"),
        ("severity", "low"),
        ("certainty", "confident"),
        ("certainty", "possible"),
    }


def test_numeric_card_has_a_number_line_with_the_gap() -> None:
    report, articles = hostile_report()
    page = to_html(report, articles=articles)
    assert page.count('class="nl-bar') == 2
    assert "400 people apart" in page


def test_summary_names_model_prompt_tokens_and_cost() -> None:
    report, articles = hostile_report()
    text = " ".join(" ".join(_parse(to_html(report, articles=articles)).text).split())
    assert "prompt abcdef012345" in text and "model m" in text
    assert "1500 tokens · ≈ $0.0012" in text
    assert "1 numbers disagree" in text and "1 quote given through different channels" in text


def test_article_view_marks_every_claim_once_even_when_spans_nest() -> None:
    report, articles = hostile_report()
    tree = _parse(to_html(report, articles=articles))
    marked = {
        n
        for t, a in tree.tags
        if t == "mark" and "hl" in (a.get("class") or "").split()
        for n in (a.get("data-c") or "").split()
    }
    assert marked == {"0", "1", "2", "3"}
    details = [
        a["id"] for t, a in tree.tags if t == "details" and "article" in (a.get("class") or "")
    ]
    assert details == ["art-0", "art-1"]


def test_figures_and_updates_are_rendered() -> None:
    report, articles = tally_report()
    page = to_html(report, articles=articles)
    text = " ".join(" ".join(_parse(page).text).split())
    assert "No contradictions found" in text
    assert "people killed | blast" in text
    steps = [
        text.index(s)
        for s in (
            "2024-03-01 · Wire At least 12 people",
            "2024-03-02 · Herald 19 people",
            "2024-03-03 · Times 23 people",
        )
    ]
    assert steps == sorted(steps), "earliest report first"
    assert "the death toll rose from at least 12 to 23" in text
    assert "At least 12 people → > 12 people" in text
    assert 'id="updates"' in page and 'id="figures"' in page


def test_report_without_article_texts_still_renders() -> None:
    report, _ = hostile_report()
    page = to_html(report)
    assert "The article text is not in this report." in page
    assert 'data-art="' not in page, "no link to an article view that is not there"


def test_two_hundred_articles_fold_long_sides() -> None:
    report, arts = crowd_report(200)
    page = to_html(report, articles=arts)
    tree = _parse(page)
    views = [a for t, a in tree.tags if t == "details" and "article" in (a.get("class") or "")]
    assert len(views) == 200
    assert sum(1 for t, _ in tree.tags if t == "figure") == 200, "all evidence is in the page"
    assert "196 more" in page, "a side of 199 shows 3 and folds the rest"
    assert page.count('class="nl-bar') == 2, "199 equal values are one bar"
    assert "×199" in page
    assert 'id="art-filter"' in page, "a long list of articles can be filtered"
