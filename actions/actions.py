"""Custom actions: thin. They turn slots and the latest message into facts, call
bot.rules.assess, and send the messages bot.replies builds from the locale files."""
from __future__ import annotations

from typing import Any, Iterable

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, Restarted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import replies
from bot.dialogue import changes, danger_left_open, merge, next_question, questions, read_message
from bot.language import choose, supported, warm_up
from bot.rules import InvalidFacts, assess

PROFESSIONAL, VICTIM = "professional", "victim"
SUMMARY_INTENTS = {"ask_summary": None, "ask_handout": VICTIM}   # the audience a summary is written for

warm_up()   # load the language detector when the action server starts, not on a first message


class Context:
    """Language and audience of the conversation, and the slots that hold its state."""

    def __init__(self, tracker: Tracker):
        message = tracker.latest_message or {}
        metadata = {**(tracker.get_slot("session_started_metadata") or {}), **(message.get("metadata") or {})}
        self.intent = (message.get("intent") or {}).get("name")
        self.text = message.get("text") or ""
        self.entities = message.get("entities") or []
        self.requested = tracker.get_slot("requested_fact")
        self.reading = read_message(self.intent, self.entities, self.text, self.requested)
        self.old_language = tracker.get_slot("language")
        # "a handout in English" names the language of the summary, not of the conversation
        named = self.reading.language
        self.summary_language = named if self.intent in SUMMARY_INTENTS else None
        chosen = None if self.intent in SUMMARY_INTENTS else named
        self.language = choose(metadata.get("language") or chosen, self.old_language, self.text)
        # A role the message itself names; else the conversation's (the session's metadata
        # set it at the start, "I'm a lawyer" may have changed it since).
        named_role = (message.get("metadata") or {}).get("role")
        role = named_role if named_role in (VICTIM, PROFESSIONAL) else tracker.get_slot("role")
        self.old_role = tracker.get_slot("role")
        self.audience = PROFESSIONAL if self.reading.professional else (role or VICTIM)
        self.facts = dict(tracker.get_slot("facts") or {})
        self.declined = list(tracker.get_slot("declined") or [])
        self.welcomed = bool(tracker.get_slot("welcomed"))
        self.reasked = tracker.get_slot("reasked")
        self.assessed = bool(tracker.get_slot("assessed"))
        self.asked = list(tracker.get_slot("asked") or [])   # facts a professional was asked at once
        self.cards = metadata.get("client") == "webchat"   # draws the assessment from its payload

    def events(self) -> list[EventType]:
        return [SlotSet("language", self.language), SlotSet("role", self.audience)]


def send(dispatcher: CollectingDispatcher, messages: Iterable[dict[str, Any]]) -> None:
    for message in messages:
        if "custom" in message:
            dispatcher.utter_message(json_message=message["custom"])
        else:
            dispatcher.utter_message(text=message["text"], buttons=message.get("buttons") or [])


def assess_known(facts: dict[str, Any]):
    """Assess the facts; a fact the rules refuse in this combination (a citizenship that
    disagrees with the nationality) is dropped, so that the person can correct it."""
    while True:
        try:
            return facts, assess(facts)
        except InvalidFacts as error:
            if error.fact not in facts:
                raise
            facts = {name: value for name, value in facts.items() if name != error.fact}


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher, tracker, domain):
        metadata = tracker.get_slot("session_started_metadata") or {}
        events: list[EventType] = [SessionStarted()]
        if supported(metadata.get("language")):
            events.append(SlotSet("language", metadata["language"]))
        if metadata.get("role") in (VICTIM, PROFESSIONAL):
            events.append(SlotSet("role", metadata["role"]))
        return events + [ActionExecuted("action_listen")]


class ActionNextStep(Action):
    """Takes in what the person said, then asks the next question or gives the assessment."""

    def name(self) -> str:
        return "action_next_step"

    async def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        language, audience, reading = ctx.language, ctx.audience, ctx.reading
        facts, result = assess_known(merge(ctx.facts, reading.facts))
        declined = [fact for fact in dict.fromkeys(ctx.declined + list(reading.declined)) if fact not in facts]
        messages: list[dict[str, Any]] = []
        if not ctx.welcomed:
            messages.append(replies.text("welcome", language, audience))
        elif reading.language and language != ctx.old_language:
            messages.append(replies.text("language_changed", language))
        if reading.professional and ctx.old_role != PROFESSIONAL:
            messages.append(replies.text("professional_mode", language))

        requested, reasked, asked = None, None, []
        assessed = ctx.assessed
        learnt = any(ctx.facts.get(k) != v for k, v in reading.facts.items())
        # Danger first; one who cannot say whether they are in danger is told what to do if so.
        if reading.facts.get("in_danger"):
            messages += replies.emergency(language, audience)
        elif audience == PROFESSIONAL:
            # All missing facts at once; what the answer leaves out stays unknown (not asked twice).
            declined += [fact for fact in ctx.asked if fact not in facts and fact not in declined]
            if danger_left_open(declined, ctx.declined):
                messages += replies.emergency(language, audience, unsure=True)
            asked = questions(result.facts, declined, result.missing)
            if asked:
                messages += replies.questions_all(asked, language)
                requested = asked[0] if len(asked) == 1 else None   # a bare "yes" answers only one question
            elif learnt or not assessed or ctx.asked or reading.declined:
                messages += replies.assessment(result, language, audience, cards=ctx.cards)
                assessed = True
            elif ctx.intent not in replies.ANSWERS:
                messages.append(replies.text("anything_else", language, audience))
        else:
            requested = next_question(result.facts, declined, result.missing)
            unanswered = requested == ctx.requested and not learnt and ctx.intent not in replies.ANSWERS
            if unanswered and ctx.reasked == requested:
                # Not understood twice: take it as "I don't know" rather than ask a third time.
                declined.append(requested)
                requested = next_question(result.facts, declined, result.missing)
            if requested:
                if danger_left_open(declined, ctx.declined):
                    messages += replies.emergency(language, audience, unsure=True)
                elif reading.declined or (unanswered and ctx.reasked == ctx.requested):
                    messages.append(replies.text("declined_ok", language, audience))
                elif unanswered:
                    messages.append(replies.text("not_understood", language, audience))
                    reasked = requested
                messages += replies.question(requested, language, audience)
            elif learnt or not assessed or reading.declined:
                messages += replies.assessment(result, language, audience, cards=ctx.cards)
                assessed = True
            elif ctx.intent not in replies.ANSWERS:
                messages.append(replies.text("anything_else", language, audience))
        send(dispatcher, messages)
        return ctx.events() + [
            SlotSet("facts", facts), SlotSet("declined", declined), SlotSet("requested_fact", requested),
            SlotSet("assessed", assessed), SlotSet("welcomed", True), SlotSet("reasked", reasked),
            SlotSet("asked", asked),
        ]


class ActionAnswer(Action):
    """Answers a question asked at any moment (bot/data/answers.toml)."""

    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        messages = [] if ctx.welcomed else [replies.text("welcome", ctx.language, ctx.audience)]
        send(dispatcher, messages + replies.answer(ctx.intent, ctx.language, ctx.audience))
        return ctx.events() + [SlotSet("welcomed", True)]


class ActionWhatIf(Action):
    """"What if she reports?": the assessment with that fact changed, compared route by
    route with the current one. The facts on record stay as they are."""

    def name(self) -> str:
        return "action_what_if"

    async def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        changed = {fact: value for fact, value in ctx.reading.facts.items() if ctx.facts.get(fact) != value}
        _, before = assess_known(ctx.facts)
        supposed, after = assess_known(merge(ctx.facts, changed))
        changed = {fact: value for fact, value in changed.items() if fact in supposed}
        send(dispatcher, replies.what_if(changed, changes(before, after), ctx.language, ctx.audience))
        return ctx.events()


class ActionSummary(Action):
    """A summary to keep, in the language asked for ("a handout in English") or the
    conversation's: for a professional with the legal basis, for the person in plain words."""

    def name(self) -> str:
        return "action_summary"

    async def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        _, result = assess_known(ctx.facts)
        audience = SUMMARY_INTENTS.get(ctx.intent) or ctx.audience
        language = supported(ctx.summary_language) or ctx.language
        unavailable = ctx.summary_language is not None and language != ctx.summary_language
        messages = [replies.text("summary_not_in_language", ctx.language, ctx.audience)] if unavailable else []
        send(dispatcher, messages + replies.summary(result, language, audience, ctx.language, ctx.audience,
                                                    cards=ctx.cards))
        return ctx.events()


class ActionShowFacts(Action):
    def name(self) -> str:
        return "action_show_facts"

    async def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        send(dispatcher, replies.facts_known(ctx.facts, ctx.language, ctx.audience))
        return ctx.events()


class ActionForget(Action):
    """"Stop": the conversation is forgotten; `forget_me` asks the channel to delete the
    stored conversation too (bot/channels)."""

    def name(self) -> str:
        return "action_forget"

    async def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        send(dispatcher, [replies.text("forgotten", ctx.language, ctx.audience)])
        return [Restarted(), SlotSet("forget_me", True)]


class ActionStartOver(Action):
    def name(self) -> str:
        return "action_start_over"

    async def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        first = next_question({}, [], assess({}).missing)
        send(dispatcher, [replies.text("start_over", ctx.language, ctx.audience),
                          *replies.question(first, ctx.language, ctx.audience)])
        return [Restarted(), *ctx.events(), SlotSet("welcomed", True), SlotSet("requested_fact", first)]
