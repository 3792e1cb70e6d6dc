"""The language of a conversation (CONTRACT.md §2): from the message metadata, then an
explicit choice, then detection from the first message; Dutch by default."""
from __future__ import annotations

from functools import lru_cache

from bot.texts import languages

DEFAULT = "nl"

# Languages the detector tells apart: ours, and those that people seeking help here often
# write, so that a Romanian message is not mistaken for Dutch or English but gets the default.
DETECTED = ("nl", "en", "de", "fr", "es", "pt", "it", "ro", "bg", "hu", "pl", "ru", "uk", "ar", "tr", "vi", "zh")


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in DETECTED]
    return LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models().build()


def warm_up() -> None:
    """Load the detector's models (a second or so) before the first person waits for it."""
    _detector()


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language of `text`, when it is one we have texts in."""
    found = _detector().detect_language_of(text[:1000])
    code = found.iso_code_639_1.name.lower() if found else None
    return code if code in languages() else None


def supported(language: object) -> str | None:
    return language if isinstance(language, str) and language in languages() else None


def choose(metadata: object, current: object, text: str | None) -> str:
    """Metadata wins; then the language already chosen; then detection; then Dutch."""
    return supported(metadata) or supported(current) or (detect(text) if text else None) or DEFAULT
