"""Issue 23 items 9 and 10 (NUL): invisible and control characters in names, headers and files.

A zero-width space or word joiner must not make a name new (the one name rule, ``geo.text.name_key``);
NUL, BEL and ESC in a name are refused with a reason naming the character (never stored, never cut at
the NUL); nothing from a file reaches the terminal raw (``chiiki_cli.terminal``); a UTF-8 CSV with one
NUL byte is read as UTF-8 and the NUL named, not read as UTF-16 mojibake.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

from chiiki_cli import main as cli
from chiiki_cli.terminal import terminal_safe
from geo.chars import FORMAT_CHARACTERS
from geo.io.reasons import Reason
from geo.io.tables import read_table
from geo.sites.schema import read_sites_file, validate_sites
from geo.store import open_store
from geo.text import name_key
from i18n.reasons import reason_text

HEADER = "名称,計画類型,分野,状況,経度,緯度\n"
FAB = "JASM 熊本第1工場 (JASM fab 1)"  # in the sample every new store is seeded with, at 130.845, 32.882


def test_format_characters_are_exactly_unicode_category_cf() -> None:
    """The hand-written set equals what this Python's Unicode database calls Cf (none missing, none extra)."""
    found = {c for c in range(sys.maxunicode + 1) if FORMAT_CHARACTERS.fullmatch(chr(c))}
    cf = {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    assert cf <= found, [f"U+{c:04X}" for c in sorted(cf - found)]
    assert all(unicodedata.category(chr(c)) in ("Cf", "Cn") for c in found - cf)  # Cn: assigned in newer Unicode


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u200d", "\u202e"])
def test_invisible_characters_do_not_make_a_new_name(invisible: str) -> None:
    assert name_key(f"JASM{invisible} 熊本第1工場") == name_key("JASM 熊本第1工場") == "jasm熊本第1工場"


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060"])
def test_the_sample_fab_imported_again_with_a_zero_width_character_is_a_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], invisible: str
) -> None:
    monkeypatch.setenv("CHIIKI_MAP_STORE", str(tmp_path / "sites.gpkg"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    before = len(open_store().read())
    path = tmp_path / "again.csv"
    path.write_text(
        HEADER + f"JASM{invisible} 熊本第1工場 (JASM fab 1),A,半導体,稼働中,130.845,32.882\n", encoding="utf-8"
    )
    assert cli.main(["sites", "import", str(path), "--dry-run"]) == 2
    assert "duplicate of existing site" in capsys.readouterr().out
    assert len(open_store().read()) == before


def test_a_name_of_only_invisible_characters_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(HEADER + "\u200b\u2060,A,半導体,稼働中,130.845,32.882\n", encoding="utf-8")
    _, rejected = validate_sites(read_table(path))
    assert [r.code for r in rejected["reason"].iloc[0]] == ["name_empty"]


def _feature(name: str, lon: float) -> dict:
    props = {"name": name, "plan_type": "A", "field": "ai_semiconductor", "status": "planned"}
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, 32.9]}}


def test_nul_bel_and_esc_in_a_geojson_name_are_refused_naming_the_character(tmp_path: Path) -> None:
    names = ["abc\x00def", "bell\x07", "title \x1b]0;pwned\x07", "ok \\u0000 as text", "fine"]
    path = tmp_path / "names.geojson"
    features = [_feature(n, 130.80 + i / 100) for i, n in enumerate(names)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    raw = read_sites_file(path)
    assert raw["name"].iloc[0] == "abc\x00def"  # not cut at the NUL (GDAL alone returns "abc")
    accepted, rejected = validate_sites(raw)
    assert accepted["name"].tolist() == ["ok \\u0000 as text", "fine"]
    assert rejected["row"].tolist() == [1, 2, 3]
    assert [r[0] for r in rejected["reason"]] == [
        Reason.of("control_character", column="name", char="U+0000", position=4),
        Reason.of("control_character", column="name", char="U+0007", position=5),
        Reason.of("control_character", column="name", char="U+001B", position=7),
    ]
    why = rejected["reason"].iloc[0][0]
    assert reason_text(why, "ja") == "名称に制御文字 U+0000 が含まれています（4 文字目）。その文字を削除してください"
    assert reason_text(why, "en") == "Name holds the control character U+0000 at character 4: remove it"


def test_a_utf8_csv_with_one_nul_byte_names_the_nul_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    for body in ("abc\x00def", "abc\x00de"):  # odd and even byte counts (UTF-16 mojibake / "no encoding" before)
        path.write_bytes(
            (HEADER + f"{body},A,半導体,稼働中,130.845,32.882\n熊本テスト,A,半導体,稼働中,130.9,32.9\n").encode()
        )
        raw = read_table(path)
        assert list(raw.columns) == ["名称", "計画類型", "分野", "状況", "経度", "緯度"]
        accepted, rejected = validate_sites(raw)
        assert accepted["name"].tolist() == ["熊本テスト"]
        assert rejected["row"].tolist() == [2]
        why = rejected["reason"].iloc[0]
        assert [r.code for r in why] == ["control_character"] and why[0].args["char"] == "U+0000"


def test_utf16_without_bom_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes((HEADER.replace(",", "\t") + "熊本テスト\tA\t半導体\t稼働中\t130.9\t32.9\n").encode("utf-16-le"))
    assert read_table(path)["名称"].tolist() == ["熊本テスト"]


def test_an_escape_sequence_in_a_header_is_printed_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "esc.csv"
    path.write_text(
        HEADER.rstrip("\n") + ",\x1b]0;pwned\x07\x1b[2J\u202e\n熊本テスト,A,半導体,稼働中,130.9,32.9,x\n",
        encoding="utf-8",
    )
    cli.main(["sites", "import", str(path), "--dry-run"])
    out = capsys.readouterr()
    for stream in (out.out, out.err):
        assert not any(c in stream for c in "\x1b\x07\u202e\r"), repr(stream)
    assert "\\u001b]0;pwned\\u0007\\u001b[2J\\u202e" in out.out


def test_terminal_safe_keeps_json_valid_and_equal() -> None:
    record = {"name": "a\x9bb\u202ec\rd", "plain": "熊本\tok\n"}
    text = json.dumps(record, ensure_ascii=False)
    safe = terminal_safe(text)
    assert "\x9b" not in safe and "\u202e" not in safe and json.loads(safe) == record
    assert terminal_safe("行1\n行2\tタブ") == "行1\n行2\tタブ"
