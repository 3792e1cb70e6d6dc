"""Logs without what people write (config/logging.yml, used by both servers).

Levels keep message text out of most records; this filter handles the rest: a traceback
carries exception messages (an action server's error reply quotes the whole conversation)
and Rasa's structured logs add the local variables of every frame. The exception's type
stays, so a failure is still reported.
"""
from __future__ import annotations

import logging


class Private(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"{record.msg} [{exception_types(record.exc_info[1])}]"
            record.args = None          # arguments may quote a request; the template does not
            record.exc_info = record.exc_text = None
        record.stack_info = None
        return True


def exception_types(error: BaseException) -> str:
    """'RasaException <- ClientResponseError': the chain of causes, by type only."""
    names = []
    while error is not None and len(names) < 5:
        names.append(type(error).__name__)
        error = error.__cause__ or error.__context__
    return " <- ".join(names)
