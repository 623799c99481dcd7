"""The catalogs: every message has both languages, no entry is stale, no text bypasses them."""

from __future__ import annotations

import ast
import importlib.util
import re
import string
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

import plan_kpi
from plan_kpi.core.messages import C_, N_, NP_, Joined, Number, one_of
from plan_kpi.say.catalog import words
from plan_kpi.say.language import chosen_language, system_language

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(plan_kpi.__file__).parent


def _catalogs_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogs"] = module
    spec.loader.exec_module(module)
    return module


def test_every_message_is_in_both_catalogs_translated_and_compiled() -> None:
    """A message without a translation, an entry no code uses, a stale .mo: each is listed."""
    problems = _catalogs_tool().problems()
    assert problems == [], "run: python scripts/catalogs.py\n" + "\n".join(problems)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_translation_takes_the_same_values_as_its_message(lang: str) -> None:
    tool = _catalogs_tool()
    wrong = []
    for message in tool.read(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_fields(i) for i in ids))
        for translated in strings:
            if translated and _fields(translated) - wanted:
                wrong.append((ids[0], translated))
    assert wrong == []


# -- no text shown to people bypasses the catalogs ------------------------------------------

_MARKERS = {"gettext", "pgettext", "ngettext", "npgettext", "N_", "C_", "NP_", "T_"}
#: two words of letters side by side: a text a person reads
_WORDS = re.compile(r"[^\W\d_]{2,}[ ,'’]+[^\W\d_]{2,}")
#: written at the end of a line whose strings are not words for people (CSS, a pattern)
NOT_WORDS = "# not words:"


def _marker(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name in _MARKERS


#: exceptions that only a bug in plan-kpi raises (the command says so, as an internal error)
_BUGS = {"ValueError", "TypeError", "RuntimeError", "AssertionError", "KeyError"}


def _builtin_error(exc: ast.expr | None) -> bool:
    return isinstance(exc, ast.Call) and getattr(exc.func, "id", None) in _BUGS


def bypassing(path: Path) -> list[tuple[int, str]]:
    """The strings of a module that look like words for people and come from no catalog."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))
        if isinstance(node, ast.Call) and _marker(node):
            for arg in ast.walk(node):
                skip.add(id(arg))
        if isinstance(node, ast.Assert) and node.msg is not None:  # for developers
            for arg in ast.walk(node.msg):
                skip.add(id(arg))
        if isinstance(node, ast.Raise) and _builtin_error(node.exc):  # a bug: for developers
            for arg in ast.walk(node):
                skip.add(id(arg))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.Constant):
            continue
        if not isinstance(node.value, str) or not _WORDS.search(node.value):
            continue
        if NOT_WORDS in lines[node.lineno - 1]:
            continue
        found.append((node.lineno, node.value))
    return found


def _modules() -> dict[str, Path]:
    return {str(path.relative_to(PACKAGE.parent)): path for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_text_for_people_bypasses_the_catalogs() -> None:
    found = {name: bypassing(path) for name, path in _modules().items()}
    found = {name: hits for name, hits in found.items() if hits}
    assert not found, "texts outside the catalogs:\n" + "\n".join(
        f"  {name}:{line}: {text[:70]!r}" for name, hits in found.items() for line, text in hits
    )


#: where each marker's text is among its arguments (the context comes first in C_, pgettext)
_TEXT_ARGUMENT = {"C_": 1, "pgettext": 1, "npgettext": 1}


def marked_texts(path: Path) -> list[tuple[int, str]]:
    """The text of every marker call in a module whose text is written out."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and _marker(node):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            index = _TEXT_ARGUMENT.get(name, 0)
            if len(node.args) > index:
                text = node.args[index]
                if isinstance(text, ast.Constant) and isinstance(text.value, str):
                    found.append((node.lineno, text.value))
    return found


def test_every_marked_text_is_extracted() -> None:
    """A message pybabel's extractor does not see (one nested in a call inside another
    message's values) would be said in English in every language: none is missed."""
    extracted = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in _catalogs_tool().extracted()
    }
    missed = [
        f"  {name}:{line}: {text[:70]!r}"
        for name, path in _modules().items()
        for line, text in marked_texts(path)
        if text not in extracted
    ]
    assert not missed, "texts the extractor misses:\n" + "\n".join(missed)


def test_the_bypass_check_sees_a_text_and_not_a_message(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""A docstring is for developers."""\n'
        "def f(w):\n"
        "    w.gettext('target met')\n"
        "    N_('unknown key {key!r}', key='x')\n"
        "    style = 'font-family: Times New Roman'  # not words: CSS\n"
        "    if not style:\n"
        "        raise ValueError('a bug in plan-kpi')\n"
        "    return 'target missed'\n"
    )
    assert bypassing(module) == [(8, "target missed")]


# -- the say layer's words ------------------------------------------------------------------


def test_words_in_each_language() -> None:
    assert words("vi").pgettext("alternatives", " or ") == " hoặc "
    assert words("en").pgettext("alternatives", " or ") == " or "


def test_a_message_is_said_with_its_values_in_the_language() -> None:
    message = N_("did you mean {names}?", names=one_of(["61.005", "61,005"]))
    assert str(message) == "did you mean '61.005' or '61,005'?"
    assert words("vi").say(message).endswith("'61.005' hoặc '61,005'?")


def test_a_number_in_a_message_takes_the_language_s_marks() -> None:
    count = N_("more than {most} rows", most=Number(1_000_000))
    assert str(count) == "more than 1,000,000 rows"
    assert words("vi").number(Number(1_000_000)) == "1.000.000"
    plain = Number(Decimal("70.962"), grouped=False)
    assert (str(plain), words("vi").number(plain)) == ("70.962", "70,962")
    big = Number(Decimal("1234567.5"))
    assert (str(big), words("vi").number(big)) == ("1,234,567.5", "1.234.567,5")


def test_alternatives_and_joined_values_are_said_each() -> None:
    three = one_of(["estimate", "preliminary", "final"])
    assert str(three) == "'estimate', 'preliminary' or 'final'"
    assert words("vi").one_of(three) == "'estimate', 'preliminary' hoặc 'final'"
    assert str(one_of(["vi", "en"])) == "'vi' or 'en'"
    chain = Joined((one_of(["a", "b"]), "x", Number(1000)), " → ")
    assert str(chain) == "'a' or 'b' → x → 1,000"
    message = N_("{command}: no command given — {help}", command="plan-kpi", help=chain)
    assert words("vi").say(message) == "plan-kpi: chưa có lệnh nào — 'a' hoặc 'b' → x → 1.000"


def test_messages_keep_their_context_and_plural() -> None:
    assert C_("column", "Target").context == "column"
    assert str(NP_("{count} file", "{count} files", 1)) == "1 file"
    assert str(NP_("{count} file", "{count} files", 3)) == "3 files"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LANGUAGE": "en:vi", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, None),
        ({}, None),
    ],
)
def test_the_system_language(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str | None
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert system_language() == expected


def test_the_language_of_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("PLAN_KPI_LANG", raising=False)
    assert chosen_language(None, "vi") == "vi"  # the plan's, before the system's
    assert chosen_language("en", "vi") == "en"  # --lang first
    monkeypatch.setenv("PLAN_KPI_LANG", "en")
    assert chosen_language(None, "vi") == "en"  # PLAN_KPI_LANG before the plan's
    monkeypatch.delenv("PLAN_KPI_LANG")
    assert chosen_language(None, None) == "en"
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert chosen_language(None, None) == "vi"
