"""Rasa 3.6 NLU components: `FactEntityExtractor` adds normalised country / duration / age
entities; `StatementExtractor` adds the facts stated in set phrases ("no report so far");
`DangerSafetyNet` makes a message that signals immediate danger `in_danger`, and one the
model took for danger that only states safety `safe_now`;
`TypedTextDIET` is Rasa's DIET, kept off button payloads and trained on batches of
messages of like lengths (`bot.nlp.batching`).

In config.yml:

    pipeline:
      - name: bot.nlp.component.TypedTextDIET     # with DIETClassifier's options
      - name: bot.nlp.component.FactEntityExtractor
      - name: bot.nlp.component.StatementExtractor
      ...
      - name: bot.nlp.component.DangerSafetyNet    # last: no classifier may undo it

Needs no tokenizer or SpacyNLP before it: it runs its own spaCy pipeline, loaded from
the package folder (`python -m bot.nlp.build` writes it), not from the working directory.
Optional `pipeline_path` (absolute) points at another build. Nothing is trained or stored
in the Rasa model. Entities go out as `extract` gives them, so a country that is no
nationality keeps its `role` ("elsewhere", "language"; see `bot.nlp.extract`), Rasa's own
entity attribute.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_ROLE, ENTITY_ATTRIBUTE_CONFIDENCE_TYPE
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.model_data import RasaModelData

from bot.nlp import danger, statements
from bot.nlp.batching import LengthBucketedData
from bot.nlp.extract import MAX_CHARS, Pipeline, extract, load_pipeline

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class FactEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Rule-based extractor for `country` (ISO code), `duration` (months), `age` (years)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"pipeline_path": None}  # None: the folder inside the package

    @staticmethod
    def required_packages() -> list[str]:
        return ["spacy"]

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = {**self.get_default_config(), **config}
        path = self._config["pipeline_path"]
        if path is not None and not Path(path).is_absolute():
            # a relative path would depend on where `rasa run` is started
            raise ValueError(f"pipeline_path must be absolute, got {path!r}")
        self._pipeline: Pipeline = load_pipeline(path)  # fail at load time, not per message

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FactEntityExtractor:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        today = dt.date.today()
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                continue
            existing: list[dict[str, Any]] = message.get(ENTITIES, [])
            seen = {_signature(e) for e in existing}
            new = []
            try:
                found = extract(text, today, self._pipeline)
            except Exception as error:  # a bug here must not drop the user's message
                # the type only: a traceback could carry the message text into the logs
                logger.error("FactEntityExtractor failed: %s", type(error).__name__)
                found = []
            for entity in found:
                entity[ENTITY_ATTRIBUTE_CONFIDENCE_TYPE] = 1.0  # rules: always sure
                if _signature(entity) not in seen:
                    seen.add(_signature(entity))
                    new.append(entity)
            self.add_extractor_name(new)
            message.set(ENTITIES, existing + new, add_to_output=True)
        return messages


def _signature(entity: dict[str, Any]) -> tuple[Any, Any, Any]:
    """Two entities of one type over the same characters are one entity."""
    return (
        entity.get(ENTITY_ATTRIBUTE_TYPE),
        entity.get(ENTITY_ATTRIBUTE_START),
        entity.get(ENTITY_ATTRIBUTE_END),
    )


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class StatementExtractor(GraphComponent, EntityExtractorMixin):
    """Learnt entities (`report`, `situation`, ...) with their role, from the set phrases
    of `bot/nlp/data/statements.yml`, sure (confidence 1.0): `EntityValueFilter` prefers
    them to the model's reading of the same fact. Nothing is trained or stored."""

    def __init__(self, config: dict[str, Any]) -> None:
        self._phrases = statements.load()   # fail at load time on bad phrase data

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> StatementExtractor:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                continue
            found = self._phrases.find(text[:MAX_CHARS])
            for entity in found:
                entity[ENTITY_ATTRIBUTE_CONFIDENCE_TYPE] = entity[ENTITY_ATTRIBUTE_CONFIDENCE_ROLE] = 1.0
            self.add_extractor_name(found)
            message.set(ENTITIES, (message.get(ENTITIES) or []) + found, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DangerSafetyNet(GraphComponent, IntentClassifier):
    """Whatever the classifiers before it decided, a message with a danger phrase
    (`bot/nlp/data/danger.yml`) gets the intent `in_danger` with confidence 1.0; the
    model's own ranking follows it. The other way round, a message the model reads as
    `in_danger` that has no danger phrase but states in a set phrase that the person is safe
    (`StatementExtractor`: "not in danger", "ze is nu veilig") gets `safe_now`: the model's
    reading of such borderline messages changed from one training to the next, and a lawyer
    writing "she is safe now" must not get the emergency answer. Nothing is trained or
    stored in the Rasa model."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": "in_danger", "safe_intent": "safe_now"}

    def __init__(self, config: dict[str, Any]) -> None:
        config = {**self.get_default_config(), **config}
        self.intent, self.safe_intent = config["intent"], config["safe_intent"]
        self._phrases = danger.load()   # fail at load time on bad phrase data

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> DangerSafetyNet:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            if self._phrases.signals(text):
                self._set(message, self.intent)
            elif (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == self.intent and _states_safety(message):
                self._set(message, self.safe_intent)
        return messages

    @staticmethod
    def _set(message: Message, name: str) -> None:
        intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)


def _states_safety(message: Message) -> bool:
    """A set phrase of the message says the person is safe (not the model's guess)."""
    return any(e.get("entity") == "safety" and e.get("role") == "safe"
               and e.get("extractor") == StatementExtractor.__name__ for e in message.get(ENTITIES) or [])


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class TypedTextDIET(DIETClassifier):
    """Rasa's DIETClassifier (same options, training and model), run on typed text only.

    A button's payload ("/deny", '/inform{"age": 17}') names its intent and entities
    itself, and Rasa's RegexMessageHandler, at the end of every pipeline, replaces whatever
    the components made of it. Rasa 3.6 still runs DIET on it first, for every answer
    given by a button, and DIET is most of the parse time (a payload's parse: 7.4 ms CPU
    with DIET, 1.4 without).
    Here such a payload gets the intent it names at once (what the handler will give it,
    so the components in between see a sure intent) and DIET reads only the rest. A payload
    naming an intent the model does not know is left to DIET, as the handler leaves it."""

    def preprocess_train_data(self, training_data: TrainingData) -> RasaModelData:
        # Batches of messages of like lengths: less padding, faster epochs (bot/nlp/batching.py).
        return LengthBucketedData.of(super().preprocess_train_data(training_data))

    def process(self, messages: list[Message]) -> list[Message]:
        typed = []
        for message in messages:
            payload = self._payload(message)
            if payload is None:
                typed.append(message)
            else:
                message.set(INTENT, payload.get(INTENT), add_to_output=True)
                message.set(INTENT_RANKING_KEY, payload.get(INTENT_RANKING_KEY), add_to_output=True)
        super().process(typed)
        return messages

    def _payload(self, message: Message) -> Message | None:
        """The message as RegexMessageHandler will read it, if it is a payload of a known intent."""
        if not isinstance(message.get(TEXT), str):
            return None
        unpacked = YAMLStoryReader.unpack_regex_message(message)
        known = self.index_label_id_mapping.values()
        if unpacked is message or unpacked.get(INTENT, {}).get(INTENT_NAME_KEY) not in known:
            return None
        return unpacked
