"""Issue 23 item 2: hostile GIS files are refused before GDAL reads them, and reading runs within a budget.

A 98 KB GeoPackage whose feature table is a view over a recursive query (10^9 rows) pinned a CPU in the
app's preview for signed-out visitors and hung ``layer-import``/``sites import --dry-run``. Now only real
tables of the format a file's name promises are read (``geo.io.gis_files``), the reading runs in a child
process that is killed past its time or memory budget (``geo.io.bounded``), and no upload control is
drawn for a visitor who is not signed in.
"""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
import threading
import types
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely import Point
from streamlit.testing.v1 import AppTest

from geo.errors import InputFileError
from geo.infra.imports import read_layer_file
from geo.io.bounded import bounded_read
from geo.io.gis_files import check_gis_content
from geo.sites.schema import read_sites_file
from geo.store import open_store
from geo.store.users import add_user
from i18n.errors import error_text
from tests.support import REPO
from tests.support.readers import allocate, setting, sleep_and_report

BILLION = "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000000)"


def real_gpkg(path: Path) -> Path:
    """A plain one-site GeoPackage (layer ``sites``), as QGIS would write it."""
    props = {"name": ["a"], "plan_type": ["A"], "field": ["ai_semiconductor"], "status": ["planned"]}
    gpd.GeoDataFrame(props, geometry=[Point(130.8, 32.9)], crs="EPSG:4326").to_file(path, layer="sites")
    return path


def _replace_table(path: Path, create: str) -> Path:
    """``path``'s ``sites`` table replaced by what ``create`` makes (``{geom}``: the site's geometry blob)."""
    con = sqlite3.connect(path)
    blob = con.execute("SELECT geom FROM sites").fetchone()[0]
    for (trigger,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f'DROP TRIGGER "{trigger}"')
    con.execute("DROP TABLE IF EXISTS rtree_sites_geom")
    con.execute("DELETE FROM gpkg_extensions WHERE table_name = 'sites'")
    con.execute("DELETE FROM gpkg_ogr_contents")  # GDAL then counts the rows itself
    con.execute("DROP TABLE sites")
    con.execute(create.format(geom=f"X'{blob.hex()}'"))
    con.commit()
    con.close()
    return path


def billion_row_view(path: Path) -> Path:
    """The file of the report: ``sites`` is a view of 10^9 rows (98 KB on disk)."""
    return _replace_table(
        real_gpkg(path),
        f"CREATE VIEW sites AS {BILLION} SELECT i AS fid, {{geom}} AS geom, 'n' || i AS name, 'A' AS plan_type, "
        "'ai_semiconductor' AS field, 'planned' AS status FROM c",
    )


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chiiki_cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,  # before the fix both commands ran for hours
        cwd=REPO,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize("command", [["sites", "import"], ["layer-import"]])
def test_a_view_over_a_billion_rows_is_refused_by_the_cli(tmp_path: Path, command: list[str]) -> None:
    path = billion_row_view(tmp_path / "view.gpkg")
    assert path.stat().st_size < 200_000
    extra = ["--layer", "ports"] if command == ["layer-import"] else []
    env = {"CHIIKI_MAP_STORE": str(tmp_path / "sites.gpkg"), "CHIIKI_MAP_VAR": str(tmp_path)}
    done = _cli(*command, str(path), *extra, "--dry-run", env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "ビュー（sites）を含む GeoPackage は読み込みません" in done.stderr
    assert "holds views (sites), which are not read" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("create", "code"),
    [
        ("CREATE VIRTUAL TABLE sites USING fts5(name, plan_type, field, status)", "gpkg_virtual_tables"),
        (
            "CREATE TABLE sites (fid INTEGER PRIMARY KEY, geom BLOB, name TEXT, "
            "big TEXT GENERATED ALWAYS AS (printf('%.*c', 1000000000, 'x')) VIRTUAL)",
            "gpkg_generated_columns",
        ),
    ],
)
def test_virtual_tables_and_generated_columns_are_refused(tmp_path: Path, create: str, code: str) -> None:
    path = _replace_table(real_gpkg(tmp_path / "odd.gpkg"), create)
    with pytest.raises(InputFileError) as caught:
        read_sites_file(path)
    assert caught.value.code == code


def test_a_plain_geopackage_still_reads(tmp_path: Path) -> None:
    raw = read_sites_file(real_gpkg(tmp_path / "plain.gpkg"))
    assert raw["name"].tolist() == ["a"]


def _vrt(target: Path) -> str:
    return (
        '<OGRVRTDataSource><OGRVRTLayer name="leak">'
        f"<SrcDataSource>{target}</SrcDataSource><GeometryType>wkbPoint</GeometryType>"
        '<GeometryField encoding="PointFromColumns" x="x" y="y"/></OGRVRTLayer></OGRVRTDataSource>'
    )


@pytest.mark.parametrize(("suffix", "code"), [(".gml", "file_not_gml"), (".geojson", "file_content_mismatch")])
def test_a_vrt_cannot_read_files_of_the_server(tmp_path: Path, suffix: str, code: str) -> None:
    """An OGR VRT named .gml or .geojson made GDAL read any file the server can read, and the preview showed it."""
    secret = tmp_path / "secret.csv"
    secret.write_text("name,x,y\nsecret row,130.8,32.9\n", encoding="utf-8")
    path = tmp_path / f"leak{suffix}"
    path.write_text(_vrt(secret), encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_layer_file(path)
    assert caught.value.code == code
    assert "secret row" not in str(caught.value)


def test_a_database_named_geojson_or_zipped_as_a_shapefile_is_refused(tmp_path: Path) -> None:
    database = real_gpkg(tmp_path / "real.gpkg").read_bytes()
    named = tmp_path / "sites.geojson"
    named.write_bytes(database)
    with pytest.raises(InputFileError) as caught:
        check_gis_content(named, 100_000)
    assert error_text(caught.value, "en") == (
        "sites.geojson is named .geojson but holds a SQLite database; it is not read: "
        "save it again from QGIS as .geojson"
    )
    zipped = tmp_path / "layer.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("layer.shp", database)
        zf.writestr("layer.dbf", b"")
    with pytest.raises(InputFileError) as caught:
        read_layer_file(zipped)
    assert caught.value.code == "file_content_mismatch"


def test_a_read_past_its_time_is_stopped_not_just_abandoned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_IMPORT_SECONDS", "2")
    pid_file = tmp_path / "pid"
    with pytest.raises(InputFileError) as caught:
        bounded_read(sleep_and_report, str(pid_file), 600.0, file="slow.gpkg")
    assert caught.value.code == "file_timeout"
    assert error_text(caught.value, "ja").startswith("slow.gpkg: 読込が 2 秒以内に終わらないため中止しました")
    with pytest.raises(ProcessLookupError):  # the reader is gone, not left running
        os.kill(int(pid_file.read_text(encoding="ascii")), 0)


def test_a_read_past_its_memory_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_IMPORT_MEMORY_MB", "300")
    assert bounded_read(allocate, 50, file="ok.csv") == 50 * 2**20
    with pytest.raises(InputFileError) as caught:
        bounded_read(allocate, 4000, file="huge.csv")
    assert caught.value.code == "file_too_much_memory"


def test_a_readers_own_error_comes_back_as_itself(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputFileError) as caught:
        read_sites_file(path)
    assert caught.value.code == "file_empty"


def test_a_threaded_caller_s_settings_of_now_reach_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a threaded process the read goes through the fork server, started with the environment of its
    time: the row limit (and every ``CHIIKI_MAP_*`` setting) the caller has now is the one the reader uses."""
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait, daemon=True)  # a second thread: the fork-server path
    waiter.start()
    try:
        monkeypatch.setenv("CHIIKI_MAP_MAX_IMPORT_ROWS", "7")
        monkeypatch.delenv("CHIIKI_MAP_IMPORT_TEST_GONE", raising=False)
        assert bounded_read(setting, "CHIIKI_MAP_MAX_IMPORT_ROWS", file="a.csv") == "7"  # starts the server
        monkeypatch.setenv("CHIIKI_MAP_MAX_IMPORT_ROWS", "1000")
        monkeypatch.setenv("CHIIKI_MAP_IMPORT_TEST_GONE", "x")
        assert bounded_read(setting, "CHIIKI_MAP_MAX_IMPORT_ROWS", file="a.csv") == "1000"
        monkeypatch.delenv("CHIIKI_MAP_IMPORT_TEST_GONE")
        assert bounded_read(setting, "CHIIKI_MAP_IMPORT_TEST_GONE", file="a.csv") is None
    finally:
        stop.set()
        waiter.join()


def test_a_threaded_caller_s_main_script_is_not_run_again_by_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI's failure of 2026-12-06: after an ``AppTest.from_function`` in the same worker, ``__main__`` was its
    script (Streamlit installs each run's module there), which the fork server's child ran first and which
    cannot run alone (``NameError: __args``): the sample's read failed with ``file_reader_failed``. In the
    server the same step re-ran ``app.py`` (and imported Streamlit) for every read."""
    script = tmp_path / "last_run_script.py"
    marker = tmp_path / "ran"
    script.write_text(f"open({str(marker)!r}, 'w').close()\nraise NameError('__args')\n", encoding="utf-8")
    stand_in = types.ModuleType("__main__")
    stand_in.__file__ = str(script)
    real_main = sys.modules["__main__"]
    monkeypatch.setitem(sys.modules, "__main__", stand_in)
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait, daemon=True)  # a second thread: the fork-server path
    waiter.start()
    try:
        assert bounded_read(setting, "HOME", file="a.csv") == os.environ.get("HOME")
    finally:
        stop.set()
        waiter.join()
    assert not marker.exists()
    assert sys.modules["__main__"] is stand_in  # the caller's own __main__ is put back
    assert real_main is not stand_in


# --- the app: no upload control before sign-in ----------------------------------------------------------

UPLOAD_PAGES = ["ui/pages/layer_import.py", "ui/pages/land.py", "ui/pages/firms.py", "ui/pages/sites_import.py"]


def test_upload_controls_are_drawn_only_through_ui_auth() -> None:
    found = []
    for path in [REPO / "app.py", *sorted((REPO / "ui").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            through_auth = isinstance(node, ast.Attribute) and ast.unparse(node.value) == "auth"
            if isinstance(node, ast.Attribute) and node.attr == "file_uploader" and path.name != "auth.py":
                found += [] if through_auth else [f"{path.relative_to(REPO)}:{node.lineno}"]
    assert found == []


@pytest.fixture
def var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    add_user(open_store(), "vera", "viewer", "parcel lantern river")
    return tmp_path


def _uploaders(at: AppTest) -> int:
    return len(at.get("file_uploader"))


@pytest.mark.apptest
def test_a_signed_out_visitor_gets_no_upload_control_on_any_page(var: Path) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    for page in UPLOAD_PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert _uploaders(at) == 0, page
    at.switch_page("ui/pages/layer_import.py").run()
    assert any("サインインするまでファイルは受け取りません" in i.value for i in at.info)
    at.sidebar.text_input(key="auth_name").set_value("vera")
    at.sidebar.text_input(key="auth_password").set_value("parcel lantern river")
    next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    assert not at.exception, at.exception
    assert _uploaders(at) == 1  # a signed-in viewer may preview a layer file (writing needs an editor)


@pytest.mark.apptest
def test_a_signed_in_preview_of_the_hostile_file_says_why_and_ends(var: Path, tmp_path: Path) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("ui/pages/layer_import.py").run()
    at.sidebar.text_input(key="auth_name").set_value("vera")
    at.sidebar.text_input(key="auth_password").set_value("parcel lantern river")
    next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    data = billion_row_view(tmp_path / "view.gpkg").read_bytes()
    at.file_uploader(key="layer_import_file").set_value(("view.gpkg", data, "application/geopackage+sqlite3")).run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any("ビュー（sites）を含む GeoPackage は読み込みません" in e for e in errors), errors


def test_a_parcel_file_is_checked_the_same_way(tmp_path: Path) -> None:
    from geo.analysis.land import read_parcel_file

    with pytest.raises(InputFileError) as caught:
        read_parcel_file(billion_row_view(tmp_path / "parcels.gpkg"))
    assert caught.value.code == "gpkg_views"
