"""Find countries, durations and ages in a message and normalise them.

    extract("Ik ben 17, kom uit Eritrea", today) ->
        [{"entity": "age", "value": 17, ...}, {"entity": "country", "value": "ER", ...}]

Values: country -> ISO 3166-1 alpha-2 code ("XX" for stateless); duration -> months as a
float with 1 decimal (see `bot.nlp.normalise` for the rules); age -> int 0-120.
`start`/`end` are character offsets into the text as given; `text` is that slice.
`today` is always passed in, so results are reproducible.
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
    found = {e["value"] for e in entities if e["entity"] == "country"}
    return found.pop() if len(found) == 1 else None


def months(surface: str, today: dt.date) -> float | None:
    """Months that a duration phrase stands for ("vorige maand" -> 1.0), else None."""
    if not isinstance(surface, str):
        return None
    return _months(surface[:MAX_CHARS], today)


def _entity(label: str, value: Any, span: Span | tuple[int, int, str]) -> dict[str, Any]:
    start, end, text = (
        (span.start_char, span.end_char, span.text) if isinstance(span, Span) else span
    )
    return {"entity": label, "value": value, "start": start, "end": end, "text": text}


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
        number_at = next(t.i for t in span if fold(t.text) in lexicon.AM_WORDS) + 1
        end = span.end + 1 + (after in lexicon.AGO_WORDS | lexicon.LONG_WORDS)
        duration = doc[number_at:end]
        return "duration", duration, _months(duration.text, today)
    if nxt in lexicon.NOT_AGE_FOLLOWERS or (span.end < len(doc) and doc[span.end].like_num):
        return None
    return "age", span, age_value(span.text)


def _from_doc(doc: Doc, pl: Pipeline, today: dt.date) -> list[dict[str, Any]]:
    found = []
    for ent in doc.ents:
        label, span = ent.label_, ent
        value: Any = None
        if label == "country":
            value = ent.ent_id_.removeprefix("cue:")
            if ent.ent_id_.startswith("cue:"):
                span = ent[1:]  # "from Jordan" -> "Jordan"
        elif label == "duration" and not _is_rate(ent):
            value = _months(ent.text, today)
        elif label == "age" and ent.ent_id_ == "self":
            checked = _self_age(ent, today)
            if checked is not None:
                label, span, value = checked
        elif label == "age":
            value = age_value(ent.text)
        if value is not None:
            found.append(_entity(label, value, span))
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
