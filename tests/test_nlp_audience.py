"""Phrases by which a writer says they are a professional (bot/nlp/audience.py,
bot/nlp/data/professional.yml)."""
import pytest

from bot.nlp.audience import ProfessionalPhrases, says_professional

PROFESSIONAL = [
    "I'm a lawyer. My client is safe now", "im an immigration lawyer", "I am a social worker at a shelter",
    "I work at a hotline", "I work for CoMensha", "I'm writing on behalf of my client",
    "We are writing on behalf of our client, a Romanian woman of 30", "I'M A LAWYER, my client has PTSD",
    "ik ben advocaat", "Ik ben vreemdelingenadvocaat en heb een vraag", "ik werk bij een hulplijn",
    "Mijn cliënte is 17", "ik bel namens een cliënt", "onze cliënten komen uit Nigeria",
    "ik ben maatschappelijk werker",
]
NOT_PROFESSIONAL = [
    "I need a lawyer", "who is my lawyer?", "I am not a lawyer", "I was a client of the shelter",
    "Client is a 24-year-old Nigerian woman",   # a professional's, but says nothing of who writes
    "my client hit me", "my clients pay the boss, not me",   # a customer, in sex work
    "mijn klant heeft me geslagen",
    "I work in a restaurant", "my boss took my passport", "ik wil een advocaat", "wie is mijn advocaat",
    "ik ben geen advocaat", "ik werk in een kas", "", "/inform{\"age\": 17}",
]


@pytest.mark.parametrize("text", PROFESSIONAL)
def test_professional_phrases(text):
    assert says_professional(text)


@pytest.mark.parametrize("text", NOT_PROFESSIONAL)
def test_no_professional_phrase(text):
    assert not says_professional(text)


def test_phrases_are_words_and_alternatives_only():
    with pytest.raises(ValueError, match="only words"):
        ProfessionalPhrases({"en": ["my.*client"]})
