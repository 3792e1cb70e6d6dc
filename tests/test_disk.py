"""Nothing of a conversation is written to disk in the default set-up (`make run`)."""
import os
import tempfile
import time
from pathlib import Path

from bot.serve import ROOT
from tests.conftest import chat, distinctive_words, rest, start_chat


def files_changed_since(folder: Path, since: float):
    for parent, _, names in os.walk(folder, onerror=lambda _: None):
        for name in names:
            path = Path(parent) / name
            try:
                if path.is_file() and not path.is_symlink() and path.stat().st_mtime >= since:
                    yield path
            except OSError:   # gone meanwhile (other programs use the temp folder too)
                continue


def holds(path: Path, needles: list[bytes]) -> bool:
    try:
        with open(path, "rb") as file:
            tail = b""
            while chunk := file.read(1 << 20):
                if any(needle in tail + chunk for needle in needles):
                    return True
                tail = chunk[-64:]
    except OSError:
        pass
    return False


def test_no_file_holds_a_word_of_the_conversation(assistant):
    since = time.time() - 1
    words = distinctive_words(3)
    conversation = start_chat(assistant.rasa_url)
    for text in [f"hello, I am {words[0]}", "/deny", f"{words[1]} took my passport", "/dont_know"]:
        chat(assistant.rasa_url, conversation, text)
    for text in [f"my name is {words[2]}", "/deny"]:
        rest(assistant.rasa_url, f"disk-{words[2].lower()}", text)
    time.sleep(1)
    needles = [word.encode() for word in words] + [word.encode("utf-16-le") for word in words]
    # A control file written now, holding one of the words: the scan must find it, so a
    # scan that sees nothing (wrong folder, clock, filter) cannot pass for a clean disk.
    with tempfile.NamedTemporaryFile("wb", prefix="wegwijzer-control-", delete=False) as control:
        control.write(f"control {words[1]} control".encode())
    try:
        found = [str(path)
                 for folder in {ROOT, Path.cwd(), Path(tempfile.gettempdir())}
                 for path in files_changed_since(folder, since) if holds(path, needles)]
    finally:
        os.unlink(control.name)
    assert control.name in found, "the scan did not see a file written during the test"
    assert not [path for path in found if path != control.name], found
