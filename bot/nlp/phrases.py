"""Phrase lists matched word by word on normalised text, with offsets back into the message.

Shared by the danger safety net (`data/danger.yml`) and the statement extractor
(`data/statements.yml`). A message is normalised word by word: lower case, no accents or
apostrophes, punctuation as a word break, letters repeated three times or more written
once ("heeelp" -> "help"), and the words of `data/same_words.yml` replaced ("im" ->
"i am"). A phrase is words, with `(a|b)` for alternatives and `(a )?` for an optional part;
it matches whole words only. Masked words (`mask`) can be matched by no phrase.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from bot.nlp.lexicon import fold

SAME_WORDS_FILE = Path(__file__).parent / "data" / "same_words.yml"
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")   # "I'm" is one word
_PART = re.compile(r"[^\W_]+")
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_SYNTAX = re.compile(r"[\w ()|?]+")
MASK = "#"


@dataclass(frozen=True)
class Words:
    """A message as normalised words: `text`, one space between words, and for each word
    its place in `text` and in the message (`spans`: text start, text end, start, end)."""
    text: str
    spans: tuple[tuple[int, int, int, int], ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The characters of the message that `text[start:end]` was made from."""
        first = bisect.bisect_right(self.spans, start, key=lambda span: span[1])   # ends after start
        last = bisect.bisect_left(self.spans, end, key=lambda span: span[0]) - 1   # starts before end
        return self.spans[first][2], self.spans[last][3]

    def masked(self, pattern: re.Pattern[str] | None) -> Words:
        if pattern is None:
            return self
        return Words(pattern.sub(lambda match: MASK * len(match.group()), self.text), self.spans)


class Normaliser:
    def __init__(self, same_words: dict[str, str] | None = None):
        self.same_words = {str(word): str(other) for word, other in (same_words or {}).items()}

    def word(self, word: str) -> str:
        """One word as matched: "I'M" -> "i am", "Roemenië" -> "roemenie"."""
        plain = _STRETCHED.sub(r"\1", fold(word).replace("'", ""))
        return " ".join(self.same_words.get(part, part) for part in _PART.findall(plain))

    def words(self, text: str) -> Words:
        parts, spans, at = [], [], 0
        for match in _WORD.finditer(text):
            word = self.word(match.group())
            if not word:
                continue
            parts.append(word)
            spans.append((at, at + len(word), match.start(), match.end()))
            at += len(word) + 1
        return Words(" ".join(parts), tuple(spans))

    def pattern(self, phrases: Iterable[object], what: str = "phrase") -> re.Pattern[str] | None:
        """One pattern for the phrases (None for none), whole words only."""
        parts = []
        for phrase in map(str, phrases):   # YAML reads 112 as a number
            if not _SYNTAX.fullmatch(phrase):
                raise ValueError(f"{what} {phrase!r}: only words, (a|b) and (a )? are allowed")
            parts.append(_PART.sub(lambda match: self.word(match.group()), fold(phrase)).replace("(", "(?:"))
        if not parts:
            return None
        # At one place the first alternative that matches is taken: longer patterns first,
        # as a rule the more specific ones (statements.py settles overlaps between facts).
        parts.sort(key=len, reverse=True)
        edge = r"\w" + re.escape(MASK)   # whole words, and never masked text
        return re.compile(rf"(?<![{edge}])(?:" + "|".join(parts) + rf")(?![{edge}])")


@lru_cache(maxsize=None)
def same_words(path: Path = SAME_WORDS_FILE) -> dict[str, str]:
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file) or {}
