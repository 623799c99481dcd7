"""Load a plan folder: read every file, validate it, build the domain records.

Pipeline (as beancount's loader): parse each file keeping lines, validate its
shape against ``formats``, read numbers and periods in the file's locale,
then check references across files. Problems are collected, not raised one
at a time: a person fixing a file sees every problem in one run.
"""

from __future__ import annotations

import os
import re
import sys
import types
import typing
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails

from plan_kpi.core.aliases import figure_text, status_choices, status_of
from plan_kpi.core.errors import PlanError, Problem
from plan_kpi.core.formulas import FormulaError, parse_formula
from plan_kpi.core.messages import N_, NP_, Joined, Message, Number, one_of
from plan_kpi.core.models import (
    ABOUT_PCT,
    RELATIONS,
    TARGET_RELATIONS,
    Actual,
    ActualStatus,
    Bound,
    Classification,
    Figure,
    Formula,
    Indicator,
    Plan,
    PlanInfo,
    Source,
    Statement,
    Target,
    Text,
)
from plan_kpi.core.numbers import Locale, NumberError, figure_reader, parse_figure, plain
from plan_kpi.core.periods import Period, PeriodError, parse_period
from plan_kpi.core.quotes import quoted
from plan_kpi.core.records import field, record, replace
from plan_kpi.core.suggestions import Suggestions
from plan_kpi.core.units import factor as unit_factor
from plan_kpi.core.units import read_unit
from plan_kpi.load import csvfile
from plan_kpi.load import formats as f
from plan_kpi.load import qualifiers as q
from plan_kpi.load.csvfile import (
    VS_WITHOUT_FIGURES,
    csv_records,
    delimiter_of,
    too_many_rows,
    vs_not_before,
    width_problem,
)
from plan_kpi.load.files import inside, os_problem, read_file, too_big_targets, unreachable
from plan_kpi.load.formulas import formula_problems
from plan_kpi.load.places import ACTUALS, TARGETS, bundled_data
from plan_kpi.load.yamlfile import Document, decode, load_yaml, nfc, too_many_targets
from plan_kpi.load.yamlfile import Path as DataPath

ENV_DATA = "PLAN_KPI_DATA"

M = TypeVar("M", bound=BaseModel)


def resolve_data_dir(option: Path | None) -> Path:
    """--data, else $PLAN_KPI_DATA, else ./data when it holds a plan, else the bundled plan."""
    if option is not None:
        return option
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    local = Path("data")
    if os.path.lexists(local / TARGETS):  # a targets.yaml that cannot be read is said so
        return local
    return bundled_data()


def display(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it.

    A file of the bundled plan, seen from above the folder that holds it, is
    named as the package holds it (plan_kpi/bundled/actuals/2021-tax.yaml),
    so shared output does not show where plan-kpi is installed.
    """
    # the folder resolved, not the file: a link is named as the link (and a loop is named)
    resolved, here = Path(os.path.realpath(path.parent)) / path.name, Path.cwd().resolve()
    bundled = bundled_data()
    if resolved.is_relative_to(bundled) and not here.is_relative_to(bundled.parent):
        return str(Path("plan_kpi", "bundled", resolved.relative_to(bundled)))
    try:
        return str(resolved.relative_to(here))
    except ValueError:
        return str(path)


def load_plan(folder: Path, on_file: Callable[[Path], None] | None = None) -> Plan:
    """Read a plan folder into a Plan, or raise PlanError listing every problem.

    ``on_file(path)`` is called after each file is read (for a progress bar).
    """
    targets_path = folder / TARGETS
    if not folder.is_dir():
        unreached = unreachable(folder) if os.path.lexists(folder) else None
        not_a_folder = (
            N_(
                "a file, not a folder — give --data the folder that holds {targets} (or create "
                "one with 'plan-kpi init')",
                targets=TARGETS,
            )
            if folder.exists()
            else N_(
                "no such folder — give --data the folder that holds {targets} (or create one "
                "with 'plan-kpi init')",
                targets=TARGETS,
            )
        )
        raise PlanError([Problem(display(folder), None, None, unreached or not_a_folder)])
    if not os.path.lexists(targets_path):
        raise PlanError(
            [
                Problem(
                    display(folder),
                    None,
                    None,
                    N_(
                        "no {targets} in this folder — is it the plan's folder? "
                        "Create one with 'plan-kpi init'",
                        targets=TARGETS,
                    ),
                )
            ]
        )
    problems: list[Problem] = []
    warnings: list[Problem] = []
    info, indicators = _read_targets(targets_path, folder, problems, warnings)
    units = _units_of(indicators)
    if on_file is not None:
        on_file(targets_path)
    actuals: list[Actual] = []
    files, listed = actual_files(folder)
    problems.extend(listed)
    for path in files:
        if path.suffix.lower() in (".yaml", ".yml"):
            actuals.extend(_read_actuals_yaml(path, folder, info, units, problems, warnings))
        elif path.suffix.lower() == ".csv":
            actuals.extend(_read_actuals_csv(path, folder, info, units, problems))
        else:
            problems.append(
                Problem(
                    display(path),
                    None,
                    None,
                    N_(
                        "not a plan file — actuals are .yaml or .csv files; "
                        "move this file out of actuals/"
                    ),
                )
            )
        if on_file is not None:
            on_file(path)
    if info is not None:  # else every actual would be reported as unknown: noise
        problems.extend(_check_references(indicators, actuals))
        problems.extend(formula_problems(indicators, warnings))
    if problems or info is None:
        raise PlanError(problems)
    return Plan(
        info=info,
        indicators=_with_units(indicators),
        actuals=tuple(actuals),
        warnings=tuple(warnings),
    )


def _units_of(indicators: list[Indicator]) -> dict[str, Text]:
    """Each indicator's unit, a part without one in its parent's (parents not yet checked:
    a cycle or an unknown parent ends the walk)."""
    by_id = {indicator.id: indicator for indicator in indicators}
    units: dict[str, Text] = {}
    for indicator in indicators:
        seen = {indicator.id}
        current = indicator
        while not (current.unit.vi or current.unit.en) and current.parent in by_id:
            if current.parent in seen:
                break
            seen.add(current.parent)
            current = by_id[current.parent]
        units[indicator.id] = current.unit
    return units


#: a value typed at a scale that is not one of its indicator's unit
UNIT_DIFFERS = N_(
    "the unit {unit} is not the indicator's unit {own} at another scale ({base} is not "
    "{own_base}) — write the figure in {own}, or in nghìn, triệu or tỷ of it (thousand, "
    "million, billion)"
)
NO_OWN_UNIT = N_(
    "the unit {unit} has nothing to be converted to: the indicator has no unit — give it "
    "one in targets.yaml, or remove this one"
)
#: the stated figures that are levels of the value's unit (the others are percentages)
_LEVELS = frozenset({"previous", "change", "target"})


def _with_units(indicators: list[Indicator]) -> tuple[Indicator, ...]:
    """A part written without a unit is counted in its parent's unit: it adds up into it."""
    by_id = {indicator.id: indicator for indicator in indicators}

    def unit_of(indicator: Indicator) -> Text:
        while not (indicator.unit.vi or indicator.unit.en) and indicator.parent is not None:
            indicator = by_id[indicator.parent]  # parents are known and acyclic by now
        return indicator.unit

    return tuple(
        replace(indicator, unit=unit_of(indicator))
        if indicator.parent and not (indicator.unit.vi or indicator.unit.en)
        else indicator
        for indicator in indicators
    )


#: the suffixes of the files actuals/ holds
PLAN_SUFFIXES = (".yaml", ".yml", ".csv")


def actual_files(plan: Path) -> tuple[list[Path], list[Problem]]:
    """The files of the plan's actuals/ the loader reads (none when there is no such
    folder), and the problems of the folder.

    Hidden files (a name starting with '.') are not read: the temporary files
    plan-kpi writes through (``.2021.yaml.k2x9q1.tmp``) and a file manager's
    (``.DS_Store``) are left alone, and a hidden file that looks like actuals
    (``.2021.yaml``) is a problem, not a file skipped without a word.
    """
    folder = plan / ACTUALS
    if not os.path.lexists(folder):
        return [], []
    unreached = inside(folder, plan)
    if unreached is not None:
        return [], [Problem(display(folder), None, None, unreached)]
    try:
        paths = sorted(folder.iterdir())
    except NotADirectoryError:
        message = N_("is a file, not a folder — actuals/ is the folder of reports")
        return [], [Problem(display(folder), None, None, message)]
    except OSError as err:
        return [], [Problem(display(folder), None, None, os_problem(folder, err))]
    problems = [
        Problem(
            display(path),
            None,
            None,
            N_(
                "a hidden file (its name starts with '.'), which plan-kpi does not read — rename "
                "it without the dot to read it ({name}), or move it out of actuals/",
                name=path.name.lstrip("."),
            ),
        )
        for path in paths
        if path.name.startswith(".") and path.suffix.lower() in PLAN_SUFFIXES
    ]
    return [path for path in paths if not path.name.startswith(".")], problems


def _read_file(path: Path, plan: Path) -> Document:
    shown = display(path)
    return load_yaml(read_file(path, shown, plan), shown)


def _validate(model: type[M], doc: Document) -> M:
    try:
        return model.model_validate(doc.data)
    except ValidationError as err:
        raise PlanError(_validation_problems(err, model, doc)) from None


_KNOWN_KEYS = f.key_names()
#: What each shape of a short-or-long form is called, for people.
_SHAPES = {
    "text": N_("a text"),
    "mapping": N_("a block of keys (key: value)"),
    "list": N_("a list (lines starting with '- ')"),
}


def _validation_problems(
    err: ValidationError, model: type[BaseModel], doc: Document
) -> list[Problem]:
    """Each pydantic error as one message, at its line, in words for people.

    A misspelt key is one problem, not two: 'plann' is reported as unknown
    (did you mean 'plan'?) and the missing 'plan' is not reported again.
    """
    problems: list[tuple[DataPath | None, Problem]] = []  # (the missing key, its problem)
    meant: set[DataPath] = set()
    for error in err.errors(include_url=False):
        keys, _ = _follow(model, error["loc"])
        path = _data_path(doc.data, keys)
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(keys[-1])
            parent_keys, parent = _follow(model, error["loc"][:-1])
            close, fix = _did_you_mean(key, parent)
            if close:
                meant.add((*parent_keys, close))
            shown = quoted(key, strict=True)
            message = (
                N_("{key} does not belong here — {fix}", key=shown, fix=fix)
                if key in _KNOWN_KEYS
                else N_("unknown key {key} — {fix}", key=shown, fix=fix)
            )
            where = (*_data_path(doc.data, parent_keys), key)
            problems.append((None, doc.key_problem(where, message)))
            continue
        message = _value_problem(error, model, keys, in_file=bool(path))
        problems.append((keys if kind == "missing" else None, doc.problem(path, message)))
    return [problem for missing, problem in problems if missing is None or missing not in meant]


def _value_problem(
    error: ErrorDetails, model: type[BaseModel], keys: DataPath, in_file: bool
) -> Message:
    """What is wrong with a value (or a key missing), and how to fix it; ``in_file`` is
    False for a key missing at the top of the file."""
    kind = error["type"]
    key = _key_name(keys)
    got = _shown(error["input"])
    ctx = error.get("ctx", {})
    if kind == "missing":
        if in_file:
            return N_("missing key {key!r} — add it", key=key)
        return N_(
            "missing key {key!r} — add it (see docs/data-format.md for the file's layout)",
            key=key,
        )
    if error["input"] is None:
        _, parent = _follow(model, error["loc"][:-1])
        fields = getattr(parent, "model_fields", {})
        if isinstance(key, Message):  # an item of a list: no key to quote
            return N_("{key} is empty — write its value, or remove it", key=key)
        shown = quoted(key, strict=True)
        if key in fields and fields[key].is_required():
            return N_("{key} is empty — write its value", key=shown)
        return N_("{key} is empty — write its value, or remove it", key=shown)
    if kind == "union_tag_invalid":
        one, other = re.findall(r"'(\w+)'", str(ctx.get("expected_tags", "")))
        return N_(
            "{key} is {got} — write {one} or {other}",
            key=key,
            got=got,
            one=_SHAPES[one],
            other=_SHAPES[other],
        )
    if kind in ("model_type", "dict_type", "model_attributes_type") and not keys:
        return N_(
            "the file holds {got}, not keys — write the keys the file needs "
            "(see docs/data-format.md)",
            got=got,
        )
    shape = {
        "model_type": "mapping",
        "dict_type": "mapping",
        "model_attributes_type": "mapping",
        "list_type": "list",
        "string_type": "text",
    }.get(kind)
    if shape is not None:
        return N_("{key} is {got} — write {shape}", key=key, got=got, shape=_SHAPES[shape])
    if kind == "literal_error":
        allowed = one_of(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        if keys and keys[-1] == "status":
            return N_(
                "{key}: {got} is not allowed — write {allowed}",
                key=key,
                got=got,
                allowed=status_choices(),
            )
        return N_(
            "{key}: {got} is not allowed — write {allowed}", key=key, got=got, allowed=allowed
        )
    if kind == "bool_parsing":
        return N_("{key}: {got} is not true or false — write true or false", key=key, got=got)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", f.ID_PATTERN))
        allowed_chars, example = _ID_RULES[pattern]
        return N_(
            "{key}: {got} is not a valid id — ids are lowercase letters a-z, digits, {allowed} "
            "(no spaces, capitals or accents), e.g. {example}",
            key=key,
            got=got,
            allowed=allowed_chars,
            example=quoted(_id_like(str(error["input"]), pattern) or example),
        )
    # pydantic's own words, for an error the file formats do not lead to
    return N_(
        "{key}: {problem} (got {got}) — fix the value",
        key=key,
        problem=_short(error["msg"]),
        got=got,
    )


def _follow(model: Any, loc: tuple[int | str, ...]) -> tuple[DataPath, Any]:
    """Follow a pydantic error location through the file models.

    Returns the keys and indexes the user wrote (without the tags pydantic adds
    for a short-or-long form) and the type found there (None when unknown).
    """
    keys: list[str | int] = []
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        members = _tagged(current)
        if members and part in members:
            current = members[part]
            continue
        keys.append(part)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        elif typing.get_origin(current) in (dict, list):
            current = typing.get_args(current)[-1]
        else:
            current = None
    return tuple(keys), _unwrap(current)


def _unwrap(kind: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while True:
        if typing.get_origin(kind) is typing.Annotated:
            kind = typing.get_args(kind)[0]
        elif typing.get_origin(kind) in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(kind) if a is not type(None)]
            if len(args) != 1:
                return kind
            kind = args[0]
        else:
            return kind


def _tagged(kind: Any) -> dict[str, Any]:
    """The members of a short-or-long form by their tag ('text', 'mapping', 'list')."""
    if typing.get_origin(kind) not in (typing.Union, types.UnionType):
        return {}
    members = {}
    for member in typing.get_args(kind):
        for meta in getattr(member, "__metadata__", ()):
            if isinstance(meta, Tag):
                members[meta.tag] = member
    return members


def _key_name(keys: DataPath) -> Message | str:
    """The key an error is about; for an item of a list, 'key item N'."""
    if not keys:
        return ""
    if isinstance(keys[-1], int):
        if len(keys) == 1:
            return N_("list item {number}", number=keys[-1] + 1)
        return N_("{key} item {number}", key=_key_name(keys[:-1]), number=keys[-1] + 1)
    return str(keys[-1])


def _did_you_mean(key: str, model: Any) -> tuple[str | None, Message]:
    """The key meant by a misspelt one (one of the keys allowed at that place), and the fix.

    A key of the format that belongs elsewhere (a value's own 'locale') is not
    misspelt: the fix lists the keys allowed here.
    """
    allowed = (
        list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []
    )
    # only a key allowed here: one of another place would be refused in its turn
    known = allowed or sorted(_KNOWN_KEYS - {key})
    close = Suggestions(known).closest(key)
    listed = N_("the keys allowed here are {keys}", keys=", ".join(allowed)) if allowed else None
    if key in _KNOWN_KEYS:
        return None, listed or N_("remove it")
    if close:
        return close, N_("did you mean {name!r}?", name=close)
    return None, listed or N_("remove it or fix its spelling")


def _data_path(data: Any, loc: tuple[int | str, ...]) -> DataPath:
    """The path into the data that a pydantic error location points at."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
            path.append(part)
    return tuple(path)


def _short(message: str) -> str:
    return message[0].lower() + message[1:] if message else message


def _shown(value: Any) -> Message | str:
    """A value for an error message, kept short (it may be hostile or huge)."""
    if isinstance(value, dict):
        return N_("a mapping")
    if isinstance(value, list):
        return N_("a list")
    return quoted(value, strict=True) if isinstance(value, str) else repr(value)


#: what each kind of id may hold, and an example of one
_ID_RULES = {
    f.ID_PATTERN: (N_("'_' and '.'"), "industrial_output"),
    f.PLAN_ID_PATTERN: (N_("'_', '.' and '-'"), "dong-thap-2022"),
}


def _id_like(text: str, pattern: str) -> str | None:
    """The id a person probably meant ('jobs-x' → 'jobs_x', 'Sản lượng' → 'san_luong'), when
    it is one the pattern accepts."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    joiner = "-" if pattern == f.PLAN_ID_PATTERN else "_"
    candidate = re.sub(r"[^a-z0-9_.]+" if joiner == "_" else r"[^a-z0-9_.-]+", joiner, plain)
    candidate = candidate.strip("_.-")
    return candidate if candidate and re.fullmatch(pattern, candidate) else None


#: how many figures read in a locale the file does not name are warned of, a file
_WARNED = 5
_AMBIGUOUS = re.compile(r"[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}")
_OTHER: dict[Locale, Locale] = {"vi": "en", "en": "vi"}
_ROLES: dict[tuple[Locale, str], Message] = {
    ("vi", "."): N_("groups thousands"),
    ("vi", ","): N_("marks decimals"),
    ("en", ","): N_("groups thousands"),
    ("en", "."): N_("marks decimals"),
}


def _read_in_unnamed_locale(unnamed: str, **values: object) -> Message:
    """A figure read in a locale its file does not name: the plan's (an actuals file), or
    the default (targets.yaml), and where to name it."""
    if unnamed == "targets":
        return N_(
            "warning: {text} is read as {value} in {locale!r}, the default locale (where "
            "{mark!r} {role}), but would be {otherwise} in {other!r} — write 'locale: {locale}' "
            "under 'plan:' to confirm it, or 'locale: {other}'",
            **values,
        )
    return N_(
        "warning: {text} is read as {value} in {locale!r}, the plan's locale (where {mark!r} "
        "{role}), but would be {otherwise} in {other!r} — write 'locale: {locale}' in the "
        "file to confirm it, or 'locale: {other}'",
        **values,
    )


def _more_read_in_unnamed_locale(unnamed: str, count: int, **values: object) -> Message:
    """The figures past the first few warned of, counted in one warning."""
    if unnamed == "targets":
        return NP_(
            "warning: {count} more figure of the file is read in {locale!r}, the default "
            "locale, and would read otherwise in {other!r} — write 'locale: {locale}' under "
            "'plan:' to confirm it",
            "warning: {count} more figures of the file are read in {locale!r}, the default "
            "locale, and would read otherwise in {other!r} — write 'locale: {locale}' under "
            "'plan:' to confirm them",
            count,
            **values,
        )
    return NP_(
        "warning: {count} more figure of the file is read in {locale!r}, the plan's locale, "
        "and would read otherwise in {other!r} — write 'locale: {locale}' in the file to "
        "confirm it",
        "warning: {count} more figures of the file are read in {locale!r}, the plan's locale, "
        "and would read otherwise in {other!r} — write 'locale: {locale}' in the file to "
        "confirm them",
        count,
        **values,
    )


class _UsualFigures:
    """The usual figures of one file (digits and marks: core.reader's grammar), each text
    read once: called with a text, the text as first read and its value, or None for a
    text the general path is to read. A report repeats its percentages: their figures
    then hold one text and one Decimal."""

    __slots__ = ("_found", "_read")

    def __init__(self, locale: Locale) -> None:
        self._read = figure_reader(locale).read
        self._found: dict[str, tuple[str, Decimal]] = {}

    def __call__(self, text: str) -> tuple[str, Decimal] | None:
        found = self._found.get(text)
        if found is None:
            value = self._read(text)
            if value is None:
                return None
            found = self._found[text] = (text, value)
        return found


@record(frozen=False)
class _Reader:
    """Reads figures and periods of one file, collecting problems.

    ``unnamed`` says where the locale came from when the file names none
    ('actuals': the plan's; 'targets': the default): each figure that would
    read otherwise in the other locale is then a warning.
    """

    doc: Document
    locale: Locale
    problems: list[Problem]
    unnamed: str | None = None
    warnings: list[Problem] = field(default_factory=list)
    #: figures read in a locale the file does not name that would read otherwise
    ambiguous: int = 0
    #: the plan's target names, and its default one
    target_names: tuple[str, ...] = ()
    default_target: str | None = None
    #: each indicator's unit (a part's, its parent's when it has none of its own)
    units: dict[str, Text] = field(default_factory=dict)
    #: each period read, by its text: a file names the same few periods again and again
    periods: dict[str, Period] = field(default_factory=dict, repr=False, compare=False)
    #: each usual figure of the file, read once by its text
    usual: _UsualFigures = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.usual = _UsualFigures(self.locale)

    def in_unit(
        self, indicator: str, unit: str | None, path: DataPath, figures: list[Figure | None]
    ) -> list[Figure | None]:
        """Levels typed in ``unit`` ('triệu USD'), each with the power of ten that takes it
        into the indicator's unit ('tỷ USD': 0.001); a problem when that is no scale of it."""
        if unit is None or indicator not in self.units:
            return figures
        own = self.units[indicator]
        written = [text for text in (own.get(self.locale), own.vi, own.en) if text]
        if not written:
            self.problems.append(self.doc.problem(path, N_(NO_OWN_UNIT.text, unit=quoted(unit))))
            return figures
        factor = next((f for f in (unit_factor(unit, text) for text in written) if f), None)
        if factor is None:
            message = N_(
                UNIT_DIFFERS.text,
                unit=quoted(unit),
                own=quoted(written[0]),
                base=quoted(read_unit(unit).base),
                own_base=quoted(read_unit(written[0]).base),
            )
            self.problems.append(self.doc.problem(path, message))
            return figures
        return [
            None
            if figure is None
            else replace(figure, unit=unit, factor=None if factor == 1 else factor)
            for figure in figures
        ]

    def target_name(self, name: str, path: DataPath) -> str | None:
        """A target's name as written, if the plan declares it (else a problem, and None)."""
        if name in self.target_names:
            return name
        if not self.target_names:
            self.problems.append(self.doc.key_problem(path, N_(NO_TARGETS.text, name=quoted(name))))
        else:
            self.problems.append(
                self.doc.key_problem(path, _not_a_target(name, list(self.target_names)))
            )
        return None

    def with_targets_of(self, info: PlanInfo | None) -> None:
        if info is not None:
            self.target_names, self.default_target = info.target_names, info.default_target

    def own_name(self, name: str | None) -> str | None:
        """A declared name as the engine holds it: the default target is None."""
        return None if name == self.default_target else name

    def source(self, path: DataPath) -> Source:
        line, column = self.doc.lines.get(path) or self.doc.at(path)
        return Source(file=self.doc.file, line=line, column=column)

    def key_source(self, path: DataPath) -> Source:
        """Where the key of path is written (the line a person looks for)."""
        line, column = self.doc.keys.get(path) or self.doc.at(path)
        return Source(file=self.doc.file, line=line, column=column)

    def figure(
        self,
        written: str | f.FigureSpec | None,
        path: DataPath,
        bounds: bool = True,
        key: str | None = None,
    ) -> Figure | None:
        """A figure as typed, with its qualifier (">90", {value: "90", bound: above}) taken
        off before the number is read; ``bounds`` False where the format takes none; ``key``
        the relation it is of (a percentage's ending '%' is left out)."""
        if written is None:
            return None
        if type(written) is str:  # the usual figure, "61.005": read as the rest of this would
            plain_text = written if key is None else figure_text(written, key)
            read = self.usual(plain_text)
            if read is not None:  # digits and marks only: no qualifier, nothing to refuse
                typed, usual = read
                if self.unnamed is not None and _AMBIGUOUS.fullmatch(typed.strip()):
                    self._warn_of_locale(typed, usual, path)
                return Figure(value=usual, at=self.source(path), text=typed)
        spec = written if isinstance(written, f.FigureSpec) else None
        text = spec.value if spec is not None else written
        at = (*path, "value") if spec is not None else path
        assert isinstance(text, str)
        if key is not None:
            text = figure_text(text, key)
        bound, number = q.split(text)
        if spec is not None and spec.bound is not None:
            if bound is not None:
                message = N_(q.BOUND_TWICE.text, text=quoted(text), bound=spec.bound)
                self.problems.append(self.doc.problem(at, message))
                return None
            bound = spec.bound
        if bound is not None and not number.strip():
            self.problems.append(self.doc.problem(at, q.no_figure(quoted(text))))
            return None
        value = self._number(number, at)
        if value is None:
            return None
        if bound is not None and not bounds:
            message = N_(q.NO_BOUND_HERE.text, text=quoted(text), number=number.strip())
            self.problems.append(self.doc.problem(at, message))
            return None
        width = self._width(spec, bound, number.strip(), path)
        if bound == "about" and width is None:
            return None
        return Figure(value=value, at=self.source(at), text=text, bound=bound, about_pct=width)

    def _number(self, text: str, path: DataPath) -> Decimal | None:
        try:
            value = parse_figure(text, self.locale)
        except NumberError as err:
            self.problems.append(self.doc.problem(path, _message_of(err)))
            return None
        if self.unnamed is not None and _AMBIGUOUS.fullmatch(text.strip()):
            self._warn_of_locale(text, value, path)
        return value

    def _width(
        self, spec: f.FigureSpec | None, bound: Bound | None, number: str, path: DataPath
    ) -> Decimal | None:
        """The width of 'about' (a percentage of the value), ABOUT_PCT unless given."""
        if spec is None or spec.about_pct is None:
            return ABOUT_PCT if bound == "about" else None
        where = (*path, "about_pct")
        if bound != "about":
            self.problems.append(
                self.doc.problem(where, N_(q.WIDTH_WITHOUT_ABOUT.text, number=number))
            )
            return None
        width = self._number(spec.about_pct, where)
        if width is not None and width <= 0:
            message = N_(q.BAD_WIDTH.text, text=quoted(spec.about_pct))
            self.problems.append(self.doc.problem(where, message))
            return None
        return width

    def _warn_of_locale(self, text: str, value: Decimal, path: DataPath) -> None:
        """A figure such as '61.005' or '1,250', read in a locale the file does not name."""
        assert self.unnamed is not None
        other = _OTHER[self.locale]
        try:
            otherwise = parse_figure(text, other)
        except NumberError:
            return
        self.ambiguous += 1
        if self.ambiguous > _WARNED:
            return
        mark = next(c for c in text if c in ".,")
        self.warnings.append(
            self.doc.problem(
                path,
                _read_in_unnamed_locale(
                    self.unnamed,
                    text=quoted(text.strip()),
                    value=Number(Decimal(plain(value)), grouped=False),
                    locale=self.locale,
                    mark=mark,
                    role=_ROLES[self.locale, mark],
                    otherwise=Number(Decimal(plain(otherwise)), grouped=False),
                    other=other,
                ),
            )
        )

    def warned(self) -> list[Problem]:
        """The warnings of the file; past the first few, one line counting the others."""
        if self.ambiguous <= _WARNED:
            return self.warnings
        more = _more_read_in_unnamed_locale(
            self.unnamed or "actuals",
            self.ambiguous - _WARNED,
            locale=self.locale,
            other=_OTHER[self.locale],
        )
        return [*self.warnings[:_WARNED], Problem(self.doc.file, None, None, more)]

    def period(self, text: str, path: DataPath) -> Period | None:
        known = self.periods.get(text)
        if known is not None:
            return known
        try:
            period = parse_period(text)
        except PeriodError as err:
            self.problems.append(self.doc.problem(path, _message_of(err)))
            return None
        self.periods[text] = period
        return period


def _message_of(err: NumberError | PeriodError) -> Message:
    """The Message a figure or a period that cannot be read is refused with."""
    return err.message


def _text(value: str | f.LocalText | None, locale: Locale) -> Text:
    if value is None:
        return Text()
    if isinstance(value, str):
        return Text(**{locale: value})
    return Text(vi=value.vi, en=value.en)


def _read_targets(
    path: Path, plan: Path, problems: list[Problem], warnings: list[Problem]
) -> tuple[PlanInfo | None, list[Indicator]]:
    try:
        shown = display(path)
        raw = read_file(path, shown, plan, too_big_targets)
        doc = load_yaml(raw, shown, too_many_targets())
        spec = _validate(f.TargetsFile, doc)
    except PlanError as err:
        problems.extend(err.problems)
        return None, []
    locale: Locale = spec.plan.locale
    # the file's lines, to place a formula's problem at its column
    lines = decode(raw, doc.file).splitlines() if any(i.formula for i in spec.indicators) else []
    named = "locale" in spec.plan.model_fields_set
    reader = _Reader(doc, locale, problems, unnamed=None if named else "targets")
    names, default = _target_names(spec.plan, doc, locale, problems)
    reader.target_names, reader.default_target = tuple(name for name, _ in names), default
    info = PlanInfo(
        id=spec.plan.id,
        title=spec.plan.title,
        issuer=spec.plan.issuer,
        locale=locale,
        source=spec.plan.source,
        targets=names,
        default_target=default,
    )
    indicators = []
    for i, ind in enumerate(spec.indicators):
        base: DataPath = ("indicators", i)
        targets = []
        spelt: dict[Period, str] = {}  # each period's first spelling: 2021, 2021-01/2021-12
        for key, written in ind.targets.items():
            tpath = (*base, "targets", key)
            period = reader.period(key, tpath)
            if period is not None and period in spelt:
                first = spelt[period]
                problems.append(
                    doc.key_problem(
                        tpath,
                        N_(
                            "{key} is the period {period}, which line {line} gives already as "
                            "{first} — keep one of them",
                            key=quoted(key),
                            period=str(period),
                            line=doc.keys[(*base, "targets", first)][0],
                            first=quoted(first),
                        ),
                    )
                )
                continue
            if period is not None:
                spelt[period] = key
            if not isinstance(written, dict):  # the plan's one target (None: the default)
                target = _target(reader, written, tpath, period, None)
                if target is not None:
                    targets.append(target)
                continue
            # targets by name, {central: …, provincial: …}: each name checked first
            entries = [
                (name, each, (*tpath, name))
                for name, each in written.items()
                if reader.target_name(name, (*tpath, name)) is not None
            ]
            for name, each, epath in entries:
                target = _target(reader, each, epath, period, reader.own_name(name))
                if target is not None:
                    targets.append(target)
        indicators.append(
            Indicator(
                id=sys.intern(ind.id),  # the actuals' ids are the same string objects
                name=_text(ind.name, locale) if ind.name else Text(**{locale: ind.id}),
                unit=_text(ind.unit, locale),
                direction=ind.direction,
                parent=ind.parent,
                breakdown=ind.breakdown,
                breakdowns=_classifications(ind, base, doc, locale, problems),
                classification=ind.classification,
                formula=_formula(ind, base, doc, lines, locale, problems),
                rounded=ind.rounded,
                source=ind.source,
                section=ind.section,
                agency=ind.agency,
                note=ind.note,
                targets=tuple(sorted(targets, key=lambda t: t.period)),
                at=reader.source(base),
            )
        )
    problems.extend(_classified(spec.indicators, doc))
    warnings.extend(reader.warned())
    return info, indicators


def _target(
    reader: _Reader,
    written: str | f.TargetSpec,
    path: DataPath,
    period: Period | None,
    name: str | None,
) -> Target | None:
    """One target of a period, the one named ``name`` (None: the plan's): a level or a
    growth (no bound: a target is a level)."""
    if isinstance(written, str):  # the short form, the level alone: nothing to validate
        value = reader.figure(written, path, bounds=False)
        if period is None:
            return None
        # the level is where the target is: one Source for both
        at = value.at if value is not None else reader.source(path)
        return Target(period=period, name=name, value=value, at=at)
    target = written
    if target.value is None and target.growth_pct is None:
        reader.problems.append(
            reader.doc.problem(
                path,
                N_(
                    "a target needs 'value' or 'growth_pct' — "
                    "write the level or the growth the plan sets"
                ),
            )
        )
        return None
    value = reader.figure(target.value, (*path, "value"), bounds=False)
    growth = reader.figure(
        figure_text(target.growth_pct, "growth_pct"), (*path, "growth_pct"), bounds=False
    )
    if period is None:
        return None
    return Target(
        period=period,
        name=name,
        value=value,
        growth_pct=growth,
        source=target.source,
        note=target.note,
        at=reader.source(path),
    )


#: a target name that is not one the plan declares
NOT_A_TARGET = N_("{name} is not one of the plan's targets ({names}) — {hint}")
NO_TARGETS = N_(
    "{name}: the plan names no targets — name them under plan: in targets.yaml (targets: "
    "{{central: …, provincial: …}}), or write the period's target as one level"
)
NAME_IT = N_("name it under plan: targets in targets.yaml")
MEANT = N_("did you mean {name}?")
DEFAULT_WITHOUT_TARGETS = N_(
    "default_target {name} chooses among the plan's targets, and it names none — name them "
    "(targets: {{central: …, provincial: …}}), or remove default_target"
)
BAD_TARGET_NAME = N_(
    "{name} is not a target name — names are lowercase letters a-z, digits and '_', e.g. provincial"
)
AGAINST_NOTHING = N_(
    "against names the target a 'target', 'pct_of_target', 'excess_pct' or 'shortfall_pct' is "
    "of, and this group has none — remove it, or write the figure it is of"
)
_TARGET_NAME = re.compile(r"[a-z0-9_]+")


def _target_names(
    spec: f.PlanBlock, doc: Document, locale: Locale, problems: list[Problem]
) -> tuple[tuple[tuple[str, Text], ...], str | None]:
    """The plan's targets by name, each with its name for people, and the default one."""
    names: list[tuple[str, Text]] = []
    for name, text in (spec.targets or {}).items():
        if not _TARGET_NAME.fullmatch(name):
            message = N_(BAD_TARGET_NAME.text, name=quoted(name, strict=True))
            problems.append(doc.key_problem(("plan", "targets", name), message))
            continue
        names.append((name, _text(text, locale) if text else Text(**{locale: name})))
    default = spec.default_target
    path = ("plan", "default_target")
    if default is None:
        return tuple(names), names[0][0] if names else None
    if not spec.targets:
        problems.append(doc.problem(path, N_(DEFAULT_WITHOUT_TARGETS.text, name=quoted(default))))
        return tuple(names), None
    known = [name for name, _ in names]
    if default not in known:
        problems.append(doc.problem(path, _not_a_target(default, known)))
        return tuple(names), known[0] if known else None
    return tuple(names), default


def _not_a_target(name: str, known: list[str]) -> Message:
    close = Suggestions(known).closest(name)
    hint = N_(MEANT.text, name=repr(close)) if close else NAME_IT
    return N_(NOT_A_TARGET.text, name=quoted(name), names=", ".join(known), hint=hint)


def _formula(
    ind: f.IndicatorSpec,
    base: DataPath,
    doc: Document,
    lines: list[str],
    locale: Locale,
    problems: list[Problem],
) -> Formula | None:
    """An indicator's formula, parsed; a problem at the column of the text it is about."""
    if ind.formula is None:
        return None
    path = (*base, "formula")
    line, column = doc.at(path)
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    start = column - 1
    quote = 1 if here[start : start + 1] in ("'", '"') else 0
    text = ind.formula
    first = column + quote if here[start + quote : start + quote + len(text)] == text else None
    at = Source(file=doc.file, line=line, column=column)
    try:
        expression = parse_formula(text, locale)
    except FormulaError as err:
        place = at if first is None else Source(file=doc.file, line=line, column=first + err.offset)
        problems.append(_at(place, err.message))
        return None
    return Formula(text=text, expression=expression, at=at, column=first)


def _classifications(
    ind: f.IndicatorSpec, base: DataPath, doc: Document, locale: Locale, problems: list[Problem]
) -> tuple[Classification, ...]:
    """A parent's classifications (``breakdowns:``), each with its kind and name."""
    if ind.breakdowns is None:
        return ()
    path = (*base, "breakdowns")
    if not ind.breakdowns:
        problems.append(
            doc.problem(
                path,
                N_(
                    "breakdowns names no classification — write each with its kind "
                    "(by_sex: complete), or write breakdown: for a single one"
                ),
            )
        )
    if "breakdown" in ind.model_fields_set:
        problems.append(
            doc.key_problem(
                (*base, "breakdown"),
                N_(
                    "breakdown: and breakdowns: both given — breakdowns: names each "
                    "classification with its kind; remove breakdown:"
                ),
            )
        )
    result = []
    for key, written in ind.breakdowns.items():
        spec = f.ClassificationSpec(breakdown=written) if isinstance(written, str) else written
        name = _text(spec.name, locale) if spec.name is not None else Text()
        result.append(Classification(key=key, breakdown=spec.breakdown, name=name))
    return tuple(result)


def _classified(specs: list[f.IndicatorSpec], doc: Document) -> Iterator[Problem]:
    """Each part names one of its parent's classifications, when its parent has several."""
    parents = {spec.id: spec for spec in specs}
    for i, spec in enumerate(specs):
        parent = parents.get(spec.parent) if spec.parent is not None else None
        declared = list(parent.breakdowns or {}) if parent is not None else []
        path: DataPath = ("indicators", i, "classification")
        if spec.classification is None:
            if declared:
                assert parent is not None
                yield doc.key_problem(
                    ("indicators", i),
                    N_(
                        "{part} is a part of {parent}, which classifies its parts ({names}) — "
                        "give {part} 'classification:' with one of them",
                        part=quoted(spec.id),
                        parent=quoted(parent.id),
                        names=", ".join(declared),
                    ),
                )
            continue
        if spec.parent is None:
            yield doc.problem(
                path,
                N_(
                    "classification: {name} needs a parent — give {part} 'parent:', "
                    "or remove classification:",
                    name=quoted(spec.classification),
                    part=quoted(spec.id),
                ),
            )
        elif parent is None:
            continue  # the unknown parent is said where references are checked
        elif spec.classification not in declared:
            close = Suggestions(declared).closest(spec.classification) if declared else None
            if close is not None:
                hint = N_("did you mean {close}?", close=quoted(close))
            elif declared:
                hint = N_(
                    "its classifications are {names}; or add it to the breakdowns: of {parent}",
                    names=", ".join(declared),
                    parent=quoted(parent.id),
                )
            else:
                hint = N_(
                    "declare it on {parent}: 'breakdowns: {{{name}: complete}}'",
                    parent=quoted(parent.id),
                    name=spec.classification,
                )
            yield doc.problem(
                path,
                N_(
                    "classification {name} is not one of the breakdowns of {parent} — {hint}",
                    name=quoted(spec.classification),
                    parent=quoted(parent.id),
                    hint=hint,
                ),
            )


def _read_actuals_yaml(
    path: Path,
    plan: Path,
    info: PlanInfo | None,
    units: dict[str, Text],
    problems: list[Problem],
    warnings: list[Problem],
) -> Iterator[Actual]:
    """An actuals YAML file, read in its own locale or, when it names none, the plan's."""
    try:
        doc = _read_file(path, plan)
        spec = _validate(f.ActualsFile, doc)
    except PlanError as err:
        problems.extend(err.problems)
        return
    reader = _Reader(
        doc,
        spec.locale or (info.locale if info else "en"),
        problems,
        unnamed=None if spec.locale is not None else "actuals",
        units=units,
    )
    reader.with_targets_of(info)
    yield from _actuals_of(spec, doc, reader)
    warnings.extend(reader.warned())


#: a value with no period of its own, in a file with none
NO_PERIOD = N_("no period — give the file a 'period:' or this value a 'period:'")


def _actuals_of(spec: f.ActualsFile, doc: Document, reader: _Reader) -> Iterator[Actual]:
    problems = reader.problems
    file_period = reader.period(spec.period, ("period",)) if spec.period is not None else None
    for key, written in spec.values.items():
        vpath: DataPath = ("values", key)
        indicator = sys.intern(nfc(key))
        if isinstance(written, str):  # the short form, the value alone: nothing to validate
            if spec.period is None:
                problems.append(doc.problem(vpath, NO_PERIOD))
                continue
            value = reader.figure(written, vpath)
            if file_period is not None:
                yield Actual(
                    indicator=indicator,
                    period=file_period,
                    value=value,
                    status=spec.status,
                    source=spec.source,
                    at=reader.key_source(vpath),
                )
            continue
        entry = written
        value_path = (*vpath, "value")
        if entry.period is not None:
            period = reader.period(entry.period, (*vpath, "period"))
        elif spec.period is None:
            problems.append(doc.problem(vpath, NO_PERIOD))
            continue
        else:
            period = file_period
        stated = entry.stated
        groups = [] if stated is None else stated if isinstance(stated, list) else [stated]
        statements: list[Statement] = []
        for g, group in enumerate(groups):
            gpath: DataPath = (
                (*vpath, "stated", g) if isinstance(stated, list) else (*vpath, "stated")
            )
            statements.extend(_statements(group, gpath, reader, period))
        actual_value = reader.figure(entry.value, value_path)
        if entry.unit is not None:  # a level typed at another scale: 180,8 triệu USD
            actual_value, statements = _in_unit(
                reader, indicator, entry.unit, (*vpath, "unit"), actual_value, statements
            )
        if entry.value is None and not groups:
            problems.append(
                doc.problem(
                    vpath,
                    N_("neither a value nor stated figures — write 'value:' or 'stated:'"),
                )
            )
            continue
        if period is None:
            continue
        yield Actual(
            indicator=indicator,
            period=period,
            value=actual_value,
            status=entry.status or spec.status,
            source=entry.source or spec.source,
            where=entry.where,
            statements=tuple(statements),
            at=reader.key_source(vpath),
        )


def _in_unit(
    reader: _Reader,
    indicator: str,
    unit: str,
    path: DataPath,
    value: Figure | None,
    statements: list[Statement],
) -> tuple[Figure | None, list[Statement]]:
    """The value and its stated levels (previous, change, target) typed in ``unit``."""
    levels = [s for s in statements if s.relation in _LEVELS]
    figures = reader.in_unit(indicator, unit, path, [value, *(s.figure for s in levels)])
    converted = dict(zip((id(s) for s in levels), figures[1:], strict=True))
    return figures[0], [
        replace(s, figure=converted[id(s)] or s.figure) if id(s) in converted else s
        for s in statements
    ]


def _statements(
    group: f.StatedSpec, path: DataPath, reader: _Reader, period: Period | None
) -> Iterator[Statement]:
    """The stated figures of one group; ``period`` is the figure's own (None when unread)."""
    vs = reader.period(group.vs, (*path, "vs")) if group.vs is not None else None
    if vs is not None and period is not None and not vs.end < period.end:
        reader.problems.append(reader.doc.problem((*path, "vs"), vs_not_before(vs, period)))
        vs = None
    against = None
    if group.against is not None:
        against_path = (*path, "against")
        if all(getattr(group, relation) is None for relation in TARGET_RELATIONS):
            reader.problems.append(reader.doc.problem(against_path, AGAINST_NOTHING))
        elif reader.target_name(group.against, against_path) is not None:
            against = reader.own_name(group.against)
    found = False
    for relation in RELATIONS:
        text = getattr(group, relation)
        if text is None:
            continue
        found = True
        figure = reader.figure(text, (*path, relation), bounds=relation != "target", key=relation)
        if figure is not None:
            yield Statement(
                relation=relation,
                figure=figure,
                vs=vs,
                where=group.where,
                against=against if relation in TARGET_RELATIONS else None,
            )
    if not found:
        reader.problems.append(
            reader.doc.problem(
                path,
                N_(
                    "stated names no figure — write one of {relations}",
                    relations=", ".join(RELATIONS),
                ),
            )
        )


_CSV_REQUIRED = ("indicator", "period", "value")
_CSV_OPTIONAL = ("status", "source", "where", "vs", "against", "unit", *RELATIONS)


def _read_actuals_csv(
    path: Path, plan: Path, info: PlanInfo | None, units: dict[str, Text], problems: list[Problem]
) -> Iterator[Actual]:
    """CSV actuals: one row a value; the plan's locale; same validation as YAML."""
    file = display(path)
    try:
        text = decode(read_file(path, file, plan), file)
    except PlanError as err:
        problems.extend(err.problems)
        return
    before = len(problems)
    text = unicodedata.normalize("NFC", text)
    delimiter = delimiter_of(text)
    rows = csv_records(text, file, problems, delimiter)
    first = next(rows, None)
    if first is None:
        if len(problems) == before:
            problems.append(
                Problem(
                    file,
                    1,
                    1,
                    N_(
                        "the file is empty — write the header indicator,period,value and a row "
                        "per value, or remove the file"
                    ),
                )
            )
        return
    header = [h.strip() for h in first[1]]
    unknown = [h for h in header if h not in _CSV_REQUIRED + _CSV_OPTIONAL]
    missing = [h for h in _CSV_REQUIRED if h not in header]
    twice = sorted({h for h in header if header.count(h) > 1})
    if unknown or missing or twice:
        wrong = [
            N_("unknown column(s) {columns}", columns=", ".join(unknown)) if unknown else None,
            N_("missing column(s) {columns}", columns=", ".join(missing)) if missing else None,
            N_("column(s) given twice: {columns}", columns=", ".join(twice)) if twice else None,
        ]
        problems.append(
            Problem(
                file,
                1,
                1,
                N_(
                    "{problems} — the header is indicator,period,value and any of {optional}, "
                    "each once",
                    problems=Joined(tuple(filter(None, wrong)), "; "),
                    optional=", ".join(_CSV_OPTIONAL),
                ),
            )
        )
        return
    columns: dict[DataPath, int] = {(key,): column for column, key in enumerate(header, start=1)}
    locale: Locale = info.locale if info else "en"
    usual = _CsvRows(file, header, locale)
    width = len(header)
    for records, (number, row) in enumerate(rows, start=1):
        if records > csvfile.MAX_CSV_ROWS:
            problems.append(Problem(file, number, 1, too_many_rows()))
            return
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(row) != width:
            misfit = width_problem(file, number, row, width, delimiter)
            if misfit is not None:
                problems.append(misfit)
                continue
        actual = usual.actual(number, cells)
        if actual is None:  # a row of another shape, or with a problem to say
            by_key = dict(zip(header, cells[:width], strict=True))
            actual = _csv_row(file, number, by_key, columns, info, units, problems)
        if actual is not None:
            yield actual


class _CsvRows:
    """The rows of one CSV actuals file in their usual shape, read straight to records.

    A row of plain figures (no qualifier, no vs, against or unit) that holds
    nothing to refuse is read here, with the cells' columns found once for
    the file. Any other row is left to ``_csv_row``, which reads every shape
    and says what is wrong: ``actual`` answers None, having said nothing.
    """

    __slots__ = (
        "_file",
        "_indicator",
        "_number",
        "_period",
        "_periods",
        "_relations",
        "_source",
        "_status",
        "_statuses",
        "_unusual",
        "_value",
        "_where",
    )

    def __init__(self, file: str, header: list[str], locale: Locale) -> None:
        index = {key: i for i, key in enumerate(header)}
        self._file = file
        self._indicator, self._period, self._value = (index[k] for k in _CSV_REQUIRED)
        self._status, self._source, self._where = (
            index.get(k) for k in ("status", "source", "where")
        )
        #: the columns a filled cell of sends the row to _csv_row
        self._unusual = tuple(index[k] for k in ("vs", "against", "unit") if k in index)
        #: the stated figures' columns, in the order _statements reads them: (relation, index)
        self._relations = tuple((r, index[r]) for r in RELATIONS if r in index)
        self._number = _UsualFigures(locale)
        self._statuses: dict[str, ActualStatus | None] = {}
        self._periods: dict[str, Period] = {}

    def actual(self, line: int, cells: list[str]) -> Actual | None:
        """The actual of a row of stripped cells; None for a row _csv_row is to read."""
        for i in self._unusual:
            if cells[i]:
                return None
        status_text = (cells[self._status] if self._status is not None else "") or "final"
        if status_text in self._statuses:
            status = self._statuses[status_text]
        else:
            status = self._statuses[status_text] = status_of(status_text)
        if status is None:
            return None
        period_text = cells[self._period]
        period = self._periods.get(period_text)
        if period is None:
            try:
                period = self._periods[period_text] = parse_period(period_text)
            except PeriodError:
                return None
        file, number_of = self._file, self._number
        where = (cells[self._where] or None) if self._where is not None else None
        statements = []
        for relation, i in self._relations:
            if not cells[i]:
                continue
            read = number_of(figure_text(cells[i], relation))
            if read is None:
                return None
            typed, number = read
            at = Source(file=file, line=line, column=i + 1)
            figure = Figure(value=number, at=at, text=typed)
            statements.append(Statement(relation=relation, figure=figure, where=where))
        text = cells[self._value]
        value = None
        if text:
            read = number_of(text)
            if read is None:
                return None
            typed, number = read
            value = Figure(
                value=number, at=Source(file=file, line=line, column=self._value + 1), text=typed
            )
        elif not statements:
            return None
        indicator = cells[self._indicator]
        source = cells[self._source] if self._source is not None else ""
        # an id or a source repeated on every row is held once (sys.intern), not once a row
        return Actual(
            indicator=sys.intern(nfc(indicator)),
            period=period,
            value=value,
            status=status,
            source=sys.intern(source) if source else None,
            statements=tuple(statements),
            at=Source(file=file, line=line, column=1),
        )


def _csv_row(
    file: str,
    number: int,
    cells: dict[str, str],
    columns: dict[DataPath, int],
    info: PlanInfo | None,
    units: dict[str, Text],
    problems: list[Problem],
) -> Actual | None:
    """A CSV row of any shape, its problems said: the row's actual, or None."""
    doc = Document(
        file,
        dict(cells),
        {key: (number, column) for key, column in columns.items()} | {(): (number, 1)},
    )
    reader = _Reader(doc, info.locale if info else "en", problems, units=units)
    reader.with_targets_of(info)
    status_text = cells.get("status") or "final"
    status = status_of(status_text)
    if status is None:
        problems.append(
            doc.problem(
                ("status",),
                N_(
                    "unknown status {got} — write {allowed}",
                    got=_shown(status_text),
                    allowed=status_choices(),
                ),
            )
        )
        return None
    period = reader.period(cells["period"], ("period",))
    stated = {k: cells[k] for k in (*RELATIONS, "vs", "against") if cells.get(k)}
    if "vs" in stated and not any(k in stated for k in RELATIONS):
        problems.append(doc.problem(("vs",), VS_WITHOUT_FIGURES))
        return None
    if "against" in stated and not any(k in stated for k in RELATIONS):
        problems.append(doc.problem(("against",), AGAINST_NOTHING))
        return None
    statements = (
        list(
            _statements(
                f.StatedSpec(**stated, where=cells.get("where") or None), (), reader, period
            )
        )
        if any(k in stated for k in RELATIONS)
        else []
    )
    value = reader.figure(cells["value"] or None, ("value",))
    if cells.get("unit"):
        indicator = unicodedata.normalize("NFC", cells["indicator"])
        value, statements = _in_unit(reader, indicator, cells["unit"], ("unit",), value, statements)
    if period is None or (value is None and not statements):
        if value is None and not statements and cells["value"] == "":
            problems.append(
                doc.problem((), N_("no value and no stated figures — fill the value cell"))
            )
        return None
    return Actual(
        indicator=sys.intern(unicodedata.normalize("NFC", cells["indicator"])),
        period=period,
        value=value,
        status=status,
        source=sys.intern(cells["source"]) if cells.get("source") else None,
        statements=tuple(statements),
        at=reader.source(()),
    )


def _check_references(indicators: list[Indicator], actuals: list[Actual]) -> Iterator[Problem]:
    """Ids unique, parents known and acyclic, actuals of known indicators, no figure twice."""
    first: dict[str, Indicator] = {}
    for indicator in indicators:
        if indicator.id in first:
            yield _at(
                indicator.at,
                N_(
                    "indicator id {id} is used twice (first at {first}) — give each indicator "
                    "its own id",
                    id=quoted(indicator.id),
                    first=str(first[indicator.id].at),
                ),
            )
        else:
            first[indicator.id] = indicator
    ids = Suggestions(first)
    for indicator in indicators:
        if indicator.parent is not None and indicator.parent not in first:
            yield _at(
                indicator.at,
                N_(
                    "parent {parent} is not an indicator of targets.yaml — {fix}",
                    parent=quoted(indicator.parent, strict=True),
                    fix=_suggest(indicator.parent, ids),
                ),
            )
    yield from _cycles(first)
    seen: dict[tuple[str, Period], Source] = {}
    for actual in actuals:
        if actual.indicator not in first:
            yield _at(
                actual.at,
                N_(
                    "indicator {id} is not defined in targets.yaml — {fix}",
                    id=quoted(actual.indicator, strict=True),
                    fix=_suggest(actual.indicator, ids),
                ),
            )
            continue
        key = (actual.indicator, actual.period)
        if key in seen:
            yield _at(
                actual.at,
                N_(
                    "{id} {period} is given twice: here and at {first} — keep one of them",
                    id=actual.indicator,
                    period=str(actual.period),
                    first=str(seen[key]),
                ),
            )
        else:
            seen[key] = actual.at
        parent = first[actual.indicator].parent
        for statement in actual.statements:
            if statement.relation == "share_pct" and parent is None:
                yield _at(
                    statement.figure.at,
                    N_(
                        "share_pct needs a parent, but {id} has none — give it 'parent:' in "
                        "targets.yaml",
                        id=quoted(actual.indicator),
                    ),
                )
            if statement.relation == "change_pp" and not _is_rate(first, actual.indicator):
                yield _at(
                    statement.figure.at,
                    N_(
                        "change_pp is a change in percentage points, for a rate (a unit with "
                        "'%'), but the unit of {indicator} is {unit} — write change (tăng N) "
                        "or growth_pct (tăng X %), or give the indicator a unit in %",
                        indicator=quoted(actual.indicator),
                        unit=quoted(_unit_of(first, actual.indicator).get("vi")),
                    ),
                )


def _unit_of(by_id: dict[str, Indicator], indicator_id: str) -> Text:
    """An indicator's unit; a part without one is in its parent's (parents are acyclic)."""
    indicator = by_id[indicator_id]
    seen = {indicator.id}
    while not (indicator.unit.vi or indicator.unit.en) and indicator.parent in by_id:
        indicator = by_id[indicator.parent]
        if indicator.id in seen:
            break
        seen.add(indicator.id)
    return indicator.unit


def _is_rate(by_id: dict[str, Indicator], indicator_id: str) -> bool:
    """Whether an indicator is a rate: its unit, when it has one, is in % ('%', '% dân số')."""
    unit = _unit_of(by_id, indicator_id)
    written = [text for text in (unit.vi, unit.en) if text]
    return not written or any("%" in text for text in written)


def _cycles(by_id: dict[str, Indicator]) -> Iterator[Problem]:
    reported: set[str] = set()
    for start in by_id.values():
        chain = [start.id]
        current = start.parent
        while current is not None and current in by_id:
            if current in chain:
                cycle = chain[chain.index(current) :]
                if not reported & set(cycle):
                    reported |= set(cycle)
                    links = [N_("{id} (line {line})", id=i, line=by_id[i].at.line) for i in cycle]
                    yield _at(
                        by_id[current].at,
                        N_(
                            "parents form a cycle: {cycle} — one of them must not have a parent",
                            cycle=Joined((*links, current), " → "),
                        ),
                    )
                break
            chain.append(current)
            current = by_id[current].parent


def _suggest(name: str, known: Suggestions) -> Message:
    close = known.closest(name)
    if close:
        return N_("did you mean {name!r}?", name=close)
    return N_("add it to targets.yaml or fix the id")


def _at(source: Source, message: Message) -> Problem:
    return Problem(source.file, source.line, source.column, message)
