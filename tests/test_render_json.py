"""render.json writes what json.dumps would, except for RawNumber digits and invisible marks."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_kpi.render import json as render_json
from plan_kpi.render.json import RawNumber, dump, dumps

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
