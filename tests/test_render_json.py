"""render.json writes what json.dumps would, except for RawNumber digits and invisible marks."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from plan_kpi.render.json import RawNumber, dumps

#: bidi and line-separator marks, which render.json escapes and json.dumps does not
_INVISIBLE = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
_text = st.text(st.characters(exclude_characters=_INVISIBLE))
_scalars = st.none() | st.booleans() | st.integers() | _text
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=20,
)


@given(_values)
def test_like_json_dumps(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_raw_numbers_are_written_digit_for_digit() -> None:
    text = dumps({"gap": RawNumber("-9957"), "pct": RawNumber("85.97"), "name": "Sản lượng\n"})
    assert json.loads(text) == {"gap": -9957, "pct": 85.97, "name": "Sản lượng\n"}
    assert '"gap": -9957,' in text
    assert '"name": "Sản lượng\\n"' in text
