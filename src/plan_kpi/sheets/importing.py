"""A spreadsheet of actuals (one row a value) into actuals YAML, every cell checked first.

Headings may be English (the format's keys) or Vietnamese; case, accents,
spaces and underscores do not matter. Every indicator must be in
targets.yaml (by id, or by its exact name), every figure must read in the
plan's locale, and no figure may already be in the plan. The YAML written
quotes every figure as text in the plan's locale, so plan-kpi reads back
exactly the figures the sheet shows; its comments are in the run's language.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from datetime import date
from decimal import Decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.aliases import figure_text, status_choices, status_of
from plan_kpi.core.errors import PlanError, Problem
from plan_kpi.core.locales import Locale
from plan_kpi.core.messages import N_, Message, one_of
from plan_kpi.core.models import PERCENT_RELATIONS, RELATIONS, Plan
from plan_kpi.core.numbers import NumberError, parse_figure
from plan_kpi.core.periods import Period, PeriodError, parse_period
from plan_kpi.core.quotes import quoted as in_message
from plan_kpi.core.records import field, record
from plan_kpi.core.suggestions import Suggestions
from plan_kpi.load.csvfile import VS_WITHOUT_FIGURES, vs_not_before
from plan_kpi.load.qualifiers import NO_BOUND_HERE, no_figure, split
from plan_kpi.say.catalog import words as words_of
from plan_kpi.say.display import format_number
from plan_kpi.sheets.reading import Sheet, SheetCell, Unreadable

#: Accepted headings of each column (English keys first, then Vietnamese).
HEADINGS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "id", "chỉ tiêu", "mã chỉ tiêu", "mã"),  # not words: aliases
    "period": ("period", "kỳ", "kỳ báo cáo", "thời kỳ"),  # not words: aliases
    "value": ("value", "giá trị", "thực hiện", "số thực hiện"),  # not words: aliases
    "status": ("status", "trạng thái", "tình trạng số liệu"),  # not words: aliases
    "source": ("source", "nguồn", "nguồn số liệu"),  # not words: aliases
    "where": ("where", "vị trí", "chỗ in"),  # not words: aliases
    "vs": ("vs", "so với", "kỳ so sánh"),  # not words: aliases
    "previous": ("previous", "cùng kỳ", "kỳ trước"),  # not words: aliases
    "change": ("change", "tăng/giảm", "tăng giảm"),  # not words: aliases
    "growth_pct": (
        "growth_pct",
        "growth %",
        "tăng %",
        "tăng trưởng %",  # not words: aliases
        "% tăng",
    ),
    "pct_of_previous": (
        "pct_of_previous",
        "% of previous",  # not words: aliases
        "% so cùng kỳ",  # not words: aliases
        "% so với cùng kỳ",  # not words: aliases
    ),
    "target": ("target", "kế hoạch", "kh"),  # not words: aliases
    "pct_of_target": (
        "pct_of_target",
        "% of target",  # not words: aliases
        "% kh",
        "% kế hoạch",  # not words: aliases
        "% so kế hoạch",  # not words: aliases
    ),
    "share_pct": (
        "share_pct",
        "share %",
        "tỷ trọng %",  # not words: aliases
        "chiếm %",
        "tỷ trọng",  # not words: aliases
    ),
    "excess_pct": (
        "excess_pct",
        "% above target",  # not words: aliases
        "vượt %",
        "% vượt kế hoạch",  # not words: aliases
        "vượt kh %",  # not words: aliases
    ),
    "shortfall_pct": (
        "shortfall_pct",
        "% below target",  # not words: aliases
        "thấp hơn kh %",  # not words: aliases
        "% thấp hơn kế hoạch",  # not words: aliases
        "% chưa đạt kế hoạch",  # not words: aliases
    ),
    "times_previous": (
        "times_previous",
        "times previous",  # not words: aliases
        "số lần",  # not words: aliases
        "lần so cùng kỳ",  # not words: aliases
    ),
    "change_pp": (
        "change_pp",
        "change (points)",  # not words: aliases
        "điểm %",
        "tăng/giảm điểm %",  # not words: aliases
    ),
}
#: Columns a report sheet often has that carry nothing for actuals: skipped, and said so.
IGNORED: tuple[str, ...] = (
    "stt",
    "tt",
    "no.",
    "name",
    "tên",
    "tên chỉ tiêu",  # not words: aliases
    "unit",
    "đơn vị",  # not words: aliases
    "đơn vị tính",  # not words: aliases
    "đvt",
    "note",
    "ghi chú",  # not words: aliases
)
_REQUIRED = ("indicator", "period")
_HEADER_SEARCH = 30


def plain_words(text: str) -> str:
    """Text for matching headings and names: no accents, case, extra spaces or underscores."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\s+", " ", text.replace("_", " ")).strip().rstrip(":").strip()
    return re.sub(r"\s*([%/])\s*", r"\1", text)


_HEADING_OF = {plain_words(alias): key for key, aliases in HEADINGS.items() for alias in aliases}
_IGNORED = {plain_words(alias) for alias in IGNORED}
_HEADINGS = Suggestions([*_HEADING_OF, *_IGNORED])


@record(frozen=False)
class Entry:
    """One row of the sheet, read and checked: one indicator's figures for one period."""

    row: int
    indicator: str
    period: Period
    status: str | None = None
    source: str | None = None
    where: str | None = None
    vs: Period | None = None
    value: str | None = None
    stated: dict[str, str] = field(default_factory=dict)
    #: figures taken as the sheet shows them: (key, cell, how it was read)
    notes: list[tuple[str, Message | str, Message]] = field(default_factory=list)


@record(frozen=False)
class Imported:
    """The YAML files to write (name suffix → text) and what to tell the user."""

    files: dict[str, str]
    values: int
    ignored: list[str]
    as_shown: int


def import_sheet(sheet: Sheet, plan: Plan, schema_line: bool, lang: Locale) -> Imported:
    """Read and check every row; the actuals YAML (its comments in ``lang``), or a PlanError
    naming each bad cell."""
    problems: list[Problem] = []
    header = _header_row(sheet, problems)
    if header is None:
        raise PlanError(problems)
    columns, ignored = _columns(sheet, header, problems)
    if problems:
        raise PlanError(problems)
    headed = {cell.column for cell in header.cells if cell.value is not None}
    reader = _RowReader(sheet, plan, columns, headed, problems)
    entries = [
        entry for row in sheet.rows[header.row :] if (entry := reader.entry(row)) is not None
    ]
    problems.extend(_clashes(sheet, plan, entries, columns["indicator"]))
    if not entries and not problems:
        problems.append(
            sheet.problem(header.row, 1, N_("no figures under the headings — fill in the rows"))
        )
    if problems:
        raise PlanError(problems)
    groups = _files(entries)
    text = {
        suffix: _yaml(sheet, plan, group, "status" in columns, schema_line, lang)
        for suffix, group in groups.items()
    }
    return Imported(
        files=text,
        values=len(entries),
        ignored=ignored,
        as_shown=sum(len(e.notes) for e in entries),
    )


@record(slots=False)
class _Header:
    row: int
    cells: list[SheetCell]


def _header_row(sheet: Sheet, problems: list[Problem]) -> _Header | None:
    """The first row with an indicator heading (title rows above it are skipped)."""
    indicator = {plain_words(a) for a in HEADINGS["indicator"]}
    for number, row in enumerate(sheet.rows[:_HEADER_SEARCH], start=1):
        if any(isinstance(c.value, str) and plain_words(c.value) in indicator for c in row):
            return _Header(number, row)
    problems.append(
        sheet.problem(
            1,
            1,
            N_(
                "no heading row — write the headings above the figures: indicator, period, "
                "value (or chỉ tiêu, kỳ, giá trị), see plan-kpi import --help"
            ),
        )
    )
    return None


def _columns(
    sheet: Sheet, header: _Header, problems: list[Problem]
) -> tuple[dict[str, int], list[str]]:
    """Column (1-based) of each key, and the headings skipped."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for cell in header.cells:
        if cell.value is None:
            continue
        heading = str(cell.value) if not isinstance(cell.value, Unreadable) else ""
        words = plain_words(heading)
        key = _HEADING_OF.get(words)
        if key is None:
            if words in _IGNORED:
                ignored.append(heading)
                continue
            close = _HEADINGS.closest(words)
            unknown = (
                N_(
                    "unknown heading {heading} — did you mean {close!r}?",
                    heading=in_message(heading),
                    close=close,
                )
                if close
                else N_(
                    "unknown heading {heading} — see plan-kpi import --help",
                    heading=in_message(heading),
                )
            )
            problems.append(sheet.problem(cell.row, cell.column, unknown))
            continue
        if key in columns:
            first = sheet.place(header.row, columns[key])
            problems.append(
                sheet.problem(
                    cell.row,
                    cell.column,
                    N_(
                        "a second {key!r} column (the first is {first}) — keep one of them",
                        key=key,
                        first=first,
                    ),
                )
            )
            continue
        columns[key] = cell.column
    missing = [k for k in _REQUIRED if k not in columns]
    if "value" not in columns and not any(r in columns for r in RELATIONS):
        missing.append("value")
    if missing and not problems:
        problems.append(
            sheet.problem(
                header.row,
                1,
                N_(
                    "no {columns} column — add a heading for it ({headings} in Vietnamese)",
                    columns=one_of(missing),
                    headings=", ".join(HEADINGS[m][1] for m in missing),
                ),
            )
        )
    return columns, ignored


@record(frozen=False, slots=False)
class _RowReader:
    sheet: Sheet
    plan: Plan
    columns: dict[str, int]
    #: the columns with a heading (read or skipped); a cell under none is refused
    headed: set[int]
    problems: list[Problem]

    def __post_init__(self) -> None:
        names: dict[str, set[str]] = {}
        for indicator in self.plan.indicators:
            for name in (indicator.name.vi, indicator.name.en):
                if name:
                    names.setdefault(plain_words(name), set()).add(indicator.id)
        self.names = names
        self.ids = Suggestions(self.plan.by_id)

    def cell(self, row: list[SheetCell], key: str) -> SheetCell | None:
        column = self.columns.get(key)
        if column is None or column > len(row):
            return None
        cell = row[column - 1]
        if isinstance(cell.value, Unreadable):
            self.fail(cell, cell.value.message)
            return None
        return cell if cell.value is not None else None

    def fail(self, cell: SheetCell, message: Message) -> None:
        self.problems.append(self.sheet.problem(cell.row, cell.column, message))

    def entry(self, row: list[SheetCell]) -> Entry | None:
        before = len(self.problems)
        for stray in row:
            if stray.value is not None and stray.column not in self.headed:
                held = stray.value
                shown = "" if isinstance(held, Unreadable) else _as_text(held)
                self.fail(
                    stray,
                    N_(
                        "a cell under no heading holds {held} — give its column a heading, or "
                        "remove the cell",
                        held=in_message(shown),
                    ),
                )
        used = [row[c - 1] for c in self.columns.values() if c <= len(row)]
        if all(cell.value is None for cell in used):
            return None
        row_number = used[0].row
        indicator_cell = self.cell(row, "indicator")
        period_cell = self.cell(row, "period")
        indicator = self.indicator(indicator_cell) if indicator_cell else None
        period = self.period(period_cell) if period_cell else None
        for key, cell in (("indicator", indicator_cell), ("period", period_cell)):
            if cell is None and len(self.problems) == before:
                missing = N_("no {key} — fill it in", key=key)
                self.problems.append(self.sheet.problem(row_number, self.columns[key], missing))
        entry = Entry(row=row_number, indicator=indicator or "", period=period or _ANY)
        self.texts(row, entry)
        value_cell = self.cell(row, "value")
        if value_cell is not None:
            entry.value = self.figure(value_cell, "value", entry)
        for relation in RELATIONS:
            stated = self.cell(row, relation)
            if stated is not None and (text := self.figure(stated, relation, entry)) is not None:
                entry.stated[relation] = text
        column = self.columns.get("value", self.columns["indicator"])
        if len(self.problems) == before:
            if entry.value is None and not entry.stated:
                message = N_("no value and no stated figures — fill the value cell")
                self.problems.append(self.sheet.problem(row_number, column, message))
            elif entry.vs is not None and not entry.stated:
                self.problems.append(
                    self.sheet.problem(row_number, self.columns["vs"], VS_WITHOUT_FIGURES)
                )
            elif entry.vs is not None and period is not None and not entry.vs.end < period.end:
                not_before = vs_not_before(entry.vs, period)
                self.problems.append(self.sheet.problem(row_number, self.columns["vs"], not_before))
        if len(self.problems) > before or indicator is None or period is None:
            return None
        return entry

    def texts(self, row: list[SheetCell], entry: Entry) -> None:
        status = self.cell(row, "status")
        if status is not None:
            word = status_of(str(status.value))
            if word is None:
                self.fail(
                    status,
                    N_(
                        "unknown status {got} — write {allowed}",
                        got=in_message(str(status.value)),
                        allowed=status_choices(),
                    ),
                )
            entry.status = word
        for key in ("source", "where"):
            cell = self.cell(row, key)
            if cell is not None:
                setattr(entry, key, _as_text(cell.value))
        vs = self.cell(row, "vs")
        if vs is not None:
            entry.vs = self.period(vs)

    def indicator(self, cell: SheetCell) -> str | None:
        if not isinstance(cell.value, str):
            self.fail(cell, N_("an indicator id is text — write the id from targets.yaml"))
            return None
        written = unicodedata.normalize("NFC", cell.value.strip())
        if written in self.plan.by_id:
            return written
        ids = self.names.get(plain_words(written), set())
        if len(ids) == 1:
            return next(iter(ids))
        if len(ids) > 1:
            self.fail(
                cell,
                N_(
                    "{name} is the name of {ids} — write the id instead",
                    name=in_message(written),
                    ids=", ".join(sorted(ids)),
                ),
            )
            return None
        close = self.ids.closest(written)
        unknown = in_message(written, strict=True)
        self.fail(
            cell,
            N_(
                "no indicator {id} in targets.yaml — did you mean {close!r}?",
                id=unknown,
                close=close,
            )
            if close
            else N_(
                "no indicator {id} in targets.yaml — add it to targets.yaml or fix the id",
                id=unknown,
            ),
        )
        return None

    def period(self, cell: SheetCell) -> Period | None:
        value = cell.value
        if isinstance(value, Period):  # a date cell showing a month or a year
            return value
        if isinstance(value, date):
            text = value.isoformat()
        elif isinstance(value, Decimal):
            if cell.percent_of is not None:
                self.fail(
                    cell, N_("the cell's format shows a percentage — type the period as text")
                )
                return None
            if value != value.to_integral_value():
                self.fail(
                    cell,
                    N_(
                        "{value} is not a period — write e.g. 2021 or 2021-11",
                        value=n.plain(value),
                    ),
                )
                return None
            text = n.plain(value)
        else:
            text = str(value).strip()
        try:
            return parse_period(text)
        except PeriodError as err:
            self.fail(cell, err.message)
            return None

    def figure(self, cell: SheetCell, key: str, entry: Entry) -> str | None:
        """The figure as text in the plan's locale (as typed, for a text cell)."""
        locale = self.plan.info.locale
        value = cell.value
        if (
            isinstance(value, Decimal)
            and cell.percent_of is not None
            and key not in PERCENT_RELATIONS
        ):
            self.fail(
                cell,
                N_(
                    "{key}: the cell holds {stored}, but its format shows it ×100 as {shown} %, "
                    "and {key} is not a percentage — give the column a number format without "
                    "'%', or type the figure as the report prints it",
                    key=key,
                    stored=n.plain(cell.percent_of),
                    shown=n.plain(value),
                ),
            )
            return None
        if isinstance(value, Decimal):
            text = format_number(value, n.decimals(value), locale)
            if cell.note:
                entry.notes.append((key, self.sheet.place(cell.row, cell.column), cell.note))
        elif isinstance(value, str):
            text = value.strip()
            text = figure_text(text, key)
        else:
            self.fail(cell, N_("a date is not a figure — type the {key}", key=key))
            return None
        bound, number = split(text)  # "~22.294", ">90": the figure after the qualifier
        if bound is not None and not number.strip():
            self.fail(cell, no_figure(in_message(text)))
            return None
        if bound is not None and key == "target":
            self.fail(cell, N_(NO_BOUND_HERE.text, text=in_message(text), number=number.strip()))
            return None
        try:
            read = parse_figure(number, locale)
        except NumberError as err:
            self.fail(cell, N_("{key}: {problem}", key=key, problem=err.message))
            return None
        if isinstance(value, Decimal) and str(read) != str(value):
            raise AssertionError(f"{value} written as {text!r} reads back as {read}")
        return text


#: stands in for an unreadable period while the rest of the row is checked
_ANY = parse_period("1900")


def _as_text(value: object) -> str:
    if isinstance(value, Decimal):
        return n.plain(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _clashes(sheet: Sheet, plan: Plan, entries: list[Entry], column: int) -> list[Problem]:
    """A figure given twice (in the sheet, or already in the plan), a share with no parent."""
    problems = []
    existing = {(a.indicator, a.period): a.at for a in plan.actuals}
    seen: dict[tuple[str, Period], int] = {}
    for entry in entries:
        key = (entry.indicator, entry.period)
        if key in seen:
            message = N_(
                "{indicator} {period} is also in row {row} — keep one of them",
                indicator=entry.indicator,
                period=entry.period,
                row=seen[key],
            )
            problems.append(sheet.problem(entry.row, column, message))
        elif key in existing:
            message = N_(
                "{indicator} {period} is already in the plan at {place} — remove it there or "
                "from the sheet",
                indicator=entry.indicator,
                period=entry.period,
                place=existing[key],
            )
            problems.append(sheet.problem(entry.row, column, message))
        seen.setdefault(key, entry.row)
        if "share_pct" in entry.stated and plan.by_id[entry.indicator].parent is None:
            message = N_(
                "share_pct needs a parent, but {indicator!r} has none — give it 'parent:' in "
                "targets.yaml",
                indicator=entry.indicator,
            )
            problems.append(sheet.problem(entry.row, column, message))
    return problems


def _files(entries: list[Entry]) -> dict[str, list[Entry]]:
    """One file, or one a period when an indicator has figures of several periods."""
    counts = Counter(entry.indicator for entry in entries)
    if max(counts.values()) == 1:
        return {"": entries}
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault("." + str(entry.period).replace("/", "_"), []).append(entry)
    return groups


_PLAIN_KEY = re.compile(r"[a-z][a-z0-9_.]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes, plus the characters YAML forbids raw)."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def _key(text: str) -> str:
    return text if _PLAIN_KEY.fullmatch(text) and text not in _YAML_WORDS else quoted(text)


def _yaml(
    sheet: Sheet,
    plan: Plan,
    entries: list[Entry],
    has_status: bool,
    schema_line: bool,
    lang: Locale,
) -> str:
    w = words_of(lang)
    period = Counter(e.period for e in entries).most_common(1)[0][0]
    status = Counter(e.status or "final" for e in entries).most_common(1)[0][0]
    sources = {e.source for e in entries}
    source = sources.pop() if len(sources) == 1 else None
    lines = []
    if schema_line:
        lines += ["# yaml-language-server: $schema=../schema/actuals.schema.json", "#"]
    lines += [
        "# "
        + w.gettext(
            "Imported by plan-kpi from {sheet}; each value names its row.", sheet=sheet.label
        ),
        "# "
        + w.gettext(
            "Figures are written as the sheet shows them, in the plan's locale ({locale}).",
            locale=plan.info.locale,
        ),
    ]
    if not has_status:
        lines.append(
            "# " + w.gettext("The sheet has no status column: every figure is taken as final.")
        )
    lines += [f"period: {period}", f"status: {status}"]
    if source is not None:
        lines.append(f"source: {quoted(source)}")
    lines += [f"locale: {plan.info.locale}", "values:"]
    for e in entries:
        row = w.gettext("{sheet} row {row}", sheet=sheet.label, row=e.row)
        lines.append(f"  {_key(e.indicator)}:  # {row}")
        if e.period != period:
            lines.append(f"    period: {e.period}")
        if (e.status or "final") != status:
            lines.append(f"    status: {e.status or 'final'}")
        if e.source is not None and e.source != source:
            lines.append(f"    source: {quoted(e.source)}")
        if e.value is not None:
            lines.append(f"    value: {quoted(e.value)}")
        if e.stated:
            lines.append("    stated:")
            lines += [f"      {rel}: {quoted(text)}" for rel, text in e.stated.items()]
            if e.vs is not None:
                lines.append(f"      vs: {e.vs}")
        if e.where is not None:
            lines.append(f"    where: {quoted(e.where)}")
        lines += [
            f"    # {key}: {place if isinstance(place, str) else w.say(place)}: {w.say(note)}"
            for key, place, note in e.notes
        ]
    return "\n".join(lines) + "\n"
