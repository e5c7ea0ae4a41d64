"""docs/ARCHITECTURE.md reads true: its folder table names every module of the tree and nothing else,
and every repository path it mentions exists."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "ARCHITECTURE.md"
ROOTS = ("geo", "layers", "ui", "i18n", "chiiki_cli", "scripts", "bench")
#: What counts as a module in the table: code and templates (not __init__.py, data or caches).
MODULE_SUFFIXES = (".py", ".js", ".j2")
_FILE = re.compile(r"^[A-Za-z0-9_.]+\.(?:py|js|j2)$")
_FOLDER = re.compile(r"^[a-z0-9_]+/$")
_PATH = re.compile(r"`((?:" + "|".join((*ROOTS, "data", "tests", "docs")) + r")/[^`<>* ]*)`")


def _table() -> dict[str, set[str]]:
    """Folder → the files and sub-folders its row of the Packages table names."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Packages") :]
    section = section[: section.index("\n## ", 1)]
    rows: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if len(cells) < 2 or not re.fullmatch(r"`[a-z0-9_/]+/`", cells[0]):
            continue
        tokens = re.findall(r"`([^`]+)`", cells[1])
        rows[cells[0].strip("`")] = {t for t in tokens if _FILE.match(t) or _FOLDER.match(t)}
    return rows


def _tree() -> dict[str, set[str]]:
    """Folder → its modules and sub-folders holding modules, for every folder under ``ROOTS``."""
    out: dict[str, set[str]] = {}
    for root in ROOTS:
        for folder in [REPO / root, *(p for p in (REPO / root).rglob("*") if p.is_dir())]:
            if "__pycache__" in folder.parts:
                continue
            files = {p.name for p in folder.iterdir() if p.is_file() and p.suffix in MODULE_SUFFIXES}
            files.discard("__init__.py")
            subs = {f"{p.name}/" for p in folder.iterdir() if p.is_dir() and any(p.rglob("*.py"))}
            if files or subs:
                out[f"{folder.relative_to(REPO).as_posix()}/"] = files | subs
    return out


def test_every_folder_has_a_row_naming_every_module() -> None:
    table, tree = _table(), _tree()
    assert sorted(set(tree) - set(table)) == [], "folders missing from the Packages table"
    assert sorted(set(table) - set(tree)) == [], "rows of folders that do not exist"
    missing = {k: sorted(tree[k] - table[k]) for k in tree if tree[k] - table[k]}
    stale = {k: sorted(table[k] - tree[k]) for k in tree if table[k] - tree[k]}
    assert missing == {}, "modules the table does not name"
    assert stale == {}, "names in the table that are not in the folder"


def test_every_path_the_document_mentions_exists() -> None:
    paths = set(_PATH.findall(DOC.read_text(encoding="utf-8")))
    assert paths, "the pattern finds the document's paths"
    assert sorted(p for p in paths if not (REPO / p.rstrip("/")).exists()) == []
