"""The YAML reader's plain scalars: what PyYAML's resolver would make of each, read as
plan-kpi reads it (text, None, or refused), with or without asking the resolver."""

from __future__ import annotations

import pytest
import yaml

from plan_kpi.core.errors import PlanError
from plan_kpi.load.yamlfile import load_yaml

#: plain scalars of every kind the resolver tells apart, first characters of every class
PLAIN = [
    "61.005", "61,005", "-3", "+4", ".5", "0x1F", "1_000", "2021", "2021-12-31",
    "2021-01/2021-11", "1e3", ".inf", "-.inf", ".nan", "true", "True", "false", "yes",
    "No", "on", "OFF", "y", "n", "N", "null", "Null", "NULL", "~", "nghìn", "Ninh Bình",
    "tỷ đồng", "a", "Z", "_x", "(1)", "10 %",
]  # fmt: skip


def _expected(text: str) -> str | None:
    """What the value reads as by PyYAML's own resolver: None for a null, else the text."""
    loader = yaml.SafeLoader("")
    tag = loader.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return None if tag == "tag:yaml.org,2002:null" else text


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_scalar_reads_as_the_resolver_says(text: str) -> None:
    doc = load_yaml(f"key: {text}\nlist:\n  - {text}\n".encode(), "x.yaml")
    assert doc.data == {"key": _expected(text), "list": [_expected(text)]}


def test_an_empty_value_is_none_and_a_merge_key_is_refused() -> None:
    assert load_yaml(b"key:\nother: ~\n", "x.yaml").data == {"key": None, "other": None}
    with pytest.raises(PlanError) as refused:
        load_yaml(b"base: 1\n<<: 2\n", "x.yaml")
    assert "merges" in str(refused.value.problems[0].message)
    with pytest.raises(PlanError):  # '=' resolves to the tag !!value, not read
        load_yaml(b"key: =\n", "x.yaml")
