"""Problems and errors of the lower layers, in the reader's language."""

from __future__ import annotations

from plan_kpi.core.errors import Problem
from plan_kpi.core.locales import Locale
from plan_kpi.core.messages import Message
from plan_kpi.say.catalog import words


def said(message: Message, lang: Locale) -> str:
    """A message in the language."""
    return words(lang).say(message)


def said_problem(problem: Problem, lang: Locale) -> str:
    """'FILE:LINE:COL: what — how to fix', the words in the language."""
    return f"{problem.place}: {said(problem.message, lang)}"
