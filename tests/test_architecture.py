"""The tree keeps its shape: geo's top level stays small, modules stay short (one test listing every
over-long module), no private names cross modules, and public functions of geo say what they take and give
(no ``Any``)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEO = REPO / "geo"
PACKAGES = ["geo", "layers", "ui", "i18n", "chiiki_cli"]
MAX_LINES = 450  # "about 400 lines at most"


def _modules(*roots: str) -> list[Path]:
    return sorted(p for r in roots for p in (REPO / r).rglob("*.py"))


def test_geo_top_level_is_small() -> None:
    top = sorted(p.name for p in GEO.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= 12, top
    packages = sorted(p.name for p in GEO.iterdir() if (p / "__init__.py").is_file())
    assert {"regions", "infra", "sites", "store", "analysis", "io"} <= set(packages)


def _lengths(paths: list[Path]) -> dict[str, int]:
    return {str(p.relative_to(REPO)): len(p.read_text(encoding="utf-8").splitlines()) for p in paths}


def test_modules_stay_short() -> None:
    """Every module of the packages, ``scripts/`` and ``app.py``: the failure lists each over-long one."""
    lengths = _lengths([*_modules(*PACKAGES, "scripts"), REPO / "app.py"])
    assert {p.split("/")[0] for p in lengths} >= {*PACKAGES, "scripts", "app.py"}, "every package was read"
    too_long = {p: n for p, n in sorted(lengths.items()) if n > MAX_LINES}
    assert too_long == {}, f"over {MAX_LINES} lines, split by concern: {too_long}"


def _private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGES:
            bad += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    return bad


def test_no_private_names_imported_across_modules() -> None:
    found = {str(p.relative_to(REPO)): _private_imports(p) for p in _modules(*PACKAGES, "scripts")}
    assert {k: v for k, v in found.items() if v} == {}


def _public_any(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        funcs = [node] if isinstance(node, ast.FunctionDef) else []
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            funcs += [f for f in node.body if isinstance(f, ast.FunctionDef)]
        for fn in funcs:
            if fn.name.startswith("_"):
                continue
            notes = [a.annotation for a in [*fn.args.args, *fn.args.kwonlyargs] if a.annotation] + [fn.returns]
            if any(n is not None and "Any" in ast.unparse(n) for n in notes):
                out.append(fn.name)
    return out


def test_public_functions_of_geo_take_and_give_no_any() -> None:
    found = {str(p.relative_to(REPO)): _public_any(p) for p in _modules("geo")}
    assert {k: v for k, v in found.items() if v} == {}


def _imports_conftest(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    return any(name == "tests.conftest" or name.startswith("tests.conftest.") for name in names)


def test_helpers_live_in_tests_support_and_conftest_holds_fixtures_only() -> None:
    users = [p for p in _modules("tests", "bench") if p.name != "conftest.py" and _imports_conftest(p)]
    assert users == [], "import helpers from tests.support, never from tests.conftest"
    tree = ast.parse((REPO / "tests" / "conftest.py").read_text(encoding="utf-8"))
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    helpers = [
        f.name
        for f in functions
        if not f.name.startswith("pytest_") and not any("fixture" in ast.unparse(d) for d in f.decorator_list)
    ]
    assert helpers == [], "conftest.py holds fixtures and pytest hooks only: move helpers to tests/support/"


def test_the_app_starts_without_the_libraries_only_some_pages_use() -> None:
    """The first map comes sooner: altair (charts), scipy (clusters) and pandas' Styler (coloured cells; it
    compiles jinja2 templates) load when a page draws or computes them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import ui.auth, ui.cached, ui.charts, ui.context, ui.live_map, layers.map\n"
        "print(','.join(m for m in ('altair', 'scipy', 'pandas.io.formats.style') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""
