"""Rasa 3.6 NLU component: keeps only entities whose meaning is clear.

DIET sometimes tags a stray word ("I'm", "the") as an entity, with a role it is unsure of
(role confidence around 0.2-0.5 where real ones score 0.7-1.0); a wrong fact is worse
than a question, so such entities are dropped (`min_role_confidence`), and of two
different meanings for one fact in a message only the surer one is kept ("wants to
report" and "has not reported" are two facts, both kept). An entity
without any meaning the dialogue knows (bot.dialogue.ENTITY_FACTS) is dropped, and so is
a country named as a language ("English please"). Placed after EntitySynonymMapper.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

RULE_BASED = {"country", "duration", "age"}   # normalised by bot.nlp.extract


def meaningful(entity: dict[str, Any]) -> bool:
    from bot.dialogue import DURATION_ANCHORS, ENTITY_FACTS, meaning
    from bot.texts import languages

    name, value = entity.get("entity"), entity.get("value")
    if name in RULE_BASED:
        return entity.get("role") != "language"
    if name == "language":
        return value in languages()
    return meaning(entity) in ENTITY_FACTS or meaning(entity) in DURATION_ANCHORS


def kept(entities: list[dict[str, Any]], min_role_confidence: float) -> list[dict[str, Any]]:
    from bot.dialogue import fact_of, meaning

    sure = [e for e in entities if meaningful(e) and (e.get("confidence_role") or 1.0) >= min_role_confidence]
    learnt = [e for e in sure if is_learnt(e)]
    # of two meanings for one fact the surer; a set phrase (StatementExtractor) on a tie
    surest = lambda e: (e.get("confidence_role") or 1.0, e.get("extractor") == "StatementExtractor")
    best: dict[Any, dict[str, Any]] = {}
    for entity in learnt:
        other = best.get(fact_of(entity))
        if other is None or surest(entity) > surest(other):
            best[fact_of(entity)] = entity
    return [e for e in sure if not is_learnt(e) or meaning(e) == meaning(best[fact_of(e)])]


def is_learnt(entity: dict[str, Any]) -> bool:
    return entity.get("entity") not in RULE_BASED and "role" in entity


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class EntityValueFilter(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_role_confidence": 0.7}

    def __init__(self, config: dict[str, Any]) -> None:
        self.min_role_confidence = float({**self.get_default_config(), **config}["min_role_confidence"])

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EntityValueFilter":
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            message.set(ENTITIES, kept(entities, self.min_role_confidence), add_to_output=True)
        return messages
