"""A second opinion on the intent: logistic regression on word and character n-grams,
averaged with DIET's confidences (`LinearIntentVote`, after DIET in config.yml).

The two err differently: DIET learns words in context, the linear model weighs every
n-gram of the data on its own. On the held-out set the average read more messages right
than either alone (README: Measured). Like DIET (through Rasa's RegexFeaturizer), the
linear model knows the lexicon's concepts (data/nlu/lexicon_*.yml): "goede nacht", in no
example, is a farewell. `classifier()` is also the baseline of `benchmarks/nlu.py --baseline`.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.utils.pattern_utils import extract_patterns
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

MODEL_FILE = "linear_intents.joblib"
RANKING_LENGTH = 10   # as DIET's


class ConceptWords(BaseEstimator, TransformerMixin):
    """Adds to a text a word for each lexicon concept it names ("goede nacht" ->
    "goede nacht conceptfarewell"): the model learns the concept from the examples that name it
    in other words. `patterns`: Rasa's, of the lookup tables (`lexicon_patterns`)."""

    def __init__(self, patterns: tuple[tuple[str, str], ...] = ()) -> None:
        self.patterns = patterns

    def fit(self, texts: Iterable[str], intents: Any = None) -> ConceptWords:
        self.compiled_ = [(f"concept{re.sub(r'[^a-z0-9]', '', name.lower())}", re.compile(pattern, re.IGNORECASE))
                          for name, pattern in self.patterns]
        return self

    def transform(self, texts: Iterable[str]) -> list[str]:
        return [" ".join([text, *(word for word, pattern in self.compiled_ if pattern.search(text))])
                for text in texts]


def lexicon_patterns(training_data: TrainingData) -> tuple[tuple[str, str], ...]:
    """The lookup tables as RegexFeaturizer matches them (whole words, any case)."""
    return tuple((p["name"], p["pattern"]) for p in extract_patterns(training_data, use_regexes=False))


def classifier(patterns: tuple[tuple[str, str], ...] = ()) -> Pipeline:
    """Untrained: tf-idf of words and word pairs, and of character 2-5-grams within words,
    with the lexicon's concepts as words; every intent weighed alike however many examples
    it has."""
    return make_pipeline(
        ConceptWords(patterns),
        make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"),
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        LogisticRegression(C=20, max_iter=3000, class_weight="balanced"),
    )


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentVote(GraphComponent, IntentClassifier):
    """Sets the intent and its ranking to the weighted average of the ranking before it
    (DIET's) and this model's probabilities. Button payloads are left alone (their intent
    is given). `weight`: DIET's share."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"weight": 0.5}

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Pipeline | None = None) -> None:
        self.weight = {**self.get_default_config(), **config}["weight"]
        self._storage, self._resource, self._model = model_storage, resource, model

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LinearIntentVote:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if isinstance(m.get(TEXT), str)]
        self._model = classifier(lexicon_patterns(training_data))
        self._model.fit([m.get(TEXT) for m in examples], [m.get(INTENT) for m in examples])
        with self._storage.write_to(self._resource) as folder:
            joblib.dump(self._model, folder / MODEL_FILE)
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LinearIntentVote:
        with model_storage.read_from(resource) as folder:
            return cls(config, model_storage, resource, joblib.load(folder / MODEL_FILE))

    def process(self, messages: list[Message]) -> list[Message]:
        typed = [m for m in messages if isinstance(m.get(TEXT), str) and m.get(TEXT)
                 and YAMLStoryReader.unpack_regex_message(m) is m]
        if self._model is None or not typed:
            return messages
        intents = list(self._model.classes_)
        for message, probabilities in zip(typed, self._model.predict_proba([m.get(TEXT) for m in typed])):
            before = {r[INTENT_NAME_KEY]: r[PREDICTED_CONFIDENCE_KEY] for r in message.get(INTENT_RANKING_KEY) or []}
            votes = {name: self.weight * before.get(name, 0.0) + (1 - self.weight) * float(p)
                     for name, p in zip(intents, probabilities)}
            ranking = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
                       for name, confidence in sorted(votes.items(), key=lambda item: -item[1])[:RANKING_LENGTH]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
