"""Words not yet said: a message is a catalog entry and the values it takes.

Layers below the say layer (numbers, periods, the loader, the engine) never
choose a language: a problem or a reason is a ``Message``, and the say layer
turns it into words in the reader's language when it is shown. The message's
text is its English wording, which is also its key in the gettext catalogs
(``say/locale``); ``{name}`` placeholders take the values (a value may be a
message itself, said in the same language).

``N_`` (a message), ``C_`` (a message with a context, for one English text
in two roles), ``NP_`` (a message with a plural form) and ``T_`` (a text
said later, as a command's help is) are the markers
``pybabel extract`` collects from the code (see README, "Development").
Besides messages, a value may be ``one_of([...])`` (alternatives), a
``Number`` (written with the reader's marks) or ``Joined`` (values one after
another between punctuation, such as a chain 'a → b → a').
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from plan_kpi.core.records import record


@record
class Message:
    """A catalog message and its values; ``str()`` says it in English."""

    text: str
    values: tuple[tuple[str, object], ...] = ()
    context: str | None = None
    #: the plural form's text, when the message has one; ``count`` chooses between them
    plural: str | None = None
    count: int = 1

    def __str__(self) -> str:
        text = self.text if self.plural is None or self.count == 1 else self.plural
        return text.format(**{key: _english(value) for key, value in self.values})

    @property
    def fields(self) -> dict[str, object]:
        return dict(self.values)


@record
class OneOf:
    """Alternatives inside a message: 'a' or 'b' (hoặc), each shown quoted."""

    items: tuple[str, ...]

    def __str__(self) -> str:
        return alternatives([repr(item) for item in self.items], " or ")


def alternatives(items: list[str], joiner: str) -> str:
    """'a', 'a or b', 'a, b or c': the last two joined by ``joiner``, the others by commas."""
    if len(items) < 3:
        return joiner.join(items)
    return ", ".join(items[:-1]) + joiner + items[-1]


def one_of(items: Iterable[str]) -> OneOf:
    return OneOf(tuple(items))


@record
class Number:
    """A number in a message, with the reader's marks: a count grouped in thousands
    (1,000,000 · vi 1.000.000), or a figure's plain digits (70.962 · vi 70,962)."""

    value: int | Decimal
    grouped: bool = True

    def __str__(self) -> str:
        spec = "," if self.grouped else ""
        return format(self.value, spec + "f" if isinstance(self.value, Decimal) else spec)


@record
class Joined:
    """Values one after another, between them punctuation ('; ', ' → '): each is said."""

    items: tuple[object, ...]
    separator: str

    def __str__(self) -> str:
        return self.separator.join(str(item) for item in self.items)


def _english(value: object) -> object:
    return str(value) if isinstance(value, Message | OneOf | Number | Joined) else value


def T_(text: str, /) -> str:
    """A text said later by its English wording (a command's help): marks it for the catalogs."""
    return text


def N_(text: str, /, **values: object) -> Message:
    """A message: its English text with placeholders, and their values."""
    return Message(text, tuple(values.items()))


def C_(context: str, text: str, /, **values: object) -> Message:
    """A message in a context: the same English text may say different things in two."""
    return Message(text, tuple(values.items()), context=context)


def NP_(singular: str, plural: str, count: int, /, **values: object) -> Message:
    """A message with a plural form, chosen by ``count`` (also a value: ``{count}``)."""
    return Message(singular, tuple({"count": count, **values}.items()), plural=plural, count=count)
