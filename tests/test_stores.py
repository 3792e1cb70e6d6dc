"""The default tracker store: in memory, and a conversation left alone is deleted."""
import asyncio
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores import ExpiringInMemoryTrackerStore


def conversation(sender, text):
    tracker = DialogueStateTracker(sender, slots=[])
    tracker.update(UserUttered(text))
    return tracker


def test_a_conversation_left_alone_is_deleted_and_an_active_one_kept():
    store = ExpiringInMemoryTrackerStore(Domain.empty(), record_exp=1)

    async def run():
        await store.save(conversation("quiet", "Zorblaxian"))
        await store.save(conversation("active", "hello"))
        time.sleep(0.6)
        await store.save(conversation("active", "hello again"))   # saving again restarts its clock
        time.sleep(0.6)
        assert await store.retrieve("quiet") is None
        assert (await store.retrieve("active")).latest_message.text == "hello again"
        assert "Zorblaxian" not in str(store.store), "deleted, not only hidden"
        time.sleep(1.1)
        assert list(await store.keys()) == []

    asyncio.run(run())


@pytest.mark.parametrize("seconds", [1.5, 0, -5, "1800", True])
def test_the_expiry_must_be_whole_seconds(seconds):
    with pytest.raises(ValueError, match="record_exp"):
        ExpiringInMemoryTrackerStore(Domain.empty(), record_exp=seconds)


def test_the_default_endpoints_use_it_as_rasa_reads_them():
    import yaml
    from rasa.core.tracker_store import create_tracker_store
    from rasa.utils.endpoints import read_endpoint_config

    from bot.serve import CONFIG

    config = read_endpoint_config(str(CONFIG / "endpoints.yml"), "tracker_store")
    store = create_tracker_store(config, Domain.empty())
    assert isinstance(store, ExpiringInMemoryTrackerStore)
    assert store.record_exp == yaml.safe_load((CONFIG / "endpoints.yml").read_text())["tracker_store"]["record_exp"]
