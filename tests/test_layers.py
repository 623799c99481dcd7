"""The package's layers, lowest first; no module imports from a layer above its own.

core (numbers, periods, intervals, records, errors) < engine (quantities,
observations, equations, derivation, checks) < load (files to records) <
reports (data only) < say (every word) < render (tables, CSV, xlsx, JSON,
Markdown, HTML) < sheets (spreadsheets in and out) < cli (wiring). An import
inside a function or under TYPE_CHECKING counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import plan_kpi

LAYERS = ("core", "engine", "load", "reports", "say", "render", "sheets", "cli")
PACKAGE = Path(plan_kpi.__file__).parent

#: Upward imports not yet removed: each is a report builder that still writes words.
#: The list may only shrink; a new upward import fails the test.
KNOWN_UPWARD: set[tuple[str, str]] = set()


def _layer(module: str) -> int:
    """A module's layer: the package's top-level modules (the version) are the lowest."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return LAYERS.index("cli") if parts[1:2] == ["__main__"] else -1
    return LAYERS.index(parts[1])


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("plan_kpi"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "plan_kpi":
                found.update(f"plan_kpi.{alias.name}" for alias in node.names)
            elif node.module.startswith("plan_kpi."):
                found.add(node.module)
    return found


def upward_imports() -> set[tuple[str, str]]:
    """Every (importer, imported) pair where the imported module's layer is above."""
    result = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = _module_name(path)
        for imported in _imports(path):
            if _layer(imported) > _layer(importer):
                result.add((importer, imported))
    return result


def test_every_module_is_in_a_layer() -> None:
    loose = [
        _module_name(p)
        for p in PACKAGE.rglob("*.py")
        if _layer(_module_name(p)) == -1 and _module_name(p) != "plan_kpi"
    ]
    assert loose == [], f"modules outside the layers {LAYERS}: {loose}"


def test_no_import_runs_up_the_layers() -> None:
    new = upward_imports() - KNOWN_UPWARD
    assert not new, "imports from a higher layer:\n" + "\n".join(
        f"  {a} imports {b}" for a, b in sorted(new)
    )


def test_the_known_upward_imports_are_still_there() -> None:
    """A removed upward import leaves the list too, so the list only ever shrinks."""
    gone = KNOWN_UPWARD - upward_imports()
    assert not gone, "no longer imported; remove from KNOWN_UPWARD: " + ", ".join(
        f"{a} → {b}" for a, b in sorted(gone)
    )


def test_the_layer_test_sees_an_upward_import(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text("def f():\n    from plan_kpi.cli.common import load\n")
    assert _imports(source) == {"plan_kpi.cli.common"}
    assert _layer("plan_kpi.cli.common") > _layer("plan_kpi.core.numbers")
