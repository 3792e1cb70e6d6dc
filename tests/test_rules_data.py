"""The rule data files are sound: country codes, citations, amendments."""
import datetime

import pycountry

from bot.rules.data import load
from bot.rules.engine import letter_date
from bot.rules.routes import TABLE

ISO = {country.alpha_2 for country in pycountry.countries}


def test_country_lists_hold_real_codes():
    data = load("countries")
    codes = (data["dutch"] + data["eu_member_states"] + data["eea_states"] + data["swiss_free_movement"]
             + list(data["free_movement_until"]) + list(data["territory_nationality"])
             + list(data["territory_nationality"].values()))
    assert all(isinstance(code, str) and code in ISO for code in codes), codes
    assert len(data["eu_member_states"]) == 27
    assert set(data["extra_codes"]) == {"XX", "XK"} and not set(data["extra_codes"]) & ISO
    assert all(isinstance(day, datetime.date) for day in data["free_movement_until"].values())


def test_routes_in_table_and_data_agree():
    assert [entry["code"] for entry in load("routes")["routes"]] == list(TABLE)


def test_every_source_is_a_citation_with_a_title():
    sources = load("citations")["sources"]
    cited = {s for entry in load("routes")["routes"] for s in entry["sources"]}
    cited |= {a["source"] for a in load("amendments")["amendments"]}
    assert cited <= set(sources)
    assert all(sources[cite]["title"] for cite in cited)


def test_amendments_are_dated_after_the_letter_and_name_real_routes():
    for amendment in load("amendments")["amendments"]:
        assert amendment["valid_from"] > letter_date()
        assert amendment["route"] in TABLE


def test_iso_codes_read_from_the_database_file_match_pycountry():
    from bot.rules.countries import _iso_codes
    assert _iso_codes() == ISO
