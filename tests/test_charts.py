"""Charts as pictures: report --charts DIR and show --charts DIR, PNG and SVG, with matplotlib.

Every number on a chart is checked as the text drawn, computed by hand; the
bars' hatching, the target line and the files' bytes (the same each run)
are read back from the figure and the files.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.render.charts import Chart, attainment_chart, story_chart
from plan_kpi.reports.report import build_report
from plan_kpi.reports.show import build_story

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def texts(chart: Chart) -> list[str]:
    return [t.get_text() for t in chart.figure.findobj(Text) if t.get_text()]


def bars(chart: Chart) -> list[Rectangle]:
    """The bars: rectangles in the axes, not the frame nor the legend's keys."""
    (axes,) = chart.figure.axes
    return [p for p in axes.patches if isinstance(p, Rectangle)]


def report_chart(seed: Path, lang: Locale) -> Chart:
    plan = load_plan(seed)
    return attainment_chart(build_report(plan, derive(plan), parse_period("2021")), lang)


def test_attainment_chart_in_vietnamese(seed: Path) -> None:
    chart = report_chart(seed, "vi")
    drawn = texts(chart)
    # 61.005 / 70.962 = 85,97 %; 6.790.000 / 7.828.894,3 = 86,73 %; 15.178 / 15.000 = 101,19 %
    for label in ("85,97 %", "86,73 %", "101,19 %"):
        assert label in drawn
    # the axis reaches past 101,19 by the step of 20 (at most ten lines up to 120): 0 … 120
    assert [t.get_text() for t in chart.figure.axes[0].get_xticklabels()] == [
        "0",
        "20",
        "40",
        "60",
        "80",
        "100",
        "120",
    ]
    assert "Kế hoạch (100 %)" in drawn
    assert "Biểu đồ 1. Tỷ lệ thực hiện so với kế hoạch (%)" in drawn
    assert {"Đạt", "Không đạt"} <= set(drawn)  # the legend of the hatchings
    assert "Tuyển sinh đào tạo nghề" in drawn


def test_attainment_chart_reads_in_black_and_white(seed: Path) -> None:
    chart = report_chart(seed, "vi")
    drawn = bars(chart)
    assert len(drawn) == 3
    # missed, missed, met: the two kinds apart by their hatching alone
    hatches = [bar.get_hatch() for bar in drawn]
    assert all(hatches) and hatches[0] == hatches[1] != hatches[2]
    (axes,) = chart.figure.axes
    target = [
        line
        for line in axes.get_lines()
        if isinstance(line, Line2D) and line.get_linestyle() != "-"
    ]
    assert len(target) == 1
    assert target[0].get_xdata() == [100, 100]  # the target's 100 %, a dashed line


def test_attainment_chart_in_english(seed: Path) -> None:
    drawn = texts(report_chart(seed, "en"))
    assert {"85.97%", "86.73%", "101.19%", "Target (100%)", "Met", "Missed"} <= set(drawn)


def test_story_chart_numbers_are_the_locale_s(seed: Path) -> None:
    plan = load_plan(seed)
    chart = story_chart(build_story(plan, derive(plan), "industrial_output"), "vi")
    assert chart is not None
    drawn = texts(chart)
    # 2020 derived: 61.005 / 0,9219 = 66.173,1 ± 3,65, shown to the tens (66.170, marked *);
    # 2021 61.005; targets 70.962, 66.620
    assert {"66.170*", "61.005", "Kế hoạch 70.962", "Kế hoạch 66.620", "* số tính suy ra"} <= set(
        drawn
    )
    # the highest figure 70.962 → steps of 10.000 (7,1 steps, at most ten) up to 80.000
    ticks = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert ticks == [f"{k}0.000" if k else "0" for k in range(9)]
    assert [t.get_text() for t in chart.figure.axes[0].get_xticklabels()] == [
        "2020",
        "2021",
        "2022",
    ]
    (axes,) = chart.figure.axes
    # a dashed line for each year's target (2021, 2022): an on-off pattern, not a solid line
    styles: list[Any] = [c.get_linestyle() for c in axes.collections]
    assert [len(style[0][1] or []) for style in styles] == [2, 2]


def test_report_charts_dir_writes_png_and_svg(seed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    code, out, err = run("report", "--data", str(seed), "--charts", str(folder))
    assert code == 1, err
    assert out.startswith("# ")  # the report itself still goes to standard output
    assert sorted(p.name for p in folder.iterdir()) == [
        "attainment-2021.png",
        "attainment-2021.svg",
    ]
    png = (folder / "attainment-2021.png").read_bytes()
    assert png.startswith(PNG)
    svg = ET.parse(folder / "attainment-2021.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    text = (folder / "attainment-2021.svg").read_text(encoding="utf-8")
    assert "<text" not in text  # the glyphs are embedded as paths: no font needed to show it
    assert "<dc:date>" not in text and "plan-kpi" in text
    # the same chart gives the same bytes
    again = tmp_path / "again"
    run("report", "--data", str(seed), "--charts", str(again), "-q")
    for name in ("attainment-2021.png", "attainment-2021.svg"):
        assert (again / name).read_bytes() == (folder / name).read_bytes()


def test_charts_never_replace_a_file_without_force(seed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    folder.mkdir()
    (folder / "attainment-2021.svg").write_text("mine", encoding="utf-8")
    code, _, err = run("report", "--data", str(seed), "--charts", str(folder), "-q")
    assert code == 2
    assert "attainment-2021.svg already exists — give --force" in err
    assert sorted(p.name for p in folder.iterdir()) == ["attainment-2021.svg"]  # nor the PNG
    code, _, _ = run("report", "--data", str(seed), "--charts", str(folder), "-q", "--force")
    assert code == 1
    assert (folder / "attainment-2021.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_show_charts_dir(seed: Path, tmp_path: Path) -> None:
    code, out, _ = run(
        "show", "industrial_output", "--data", str(seed), "--charts", str(tmp_path), "-q"
    )
    assert (code, out) == (1, "")
    assert (tmp_path / "industrial_output.png").read_bytes().startswith(PNG)
    assert ET.parse(tmp_path / "industrial_output.svg").getroot().tag.endswith("svg")


def test_nothing_to_chart_is_said(seed: Path, tmp_path: Path) -> None:
    code, _, err = run("report", "--data", str(seed), "-p", "2022", "--charts", str(tmp_path))
    assert code == 2
    assert err.startswith("plan-kpi: --charts: the report of 2022 has no attainment to chart")
    assert list(tmp_path.iterdir()) == []


def test_text_from_data_is_drawn_as_written(plan_copy: Path) -> None:
    targets = plan_copy / "targets.yaml"
    name = "Thu $x^2$ \\\\alpha <b>&amp;"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace('"Tuyển sinh đào tạo nghề"', f'"{name}"', 1), encoding="utf-8")
    chart = report_chart(plan_copy, "vi")
    assert "Thu $x^2$ \\alpha <b>&amp;" in texts(chart)  # no TeX, no markup
    svg = chart.svg().decode("utf-8")
    ET.fromstring(svg)  # still well-formed XML


def test_missing_matplotlib_says_how_to_install(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code, out, err = run("report", "--data", str(seed), "--charts", str(tmp_path / "c"))
    assert (code, out) == (2, "")
    assert err == (
        "plan-kpi: --charts needs the matplotlib package — install it: "
        "pip install 'plan-kpi[charts]' (or: pip install matplotlib)\n"
    )
    assert not (tmp_path / "c").exists()


def test_a_report_without_charts_loads_no_matplotlib(seed: Path, tmp_path: Path) -> None:
    """Start-up is measured: the Markdown and HTML report draw no picture, so load no matplotlib."""
    for args in ([], ["-f", "html"]):
        code = (
            "import sys\n"
            "from plan_kpi.cli.app import main\n"
            f"sys.argv = ['plan-kpi', 'report', '--data', {str(seed)!r}, *{args!r}]\n"
            "try:\n    main()\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('matplotlib'))))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=dict(os.environ),
            check=True,
        )
        assert "Giá trị sản xuất công nghiệp" in result.stdout
        assert result.stderr == "[]"
