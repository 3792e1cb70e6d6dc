"""Nationality to citizenship (`dutch`, `eu`, `non_eu`), from the dated lists in data/countries.toml."""
from __future__ import annotations

import datetime
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from bot.rules.data import load


@lru_cache(maxsize=None)
def _iso_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes from pycountry's copy of Debian's iso-codes database.

    Read from its JSON file rather than through `import pycountry`, which costs 20 ms of
    start-up (it looks up its own version); tests check both agree.
    """
    spec = importlib.util.find_spec("pycountry")
    database = Path(spec.origin).parent / "databases" / "iso3166-1.json"
    entries = json.loads(database.read_text(encoding="utf-8"))["3166-1"]
    return frozenset(entry["alpha_2"] for entry in entries)


def is_known_code(code: str) -> bool:
    return code in load("countries")["extra_codes"] or code in _iso_codes()


def citizenship_of(nationality: str, on: datetime.date) -> str:
    data = load("countries")
    code = data["territory_nationality"].get(nationality, nationality)
    if code in data["dutch"]:
        return "dutch"
    free_movement = data["eu_member_states"] + data["eea_states"] + data["swiss_free_movement"]
    if code in free_movement:
        return "eu"
    until = data["free_movement_until"].get(code)
    if until is not None and on <= until:
        return "eu"
    return "non_eu"
