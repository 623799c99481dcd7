"""Fuzzing the loader: whatever the files hold, the only failure is PlanError.

Documents are random bytes, random text, and the seed plan's own files with
characters and lines mutated (the mistakes people make when typing: a
character lost or doubled, a line indented wrongly, a stray quote, a tab).
Numbers are random strings per locale: every one accepted must mean what its
characters say, and print and read back to the same Decimal.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_kpi.core import numbers as n
from plan_kpi.core.errors import PlanError
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.say.display import format_number

SEED = Path(__file__).resolve().parent.parent / "data"
SEED_FILES = sorted(p.relative_to(SEED).as_posix() for p in SEED.rglob("*.yaml"))
FUZZ = settings(
    max_examples=75,
    deadline=1000,  # milliseconds, far above a load's few; only a hang fails
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: What people (and attackers) type into YAML, to splice into the seed files.
PIECES = [
    ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "'", '"', "#", "\t", "\n", "  ", "&a ",
    "*a", "!!python/object/apply:os.system [x]", "!!binary", "? ", "<<: ", "|", ">", "%",
    "@", "`", "~", "null", "---\n", "...", "\x00", "\x1b", "\ufeff", "\u202e", "é", "ộ",
    "9.2", "9,2", "1e5", ".nan", "-.inf", "2021-13", "2021-02-30", "1.000.000", "0,5", "-",
    "+", "values:", "stated:", "period: 2021", "value: ", "parent: ", "id: x",
    "123456789012345678901234567890", "1" * 40,
]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    plan = tmp_path_factory.mktemp("fuzz")
    yield plan
    shutil.rmtree(plan, ignore_errors=True)


def load_with(folder: Path, name: str, content: bytes) -> None:
    """Load a plan of the seed's targets.yaml and one actuals file, one of them replaced."""
    shutil.rmtree(folder)
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_bytes((SEED / "targets.yaml").read_bytes())
    if name != "targets.yaml":
        (folder / "actuals" / "2021-industry.yaml").write_bytes(
            (SEED / "actuals" / "2021-industry.yaml").read_bytes()
        )
    (folder / name).write_bytes(content)
    try:
        plan = load_plan(folder)
    except PlanError as err:
        assert err.problems, "a PlanError names at least one problem"
        for problem in err.problems:
            assert problem.message and problem.file
        return
    derive(plan)  # what loads must compute without crashing


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed file with a few typing mistakes."""
    name = draw(st.sampled_from(SEED_FILES))
    text = (SEED / name).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        lines = text.split("\n")
        at = draw(st.integers(min_value=0, max_value=max(0, len(text) - 1)))
        row = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "line", "dup", "indent"]))
        if kind == "insert":
            piece = draw(st.sampled_from(PIECES) | st.text(max_size=3))
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=8)) :]
        elif kind == "replace":
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif kind == "line":
            del lines[row]
            text = "\n".join(lines)
        elif kind == "dup":
            lines.insert(row, lines[row])
            text = "\n".join(lines)
        else:
            lines[row] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[row].lstrip()
            text = "\n".join(lines)
    return name, text.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(mutated())
def test_mutated_seed_files_load_or_fail_with_plan_error(
    folder: Path, case: tuple[str, bytes]
) -> None:
    name, content = case
    load_with(folder, name, content)


@FUZZ
@given(st.sampled_from(["targets.yaml", "actuals/x.yaml", "actuals/x.csv"]), st.binary())
def test_random_bytes_fail_with_plan_error(folder: Path, name: str, content: bytes) -> None:
    load_with(folder, name, content)


@FUZZ
@given(
    st.sampled_from(["targets.yaml", "actuals/x.yaml", "actuals/x.csv"]),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=30).map("".join),
)
def test_random_text_fails_with_plan_error(folder: Path, name: str, text: str) -> None:
    load_with(folder, name, text.encode("utf-8", errors="surrogatepass"))


SEPARATORS = {"vi": (".", ","), "en": (",", ".")}

number_texts = st.lists(
    st.sampled_from(["0", "1", "5", "9", "00", "123", ".", ",", "-", "+", " ", "e", "E"])
    | st.text(alphabet="0123456789.,", max_size=6),
    max_size=12,
).map("".join)


def grouped(draw: st.DrawFn, locale: n.Locale) -> str:
    """A well-formed figure: optional sign, digits grouped in threes or not, decimals."""
    group, mark = SEPARATORS[locale]
    whole = str(draw(st.integers(min_value=0, max_value=10**30 - 1)))
    if draw(st.booleans()):
        head, rest = whole[: len(whole) % 3 or 3], whole[len(whole) % 3 or 3 :]
        whole = group.join([head, *re.findall("...", rest)])
    places = draw(st.integers(min_value=0, max_value=9))
    decimals = "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=places, max_size=places))
    )
    sign = draw(st.sampled_from(["", "-", "+"]))
    return sign + whole + (mark + decimals if decimals else "")


@st.composite
def figures(draw: st.DrawFn) -> tuple[str, n.Locale]:
    locale: n.Locale = draw(st.sampled_from(n.LOCALES))
    return draw(number_texts | st.builds(lambda: grouped(draw, locale))), locale


@settings(max_examples=400, deadline=1000)
@given(figures())
def test_every_figure_accepted_means_what_it_says_and_round_trips(
    case: tuple[str, n.Locale],
) -> None:
    text, locale = case
    try:
        value = n.parse_figure(text, locale)
    except n.NumberError:
        return
    group, mark = SEPARATORS[locale]
    written = text.strip()
    # accepted: the digits as written, grouped in threes if grouped at all
    well_formed = rf"[+-]?(\d{{1,3}}({re.escape(group)}\d{{3}})+|\d+)({re.escape(mark)}\d+)?"
    assert re.fullmatch(well_formed, written), written
    assert value == Decimal(written.replace(group, "").replace(mark, "."))
    assert n.decimals(value) == len(written.partition(mark)[2])
    # printed at its own decimals and read again: the same figure
    printed = format_number(value, n.decimals(value), locale)
    again = n.parse_figure(printed, locale)
    assert again == value
    assert n.decimals(again) == n.decimals(value)
