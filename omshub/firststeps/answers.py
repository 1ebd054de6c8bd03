"""The letter form's answers, kept in the parent's session between the form, the letter and the PDF.

Redirecting after the form is sent means the browser's Back button never offers to send it
again; the answers wait here (never in a URL), for a short while only, and no letter is saved.
"""

import time
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "firststeps_letter_answers"
KEEP_FOR_SECONDS = 2 * 60 * 60  # long enough to print and come back; a shared phone forgets soon
clock = time.time  # replaced in tests
VERSION = 2  # raise when the form's fields change: answers kept by an older form are dropped


def answers_keep(session: SessionBase, answers: dict[str, Any]) -> None:
    session[SESSION_KEY] = {"answers": answers, "kept_at": clock(), "version": VERSION}


def answers_get(session: SessionBase) -> dict[str, Any] | None:
    """The kept answers, or None when there are none, or they are too old or from an older form
    (then they are dropped)."""
    kept = session.get(SESSION_KEY)
    if not kept:
        return None
    if kept.get("version") != VERSION or clock() - kept.get("kept_at", 0) > KEEP_FOR_SECONDS:
        answers_forget(session)
        return None
    answers: dict[str, Any] = kept["answers"]
    return answers


def answers_forget(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)
