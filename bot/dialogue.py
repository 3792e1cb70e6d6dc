"""What a message says about the facts, and which fact to ask next. Pure: no Rasa, no I/O
(but the phrase data of `bot.nlp.audience`, read once).

The rules decide what is still unknown and matters (`Assessment.missing`); this module
decides only how to talk about it: in which order to ask, what a "yes" means after a
question, and which questions would be pointless or unkind to ask.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, NamedTuple

from bot.nlp.audience import says_professional
from bot.rules import FACTS, Assessment, InvalidFacts
from bot.rules.facts import check_fact

# The order of the questions: safety first, then who the person is, then the case.
QUESTION_ORDER = (
    "in_danger", "nationality", "citizenship", "age", "still_in_situation", "months_since_exit",
    "reported", "case_status", "wants_to_report", "cannot_cooperate", "permit_years",
    "threat_continues", "case_years", "dublin", "asylum", "return_risks",
)

# Learnt entities (domain/facts.yml) and the fact each meaning states. DIET gives the
# meaning as the entity's role ("report" with role "reported"); a button sends it as the
# value (/inform{"report": "reported"}).
ENTITY_FACTS: dict[tuple[str, Any], tuple[str, Any]] = {
    ("report", "reported"): ("reported", True),
    ("report", "not_reported"): ("reported", False),
    ("report", "wants"): ("wants_to_report", "yes"),
    ("report", "does_not_want"): ("wants_to_report", "no"),
    ("report", "undecided"): ("wants_to_report", "undecided"),
    ("situation", "still_in"): ("still_in_situation", True),
    ("situation", "left"): ("still_in_situation", False),
    **{("obstacle", value): ("cannot_cooperate", value) for value in ("medical", "threat", "none")},
    **{("case", value): ("case_status", value) for value in FACTS["case_status"].values},
    **{("asylum", value): ("asylum", value) for value in FACTS["asylum"].values},
    **{("citizenship", value): ("citizenship", value) for value in FACTS["citizenship"].values},
    ("return_risk", "yes"): ("return_risks", True),
    ("dublin", "yes"): ("dublin", True),
    ("dublin", "no"): ("dublin", False),
    ("permit", "none"): ("permit_years", 0),
    ("safety", "safe"): ("in_danger", False),
}

# What a time span measures when it follows these words in the same message: "left 2 months
# ago" (months since exit), "a B8.3 permit for 3 years", "the case has been running 4 years".
DURATION_ANCHORS = {("situation", "left"): "months_since_exit", ("permit", "held"): "permit_years",
                    ("case", "investigation"): "case_years", ("case", "prosecution"): "case_years"}

# What "yes" and "no" mean as the answer to the question about a fact; and "I don't know"
# where it is an answer of its own: not knowing yet whether to report is being undecided
# (the question's own button, "Not sure yet").
YES_NO: dict[str, dict[str, Any]] = {
    **{fact: {"affirm": True, "deny": False} for fact, spec in FACTS.items() if spec.kind == "bool"},
    "wants_to_report": {"affirm": "yes", "deny": "no", "dont_know": "undecided"},
    "cannot_cooperate": {"deny": "none"},
    "asylum": {"affirm": "applied", "deny": "no"},
    "permit_years": {"deny": 0},
    "case_status": {"deny": "none"},
}

# Intents that state a fact whatever was asked.
INTENT_FACTS = {"in_danger": ("in_danger", True), "safe_now": ("in_danger", False)}

# A question ("ask_police": "what will the police do if I report?") often supposes what it
# says of reporting, the case or asylum; only who the person is is taken from it. A fact
# not taken costs a question later, a supposed one a wrong assessment.
QUESTION_INTENT_PREFIX = "ask_"
FACTS_IN_QUESTIONS = ("nationality", "age")

YEAR_FACTS = ("case_years", "permit_years")
DECLINING = ("dont_know", "rather_not_say")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*$")


class Reading(NamedTuple):
    """What one message says: facts, facts the person cannot or will not give, choices."""
    facts: dict[str, Any]
    declined: tuple[str, ...] = ()
    language: str | None = None
    professional: bool = False


def read_message(intent: str | None, entities: Iterable[Mapping[str, Any]], text: str,
                 requested: str | None) -> Reading:
    """The facts a message gives, read in the light of the question asked (`requested`)."""
    entities = list(entities)
    facts: dict[str, Any] = {}
    for key in map(meaning, entities):
        if key in ENTITY_FACTS:
            fact, value = ENTITY_FACTS[key]
            facts[fact] = value
    for entity in entities:
        value = entity.get("value")
        if entity.get("entity") == "country":
            # The first country that is the person's own: not one passed through or
            # registered in ("fingerprinted in Italy"), nor a language ("in het Engels").
            if not entity.get("role") and intent != "choose_language":
                facts.setdefault("nationality", value)
        elif entity.get("entity") == "age":
            facts["age"] = value
        elif entity.get("entity") == "duration" and isinstance(value, (int, float)):
            fact = _anchored(entity, entities) or _duration_fact(requested, facts)
            if fact:
                facts[fact] = round(value / 12, 2) if fact in YEAR_FACTS else value
    if intent in INTENT_FACTS:
        fact, value = INTENT_FACTS[intent]
        facts[fact] = value
    if intent and intent.startswith(QUESTION_INTENT_PREFIX):
        facts = {fact: value for fact, value in facts.items() if fact in FACTS_IN_QUESTIONS}
    if requested and requested not in facts:
        if intent in YES_NO.get(requested, {}):
            facts[requested] = YES_NO[requested][intent]
        elif (number := _BARE_NUMBER.match(text or "")) and requested in ("age", "months_since_exit", *YEAR_FACTS):
            facts[requested] = _number(number.group(1), whole=requested == "age")
    declined = (requested,) if requested and intent in DECLINING and requested not in facts else ()
    language = next((e.get("value") for e in entities if e.get("entity") == "language"), None)
    professional = intent == "i_am_professional" or says_professional(text or "")
    return Reading(_valid(facts), declined, language, professional)


def meaning(entity: Mapping[str, Any]) -> tuple[Any, Any]:
    """(entity, meaning): the role a learnt entity was given, or else its value."""
    return entity.get("entity"), entity.get("role") or entity.get("value")


def fact_of(entity: Mapping[str, Any]) -> Any:
    """The fact a learnt entity speaks of: "not reported" and "reported" both of `reported`;
    "has held a permit" (a time span's anchor) of `permit_years`, as "no permit" is."""
    key = meaning(entity)
    return ENTITY_FACTS[key][0] if key in ENTITY_FACTS else DURATION_ANCHORS.get(key, key)


def _anchored(duration: Mapping[str, Any], entities: list[Mapping[str, Any]]) -> str | None:
    """The fact a time span measures, from the nearest learnt entity before it that says."""
    start = duration.get("start")
    if start is None:
        return None
    before = [e for e in entities if meaning(e) in DURATION_ANCHORS and (e.get("start") or 0) < start]
    return DURATION_ANCHORS[meaning(max(before, key=lambda e: e["start"]))] if before else None


def _duration_fact(requested: str | None, facts: Mapping[str, Any]) -> str | None:
    """A time span means the fact asked about, or the time since leaving when the message
    says the person left; otherwise it is not clear what it measures, and is not used."""
    if requested in ("months_since_exit", *YEAR_FACTS):
        return requested
    if facts.get("still_in_situation") is False or requested == "still_in_situation":
        return "months_since_exit"
    return None


def _number(text: str, whole: bool) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if whole or value.is_integer() else value


def _valid(facts: dict[str, Any]) -> dict[str, Any]:
    """Keep what the rules accept: a misread value is dropped, never passed on."""
    valid = {}
    for fact, value in facts.items():
        try:
            check_fact(fact, value)
        except InvalidFacts:
            continue
        valid[fact] = value
    return valid


def merge(known: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """New facts replace old ones (corrections: "actually I'm 17"). A new nationality
    drops a citizenship given on its own: the rules derive it again."""
    merged = {**known, **new}
    if "nationality" in new:
        merged.pop("citizenship", None)
    return {fact: value for fact, value in merged.items() if value is not None}


def danger_left_open(declined: list[str], declined_before: list[str]) -> bool:
    """Whether the person could not or would not say, this turn, if they are in danger: they
    are told what to do if so before the next question."""
    return "in_danger" in declined and "in_danger" not in declined_before


def next_question(facts: Mapping[str, Any], declined: Iterable[str], missing: Iterable[str]) -> str | None:
    """The next fact to ask: unknown, not declined, and one that can still change the answer.

    `facts` and `missing` are those of the assessment (citizenship derived)."""
    return next(iter(questions(facts, declined, missing)), None)


def questions(facts: Mapping[str, Any], declined: Iterable[str], missing: Iterable[str]) -> list[str]:
    """Every fact worth asking now, in the order to ask them: a person gets the first,
    a professional all of them at once."""
    declined, missing = set(declined), set(missing)
    return [fact for fact in QUESTION_ORDER
            if facts.get(fact) is None and fact not in declined and _worth_asking(fact, facts, declined, missing)]


class Change(NamedTuple):
    """How one route changes when a fact changes (what-if)."""
    code: str
    before: str
    after: str
    reasons_added: tuple[str, ...]
    reasons_removed: tuple[str, ...]


def changes(before: Assessment, after: Assessment) -> list[Change]:
    """The routes whose status or reasons differ, in the order of the new assessment."""
    old = {route.code: route for route in before.routes}
    found = []
    for route in after.routes:
        was = old[route.code]
        added = tuple(r for r in route.reasons if r not in was.reasons)
        removed = tuple(r for r in was.reasons if r not in route.reasons)
        if route.status != was.status or added or removed:
            found.append(Change(route.code, was.status, route.status, added, removed))
    return found


def _worth_asking(fact: str, facts: Mapping[str, Any], declined: set[str], missing: set[str]) -> bool:
    if fact == "nationality":
        return facts.get("citizenship") is None
    if fact == "citizenship":                  # only for someone who would rather not name the country
        return "nationality" in declined
    if fact == "still_in_situation":           # safety, and the time since leaving
        return True
    if fact == "months_since_exit":
        return facts.get("still_in_situation") is False
    if fact == "cannot_cooperate":             # not for someone who reports or wants to
        return fact in missing and not (facts.get("reported") or facts.get("wants_to_report") == "yes")
    if fact == "threat_continues":
        return fact in missing and facts.get("cannot_cooperate") in ("medical", "threat")
    if fact in ("dublin", "asylum", "return_risks"):   # they change what asylum and B8.3 mean
        return facts.get("citizenship") == "non_eu"
    return fact in missing
