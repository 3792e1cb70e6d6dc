"""The shipped statement phrases (bot/nlp/data/statements.yml): what realistic messages of
victims and professionals state, in English and Dutch, and what they must not state
(negations, questions, hypotheticals, "not safe"). Many sentences are not copied from the
phrase lists: they check that the lists generalise within reason. How phrases are matched
is tested in test_nlp_statements.py."""
import pytest

from bot.nlp.statements import find

REPORTED = ("report", "reported")
NOT_REPORTED = ("report", "not_reported")
WANTS = ("report", "wants")
DOES_NOT_WANT = ("report", "does_not_want")
UNDECIDED = ("report", "undecided")
STILL_IN = ("situation", "still_in")
LEFT = ("situation", "left")
MEDICAL = ("obstacle", "medical")
THREAT = ("obstacle", "threat")
NO_OBSTACLE = ("obstacle", "none")
NO_CASE = ("case", "none")
INVESTIGATION = ("case", "investigation")
PROSECUTION = ("case", "prosecution")
DISMISSED = ("case", "dismissed")
CONVICTED = ("case", "convicted")
ASYLUM_APPLIED = ("asylum", "applied")
ASYLUM_CONSIDERING = ("asylum", "considering")
NO_ASYLUM = ("asylum", "no")
RETURN_RISK = ("return_risk", "yes")
DUBLIN = ("dublin", "yes")
NO_DUBLIN = ("dublin", "no")
NO_PERMIT = ("permit", "none")
PERMIT_HELD = ("permit", "held")
SAFE = ("safety", "safe")

ENGLISH = [
    # the case descriptions the phrases were written for
    ("Moroccan man, 35, he has severe PTSD and cannot cooperate with the police, no report, no permit.",
     {MEDICAL, NOT_REPORTED, NO_PERMIT}),
    ("Romanian woman, 27, left the situation three weeks ago, she does not want to go to the police.",
     {LEFT, DOES_NOT_WANT}),
    ("Brazilian woman of 30, she won't report because the traffickers threaten her family back home, "
     "out for two months, no permit.", {DOES_NOT_WANT, THREAT, LEFT, NO_PERMIT}),
    ("Indian man, 38, escaped two weeks ago, he wants to give a statement to the police, safe now.",
     {LEFT, WANTS, SAFE}),
    ("Guinean woman, 26, she fears circumcision if she is sent back and is thinking about asylum; no report.",
     {RETURN_RISK, ASYLUM_CONSIDERING, NOT_REPORTED}),
    ("No report so far. She is safe now and has no permit.", {NOT_REPORTED, SAFE, NO_PERMIT}),
    ("My client is a Nigerian woman, 29. She reported in 2022 and the public prosecutor dismissed the case "
     "last month.", {REPORTED, DISMISSED}),
    ("I have not been to the police", {NOT_REPORTED}),
    ("I am safe now", {SAFE}),
    ("i'm safe", {SAFE}),
    # reporting
    ("She filed a police report against her pimp in 2021.", {REPORTED}),
    ("He has already given a statement to the police.", {REPORTED}),
    ("I reported him to the police last year", {REPORTED}),
    ("The client has not yet filed a report.", {NOT_REPORTED}),
    ("I never went to the police because I was scared", {NOT_REPORTED}),
    ("she hasn't reported it to the police yet", {NOT_REPORTED}),
    ("Not reported. Not registered elsewhere in the EU.", {NOT_REPORTED, NO_DUBLIN}),
    ("She would like to make a statement.", {WANTS}),
    ("I am ready to talk to the police", {WANTS}),
    ("She has decided to press charges against the madam.", {WANTS}),
    ("He will not press charges.", {DOES_NOT_WANT}),
    ("She refused to testify against the madam.", {DOES_NOT_WANT}),
    ("She is too scared to go to the police.", {DOES_NOT_WANT}),
    ("i dont want to talk to the police", {DOES_NOT_WANT}),
    ("My client is still undecided about reporting.", {UNDECIDED}),
    ("She is considering whether to report.", {UNDECIDED}),
    ("Perhaps she will go to the police later.", {UNDECIDED}),
    # the situation
    ("i ran away last month", {LEFT}),
    ("She got out of the exploitation in May.", {LEFT}),
    ("He no longer works for them.", {LEFT}),
    ("She is still being exploited.", {STILL_IN}),
    ("I still live with the madam", {STILL_IN}),
    ("Vietnamese boy, 17, still works for the same boss, did not report.", {STILL_IN, NOT_REPORTED}),
    ("She has not yet left her trafficker.", {STILL_IN}),
    # obstacles to cooperation
    ("She suffers from PTSD and depression.", {MEDICAL}),
    ("He is too ill to be interviewed.", {MEDICAL}),
    ("Client has been in a psychiatric hospital since May; no aangifte.", {MEDICAL, NOT_REPORTED}),
    ("The traffickers threaten her children in Nigeria.", {THREAT}),
    ("She is afraid of reprisals against her family.", {THREAT}),
    ("They know where my family lives", {THREAT}),
    ("She is fit to be interviewed and wants to make a statement.", {NO_OBSTACLE, WANTS}),
    # the criminal case
    ("There is no criminal case.", {NO_CASE}),
    ("She reported it to the police and the investigation is still ongoing.", {REPORTED, INVESTIGATION}),
    ("The suspects are being prosecuted.", {PROSECUTION}),
    ("The case was dropped for lack of evidence.", {DISMISSED}),
    ("She got a sepot last month.", {DISMISSED}),
    ("Her trafficker was sentenced to four years and the conviction is final.", {CONVICTED}),
    # asylum, return risks, Dublin
    ("She has applied for asylum.", {ASYLUM_APPLIED}),
    ("I am in the asylum procedure", {ASYLUM_APPLIED}),
    ("He might apply for asylum.", {ASYLUM_CONSIDERING}),
    ("She never asked for asylum.", {NO_ASYLUM}),
    ("She fears forced marriage if she returns to Afghanistan.", {RETURN_RISK}),
    ("Her daughter will be circumcised if they are sent back.", {RETURN_RISK}),
    ("My fingerprints were taken in Greece.", {DUBLIN}),
    ("She was fingerprinted in Italy in 2019.", {DUBLIN}),
    ("She has a Eurodac hit from Spain.", {DUBLIN}),
    ("No Eurodac hit.", {NO_DUBLIN}),
    # permits and safety
    ("I have no residence permit", {NO_PERMIT}),
    ("She has held a B8.3 permit since 2020.", {PERMIT_HELD}),
    ("She does not have a B8.3 permit.", {NO_PERMIT}),
    ("I'm not in danger anymore", {SAFE}),
    ("She is currently in a safe place.", {SAFE}),
    # long descriptions
    ("Nigerian woman, 23, out of the situation since January, no report, no asylum, not registered elsewhere "
     "in Europe, safe now.", {LEFT, NOT_REPORTED, NO_ASYLUM, NO_DUBLIN, SAFE}),
    ("Ukrainian man, 45, he escaped in December, he made a statement and the police are investigating.",
     {LEFT, REPORTED, INVESTIGATION}),
]

ENGLISH_NOTHING = [
    "Is this chat safe?",
    "What if she reports?",
    "If she goes to the police, will they deport her?",
    "I don't know if I should report.",
    "Should my client make a statement?",
    "Has she reported to the police?",
    "Can she get a B8.3 permit without reporting?",
    "Does she have a B8.3 permit?",
    "She is not safe.",
    "I don't feel safe here.",
    "Is she safe now?",
    "She is no longer safe at the shelter.",
    "I want to be safe.",
    "she was not found in Italy",
    "She was reported to the police by her employer.",
    "She reported that her boss took her passport.",
    "Nobody has reported anything.",
    "He reported to the police station every week.",
    "I ran away from home when I was 15.",
    "She fled Eritrea in 2016.",
    "He does not have PTSD.",
    "Nobody threatens her anymore.",
    "There is no risk of FGM in her case.",
    "The conviction is not yet final.",
    "If the case is dismissed, what happens to her permit?",
    "Does Dublin apply?",
    "She applied for asylum in Italy in 2017.",
    "The brothel had no permit.",
    "She was convicted of illegal stay.",
    "She is staying in a shelter.",
    "She is still in the Netherlands.",
    "Are you still in the situation?",
    "How long ago did you get out of the situation?",
    "She wants to get out of the situation.",
    "What happens after a sepot?",
    "She gave her statement to the IND.",
    "The police will not report you to the IND.",
    "Her employer threatened to report her to the police.",
    "She reported the theft of her passport.",
    "She never asked for asylum anywhere else.",
]

DUTCH = [
    # de casusbeschrijvingen waarvoor de zinnen zijn geschreven
    ("Roemeense vrouw, 27, drie weken geleden uit de situatie gestapt, ze wil niet naar de politie.",
     {LEFT, DOES_NOT_WANT}),
    ("Braziliaanse vrouw van 30, ze doet geen aangifte omdat de mensenhandelaars haar familie thuis bedreigen, "
     "sinds twee maanden weg, geen vergunning.", {DOES_NOT_WANT, NOT_REPORTED, THREAT, LEFT, NO_PERMIT}),
    ("Marokkaanse man, 35, hij heeft ernstige PTSS en kan niet meewerken met de politie, geen aangifte, "
     "geen vergunning.", {MEDICAL, NOT_REPORTED, NO_PERMIT}),
    ("Nog geen aangifte. Ze is nu veilig en heeft geen vergunning.", {NOT_REPORTED, SAFE, NO_PERMIT}),
    ("ik heb geen aangifte gedaan", {NOT_REPORTED}),
    ("ik ben veilig", {SAFE}),
    # aangifte
    ("Cliënte heeft in januari aangifte gedaan tegen haar pooier.", {REPORTED}),
    ("In 2022 heeft ze aangifte gedaan.", {REPORTED}),
    ("Ik ben vorige week naar de politie gegaan.", {REPORTED}),
    ("Hij heeft een verklaring afgelegd bij de recherche.", {REPORTED}),
    ("Ze zegt dat ze al aangifte heeft gedaan.", {REPORTED}),
    ("Ze heeft de politie niets verteld.", {NOT_REPORTED}),
    ("Hij heeft bij de politie nooit aangifte gedaan.", {NOT_REPORTED}),
    ("ik ben nog niet naar de politie geweest", {NOT_REPORTED}),
    ("Mijn cliënt wil graag aangifte doen.", {WANTS}),
    ("ik ga morgen aangifte doen", {WANTS}),
    ("Ze is bereid een verklaring af te leggen.", {WANTS}),
    ("Hij weigert mee te werken met de politie.", {DOES_NOT_WANT}),
    ("Ze wil absoluut geen aangifte doen.", {DOES_NOT_WANT, NOT_REPORTED}),
    ("Ik durf niet naar de politie.", {DOES_NOT_WANT}),
    ("Cliënte ziet af van aangifte.", {DOES_NOT_WANT}),
    ("Hij zegt dat hij niet wil meewerken met de politie.", {DOES_NOT_WANT}),
    ("Ze twijfelt of ze aangifte wil doen.", {UNDECIDED}),
    ("Ik denk nog na over aangifte.", {UNDECIDED}),
    ("Cliënte overweegt aangifte te doen.", {UNDECIDED}),
    # de situatie
    ("Ik ben ontsnapt.", {LEFT}),
    ("Ze is twee weken geleden weggelopen.", {LEFT}),
    ("Ze is inmiddels uit de uitbuitingssituatie.", {LEFT}),
    ("Ze werkt niet meer voor de pooier.", {LEFT}),
    ("Hij werkt nog steeds voor de baas.", {STILL_IN}),
    ("ik woon nog bij hem", {STILL_IN}),
    ("Ze zit er nog in.", {STILL_IN}),
    # belemmeringen
    ("Ze lijdt aan ernstige PTSS.", {MEDICAL}),
    ("Hij is opgenomen in een psychiatrische kliniek.", {MEDICAL}),
    ("Cliënte is psychisch niet in staat om een verklaring af te leggen.", {MEDICAL}),
    ("De mensenhandelaars bedreigen haar kinderen.", {THREAT}),
    ("ik word nog steeds bedreigd", {THREAT}),
    ("Ze is bang voor represailles.", {THREAT}),
    ("Ze is goed in staat om een verklaring af te leggen.", {NO_OBSTACLE}),
    # de strafzaak
    ("Er loopt geen strafzaak.", {NO_CASE}),
    ("De politie onderzoekt de zaak.", {INVESTIGATION}),
    ("De verdachten worden vervolgd.", {PROSECUTION}),
    ("De zaak ligt nu bij de rechter.", {PROSECUTION}),
    ("Het OM heeft besloten niet te vervolgen.", {DISMISSED}),
    ("Ze heeft aangifte gedaan, maar de zaak is geseponeerd.", {REPORTED, DISMISSED}),
    ("De daders zijn veroordeeld en de uitspraak is onherroepelijk.", {CONVICTED}),
    # asiel, terugkeer, Dublin
    ("Ik heb asiel aangevraagd in Ter Apel.", {ASYLUM_APPLIED}),
    ("Hij zit in de asielprocedure.", {ASYLUM_APPLIED}),
    ("Ze overweegt asiel aan te vragen.", {ASYLUM_CONSIDERING}),
    ("Hij heeft nooit asiel gevraagd.", {NO_ASYLUM}),
    ("Ze is bang voor genitale verminking bij terugkeer.", {RETURN_RISK}),
    ("Haar dochter wordt besneden als ze terug moeten.", {RETURN_RISK}),
    ("Haar vingerafdrukken zijn in Griekenland genomen.", {DUBLIN}),
    ("In Italië zijn haar vingerafdrukken afgenomen.", {DUBLIN}),
    ("Ze is nergens anders geregistreerd.", {NO_DUBLIN}),
    # vergunning en veiligheid
    ("Ik heb geen verblijfsvergunning.", {NO_PERMIT}),
    ("Ze heeft geen B8.3-vergunning gekregen.", {NO_PERMIT}),
    ("Cliënte heeft inmiddels een B8.3-vergunning.", {PERMIT_HELD}),
    ("Ik voel me nu veilig.", {SAFE}),
    ("Ze is niet meer in gevaar.", {SAFE}),
    ("Ze zit veilig in de opvang.", {SAFE}),
    # lange beschrijvingen
    ("Cliënte (Nigeria, 24) is sinds drie maanden uit de uitbuiting, heeft geen aangifte gedaan en wil dat "
     "ook niet, geen asiel, nu veilig.", {LEFT, NOT_REPORTED, NO_ASYLUM, SAFE}),
    ("Eritrese man, 31, werkt nog voor de werkgever, wordt bedreigd, twijfelt over aangifte, geen asiel.",
     {STILL_IN, THREAT, UNDECIDED, NO_ASYLUM}),
]

DUTCH_NOTHING = [
    "Is het veilig om hier te chatten?",
    "Is deze chat veilig?",
    "Wat als ze aangifte doet?",
    "Als ik aangifte doe, word ik dan uitgezet?",
    "Moet ik aangifte doen?",
    "Kan ze een vergunning krijgen zonder aangifte?",
    "Het maakt uit of ze aangifte heeft gedaan.",
    "Ik ben niet veilig.",
    "Ik voel me hier niet veilig.",
    "Is ze nu veilig?",
    "Ze is niet meer veilig in de opvang.",
    "Ik wil veilig zijn.",
    "Ze is van huis weggelopen toen ze vijftien was.",
    "Ze is uit Eritrea gevlucht.",
    "Ze heeft geen PTSS.",
    "Niemand bedreigt haar familie.",
    "Ze werd bedreigd en geslagen door haar madam.",
    "Er is geen risico op besnijdenis.",
    "De veroordeling is nog niet onherroepelijk.",
    "Als de zaak wordt geseponeerd, vervalt dan haar vergunning?",
    "Ze is niet geregistreerd in Italië.",
    "Is Dublin van toepassing?",
    "Ze heeft in Italië asiel aangevraagd.",
    "Haar asielaanvraag is afgewezen.",
    "Het bordeel had geen vergunning.",
    "Hij is veroordeeld voor drugssmokkel.",
    "Ze zit in de opvang.",
    "Heb je al aangifte gedaan?",
    "Ben je nog in de situatie?",
    "Wat gebeurt er na een sepot?",
    "Ze bedreigen me niet.",
    "Ik woon nog in het huis van mijn ouders.",
    "Er is geen onderzoek gedaan naar haar leeftijd.",
    "De baas heeft aangifte gedaan tegen haar.",
    "Ze heeft aangifte gedaan van diefstal van haar paspoort.",
    "Wat je hier schrijft, is geen aangifte.",
    "Ze heeft nergens anders asiel gevraagd.",
]

# Messages that may state something, but never this.
NEVER = [
    ("I don't know if I should report", WANTS),
    ("I don't know if I should report", REPORTED),
    ("Ik weet niet of ik aangifte moet doen.", WANTS),
    ("Ik weet niet of ik aangifte moet doen.", REPORTED),
    ("She is not safe now, but she wants to report.", SAFE),
    ("Ze is nu niet veilig, maar wil wel aangifte doen.", SAFE),
    ("She has never had a B8.3 permit.", PERMIT_HELD),
    ("She did not escape, she is still with the trafficker.", LEFT),
    ("Nobody threatens her family, but she has PTSD.", THREAT),
    ("Client came via Italy, where she applied for asylum in 2018.", ASYLUM_APPLIED),
    ("Cliënte kwam via Italië, waar ze asiel heeft aangevraagd.", ASYLUM_APPLIED),
    ("The trafficker was not convicted.", CONVICTED),
    ("She has not been fingerprinted in Italy.", DUBLIN),
    ("Ze is niet bang voor besnijdenis.", RETURN_RISK),
    ("She was willing to give a statement, but the police refused to take it.", WANTS),
    ("My client has not filed an asylum application.", ASYLUM_APPLIED),
    ("what if he does not want to report", WANTS),
    ("Krijgt ze bedenktijd als ze nog twijfelt over aangifte?", UNDECIDED),
    ("Ze heeft geen B8.3-vergunning gekregen.", PERMIT_HELD),
]


def pairs(text):
    return {(e["entity"], e["role"]) for e in find(text)}


@pytest.mark.parametrize("text, expected", ENGLISH, ids=[text[:50] for text, _ in ENGLISH])
def test_english_statements(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize("text, expected", DUTCH, ids=[text[:50] for text, _ in DUTCH])
def test_dutch_statements(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize("text", ENGLISH_NOTHING + DUTCH_NOTHING)
def test_questions_hypotheticals_and_negations_state_nothing(text):
    assert pairs(text) == set()


@pytest.mark.parametrize("text, pair", NEVER, ids=[f"{text[:40]}-{pair[1]}" for text, pair in NEVER])
def test_never_this_statement(text, pair):
    assert pair not in pairs(text)


@pytest.mark.parametrize("text, values", [
    ("No report so far. She is safe now and has no permit.", ["No report so far", "She is safe", "has no permit"]),
    ("Nog geen aangifte. Ze is nu veilig en heeft geen vergunning.",
     ["Nog geen aangifte", "Ze is nu veilig", "geen vergunning"]),
    ("She won't report; she's safe now.", ["She won't report", "she's safe"]),
    ("Ze heeft een B8.3-vergunning, maar wil géén aangifte doen.",
     ["Ze heeft een B8.3-vergunning", "wil géén aangifte doen", "géén aangifte"]),
])
def test_values_are_the_words_as_written(text, values):
    found = find(text)
    assert all(text[e["start"]:e["end"]] == e["value"] for e in found)
    assert sorted(e["value"] for e in found) == sorted(values)


def test_the_phrase_lists_are_of_both_languages_and_every_role():
    import yaml

    from bot.nlp.statements import DATA_FILE

    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    roles = {"report": {"reported", "not_reported", "wants", "does_not_want", "undecided"},
             "situation": {"still_in", "left"}, "obstacle": {"medical", "threat", "none"},
             "case": {"none", "investigation", "prosecution", "dismissed", "convicted"},
             "asylum": {"applied", "considering", "no"}, "return_risk": {"yes"}, "dublin": {"yes", "no"},
             "permit": {"none", "held"}, "safety": {"safe"}}
    for language in ("en", "nl"):
        lists = data[language]
        assert lists["not"], language
        assert {entity: set(map(str, lists[entity])) for entity in roles} == roles, language
        assert all(lists[entity][role] for entity in roles for role in lists[entity]), language
