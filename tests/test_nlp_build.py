"""Building the fact-extraction pipeline."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pycountry
import pytest
from babel import Locale

import bot.nlp
from bot.nlp import build
from bot.nlp.extract import DEFAULT_DIR, LOOKUP_FILE, Pipeline, country_code, load_pipeline
from bot.nlp.lexicon import fold
from bot.rules.countries import is_known_code

REQUIRED_LANGUAGES = (
    "nl en de fr es pt it ro bg hu pl uk ru ar zh tr ti am fa vi th fil".split()
)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # the same folder the other test_nlp_* modules use: one build per session
    return build.ensure_built(tmp_path_factory.getbasetemp() / "nlp-pipeline")


@pytest.fixture(scope="session")
def nlp(built: Path) -> Pipeline:
    return load_pipeline(built)


def test_default_folder_is_inside_the_package() -> None:
    assert Path(bot.nlp.__file__).parent / "pipeline" == DEFAULT_DIR
    assert DEFAULT_DIR.is_absolute()


def test_build_is_deterministic_and_quick(built: Path, tmp_path: Path) -> None:
    start = time.perf_counter()
    assert build.main(["--out", str(tmp_path)]) == 0
    assert time.perf_counter() - start < 30  # ~2 s on a 2-core machine
    files = sorted(p.relative_to(built) for p in built.rglob("*"))
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for name in files:
        a, b = built / name, tmp_path / name
        assert a.is_dir() or a.read_bytes() == b.read_bytes(), name


def test_folder_contents(built: Path) -> None:
    assert (built / "config.cfg").is_file()
    assert (built / ".gitignore").read_text().splitlines()[-1] == "*"
    lookup = json.loads((built / LOOKUP_FILE).read_text(encoding="utf-8"))
    assert lookup["version"] == 1
    assert set(lookup["sources"]["languages"]) >= set(REQUIRED_LANGUAGES)


def test_patterns_survive_saving(built: Path, nlp: Pipeline) -> None:
    ruler = nlp.nlp.get_pipe("entity_ruler")
    saved = (built / "entity_ruler" / "patterns.jsonl").read_text(encoding="utf-8")
    assert len(ruler) == len(saved.splitlines()) > 10_000
    assert set(ruler.labels) == {"country", "duration", "age", "BLOCK"}


def test_missing_folder_names_the_build_command(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"python -m bot\.nlp\.build"):
        load_pipeline(tmp_path / "nowhere")


def test_old_lookup_asks_for_a_rebuild(built: Path, tmp_path: Path) -> None:
    old = shutil.copytree(built, tmp_path / "old")
    lookup = json.loads((old / LOOKUP_FILE).read_text(encoding="utf-8"))
    (old / LOOKUP_FILE).write_text(json.dumps({**lookup, "version": 0}), encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"python -m bot\.nlp\.build"):
        load_pipeline(old)


@pytest.mark.parametrize("lang", REQUIRED_LANGUAGES)
def test_cldr_names_in_every_language(nlp: Pipeline, lang: str) -> None:
    """Every CLDR name of these origin countries is found, in every language."""
    territories = Locale.parse(lang).territories
    for code in ["NG", "ER", "RO", "VN", "SY", "MA", "UA"]:
        name = territories[code]
        if len(name) < 4 and name.isascii():
            continue  # Turkish "Fas": short Latin forms are left out, they collide with words
        assert country_code(name, nlp) == code, (lang, name)
        assert country_code(name.upper(), nlp) == code, (lang, name)


def test_tigrinya_is_there() -> None:
    assert Locale.parse("ti").territories["ER"] == "ኤርትራ"


def test_only_iso_codes(nlp: Pipeline) -> None:
    # plus the codes the data file declares: XX (stateless) and XK (Kosovo)
    iso = {c.alpha_2 for c in pycountry.countries} | set(build.load_data()["user_assigned"])
    assert set(nlp.countries.values()) <= iso
    assert len(set(nlp.countries.values())) >= 240  # about every country has a name


def test_every_code_is_one_the_rules_accept(nlp: Pipeline) -> None:
    """A country the extractor gives is a nationality the rules module can judge."""
    assert "XK" not in {c.alpha_2 for c in pycountry.countries}  # why it is listed by hand
    assert {"XX", "XK"} <= set(build.load_data()["user_assigned"])
    assert all(is_known_code(code) for code in set(nlp.countries.values()))


@pytest.mark.parametrize("name", ["Kosovo", "Kosova", "Kosovë", "Косово", "科索沃"])
def test_kosovo_names_come_from_cldr(nlp: Pipeline, name: str) -> None:
    assert country_code(name, nlp) == "XK"


def test_data_file_lists_are_respected(nlp: Pipeline) -> None:
    data = build.load_data()
    for form in data["drop"]:
        assert fold(form) not in nlp.countries, form
    ruler = nlp.nlp.get_pipe("entity_ruler")
    phrases = {p["pattern"] for p in ruler.patterns if isinstance(p["pattern"], str)}
    for forms in [*data["needs_cue"].values(), *data["exact_case"].values()]:
        for form in forms:
            assert form.lower() not in phrases, form  # never matched alone, in any case


def test_data_file_codes_are_checked(tmp_path: Path) -> None:
    data = build.load_data()
    data["countries"][False] = {"nl": ["Noors"]}  # what an unquoted NO: key becomes
    with pytest.raises(ValueError, match="not ISO"):
        build.country_forms(data)


def test_user_assigned_codes_must_be_declared() -> None:
    data = build.load_data()
    del data["user_assigned"]["XK"]  # Kosovo's forms are then no known code
    with pytest.raises(ValueError, match="XK"):
        build.country_forms(data)


def test_every_origin_country_has_english_and_dutch_nationality_words() -> None:
    data = build.load_data()["countries"]
    origin = (
        "NG ER RO BG HU PL UA VN CN MA UG SL GN BR TH PH IN AL MD SY AF ET SO GH CM TR "
        "IQ IR NL BE DE FR GB"
    ).split()
    for code in origin:
        assert data[code].get("en") and data[code].get("nl"), code
    assert len(data) >= 60
