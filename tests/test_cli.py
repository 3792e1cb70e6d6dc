"""The command-line triage, run as a person would run it."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

WEGWIJZER = str(Path(sys.executable).parent / "wegwijzer")


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def test_assess_prints_routes_reasons_sources_and_missing_in_english():
    result = run(WEGWIJZER, "assess", "--fact", "nationality=NG", "--fact", "wants_to_report=undecided",
                 "--fact", "reported=false", "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Residence permit when you report (B8.3)" in out
    assert "Undecided about reporting" in out              # a reason
    assert "Vc 2000 B8.3" in out                            # a source
    assert "Facts still missing:" in out and "age" in out   # missing facts
    assert "the police, the IND and the courts decide" in out


def test_assess_json_holds_the_assessment_and_its_texts():
    result = run(WEGWIJZER, "assess", "--fact", "nationality=RO", "--fact", "age=17", "--json", "--lang", "nl")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["facts"]["citizenship"] == "eu"
    assert {r["code"]: r["status"] for r in data["routes"]}["minor_protection"] == "possible"
    assert data["texts"]["language"] == "nl" and data["texts"]["disclaimer"].startswith("Informatie")


@pytest.mark.parametrize("args,fact", [
    (["--fact", "nationality=Nigeria"], "nationality"),
    (["--fact", "age=-3"], "age"),
    (["--fact", "hobby=chess"], "hobby"),
    (["--fact", "nationality=NG", "--lang", "fr"], "language"),
    (["--on", "2010-01-01"], "on"),
    (["--on", "yesterday"], "on"),
])
def test_bad_input_is_one_clear_line_and_exit_status_2(args, fact):
    result = run(WEGWIJZER, "assess", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"wegwijzer: error: {fact}: "), result.stderr


def expected(facts, on):
    import datetime
    from bot.rules import assess
    return assess(facts, datetime.date.fromisoformat(on))


def test_handout_is_the_persons_summary_in_its_own_language_whatever_lang_is():
    from bot.summary import markdown
    result = run(WEGWIJZER, "assess", "--fact", "nationality=ER", "--fact", "age=17", "--fact", "dublin=true",
                 "--on", "2026-01-01", "--lang", "nl", "--handout", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout == markdown(expected({"nationality": "ER", "age": 17, "dublin": True}, "2026-01-01"),
                                     "en", "victim")
    assert "Your options" in result.stdout and "Vc 2000" not in result.stdout and "§" not in result.stdout


def test_markdown_is_the_professional_summary_in_lang():
    from bot.summary import markdown
    result = run(WEGWIJZER, "assess", "--fact", "nationality=NG", "--fact", "reported=true", "--on", "2023-05-18",
                 "--lang", "nl", "--markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == markdown(expected({"nationality": "NG", "reported": True}, "2023-05-18"), "nl",
                                     "professional")
    assert "Vc 2000 B8.3" in result.stdout and "18 mei 2023" in result.stdout


def test_html_gives_the_printable_page():
    from bot.summary import html
    result = run(WEGWIJZER, "assess", "--fact", "nationality=RO", "--on", "2026-01-01", "--handout", "nl", "--html")
    assert result.returncode == 0, result.stderr
    assert result.stdout == html(expected({"nationality": "RO"}, "2026-01-01"), "nl", "victim")


@pytest.mark.parametrize("args,fact", [
    (["--fact", "age=seventeen", "--handout", "en"], "age"),
    (["--fact", "nationality=NG", "--handout", "fr"], "language"),
    (["--fact", "nationality=NG", "--markdown", "--lang", "de"], "language"),
    (["--markdown", "--on", "2014-06-22"], "on"),
])
def test_bad_input_for_a_summary_is_one_clear_line_and_exit_status_2(args, fact):
    result = run(WEGWIJZER, "assess", *args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().startswith(f"wegwijzer: error: {fact}: "), result.stderr


@pytest.mark.parametrize("args", [["--json", "--markdown"], ["--handout", "en", "--json"], ["--html"]])
def test_one_output_format_at_a_time(args):
    result = run(WEGWIJZER, "assess", "--fact", "nationality=NG", *args)
    assert result.returncode == 2 and result.stdout == "" and "error" in result.stderr


def test_python_m_bot_rules_gives_the_rules_alone_as_json():
    result = run(sys.executable, "-m", "bot.rules", "--fact", "nationality=GB", "--on", "2020-06-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["facts"]["citizenship"] == "eu" and data["on"] == "2020-06-01"
    result = run(sys.executable, "-m", "bot.rules", "--fact", "in_danger=perhaps")
    assert result.returncode == 2 and "in_danger" in result.stderr
