"""Turn matched text into values: durations in months, ages in years.

Pure Python on purpose (no spaCy): `months` and `age_value` also serve callers that only
have a raw string. They read the same word lists as the patterns (`bot.nlp.lexicon`).

Durations ("how long ago" and "how long" both give a number of months):
- amount x unit: day = 1/30.4375 month (a mean month), week = 7 days, year = 12 months;
  "two weeks ago" -> 0.5, "3,5 jaar" -> 42.0, "anderhalf jaar" -> 18.0, "a year and a
  half" -> 18.0, "2-3 weeks" -> the mid-point, "a few days" = 3 days, "a couple" = 2.
- "last month", "vorige week", "vorig jaar": one unit.
- "yesterday", "gisteren": 1 day; "eergisteren": 2; "today": 0.
- a point in time, counted to `today`: "since 2022" from 1 January 2022, "since March"
  from 1 March; "in 2022" from the middle of it (1 July), "in January" from the 15th.
  A month without a year is its latest start not after `today` ("in December" said in
  June is last December). Points after `today` give None.
Results are rounded to 1 decimal; above 120 years is taken as no duration (None).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from bot.nlp import lexicon
from bot.nlp.lexicon import fold

_NUMBER_WORDS = {fold(w): v for w, v in lexicon.NUMBER_WORDS.items()}
_HALF_COMPOUNDS = {fold(w): v for w, v in lexicon.HALF_COMPOUNDS.items()}
_ARTICLES = {fold(w) for w in lexicon.ARTICLES}
_DECIMAL = re.compile(r"\d{1,12}(?:[.,]\d{1,6})?")  # bounded: no 10,000-digit floats
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?(?:/\d+)?|[^\W\d_]+(?:'[^\W\d_]+)*|[-–]")
_MAX_MONTHS = 120 * 12


def tokens(text: str) -> list[str]:
    """Folded words, numbers and dashes: "17-jarige" -> ["17", "-", "jarige"]."""
    return _TOKEN.findall(fold(text))


def number(tok: str) -> float | None:
    """"3", "3,5", "3.5", "1/2", "drie", "tweeëntwintig" -> a number; otherwise None."""
    if tok in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[tok])
    if _DECIMAL.fullmatch(tok):
        return float(tok.replace(",", "."))
    top, _, bottom = tok.partition("/")
    if top.isdigit() and bottom.isdigit() and int(bottom):
        return int(top) / int(bottom)
    return None


def _integer(toks: Sequence[str]) -> float | None:
    """A number written as one token or as English "twenty one" / "twenty-one"."""
    toks = [t for t in toks if t != "-"]
    if len(toks) == 1:
        return number(toks[0])
    if len(toks) == 2 and toks[0] in lexicon.EN_TENS and toks[1] in lexicon.EN_UNITS:
        return float(lexicon.EN_TENS[toks[0]] + lexicon.EN_UNITS[toks[1]])
    return None


def _and_a_half(toks: Sequence[str]) -> bool:
    return (
        len(toks) == 3
        and toks[0] in lexicon.AND_WORDS
        and toks[1] in {"a", "een"}
        and toks[2] in lexicon.HALF_WORDS
    )


def quantity(toks: Sequence[str]) -> float | None:
    """The amount that all of `toks` spell, or None ("a few" -> 3, "twee en een half" -> 2.5)."""
    toks = list(toks)
    n = len(toks)
    if n == 0:
        return None
    if n == 1 and toks[0] in _ARTICLES:
        return 1.0
    if n == 1 and toks[0] in _HALF_COMPOUNDS:
        return _HALF_COMPOUNDS[toks[0]]
    if n <= 2 and toks[-1] in lexicon.HALF_WORDS and (n == 1 or toks[0] in _ARTICLES):
        return 0.5  # "half", "een half", "a half"
    if n == 2 and toks[0] in lexicon.HALF_WORDS and toks[1] in {"a", "an"}:
        return 0.5  # "half a"
    if toks[-1] == "of" and n > 1:
        toks, n = toks[:-1], n - 1  # "a couple of"
    if n == 2 and toks[0] in {"a", "een"} and toks[1] == "couple":
        return lexicon.COUPLE_VALUE
    if n <= 2 and toks[-1] in lexicon.FEW_WORDS and (n == 1 or toks[0] in {"a", "een"}):
        return lexicon.FEW_VALUE
    if n >= 4 and _and_a_half(toks[-3:]):
        whole = _integer(toks[:-3])  # "two and a half", "twee en een half"
        return None if whole is None else whole + 0.5
    compound = _integer(toks)  # before ranges: "twenty-one" is no range
    if compound is not None:
        return compound
    if n == 3 and toks[1] in lexicon.RANGE_WORDS:  # "2-3", "2 of 3", "two to three"
        low, high = number(toks[0]), number(toks[2])
        return None if low is None or high is None else (low + high) / 2
    return None


def _unit_amount(toks: list[str], i: int) -> float | None:
    """Months for the unit at `toks[i]`, reading the amount from the words before it."""
    amount = None
    for width in range(min(i, 5), 0, -1):  # longest amount first: "one and a half"
        amount = quantity(toks[i - width : i])
        if amount is not None:
            break
    if amount is None:
        if i > 0 and toks[i - 1] in lexicon.LAST_WORDS:
            amount = 1.0  # "last month"
        else:
            return None
    if _and_a_half(toks[i + 1 : i + 4]):
        amount += 0.5  # "a year and a half", "een jaar en een half"
    return amount * lexicon.UNIT_MONTHS[toks[i]]


def _point(toks: list[str], today: dt.date) -> dt.date | None:
    """The date a "since/in <month> <year>" phrase counts from."""
    month = next((lexicon.MONTHS[t] for t in toks if t in lexicon.MONTHS), None)
    year = next((int(t) for t in toks if re.fullmatch(r"(19|20)\d\d", t)), None)
    if month is None and year is None:
        return None
    since = any(t in lexicon.SINCE_WORDS for t in toks)
    if year is None and month is not None:
        year = today.year if month <= today.month else today.year - 1
    assert year is not None
    if month is None:
        start = dt.date(year, 1, 1)
        point = start if since else dt.date(year, 7, 1)
    else:
        start = dt.date(year, month, 1)
        point = start if since else dt.date(year, month, 15)
    if start > today:
        return None
    return min(point, today)


def months(text: str, today: dt.date) -> float | None:
    """Months a duration phrase stands for, counted back from `today`; None if none."""
    toks = tokens(text)
    value: float | None = None
    joined = " ".join(toks)
    for i, tok in enumerate(toks):
        if tok in lexicon.UNIT_MONTHS:
            value = _unit_amount(toks, i)
            if value is not None:
                break
    if value is None:
        for phrase, days in lexicon.DAY_PHRASES.items():
            if re.search(rf"\b{phrase}\b", joined):
                value = days / lexicon.DAYS_PER_MONTH
                break
    if value is None:
        point = _point(toks, today)
        if point is not None:
            value = (today - point).days / lexicon.DAYS_PER_MONTH
    if value is None or not 0 <= value <= _MAX_MONTHS:
        return None
    return round(value, 1)


def age_value(text: str) -> int | None:
    """The age in a matched age phrase ("I'm 17", "zeventien jaar oud"), 0-120, or None."""
    toks = [t for t in tokens(text) if t != "-"]
    for i, tok in enumerate(toks):
        if tok in _ARTICLES:
            continue
        # "twenty one" before "twenty"
        value = _integer(toks[i : i + 2]) if i + 1 < len(toks) else None
        value = value if value is not None else number(tok)
        if value is None:
            m = re.fullmatch(r"(\d{1,3})\D*", tok)  # "17yo", "17y", "17jarige"
            value = float(m.group(1)) if m else None
        if value is not None:
            return int(value) if value.is_integer() and 0 <= value <= 120 else None
    return None
