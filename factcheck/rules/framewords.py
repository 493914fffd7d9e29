"""Word lists behind quantity frames: what happened (events) and what is counted (classes).

Data only. Each canonical label lists the English words news copy uses for it; a frame field's
value is always one of these labels (or the counted noun's own lemma when no class names it),
and its text is the words of the sentence it was read from. The model's labels (label mode)
are constrained to the same vocabulary, so both extractors speak one language.

Classes are deliberately narrow: "passengers" is not "people" (239 people on board and 227
passengers are both true), "attackers" are not "people" (the victims' toll is another figure).
"""

from __future__ import annotations


def _words(spec: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in spec.split())


# What happened to the counted things (or what they are). Multi-word forms use "_" for spaces.
EVENTS: dict[str, tuple[str, ...]] = {
    "killed": _words(
        "killed kill kills killing dead died die dies dying death deaths fatalities fatality "
        "perished murdered slain shot_dead lost_their_lives lost_his_life lost_her_life "
        "death_toll toll bodies lives"
    ),
    "injured": _words(
        "injured injuring injures injure wounded wounding wounds hurt injuries casualties"
    ),
    "hospitalized": _words(
        "hospitalized hospitalised hospitalisation hospitalization in_hospital admitted"
    ),
    "missing": _words("missing unaccounted disappeared"),
    "arrested": _words(
        "arrested arrest arrests arresting detained detention detentions custody held charged "
        "apprehended apprehensions"
    ),
    "evacuated": _words("evacuated evacuation evacuations evacuate fled"),
    "displaced": _words("displaced homeless"),
    "rescued": _words("rescued rescue saved"),
    "affected": _words("affected"),
    "infected": _words("infected infections cases tested_positive"),
    "voted": _words("voted votes vote ballots turnout"),
    "won": _words("won win wins winning secured gained gaining took got earned earning"),
    "on_board": _words("on_board aboard onboard carrying carried"),
    "lasted": _words("lasted last lasting took"),
    "cost": _words("cost costs costing worth valued priced spent paid"),
    "deployed": _words("deployed deploying sent mobilized mobilised"),
    "employed": _words("employs employed employing jobs"),
    "destroyed": _words("destroyed razed flattened demolished levelled leveled"),
    "burned": _words("burned burnt scorched charred blackened"),
    "damaged": _words("damaged"),
    # Taking part, whatever the event: a strike, a march, a rally.
    "took_part": _words(
        "joined participated took_part walked_out walked_off went_on_strike stopped_work "
        "striking struck attended gathered protested marched rallied turned_out demonstrated"
    ),
    "registered": _words("registered eligible enrolled"),
    "invested": _words("invest invests invested investing investment investments"),
    # Utilities after a storm: households without power, and those reconnected.
    "without_power": _words(
        "lost_power without_power without_electricity deprived outage outages blackout "
        "in_the_dark cut_off"
    ),
    "reconnected": _words("reconnected restored back_on"),
}

# Running tallies: later reports may raise them (a higher later figure is an update).
RUNNING_EVENTS = frozenset(
    {"killed", "injured", "hospitalized", "missing", "arrested", "evacuated", "displaced",
     "rescued", "affected", "infected", "voted", "burned", "destroyed"}
)  # fmt: skip

# What is counted. Generic people words fold to "people"; specific groups keep their class.
COUNTED: dict[str, tuple[str, ...]] = {
    "people": _words(
        "people persons person individuals civilians victims residents inhabitants citizens "
        "neighbours neighbors villagers locals"
    ),
    "attackers": _words(
        "attackers attacker assailants assailant gunmen gunman terrorists terrorist militants "
        "militant bombers bomber jihadists jihadist shooters shooter perpetrators insurgents"
    ),
    "passengers": _words("passengers passenger"),
    "crew": _words("crew crewmembers crew_members"),
    "passengers and crew": _words("passengers_and_crew passengers_and_crew_members"),
    "police": _words("police policemen policeman police_officers officers gendarmes"),
    "soldiers": _words("soldiers soldier troops servicemen personnel military_personnel"),
    "children": _words("children child kids minors"),
    "women": _words("women"),
    "students": _words("students pupils"),
    "workers": _words("workers employees staff members union_members strikers"),
    "migrants": _words("migrants migrant refugees asylum_seekers"),
    "seats": _words("seats seat"),
    "votes": _words("votes ballots"),
    "countries": _words("countries nations states"),
    "ships": _words("ships vessels boats"),
    "aircraft": _words("aircraft planes jets helicopters"),
}

# Collectives whose size is the figure: "a caravan of 8,000 migrants" counts the caravan.
COLLECTIVES = frozenset(
    "caravan crowd group delegation contingent convoy squad mob flotilla".split()
)
# Events that happen to people (or that people do): never what happens to attacks or homes.
HUMAN_EVENTS = frozenset(
    {"killed", "injured", "hospitalized", "missing", "arrested", "evacuated", "displaced",
     "rescued", "affected", "infected", "voted", "employed", "on_board", "registered",
     "took_part"}
)  # fmt: skip


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {word: label for label, words in table.items() for word in words}


EVENT_OF_WORD = _index(EVENTS)
CLASS_OF_WORD = _index(COUNTED)
