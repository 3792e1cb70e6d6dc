"""Does a message signal immediate danger? A keyword safety net under the learnt intent
classifier: whatever the model makes of "he is coming" or "ik word bedreigd nu", the person
gets 112 and the police first.

The phrases are data (`data/danger.yml`, per language; all languages are matched, since a
message in distress may mix them). Matching is on normalised text (`normalise`), so typos
of case, accents, punctuation and stretched letters ("HEEELP!!") do not matter. Phrases
under `not` mask the words they cover ("not in danger", "no need to call 112"), so a safe
phrase never signals danger while danger said beside it still does.

Pure Python: `bot.nlp.component.DangerSafetyNet` plugs it into the Rasa pipeline.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.nlp.lexicon import fold

DATA_FILE = Path(__file__).parent / "data" / "danger.yml"
_NOT_WORD = re.compile(r"[\W_]+")
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")     # three or more of one letter: "heeelp"
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r"[\w ()|?]+")               # words, (a|b) alternatives, (a )? options


class DangerPhrases:
    """The phrases of every language, compiled; `signals(text)` is the test."""

    def __init__(self, data: dict[str, Any]):
        self.same_words: dict[str, str] = data.get("same_words") or {}
        languages = [lists for key, lists in data.items() if key != "same_words"]
        self._anywhere = self._compile(phrase for lists in languages for phrase in lists.get("anywhere") or [])
        self._masks = self._compile(phrase for lists in languages for phrase in lists.get("not") or [])
        self._whole = {self.normalise(str(phrase)) for lists in languages for phrase in lists.get("whole") or []}

    def normalise(self, text: str) -> str:
        """Lower case, no accents, apostrophes or punctuation, stretched letters once,
        `same_words` replaced: "I'm SCAAARED!!" -> "i am scared"."""
        text = _STRETCHED.sub(r"\1", fold(text).replace("'", ""))
        words = _NOT_WORD.sub(" ", text).split()
        return " ".join(self.same_words.get(word, word) for word in words)

    def signals(self, text: str) -> bool:
        """True when the message signals immediate danger."""
        normal = self.normalise(text)
        if normal in self._whole:
            return True
        masked = self._masks.sub(lambda match: "#" * len(match.group()), normal)
        return bool(self._anywhere.search(masked))

    def _compile(self, phrases) -> re.Pattern[str]:
        parts = []
        for phrase in map(str, phrases):   # YAML reads 112 as a number
            if not _PHRASE.fullmatch(phrase):
                raise ValueError(f"danger phrase {phrase!r}: only words, (a|b) and (a )? are allowed")
            # the words as normalise() writes them ("mij" -> "me"), the syntax kept
            words = _WORD.sub(lambda match: self.normalise(match.group()), fold(phrase))
            parts.append(words.replace("(", "(?:"))
        # whole words only; "#" is masked text, which no phrase may touch
        return re.compile(r"(?<![\w#])(?:" + "|".join(parts) + r")(?![\w#])")


@lru_cache(maxsize=None)
def load(path: Path = DATA_FILE) -> DangerPhrases:
    with path.open(encoding="utf-8") as f:
        return DangerPhrases(yaml.safe_load(f))


def signals_danger(text: str) -> bool:
    return load().signals(text)
