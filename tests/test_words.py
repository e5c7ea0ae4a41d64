"""Codes in geo, words in i18n: geo holds no message text and takes no language; every code it raises has words.

The scan reads the source (``ast``): string literals of ``geo`` other than docstrings hold no Japanese except
in the data tables listed in ``DATA`` (domain names, header aliases, credit lines written into data files);
no function of ``geo`` has a ``lang`` parameter; every deliberate error (``geo.errors.ChiikiMapError``,
``chiiki_cli.errors.CliError``) is built from a code whose words exist in ``i18n`` in both languages, with
every placeholder of the words given by the call.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import i18n
from geo import errors

REPO = Path(__file__).resolve().parent.parent
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")

#: Where geo may hold Japanese: module → top-level names whose literals are data, not messages.
DATA: dict[str, set[str]] = {
    # domain tables: identifiers with their Japanese and English names
    "geo/domain.py": {"PLAN_TYPES", "FIELDS", "LOCAL_CATEGORIES", "STATUSES", "BLOCKS", "_PREF_NAMES", "DIVISIONS"},
    "geo/regions/resolve.py": {"_JAPAN_ALIASES", "JAPAN_NAMES", "CUSTOM_NAMES", "_aliases"},
    "geo/infra/registry.py": {"LAYERS"},  # layer names
    "geo/analysis/requirements.py": {"KINDS", "NOT_REQUIRED"},
    "geo/labour/data.py": {
        "POPULATION_CREDIT",
        "TALENT_CREDIT",
        "POSITION_CAMPUS",
        "POSITION_MUNICIPALITY",
        "SOURCE_NAMES",
    },
    "geo/labour/census.py": {"HAMAMATSU_NAME", "HAMAMATSU_NOTE"},
    "geo/briefing.py": {"BOUNDARY_SOURCE_NAMES"},
    # what files say: header aliases, coded values as people type them, patterns of addresses and names
    "geo/sites/schema.py": {"HEADER_ALIASES", "_PLAN_VALUES", "_FIELD_VALUES", "_STATUS_VALUES", "_value_map"},
    "geo/analysis/firms.py": {"HEADER_ALIASES", "HEADERS_JA", "_PREF_KEYS"},
    "geo/analysis/land.py": {"HEADER_ALIASES", "UNNAMED_PARCEL", "UNNAMED_OSM_PARCEL"},
    "geo/infra/imports.py": {"_LONLAT", "UNKNOWN_LICENCE", "AREA_COMPUTED"},
    "geo/infra/ksj.py": {
        "KSJ_LICENCE",
        "ksj_credit",  # MLIT's required credit line, written into manifests and imports
        "C02",
        "PORT_CLASS_JA",
        "L05",
        "N02",
        "P29",
        "SCHOOL_CLASS_JA",
        "INDUSTRIAL_WATER",
        "HEADER_ALIASES",
        "GENERIC_NAME",
        "GENERIC_SUBTYPE",
    },
    "geo/infra/osm/classify.py": {"_subtype"},
    "geo/labour/address.py": {"_COUNTY", "_KE"},
    "geo/industry/join.py": {"CITY_SUFFIX", "WARD_SUFFIX"},  # how N03 names a designated city and its wards
    "geo/industry/fields.py": {"_LETTER_SEP"},  # how people separate division letters in a cell (、・)
    "geo/text.py": {"TRUE_WORDS", "FALSE_WORDS"},
    "geo/store/gpkg.py": {"_gpkg_rows"},  # the GeoPackage's own description of its table
}


def _modules(package: str) -> Iterator[tuple[str, ast.Module]]:
    for path in sorted((REPO / package).rglob("*.py")):
        yield path.relative_to(REPO).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _docstrings(tree: ast.Module) -> set[int]:
    nodes = (n for n in ast.walk(tree) if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)))
    return {id(n.body[0].value) for n in nodes if n.body and isinstance(n.body[0], ast.Expr)}


def _top_name(node: ast.stmt) -> str:
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return node.name
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return ",".join(t.id for t in targets if isinstance(t, ast.Name)) or type(node).__name__


def test_geo_holds_no_message_text_in_japanese() -> None:
    """Japanese in geo only in the data tables of ``DATA``: no 「日本語 / English」 message is written in geo."""
    found = []
    for module, tree in _modules("geo"):
        docs, allowed = _docstrings(tree), DATA.get(module, set())
        for top in tree.body:
            if _top_name(top) in allowed:
                continue
            for node in ast.walk(top):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and id(node) not in docs and JAPANESE.search(text):
                    found.append(f"{module}:{node.lineno} {text[:60]!r}")
    assert not found, "words belong in i18n (geo raises a code and parameters):\n" + "\n".join(found)


def test_data_tables_named_in_the_scan_exist() -> None:
    """Each entry of ``DATA`` names a top-level definition that is there (the allowance stays narrow)."""
    for module, names in DATA.items():
        tops = {_top_name(top) for top in ast.parse((REPO / module).read_text(encoding="utf-8")).body}
        assert names <= tops, (module, names - tops)


#: Functions of geo still taking a language, each with the issue that moves it to i18n.
PENDING_LANG = {"geo/infra/sources.py completeness_words"}  # issue 18: layer status as codes + words


def test_no_function_of_geo_takes_a_language() -> None:
    """geo returns codes and data in both languages; choosing a language is i18n's (``Lang``)."""
    found = [
        f"{module} {node.name}"
        for module, tree in _modules("geo")
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and any(a.arg == "lang" for a in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs])
    ]
    assert set(found) <= PENDING_LANG


def _error_classes() -> set[str]:
    names = {n for n, v in vars(errors).items() if isinstance(v, type) and issubclass(v, errors.ChiikiMapError)}
    return names | {"CliError"}


def _codes(node: ast.expr) -> list[str] | None:
    """The code(s) a call's first argument gives: a literal, or a choice between literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _codes(node.body), _codes(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _raised() -> Iterator[tuple[str, ast.Call]]:
    classes = _error_classes()
    for package in ("geo", "chiiki_cli"):
        for module, tree in _modules(package):
            for node in ast.walk(tree):
                func = node.func if isinstance(node, ast.Call) else None
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if isinstance(node, ast.Call) and name in classes - set(SELF_CODED) and module != "geo/errors.py":
                    yield f"{module}:{node.lineno}", node


#: Errors that build their own code (from their arguments, in ``geo/errors.py``): class → code.
SELF_CODED = {"ConflictError": "site_conflict"}
#: Parameters ``i18n.errors`` derives from others (a list of rejected rows becomes ``{rows}``).
DERIVED = {"rows": "rejected_rows"}


def _placeholders(text: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_error_is_a_code_with_words_in_both_languages() -> None:
    """Each error geo or the command line builds gives a code worded in ``i18n`` (ja and en), and every
    placeholder of those words is a parameter of the call (named ``x`` or given per language as ``x_ja``/``x_en``)."""
    problems, seen = [], 0
    for where, call in _raised():
        codes = _codes(call.args[0]) if call.args else None
        if codes is None:
            problems.append(f"{where}: the first argument is not a code literal")
            continue
        given = {k.arg for k in call.keywords if k.arg}
        given |= {k.removesuffix(s) for k in given for s in ("_ja", "_en") if k.endswith(s)}
        splat = any(k.arg is None for k in call.keywords)
        for code in codes:
            seen += 1
            words = i18n.TEXT.get(f"err_{code}")
            if not code.isidentifier() or words is None:
                problems.append(f"{where}: no words for {code!r} (add err_{code} to an i18n/errors_*.py)")
                continue
            needed = set().union(*map(_placeholders, words)) - {d for d, src in DERIVED.items() if src in given}
            if not splat and needed - given:
                problems.append(f"{where}: {code} needs {sorted(needed - given)}")
    assert seen > 100 and not problems, "\n".join(problems)


def test_no_words_left_unused() -> None:
    """Every ``err_`` entry of i18n is a code something raises (the words are not dead)."""
    raised = {c for _, call in _raised() for c in (_codes(call.args[0]) or []) if call.args}
    raised |= set(SELF_CODED.values()) | ({"legacy"} if "err_legacy" in i18n.TEXT else set())
    unused = sorted({k.removeprefix("err_") for k in i18n.TEXT if k.startswith("err_")} - raised)
    assert not unused


def test_error_words_are_in_their_language() -> None:
    """Japanese words hold Japanese; English words hold no Japanese beyond quoted header names."""
    for key, (ja, en) in i18n.TEXT.items():
        if key.startswith("err_") and key != "err_legacy":
            assert JAPANESE.search(ja), key
            assert len(JAPANESE.findall(en)) < len(en) // 3, key


def test_an_error_keeps_its_code_and_parameters_across_processes() -> None:
    """Pickled (a worker process, a cache) an error still words the same in both languages."""
    import pickle

    import pandas as pd

    from i18n.errors import bilingual

    for exc in (
        errors.RegionError("pref_code_unknown", code="99"),
        errors.ValidationError("sites_none", pd.DataFrame({"row": [2]})),
        errors.ConflictError(5, 1, {"version": 2, "updated_by": "alice", "updated_at": "10:00"}, {"jobs": 3}),
    ):
        again = pickle.loads(pickle.dumps(exc))
        assert type(again) is type(exc) and bilingual(again) == bilingual(exc)
    assert again.changes == {"jobs": 3} and again.current_version == 2  # type: ignore[attr-defined]
