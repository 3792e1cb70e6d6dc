"""Find countries, durations and ages in a message and normalise them.

    extract("Ik ben 17, kom uit Eritrea", today) ->
        [{"entity": "age", "value": 17, ...}, {"entity": "country", "value": "ER", ...}]

Values: country -> ISO 3166-1 alpha-2 code ("XX" for stateless, "XK" for Kosovo);
duration -> months as a float with 1 decimal (see `bot.nlp.normalise` for the rules);
age -> int 0-120. `start`/`end` are character offsets into the text as given; `text` is
that slice. `today` is always passed in, so results are reproducible.

Ages: "I'm 17", "ik ben 17", "I was 17", and in the third person after a word for the
person ("she is 15", "he's sixteen", "mijn cliënte is 16", "het meisje is 15"; the words
are `lexicon.PERSON_WORDS`); "17 years old", "a 17-year-old", "17 y/o", "aged 17",
"leeftijd: 17", "een jongen van 16", "girl of 15". After such a copula "17 jaar" /
"17 years" is an age when the sentence ends there ("ze is 17 jaar", "ik was 17 jaar toen
..."), a duration when it goes on ("ik ben 3 jaar in Nederland", "ik ben 2 jaar geleden
gevlucht"). "the case is 4 years old" (a thing: `lexicon.THING_WORDS`) is a duration. In
case shorthand a number alone right after a nationality is an age ("Roemeense, 30, ...",
"from Ghana and 19").
A bare number ("17") is never an age here: the dialogue reads it as the answer to the
question it asked. Over 120 is never an age.

Roles: a country entity gets an optional `"role"` key, present only when set, for the
countries that are not the person's nationality (the dialogue keeps only those without a
role as a nationality; Rasa carries `role` on entities as it is):
- "elsewhere": a place the person passed through or stayed in. Rule: the country comes
  right after "via"/"through"/"door", or right after "in" (an article may stand between:
  "in de VS") with a cue word in the same clause up to `lexicon.CUE_WINDOW_BEFORE` tokens
  before it or, for Dutch word order, `CUE_WINDOW_AFTER` tokens after it. Cue words are
  word beginnings (`lexicon.ELSEWHERE_STEMS`): fingerprints/vingerafdrukken,
  registered/geregistreerd, asylum/asiel, first/eerst, worked/werkte, lived/woonde. A
  clause ends at punctuation and at "and", "but", "maar", ... (`lexicon.CLAUSE_WORDS`).
  "registered in Italy and Germany": a country joined by and/en/or/of to an "elsewhere"
  country is one too. Examples: "my fingerprints were taken in Italy", "asiel
  aangevraagd in België", "ik ben in Italië geregistreerd", "I came through Libya",
  "ik kwam via Italië naar Nederland" (Italy only).
- "language": a language name, in the phrases of `build.block_patterns`: "I speak French",
  "ik spreek Engels en Nederlands", "in het Engels", "English please", "Nederlands
  alsjeblieft", "taal: Nederlands", "Engelse les". Right after "I am"/"is" ("I'm English
  please help") it is a nationality again. A language word alone ("English") stays a
  nationality answer: the question decides.
Nationality phrases get no role: "I'm from Eritrea", "ik kom uit Eritrea", "Nigerian",
"nationaliteit: Eritrees", "from Eritrea originally", "ik woon in Nederland".
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from bot.nlp import lexicon
from bot.nlp.lexicon import fold, lookup_key
from bot.nlp.normalise import age_value
from bot.nlp.normalise import months as _months

DEFAULT_DIR = Path(__file__).parent / "pipeline"
LOOKUP_FILE = "wegwijzer.json"
LOOKUP_VERSION = 1
# Longer messages are read up to here: bounds the time one message can take.
MAX_CHARS = 20_000
# Blanked out before matching, one character for one so that offsets stay right: HTML
# tags, control and invisible format characters (they glue words together), and lone
# surrogates (spaCy cannot encode them).
_TAG = re.compile(r"<[^<>]{0,500}>")
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
    r"\ud800-\udfff]"
)


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    countries: dict[str, str]  # lookup key (folded) -> ISO code
    nospace: re.Pattern[str] | None  # names in scripts written without spaces
    nospace_codes: dict[str, str]


def load_pipeline(path: str | Path | None = None) -> Pipeline:
    """Load (once per folder) the pipeline written by `python -m bot.nlp.build`."""
    return _load(Path(path).resolve() if path is not None else DEFAULT_DIR)


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> Pipeline:
    lookup_file = path / LOOKUP_FILE
    if not (path / "config.cfg").is_file() or not lookup_file.is_file():
        raise FileNotFoundError(
            f"No fact-extraction pipeline in {path}. Build it with: python -m bot.nlp.build"
        )
    lookup: dict[str, Any] = json.loads(lookup_file.read_text(encoding="utf-8"))
    if lookup.get("version") != LOOKUP_VERSION:
        raise RuntimeError(
            f"{lookup_file} is from another version. Rebuild it: python -m bot.nlp.build"
        )
    nospace: dict[str, str] = lookup["nospace"]
    # longest first, so that "南苏丹" (South Sudan) wins over "苏丹" (Sudan)
    names = sorted(nospace, key=lambda n: (-len(n), n))
    return Pipeline(
        nlp=spacy.load(path),
        countries=lookup["countries"],
        nospace=re.compile("|".join(map(re.escape, names))) if names else None,
        nospace_codes=nospace,
    )


def country_code(surface: str, pipeline: Pipeline | None = None) -> str | None:
    """ISO code for a country form ("Roemeense" -> "RO", "stateless" -> "XX"), else None.

    Exact forms first; a longer string ("uit Roemenië") gives its single country if it
    names exactly one.
    """
    if not isinstance(surface, str) or not surface.strip():
        return None
    pl = pipeline or load_pipeline()
    code = pl.countries.get(lookup_key(surface))
    if code is not None:
        return code
    # country values do not depend on the date: any fixed day will do
    entities = extract(surface, dt.date(2000, 1, 1), pl)
    # "in het Engels" names a language, not a country
    found = {
        e["value"]
        for e in entities
        if e["entity"] == "country" and e.get("role") != "language"
    }
    return found.pop() if len(found) == 1 else None


def months(surface: str, today: dt.date) -> float | None:
    """Months that a duration phrase stands for ("vorige maand" -> 1.0), else None."""
    if not isinstance(surface, str):
        return None
    return _months(surface[:MAX_CHARS], today)


def _entity(
    label: str, value: Any, span: Span | tuple[int, int, str], role: str | None = None
) -> dict[str, Any]:
    start, end, text = (
        (span.start_char, span.end_char, span.text) if isinstance(span, Span) else span
    )
    entity = {"entity": label, "value": value, "start": start, "end": end, "text": text}
    if role is not None:  # the key only when there is a role: Rasa's own convention
        entity["role"] = role
    return entity


def _is_rate(span: Span) -> bool:
    """ "twice a week", "3 days a week", "50 euro a day": a rate, not a duration."""
    if fold(span[0].text) not in {"a", "an", "een"} or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    word = fold(before.text)
    return (
        word in lexicon.RATE_WORDS
        or word in lexicon.UNIT_MONTHS
        or before.like_num
        or before.is_currency
        or word in {"euro", "eur", "dollar", "dollars"}
    )


def _self_age(span: Span, today: dt.date) -> tuple[str, Span, Any] | None:
    """Check an "I'm 17" / "ik ben 17" match against the word after it.

    "ik ben 17 jaar" is an age; "ik ben 2 jaar geleden gevlucht", "ik ben 3 jaar in
    Nederland" and "I'm 5 months pregnant" are durations; "ik ben 12 uur per dag ..." is
    neither.
    """
    doc = span.doc
    nxt = fold(doc[span.end].text) if span.end < len(doc) else ""
    after_token = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if after_token is not None and after_token.is_space:  # "ik ben 17 jaar\n"
        after_token = None
    after = fold(after_token.text) if after_token is not None else ""
    if nxt in lexicon.UNIT_MONTHS:
        if nxt in lexicon.YEAR_UNITS and (
            after_token is None or after_token.is_punct or after in lexicon.AGE_END_WORDS
        ):
            age_span = doc[span.start : span.end + 1 + (after in lexicon.OLD_WORDS)]
            return "age", age_span, age_value(age_span.text)
        number_at = max(t.i for t in span if fold(t.text) in lexicon.COPULA_WORDS or t.text == ",") + 1
        end = span.end + 1 + (after in lexicon.AGO_WORDS | lexicon.LONG_WORDS)
        duration = doc[number_at:end]
        return "duration", duration, _months(duration.text, today)
    if nxt in lexicon.NOT_AGE_FOLLOWERS or (span.end < len(doc) and doc[span.end].like_num):
        return None
    return "age", span, age_value(span.text)


def _age_after_nationality(span: Span) -> dict[str, Any] | None:
    """ "Roemeense, 30, ..." / "I'm from Ghana and 19": a number on its own right after a
    nationality ("Nigeria, 3 kinderen" or "Nigeria, 2022" is none)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or fold(doc[span.end].text) not in {",", "and", "en"} \
            or not doc[span.end + 1].like_num:
        return None
    number = doc[span.end + 1]
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    value = age_value(number.text)
    if value is None or (after is not None and not after.is_punct and not after.is_space):
        return None
    return _entity("age", value, doc[number.i : number.i + 1])


def _thing_age(span: Span, today: dt.date) -> tuple[str, Span, Any] | None:
    """ "the case is 4 years old", "het is 3 jaar oud": how long it has existed, no age."""
    doc, i = span.doc, span.start
    if i < 2 or fold(doc[i - 1].text) not in lexicon.IS_WORDS:
        return None
    if fold(doc[i - 2].text) not in lexicon.THING_WORDS:
        return None
    return "duration", span, _months(span.text, today)


def _clause_words(doc: Doc, start: int, step: int, limit: int) -> list[str]:
    """Up to `limit` folded words from token `start` on, by `step`, within one clause."""
    words: list[str] = []
    i = start
    while 0 <= i < len(doc) and len(words) < limit:
        token = doc[i]
        word = fold(token.text)
        if token.is_punct or token.is_space or word in lexicon.CLAUSE_WORDS:
            break
        words.append(word)
        i += step
    return words


def _before(span: Span) -> int:
    """Index of the word before a country, past an article ("in de VS"): -1 if none."""
    i = span.start - 1
    if i > 0 and fold(span.doc[i].text) in lexicon.COUNTRY_ARTICLES:
        i -= 1
    return i


def _elsewhere(span: Span) -> bool:
    """Is the country a place passed through or stayed in? (Rules: module docstring.)"""
    doc, i = span.doc, _before(span)
    word = fold(doc[i].text) if i >= 0 else ""
    if word in lexicon.ROUTE_WORDS:
        return True
    if word != "in":
        return False
    near = _clause_words(doc, i - 1, -1, lexicon.CUE_WINDOW_BEFORE)
    near += _clause_words(doc, span.end, 1, lexicon.CUE_WINDOW_AFTER)
    return any(w.startswith(lexicon.ELSEWHERE_STEMS) for w in near)


def _languages(ent: Span, pl: Pipeline) -> list[dict[str, Any]]:
    """Country forms inside a language phrase ("ik spreek Engels en Frans")."""
    doc = ent.doc
    forms = [(t, pl.countries.get(lookup_key(t.text))) for t in ent]
    # "I'm English please help": after "I am", the language word is a nationality
    after_copula = ent.start > 0 and fold(doc[ent.start - 1].text) in lexicon.COPULA_WORDS
    role = None if after_copula and forms[0][1] is not None else "language"
    return [
        _entity("country", code, doc[t.i : t.i + 1], role)
        for t, code in forms
        if code is not None
    ]


def _from_doc(doc: Doc, pl: Pipeline, today: dt.date) -> list[dict[str, Any]]:
    found = []
    last_elsewhere = -1  # token index just past the last "elsewhere" country
    for ent in doc.ents:
        label, span = ent.label_, ent
        value: Any = None
        role: str | None = None
        if label == "country":
            value = ent.ent_id_.removeprefix("cue:")
            if ent.ent_id_.startswith("cue:"):
                span = ent[1:]  # "from Jordan" -> "Jordan"
            i = _before(span)
            listed = i >= 0 and i == last_elsewhere and fold(doc[i].text) in lexicon.LIST_WORDS
            if listed or _elsewhere(span):
                role = "elsewhere"
                last_elsewhere = span.end
            elif (age := _age_after_nationality(span)) is not None:
                found.append(age)
        elif label == "BLOCK" and ent.ent_id_ == "language":
            found += _languages(ent, pl)
        elif label == "duration" and not _is_rate(ent):
            value = _months(ent.text, today)
        elif label == "age" and ent.ent_id_ == "self":
            checked = _self_age(ent, today)
            if checked is not None:
                label, span, value = checked
        elif label == "age":
            label, span, value = _thing_age(ent, today) or (label, ent, age_value(ent.text))
        if value is not None:
            found.append(_entity(label, value, span, role))
    return found


def extract(text: str, today: dt.date, pipeline: Pipeline | None = None) -> list[dict[str, Any]]:
    """Entities with normalised values, in text order. Never raises on odd input."""
    if not isinstance(text, str) or not text.strip():
        return []
    pl = pipeline or load_pipeline()
    clean = _INVISIBLE.sub(" ", _TAG.sub(lambda m: " " * len(m.group()), text[:MAX_CHARS]))
    found = _from_doc(pl.nlp(clean), pl, today)
    if pl.nospace is not None:
        taken = [(e["start"], e["end"]) for e in found]
        for m in pl.nospace.finditer(clean):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                where = (m.start(), m.end(), m.group())
                found.append(_entity("country", pl.nospace_codes[m.group()], where))
    for e in found:
        e["text"] = text[e["start"] : e["end"]]  # from the original, not the cleaned text
    return sorted(found, key=lambda e: (e["start"], e["end"]))


__all__ = ["Pipeline", "country_code", "extract", "load_pipeline", "months"]
