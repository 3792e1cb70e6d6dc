"""Does a message signal immediate danger? A keyword safety net under the learnt intent
classifier: whatever the model makes of "he is coming" or "ik word bedreigd nu", the person
gets 112 and the police first.

The phrases are data (`data/danger.yml`, per language; all languages are matched, since a
message in distress may mix them). Matching is on normalised text (`bot.nlp.phrases`), so typos
of case, accents, punctuation and stretched letters ("HEEELP!!") do not matter. Phrases
under `not` mask the words they cover ("not in danger", "no need to call 112"), so a safe
phrase never signals danger while danger said beside it still does.

Pure Python: `bot.nlp.component.DangerSafetyNet` plugs it into the Rasa pipeline.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.nlp.phrases import Normaliser, same_words

DATA_FILE = Path(__file__).parent / "data" / "danger.yml"


class DangerPhrases:
    """The phrases of every language, compiled; `signals(text)` is the test."""

    def __init__(self, data: dict[str, Any]):
        self._normaliser = Normaliser(data.get("same_words"))
        languages = [lists for key, lists in data.items() if key != "same_words"]
        self._anywhere = self._normaliser.pattern(
            (phrase for lists in languages for phrase in lists.get("anywhere") or []), "danger phrase")
        self._masks = self._normaliser.pattern(
            (phrase for lists in languages for phrase in lists.get("not") or []), "danger phrase")
        self._whole = {self.normalise(str(phrase)) for lists in languages for phrase in lists.get("whole") or []}

    def normalise(self, text: str) -> str:
        """Lower case, no accents, apostrophes or punctuation, stretched letters once,
        `same_words` replaced: "I'm SCAAARED!!" -> "i am scared"."""
        return self._normaliser.words(text).text

    def signals(self, text: str) -> bool:
        """True when the message signals immediate danger."""
        words = self._normaliser.words(text)
        if words.text in self._whole:
            return True
        return bool(self._anywhere and self._anywhere.search(words.masked(self._masks).text))


@lru_cache(maxsize=None)
def load(path: Path = DATA_FILE) -> DangerPhrases:
    with path.open(encoding="utf-8") as f:
        return DangerPhrases({"same_words": same_words(), **yaml.safe_load(f)})


def signals_danger(text: str) -> bool:
    return load().signals(text)
