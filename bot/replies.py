"""The bot's messages, built from the locale files: each a dict of `text`, `buttons` and/or
`custom` (CONTRACT.md §2), ready for Rasa's dispatcher. Pure: no Rasa, no I/O but data."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.dialogue import Change
from bot.render import reason_dates, render, sources
from bot.rules import Assessment
from bot.rules.data import load
from bot.texts import t

Message = dict[str, Any]
DATA = Path(__file__).parent / "data"
CONTACTS = load("contacts", DATA)["contacts"]
ANSWERS = load("answers", DATA)

# Button choices per fact: (label key under dialogue.option, payload). Choices that stand
# for a range send a value inside it (in months, as the duration entity does); the rules
# only compare with the thresholds 1 and 3 years and 3 months.
_YES_NO = [("yes", "/affirm"), ("no", "/deny")]


def _entity(name: str, value: Any) -> str:
    return "/inform" + json.dumps({name: value}, separators=(",", ":"))


CHOICES: dict[str, list[tuple[str, str]]] = {
    "citizenship": [(f"citizenship.{v}", _entity("citizenship", v)) for v in ("dutch", "eu", "non_eu")],
    "case_status": [(f"case_status.{v}", _entity("case", v))
                    for v in ("investigation", "prosecution", "dismissed", "convicted", "none")],
    "wants_to_report": [("wants_to_report.yes", _entity("report", "wants")),
                        ("wants_to_report.no", _entity("report", "does_not_want")),
                        ("wants_to_report.undecided", _entity("report", "undecided"))],
    "cannot_cooperate": [(f"cannot_cooperate.{v}", _entity("obstacle", v)) for v in ("medical", "threat", "none")],
    "asylum": [(f"asylum.{v}", _entity("asylum", v)) for v in ("no", "considering", "applied")],
    "months_since_exit": [("months_since_exit.under_one", _entity("duration", 0.5)),
                          ("months_since_exit.one_to_three", _entity("duration", 2)),
                          ("months_since_exit.over_three", _entity("duration", 4))],
    "permit_years": [("permit_years.none", "/deny"),
                     ("permit_years.under_one", _entity("duration", 6)),
                     ("permit_years.one_to_three", _entity("duration", 24)),
                     ("permit_years.three_or_more", _entity("duration", 36))],
    "case_years": [("case_years.up_to_three", _entity("duration", 36)),
                   ("case_years.over_three", _entity("duration", 42))],
    "nationality": [],
    "age": [],
}
_ALWAYS = [("dont_know", "/dont_know"), ("rather_not_say", "/rather_not_say")]


def text(key: str, language: str, audience: str | None = None, **values: Any) -> Message:
    return {"text": t(f"dialogue.{key}" + (f".{audience}" if audience else ""), language, **values)}


def question(fact: str, language: str, audience: str) -> list[Message]:
    choices = CHOICES.get(fact, _YES_NO) + _ALWAYS
    options = [{"title": t(f"dialogue.option.{label}", language), "payload": payload} for label, payload in choices]
    return [
        {"text": t(f"dialogue.question.{fact}.{audience}", language), "buttons": options},
        {"custom": {"type": "question", "fact": fact, "options": options}},
    ]


def questions_all(facts: list[str], language: str) -> list[Message]:
    """Every missing fact at once, for a professional: one numbered list, and a `question`
    payload per fact (CONTRACT.md §2) so that a client can offer the choices."""
    lines = [t("dialogue.questions_all", language)]
    lines += [f"{number}. {t(f'dialogue.question.{fact}.professional', language)}" for number, fact in enumerate(facts, 1)]
    return [{"text": "\n".join(lines)}, *(message for fact in facts for message in question(fact, language, "professional")
                                          if "custom" in message)]


def what_if(changed: dict[str, Any], found: list[Change], language: str, audience: str) -> list[Message]:
    """What would change, route by route, if `changed` were so; the facts stay as they are."""
    if not changed:
        return [text("what_if.none", language, audience)]
    facts = "; ".join(f"{t(f'fact.{name}.{audience}', language)}: {fact_value(name, value, language)}"
                      for name, value in changed.items())
    payload = {"custom": {"type": "what_if", "facts": changed, "changes": [change._asdict() for change in found]}}
    if not found:
        return [text("what_if.same", language, audience, facts=facts), payload, text("what_if.kept", language, audience)]
    lines = [t(f"dialogue.what_if.intro.{audience}", language, facts=facts)]
    since = reason_dates(language)
    for change in found:
        lines.append(t("dialogue.what_if.line", language, route=t(f"route.{change.code}.title", language),
                       before=t(f"status.{change.before}.short", language),
                       after=t(f"status.{change.after}.short", language)))
        lines += [f"  + {t(f'reason.{key}.{audience}', language, since=since.get(key, ''))}" for key in change.reasons_added]
    return [{"text": "\n".join(lines)}, payload, text("what_if.kept", language, audience)]


def contact_list(language: str, urgent_only: bool = False) -> list[dict[str, Any]]:
    """The help contacts in `language`: 112 first; a number only where it is confirmed."""
    listed = []
    for contact in CONTACTS:
        if urgent_only and not contact.get("urgent"):
            continue
        entry = {key: contact[key] for key in ("id", "phone", "phone_abroad", "email", "urgent") if key in contact}
        entry["name"] = t(f"contact.{contact['id']}.name", language)
        entry["what"] = t(f"contact.{contact['id']}.what", language)
        if contact.get("hours"):
            entry["hours"] = t(f"contact.{contact['id']}.hours", language)
        listed.append(entry)
    return listed


def contacts(language: str, urgent_only: bool = False, audience: str | None = None) -> Message:
    lines = [t(f"dialogue.contacts_intro.{audience}", language)] if audience else []
    for contact in contact_list(language, urgent_only):
        lines.append(f"{contact['name']}: {reach(contact, language)}. {contact['what']}")
    return {"text": "\n".join(lines)}


def reach(contact: dict[str, Any], language: str) -> str:
    """How to reach a contact of contact_list(): phone, from abroad, e-mail, hours."""
    ways = [contact[key] for key in ("phone", "email") if key in contact]
    if "phone_abroad" in contact:
        ways.insert(1, t("contact.from_abroad", language, phone=contact["phone_abroad"]))
    if "hours" in contact:
        ways.append(contact["hours"])
    return ", ".join(ways) or t("contact.not_confirmed", language)


def emergency(language: str, audience: str, unsure: bool = False) -> list[Message]:
    """112 and the urgent contacts: for danger, or (`unsure`) for one who cannot say
    whether they are in danger, what to do if so."""
    return [text("danger_unsure" if unsure else "emergency", language, audience), contacts(language, urgent_only=True)]


def answer(intent: str, language: str, audience: str) -> list[Message]:
    entry = ANSWERS[intent]
    messages = [text_of(f"answer.{entry['topic']}.{audience}", language)]
    if entry["sources"]:
        shown = sources(entry["sources"], language)
        messages.append({"custom": {"type": "sources", "sources": shown}})
        if audience == "professional":
            messages.append(text("sources", language, cites="; ".join(source["label"] for source in shown)))
    if entry.get("contacts"):
        messages.append(contacts(language, audience=audience))
    return messages


def text_of(key: str, language: str) -> Message:
    return {"text": t(key, language)}


def assessment(result: Assessment, language: str, audience: str, cards: bool = False) -> list[Message]:
    """The assessment: the routes in order, what each means, the contacts, the disclaimer.

    The `assessment` payload carries all of it, rendered (CONTRACT.md §2, plus texts); a
    client that draws cards from it (`cards`, the web chat) gets no repeat in plain text."""
    rendered = render(result, language, audience)
    payload = {"type": "assessment", **result.to_dict(), "routes": [
        {**route.to_dict(), "title": shown["title"], "status_text": shown["status_text"], "text": shown["text"],
         "reason_texts": shown["reasons"], "missing_texts": shown["missing"], "source_details": shown["sources"]}
        for route, shown in zip(result.routes, rendered["routes"])],
        "missing_texts": rendered["missing"], "contacts": contact_list(language),
        "disclaimer": rendered["disclaimer"], "language": language, "audience": audience}
    messages = [text("assessment_intro", language, audience), {"custom": payload}]
    if not cards:
        for route in rendered["routes"]:
            if audience == "victim" and route["status"] in ("not_needed", "not_applicable"):
                continue
            reasons = route["reasons"]
            if audience == "professional":   # with the condition keys that fired (RULES.md)
                reasons = [f"{reason} [{key}]" for reason, key in zip(reasons, result.route(route["code"]).reasons)]
            lines = [f"{route['title']}: {route['status_text']}", route["text"], *reasons]
            if audience == "professional" and route["sources"]:
                lines.append(t("dialogue.sources", language, cites="; ".join(s["label"] for s in route["sources"])))
            messages.append({"text": "\n".join(lines)})
        if rendered["missing"]:
            messages.append(text("unknown_facts_note", language, audience, facts="; ".join(rendered["missing"])))
        messages += [contacts(language, audience=audience), {"text": rendered["disclaimer"]}]
    return messages + [text("assessment_more", language, audience)]


def summary(result: Assessment, language: str, audience: str, asked_in: str, asked_by: str,
            cards: bool = False) -> list[Message]:
    """A summary to keep in `language` for `audience` (the person's handout, or the
    professional's summary), introduced in the conversation's language; as text too for a
    client that does not draw it from its payload."""
    from bot.summary import markdown

    written = markdown(result, language, audience)
    payload = {"custom": {"type": "summary", "language": language, "audience": audience, "markdown": written}}
    return [text("summary_intro", asked_in, asked_by), payload, *([] if cards else [{"text": written}])]


def facts_known(facts: dict[str, Any], language: str, audience: str) -> list[Message]:
    if not facts:
        return [text("facts_none", language, audience)]
    lines = [f"{t(f'fact.{name}.{audience}', language)}: {fact_value(name, value, language)}"
             for name, value in facts.items()]
    return [text("facts_intro", language, audience), {"text": "\n".join(lines)},
            {"custom": {"type": "facts", "facts": facts}}]


def fact_value(name: str, value: Any, language: str) -> str:
    """A fact's value in words: yes/no, the country's name, a choice's label, a number with its unit."""
    if value is True or value is False:
        return t(f"dialogue.{'yes' if value else 'no'}", language)
    if name == "nationality":
        from babel import Locale
        return t("dialogue.stateless", language) if value == "XX" else Locale.parse(language).territories.get(value, value)
    if name in CHOICES and isinstance(value, str):
        return t(f"dialogue.option.{name}.{value}", language)
    if name == "months_since_exit":
        return t("dialogue.unit.months", language, n=f"{value:g}")
    if name in ("case_years", "permit_years"):
        return t("dialogue.unit.years", language, n=f"{value:g}")
    return str(value)
