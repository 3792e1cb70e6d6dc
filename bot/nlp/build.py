"""Build the fact-extraction spaCy pipeline: `python -m bot.nlp.build [--out DIR]`.

One pipeline for all languages: `spacy.blank("xx")` plus an `entity_ruler` with labels
`country`, `duration`, `age` (and `BLOCK`, for phrases that only exist to be discarded;
those with id `language`, "I speak French", "English please", hand their country forms
back to `extract` as a language, not a nationality).
The folder defaults to `bot/nlp/pipeline/` next to this file (never the working directory)
and also holds `wegwijzer.json`, the lookup the normaliser needs.

Where the patterns come from:
- country: generated from CLDR (Babel, `Locale(lang).territories`, only codes that
  pycountry knows as ISO 3166-1 alpha-2, plus the `user_assigned` codes of the data file:
  XK, Kosovo) and from the iso-codes translations that ship with
  pycountry, in the languages of `LANGUAGES`; plus `data/countries.yml` for what those do
  not have (English and Dutch nationality words, CLDR's short/variant names, which Babel
  drops, and the lists of ambiguous forms). Every form is added lower-cased and folded
  ("roemenie"), matched on the LOWER attribute. Names in scripts written without spaces
  (Chinese, Japanese, Thai, ...) cannot be found by a tokenizer that splits on spaces:
  they go into the lookup and `extract` searches them as substrings.
- duration, age: spaCy token patterns over number words and units from `bot.nlp.lexicon`,
  read back by the small normaliser in `bot.nlp.normalise`.
  Why not dateparser: 1.5 upgrades regex and pytz past Rasa 3.6.21's pins; 1.2.0 installs
  within them (`pip install --dry-run` + `pip check`), but measured on our phrases it
  returned nothing for 9 of 15 ("twee weken geleden", "een week geleden", "anderhalf jaar
  geleden", "een half jaar geleden", "a few days ago", "een paar dagen geleden", "sinds
  maart", "since 2022", "3,5 jaar geleden"), and it parses dates, not how long something
  lasted ("3 maanden"). A parser that misses Dutch number words is no help here.

Patterns are added after `nlp.initialize()`, which would wipe them. Output is sorted, so
a build is deterministic for given Babel/pycountry versions.
"""

from __future__ import annotations

import argparse
import gettext
import itertools
import json
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import babel
import pycountry
import spacy
import yaml
from babel.core import Locale, UnknownLocaleError
from spacy.language import Language
from spacy.schemas import validate_token_pattern

from bot.nlp import lexicon
from bot.nlp.extract import DEFAULT_DIR, LOOKUP_FILE, LOOKUP_VERSION
from bot.nlp.lexicon import fold, lookup_key, spelling

DATA_FILE = Path(__file__).parent / "data" / "countries.yml"

# CLDR languages to take country names from. Tagalog is "fil" (Filipino) in CLDR.
LANGUAGES = (
    "nl en de fr es pt it ro bg hu pl uk ru ar zh tr ti am fa vi th fil "
    "so sq sw ps ur hi bn cs sk lt lv el sr hr mk ja ko id ms"
).split()

Token = dict[str, Any]
Pattern = dict[str, Any]

# --- countries -------------------------------------------------------------------------

_NO_SPACE_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")


def _script_of(text: str) -> str:
    """"latin", "nospace" (scripts written without spaces) or "other"."""
    names = [unicodedata.name(c, "") for c in text if c.isalpha()]
    if names and all(n.startswith(_NO_SPACE_SCRIPTS) for n in names):
        return "nospace"
    if all(n.startswith("LATIN") for n in names):
        return "latin"
    return "other"


def _cldr_names(codes: set[str]) -> Iterator[tuple[str, str]]:
    for lang in LANGUAGES:
        try:
            territories = Locale.parse(lang).territories
        except UnknownLocaleError:  # an older Babel may lack a language: skip it
            continue
        for code, name in territories.items():
            if code in codes:
                yield code, name
                # "Myanmar (Burma)" -> also "Myanmar" and "Burma"
                if "(" in name and name.endswith(")"):
                    outer, inner = name[:-1].split("(", 1)
                    yield code, outer.strip()
                    yield code, inner.strip()


def _iso_codes_names() -> Iterator[tuple[str, str]]:
    for lang in LANGUAGES:
        catalogue: gettext.NullTranslations
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [lang])
        except OSError:  # English has no catalogue: the names are English
            if lang != "en":
                continue
            catalogue = gettext.NullTranslations()
        translate = catalogue.gettext
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                name = getattr(c, attr, None)
                # "Korea, Republic of" style names are not how anyone writes them
                if name and "," not in translate(name):
                    yield c.alpha_2, translate(name)


def _english_plural(word: str) -> list[str]:
    return [word, word + "s"] if word.endswith(("n", "i")) else [word]


def country_forms(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    """All country forms by kind: `plain`, `exact`, `cue`, `nospace` -> {spelling: code}."""
    codes = {c.alpha_2 for c in pycountry.countries} | set(data["user_assigned"])
    drop = {lookup_key(w) for w in data["drop"]}
    generated: dict[str, str] = {}
    codes_by_key: dict[str, set[str]] = {}
    for code, name in itertools.chain(_cldr_names(codes), _iso_codes_names()):
        form, key = spelling(name), lookup_key(name)
        short = _script_of(key) == "latin" and " " not in key and len(key) < 4
        if key and key not in drop and not short:
            generated[form] = code
            codes_by_key.setdefault(key, set()).add(code)

    unknown = {
        str(c) for part in ("countries", "exact_case", "needs_cue") for c in data[part]
    } - codes
    if unknown:  # e.g. an unquoted NO, which YAML reads as false
        raise ValueError(
            f"{DATA_FILE}: not ISO 3166-1 alpha-2 codes nor `user_assigned`: {sorted(unknown)}"
        )
    hand: dict[str, str] = {}
    for code, entry in data["countries"].items():
        forms = [*entry.get("names", []), *entry.get("nl", [])]
        forms += [p for w in entry.get("en", []) for p in _english_plural(w)]
        hand.update({spelling(f): code for f in forms})
    exact = {form: code for code, forms in data["exact_case"].items() for form in forms}
    cue = {spelling(f): code for code, forms in data["needs_cue"].items() for f in forms}
    # Hand-kept forms win; generated forms claimed by two countries are ambiguous and left
    # out; forms that need a cue or their exact case never match alone.
    claimed = {fold(f) for f in hand} | {fold(f) for f in cue} | {lookup_key(f) for f in exact}
    plain = {
        form: code
        for form, code in generated.items()
        if len(codes_by_key[fold(form)]) == 1 and fold(form) not in claimed
    }
    plain.update(hand)
    nospace = {k: v for k, v in plain.items() if _script_of(k) == "nospace"}
    plain = {k: v for k, v in plain.items() if k not in nospace}
    return {"plain": plain, "exact": exact, "cue": cue, "nospace": nospace}


def _spellings(form: str) -> set[str]:
    """Spellings to match for a form: as written (lower case), folded, both apostrophes."""
    forms = {form, fold(form)}
    return forms | {f.replace("'", "’") for f in forms if "'" in f}


# --- token patterns --------------------------------------------------------------------


def _in(words: Iterable[str]) -> Token:
    """One token that is any of `words`, in any case, with or without diacritics."""
    spellings = {v for w in words for v in (w.lower(), fold(w))}
    return {"LOWER": {"IN": sorted(spellings | {w.replace("'", "’") for w in spellings})}}


def _expand(*slots: list[list[Token]]) -> list[list[Token]]:
    """Every concatenation of one alternative per slot (an alternative may be empty)."""
    return [list(itertools.chain(*choice)) for choice in itertools.product(*slots)]


# "een"/"one" count as amounts ("een week") but not as ages ("ik ben een meisje")
NUM: list[list[Token]] = [[{"LIKE_NUM": True}], [_in(lexicon.NUMBER_WORDS)]]
# "twenty one", "twenty-one"
EN_COMPOUND = [[_in(lexicon.EN_TENS), {"ORTH": "-", "OP": "?"}, _in(lexicon.EN_UNITS)]]
AGE_NUM = [
    [{"LIKE_NUM": True}],
    [_in(w for w in lexicon.NUMBER_WORDS if w not in lexicon.ARTICLES)],
    *EN_COMPOUND,
]
ARTICLE = _in(lexicon.ARTICLES)
HALF = _in(lexicon.HALF_WORDS)
AND_A_HALF = [_in(lexicon.AND_WORDS), _in({"a", "een"}), HALF]
QUANTITY: list[list[Token]] = [
    *NUM,
    *EN_COMPOUND,
    [ARTICLE],
    [HALF],
    [ARTICLE, HALF],  # "een half jaar"
    [HALF, _in({"a", "an"})],  # "half a year"
    [_in(lexicon.HALF_COMPOUNDS)],  # "anderhalf", "tweeënhalf"
    *_expand(NUM, [AND_A_HALF]),  # "two and a half", "twee en een half"
    [_in({"a", "een"}), _in({"few", "couple", "paar"}), {"LOWER": "of", "OP": "?"}],
    [_in({"several", "enkele", "some", "paar"})],
    [{"LOWER": "een"}, {"LOWER": "aantal"}],
    *_expand(NUM, [[_in(lexicon.RANGE_WORDS)]], NUM),  # "2-3 weeks", "2 of 3 weken"
]
UNIT = [[_in(lexicon.UNIT_MONTHS)]]
LAST = [[_in(lexicon.LAST_WORDS)]]
YEAR = [[{"TEXT": {"REGEX": r"^(19|20)\d\d$"}}]]
MONTH = [[_in(lexicon.MONTHS)]]
POINT = [*YEAR, *_expand(MONTH, [[], *YEAR])]
OPT_AFTER = [[], [_in(lexicon.AGO_WORDS)], [_in(lexicon.LONG_WORDS)]]


def duration_patterns() -> list[list[Token]]:
    amount = _expand(QUANTITY, UNIT, [[], AND_A_HALF])  # "a year and a half"
    return [
        *_expand(amount, OPT_AFTER),
        *_expand(LAST, [[], *QUANTITY], UNIT),  # "last month", "de afgelopen 3 maanden"
        *_expand([[_in(lexicon.SINCE_WORDS)]], [*POINT, *_expand(LAST, UNIT), *amount]),
        *_expand([[_in(lexicon.IN_WORDS)], *LAST], POINT),  # "in maart", "last January"
        *([{"LOWER": w} for w in phrase.split()] for phrase in lexicon.DAY_PHRASES),
    ]


def age_patterns() -> list[tuple[str, list[Token]]]:
    """(id, pattern): "self" = "I'm 17", "she is 17" forms, which `extract` checks for what
    follows ("she is 17 years" is an age, "she is 3 years in NL" a duration)."""
    subject = [[], [_in(lexicon.SELF_WORDS)]]
    am = [[_in(lexicon.AM_WORDS)]]
    copula = [
        *_expand(subject, am),  # "I am", "I'm", "ik ben", "ben"
        [_in(lexicon.SELF_WORDS), _in({"was"})],  # "I was", "ik was": not "was" alone
        # "she is", "he's", "cliënte is", "het meisje was"; never "is" alone ("room is 17")
        [_in(lexicon.PERSON_WORDS), _in(lexicon.IS_WORDS)],
    ]
    years_old = [[_in(lexicon.YEAR_UNITS), _in(lexicon.OLD_WORDS)]]
    explicit: list[list[Token]] = [
        *_expand(subject, am, AGE_NUM, years_old),  # "I am 17 years old"
        *_expand(AGE_NUM, years_old),  # "17 jaar oud"
        *_expand(AGE_NUM, [[_in(lexicon.YEAR_UNITS), {"LOWER": "of"}, {"LOWER": "age"}]]),
        *_expand(AGE_NUM, [[{"ORTH": "-", "OP": "?"}, _in({"jarige", "jarig"})]]),
        *_expand(AGE_NUM, [[{"ORTH": "-"}, _in({"year", "years"}), {"ORTH": "-"}]],
                 [[{"LOWER": "old"}]]),
        [{"LOWER": {"REGEX": r"^\d{1,3}-years?$"}}, {"ORTH": "-"}, {"LOWER": "old"}],
        [{"LOWER": {"REGEX": r"^\d{1,3}(-?jarige?|yo|y/o)$"}}],  # "17-jarige", "17yo"
        *_expand(AGE_NUM, [[_in({"yo", "y/o", "y.o."})], [{"LOWER": "y"}, {"ORTH": "/"},
                                                           {"LOWER": "o"}]]),
        [{"LOWER": {"REGEX": r"^\d{1,3}y$"}}, {"ORTH": "/"}, {"LOWER": "o"}],  # "17y/o"
        *_expand(  # "age 17", "leeftijd: 17", "my age is 17", "at the age of 17"
            [[_in(lexicon.AGE_WORDS)]],
            [[], [_in({":", "is", "of", "van"})]],
            AGE_NUM,
        ),
        [{"LOWER": {"REGEX": r"^(age|leeftijd):\d{1,3}$"}}],
        # "een meisje van 16", "a boy of 15" (not English "kind of 3 weeks")
        *_expand([[_in({"meisje", "jongen", "kind", "vrouw", "man"}), {"LOWER": "van"}],
                  [_in({"girl", "boy", "child", "woman", "man"}), {"LOWER": "of"}]],
                 AGE_NUM),
        # what-if: "18 wordt", "als ze 17 is"
        *_expand(AGE_NUM, [[_in({"wordt", "werd", "worden", "word"})]]),
        *_expand([[_in(lexicon.PERSON_WORDS | lexicon.SELF_WORDS)]], AGE_NUM, [[_in({"is", "ben", "was"})]]),
    ]
    # "turns 18", "wordt 18": checked like "she is 17" ("wordt 3 maanden" is no age)
    copula.append([_in(lexicon.BECOME_WORDS)])
    copula.append([_in(lexicon.DESCRIBED_WORDS), {"ORTH": ","}])
    return [("self", p) for p in _expand(copula, AGE_NUM)] + [
        ("explicit", p) for p in explicit
    ]


def block_patterns(data: dict[str, Any]) -> list[tuple[str | None, list[Token]]]:
    """(id, pattern): phrases that hide what they contain.

    "born in 2007" is no duration. Id "language": "I speak French", "ik spreek Engels en
    Nederlands", "in het Engels", "English please", "language: Dutch", "Engelse les" name
    languages; `extract` gives their country forms with "role": "language".
    """
    born = _expand([[_in({"born", "geboren"}), _in({"in", "op"})]], POINT)
    words = data["language_words"]
    more = {**_in([*words, "and", "en", "or", "of", ","]), "OP": "*"}  # "Engels en Frans"
    languages = [[_in(words), more]]
    # "spreekt alleen Engels"; not after "in": "in a Dutch company" names no language
    fillers = {**_in(data["speak_fillers"]), "OP": "*"}
    speak = [[_in(w for w in data["speak_words"] if w != "in"), fillers], [{"LOWER": "in"}]]
    # "het Engels" is the language, "het Engelse paspoort" is not: after "het", only the
    # nouns (Dutch language names do not end in -e; the adjectives do)
    het = [[{"LOWER": "het"}, _in(w for w in words if not w.endswith("e")), more]]
    label = [[_in({"language", "languages", "taal", "talen"}), {"ORTH": ":", "OP": "?"}]]
    language = [
        *_expand(speak + label, languages),
        *het,
        *_expand([[_in(words)]], [[_in(data["please_words"])]]),
        *_expand([[_in(words)]], [[_in(
            {"language", "taal", "les", "lessen", "lesson", "lessons", "class", "classes",
             "cursus", "course", "tolk", "interpreter", "translator", "speaking",
             "sprekend", "sprekende"})]]),
    ]
    return [(None, p) for p in born] + [("language", p) for p in language]


# --- build -----------------------------------------------------------------------------


def load_data(path: Path = DATA_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def make_patterns(nlp: Language, data: dict[str, Any]) -> tuple[list[Pattern], dict[str, Any]]:
    """All entity-ruler patterns, and the lookup written beside the pipeline."""
    forms = country_forms(data)
    patterns: list[Pattern] = []
    for form, code in sorted(forms["plain"].items()):
        patterns += [
            {"label": "country", "pattern": s, "id": code} for s in sorted(_spellings(form))
        ]
    for form, code in sorted(forms["exact"].items()):
        tokens = [{"ORTH": t.text} for t in nlp.make_doc(form)]
        patterns.append({"label": "country", "pattern": tokens, "id": code})
    cue = _in(data["cue_words"])
    for form, code in sorted(forms["cue"].items()):
        for variant in sorted(_spellings(form)):
            tokens = [cue, *({"LOWER": t.text} for t in nlp.make_doc(variant))]
            patterns.append({"label": "country", "pattern": tokens, "id": "cue:" + code})
    for phrase in sorted({p for b in data["block"] for p in _spellings(b.lower())}):
        patterns.append({"label": "BLOCK", "pattern": phrase})
    patterns += [
        {"label": "BLOCK", "pattern": p, **({"id": i} if i else {})}
        for i, p in block_patterns(data)
    ]
    patterns += [{"label": "duration", "pattern": p} for p in duration_patterns()]
    patterns += [{"label": "age", "pattern": p, "id": i} for i, p in age_patterns()]

    lookup = {
        "version": LOOKUP_VERSION,
        "sources": {"babel": babel.__version__, "pycountry": version("pycountry"),
                    "languages": LANGUAGES},
        # every form a caller may hand to `country_code`, ambiguous ones included
        "countries": dict(sorted(
            (lookup_key(f), c)
            for kind in ("plain", "cue", "nospace", "exact")
            for f, c in forms[kind].items()
        )),
        "nospace": dict(sorted(forms["nospace"].items())),
    }
    return patterns, lookup


def build(out: Path | None = None) -> Path:
    """Write the pipeline and its lookup to `out` (default: `DEFAULT_DIR`)."""
    out = Path(out) if out is not None else DEFAULT_DIR
    nlp = spacy.blank("xx")
    # validate=False: the patterns are checked here once, not at every load
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": False}
    )
    nlp.initialize()  # wipes ruler patterns: add them only after this
    patterns, lookup = make_patterns(nlp, load_data())
    for p in patterns:
        errors = validate_token_pattern(p["pattern"]) if isinstance(p["pattern"], list) else []
        if errors:
            raise ValueError(f"bad pattern {p}: {errors}")
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    out.mkdir(parents=True, exist_ok=True)
    (out / LOOKUP_FILE).unlink(missing_ok=True)  # an interrupted build must not look complete
    nlp.to_disk(out)
    (out / ".gitignore").write_text("# built by python -m bot.nlp.build\n*\n")
    # written last: its presence means the folder is complete
    (out / LOOKUP_FILE).write_text(
        json.dumps(lookup, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    return out


def ensure_built(out: Path) -> Path:
    """Build into `out` unless a complete build is already there (for tests)."""
    return out if (Path(out) / LOOKUP_FILE).is_file() else build(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.nlp.build", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, default=None, help=f"default: {DEFAULT_DIR}")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    out = build(args.out)
    print(f"wrote {out} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
