"""The message catalogs: extract the texts from the code, update vi and en, compile them.

    python scripts/catalogs.py            # extract, update, compile: after changing a text
    python scripts/catalogs.py --check    # what tests/test_catalogs.py checks, as a report

Extraction collects the texts of ``gettext``, ``pgettext``, ``ngettext`` and
``npgettext`` calls (the say layer's ``Words``) and of the markers ``N_``,
``C_``, ``NP_`` and ``T_`` (``core.messages``), from every module of the package, as
``pybabel extract`` does with these keywords:

    pybabel extract -F babel.cfg -k C_:1c,2 -k NP_:1,2 -k T_ --no-location --sort-output \
        --no-wrap -o src/plan_kpi/say/locale/plan_kpi.pot .

Updating keeps every translation, drops what no code uses any more (no
obsolete entries are kept) and adds new entries untranslated in vi; a new
English entry starts as its key (the English text itself), to be changed in
en.po when the English wording should differ from the key.
"""

from __future__ import annotations

import argparse
import gettext
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "plan_kpi"
LOCALE = PACKAGE / "say" / "locale"
DOMAIN = "plan_kpi"
LANGS = ("vi", "en")
KEYWORDS = {**DEFAULT_KEYWORDS, "C_": ((1, "c"), 2), "NP_": (1, 2), "T_": None}
METHOD_MAP = [("**.py", "python")]
#: the catalogs' dates are fixed, so that a compiled catalog changes only with its messages
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def extracted() -> Catalog:
    """Every text the code asks the catalogs for."""
    catalog = Catalog(project="plan-kpi", domain=DOMAIN, charset="utf-8")
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), METHOD_MAP, keywords=KEYWORDS
    ):
        catalog.add(message, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="plan-kpi", charset="utf-8")
    with path.open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    _stable(catalog)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, no_location=True, sort_output=True, ignore_obsolete=True)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    _stable(catalog)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _stable(catalog: Catalog) -> None:
    catalog.creation_date = STAMP
    catalog.revision_date = STAMP
    catalog.fuzzy = False
    catalog.last_translator = "plan-kpi"
    catalog.language_team = "plan-kpi"
    catalog.msgid_bugs_address = ""
    catalog.copyright_holder = "plan-kpi"


def update() -> None:
    template = extracted()
    LOCALE.mkdir(parents=True, exist_ok=True)
    (LOCALE / f"{DOMAIN}.pot").write_bytes(po_bytes(template))
    for lang in LANGS:
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if lang == "en":
            for message in catalog:
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.id and not all(strings):
                    message.string = message.id
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        po_path(lang).write_bytes(po_bytes(catalog))
        po_path(lang).with_suffix(".mo").write_bytes(mo_bytes(catalog))


def problems() -> list[str]:
    """What is wrong with the catalogs: untranslated, stale, not compiled."""
    found = []
    wanted = {(m.context, _key(m.id)) for m in extracted() if m.id}
    for lang in LANGS:
        catalog = read(lang)
        have = {(m.context, _key(m.id)) for m in catalog if m.id}
        for context, key in sorted(wanted - have, key=str):
            found.append(f"{lang}: not in the catalog: {key!r} (context {context!r})")
        for context, key in sorted(have - wanted, key=str):
            found.append(f"{lang}: no code uses: {key!r} (context {context!r})")
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings) or message.fuzzy:
                found.append(f"{lang}: no translation of {_key(message.id)!r}")
        compiled = po_path(lang).with_suffix(".mo")
        if not compiled.exists() or _entries(compiled.read_bytes()) != _entries(mo_bytes(catalog)):
            found.append(f"{lang}: {compiled.relative_to(ROOT)} is not compiled from its .po")
    return found


def _entries(compiled: bytes) -> dict[object, object]:
    """A compiled catalog's messages (its header aside: it names the Babel that wrote it)."""
    entries = dict(gettext.GNUTranslations(io.BytesIO(compiled))._catalog)  # type: ignore[attr-defined]
    entries.pop("", None)
    return entries


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="report problems, change nothing")
    args = parser.parse_args()
    if not args.check:
        update()
    found = problems()
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
