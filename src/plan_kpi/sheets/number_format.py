"""Excel number formats: how a cell shows a number, or why its shown figure is not the stored one.

A number format has up to four sections separated by ``;`` (positive,
negative, zero, text). In a section, ``0 # ?`` are digit placeholders, ``.``
is the decimal point, ``,`` groups thousands between placeholders and divides
by 1000 after the last one, each ``%`` multiplies by 100, ``E+`` writes an
exponent, ``/`` a fraction and ``@`` the text; ``"…"``, ``\\x``, ``_x`` and
``*x`` are literal text; brackets hold a colour (``[Red]``), a condition
(``[>100]``), a currency or locale (``[$€-407]``, ``[$-42A]``) or an elapsed
time (``[h]``); ``y m d h s`` show a date or a time.

plan-kpi takes a number as the sheet shows it only when the shown figure is
provably the stored one rounded to known decimals (or ×100, with one ``%``)
with its own sign: every other format is refused with the reason, never
guessed at.
"""

from __future__ import annotations

import re
from decimal import Decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.messages import N_, Message
from plan_kpi.core.records import record

#: Colours a section may name: they change the colour only (Excel's "negative numbers
#: in red" marks a negative number by its colour alone).
_COLOURS = {"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"}
_COLOUR_N = re.compile(r"color\d{1,2}", re.IGNORECASE)
_CONDITION = re.compile(r"[<>=]")
_DATE_CODES = frozenset("ymdhsYMDHS")
#: characters Excel shows as they are, without quotes
_PLAIN = frozenset(" $-+():!^&'~{}<>=")
_PLAIN_FORMAT = N_("give the column a number format such as #,##0.00, or type the figure as text")
_NOT_READ = N_("is not a format plan-kpi reads a figure from — {fix}", fix=_PLAIN_FORMAT)


@record
class Shown:
    """How a format shows one number: as stored (General), or rounded to ``places``
    decimals with the zeros after ``fixed`` of them dropped; ×100 when ``percent``."""

    general: bool = False
    fixed: int = 0
    places: int = 0
    percent: bool = False


class Refused(ValueError):
    """A format whose shown figure is not the stored one: what it shows, and what to do."""

    def __init__(self, message: Message) -> None:
        #: what the format does, said after "its format '…'", and how to fix it
        self.message = message
        super().__init__(str(message))


def split_sections(number_format: str) -> list[str]:
    """The sections of a format, split at each ``;`` outside quotes and escapes."""
    sections: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in number_format:
        if escaped:
            escaped = False
        elif char == "\\" and not quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            sections.append("".join(current))
            current = []
            continue
        current.append(char)
    sections.append("".join(current))
    return sections


def tokens(section: str) -> list[tuple[str, str]]:
    """A section as (kind, text) pairs. Kinds: 'digit' (0 # ?), 'point', 'comma', 'literal'
    (text shown as it is), 'colour', 'condition', 'bracket' (any other code in brackets),
    'code' (a character Excel interprets: % E + / @ General, date codes)."""
    result: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        char = section[i]
        if char == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            result.append(("literal", section[i + 1 : end]))
            i = end + 1
            continue
        if char in "\\*":  # an escaped character; a character repeated to fill the cell
            result.append(("literal", section[i + 1 : i + 2]))
            i += 2
            continue
        if char == "_":  # a space as wide as the next character
            result.append(("literal", " "))
            i += 2
            continue
        if char == "[":
            end = section.find("]", i + 1)
            end = len(section) if end < 0 else end
            result.append(_bracket(section[i + 1 : end]))
            i = end + 1
            continue
        if char in "eE" and section[i + 1 : i + 2] in ("+", "-"):  # an exponent: E+00
            result.append(("code", section[i : i + 2]))
            i += 2
            continue
        if char in "0#?":
            result.append(("digit", char))
        elif char == ".":
            result.append(("point", char))
        elif char == ",":
            result.append(("comma", char))
        elif char in _PLAIN or not char.isascii():
            result.append(("literal", char))
        else:
            result.append(("code", char))
        i += 1
    return result


def _bracket(code: str) -> tuple[str, str]:
    if code.startswith("$"):  # a currency or a locale: its symbol is text
        return "literal", code[1:].split("-", 1)[0]
    if code.lower() in _COLOURS or _COLOUR_N.fullmatch(code):
        return "colour", code
    if _CONDITION.match(code):
        return "condition", code
    return "bracket", code


def how_shown(number_format: str, stored: Decimal) -> Shown:
    """How the format shows the stored number; Refused when it shows another figure."""
    sections = split_sections(number_format)
    for section in sections:
        for kind, code in tokens(section):
            if kind == "condition":
                raise Refused(
                    N_(
                        "chooses how to show a number by a condition ([{code}]) — give the "
                        "column a plain number format such as #,##0.00",
                        code=code,
                    )
                )
    negative_section = stored < 0 and len(sections) >= 2
    if negative_section:
        section = sections[1]
    elif stored == 0 and len(sections) >= 3:
        section = sections[2]
    else:
        section = sections[0]
    parts = tokens(section)
    shown = _shown(parts, stored)
    marked = _marks_negative(parts, negative_section)
    if negative_section and not marked:
        raise Refused(
            N_(
                "shows the negative number without a sign, as {shown} — give the format's "
                "negative section a '-' or parentheses, as in #,##0.00;-#,##0.00",
                shown=n.plain(-stored),
            )
        )
    if not negative_section and marked and stored >= 0:
        raise Refused(
            N_(
                "shows {stored} as a negative number — give the column a number format whose "
                "first section has no '-' or parentheses",
                stored=n.plain(stored),
            )
        )
    return shown


def _shown(parts: list[tuple[str, str]], stored: Decimal) -> Shown:
    """How one section shows the number, from its tokens."""
    codes = "".join(text for kind, text in parts if kind == "code")
    digits = "".join(text for kind, text in parts if kind == "digit")
    others = [text for kind, text in parts if kind == "bracket"]
    if others:
        if others[0].lower()[:1] in ("h", "m", "s"):
            raise Refused(N_("shows the number as a time — {fix}", fix=_PLAIN_FORMAT))
        raise Refused(
            N_(
                "holds [{code}], a code plan-kpi does not read — {fix}",
                code=others[0],
                fix=_PLAIN_FORMAT,
            )
        )
    general = re.search("general", codes, re.IGNORECASE) is not None
    codes = re.sub("general", "", codes, flags=re.IGNORECASE)
    if general and (digits or codes):
        raise Refused(_NOT_READ)
    if general or (not digits and codes == "@"):  # '@' alone: Excel shows a number as stored
        return Shown(general=True)
    if _DATE_CODES & set(codes):
        raise Refused(
            N_(
                "shows the number as a date or a time — type the period as text (2021-12-31), "
                "or give the column a number format"
            )
        )
    if not digits:
        raise Refused(
            N_(
                "shows no digits for {stored} (an empty section, or text only) — type the "
                "figure the report prints, or leave the cell empty",
                stored=n.plain(stored),
            )
        )
    if re.search("[eE][+-]", codes):
        raise Refused(
            N_(
                "shows the number in scientific notation, rounded to its first digits — {fix}",
                fix=_PLAIN_FORMAT,
            )
        )
    if "/" in codes:
        raise Refused(N_("shows the number as a fraction — {fix}", fix=_PLAIN_FORMAT))
    if codes.replace("%", ""):
        raise Refused(_NOT_READ)
    percent = codes.count("%")
    if percent > 1:
        raise Refused(
            N_(
                "multiplies the number by 100 for each of its {count} '%' and shows {shown} — "
                "give the column a number format with one '%' at most",
                count=percent,
                shown=n.plain(stored.scaleb(2 * percent)),
            )
        )
    touching = _touching_text(parts)
    if touching:
        raise Refused(
            N_(
                "writes text that runs into the digits ({text!r}), which would read as part of "
                "the figure — give the column a number format without it (Format Cells → "
                "Number)",
                text=touching,
            )
        )
    scaling, fixed, places, whole_zero = _decimals(parts)
    if scaling:
        shown = n.round_half_up(stored.scaleb(2 * percent - 3 * scaling), places)
        raise Refused(
            N_(
                "divides the number by 1000 for each ',' after its digits and shows {shown} — "
                "give the column a number format without those commas (and the figures in the "
                "unit the report prints, e.g. tỷ đồng), or type the figure as text",
                shown=n.plain(shown),
            )
        )
    if not whole_zero and fixed == 0 and n.round_half_up(stored.scaleb(2 * percent), places) == 0:
        raise Refused(
            N_(
                "shows no digits for {stored} (its placeholders are all '#' or '?') — give the "
                "column a number format with a '0', as in #,##0.00",
                stored=n.plain(stored),
            )
        )
    return Shown(fixed=fixed, places=places, percent=percent == 1)


def _decimals(parts: list[tuple[str, str]]) -> tuple[int, int, int, bool]:
    """(scaling commas, fixed decimals, most decimals, a '0' in the whole part) of a section.

    A ',' between two placeholders of the whole part groups thousands; one
    after the last placeholder of the whole part or of the decimals divides
    the number by 1000; a '0' among the decimals is always shown, a '#' or
    '?' after the last '0' only when it is not a trailing zero.
    """
    kinds = [(kind, text) for kind, text in parts if kind in ("digit", "point", "comma")]
    points = [i for i, (kind, _) in enumerate(kinds) if kind == "point"]
    if len(points) > 1:
        raise Refused(N_("has two decimal points — {fix}", fix=_PLAIN_FORMAT))
    point = points[0] if points else len(kinds)
    scaling = 0
    for i, (kind, _) in enumerate(kinds):
        if kind != "comma":
            continue
        before = any(k == "digit" for k, _ in kinds[:i])
        after = kinds[i + 1][0] if i + 1 < len(kinds) else None
        if i < point and before and after == "digit":
            continue  # groups thousands
        if before and after in ("point", "comma", None):
            scaling += 1
            continue
        raise Refused(
            N_("has a ',' where plan-kpi cannot tell what it does — {fix}", fix=_PLAIN_FORMAT)
        )
    decimals = [text for kind, text in kinds[point + 1 :] if kind == "digit"]
    fixed = max((i + 1 for i, text in enumerate(decimals) if text == "0"), default=0)
    whole_zero = any(text == "0" for kind, text in kinds[:point] if kind == "digit")
    return scaling, fixed, len(decimals), whole_zero


def _touching_text(parts: list[tuple[str, str]]) -> str:
    """Literal text inside the digits, or touching them with a digit or a mark ('"0"0',
    '0"."0', '"1"0'): it would read as part of the figure. Empty when there is none."""
    places = [i for i, (kind, _) in enumerate(parts) if kind in ("digit", "point", "comma")]
    if not places:
        return ""
    first, last = places[0], places[-1]
    inside = "".join(text for kind, text in parts[first:last] if kind == "literal")
    if inside:
        return inside
    before = "".join(text for kind, text in parts[:first] if kind == "literal")
    after = "".join(text for kind, text in parts[last + 1 :] if kind == "literal")
    if before[-1:].isdigit() or before[-1:] in (".", ","):
        return before
    if after[:1].isdigit() or after[:1] in (".", ","):
        return after
    return ""


def _marks_negative(parts: list[tuple[str, str]], negative_section: bool) -> bool:
    """True when the section itself shows a number as negative (a '-' before its digits,
    parentheses around them, or, in a section of its own for negatives, a colour)."""
    if negative_section and any(kind == "colour" for kind, _ in parts):
        return True
    shown = [i for i, (kind, _) in enumerate(parts) if kind in ("digit", "code")]
    if not shown:
        return False
    before = "".join(text for kind, text in parts[: shown[0]] if kind == "literal")
    after = "".join(text for kind, text in parts[shown[-1] + 1 :] if kind == "literal")
    return "-" in before or "−" in before or ("(" in before and ")" in after)
