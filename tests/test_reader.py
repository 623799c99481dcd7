"""The figure reader against Babel: the same text gives the same Decimal, or both refuse.

``parse_figure`` reads the usual figure with core.reader's compiled pattern
and hands every other text to ``parse_with_babel`` (Babel's strict
``parse_decimal`` and the messages). Here both are run on the same texts in
both locales: exhaustively over a small alphabet up to a few characters,
and on Hypothesis's figures in and around the grammar. The same answer means
the same Decimal to the exponent and the sign (``as_tuple``), or a refusal
from both. The million-text run is benchmarks/differential.py.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from decimal import Decimal, DecimalTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_kpi.core import numbers as n

SEPARATORS = {"vi": (".", ","), "en": (",", ".")}
#: characters Babel, Decimal or str.strip treat specially: spaces Babel's lenient mode
#: takes for group marks and strip removes (NBSP, narrow NBSP, thin space, tab),
#: apostrophes (de-CH groups), Decimal's underscores, exponents, NaN and Infinity, digits
#: of other scripts (Arabic-Indic three, fullwidth three), the minus sign, Arabic marks
SPECIAL = " \t\xa0\u202f\u2009'\u2019_eEnaif\u0663\uff13\u2212\u066b\u066c"


def answer(text: str, locale: n.Locale, *, babel: bool) -> DecimalTuple | None:
    """The Decimal read, to its sign, digits and exponent; None when it is refused."""
    read = n.parse_with_babel if babel else n.parse_figure
    try:
        return read(text, locale).as_tuple()
    except n.NumberError:
        return None


def zero_padded(text: str, locale: n.Locale) -> bool:
    """A whole part longer than the reader's grammar: leading zeros, read by Babel."""
    whole = text.strip().lstrip("+-").partition(SEPARATORS[locale][1])[0]
    return len(whole) > n.MAX_WHOLE_DIGITS and whole.startswith("0")


def assert_agree(text: str, locale: n.Locale) -> None:
    by_babel = answer(text, locale, babel=True)
    assert answer(text, locale, babel=False) == by_babel, (text, locale)
    read = n.figure_reader(locale).read(text)
    if read is not None:
        assert read.as_tuple() == by_babel, (text, locale)
    elif by_babel is not None:  # handed to Babel, which read it: only a zero-padded figure
        assert zero_padded(text, locale), (text, locale)


def test_the_same_answers_for_every_short_text() -> None:
    """Every text up to 5 characters of digits, marks, signs and a space; up to 3 of all
    the digits and the special characters too (about 75.000 texts a locale)."""
    alphabets = (("01.,+- ", 5), ("0123456789.,+-" + SPECIAL, 3))
    for alphabet, longest in alphabets:
        for length in range(longest + 1):
            for chars in itertools.product(alphabet, repeat=length):
                text = "".join(chars)
                assert_agree(text, "vi")
                assert_agree(text, "en")


def digits(draw: st.DrawFn, most: int) -> str:
    """One to ``most`` digits, every length as likely (the limits as often as short ones)."""
    length = draw(st.integers(1, most))
    return draw(st.text("0123456789", min_size=length, max_size=length))


def group(whole: str, mark: str) -> str:
    """Digits grouped in threes from the right: '1234567' -> '1.234.567'."""
    head = len(whole) % 3 or 3
    return mark.join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])


@st.composite
def near_figures(draw: st.DrawFn) -> tuple[str, n.Locale]:
    """Figures of either locale, grouped right or wrong, near the limits, often mutated."""
    locale: n.Locale = draw(st.sampled_from(n.LOCALES))
    own_group, own_decimal = SEPARATORS[locale]
    others = [" ", "\xa0", "'"]
    whole = digits(draw, n.MAX_WHOLE_DIGITS + 4)
    how = draw(st.sampled_from(["plain", "threes", "anywhere"]))
    groups = st.sampled_from([own_group, own_group, own_group, own_decimal, *others])
    if how == "threes":
        whole = group(whole, draw(groups))
    elif how == "anywhere":
        for at in sorted(draw(st.lists(st.integers(1, len(whole)), max_size=4)), reverse=True):
            whole = whole[:at] + draw(groups) + whole[at:]
    text = draw(st.sampled_from(["", "", "-", "+", "--", "−"])) + whole
    if draw(st.booleans()):
        mark = draw(st.sampled_from([own_decimal, own_decimal, own_decimal, own_group, *others]))
        text += mark + digits(draw, n.MAX_DECIMALS + 2)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # a character put, lost, changed
        at = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from("0123456789.,+-" + SPECIAL))
        cut = draw(st.integers(0, 1))
        text = text[:at] + draw(st.sampled_from([char, ""])) + text[at + cut :]
    space = st.sampled_from(["", "", " ", "\t", "\xa0", "\u202f", "\n"])
    return draw(space) + text + draw(space), locale


@settings(max_examples=500, deadline=None)
@given(near_figures())
def test_the_same_answers_in_and_around_the_grammar(case: tuple[str, n.Locale]) -> None:
    assert_agree(*case)


@st.composite
def grammar_figures(draw: st.DrawFn) -> tuple[str, n.Locale, str]:
    """A figure of the grammar, and its value as Decimal's own text."""
    locale: n.Locale = draw(st.sampled_from(n.LOCALES))
    group_mark, decimal_mark = SEPARATORS[locale]
    whole = digits(draw, n.MAX_WHOLE_DIGITS)
    fraction = draw(st.text("0123456789", max_size=n.MAX_DECIMALS))
    sign = draw(st.sampled_from(["", "-", "+"]))
    written = whole
    if draw(st.booleans()) and len(whole.lstrip("0")) > 3:
        written = group(whole.lstrip("0"), group_mark)  # grouped: never a leading zero
    if fraction:
        written += decimal_mark + fraction
    plain = sign + whole + ("." + fraction if fraction else "")
    return draw(st.sampled_from(["", " "])) + sign + written, locale, plain


@settings(max_examples=200, deadline=None)
@given(grammar_figures())
def test_every_figure_of_the_grammar_is_read_without_babel(
    case: tuple[str, n.Locale, str],
) -> None:
    text, locale, plain = case
    read = n.figure_reader(locale).read(text)
    assert read is not None, text
    assert read.as_tuple() == Decimal(plain).as_tuple()
    assert_agree(text, locale)


def test_known_figures() -> None:
    reader = n.figure_reader
    assert repr(reader("vi").read("2.952,10")) == "Decimal('2952.10')"
    assert repr(reader("vi").read("-0")) == "Decimal('-0')"  # as parse_figure negates 0
    assert repr(reader("vi").read("-0,00")) == "Decimal('-0.00')"
    assert repr(reader("en").read(" +61,005 ")) == "Decimal('61005')"
    assert repr(reader("vi").read("007")) == "Decimal('7')"
    # 30 digits, the most a figure has: 123 and nine groups of three
    assert reader("en").read("123" + ",456" * 9) == Decimal("123" + "456" * 9)
    refused: list[tuple[str, n.Locale]] = [
        ("9.2", "vi"),  # grouped in twos: Babel says so
        ("0.123", "vi"),  # a grouped figure never starts with 0
        ("1" + ".000" * 10, "vi"),  # 31 digits
        ("1,0000000001", "vi"),  # 10 decimals
        ("1 000", "en"),
        ("1\xa0000", "en"),
        ("\u0663", "en"),  # Decimal reads other scripts' digits; the format does not
        ("1_000", "en"),  # nor Decimal's underscores
        ("1.000,", "vi"),
        ("+-1", "en"),
    ]
    for text, locale in refused:
        assert reader(locale).read(text) is None, text
        assert_agree(text, locale)


def test_the_usual_figure_is_read_without_importing_babel() -> None:
    code = (
        "import sys\n"
        "from plan_kpi.core.numbers import NumberError, parse_figure\n"
        "parse_figure('2.952,1', 'vi'), parse_figure('-61,005.25', 'en')\n"
        "print('babel' in sys.modules)\n"
        "try:\n    parse_figure('9.2', 'vi')\n"
        "except NumberError as err:\n    print(err)\n"
        "print('babel' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, refused, after = done.stdout.splitlines()
    assert (before, after) == ("False", "True")
    assert "'9,2'" in refused  # Babel's suggestion, as before
