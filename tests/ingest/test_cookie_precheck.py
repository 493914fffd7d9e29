"""The cookie pre-check never says "no" where a cookie pattern would match."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.ingest import markup


@pytest.mark.parametrize("pattern", [markup.COOKIE_STRONG, markup._COOKIE_WORD])
def test_every_cookie_match_passes_the_precheck(pattern: object) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))  # type: ignore[arg-type]
    def check(text: str) -> None:
        if markup.COOKIE_STRONG.search(text) or markup._COOKIE_WORD.search(text):
            assert markup.mentions_cookies(text), text

    check()


@pytest.mark.parametrize("text", ["We use COOKIES", "coo\u212aie settings", "ÇEREZ politikası",
                                  "Témoins de connexion", "cookıe policy"])  # fmt: skip
def test_case_folds_like_the_patterns(text: str) -> None:
    assert markup.mentions_cookies(text)
