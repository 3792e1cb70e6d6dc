"""The lexicon the intent classifier reads besides the examples (data/nlu/lexicon_*.yml).

Rasa's RegexFeaturizer turns each lookup table into a feature of the tokens it matches, so
these files are features, not examples: a word in the wrong table silently changes what the
model learns.
"""
from __future__ import annotations

import re

from tests.conftest import lexicon_tables


def test_every_table_has_words_and_no_repeats():
    found = lexicon_tables()
    assert len(found) >= 30
    for name, words in found.items():
        assert len(words) >= 20, name
        assert len(words) == len(set(words)), name


def test_everyday_topics_claim_no_word_of_a_persons_situation():
    # "off_topic" pulls a message towards out_of_scope: a word a person uses to tell their
    # story (work, boss, police, money) must never carry it.
    found = lexicon_tables()
    situation = {word for name, words in found.items() if name != "off_topic" for word in words}
    assert not set(found["off_topic"]) & situation
    for word in ("work", "job", "boss", "money", "passport", "police", "werk", "baas", "geld", "politie"):
        assert not any(re.search(rf"\b{word}\b", entry) for entry in found["off_topic"]), word
