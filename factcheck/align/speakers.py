"""Who each speaker is across the whole cluster: one canonical name per person or body."""

from __future__ import annotations

import re

from factcheck.rules.resolver import EntityResolver
from factcheck.rules.speakers import is_handle
from factcheck.schemas import AttributionClaim


def _display_name(claim: AttributionClaim) -> str | None:
    """'Andrés Manuel (@lopezobrador_)' -> 'Andrés Manuel' for embedded posts."""
    if claim.speaker_text and claim.speaker and is_handle(claim.speaker):
        name = re.sub(r"\(@\w+\)", "", claim.speaker_text).strip()
        return name or None
    return None


def canonical_speakers(claims: list[AttributionClaim]) -> list[AttributionClaim]:
    resolver = EntityResolver()
    # Distinct names only: the resolver compares a new name with the known ones, so feeding
    # every claim's (mostly repeated) speaker made it quadratic in the number of claims.
    for name in dict.fromkeys(c.speaker for c in claims if c.speaker and not is_handle(c.speaker)):
        resolver.add(name)
    out = []
    cache: dict[tuple[str | None, str | None], str | None] = {}
    for c in claims:
        display = _display_name(c)
        key = (c.speaker, display)
        if key not in cache:
            speaker = c.speaker
            if display is not None:
                via_name = resolver.canonical(display)
                via_handle = resolver.canonical(speaker)
                # Prefer whichever of display name and handle links to a known person.
                speaker = via_handle if via_handle != speaker else via_name
            else:
                speaker = resolver.canonical(speaker)
            cache[key] = speaker
        out.append(c.model_copy(update={"speaker": cache[key]}))
    return out
