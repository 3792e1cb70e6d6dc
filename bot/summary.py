"""A summary of an assessment to keep: as Markdown, or as a printable HTML page.

    markdown(assessment, "en", "professional")   # the lawyer's summary, with the legal basis
    html(assessment, "en", "victim")             # the person's handout, in plain language

Any available language, whatever the language of the conversation; every word from the
locale files (summary, route, status, reason, fact, source, contact, disclaimer). Pure: no
I/O, no clock, nothing stored. The handout leaves out citations and condition keys.

Both formats are drawn from one list of blocks, so they cannot say different things.
"""
from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Iterator, NamedTuple

from bot.render import long_date, render
from bot.replies import contact_list, fact_value, reach
from bot.rules import Assessment
from bot.texts import t

# For the handout these routes get one line; the rest are shown in full.
BRIEF = ("not_needed", "not_applicable")


class Span(NamedTuple):
    text: str
    style: str = ""   # "", "strong" or "code"
    url: str = ""     # a link


class Block(NamedTuple):
    kind: str                          # "h1", "h2", "h3", "p" or "ul"
    lines: tuple[tuple[Span, ...], ...]
    css: str = ""                      # a class for the page's style


def _block(kind: str, *lines: tuple[Span, ...] | str, css: str = "") -> Block:
    return Block(kind, tuple((Span(line),) if isinstance(line, str) else line for line in lines), css)


def blocks(assessment: Assessment, language: str, audience: str) -> Iterator[Block]:
    """The summary, in order: title, date of the rules, facts, routes, missing facts,
    contacts (112 first), disclaimer."""
    shown = render(assessment, language, audience)   # checks the language and the audience
    victim = audience == "victim"

    def say(key: str, **values: str) -> str:
        return t(f"summary.{key}.{audience}", language, **values)

    yield _block("h1", say("title"))
    yield _block("p", say("rules_date", date=long_date(assessment.on, language)), css="date")

    yield _block("h2", say("facts"))
    facts = {name: value for name, value in assessment.facts.items() if value is not None}
    yield _block("ul", *[_labelled(_capital(t(f"fact.{name}.{audience}", language)), fact_value(name, value, language))
                         for name, value in facts.items()]) if facts else _block("p", say("no_facts"))

    yield _block("h2", say("routes"))
    brief = []
    for route, texts in zip(assessment.routes, shown["routes"]):
        # The handout keeps "Are you in danger now? Call 112" in full whatever its status.
        if victim and route.status in BRIEF and route.code != "emergency":
            brief.append(_labelled(texts["title"], texts["status_text"]))
            continue
        yield _block("h3", texts["title"])
        if not (victim and route.code == "emergency" and route.status in BRIEF):
            yield _block("p", (Span(texts["status_text"], "strong"),), css=f"status {route.status}")
        yield _block("p", texts["text"])
        if victim:
            if texts["reasons"]:
                yield _block("p", _labelled(say("reasons"), " ".join(texts["reasons"])))
        elif texts["reasons"]:
            yield _block("p", (Span(say("reasons"), "strong"),))
            yield _block("ul", *[(Span(text + " "), Span(key, "code"))
                                 for text, key in zip(texts["reasons"], route.reasons)])
        if texts["missing"]:
            yield _block("p", _labelled(say("would_change"), "; ".join(texts["missing"])))
        if not victim and texts["sources"]:
            yield _block("p", (Span(t("summary.sources", language), "strong"),))
            yield _block("ul", *[(Span(source["label"], url=source.get("url", "")), Span(": " + source["title"]))
                                 for source in texts["sources"]], css="sources")
    if brief:
        yield _block("h2", t("summary.other_routes", language))
        yield _block("ul", *brief)

    if not victim and shown["missing"]:
        yield _block("h2", t("summary.missing", language))
        yield _block("ul", *shown["missing"])

    yield _block("h2", say("contacts"))
    yield _block("ul", *[_labelled(contact["name"], f"{reach(contact, language)}. {contact['what']}")
                         for contact in contact_list(language)], css="contacts")
    yield _block("p", shown["disclaimer"], css="disclaimer")


def markdown(assessment: Assessment, language: str, audience: str) -> str:
    out = []
    for block in blocks(assessment, language, audience):
        lines = ["".join(map(_markdown_span, line)) for line in block.lines]
        if block.kind == "ul":
            out.append("\n".join(f"- {line}" for line in lines))
        elif block.kind == "p":
            out.append("\n".join(lines))
        else:
            out.append("#" * int(block.kind[1]) + " " + lines[0])
    return "\n\n".join(out) + "\n"


def _labelled(label: str, text: str) -> tuple[Span, ...]:
    return Span(label, "strong"), Span(": " + text)


def _markdown_span(span: Span) -> str:
    text = {"strong": f"**{span.text}**", "code": f"`{span.text}`"}.get(span.style, span.text)
    return f"[{text}]({span.url})" if span.url else text


CSS = """
body { font: 1rem/1.5 system-ui, sans-serif; color: #111; background: #fff; margin: 0 auto; padding: 1rem;
       max-width: 44rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; border-bottom: 2px solid #111; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .25rem; }
p, ul { margin: .25rem 0 .75rem; }
.date { color: #444; }
.status { margin: 0; }
.status.applies { color: #0b5e1a; }
.status.unknown, .status.not_yet { color: #7a4b00; }
code { font-size: .9em; background: #eee; padding: 0 .2em; }
a { color: #0b4ea2; }
.disclaimer { margin-top: 2rem; padding: .75rem; border: 2px solid #111; font-weight: 600; }
@media print {
  body { font-size: 11pt; max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  li, .disclaimer { break-inside: avoid; }
  a { color: #111; text-decoration: none; }
  .sources a::after { content: " (" attr(href) ")"; font-size: .85em; word-break: break-all; }
  code { background: none; }
}
"""

# For a server that sends the page: it needs nothing but its own inline style.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'sha256-"
                           + base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
                           + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def html(assessment: Assessment, language: str, audience: str) -> str:
    """A complete page: no script, nothing loaded from anywhere, every text escaped."""
    body, title = [], ""
    for block in blocks(assessment, language, audience):
        css = f' class="{escape(block.css)}"' if block.css else ""
        lines = ["".join(map(_html_span, line)) for line in block.lines]
        if block.kind == "ul":
            body.append(f"<ul{css}>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")
        else:
            body.append(f"<{block.kind}{css}>{'<br/>'.join(lines)}</{block.kind}>")
        if block.kind == "h1":
            title = lines[0]
    return (f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8"/>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _html_span(span: Span) -> str:
    text = escape(span.text)
    if span.style:
        text = f"<{span.style}>{text}</{span.style}>"
    return f'<a href="{escape(span.url)}">{text}</a>' if span.url else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
