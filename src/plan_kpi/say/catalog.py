"""The catalogs: every word a person reads, in Vietnamese and English.

Messages live in gettext catalogs (``say/locale/LANG/LC_MESSAGES/plan_kpi.po``,
compiled to ``.mo`` and shipped in the wheel), one entry a message, its key
the English text; ``msgctxt`` tells apart one English word in two roles
("Target" a column, "target" a term). Code asks for words through ``Words``:

    w = words("vi")
    w.pgettext("column", "Target")            # 'Kế hoạch'
    w.gettext("{count} of {total} met", count=1, total=3)
    w.say(message)                             # a core Message, with its values

``pybabel extract`` collects the texts of these calls and of the markers in
``core.messages`` (README, "Development"); tests/test_catalogs.py fails on a
message without a translation, an entry no code uses, and a text shown to
people that bypasses the catalogs.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from pathlib import Path

from plan_kpi.core.locales import LOCALES, Locale
from plan_kpi.core.messages import Joined, Message, Number, OneOf, alternatives

DOMAIN = "plan_kpi"


#: the compiled catalogs, beside this module in the installed package (a wheel installs as
#: files: read by path, without importlib.resources' readers, a few milliseconds a command)
LOCALE_DIR = Path(__file__).with_name("locale")


@cache
def _translations(lang: Locale) -> _gettext.GNUTranslations:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as compiled:
        return _gettext.GNUTranslations(compiled)


class Words:
    """The words of one language, from its catalog."""

    __slots__ = ("_t", "lang")

    def __init__(self, lang: Locale) -> None:
        self.lang = lang
        self._t = _translations(lang)

    def gettext(self, text: str, /, **values: object) -> str:
        return self._fill(self._t.gettext(text), values)

    def pgettext(self, context: str, text: str, /, **values: object) -> str:
        return self._fill(self._t.pgettext(context, text), values)

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        return self._fill(self._t.ngettext(singular, plural, count), {"count": count, **values})

    def npgettext(
        self, context: str, singular: str, plural: str, count: int, /, **values: object
    ) -> str:
        translated = self._t.npgettext(context, singular, plural, count)
        return self._fill(translated, {"count": count, **values})

    def say(self, message: Message) -> str:
        """A message of a lower layer, in this language, its values said too."""
        values = message.fields
        if message.plural is not None:
            if message.context is not None:
                text = self._t.npgettext(
                    message.context, message.text, message.plural, message.count
                )
            else:
                text = self._t.ngettext(message.text, message.plural, message.count)
        elif message.context is not None:
            text = self._t.pgettext(message.context, message.text)
        else:
            text = self._t.gettext(message.text)
        return self._fill(text, values)

    def one_of(self, choices: OneOf) -> str:
        """'a' or 'b', 'a', 'b' or 'c' (en); 'a' hoặc 'b', 'a', 'b' hoặc 'c' (vi)."""
        joiner = self.pgettext("alternatives", " or ")
        return alternatives([repr(item) for item in choices.items], joiner)

    def number(self, number: Number) -> str:
        """A number with this language's marks: 1,000,000 and 70.962 (en), 1.000.000 and
        70,962 (vi)."""
        english = str(number)
        return english.translate(_SWAPPED_MARKS) if self.lang == "vi" else english

    def _fill(self, text: str, values: dict[str, object]) -> str:
        if not values:
            return text
        return text.format(**{key: self._value(value) for key, value in values.items()})

    def _value(self, value: object) -> object:
        if isinstance(value, Message):
            return self.say(value)
        if isinstance(value, OneOf):
            return self.one_of(value)
        if isinstance(value, Number):
            return self.number(value)
        if isinstance(value, Joined):
            return value.separator.join(str(self._value(item)) for item in value.items)
        return value


#: vi writes '.' between thousands and ',' before decimals: the other way round from en
_SWAPPED_MARKS = str.maketrans(",.", ".,")


@cache
def words(lang: Locale) -> Words:
    """The words of a language (made once)."""
    if lang not in LOCALES:
        raise ValueError(f"no catalog for {lang!r}")
    return Words(lang)
