"""Vietnamese text: NFC and NFD forms are the same text, and no output mangles it.

Windows and most editors type NFC (one code point for "ộ"); macOS file names
and some copy-pastes give NFD (o + combining circumflex + combining dot).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.errors import PlanError
from plan_kpi.load.yamlfile import load_yaml

runner = CliRunner()
HERE = Path(__file__).resolve().parent
NAME = "Giá trị sản xuất công nghiệp"
OUTPUT_NAME = "Giá trị sản xuất công nghiệp (giá so sánh 2010)"  # the seed's, as in the document


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_the_forms_differ() -> None:
    assert nfd(NAME) != NAME
    assert unicodedata.normalize("NFC", nfd(NAME)) == NAME


def run(plan: Path, *args: str) -> str:
    result = runner.invoke(app, ["check", "--data", str(plan), "--period", "2021", *args])
    assert result.exit_code == 1, result.stderr
    return result.stdout


@pytest.fixture
def plans(tmp_path: Path) -> tuple[Path, Path]:
    """The same plan twice: as typed on Windows (NFC) and with every text in NFD."""
    nfc_plan = tmp_path / "nfc"
    shutil.copytree(HERE / "fine" / "bom-crlf", nfc_plan)
    nfd_plan = tmp_path / "nfd"
    shutil.copytree(nfc_plan, nfd_plan)
    for path in nfd_plan.rglob("*.yaml"):
        path.write_text(nfd(path.read_text(encoding="utf-8-sig")), encoding="utf-8")
    return nfc_plan, nfd_plan


@pytest.mark.parametrize(
    "args", [(), ("--format", "json"), ("--format", "csv"), ("--lang", "en"), ("--lang", "vi")]
)
def test_nfd_files_give_the_same_output_as_nfc(
    plans: tuple[Path, Path], args: tuple[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    nfc_plan, nfd_plan = plans
    assert NAME.encode() not in (nfd_plan / "targets.yaml").read_bytes()
    outputs = []
    for plan in (nfc_plan, nfd_plan):
        monkeypatch.chdir(plan)  # footnotes name files relative to the current folder
        outputs.append(run(Path("."), *args))
    assert outputs[0] == outputs[1]
    # long names wrap in the table, between words
    assert all(w in outputs[0] for w in NAME.split()) or "Industrial" in outputs[0]


def test_names_are_printed_in_nfc(plans: tuple[Path, Path]) -> None:
    _, nfd_plan = plans
    out = run(nfd_plan, "--format", "json")
    assert NAME in out  # NFC, written as is (not \\u escapes)
    assert json.loads(out)["rows"][0]["name"] == NAME


def test_keys_in_nfc_and_nfd_are_the_same_key() -> None:
    text = f'values:\n  "{NAME}": "1"\n  "{nfd(NAME)}": "2"\n'
    with pytest.raises(PlanError, match=r"duplicate key .*also at line 2"):
        load_yaml(text.encode(), "actuals/x.yaml")


def test_an_id_typed_in_nfd_is_read_as_nfc(tmp_path: Path) -> None:
    # ids are [a-z0-9_.] (ASCII), so an accented id is always a typo; it is
    # reported in NFC, whatever form it was typed in
    plan = tmp_path / "plan"
    shutil.copytree(HERE / "fine" / "bom-crlf", plan)
    (plan / "actuals" / "2021.yaml").write_text(
        f'period: 2021\nlocale: vi\nvalues:\n  "{nfd("sản_lượng")}": "1"\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["check", "--data", str(plan)])
    assert result.exit_code == 2
    assert "indicator 'sản_lượng' is not defined" in result.stderr


def test_vietnamese_is_never_mangled_in_any_output(seed: Path) -> None:
    table = run(seed, "--lang", "vi")
    assert all(word in table.split() for word in OUTPUT_NAME.split())  # it wraps, between words
    assert "Tổng hợp: đạt" in table and "không đạt" in table
    data = json.loads(run(seed, "--format", "json", "--lang", "vi"))
    rows = {row["indicator"]: row for row in data["rows"]}
    assert rows["industrial_output"]["name"] == OUTPUT_NAME
    assert rows["industrial_output"]["unit"] == "tỷ đồng"
    text = run(seed, "--format", "csv", "--lang", "vi")
    rows = {row["indicator"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["industrial_output"]["name"] == OUTPUT_NAME
    assert rows["industrial_output"]["unit"] == "tỷ đồng"
    for out in (table, text):
        assert unicodedata.normalize("NFC", out) == out
