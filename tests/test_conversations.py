"""The Rasa project as Rasa checks it: the data validates without warnings, and the test
conversations in tests/stories/ are predicted exactly by the trained model."""
import subprocess
import sys
from pathlib import Path

from bot.serve import MODEL, ROOT

RASA = str(Path(sys.executable).parent / "rasa")
NOISE = ("DeprecationWarning", "MovedIn20Warning", "declare_namespace", "pkg_resources", "LooseVersion",
         "TF-TRT", "tensorflow", "jax")


def rasa(*args, timeout=900):
    return subprocess.run([RASA, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_data_validates_without_warnings():
    result = rasa("data", "validate", "--domain", "domain", "--data", "data", "--config", "config/config.yml")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    warnings = [line for line in (result.stdout + result.stderr).splitlines()
                if ("WARNING" in line or "UserWarning" in line) and not any(n in line for n in NOISE)]
    assert not warnings, "\n".join(warnings)


def test_conversation_stories_are_predicted_exactly(tmp_path):
    result = rasa("test", "core", "--model", str(MODEL), "--stories", "tests/stories",
                  "--fail-on-prediction-errors", "--out", str(tmp_path))
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, detail
