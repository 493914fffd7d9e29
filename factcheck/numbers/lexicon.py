"""Word lists behind ``factcheck.numbers``: number words, hedges, units, currencies, rates,
and the nouns that count people. Data only; the parsing lives in ``numwords`` and ``numbers``.
"""

from __future__ import annotations

from factcheck.schemas import Dimension, Hedge


def _w(words: str) -> list[str]:
    return words.split()


def _pairs(spec: str) -> dict[str, str]:
    return dict(item.split(":", 1) for item in spec.split())


UNITS_WORDS = _w(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
TENS_WORDS = _w("twenty thirty forty fifty sixty seventy eighty ninety")
SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORDS = frozenset(UNITS_WORDS + TENS_WORDS + list(SCALE_WORDS) + ["dozen"])
# Multipliers written after digits: "2.2 million", "$1.5bn", "300k".
_SHORT_SCALES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}
# Indian numbering: "Rs 5 crore", "2 lakh people".
INDIAN_SCALES = {"crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5}
# Annotated: the compiled build (setup.py, mypyc) needs the type of a name other modules read.
MULTIPLIERS: dict[str, float] = {
    **SCALE_WORDS,
    **_SHORT_SCALES,
    **INDIAN_SCALES,
    "dozen": 12.0,
    "trn": 1e12,
}
# Multipliers that only mean "million" next to money ("100m" alone is a length).
MONEY_ONLY_MULTIPLIERS = frozenset({"m", "b", "k"})

HEDGES: dict[str, Hedge] = {}
for _hedge, _phrases in {
    Hedge.APPROXIMATE: "around|about|some|roughly|approximately|approx|an estimated|"
    "estimated|circa|more or less|in the region of|on the order of",
    Hedge.NEARLY: "almost|nearly|just under|close to|just shy of|not quite|a little less than|"
    "slightly less than|a little under|slightly under|just below|just less than",
    Hedge.MORE_THAN: "more than|over|above|upwards of|in excess of|greater than|well over|"
    "well above|more then|exceeding",
    Hedge.SLIGHTLY_MORE: "a little more than|just over|slightly more than|slightly over|"
    "a bit more than|a little over|just above|just more than|slightly above|a little above",
    Hedge.AT_LEAST: "at least|no fewer than|no less than|not less than|a minimum of|not fewer than",
    Hedge.LESS_THAN: "less than|under|fewer than|below|well under|well below",
    Hedge.UP_TO: "up to|at most|no more than|not more than|as many as|a maximum of",
}.items():
    for _phrase in _phrases.split("|"):
        HEDGES[_phrase] = _hedge
MAX_HEDGE_WORDS = max(len(p.split()) for p in HEDGES)

# unit word -> (canonical unit, dimension, factor to canonical)
_D, _L, _M = Dimension.DURATION, Dimension.LENGTH, Dimension.MASS
_HOUR, _DAY = 60.0, 1440.0
TIME_UNITS: dict[str, float] = {"second": 1 / 60, "sec": 1 / 60, "minute": 1.0, "min": 1.0}
TIME_UNITS.update(hour=_HOUR, hr=_HOUR, h=_HOUR, day=_DAY, week=7 * _DAY, fortnight=14 * _DAY)
TIME_UNITS.update(month=30 * _DAY, year=365 * _DAY, decade=3650 * _DAY)
UNITS: dict[str, tuple[str, Dimension, float]] = {
    w: ("minute", _D, f) for w, f in TIME_UNITS.items()
}
# "names: canonical unit: factor" groups for the non-duration units.
_OTHER_UNITS = (
    "metre meter m:metre:1; km kilometre kilometer:metre:1000; cm centimetre centimeter:metre:0.01;"
    " mm:metre:0.001; mile:metre:1609.344; foot feet ft:metre:0.3048; yard:metre:0.9144;"
    " inch:metre:0.0254; kg kilo kilogram kilogramme:kg:1; gram gramme g:kg:0.001;"
    " tonne ton:kg:1000; lb pound:kg:0.45359237; percent pct %:percent:1"
)
for _group in _OTHER_UNITS.split(";"):
    _names, _unit, _factor = _group.split(":")
    _dim = {"metre": _L, "kg": _M, "percent": Dimension.PERCENT}[_unit]
    for _name in _names.split():
        UNITS[_name] = (_unit, _dim, float(_factor))
# Units that are only units when glued to digits ("10m", "5g"), never as free words.
GLUED_ONLY_UNITS = frozenset({"m", "g", "h"})

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "Rs": "INR"}
CURRENCY_CODES = frozenset(
    _w("USD EUR GBP MXN JPY CNY CAD AUD CHF INR BRL ARS COP GTQ HNL RUB TRY ZAR")
)
CURRENCY_WORDS = _pairs(
    "dollar:USD euro:EUR peso:MXN yen:JPY yuan:CNY rupee:INR real:BRL sterling:GBP"
    " quetzal:GTQ lempira:HNL ruble:RUB rouble:RUB lira:TRY"
)
# "US dollars", "Canadian dollars": a country adjective before the currency noun.
CURRENCY_ADJ = {"us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD"}

RATES = _pairs(
    "daily:daily weekly:weekly monthly:monthly yearly:yearly annually:yearly annual:yearly"
    " hourly:hourly nightly:daily"
)
RATE_PERIODS = _pairs(
    "day:daily week:weekly month:monthly year:yearly annum:yearly hour:hourly night:daily"
)
RATE_DETERMINERS = frozenset({"a", "an", "per", "each", "every"})
# "a day" after these is a span of time, not a rate: "after a day", "in a day", "twice a day".
NOT_RATE_BEFORE = frozenset(_w("after in for within than over under about around by of once"))
# Words that end the look-ahead for a rate: the clause has moved on to something else.
CLAUSE_BREAK = frozenset(_w(", and but or while which who whom whose that when where"))
# "seven dead", "23 injured": the counted people are left implicit.
CASUALTY = frozenset(
    _w(
        "dead killed injured wounded missing hurt displaced evacuated arrested detained rescued "
        "died perished drowned hospitalized hospitalised"
    )
)
CASUALTY_VERBS = frozenset(_w("killing kills killed kill injuring injures injured wounding"))
# "127 were killed", "12 have died", "80 were reportedly killed": an auxiliary (and an adverb)
# between a bare number and the casualty word.
AUXILIARIES = frozenset(_w("were was are is have has had been being remain remained"))
AUX_ADVERBS = frozenset(_w("reportedly also confirmed believed thought feared known now still"))
# "the death toll rose to 112", "the toll stood at 40": a tally noun names what a bare number
# after these verbs counts.
TALLY_NOUNS = frozenset(_w("toll tally"))
# "the number of cases reached 3,400", "the total number of arrests stood at 45": the noun
# after "number of" is what the bare number counts.
TALLY_HEADS = frozenset(_w("number count"))
TALLY_VERBS = frozenset(
    _w(
        "to at reached reach reaches hit hits passed topped exceeded is was stands stood climbed "
        "climbs rose rises risen jumped"
    )
)
# Words after a bare number that end the search for its counted noun ("seven died detonating
# suicide vests" counts people, not vests; "seven killed themselves").
NOT_COUNTED = frozenset(
    _w("themselves himself herself itself ourselves died perished killed wounded injured dead")
)
# "a crew of five", "a caravan of some 7,000": a collective of people before a bare number.
COLLECTIVES = frozenset(_w("crew team group caravan delegation contingent crowd squad party mob"))
# "a third of", "two-thirds of": proportions, in percent.
FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
SPEEDS = {"km/h": 1.0, "kph": 1.0, "kmh": 1.0, "mph": 1.609344}

_HUMANS = """person people migrant refugee resident worker protester protestor official secretary
    soldier child kid man woman minister immigrant emigrant seeker civilian victim student
    employee member adult citizen voter patient passenger officer agent troop delegate
    journalist reporter lawmaker senator legislator politician leader participant attendee
    volunteer tourist visitor inhabitant individual traveler traveller farmer teacher nurse
    doctor detainee prisoner hostage casualty deportee asylee national foreigner guard
    diplomat ambassador representative envoy staffer staff personnel police policeman
    policewoman militant fighter rebel demonstrator marcher youngster teenager minor infant
    baby girl boy adolescent pupil survivor evacuee displaced crew crewmember sailor marine
    pilot driver deputy congressman congresswoman governor mayor president advisor adviser
    expert analyst scientist researcher physician surgeon lawyer judge juror candidate miner
    firefighter rescuer paramedic medic villager laborer labourer engineer technician commuter
    shopper spectator fan athlete player customer consumer user subscriber shareholder retiree
    pensioner veteran inmate suspect gunman attacker victim homeowner tenant applicant recruit
    trainee apprentice intern mechanic electrician caregiver striker picketer negotiator
    spokesperson spokesman spokeswoman colleague friend relative neighbour neighbor worshipper
    docker dockworker longshoreman stevedore operator clerk cleaner cook waiter unionist
    terrorist assailant bomber jihadist shooter perpetrator insurgent gendarme serviceman
    witness colleague hostage"""
HUMAN_NOUNS = frozenset(_w(_HUMANS))
IRREGULAR_SINGULAR = _pairs(
    "people:people men:man women:woman children:child feet:feet teeth:tooth mice:mouse"
    " geese:goose police:police personnel:personnel staff:staff series:series species:species"
    " news:news lives:life wives:wife knives:knife thieves:thief halves:half data:data"
    " criteria:criterion crises:crisis analyses:analysis bases:base buses:bus crew:crew"
)

MONTHS = frozenset(
    _w("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""")
)
WEEKDAYS = frozenset(_w("monday tuesday wednesday thursday friday saturday sunday"))
# A year-like number after these words is a year: "in 2024", "since June 2022".
YEAR_CONTEXT = frozenset(
    _w("""in since by until till from through during of before after early late mid year
    the this that between circa summer winter spring fall autumn fiscal""")
)
# "the two countries", "their two nations": a definite determiner before a small number word.
DEFINITE_DETERMINERS = frozenset(_w("the their these those our its his her your my both all whose"))
STOPWORDS = frozenset(
    _w("""a an the and or but nor of to in on at by for from with without within into onto upon
    as than then that this these those there here which who whom whose what when where why
    how is are was were be been being am have has had having do does did will would shall
    should can could may might must not no nor so too very also just only even still yet
    about over under above below between among through during before after since until
    while if because though although whether he she it they we you i me him her us them
    his its their our your my ours theirs yours one another other others each every
    any some all both either neither such same more most less least many much few several
    per via ago later earlier again out up down off away back said says say told according
    times time percent per cent who's it's that's""")
)
# Adjective-ish suffixes: a word with one of these is not taken as a singular counted noun.
ADJ_SUFFIXES = ("ly", "ed", "al", "ic", "ous", "ive", "ful", "able", "ible", "ian", "ish", "ing")
# Capitalised words that may stand right before a number without naming it ("Exactly 5 ...").
NUMBER_PRECEDERS = frozenset(
    _w("exactly precisely only another yesterday today overall altogether total roughly nearly")
)
_SUPER = "biggest largest highest lowest worst best longest shortest deadliest strongest heaviest"
SUPERLATIVES = frozenset(_w(_SUPER + " greatest fastest busiest warmest coldest hottest first"))
RELATIVE_TIME = frozenset({"ago", "earlier", "later", "after", "before", "prior", "since"})
FREQUENCY = frozenset({"once", "twice", "thrice", "times"})
TIME_OF_DAY = frozenset({"am", "pm", "o'clock", "o’clock", "gmt", "utc"})
