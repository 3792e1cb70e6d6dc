"""Rasa 3.6 NLU component: keeps only entities whose value means something.

DIET sometimes tags a stray word ("she", "I'm") as an entity; with no synonym to map it,
its value is the raw text, which no fact can use. And a country named as a language
("English please") is no country in this conversation. This component, placed after
EntitySynonymMapper, drops both, so the tracker holds only values the dialogue
understands (bot.dialogue.ENTITY_FACTS) and those of the rule-based extractor.
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
    from bot.dialogue import ENTITY_FACTS
    from bot.texts import languages

    name, value = entity.get("entity"), entity.get("value")
    if name in RULE_BASED:
        return entity.get("role") != "language"
    if name == "language":
        return value in languages()
    return (name, value) in ENTITY_FACTS


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class EntityValueFilter(GraphComponent):
    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EntityValueFilter":
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            message.set(ENTITIES, [entity for entity in entities if meaningful(entity)], add_to_output=True)
        return messages
