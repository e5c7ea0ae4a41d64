"""Every error exit of ``chiiki-map`` says what went wrong in Japanese and in English (issue 23, item 11).

A broad set of mistakes a person makes on the command line — usage, places, regions, options, files of each
kind, settings files, sign-in, accounts, imports — each must exit non-zero with one line
``chiiki-map…: error: <日本語> / <English>`` on stderr, worded by ``i18n`` (no traceback, no code left bare).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from chiiki_cli import main as cli
from geo.accounts import Actor
from geo.store import open_store
from geo.store.users import add_user

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
ENGLISH = re.compile(r"\b[a-z]{3,}\b")
#: What a code left unworded or a technical form looks like (``code(param=…)``).
TECHNICAL = re.compile(r"\b[a-z]+_[a-z_]+\(")
STRONG = "a-long-enough-passphrase"


def _files(tmp: Path) -> dict[str, Path]:
    """The broken and awkward files the cases use."""
    files = {
        "empty.csv": "",
        "header_only.csv": "name,plan_type,field,status,lon,lat\n",
        "bad_rows.csv": "name,plan_type,field,status,lon,lat\nx,Z,nope,done,0,0\n",
        "conflict.csv": "name,名称,plan_type,field,status,lon,lat\na,b,A,ai_semiconductor,planned,130.7,32.8\n",
        "no_coords.csv": "name,plan_type,field,status\na,A,ai_semiconductor,planned\n",
        "good.csv": "name,plan_type,field,status,lon,lat\nエラー試験工場,A,ai_semiconductor,planned,130.71,32.81\n",
        "notes.pdf": "%PDF-1.4",
        "broken.xlsx": "not a zip",
        "unclosed.csv": 'name,lon\n"a,1\nb,2\n',
        "bad.toml": "[profiles.default\n",
        "no_default.toml": "[profiles.ai_semiconductor]\nport = 10\n",
        "units_bad.toml": '[units.ai_semiconductor]\njobs_per_100oku = -1\nbasis = "source"\nnote = "x"\n',
        "firms_cols.csv": "企業名,都道府県\nA社,熊本県\n",
        "firms_ok.csv": "企業名,都道府県コード,域外販売額,域内仕入額\nA社,43,10,5\n",
        "totals_bad.csv": "都道府県コード,域外販売額,域内仕入額\n99,x,-1\n",
        "parcels_bad.csv": "団地名,総面積（ha）,分譲可能面積（ha）,経度,緯度\nA,x,1,0,0\n",
        "layer.txt": "x",
        "layer_nolonlat.csv": "name,x1\na,1\n",
        "roads.osm.gz": "x",
        "broken.osm": "<osm><node",
    }
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
    return {name: tmp / name for name in files}


def _cases(f: dict[str, Path], tmp: Path) -> list[tuple[str, list[str], str | None]]:
    """(label, argv, stdin): each one an error exit."""
    missing, nodir = str(tmp / "missing.csv"), "/proc/no/dir/gaps.csv"  # a missing folder is made; /proc is not
    return [
        ("usage: no command", [], None),
        ("usage: unknown command", ["nope"], None),
        ("usage: not a number", ["locate", "x", "1"], None),
        ("usage: bad choice", ["sites", "export", "--format", "pdf", "--out", "x"], None),
        ("locate: invalid position", ["locate", "200", "30"], None),
        ("locate: swapped", ["locate", "32.8", "130.7"], None),
        ("locate: outside Japan", ["locate", "0", "0"], None),
        ("locate: not finite", ["locate", "nan", "30"], None),
        ("locate: tolerance", ["locate", "130.7", "32.8", "--tolerance-m", "-1"], None),
        ("region: unknown", ["clusters", "--region", "x"], None),
        ("region: close", ["layers", "--region", "kumamto"], None),
        ("region: municipality code", ["gaps", "--region", "43404"], None),
        ("region: bad code", ["land", "--region", "99"], None),
        ("clusters: threshold", ["clusters", "--region", "43", "--threshold-km", "-1"], None),
        ("clusters: unknown field", ["clusters", "--region", "43", "--field", "nope"], None),
        ("sites file: missing", ["clusters", "--sites", missing], None),
        ("sites file: empty", ["clusters", "--sites", str(f["empty.csv"])], None),
        ("sites file: type", ["clusters", "--sites", str(f["notes.pdf"])], None),
        ("sites file: xlsx", ["clusters", "--sites", str(f["broken.xlsx"])], None),
        ("sites file: malformed", ["clusters", "--sites", str(f["unclosed.csv"])], None),
        ("sites file: no valid row", ["clusters", "--region", "43", "--sites", str(f["bad_rows.csv"])], None),
        ("gaps: requirements missing", ["gaps", "--region", "43", "--requirements", missing], None),
        ("gaps: requirements TOML", ["gaps", "--region", "43", "--requirements", str(f["bad.toml"])], None),
        ("gaps: no default", ["gaps", "--region", "43", "--requirements", str(f["no_default.toml"])], None),
        ("gaps: csv not writable", ["gaps", "--region", "43", "--csv", nodir], None),
        ("gaps: road graph missing", ["gaps", "--region", "43", "--road-graph", missing], None),
        ("labour: units missing", ["labour", "--region", "43", "--units", missing], None),
        ("labour: units invalid", ["labour", "--region", "43", "--units", str(f["units_bad.toml"])], None),
        ("labour: radius", ["labour", "--region", "43", "--radius-km", "-5"], None),
        ("profile: radius", ["profile", "--region", "43", "--radius-km", "0"], None),
        ("export: not html", ["export", "--region", "43", "--out", str(tmp / "x.txt")], None),
        ("export: unknown layer", ["export", "--region", "43", "--layers", "nope", "--out", str(tmp / "x.html")], None),
        ("firms: missing", ["firms", missing], None),
        ("firms: columns", ["firms", str(f["firms_cols.csv"])], None),
        ("firms: totals", ["firms", str(f["firms_ok.csv"]), "--totals", str(f["totals_bad.csv"])], None),
        ("land: parcels missing", ["land", "--region", "43", "--parcels", missing], None),
        (
            "land-import: no usable row",
            ["land-import", str(f["parcels_bad.csv"]), "--user", "ed", "--password-stdin"],
            STRONG,
        ),
        ("land-import: nothing asked", ["land-import"], None),
        ("land-import: type", ["land-import", str(f["notes.pdf"]), "--user", "ed"], None),
        ("layer-import: complete", ["layer-import", missing, "--layer", "ports", "--complete"], None),
        ("layer-import: missing", ["layer-import", missing, "--layer", "ports"], None),
        ("layer-import: type", ["layer-import", str(f["layer.txt"]), "--layer", "ports", "--dry-run"], None),
        ("layer-import: no lon/lat", ["layer-import", str(f["layer_nolonlat.csv"]), "--layer", "ports"], None),
        ("layer-import: layer", ["layer-import", str(f["good.csv"]), "--layer", "nope", "--dry-run"], None),
        ("fetch-osm: too large", ["fetch-osm", "--region", "japan"], None),
        ("fetch-osm: unknown layer", ["fetch-osm", "--region", "43", "--layers", "nope"], None),
        ("load-osm: missing", ["load-osm", str(tmp / "missing.osm"), "--region", "43"], None),
        ("load-osm: type", ["load-osm", str(f["roads.osm.gz"]), "--region", "43"], None),
        ("load-osm: broken", ["load-osm", str(f["broken.osm"]), "--region", "43"], None),
        ("sites import: missing", ["sites", "import", missing, "--dry-run"], None),
        ("sites import: type", ["sites", "import", str(f["notes.pdf"]), "--dry-run"], None),
        ("sites import: empty", ["sites", "import", str(f["empty.csv"]), "--dry-run"], None),
        ("sites import: conflict", ["sites", "import", str(f["conflict.csv"]), "--dry-run"], None),
        ("sites import: required", ["sites", "import", str(f["no_coords.csv"]), "--dry-run"], None),
        ("sites import: header only", ["sites", "import", str(f["header_only.csv"]), "--dry-run"], None),
        ("sites import: no valid row", ["sites", "import", str(f["bad_rows.csv"])], None),
        ("sites import: no user", ["sites", "import", str(f["good.csv"])], None),
        (
            "sites import: wrong password",
            ["sites", "import", str(f["good.csv"]), "--user", "ed", "--password-stdin"],
            "x",
        ),
        ("sites import: viewer", ["sites", "import", str(f["good.csv"]), "--user", "vi", "--password-stdin"], STRONG),
        ("users: short password", ["users", "add", "bob", "--role", "editor", "--password-stdin"], "short"),
        ("users: common password", ["users", "add", "bob", "--role", "editor", "--password-stdin"], "password1234"),
        ("users: bad name", ["users", "add", "a b", "--role", "editor", "--password-stdin"], STRONG),
        ("users: exists", ["users", "add", "ed", "--role", "editor", "--password-stdin"], STRONG),
        ("users: unknown", ["users", "role", "nobody", "viewer"], None),
        ("users: last admin", ["users", "role", "ad", "viewer"], None),
        ("users: no password", ["users", "add", "carol", "--role", "editor"], None),
    ]


@pytest.fixture
def error_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store with an admin, an editor and a viewer; offline; small import limits."""
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path / "var"))
    (tmp_path / "var").mkdir()  # a configured store's folder exists (a missing one is an error)
    monkeypatch.setenv("CHIIKI_MAP_STORE", str(tmp_path / "var" / "sites.gpkg"))
    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(tmp_path / "var" / "osm"))
    monkeypatch.setenv("CHIIKI_MAP_OVERPASS_URL", "http://127.0.0.1:9/api")
    for name in ("DATABASE_URL", "CHIIKI_MAP_USER", "CHIIKI_MAP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    store = open_store()
    for name, role in (("ad", "admin"), ("ed", "editor"), ("vi", "viewer")):
        add_user(store, name, role, STRONG, by="cli:test")
    assert Actor("ed", "editor").can_edit
    return tmp_path


def test_every_error_exit_speaks_japanese_and_english(
    error_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each case exits non-zero and its error line is 「日本語 / English」, worded (no bare code)."""
    cases = _cases(_files(error_env), error_env)
    assert len(cases) >= 60
    bad = []
    for label, argv, stdin in cases:
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{stdin}\n" if stdin is not None else ""))
        try:
            status = cli.main(argv)
        except SystemExit as exc:  # argparse's own exits (usage errors)
            status = int(exc.code or 0)
        err = capsys.readouterr().err
        line = next((x for x in err.splitlines() if ": error: " in x), "")
        message = line.split(": error: ", 1)[-1]
        ja, _, en = message.partition(" / ")
        fine = (
            status != 0
            and JAPANESE.search(ja)
            and len(ENGLISH.findall(en)) >= 2
            and not TECHNICAL.search(message)
            and "Traceback" not in err
        )
        if not fine:
            bad.append(f"{label}: exit {status}: {err.strip()[:300]!r}")
    assert not bad, "\n".join(bad)
