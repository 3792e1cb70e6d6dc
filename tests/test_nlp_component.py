"""The Rasa NLU component, called as Rasa calls it (no model is trained)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.build import ensure_built
from bot.nlp.component import FactEntityExtractor


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # the same folder the other test_nlp_* modules use: one build per session
    return ensure_built(tmp_path_factory.getbasetemp() / "nlp-pipeline")


@pytest.fixture()
def extractor(built: Path, tmp_path: Path) -> FactEntityExtractor:
    return FactEntityExtractor.create(
        {**FactEntityExtractor.get_default_config(), "pipeline_path": str(built)},
        LocalModelStorage(tmp_path),
        Resource("fact_entity_extractor"),
        ExecutionContext(GraphSchema({}), "test-model"),
    )


def run(extractor: FactEntityExtractor, text: str, **data: Any) -> list[dict[str, Any]]:
    message = Message(data={TEXT: text, **data})
    [out] = extractor.process([message])
    entities: list[dict[str, Any]] = out.get(ENTITIES, [])
    return entities


def test_registered_as_entity_extractor() -> None:
    registered = DefaultV1Recipe._from_registry("bot.nlp.component.FactEntityExtractor")
    assert registered.clazz is FactEntityExtractor
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types
    assert not registered.is_trainable


def test_process_adds_normalised_entities(extractor: FactEntityExtractor) -> None:
    entities = run(extractor, "I'm 17, from Eritrea, I ran away last month")
    assert [(e["entity"], e["value"]) for e in entities] == [
        ("age", 17),
        ("country", "ER"),
        ("duration", 1.0),
    ]
    for e in entities:
        assert e["extractor"] == "FactEntityExtractor"
        assert e["confidence_entity"] == 1.0
        assert {"start", "end", "text"} <= set(e)


def test_roles_are_passed_through(extractor: FactEntityExtractor) -> None:
    entities = run(extractor, "Ik kom uit Eritrea, vingerafdrukken in Italië. English please")
    assert [(e["value"], e.get("role")) for e in entities] == [
        ("ER", None),  # no role key at all: the person's nationality
        ("IT", "elsewhere"),
        ("GB", "language"),
    ]
    assert "role" not in entities[0]


def test_keeps_and_deduplicates_existing_entities(extractor: FactEntityExtractor) -> None:
    text = "Ik ben 17 en kom uit Roemenië"
    diet = {"entity": "country", "start": 21, "end": 29, "value": "Roemenië",
            "extractor": "DIETClassifier"}
    other = {"entity": "person", "start": 0, "end": 2, "value": "Ik", "extractor": "X"}
    entities = run(extractor, text, entities=[diet, other])
    assert entities[:2] == [diet, other]  # untouched
    assert [(e["entity"], e["value"]) for e in entities[2:]] == [("age", 17)]


def test_running_twice_adds_nothing_new(extractor: FactEntityExtractor) -> None:
    message = Message(data={TEXT: "uit Nigeria"})
    extractor.process([message])
    extractor.process([message])
    assert [e["value"] for e in message.get(ENTITIES)] == ["NG"]


@pytest.mark.parametrize("text", ["", "   ", "🙂", "<b></b>", "x" * 10_000])
def test_odd_messages(extractor: FactEntityExtractor, text: str) -> None:
    assert run(extractor, text) == []


def test_a_failing_extraction_keeps_the_message(
    extractor: FactEntityExtractor, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    def broken(*args: Any) -> list[dict[str, Any]]:
        raise ValueError("secret user text")

    monkeypatch.setattr("bot.nlp.component.extract", broken)
    assert run(extractor, "uit Nigeria") == []
    assert "FactEntityExtractor failed: ValueError" in caplog.text
    assert "secret" not in caplog.text


def test_message_without_text(extractor: FactEntityExtractor) -> None:
    message = Message(data={"intent": {"name": "greet"}})
    assert extractor.process([message]) == [message]
    assert message.get(ENTITIES) is None


def test_relative_pipeline_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="absolute"):
        FactEntityExtractor.create(
            {"pipeline_path": "bot/nlp/pipeline"},
            LocalModelStorage(tmp_path),
            Resource("x"),
            ExecutionContext(GraphSchema({}), "test-model"),
        )


def test_missing_pipeline_fails_at_creation(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"python -m bot\.nlp\.build"):
        FactEntityExtractor({"pipeline_path": str(tmp_path / "none")})
