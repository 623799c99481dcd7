"""The file formats, as typed by people: targets.yaml and actuals/*.yaml.

These models validate a file's shape (keys, types, enums) and are the one
source of the JSON Schema editors use. Numbers and periods stay text here;
the loader reads them in the file's locale and turns the files into the
domain records of ``models``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
)

from plan_kpi.core.aliases import STATUS_WORDS, status_of
from plan_kpi.core.models import ActualStatus, Bound, Breakdown, Direction

#: A figure as typed: quoted text, or a bare YAML number (read from its text).
NumberText = Annotated[
    str,
    WithJsonSchema({"type": ["string", "number"], "description": 'a figure, e.g. "61.005"'}),
]
#: A figure with its qualifier: the short forms ">90" (more than: trên, hơn), "<5" (less
#: than: dưới, chưa đến), ">=90" or "≥90" (at least), "<=5" or "≤5" (at most), "~22.294"
#: (about: khoảng, gần).
QualifiedText = Annotated[
    str,
    WithJsonSchema(
        {
            "type": ["string", "number"],
            # the JSON Schema speaks English, as its keys do
            "description": 'a figure, e.g. "61.005", or a bound: ">90" (more than), '  # not words:
            '"<5" (less than), ">=90", "<=5", "~22.294" (about)',  # not words: schema
        }
    ),
]


PeriodText = Annotated[
    str,
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "description": "2021, 2021-11, 2021-01/2021-11, 2021-12-31 or "  # not words:
            "2021-01-01/2021-12-15; or as Vietnamese documents write them: 11/2021, "  # not words:
            "11 tháng 2021, 31/12/2021",
        }
    ),
]


def _status(value: Any) -> Any:
    """A status word of core.aliases ('ước') read as the format's ('estimate')."""
    return (status_of(value) or value) if isinstance(value, str) else value


#: A report's status: the format's word, or another that names it (core.aliases).
StatusText = Annotated[
    ActualStatus,
    BeforeValidator(_status),
    WithJsonSchema(
        {"type": "string", "enum": [word for words in STATUS_WORDS.values() for word in words]}
    ),
]
ID_PATTERN = r"^[a-z0-9_.]+$"
PLAN_ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"


def _shape(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    return "list" if isinstance(value, list) else "text"


def _either(model: type[BaseModel], inner: Any) -> Any:
    """A short form (text) or the long form (a mapping), told apart by shape."""
    return Annotated[
        Annotated[inner, Tag("text")] | Annotated[model, Tag("mapping")],
        Discriminator(_shape),
    ]


class FileModel(BaseModel):
    # built when first used: a command validates with the two file models (which hold the
    # others), so the seven inner models never get validators of their own
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LocalText(FileModel):
    """A text in the plan's languages."""

    vi: str | None = None
    en: str | None = None


class PlanBlock(FileModel):
    """The plan document: its id, title, issuer and the locale its figures are written in."""

    id: Annotated[str, Field(pattern=PLAN_ID_PATTERN)]
    title: str
    issuer: str | None = None
    locale: Literal["vi", "en"] = "en"
    source: str | None = None
    date: str | None = None
    note: str | None = None
    #: several targets for one figure, by name, each with its name for people:
    #: {central: "dự toán Trung ương giao", provincial: "dự toán HĐND tỉnh giao"}
    targets: dict[str, _either(LocalText, str)] | None = None  # type: ignore[valid-type]
    #: the target shown when none is asked for (default: the first named)
    default_target: str | None = None


class FigureSpec(FileModel):
    """A figure with its qualifier written out: {value: "90", bound: above}."""

    value: QualifiedText
    bound: Bound | None = None
    #: the width of ``about``, a percentage of the value (default 5)
    about_pct: NumberText | None = None


#: A figure: its text (with a short-form qualifier, ">90") or the mapping FigureSpec.
FigureText = _either(FigureSpec, QualifiedText)


class TargetSpec(FileModel):
    """A target for one period: a level (value) or growth over the previous period."""

    value: FigureText | None = None  # type: ignore[valid-type]
    growth_pct: FigureText | None = None  # type: ignore[valid-type]
    source: str | None = None
    note: str | None = None


#: a period's targets by name: {central: "14.500", provincial: "16.000"}
NamedTargets: Any = Annotated[
    dict[str, _either(TargetSpec, QualifiedText)],  # type: ignore[misc]
    # a name is no key of TargetSpec: {value: …} is one target, {central: …} two
    Field(
        json_schema_extra={
            "propertyNames": {
                "pattern": "^[a-z0-9_]+$",
                "not": {"enum": list(TargetSpec.model_fields)},
            }
        }
    ),
]


def _target_shape(value: Any) -> str:
    """A target's form: a text, a block of TargetSpec's keys, or targets by name."""
    if isinstance(value, dict):
        return "mapping" if set(value) <= set(TargetSpec.model_fields) else "named"
    return "list" if isinstance(value, list) else "text"


#: a period's target: "70.962", {value: "70.962", source: …}, or {central: …, provincial: …}
TargetEntry: Any = Annotated[
    Annotated[QualifiedText, Tag("text")]
    | Annotated[TargetSpec, Tag("mapping")]
    | Annotated[NamedTargets, Tag("named")],
    Discriminator(_target_shape),
]


#: A formula indicator's expression, as written.
FormulaText = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            # the JSON Schema speaks English, as its keys do
            "description": "the value as an expression of other indicators' values, "  # not words:
            "e.g. output / area * 10",
        }
    ),
]


class ClassificationSpec(FileModel):
    """One classification of a parent's parts, in the long form: its kind and its name."""

    breakdown: Breakdown = "complete"
    name: _either(LocalText, str) | None = None  # type: ignore[valid-type]


#: a classification's key: as an indicator's id is written
ClassificationKey = Annotated[str, Field(pattern=ID_PATTERN)]


class IndicatorSpec(FileModel):
    """One indicator of the plan."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    name: _either(LocalText, str) | None = None  # type: ignore[valid-type]
    unit: _either(LocalText, str) | None = None  # type: ignore[valid-type]
    direction: Direction = "increase"
    parent: str | None = None
    breakdown: Breakdown = "complete"
    breakdowns: (
        dict[ClassificationKey, _either(ClassificationSpec, Breakdown)]  # type: ignore[valid-type]
        | None
    ) = None
    classification: ClassificationKey | None = None
    formula: FormulaText | None = None
    rounded: bool = False
    source: str | None = None
    section: str | None = None
    agency: str | None = None
    note: str | None = None
    targets: dict[str, TargetEntry] = Field(default_factory=dict)


class TargetsFile(FileModel):
    """targets.yaml: the plan and its indicators."""

    plan: PlanBlock
    indicators: list[IndicatorSpec]


class StatedSpec(FileModel):
    """Figures a report printed beside a value, exactly as printed."""

    previous: FigureText | None = None  # type: ignore[valid-type]
    change: FigureText | None = None  # type: ignore[valid-type]
    growth_pct: FigureText | None = None  # type: ignore[valid-type]
    pct_of_previous: FigureText | None = None  # type: ignore[valid-type]
    target: FigureText | None = None  # type: ignore[valid-type]
    pct_of_target: FigureText | None = None  # type: ignore[valid-type]
    share_pct: FigureText | None = None  # type: ignore[valid-type]
    excess_pct: FigureText | None = None  # type: ignore[valid-type]
    shortfall_pct: FigureText | None = None  # type: ignore[valid-type]
    times_previous: FigureText | None = None  # type: ignore[valid-type]
    change_pp: FigureText | None = None  # type: ignore[valid-type]
    vs: PeriodText | None = None
    where: str | None = None
    #: the target that ``target``, ``pct_of_target``, ``excess_pct`` and ``shortfall_pct`` are
    #: of, by name (default: the plan's)
    against: str | None = None


class ValueSpec(FileModel):
    """What a report says of one indicator."""

    value: FigureText | None = None  # type: ignore[valid-type]
    #: the unit the value (and its stated levels) is printed in, when it is another scale of
    #: its indicator's: "triệu USD" in an indicator in "tỷ USD"
    unit: str | None = None
    period: PeriodText | None = None
    status: StatusText | None = None
    source: str | None = None
    where: str | None = None
    stated: (
        Annotated[
            Annotated[StatedSpec, Tag("mapping")] | Annotated[list[StatedSpec], Tag("list")],
            Discriminator(_shape),
        ]
        | None
    ) = None


#: An actuals file's locale: without one, the file is read in the plan's.
FileLocale = Annotated[
    Literal["vi", "en"] | None,
    WithJsonSchema(
        {
            "type": "string",
            "enum": ["vi", "en"],
            # the JSON Schema speaks English, as its keys do
            "description": "the locale the file's figures are written in; "  # not words:
            "default: the plan's",
        }
    ),
]


class ActualsFile(FileModel):
    """actuals/*.yaml: one report's figures."""

    period: PeriodText | None = None
    status: StatusText = "final"
    source: str | None = None
    locale: FileLocale = None
    values: dict[str, _either(ValueSpec, QualifiedText)]  # type: ignore[valid-type]


def key_names() -> set[str]:
    """Every key the formats know, for 'did you mean' hints."""
    names: set[str] = set()
    for model in (
        LocalText,
        FigureSpec,
        PlanBlock,
        TargetSpec,
        ClassificationSpec,
        IndicatorSpec,
        TargetsFile,
        StatedSpec,
        ValueSpec,
        ActualsFile,
    ):
        names |= set(model.model_fields)
    return names


SCHEMA_KINDS: dict[str, type[FileModel]] = {"targets": TargetsFile, "actuals": ActualsFile}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file kind ('targets' or 'actuals'), for editors."""
    schema = SCHEMA_KINDS[kind].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text(kind: str) -> str:
    """The JSON Schema as the text of a .schema.json file."""
    import json

    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
