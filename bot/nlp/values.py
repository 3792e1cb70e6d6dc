"""Rasa 3.6 NLU component: keeps only entities whose meaning is clear.

DIET sometimes tags a stray word ("I'm", "the") as an entity, with a role it is unsure of
(role confidence around 0.2-0.5 where real ones score 0.7-1.0); a wrong fact is worse
than a question, so such entities are dropped (`min_role_confidence`), and of two
different meanings of one entity in a message only the surer one is kept. An entity
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
    from bot.dialogue import ENTITY_FACTS, meaning
    from bot.texts import languages

    name, value = entity.get("entity"), entity.get("value")
    if name in RULE_BASED:
        return entity.get("role") != "language"
    if name == "language":
        return value in languages()
    return meaning(entity) in ENTITY_FACTS


def kept(entities: list[dict[str, Any]], min_role_confidence: float) -> list[dict[str, Any]]:
    sure = [e for e in entities if meaningful(e) and (e.get("confidence_role") or 1.0) >= min_role_confidence]
    best: dict[Any, dict[str, Any]] = {}
    for entity in sure:
        if entity.get("entity") in RULE_BASED or "role" not in entity:
            continue
        other = best.get(entity["entity"])
        if other is None or entity["confidence_role"] > other["confidence_role"]:
            best[entity["entity"]] = entity
    return [e for e in sure if e.get("entity") in RULE_BASED or "role" not in e
            or e.get("role") == best[e["entity"]].get("role")]


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
