"""The figure reader against Babel on millions of texts: the same answers, text by text.

    python benchmarks/differential.py [--length 8] [--generated 1000000] [--seed 1]

``parse_figure`` reads the usual figure with core.reader's compiled pattern
and hands every other text to ``parse_with_babel`` (Babel's strict
``parse_decimal``, as parse_figure has always used it). This runs both, in
both locales, on

- every text up to --length characters of 0, 1, the two marks, the signs and a
  space (the grammar's alphabet; which digit it is changes no rule, only
  whether it is a zero);
- every text up to 5 characters of all ten digits, the marks and the signs;
- every text up to 4 characters of those and the characters Babel, Decimal or
  str.strip treat specially (spaces Babel's lenient mode takes for group
  marks, NBSP, narrow NBSP, thin space, tab, apostrophes, underscores,
  exponents, NaN and Infinity, other scripts' digits, the minus sign, Arabic
  marks);
- --generated pseudo-random figures in and around the grammar: grouped right
  or wrong with any mark, near the limits of 30 digits and 9 decimals, zero
  padded up to 110 characters, signs, spaces, a character put, lost or changed.

The same answer is the same Decimal to its sign, digits and exponent, or a
refusal from both. A text Babel reads and the reader hands over is allowed
only when it is zero padded beyond the reader's 30 characters of whole part.
Prints the counts, and every disagreement (exit 1 on one). With --plan DIR
(a folder of benchmarks/generate.py), also times reading its figures both ways.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import DecimalTuple
from pathlib import Path

from plan_kpi.core import numbers as n

SEPARATORS = {"vi": (".", ","), "en": (",", ".")}
GRAMMAR = "01.,+- "
DIGITS_AND_MARKS = "0123456789.,+-"
SPECIAL = " \t\xa0\u202f\u2009'\u2019_eEnaif\u0663\uff13\u2212\u066b\u066c"
#: a quoted figure of benchmarks/generate.py's files (names and sources hold letters)
QUOTED_FIGURE = re.compile(r'"(-?[0-9][0-9.,]*)"')


@dataclass
class Tally:
    """What a set of texts gave, each read in vi and en: by whom, and every disagreement."""

    name: str
    texts: int = 0
    by_babel: int = 0
    by_reader: int = 0
    zero_padded: int = 0
    disagreements: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.name:<52} {self.texts:>10,} texts  {self.by_babel:>9,} figures  "
            f"{self.by_reader:>9,} by the reader  {self.zero_padded:>6,} zero padded  "
            f"{len(self.disagreements):>3} disagreements"
        )


def babel_answer(text: str, locale: n.Locale) -> DecimalTuple | None:
    try:
        return n.parse_with_babel(text, locale).as_tuple()
    except n.NumberError:
        return None


def zero_padded(text: str, locale: n.Locale) -> bool:
    whole = text.strip().lstrip("+-").partition(SEPARATORS[locale][1])[0]
    return len(whole) > n.MAX_WHOLE_DIGITS and whole.startswith("0")


def compare(texts: Iterable[str], tally: Tally) -> None:
    readers = [(locale, n.figure_reader(locale)) for locale in n.LOCALES]
    for text in texts:
        tally.texts += 1
        for locale, reader in readers:
            expected = babel_answer(text, locale)
            read = reader.read(text)
            if expected is not None:
                tally.by_babel += 1
            if read is not None:
                tally.by_reader += 1
                got = n.parse_figure(text, locale).as_tuple()
                if read.as_tuple() != expected or got != expected:
                    tally.disagreements.append(
                        f"{text!r} in {locale}: reader {read!r}, Babel {expected}"
                    )
            elif expected is not None:
                if zero_padded(text, locale):
                    tally.zero_padded += 1
                else:
                    tally.disagreements.append(
                        f"{text!r} in {locale}: Babel reads {expected}, the reader hands it over"
                    )


def every_text(alphabet: str, longest: int) -> Iterator[str]:
    for length in range(longest + 1):
        for chars in itertools.product(alphabet, repeat=length):
            yield "".join(chars)


def group(whole: str, mark: str) -> str:
    head = len(whole) % 3 or 3
    return mark.join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])


def digits(rng: random.Random, most: int) -> str:
    return "".join(rng.choices("0123456789", k=rng.randint(1, most)))


def generated(count: int, seed: int) -> Iterator[str]:
    """Figures in and around the grammar of either locale (each is tried in both)."""
    rng = random.Random(seed)
    marks = [".", ","] * 8 + [" ", "\xa0", "\u202f", "'"]  # one in five not a mark of either

    def mark() -> str:
        return rng.choice(marks)

    for _ in range(count):
        kind = rng.random()
        if kind < 0.05:  # zero padded, up to 110 characters
            whole = "0" * rng.randint(20, 100) + digits(rng, 10)
        else:
            whole = digits(rng, n.MAX_WHOLE_DIGITS + 3)
            if kind < 0.6:
                whole = group(whole.lstrip("0") or "0", mark())
            elif kind < 0.8:
                places = rng.sample(range(1, len(whole) + 1), min(len(whole), rng.randint(0, 3)))
                for at in sorted(places, reverse=True):
                    whole = whole[:at] + mark() + whole[at:]
        text = rng.choice(["", "", "", "", "-", "-", "+", "--", "−"]) + whole
        if rng.random() < 0.6:
            text += mark() + digits(rng, n.MAX_DECIMALS + 2)
        for _ in range(rng.choice([0, 0, 0, 0, 0, 1, 2])):
            at = rng.randint(0, len(text))
            put = rng.choice(["", rng.choice(DIGITS_AND_MARKS + SPECIAL)])
            text = text[:at] + put + text[at + rng.randint(0, 1) :]
        spaces = ["", "", " ", "\t", "\xa0", "\u202f", "\n"]
        yield rng.choice(spaces) + text + rng.choice(spaces)


def time_plan(folder: Path) -> None:
    """Read every figure of a generated plan by Babel alone, then by parse_figure."""
    texts: list[str] = []
    for path in sorted(folder.joinpath("yaml").rglob("*.yaml")):
        texts += QUOTED_FIGURE.findall(path.read_text(encoding="utf-8"))
    locale: n.Locale = "vi"  # benchmarks/generate.py writes its figures in vi
    seconds = {}
    for name, read in (("Babel", n.parse_with_babel), ("parse_figure", n.parse_figure)):
        start = time.perf_counter()
        values = [read(text, locale) for text in texts]
        seconds[name] = time.perf_counter() - start
        if name == "Babel":
            expected = [v.as_tuple() for v in values]
        elif [v.as_tuple() for v in values] != expected:
            sys.exit(f"{folder}: the reader and Babel read the plan's figures differently")
    print(
        f"{len(texts):,} figures of {folder}: Babel {seconds['Babel']:.3f} s, "
        f"parse_figure {seconds['parse_figure']:.3f} s "
        f"({seconds['Babel'] / seconds['parse_figure']:.1f}× faster), the same Decimals"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--length", type=int, default=8, help="longest text of the grammar's")
    parser.add_argument("--generated", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plan", type=Path, help="a benchmarks/generate.py folder to time")
    args = parser.parse_args()
    generated_name = f"generated in and around the grammar (seed {args.seed})"
    sets = [
        (f"every text of {GRAMMAR!r} up to {args.length}", every_text(GRAMMAR, args.length)),
        ("every text of all digits, marks, signs up to 5", every_text(DIGITS_AND_MARKS, 5)),
        ("… and the special characters up to 4", every_text(DIGITS_AND_MARKS + SPECIAL, 4)),
        (generated_name, generated(args.generated, args.seed)),
    ]
    tallies = []
    start = time.perf_counter()
    for name, texts in sets:
        tally = Tally(name)
        compare(texts, tally)
        tallies.append(tally)
        print(tally.line(), flush=True)
    total = sum(t.texts for t in tallies)
    wrong = [d for t in tallies for d in t.disagreements]
    print(
        f"{total:,} texts, each read in vi and in en, in {time.perf_counter() - start:.0f} s: "
        f"{len(wrong)} disagreements"
    )
    for line in wrong[:50]:
        print("  " + line)
    if args.plan is not None:
        time_plan(args.plan)
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
