"""Word lists shared by the pattern builder and the normaliser.

One source of truth: a word the patterns accept is a word the normaliser can read.
All words are lower case; the normaliser compares them after `fold` (no diacritics,
straight apostrophes), the patterns use them as written plus their folded form.
"""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics and straighten apostrophes ("Roemenië" -> "roemenie").

    For words and lookup keys only: it may change the length ("ﬁ" -> "fi"), so character
    offsets are never computed on folded text.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_APOSTROPHES))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def spelling(text: str) -> str:
    """A name as matched: lower case, single spaces, "Congo - Kinshasa" -> "congo-kinshasa"."""
    return " ".join(text.lower().replace(" - ", "-").split()).strip(" .,;:!?")


def lookup_key(text: str) -> str:
    """The key a country name is stored and looked up under (folded spelling)."""
    return fold(spelling(text))


# --- numbers ---------------------------------------------------------------------------

_EN_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NL_SMALL = (
    "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien"
).split()
_NL_TENS = "twintig dertig veertig vijftig zestig zeventig tachtig negentig".split()

EN_UNITS: dict[str, int] = {w: i for i, w in enumerate(_EN_SMALL) if 0 < i < 10}
EN_TENS: dict[str, int] = {w: 20 + 10 * i for i, w in enumerate(_EN_TENS)}

def _nl_join(unit: str, rest: str) -> str:
    """Dutch compounds: "vier" + "twintig" -> "vierentwintig", "twee" -> "tweeëntwintig"."""
    return f"{unit}{'ën' if unit.endswith('e') else 'en'}{rest}"


# Natural spellings (the patterns need "tweeëntwintig"); the normaliser folds the keys.
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_EN_SMALL)}
NUMBER_WORDS.update(EN_TENS)
NUMBER_WORDS.update({w: i for i, w in enumerate(_NL_SMALL)})
NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_NL_TENS)})
NUMBER_WORDS.update({"één": 1, "hundred": 100, "honderd": 100})
# Dutch writes 21-99 as one word, units first.
for _t, _tens in enumerate(_NL_TENS):
    for _u, _unit in enumerate(_NL_SMALL[1:10], start=1):
        NUMBER_WORDS[_nl_join(_unit, _tens)] = 20 + 10 * _t + _u

# Words that are "1" as a quantity ("een week") but never an age ("ik ben een meisje").
ARTICLES: frozenset[str] = frozenset({"a", "an", "een", "één", "one"})
HALF_WORDS: frozenset[str] = frozenset({"half", "halve"})
# "anderhalf" = 1.5, "tweeënhalf" = 2.5, ...
HALF_COMPOUNDS: dict[str, float] = {"anderhalf": 1.5, "anderhalve": 1.5}
for _u, _unit in enumerate(_NL_SMALL[1:13], start=1):
    HALF_COMPOUNDS[_nl_join(_unit, "half")] = _u + 0.5
AND_WORDS: frozenset[str] = frozenset({"and", "en"})
RANGE_WORDS: frozenset[str] = frozenset({"-", "–", "to", "or", "tot", "of", "a", "à"})
# Vague amounts get a fixed, documented value.
FEW_VALUE = 3.0  # "a few", "een paar", "enkele", "several", "some", "een aantal"
COUPLE_VALUE = 2.0  # "a couple (of)"
FEW_WORDS: frozenset[str] = frozenset({"few", "paar", "several", "enkele", "some", "aantal"})

# --- time ------------------------------------------------------------------------------

DAYS_PER_MONTH = 365.25 / 12  # 30.4375: a mean month, so results do not depend on the month
UNIT_MONTHS: dict[str, float] = {}
for _words, _months in (
    ("day days dag dagen", 1 / DAYS_PER_MONTH),
    ("week weeks wk wks weken", 7 / DAYS_PER_MONTH),
    ("month months mth mths maand maanden mnd", 1.0),
    ("year years yr yrs jaar jaren jr", 12.0),
):
    UNIT_MONTHS.update(dict.fromkeys(_words.split(), _months))
YEAR_UNITS: frozenset[str] = frozenset(w for w, m in UNIT_MONTHS.items() if m == 12.0)

AGO_WORDS: frozenset[str] = frozenset({"ago", "geleden", "terug"})
LONG_WORDS: frozenset[str] = frozenset({"long", "lang"})
LAST_WORDS: frozenset[str] = frozenset(
    {"last", "past", "previous", "vorige", "vorig", "afgelopen", "verleden", "voorbije"}
)
SINCE_WORDS: frozenset[str] = frozenset({"since", "sinds", "sedert", "vanaf"})
IN_WORDS: frozenset[str] = frozenset({"in"})

MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "januari februari maart april mei juni juli augustus september oktober november december",
):
    MONTHS.update({name: i for i, name in enumerate(_names.split(), start=1)})

# Single words (or fixed phrases) that name a day: value in days ago.
DAY_PHRASES: dict[str, int] = {
    "today": 0,
    "this morning": 0,
    "vandaag": 0,
    "vanochtend": 0,
    "vanmorgen": 0,
    "yesterday": 1,
    "last night": 1,
    "gisteren": 1,
    "gisteravond": 1,
    "gisternacht": 1,
    "day before yesterday": 2,
    "the day before yesterday": 2,
    "eergisteren": 2,
}

# --- age -------------------------------------------------------------------------------

SELF_WORDS: frozenset[str] = frozenset({"i", "ik"})
# "I'm" is one token for the multi-language tokenizer.
AM_WORDS: frozenset[str] = frozenset({"am", "ben", "i'm", "im"})
# "she is 16", "he's sixteen" ("he's" is two tokens), "I was 17", "ik was 17", "what if she were 17".
IS_WORDS: frozenset[str] = frozenset({"is", "was", "were", "'s"})
# Whose "is 16" is an age: the person the dialogue is about, as a professional writes about
# them, or as the person writes about themself in the third person. Not "man", "vrouw" or
# family words: "my son is 4" gives no age of the person asked about.
PERSON_WORDS: frozenset[str] = frozenset(
    {
        "he", "she", "hij", "ze", "zij", "client", "cliënt", "cliënte", "victim",
        "slachtoffer", "betrokkene", "girl", "boy", "meisje", "jongen", "jongere",
    }
)
# "the case is 4 years old", "het is 3 jaar oud": how long a thing has existed, no age.
THING_WORDS: frozenset[str] = frozenset(
    {
        "it", "het", "this", "that", "dit", "dat", "case", "zaak", "dossier", "file",
        "report", "aangifte", "melding", "procedure",
    }
)
# "what if he turns 18", "als hij wordt 18"
BECOME_WORDS: frozenset[str] = frozenset({"turns", "turned", "turn", "wordt", "werd", "worden"})
COPULA_WORDS: frozenset[str] = AM_WORDS | IS_WORDS | BECOME_WORDS
# How case descriptions give an age: "Romanian woman, 27", "cliënte, 17".
DESCRIBED_WORDS: frozenset[str] = PERSON_WORDS | {"woman", "man", "vrouw", "minor", "minderjarige"}
OLD_WORDS: frozenset[str] = frozenset({"old", "oud"})
AGE_WORDS: frozenset[str] = frozenset({"age", "aged", "leeftijd"})
# After "I'm 17" / "ik ben 17" these mean the number is no age: "ik ben 12 uur per dag ...",
# "I'm 100 % sure", "ik ben 1 van de ...". Time units are handled separately.
NOT_AGE_FOLLOWERS: frozenset[str] = frozenset(
    {
        "%", "procent", "percent", "euro", "eur", "€", "$", "dollar", "dollars", "keer",
        "times", "x", "uur", "uren", "hour", "hours", "minuten", "minutes", "min", "km",
        "kilo", "kg", "van", "of", "out",
    }
)

# After "ik ben 17 jaar" these keep it an age; anything else ("ik ben 3 jaar in Nederland")
# makes "3 jaar" a duration. "ik was 17 jaar toen ik kwam" is an age (then), no duration.
AGE_END_WORDS: frozenset[str] = OLD_WORDS | {
    "en", "and", "maar", "but", "ik", "i", "toen", "when"
}

# Before "a week" / "een maand" these make it a rate ("twice a week", "50 euro per ...").
RATE_WORDS: frozenset[str] = frozenset(
    {"once", "twice", "times", "per", "every", "each", "keer", "maal", "elke", "iedere"}
)

# --- where a country stands --------------------------------------------------------------

# A country named with these is a place the person passed through or stayed in, not their
# nationality (`"role": "elsewhere"`): the Dublin facts (fingerprints, registration, asylum
# in another country), the route and earlier work or residence. Word beginnings, so that
# "fingerprinted", "registration", "asielaanvraag", "werkten" count too. They count
# before "in <country>" ("my fingerprints were taken in Italy") and, for Dutch word order,
# shortly after it ("ik ben in Italië geregistreerd").
ELSEWHERE_STEMS: tuple[str, ...] = (
    "fingerprint", "vingerafdruk", "regist", "geregist", "asylum", "asiel", "first",
    "eerst", "worked", "werkte", "gewerkt", "lived", "woonde", "gewoond",
)
# Right before the country: the route ("I came through Libya", "via Italië").
ROUTE_WORDS: frozenset[str] = frozenset({"via", "through", "door"})
# Between "in" and the country ("registered in the UK", "in de VS").
COUNTRY_ARTICLES: frozenset[str] = frozenset({"the", "de", "het"})
# How far a cue may stand from "in <country>", in tokens, within one clause.
CUE_WINDOW_BEFORE = 6
CUE_WINDOW_AFTER = 4
# A clause ends here (and at punctuation): "registered in Italy but I'm from Eritrea".
CLAUSE_WORDS: frozenset[str] = frozenset(
    {
        "and", "but", "or", "because", "then", "so", "en", "maar", "omdat", "want",
        "toen", "daarna", "dan", "dus",
    }
)
# "registered in Italy and Germany": a country right after one of these, itself right after
# a country marked "elsewhere", is elsewhere too. Not a comma: "fingerprints in Italy,
# Eritrean girl" names her nationality.
LIST_WORDS: frozenset[str] = frozenset({"and", "or", "en", "of", "&"})
