"""The web chat in a real browser: Debian's chromium, headless, driven by Playwright,
against the real Rasa server with the real model and action server."""
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 360, "height": 740}
EXIT_URL = "https://www.buienradar.nl/"


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, assistant):
    """A fresh browser context on a phone-sized screen. The neutral exit site is answered
    locally, so that no test ever reaches another host."""
    context = browser.new_context(viewport=PHONE, base_url=assistant.rasa_url)
    context.route(re.compile(r"^https://www\.buienradar\.nl/.*"),
                  lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weer</title>"))
    opened = context.new_page()
    opened.requests = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.console_errors = []
    opened.on("console", lambda message: message.type == "error" and opened.console_errors.append(message.text))
    yield opened
    context.close()


def choose(page, language):
    page.goto("/")
    page.locator(f"#languages button[lang={language}]").click()
    page.locator("#message-input").wait_for()


BOT = "#log .msg.bot, #log section.summary"


def bot_turn(page, previous):
    """Wait for the bot's answer: a new bot message, and the typing indicator off.
    (Locators, not wait_for_function: the page's CSP rightly forbids eval.)"""
    page.locator(BOT).nth(previous).wait_for(timeout=60000)
    page.locator("#typing.on").wait_for(state="hidden", timeout=60000)


def send(page, text):
    count = page.locator(BOT).count()
    page.fill("#message-input", text)
    page.press("#message-input", "Enter")
    bot_turn(page, count)


def click_choice(page, title):
    count = page.locator(BOT).count()
    page.locator("#log .choices button:not([disabled])", has_text=title).first.click()
    bot_turn(page, count)


def answer_until_cards(page, dont_know, limit=20):
    for _ in range(limit):
        if page.locator("#log .card").count():
            return
        click_choice(page, dont_know)
    pytest.fail("no assessment cards")


CONVERSATIONS = {
    "nl": ("Nee", "Ik ben 17 en kom uit Eritrea, ik ben vorige maand weggelopen", "Weet ik niet",
           ["Bescherming voor kinderen onder 18", "De politie, de IND en de rechter beslissen"]),
    "en": ("No", "I'm from Romania and I am 24", "I don't know",
           ["Help from the municipality", "The police, the IND and the courts decide"]),
}


@pytest.mark.parametrize("language", CONVERSATIONS)
def test_a_whole_conversation_to_the_assessment_cards(page, language):
    no, description, dont_know, expected = CONVERSATIONS[language]
    choose(page, language)
    assert page.evaluate("document.documentElement.lang") == language
    page.locator("#log .choices button").first.wait_for()
    click_choice(page, no)
    send(page, description)
    answer_until_cards(page, dont_know)
    assert page.locator("#log .card").count() >= 3
    text = page.locator("#log").inner_text()
    assert all(words in text for words in expected), text
    assert not page.console_errors, page.console_errors


def test_a_summary_to_keep_in_another_language(page):
    no, description, dont_know, _ = CONVERSATIONS["en"]
    choose(page, "en")
    page.locator("#log .choices button").first.wait_for()
    click_choice(page, no)
    send(page, description)
    answer_until_cards(page, dont_know)
    send(page, "can I have a handout in Dutch please?")
    kept = page.locator("#log section.summary.kept")
    kept.wait_for()
    assert kept.get_attribute("lang") == "nl"
    written = kept.locator("pre.markdown").inner_text()
    assert "112" in written and "De politie, de IND en de rechter beslissen" in written
    save = kept.locator("a.save")
    assert save.get_attribute("download") == "wegwijzer-nl.md" and save.get_attribute("href").startswith("blob:")
    with page.expect_download() as download:
        save.click()
    assert Path(download.value.path()).read_text(encoding="utf-8").strip() == written.strip()
    assert page.locator("#log section.summary.old").count() >= 1, "only the newest summary is printed"
    assert not page.console_errors, page.console_errors


def sent_ids(page):
    ids = []
    page.on("request", lambda request: "/chat/message" in request.url and ids.append(
        json.loads(request.post_data)["conversation_id"]))
    return ids


def forgotten(assistant, conversation):
    """The server has forgotten: the next message with that id starts a new conversation."""
    from tests.test_webchat_http import call
    _, _, body = call(assistant, "/chat/message", {"conversation_id": conversation, "message": "hallo",
                                                   "metadata": {"language": "nl"}})
    first = json.loads(body)["messages"][0]["text"]
    return first.startswith("Hallo")


@pytest.mark.parametrize("how", ["button", "keyboard"])
def test_quick_exit_replaces_the_page_and_the_server_forgets(page, assistant, how):
    ids = sent_ids(page)
    choose(page, "nl")
    page.locator("#log .choices button").first.wait_for()
    click_choice(page, "Nee")
    if how == "button":
        page.locator("#quick-exit").click()
    else:
        for _ in range(3):
            page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert urlparse(page.url).netloc != urlparse(assistant.rasa_url).netloc, "Back does not return to the chat"
    assert ids and forgotten(assistant, ids[-1])


def test_nothing_is_stored_and_nothing_is_loaded_from_elsewhere(page, assistant):
    choose(page, "en")
    page.locator("#log .choices button").first.wait_for()
    click_choice(page, "No")
    send(page, "I am from Nigeria")
    assert page.context.cookies() == []
    storage = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length,
        databases: (await indexedDB.databases()).length,
        workers: (await navigator.serviceWorker.getRegistrations()).length,
        caches: (await caches.keys()).length })""")
    assert storage == {"local": 0, "session": 0, "databases": 0, "workers": 0, "caches": 0}
    own = urlparse(assistant.rasa_url).netloc
    assert {urlparse(url).netloc for url in page.requests} == {own}, page.requests


def test_markup_typed_by_the_person_shows_as_text(page):
    choose(page, "en")
    page.locator("#log .choices button").first.wait_for()
    attack = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    send(page, attack)
    assert page.evaluate("window.__xss") is None
    assert attack in page.locator("#log").inner_text()
    assert page.locator("#log img").count() == 0 and page.locator("#log script").count() == 0


def test_markup_in_bot_text_shows_as_text(page):
    attack = '<img src=x onerror="window.__xss=1">'
    evil = {"messages": [
        {"text": attack, "buttons": [{"title": attack, "payload": "/deny"}]},
        {"custom": {"type": "assessment", "facts": {}, "disclaimer": attack, "language": "en", "audience": "victim",
                    "missing_texts": [], "contacts": [{"id": "emergency", "name": attack, "what": attack,
                                                        "phone": "112<img src=x>"}],
                    "routes": [{"code": "asylum", "status": "possible", "reasons": [], "missing": [],
                                "sources": [], "title": attack, "status_text": attack, "text": attack,
                                "reason_texts": [attack], "missing_texts": [],
                                "source_details": [{"cite": attack, "title": attack,
                                                    "url": "javascript:window.__xss=3"}]}]}}]}
    page.route("**/chat/message", lambda route: route.fulfill(status=200, content_type="application/json",
                                                              body=json.dumps(evil)))
    choose(page, "en")
    page.locator("#log .card").first.wait_for()
    assert page.evaluate("window.__xss") is None
    assert page.locator("#log img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert attack in page.locator("#log").inner_text()


def test_server_down_says_so_and_shows_the_help_contacts(page):
    page.route("**/chat/message", lambda route: route.abort())
    choose(page, "en")
    page.locator("#error").wait_for(state="visible", timeout=30000)
    box = page.locator("#error").inner_text()
    assert "112" in box and "0900 8844" in box


def test_a_long_message_is_refused_before_sending(page):
    choose(page, "en")
    page.locator("#log .choices button").first.wait_for()
    sent = []
    page.on("request", lambda request: "/chat/message" in request.url and sent.append(request))
    page.evaluate("document.getElementById('message-input').removeAttribute('maxlength')")
    page.fill("#message-input", "x" * 2001)
    page.press("#message-input", "Enter")
    page.locator("#input-error").wait_for(state="visible")
    assert "2000" in page.locator("#input-error").inner_text() and not sent


def test_help_contacts_are_one_tap_away(page):
    choose(page, "nl")
    page.locator("#help-button").click()
    panel = page.locator("#help-panel")
    assert panel.is_visible()
    assert panel.locator("a[href='tel:112']").count() >= 1
    page.keyboard.press("Escape")
    assert not panel.is_visible()


def test_keyboard_only_to_the_first_answer(page):
    page.goto("/")
    page.locator("#languages button").first.wait_for()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#languages') !== null"):
            break
    page.keyboard.press("Enter")
    page.locator("#log .choices button").first.wait_for()
    assert page.evaluate("document.activeElement.id") == "message-input", "focus goes to the input"
    count = page.locator(BOT).count()
    page.keyboard.type("I am from Nigeria")
    page.keyboard.press("Enter")
    bot_turn(page, count)
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.closest('.choices') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('.choices') !== null"), "the choices can be reached"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"


@pytest.mark.parametrize("stage", ["start", "assessment"])
def test_no_serious_accessibility_violations(browser, assistant, stage):
    context = browser.new_context(viewport=PHONE, base_url=assistant.rasa_url, bypass_csp=True)
    page = context.new_page()
    try:
        if stage == "start":
            page.goto("/")
            page.locator("#languages button").first.wait_for()
        else:
            choose(page, "en")
            page.locator("#log .choices button").first.wait_for()
            click_choice(page, "No")
            send(page, "I'm from Romania and I am 24")
            answer_until_cards(page, "I don't know")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, serious
    finally:
        context.close()
