"""render.json writes what json.dumps would, except for RawNumber digits and invisible marks."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_kpi.render import json as render_json
from plan_kpi.render.json import Each, RawNumber, dump, dumps

#: bidi and line-separator marks, which render.json escapes and json.dumps does not
_INVISIBLE = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
_text = st.text(st.characters(exclude_characters=_INVISIBLE))
_scalars = st.none() | st.booleans() | st.integers() | _text
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(_text, inner, max_size=4)
    ),
    max_leaves=20,
)


@given(_values)
def test_like_json_dumps(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_raw_numbers_are_written_digit_for_digit() -> None:
    text = dumps({"gap": RawNumber("-9957"), "pct": RawNumber("85.97"), "name": "Sản lượng\n"})
    read = json.loads(text, parse_float=Decimal)
    assert read == {"gap": -9957, "pct": Decimal("85.97"), "name": "Sản lượng\n"}
    assert '"gap": -9957,' in text
    assert '"name": "Sản lượng\\n"' in text


@given(_values)
def test_written_on_in_batches_as_json_dumps_writes_it(value: Any) -> None:
    pieces: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render_json, "_BATCH", 3)  # a batch of three pieces: many batches
        dump(value, pieces.append)
    assert "".join(pieces) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_a_large_value_is_written_in_several_batches(monkeypatch: Any) -> None:
    monkeypatch.setattr(render_json, "_BATCH", 8)
    value = {"rows": [{"id": f"r{i}", "pct": i} for i in range(20)]}
    pieces: list[str] = []
    dump(value, pieces.append)
    # each row is four pieces (the list's separator and indent; '{', its indent, a key and
    # its value; the other key and value; '}'): 80 pieces, 8 a batch
    assert len(pieces) >= 80 // 8
    assert "".join(pieces) == json.dumps(value, indent=2) + "\n"


@given(st.lists(_values, max_size=6))
def test_a_list_made_as_it_is_written_is_written_as_the_list(items: list[Any]) -> None:
    made = Each(items, lambda item: {"item": item})
    listed = [{"item": item} for item in items]
    assert (
        dumps({"rows": made}) == json.dumps({"rows": listed}, ensure_ascii=False, indent=2) + "\n"
    )
    assert made == listed and len(made) == len(listed)
    assert made[1:] == listed[1:] and (not items or made[-1] == listed[-1])


def test_each_value_of_a_list_made_as_written_is_made_after_the_ones_before_are_out(
    monkeypatch: Any,
) -> None:
    """A large report's rows are never all in memory as JSON: writing starts before the
    last row is made."""
    monkeypatch.setattr(render_json, "_BATCH", 8)
    made: list[int] = []
    at_writes: list[int] = []

    def row(i: int) -> dict[str, Any]:
        made.append(i)
        return {"id": f"r{i}", "pct": i}

    dump({"rows": Each(range(100), row)}, lambda piece: at_writes.append(len(made)))
    assert made == list(range(100))
    assert at_writes[0] < 10  # the first batch went out after a few rows, not all 100
