"""Rule-based extraction of facts (country, duration, age) from user messages.

`python -m bot.nlp.build` writes the spaCy pipeline; `bot.nlp.extract` uses it and
`bot.nlp.component` plugs it into a Rasa NLU pipeline. Kept import-free so that importing
the package does not pull in spaCy.
"""
