"""Statements of fact in set phrases: "no report so far", "ze wil niet naar de politie",
"safe now", "cannot cooperate because of PTSD".

The learnt model (DIET) reads free paraphrases but misses some of the short, formulaic
statements lawyers string together in one description; these phrases catch them. The
phrases are data (`data/statements.yml`: per language, entity and role; `not` lists words
that state nothing, such as questions, hypotheticals and "not safe"), matched on normalised
text (`bot.nlp.phrases`) in every language at once.

    find("Moroccan man, no report, cannot cooperate because of PTSD") ->
        [{"entity": "report", "role": "not_reported", "value": "no report", ...},
         {"entity": "obstacle", "role": "medical", ...}]

Where phrases that give one fact different values overlap ("reported" in "not reported"),
the longer match wins. Pure Python: `bot.nlp.component.StatementExtractor` plugs it into
the Rasa pipeline.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from bot.dialogue import DURATION_ANCHORS, ENTITY_FACTS, fact_of
from bot.nlp.phrases import Normaliser, same_words

DATA_FILE = Path(__file__).parent / "data" / "statements.yml"
MASKS = "not"


class StatementPhrases:
    def __init__(self, data: dict[str, Any]):
        self._normaliser = Normaliser(data.get("same_words"))
        languages = [lists for key, lists in data.items() if key != "same_words"]
        phrases: dict[tuple[str, str], list[str]] = {}
        for lists in languages:
            for entity, roles in lists.items():
                if entity != MASKS:
                    for role, listed in roles.items():
                        if (entity, str(role)) not in ENTITY_FACTS and (entity, str(role)) not in DURATION_ANCHORS:
                            raise ValueError(f"statement {entity}:{role}: no fact of the dialogue")
                        phrases.setdefault((entity, str(role)), []).extend(listed or [])
        self._patterns = {key: self._normaliser.pattern(listed, f"{key[0]}:{key[1]} phrase")
                          for key, listed in phrases.items()}
        self._masks = self._normaliser.pattern(
            (phrase for lists in languages for phrase in lists.get(MASKS) or []), "mask")

    def find(self, text: str) -> list[dict[str, Any]]:
        """The statements in `text`: entity, role, start, end and value (the words said)."""
        words = self._normaliser.words(text).masked(self._masks)
        found = []
        for (entity, role), pattern in self._patterns.items():
            for match in pattern.finditer(words.text) if pattern else ():
                start, end = words.original(match.start(), match.end())
                said = {"entity": entity, "role": role, "start": start, "end": end, "value": text[start:end]}
                found.append(Statement(fact_of(said), role, match.start(), match.end(), said))
        return [s.entity for s in _consistent(found)]


class Statement(NamedTuple):
    fact: Any      # bot.dialogue.fact_of
    role: str
    start: int     # in the normalised words
    end: int
    entity: dict[str, Any]

    def says_more_than(self, other: Statement) -> bool:
        """"not reported" over "reported": the longer phrase around the shorter one."""
        return self.start <= other.start and other.end <= self.end and \
            self.end - self.start > other.end - other.start


def _consistent(found: list[Statement]) -> list[Statement]:
    """Of phrases that give one fact different values, the one that says more; when they
    still disagree, none (a wrong fact is worse than a question)."""
    by_fact: dict[Any, list[Statement]] = {}
    for statement in found:
        by_fact.setdefault(statement.fact, []).append(statement)
    kept = []
    for statements in by_fact.values():
        if len({s.role for s in statements}) > 1:
            statements = [s for s in statements if not any(
                o.says_more_than(s) for o in statements if o.role != s.role)]
        if len({s.role for s in statements}) == 1:
            kept += statements
    return sorted(kept, key=lambda s: (s.entity["start"], s.entity["entity"]))


@lru_cache(maxsize=None)
def load(path: Path = DATA_FILE) -> StatementPhrases:
    with path.open(encoding="utf-8") as f:
        return StatementPhrases({"same_words": same_words(), **(yaml.safe_load(f) or {})})


def find(text: str) -> list[dict[str, Any]]:
    return load().find(text)
