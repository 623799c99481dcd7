"""plan-kpi schema: the JSON Schema editors use, generated from the file models."""

from __future__ import annotations

import json
import re
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()
CORE = "tag:yaml.org,2002:"


def as_the_editor_reads(path: Path) -> Any:
    """A YAML file as the YAML language server sees it (YAML 1.2 core schema)."""
    return editor_data(path.read_text(encoding="utf-8"))


def editor_data(text: str) -> Any:
    """YAML text as the YAML language server sees it (YAML 1.2 core schema).

    Plain 2021 is an integer and 61.005 a number, but 2021-10-31 stays text
    (YAML 1.2 has no timestamps). Numbers become Decimal, never float.
    """

    def build(node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            # JSON object keys are text: the language server matches 2021: against "2021".
            return {str(build(k)): build(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [build(item) for item in node.value]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == CORE + "int":
            return int(node.value)
        if node.tag == CORE + "float":
            return Decimal(node.value)
        if node.tag == CORE + "bool":
            return node.value.lower() == "true"
        if node.tag == CORE + "null":
            return None
        return node.value

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None
    return build(root)


def schema_of(kind: str) -> dict[str, Any]:
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def test_every_data_file_validates(seed: Path) -> None:
    targets = jsonschema.Draft202012Validator(schema_of("targets"))
    actuals = jsonschema.Draft202012Validator(schema_of("actuals"))
    targets.validate(as_the_editor_reads(seed / "targets.yaml"))
    files = sorted((seed / "actuals").glob("*.yaml"))
    assert len(files) >= 7
    for path in files:
        actuals.validate(as_the_editor_reads(path))


def test_a_typo_is_rejected(seed: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "2021-industry.yaml"
    text = (seed / "actuals" / "2021-industry.yaml").read_text(encoding="utf-8")
    wrong.write_text(text.replace("pct_of_previous:", "pct_of_previuos:", 1), encoding="utf-8")
    validator = jsonschema.Draft202012Validator(schema_of("actuals"))
    errors = list(validator.iter_errors(as_the_editor_reads(wrong)))
    assert errors, "a misspelt key must not validate"
    assert any("pct_of_previuos" in str(e.message) for e in errors)


def test_unknown_top_level_key_and_bad_enum_are_rejected() -> None:
    validator = jsonschema.Draft202012Validator(schema_of("targets"))
    plan: dict[str, Any] = {"id": "p", "title": "T", "locale": "vi"}
    good: dict[str, Any] = {
        "plan": plan,
        "indicators": [{"id": "a", "name": "A", "targets": {"2021": "1"}}],
    }
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "indicator": []})
    assert not validator.is_valid({**good, "plan": {**plan, "locale": "fr"}})
    bad_direction = [{"id": "a", "name": "A", "direction": "up"}]
    assert not validator.is_valid({**good, "indicators": bad_direction})


def test_numbers_may_be_text_or_numbers_and_periods_text_or_integers() -> None:
    validator = jsonschema.Draft202012Validator(schema_of("actuals"))
    assert validator.is_valid({"period": 2021, "values": {"a": "61.005", "b": Decimal("61.005")}})
    assert validator.is_valid({"period": "2021-12-31", "values": {"a": {"value": 15178}}})
    assert not validator.is_valid({"period": True, "values": {}})
    assert not validator.is_valid({"values": {"a": {"value": "1", "stated": {"pct": "2"}}}})


def test_bounds_have_their_forms_in_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(schema_of("actuals"))
    bounded = {"value": {"value": "90", "bound": "above"}, "stated": {"growth_pct": ">10"}}
    assert validator.is_valid({"period": 2021, "values": {"a": bounded, "b": "~22.294"}})
    about = {"value": {"value": "70", "bound": "about", "about_pct": "1"}}
    assert validator.is_valid({"period": 2021, "values": {"a": about}})
    assert not validator.is_valid(
        {"period": 2021, "values": {"a": {"value": {"value": "90", "bound": "over"}}}}
    )
    assert not validator.is_valid(
        {"period": 2021, "values": {"a": {"value": {"value": "90", "bond": "above"}}}}
    )
    # a period of days to a date is a period too
    assert validator.is_valid({"period": "2022-01-01/2022-12-15", "values": {"a": "1"}})
    # a value at another scale of its indicator's unit
    assert validator.is_valid({"period": 2022, "values": {"a": {"value": "1", "unit": "triệu"}}})


def test_named_targets_have_their_form_in_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(schema_of("targets"))
    plan = {
        "id": "p",
        "title": "T",
        "targets": {"central": "dự toán Trung ương giao", "provincial": {"vi": "HĐND"}},
        "default_target": "provincial",
    }

    def with_targets(targets: dict[str, Any]) -> dict[str, Any]:
        return {"plan": plan, "indicators": [{"id": "a", "targets": targets}]}

    assert validator.is_valid(with_targets({"2022": {"central": "1", "provincial": "2"}}))
    assert validator.is_valid(with_targets({"2022": {"central": {"value": "1"}}}))
    assert validator.is_valid(with_targets({"2022": {"value": "1", "source": "s"}}))
    # a target's own keys and names do not mix; a name is lowercase
    assert not validator.is_valid(with_targets({"2022": {"value": "1", "central": "2"}}))
    assert not validator.is_valid(with_targets({"2022": {"Central": "1"}}))
    actuals = jsonschema.Draft202012Validator(schema_of("actuals"))
    stated = {"value": "1", "stated": {"pct_of_target": "95", "against": "central"}}
    assert actuals.is_valid({"period": 2022, "values": {"a": stated}})


@pytest.mark.parametrize("kind", ["targets", "actuals"])
def test_committed_schema_files_are_what_the_command_prints(seed: Path, kind: str) -> None:
    committed = (seed / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    result = runner.invoke(app, ["schema", kind])
    assert committed == result.stdout, (
        f"data/schema/{kind}.schema.json is stale: "
        f"run plan-kpi schema {kind} > data/schema/{kind}.schema.json"
    )


def test_data_files_name_the_committed_schema(seed: Path) -> None:
    for path in [seed / "targets.yaml", *sorted((seed / "actuals").glob("*.yaml"))]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        assert (path.parent / first.removeprefix(prefix)).is_file(), path


DATA_FORMAT = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"


def docs_examples() -> list[tuple[int, str, Any]]:
    """Every YAML example of docs/data-format.md: its line, the file kind it is (a list of
    indicators is targets.yaml's), and its data as a file of that kind."""
    text = DATA_FORMAT.read_text(encoding="utf-8")
    examples = []
    for m in re.finditer(r"^( *)```yaml\n(.*?)^\1```", text, re.S | re.M):
        data = editor_data(textwrap.dedent(m[2]))
        line = text.count("\n", 0, m.start()) + 1
        if isinstance(data, list):  # indicators, as a part of targets.yaml
            examples.append(
                (line, "targets", {"plan": {"id": "p", "title": "T"}, "indicators": data})
            )
        elif "plan" in data or "indicators" in data:
            examples.append((line, "targets", data))
        else:
            examples.append((line, "actuals", data))
    return examples


def test_every_example_of_the_data_format_validates() -> None:
    validators = {k: jsonschema.Draft202012Validator(schema_of(k)) for k in ("targets", "actuals")}
    examples = docs_examples()
    assert len(examples) >= 10
    for line, kind, data in examples:
        errors = [e.message for e in validators[kind].iter_errors(data)]
        assert not errors, f"docs/data-format.md:{line}: {errors}"


def keys_in(data: Any) -> set[str]:
    """Every mapping key anywhere in the data."""
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in keys_in(v)}
    if isinstance(data, list):
        return {k for v in data for k in keys_in(v)}
    return set()


def test_the_data_format_shows_every_construct_of_issue_17() -> None:
    """An example of each in docs/data-format.md, and the schema takes each (the test above)."""
    examples = docs_examples()
    keys = {k for _, _, data in examples for k in keys_in(data)}
    wanted = {
        "formula", "breakdowns", "classification",  # relations, several classifications
        "excess_pct", "shortfall_pct", "times_previous", "change_pp",  # new stated keys
        "bound", "about_pct",  # qualifiers written out
        "targets", "default_target", "against",  # named targets
        "unit",  # a value at another scale
    }  # fmt: skip
    assert wanted <= keys, wanted - keys
    text = DATA_FORMAT.read_text(encoding="utf-8")
    for short in ('">90"', '"<5"', '"~22.294"', "2022-01-01/2022-12-15"):
        assert short in text, short


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("targets", {"plan": {"id": "p", "title": "T"}, "indicators": [{"id": "a", "formula": 1}]}),
        (
            "targets",
            {
                "plan": {"id": "p", "title": "T"},
                "indicators": [{"id": "a", "breakdowns": {"by_sex": "all"}}],
            },
        ),
        ("targets", {"plan": {"id": "p", "title": "T", "default_target": 1}, "indicators": []}),
        ("actuals", {"values": {"a": {"value": "1", "stated": {"excess_pct": {"valu": "1"}}}}}),
        ("actuals", {"values": {"a": {"value": {"value": "1", "bound": "over"}}}}),
        ("actuals", {"values": {"a": {"value": "1", "stated": {"change_p": "1"}}}}),
    ],
)
def test_the_schema_refuses_misspelt_new_keys(kind: str, data: Any) -> None:
    assert not jsonschema.Draft202012Validator(schema_of(kind)).is_valid(data)
