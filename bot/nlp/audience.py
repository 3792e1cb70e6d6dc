"""Does a message say its writer is a professional ("I'm a lawyer, my client ...")?

The phrases are data (`data/professional.yml`, per language; all languages are matched),
on normalised text (`bot.nlp.phrases`). Pure Python: `bot.dialogue.read_message` asks it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.nlp.phrases import Normaliser, same_words

DATA_FILE = Path(__file__).parent / "data" / "professional.yml"


class ProfessionalPhrases:
    def __init__(self, data: dict[str, list[str]], same: dict[str, str] | None = None):
        self._normaliser = Normaliser(same)
        self._pattern = self._normaliser.pattern(
            (phrase for phrases in data.values() for phrase in phrases or []), "professional phrase")

    def says_professional(self, text: str) -> bool:
        return bool(self._pattern and self._pattern.search(self._normaliser.words(text).text))


@lru_cache(maxsize=None)
def load(path: Path = DATA_FILE) -> ProfessionalPhrases:
    with path.open(encoding="utf-8") as f:
        return ProfessionalPhrases(yaml.safe_load(f) or {}, same_words())


def says_professional(text: str) -> bool:
    return load().says_professional(text)
