"""Which JSIC divisions each strategic field rests on: the editable table ``data/field_divisions.toml``.

Each ``[fields.<field id>]`` has ``divisions`` (letters A–R) and a ``note``. Problems are reported as
``geo.errors.FieldDivisionsError`` with a code (``field_divisions_*``) and parameters, worded by ``i18n``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.config import DATA_DIR
from geo.domain import ALL_FIELDS, DIVISIONS
from geo.errors import FieldDivisionsError

FIELD_DIVISIONS_TOML: Path = DATA_DIR / "field_divisions.toml"


@dataclass(frozen=True)
class FieldDivisions:
    """Division letters (and the note) per field id; fields without an entry are absent."""

    divisions: dict[str, tuple[str, ...]]
    notes: dict[str, str] = field(default_factory=dict)
    source: str = ""
    #: The ``[meta]`` table (``title``, ``updated``) as text.
    meta: dict[str, str] = field(default_factory=dict)


def _entry(fid: str, table: object, where: str) -> tuple[tuple[str, ...], str]:
    if fid not in ALL_FIELDS:
        raise FieldDivisionsError("field_divisions_unknown_field", file=where, field=fid)
    if not isinstance(table, dict):
        raise FieldDivisionsError("field_divisions_not_a_table", file=where, field=fid)
    extra = sorted(set(table) - {"divisions", "note"})
    if extra:
        raise FieldDivisionsError("field_divisions_unknown_key", file=where, field=fid, keys=", ".join(extra))
    letters = table.get("divisions")
    if not isinstance(letters, list) or not letters:
        raise FieldDivisionsError("field_divisions_no_divisions", file=where, field=fid)
    out = []
    for letter in letters:
        value = str(letter).strip().upper()
        if value not in DIVISIONS:
            raise FieldDivisionsError("field_divisions_unknown_division", file=where, field=fid, value=str(letter))
        if value not in out:
            out.append(value)
    return tuple(out), str(table.get("note", "")).strip()


def parse_field_divisions(data: dict[str, object], source: str = "<field divisions>") -> FieldDivisions:
    """Validate parsed TOML: ``[fields.<id>]`` tables with ``divisions`` and an optional ``note``."""
    extra = sorted(set(data) - {"fields", "meta"})
    if extra:
        raise FieldDivisionsError("field_divisions_top_level", file=source, keys=", ".join(extra))
    fields = data.get("fields", {})
    if not isinstance(fields, dict):
        raise FieldDivisionsError("field_divisions_not_a_table", file=source, field="fields")
    parsed = {str(f): _entry(str(f), tab, source) for f, tab in fields.items()}
    order = [f for f in ALL_FIELDS if f in parsed]
    meta = data.get("meta", {})
    meta_text = {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {}
    return FieldDivisions({f: parsed[f][0] for f in order}, {f: parsed[f][1] for f in order}, source, meta_text)


#: What separates the division letters a person types in one cell: spaces, commas, slashes, 、 and ・.
_LETTER_SEP = re.compile(r"[\s,/、・]+")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def rows_to_field_divisions(rows: Iterable[tuple[str, str, str]], source: str = "<table>") -> FieldDivisions:
    """A table edited on a page → the validated table (the same rules as the file).

    ``rows`` are (field id, division letters as typed — ``"L, E"``, ``"ｅ"`` —, note); a row with no letters
    links no division. Raises ``FieldDivisionsError`` like :func:`parse_field_divisions`.
    """
    fields: dict[str, object] = {}
    for fid, letters, note in rows:
        typed = [p for p in _LETTER_SEP.split(unicodedata.normalize("NFKC", str(letters or ""))) if p]
        if typed:
            fields[str(fid)] = {"divisions": typed, "note": str(note or "")}
    return parse_field_divisions({"fields": fields}, source)


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes and backslashes escaped, every control character as a unicode escape."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def field_divisions_toml(table: FieldDivisions, header: str = "") -> str:
    """``table`` written as ``data/field_divisions.toml`` (``header``: comment lines kept above it)."""
    lines = [header.rstrip("\n")] if header.strip() else []
    if table.meta:
        lines += ["", "[meta]", *(f"{k} = {_toml_string(v)}" for k, v in table.meta.items() if _BARE_KEY.fullmatch(k))]
    for fid, letters in table.divisions.items():
        lines += ["", f"[fields.{fid}]", "divisions = [" + ", ".join(_toml_string(d) for d in letters) + "]"]
        lines.append(f"note = {_toml_string(table.notes.get(fid, ''))}")
    return "\n".join(lines).lstrip("\n") + "\n"


def toml_header(path: str | Path | None = None) -> str:
    """The comment lines that open the table's file (what each entry needs), to keep them in a download."""
    path = Path(path) if path is not None else FIELD_DIVISIONS_TOML
    head = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        head.append(line)
    return "\n".join(head)


def load_field_divisions(path: str | Path | None = None) -> FieldDivisions:
    """Read and validate the table (default ``data/field_divisions.toml``)."""
    path = Path(path) if path is not None else FIELD_DIVISIONS_TOML
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FieldDivisionsError("field_divisions_missing", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise FieldDivisionsError("field_divisions_not_toml", file=str(path), detail=str(exc)) from None
    except UnicodeDecodeError:
        raise FieldDivisionsError("field_divisions_not_utf8", file=str(path)) from None
    return parse_field_divisions(data, str(path))
