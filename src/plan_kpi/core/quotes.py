"""What the user wrote, quoted in a message (short, and with nothing hidden), or folded
to be matched against the words people type (case, accents and spacing aside).

A message quotes at most MAX_QUOTED characters of a value (a figure of a
million digits, a name pasted with a whole paragraph), then an ellipsis and
the length. Characters that show nothing, or move the text around (controls,
zero-width and bidi marks, no-break spaces), are escaped as ``\\u200b``, as
``repr`` does; where only ASCII belongs (ids, keys, figures, periods), so is
every character that is not a Latin letter: a Cyrillic ``о`` in ``jobs`` or a
full-width ``２`` in a year looks like the ASCII one, and the message must
show why the value is refused.
"""

from __future__ import annotations

import re
import unicodedata

from plan_kpi.core.messages import NP_, Message, Number

#: The most characters of a value a message quotes.
MAX_QUOTED = 80

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def quoted(text: str, strict: bool = False) -> str | Message:
    """text in quotes for a message: at most MAX_QUOTED characters, then '…' and the length
    (a message, said in the run's language); invisible characters escaped, and with
    ``strict`` every one that is not a Latin letter."""
    shown = repr(text[:MAX_QUOTED])
    if strict:
        shown = _NON_ASCII.sub(_unless_latin, shown)
    if len(text) > MAX_QUOTED:
        shown = shown[:-1] + "…" + shown[-1]  # the quote closes after the ellipsis
        return NP_(
            "{text} ({length} character)",
            "{text} ({length} characters)",
            len(text),
            text=shown,
            length=Number(len(text)),
        )
    return shown


def _unless_latin(match: re.Match[str]) -> str:
    char = match[0]
    if unicodedata.name(char, "").startswith("LATIN "):
        return char
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code <= 0xFF
        else f"\\u{code:04x}"
        if code <= 0xFFFF
        else f"\\U{code:08x}"
    )


def folded(text: str) -> str:
    """Text as words are matched: lower case, no accents ('đ' is 'd'), single spaces.

    'Ước  Thực hiện' and 'uoc thuc hien' are both 'uoc thuc hien'; digits are
    kept as they are (a full-width '２' stays one, and is refused where it is read).
    """
    text = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.split())
