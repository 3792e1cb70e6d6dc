"""The default tracker store: in memory, and a conversation left alone is deleted.

Rasa's InMemoryTrackerStore keeps every conversation until the server stops; a session
that expires (domain/conversation.yml) only starts a new one beside the old. This store
deletes a conversation `record_exp` seconds after it was last saved, as Redis does with
the same setting (config/endpoints.redis.yml), so memory holds only recent conversations.

    tracker_store:
      type: bot.stores.ExpiringInMemoryTrackerStore
      record_exp: 1800
"""
from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any, Iterable, Optional

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

DEFAULT_SECONDS = 30 * 60


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    def __init__(self, domain: Any, event_broker: Any = None, record_exp: int = DEFAULT_SECONDS, **kwargs: Any):
        kwargs.pop("host", None)   # Rasa passes the endpoint's url as host
        super().__init__(domain, event_broker, **kwargs)
        if not isinstance(record_exp, int) or isinstance(record_exp, bool) or record_exp <= 0:
            raise ValueError(f"record_exp must be a whole number of seconds above 0, not {record_exp!r}")
        self.record_exp = record_exp
        self.saved_at: OrderedDict[str, float] = OrderedDict()   # oldest first

    def expire(self) -> None:
        limit = time.monotonic() - self.record_exp
        while self.saved_at:
            sender, saved = next(iter(self.saved_at.items()))
            if saved > limit:
                break
            del self.saved_at[sender]
            self.store.pop(sender, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        self.saved_at.pop(tracker.sender_id, None)
        self.saved_at[tracker.sender_id] = time.monotonic()
        self.expire()

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        self.expire()
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: str) -> Optional[DialogueStateTracker]:
        self.expire()
        return await super().retrieve_full_tracker(sender_id)

    async def keys(self) -> Iterable[str]:
        self.expire()
        return await super().keys()
