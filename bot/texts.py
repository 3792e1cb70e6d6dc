"""Texts shown to people, from the locale files in bot/locales (python-i18n).

A language is available when its files are there: adding a language is adding files.
python-i18n's configuration is process-wide, so it is set once here, and every lookup
passes its locale explicitly. A missing text raises instead of falling back to another
language, so that no answer mixes languages.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import i18n

LOCALES = Path(__file__).parent / "locales"
AUDIENCES = ("victim", "professional")

i18n.load_path[:] = [str(LOCALES)]
i18n.set("filename_format", "{namespace}.{locale}.{format}")
i18n.set("file_format", "yml")
i18n.set("error_on_missing_translation", True)
i18n.set("error_on_missing_placeholder", True)
i18n.set("fallback", None)
i18n.set("enable_memoization", True)


class UnsupportedLanguage(ValueError):
    def __init__(self, language: object):
        super().__init__(f"language: {language!r} is not available; available: {', '.join(languages())}")
        self.language = language


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """Languages that have a complete set of files (the route texts mark a language)."""
    return tuple(sorted(path.name.split(".")[1] for path in LOCALES.glob("route.*.yml")))


def check_language(language: object) -> str:
    if language not in languages():
        raise UnsupportedLanguage(language)
    return language  # type: ignore[return-value]


def t(key: str, language: str, **values: object) -> str:
    return i18n.t(key, locale=check_language(language), **values)
