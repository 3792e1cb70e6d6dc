"""Professional mode over HTTP with the trained model: a whole case in one message, the
missing facts asked at once, the routes; what-if; the facts shown and corrected; a summary
in another language. The cases are written as lawyers and hotline staff write them."""
import pytest

from tests.test_server import Person, find, statuses

# What a lawyer answers to the questions asked at once, for a client who has not reported,
# or who has (then the state of the case is in the description).
NOT_REPORTED = {"en": "No report so far. She is safe now and has no permit.",
                "nl": "Nog geen aangifte. Ze is nu veilig en heeft geen vergunning."}
REPORTED = {"en": "She is safe now and has no permit.", "nl": "Ze is nu veilig en heeft geen vergunning."}

# (description, facts it must give, routes it must reach with the answer above: REPORTED for
# the cases whose description says so). Each case in Dutch and English.
CASES = {
    "minor": (
        {"en": "Client is a 16 year old boy from Vietnam, found last week in a cannabis nursery, safe now, "
               "no report made, no permit.",
         "nl": "Het gaat om een jongen van 16 uit Vietnam, vorige week aangetroffen in een hennepkwekerij, nu veilig, "
               "geen aangifte gedaan, geen vergunning."},
        {"age": 16, "nationality": "VN", "reported": False},
        {"minor_protection": "applies", "reflection_period": "applies"}),
    "Dublin": (
        {"en": "Eritrean woman of 24, her fingerprints were taken in Italy, she got out two months ago and has not "
               "reported, no B8.3 permit.",
         "nl": "Eritrese vrouw van 24, haar vingerafdrukken zijn in Italië afgenomen, ze is twee maanden geleden "
               "weggegaan en heeft geen aangifte gedaan, geen B8.3-vergunning."},
        {"nationality": "ER", "dublin": True, "reported": False},
        {"reflection_period": "applies", "asylum": "possible", "minor_protection": "not_applicable"}),
    "dismissed case": (
        {"en": "My client is a Nigerian woman, 29. She reported in 2022 and the public prosecutor dismissed the case "
               "last month.",
         "nl": "Mijn cliënte is een Nigeriaanse vrouw van 29. Ze heeft in 2022 aangifte gedaan en het OM heeft de zaak "
               "vorige maand geseponeerd."},
        {"nationality": "NG", "reported": True, "case_status": "dismissed"},
        {"b83_cooperation": "not_applicable", "humanitarian": "possible"}),
    "conviction": (
        {"en": "Ugandan woman, 33, she made a statement to the police and the trafficker has been convicted, no appeal "
               "possible.",
         "nl": "Oegandese vrouw, 33, ze heeft een verklaring afgelegd bij de politie en de mensenhandelaar is "
               "onherroepelijk veroordeeld."},
        {"nationality": "UG", "reported": True, "case_status": "convicted"},
        {"humanitarian": "applies", "b83_cooperation": "not_needed"}),
    "EU citizen": (
        {"en": "Romanian woman, 27, left the situation three weeks ago, she does not want to go to the police.",
         "nl": "Roemeense vrouw, 27, drie weken geleden uit de situatie gestapt, ze wil niet naar de politie."},
        {"nationality": "RO", "citizenship": "eu", "wants_to_report": "no", "age": 27},
        {"municipal_support": "applies", "reflection_period": "possible", "asylum": "not_applicable"}),
    "Dutch national": (
        {"en": "Dutch girl, 19, loverboy case, she got out last month.",
         "nl": "Nederlands meisje van 19, loverboyzaak, ze is vorige maand weggegaan."},
        {"nationality": "NL", "citizenship": "dutch", "age": 19},
        {"municipal_support": "applies", "reflection_period": "not_applicable", "b83_cooperation": "not_applicable"}),
    "threat": (
        {"en": "Brazilian woman of 30, she won't report because the traffickers threaten her family back home, "
               "out for two months, no permit.",
         "nl": "Braziliaanse vrouw van 30, ze doet geen aangifte omdat de mensenhandelaars haar familie thuis bedreigen, "
               "sinds twee maanden weg, geen vergunning."},
        {"nationality": "BR", "cannot_cooperate": "threat"},
        {"b83_cannot_cooperate": "possible", "b83_cooperation": "not_applicable", "reflection_period": "applies"}),
    "medical": (
        {"en": "Moroccan man, 35, he has severe PTSD and cannot cooperate with the police, no report, no permit.",
         "nl": "Marokkaanse man, 35, hij heeft ernstige PTSS en kan niet meewerken met de politie, geen aangifte, "
               "geen vergunning."},
        {"nationality": "MA", "cannot_cooperate": "medical", "reported": False},
        {"b83_cannot_cooperate": "possible", "reflection_period": "applies"}),
    "wants to report": (
        {"en": "Indian man, 38, escaped two weeks ago, he wants to give a statement to the police, safe now.",
         "nl": "Indiase man, 38, twee weken geleden ontsnapt, hij wil een verklaring afleggen bij de politie, nu veilig."},
        {"nationality": "IN", "wants_to_report": "yes", "in_danger": False},
        {"b83_cooperation": "applies", "reflection_period": "applies"}),
    "asylum and FGM": (
        {"en": "Guinean woman, 26, she fears circumcision if she is sent back and is thinking about asylum; no report.",
         "nl": "Guinese vrouw, 26, ze vreest besnijdenis als ze terug moet en denkt na over asiel; geen aangifte."},
        {"nationality": "GN", "return_risks": True, "asylum": "considering"},
        {"asylum": "possible", "reflection_period": "applies"}),
}
HAS_REPORTED = {"dismissed case", "conviction"}


def asked_in(reply):
    return [m["custom"]["fact"] for m in reply if (m.get("custom") or {}).get("type") == "question"]


def triage(assistant, language, description, answer=None):
    """A professional gives the case, answers what is asked at once (or says there is
    nothing more), and gets the assessment."""
    person = Person(assistant, language, "professional")
    reply = person.say(description)
    asked = asked_in(reply)
    for then in (answer, "/dont_know"):
        if not find(reply, "assessment") and then:
            reply = person.say(then)
    assessment = find(reply, "assessment")
    assert assessment, reply
    return person, asked, assessment


@pytest.mark.parametrize("case, language", [(case, language) for case in CASES for language in ("en", "nl")])
def test_a_case_in_one_message_reaches_its_routes(assistant, case, language):
    descriptions, facts, routes = CASES[case]
    answer = (REPORTED if case in HAS_REPORTED else NOT_REPORTED)[language]
    _, asked, assessment = triage(assistant, language, descriptions[language], answer)
    assert {fact: assessment["facts"].get(fact) for fact in facts} == facts
    assert not set(facts) & set(asked), "nothing given is asked again"
    assert {code: statuses(assessment)[code] for code in routes} == routes
    reasons = {route["code"]: route["reasons"] for route in assessment["routes"]}
    assert ("dublin_30_days" in reasons["reflection_period"]) == bool(facts.get("dublin"))
    shown = [route for route in assessment["routes"] if route["sources"]]
    assert shown and all(route["source_details"] for route in shown), "the legal basis is shown"


@pytest.mark.parametrize("language, question, route, change", [
    ("nl", "wat als ze besluit aangifte te doen?", "b83_cooperation", ("possible", "applies")),
    ("nl", "wat als ze 17 is?", "minor_protection", ("not_applicable", "applies")),
    ("en", "what if she is 17?", "minor_protection", ("not_applicable", "applies")),
    ("en", "and what if she is from Bulgaria?", "municipal_support", ("not_applicable", "applies")),
])
def test_what_if_over_http(assistant, language, question, route, change):
    person, _, assessment = triage(assistant, language, {
        "en": "Nigerian woman, 25, out of the situation for a month, undecided about reporting, no permit, safe.",
        "nl": "Nigeriaanse vrouw, 25, sinds een maand uit de situatie, twijfelt over aangifte, geen vergunning, veilig.",
    }[language], NOT_REPORTED[language])
    reply = person.say(question)
    found = find(reply, "what_if")
    assert found, reply
    assert {c["code"]: (c["before"], c["after"]) for c in found["changes"]}[route] == change
    facts = find(person.say("/show_facts"), "facts")["facts"]
    assert {k: v for k, v in facts.items() if k in assessment["facts"]} == \
        {k: v for k, v in assessment["facts"].items() if k in facts}, "what-if changes no fact"


def test_facts_shown_and_corrected(assistant):
    person, _, assessment = triage(assistant, "en", CASES["minor"][0]["en"], NOT_REPORTED["en"])
    assert statuses(assessment)["minor_protection"] == "applies"
    shown = find(person.say("show me the facts"), "facts")
    assert shown["facts"]["age"] == 16
    corrected = find(person.say("sorry, actually he is 19"), "assessment")
    assert corrected["facts"]["age"] == 19 and statuses(corrected)["minor_protection"] == "not_applicable"


def test_a_dutch_conversation_gives_an_english_handout(assistant):
    person, _, _ = triage(assistant, "nl", CASES["Dutch national"][0]["nl"], NOT_REPORTED["nl"])
    reply = person.say("kun je een handout voor haar maken in het Engels?")
    summary = find(reply, "summary")
    assert summary and summary["language"] == "en" and summary["audience"] == "victim"
    assert "112" in summary["markdown"] and "Kamerstuk" not in summary["markdown"]
    intro = reply[0]["text"]
    assert "samenvatting" in intro.lower(), "the conversation stays in Dutch"


@pytest.mark.parametrize("language, description", [
    ("en", "I'm a lawyer. My client is a 24-year-old Nigerian woman, she left two months ago and has not reported."),
    ("nl", "Ik ben advocaat. Mijn cliënte is een Nigeriaanse vrouw van 24, ze is twee maanden geleden weggegaan en "
           "heeft geen aangifte gedaan."),
])
def test_a_lawyer_who_says_so_in_the_description_gets_professional_mode(assistant, language, description):
    """No role in the metadata (as the web chat sends it): the description says who writes."""
    person = Person(assistant, language)
    person.metadata = {"language": language}
    reply = person.say(description)
    asked = asked_in(reply)
    assert len(asked) > 1, "the missing facts asked at once"
    assert not {"age", "nationality", "reported"} & set(asked), asked
    for answer in (NOT_REPORTED[language], "/dont_know"):
        if not find(reply, "assessment"):
            reply = person.say(answer)
    assert find(reply, "assessment")["audience"] == "professional", "the role holds after the first message"
