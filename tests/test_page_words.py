"""No developer text on a planner's page: no file path, no ``chiiki-map`` command or flag, no raw id.

Two scans. The words (every i18n text a page or an exported briefing can show: all but the command line's own
words in ``i18n/cli.py``, the command-line wording of an error the app words for itself in ``app_err_<code>``,
and the codes listed in ``COMMAND_LINE_ONLY``), with their placeholders left out; and every page in both
languages as AppTest renders it (titles, captions, messages, widget labels and options, table headers and
cells, chart titles and labels), with the values filled in.
"""

from __future__ import annotations

import ast
import json
import re
import string
import unicodedata
from collections.abc import Iterator

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

import i18n
from i18n import cli as cli_words
from tests.support import REPO

#: A file path (``data/requirements.toml``, ``FILE.osm``), a command or flag, a shell quote, an environment
#: variable, an install line, or a raw id (``pref_industrial_water``, ``jobs_per_100oku``, a made-up row code
#: ``sample:8``).
DEVELOPER_TEXT = re.compile(
    r"chiiki-map|`|(?<![\w-])--[a-z][a-z-]+|\b[\w.-]+/[\w./-]*\.[a-z]{2,7}\b"
    r"|(?<![\w/.])(?:data|var|geo|layers|ui|docs|scripts|tests|static)/"
    r"|\.(?:toml|py|osm|parquet|gpkg|graphml)\b|\bCHIIKI_MAP_\w+|\bDATABASE_URL\b|pip install"
    r"|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z]+:\d+\b"
)
#: Error codes only the command line can meet (the pages never raise them), each with why.
COMMAND_LINE_ONLY = {
    "tolerance_m": "a parameter of the duplicate rule the pages never set",
    "gaps_site_groups": "the gaps page always passes the cluster of each site",
    "gaps_aggregate_by": "the gaps page offers only the valid aggregations",
    "osm_file_type": "load-osm (the command line)",
    "osm_file_not_found": "load-osm (the command line)",
    "road_graph_not_found": "gaps --road-graph (the command line)",
    "output_exists": "an export that would overwrite a file (the command line's --force)",
    "cli_compare_two": "compare with fewer than two regions (the page asks for two to four)",
}
#: Errors of the server's own set-up, which stop the app at its first page for whoever started it (the IT staff
#: who set the variable): they name the variable or the owner's step on purpose (issue 23 item 10).
SERVER_SETUP = {
    "store_url_unsupported": "DATABASE_URL of another scheme",
    "store_folder_missing": "CHIIKI_MAP_STORE in a missing folder",
    "store_needs_upgrade": "the database owner's `chiiki-map db upgrade` not run",
    "store_upgrade_denied": "db upgrade by a role that is not the owner (command line only)",
    "store_is_folder": "CHIIKI_MAP_STORE naming a folder",
}
#: Requirement and jobs-per-investment file errors: the gaps and labour pages show their own words instead
#: (``gaps_error_requirements``, ``labour_error_units``) and log these for the administrator.
SETTINGS_FILE_ERRORS = ("err_req_", "err_units_")


def page_texts() -> Iterator[tuple[str, str, str]]:
    """(key, language, text without placeholders) of every i18n text a page or a briefing may show."""
    for key, pair in i18n.TEXT.items():
        code = key.removeprefix("err_")
        if (
            key in cli_words.TEXT
            or (
                key.startswith("err_")
                and (f"app_{key}" in i18n.TEXT or code in COMMAND_LINE_ONLY or code in SERVER_SETUP)
            )
            or key.startswith(SETTINGS_FILE_ERRORS)
        ):
            continue
        for lang, text in zip(i18n.LANGS, pair, strict=True):
            yield key, lang, "".join(literal for literal, *_ in string.Formatter().parse(text))


def test_the_words_a_page_shows_hold_no_developer_text() -> None:
    found = [f"{key} ({lang}): {m.group(0)!r}" for key, lang, s in page_texts() if (m := DEVELOPER_TEXT.search(s))]
    assert not found, "\n".join(found)


def test_the_scan_finds_what_it_is_for() -> None:
    """The patterns catch the texts issue 24 found on the pages (written here by hand)."""
    for text in (
        "分野ごとの立地要件（data/requirements.toml、編集可能な仮定）",
        "道路グラフが未読込…（chiiki-map gaps --road-graph FILE.osm で作成）",
        "判別したデータ: 都道府県 工業用水道 一覧（pref_industrial_water）",
        "推計値（data/labour_units.toml）",
        "コード sample:8",  # a sample parcel's row code in 立地候補探索's table
    ):
        assert DEVELOPER_TEXT.search(text), text
    assert not DEVELOPER_TEXT.search("立地要件（編集可能な仮定）・1,234 ha・Ishikari Bay New Port・Note: 12:30")


def test_every_app_wording_words_an_error_code() -> None:
    """``app_err_<code>`` words a code that exists, with no placeholder the command line's words lack."""
    for key, pair in i18n.TEXT.items():
        if key.startswith("app_err_"):
            cli = i18n.TEXT.get(key.removeprefix("app_"))
            assert cli is not None, key
            fields = {f for text in pair for _, f, _, _ in string.Formatter().parse(text) if f}
            given = {f for text in cli for _, f, _, _ in string.Formatter().parse(text) if f}
            assert fields <= given, key


#: A metric's label wraps (``ui.widgets.LABEL_CSS``) in a column a fifth of the page wide: at most two lines
#: of about 11 full-width characters, an ASCII character counted as 0.55 of one.
METRIC_LABEL_EM = 22.0
_METRIC_LABEL = re.compile(r"\.metric\(\s*t\(\s*(f?)\"([^\"]+)\"")


def label_em(text: str) -> float:
    """Width of ``text`` in full-width characters (a wide or full-width character 1, any other 0.55)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def test_metric_labels_fit_their_column() -> None:
    """Every ``st.metric`` label in ``ui/`` fits two lines of a narrow column in both languages (issue 24:
    「生産年齢千人あたり雇用（公表…」 was cut); a longer text goes into the metric's help."""
    keys = set()
    for path in (REPO / "ui").rglob("*.py"):
        for fmt_, key in _METRIC_LABEL.findall(path.read_text(encoding="utf-8")):
            keys.update(k for k in i18n.TEXT if re.fullmatch(re.sub(r"\\{\w+\\}", r"\\w+", re.escape(key)), k))
            assert fmt_ or key in i18n.TEXT, key
    assert len(keys) > 40, len(keys)  # the scan found the pages' metrics
    long = [
        f"{key} ({lang}): {text}"
        for key in sorted(keys)
        for lang, text in zip(i18n.LANGS, i18n.TEXT[key], strict=True)
        if label_em(text) > METRIC_LABEL_EM
    ]
    assert not long, "\n".join(long)
    assert (
        label_em("生産年齢千人あたり雇用（公表＋推計）")
        <= METRIC_LABEL_EM
        < label_em("Jobs per 1,000 working-age (disclosed + estimated)")
    )


# --- the pages as they render ---

PAGES = [
    "ui/pages/explore.py",
    "ui/pages/clusters.py",
    "ui/pages/gaps.py",
    "ui/pages/land.py",
    "ui/pages/labour.py",
    "ui/pages/industry.py",
    "ui/pages/profile.py",
    "ui/pages/firms.py",
    "ui/pages/export.py",
    "ui/pages/sites_edit.py",
    "ui/pages/sites_import.py",
    "ui/pages/layer_import.py",
]
#: Pages scanned in one language only (each run costs seconds; their words are all in the i18n scan above).
ONE_LANGUAGE_PAGES = ["ui/pages/siting.py", "ui/pages/compare.py", "ui/pages/plans.py"]
_TEXT_FIELDS = ("body", "label", "help", "placeholder", "options", "default")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def rendered_texts(node: object) -> Iterator[str]:
    """Every text of an AppTest element tree a person reads (not the style sheets or the map's code)."""
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else ():
        yield from rendered_texts(child)
    proto = getattr(node, "proto", None)
    kind = type(node).__name__
    if proto is None or kind == "Html":  # our style sheets (ui.widgets)
        return
    data = MessageToDict(proto)
    if "componentName" in data:  # the map component: its legend words are in the i18n scan
        return
    if "spec" in data:  # a chart: its titles and labels
        yield from re.findall(r'"(?:title|text)": ?"([^"]*)"', data["spec"])
        for frame in getattr(node, "_datasets", lambda: [])():
            yield from frame.astype(str).to_numpy().ravel().tolist()
        return
    for name in _TEXT_FIELDS:
        yield from _strings(data.get(name))
    if kind == "Dataframe":
        frame = node.value  # type: ignore[attr-defined]
        yield from map(str, frame.columns)
        yield from (str(v) for v in frame.astype(str).to_numpy().ravel())


@pytest.mark.apptest
@pytest.mark.parametrize("lang", ["日本語", "English"])
def test_no_page_shows_developer_text(app: AppTest, lang: str) -> None:
    """Every page for 北海道 (the sample's sites) in both languages (立地候補探索, 地域比較 and 計画素案 in English):
    no path, command or raw id anywhere."""
    app.radio(key="lang").set_value(lang).run()
    app.selectbox(key="block").set_value("hokkaido").run()
    found = []
    for page in [*PAGES, *(ONE_LANGUAGE_PAGES if lang == "English" else [])]:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        for text in rendered_texts(app._tree):
            for hit in DEVELOPER_TEXT.finditer(text):
                found.append(f"{page}: {hit.group(0)!r} in {text[:80]!r}")
    assert not found, "\n".join(json.dumps(f, ensure_ascii=False) for f in found)


def test_sliders_show_whole_kilometres() -> None:
    """Every slider in ``ui/`` formats its value itself (``format="%g"``): Streamlit's default printed 「30.00」 over
    a distance slider (issue 24 screenshot pass)."""
    found = 0
    for path in (REPO / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "slider":
                found += 1
                formats = [k.value for k in node.keywords if k.arg == "format"]
                assert formats and isinstance(formats[0], ast.Constant), f"{path.name}:{node.lineno}"
                assert formats[0].value == "%g", f"{path.name}:{node.lineno}"
    assert found >= 3  # 距離しきい値, 通勤圏の半径, 到達距離
