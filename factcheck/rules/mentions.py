"""People in one article: named mentions, role nouns ("the diplomat") and pronouns.

No statistical NER is available offline, so a capitalised run counts as a person only with
positive evidence: a known first name (gender-guesser's name list, used purely as a gazetteer),
a role/title before it, or a surname already seen as part of a full name.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from factcheck.rules.firstnames import first_names
from factcheck.rules.speakers import TITLE_WORDS, KnownNames, same_entity
from factcheck.rules.wordtrie import word_trie

_CAPITALS = "A-ZÁÉÍÓÚÑÜÀÈÌÒÙÇ"
_CAP = rf"[{_CAPITALS}][\w'’\-]*"
_CONNECT = r"(?:de|del|la|las|los|da|dos|van|von|der|bin|al|y|of|for|the)"
# Names never run across a line break ("... Storm Bérénice\nBy Fiona Garrett"). A run opens
# with "(Name)", a capitalised word or an initial: spelled as one character class first, then
# a look-behind at the character taken, so that ``re`` jumps from capital to capital (half the
# time of "(?:\(Name\)|Name|X\.)" tried at every position; tests/rules/test_mention_patterns.py).
_RUN_RE = re.compile(
    rf"[({_CAPITALS}](?:(?<=\()(?:{_CAP})\)|(?<=[{_CAPITALS}])[\w'’\-]*|(?<=[A-Z])\.)"
    rf"(?:[ \t]+(?:\((?:{_CAP})\)|{_CAP}|[A-Z]\.|{_CONNECT}(?=[ \t]+[A-ZÁÉÍÓÚ])))*"
)
ROLE_WORDS = TITLE_WORDS | frozenset(
    """
    commissioner prefect governor envoy ombudsman
    secretary state minister foreign affairs advisor adviser homeland security national house
    white affairs cabinet official officials diplomat envoy premier spokesperson presidential
    special senior top citizen navy marina defense defence interior justice finance economy
    treasury labor labour health education commerce trade energy environment relations
    counselor counsellor council representative press public chancellor leader
    """.split()
)
# A demonym by its ending needs three letters before it: "Ocean", "These", "Brian" have two.
NATIONALITY_RE = re.compile(
    r"^(?:U\.?S\.?|US|UK|EU|UN|Asian|[A-Z][a-z]{2,}(?:ian|ean|can|ese|ish)"
    r"|Israeli|Pakistani|Iraqi|Saudi|Kuwaiti|Yemeni|Somali|Bangladeshi|Nepali|Qatari|Emirati"
    r"|Omani|Thai|Swiss|French|Dutch|Greek|Czech|Irish|Welsh|Scottish|Danish)$"
)
ROLE_NOUNS = (
    "prime minister|foreign minister|interior minister|defense minister|defence minister|"
    "secretary of state|president|minister|secretary|chancellor|diplomat|counselor|ambassador|"
    "spokesperson|spokesman|spokeswoman|official|governor|mayor|senator|general|admiral|leader|"
    "envoy|commissioner|premier|director|chief|head"
)
ROLE_NOUNS_RE = word_trie(ROLE_NOUNS)  # the same matches as ROLE_NOUNS, fewer attempts
# Modifiers of a role noun: capitalised words ("Mexican", "Foreign") or a few adjectives.
ROLE_MODIFIER = r"(?:[A-Z][\w.\-]*|new|former|top|senior|deputy|acting|foreign|interior|chief)"
# A generic role noun may denote a person whose role the article gave in other words.
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "diplomat": ("foreign", "ambassador", "envoy", "state", "chancellor", "diplomat"),
    "chancellor": ("foreign", "chancellor"),
    "counselor": ("foreign", "chancellor", "counselor"),
    "minister": ("minister", "secretary"),
    "secretary": ("secretary", "minister"),
    "official": ("official", "secretary", "minister", "advisor", "adviser", "spokesperson"),
}
_PREPOSITIONS = frozenset(
    "by with to of from for about against between among at on in into toward towards and".split()
)
_NOT_PERSON = frozenset(
    """
    united states america mexico city palace house cabinet border protection customs eve day
    christmas january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday government ministry
    department council university party police army navy republic union news agency
    """.split()
)


@lru_cache(maxsize=1 << 14)  # asked of each word of each new capitalised run
def is_first_name(token: str) -> bool:
    token = token.strip("()")
    low = token.lower()
    if low in TITLE_WORDS or len(token) < 2:
        return False
    return low in first_names()


class Mention(NamedTuple):  # one per name, role noun and pronoun: cheap to build
    start: int
    end: int
    text: str
    kind: str  # "name" | "role" | "pronoun"
    role: str = ""
    governed: bool = False  # preceded by a preposition or possessive: not a clause subject


@dataclass
class People:
    """Named people of one article with the roles the article gives them."""

    names: list[Mention] = field(default_factory=list)  # in text order
    roles: dict[str, set[str]] = field(default_factory=dict)
    # Memos for the questions above; ``names`` and ``roles`` are final once find_people returns.
    _roles_of: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _same: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    _distinct: list[str] | None = field(default=None, repr=False, compare=False)
    _known: KnownNames | None = field(default=None, repr=False, compare=False)

    def person_for_role(self, role: str, before: int) -> str | None:
        """The person this role noun refers to: best role-word overlap, then salience (how
        often the person was named before), then the latest mention."""
        words = {w[:5] for w in role.lower().replace(".", "").split()} - {"the", "his", "her"}
        head = role.lower().split()[-1] if role.split() else ""
        wanted = set(ROLE_SYNONYMS.get(head, (head,)))
        # The actors so far, per written name: how often named, and where last (names are in
        # text order). Each name is weighed once, not once per mention.
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        for m in self.names:
            if m.start >= before:
                break
            if not m.governed:
                counts[m.text] = counts.get(m.text, 0) + 1
                last[m.text] = m.start
        best: tuple[int, int, int, str] | None = None
        for text, start in last.items():
            role_words = self._role_words(text)
            if not wanted & role_words:
                continue
            overlap = len(words & {w[:5] for w in role_words})
            salience = sum(counts.get(other, 0) for other in self._same_as(text))
            key = (overlap, salience, start, text)
            if best is None or key > best:
                best = key
        return best[3] if best else None

    def distinct_names(self) -> list[str]:
        """The written names, each once, in order of first mention."""
        if self._distinct is None:
            self._distinct = list(dict.fromkeys(m.text for m in self.names))
        return self._distinct

    def may_be(self, name: str) -> Collection[str]:
        """The written names ``same_entity`` may accept with ``name`` (either way round): a
        superset of those it accepts; all of them when they are few (``same_entity`` is
        memoised across articles: cheaper than asking the index ``find_people`` built)."""
        distinct = self.distinct_names()
        if len(distinct) <= _FEW_NAMES:
            return distinct
        if self._known is None:  # a People not made by find_people
            self._known = KnownNames()
            for text in distinct:
                self._known.add(text)
        index = self._known.index()
        return {index.names[i] for i in index.candidates(name)}

    def _same_as(self, name: str) -> list[str]:
        """The article's written names that can denote the same person as ``name``
        (memoised: each pair is compared once, not once per role noun)."""
        found = self._same.get(name)
        if found is None:
            offered = self.may_be(name)
            found = [t for t in self.distinct_names() if t in offered and same_entity(t, name)]
            self._same[name] = found
        return found

    def _role_words(self, name: str) -> frozenset[str]:
        """Words of the roles given to this person under any alias (memoised: ``roles`` is
        complete once ``find_people`` returns)."""
        found = self._roles_of.get(name)
        if found is None:
            offered = self.may_be(name)
            aliases = [n for n in self.roles if n in offered and same_entity(n, name)]
            found = frozenset(" ".join(r for n in aliases for r in self.roles[n]).split())
            self._roles_of[name] = found
        return found


# Up to this many names, ``People.may_be`` offers them all (counted: the index costs more).
_FEW_NAMES = 6


_FUNCTION_WORDS = frozenset(
    """
    the a an they he she it we i you in on at for but and or this that these those after before
    during while when where which who as if so then there here his her their our its also
    besides finally however meanwhile although though thus well
    """.split()
)


_TOKEN_RE = re.compile(r"\S+")


@lru_cache(maxsize=1 << 14)
def _has_function_word(run: str) -> bool:
    # Lower-casing the run lower-cases each of its words (no character becomes whitespace).
    return not _FUNCTION_WORDS.isdisjoint(run.lower().split())


def _cut_at_function_words(run: str) -> list[tuple[int, str]]:
    """'Antony Blinken They met' (a missing full stop) must not make 'Blinken They' a name:
    the pieces of a capitalised run, each with its offset in the run."""
    if not _has_function_word(run):
        piece = run.strip()  # the usual case: nothing to cut
        return [(0, piece)] if piece else []
    out: list[tuple[int, str]] = []
    start = 0
    for tok in _TOKEN_RE.finditer(run):
        if tok.group(0).lower() in _FUNCTION_WORDS:
            piece = run[start : tok.start()].strip()
            if piece:
                out.append((start, piece))
            start = tok.end() + 1
    piece = run[start:].strip()
    if piece:
        out.append((start, piece))
    return out


class _Candidate(NamedTuple):
    """A piece of a capitalised run that may name a person (offsets from the run's start)."""

    at: int  # where the piece starts
    key: int  # the piece's start plus its length minus the name's (the test for "seen")
    name_at: int  # where the name starts (its last occurrence in the piece)
    role: str
    name: str
    words: int  # the name's word count
    verdict: bool | None  # what the name and role alone say (never False: those are dropped)
    tokens: int  # the name's token count as ``_person_by_itself`` counts them


@lru_cache(maxsize=1 << 14)  # the same runs recur through an article and a corpus
def _candidates(run: str) -> tuple[_Candidate, ...]:
    """Everything ``find_people`` reads from a run's own text, worked out once per run text
    (pure functions of it); pieces without a name or that are no person by themselves are left
    out (``find_people`` skips them whatever else the article holds)."""
    out = []
    for at, piece in _cut_at_function_words(run):
        role, name = split_role(piece)
        name = _POSSESSIVE_RE.sub("", name.rstrip(",."))  # "Biden's": the name is "Biden"
        if not name:
            continue
        verdict, tokens = _person_by_itself(name, role)
        if verdict is False:
            continue
        key, name_at = at + len(piece) - len(name), at + piece.rfind(name)
        out.append(_Candidate(at, key, name_at, role, name, len(name.split()), verdict, tokens))
    return tuple(out)


@lru_cache(maxsize=1 << 14)  # the same runs of capitalised words recur through an article
def split_role(run: str) -> tuple[str, str]:
    """'Transport Minister Olu Badejo' -> ('Transport Minister', 'Olu Badejo')."""
    tokens = run.split()
    cut = 0
    for i, token in enumerate(tokens):
        if is_first_name(token) and token.lower() not in ROLE_WORDS:
            cut = i  # capitalised words before a known first name are a title ("Port Manager")
            break
    else:
        if all(map(_role_like, tokens)):
            return run, ""  # a bare title: "Commissioner", "the Foreign Minister"
        # No known first name ("Olu Badejo"): the role ends at its last title word.
        for i in range(len(tokens) - 2, -1, -1):
            if tokens[i].lower().strip(",") in ROLE_WORDS:
                cut = i + 1
                break
    while cut < len(tokens) and tokens[cut].lower() in {"of", "the", "and"}:
        cut += 1
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


@lru_cache(maxsize=1 << 14)  # words recur far more than the runs holding them
def _role_like(token: str) -> bool:
    low = token.lower().strip(",")
    return bool(low in ROLE_WORDS or low in {"of", "the", "and"} or NATIONALITY_RE.match(token))


_OUTLET_WORDS = frozenset(
    "times post journal news herald tribune guardian gazette telegraph press agency reuters "
    "associated afp bbc cnn radio television tv magazine daily weekly chronicle observer "
    "independent mail express star sun courier ledger wire".split()
)


@lru_cache(maxsize=1 << 14)
def _person_by_itself(name: str, role: str) -> tuple[bool | None, int]:
    """(whether the name and its role alone say person or not, None when undecided; the
    name's token count)."""
    tokens = [t for t in name.split() if t.lower() not in {"de", "del", "la", "y"}]
    if not tokens or not _NOT_PERSON.isdisjoint([t.lower().strip("()") for t in tokens]):
        return False, len(tokens)
    if tokens[-1].lower() in _OUTLET_WORDS:
        return False, len(tokens)  # "the New York Times" is where it was said, not who said it
    if len(tokens) > 5:
        return False, len(tokens)
    if len(tokens) >= 2 and is_first_name(tokens[0]):
        return True, len(tokens)
    if role and not TITLE_WORDS.isdisjoint(role.lower().split()):  # (tokens is not empty)
        return True, len(tokens)
    return None, len(tokens)


_POSSESSIVE_RE = re.compile(r"['’]s$")
# "President Joe Biden's adviser", "the Biden administration": the name is not an actor.
_ATTRIBUTIVE_RE = re.compile(
    r"['’]s\b|\s+(?:administration|government|team|camp|campaign|family|era|doctrine)\b"
)


def is_governed(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start].lower().split()
    if not before:
        return False
    # "according to X" makes X the source, i.e. the speaker, not an object.
    if before[-1] == "to" and len(before) > 1 and before[-2] == "according":
        return False
    return before[-1].strip(",") in _PREPOSITIONS


@lru_cache(maxsize=4)
def find_people(text: str) -> People:
    """The article's people, found once per text: the quantity and the quote rules both ask
    for them (the result is shared: callers must not change it)."""
    people = People()
    found: list[Mention] = []
    found_starts: set[int] = set()
    known = KnownNames()
    runs: list[tuple[int, _Candidate]] = []  # (the run's start, a candidate in it)
    for match in _RUN_RE.finditer(text):
        here = _candidates(match.group())
        if here:  # most runs hold none ("The", "Monday", "Residents of")
            runs.extend([(match.start(), c) for c in here])
    # Two passes: full names first, so that a later lone surname can be recognised.
    for candidates in ([r for r in runs if r[1].words >= 2], runs):
        for run_start, c in candidates:
            at = run_start + c.at
            if run_start + c.key in found_starts:
                continue
            # A person by name and role alone, else only as a shorter form of a full name.
            if c.verdict is None and not known.has_longer_alias(c.name, c.tokens):
                continue
            name, start = c.name, run_start + c.name_at
            governed = is_governed(text, at) or bool(_ATTRIBUTIVE_RE.match(text, start + len(name)))
            found.append(Mention(start, start + len(name), name, "name", c.role, governed))
            found_starts.add(start)
            known.add(name)
            role = (_lowercase_role(text, at) + " " + c.role).strip()
            if role:
                people.roles.setdefault(name, set()).add(role.lower())
    found.sort(key=lambda x: x.start)
    people.names = found
    people._known = known  # every name found, and only those
    _learn_appositions(text, people)
    return people


_LOWER_ROLE_RE = re.compile(
    rf"\b((?:[a-z]+\s+){{0,2}}(?:{ROLE_NOUNS_RE})(?:\s+of\s+[A-Z]\w+)?),?\s+$"
)


# The last words of the role nouns ("minister" of "prime minister").
_ROLE_ENDINGS = tuple(sorted({noun.split(" ")[-1] for noun in ROLE_NOUNS.split("|")}))


def _lowercase_role(text: str, start: int) -> str:
    """'the president Andrés Manuel ...' and 'the president of Mexico, Andrés ...'."""
    window = text[max(0, start - 60) : start]
    # A match ends the window with "(role noun)(of Name)?,?\s+" ("$" also allows a final
    # newline, whitespace too; rstrip strips what \s matches): without trailing whitespace, or
    # when what stands before it (less one comma) neither ends with a role noun's last word nor
    # is a capitalised word ([A-Z]\w+ after "of"), the search (an attempt at every position of
    # the window) cannot match. Most names follow "said", "by" and the like: no search.
    before = window.rstrip()
    if len(before) == len(window):
        return ""
    before = before.removesuffix(",")
    if not before.endswith(_ROLE_ENDINGS):
        last = before.rsplit(None, 1)
        if not last or not "A" <= last[-1][0] <= "Z":
            return ""
    m = _LOWER_ROLE_RE.search(window)
    return m.group(1) if m else ""


_APPOSITION_RE = re.compile(r",\s+(?:the|a|an)\s+([^,.;]{3,80}?)(?:,|\.|;|\s+(?:who|has|was|is))")


def _learn_appositions(text: str, people: People) -> None:
    for mention in people.names:
        m = _APPOSITION_RE.match(text, mention.end)
        if m:
            people.roles.setdefault(mention.text, set()).add(m.group(1).lower())
