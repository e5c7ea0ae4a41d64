"""Import keeps every column: the site table as the app shows and downloads it imports back (ja and en)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chiiki_cli import main as cli
from geo.config import SAMPLE_SITES_CSV
from geo.sites.imports import not_imported, plan_import, read_upload, suggest_mapping
from geo.sites.schema import SITE_COLUMNS, read_sites_file, validate_sites
from i18n import t
from i18n.sites_edit import column_headers
from ui.site_tables import sites_table

TEXT = ["name", "plan_type", "field", "company", "status", "address_ja", "source_note"]
NUMBERS = ["investment_oku_yen", "jobs", "land_ha", "water_m3_day", "power_mw", "lon", "lat"]


@pytest.fixture(scope="module")
def sites() -> pd.DataFrame:
    accepted, rejected = validate_sites(read_sites_file(SAMPLE_SITES_CSV))
    assert rejected.empty
    out = pd.DataFrame(accepted.drop(columns="geometry")).assign(site_id=range(1, len(accepted) + 1))
    # a value the display would round (25.55 ha, 3,500.25 億円) must come back as it was
    out.loc[out.index[0], ["land_ha", "investment_oku_yen"]] = [25.55, 3500.25]
    return out.reset_index(drop=True)


def _download(table: pd.DataFrame) -> bytes:
    """The table as a CSV download (UTF-8 with a BOM, as Excel reads it)."""
    return table.to_csv(index=False).encode("utf-8-sig")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_downloaded_site_table_imports_back_with_nothing_lost(sites: pd.DataFrame, lang: str) -> None:
    table = sites_table(sites, lang)
    assert t("land", lang) in table.columns and t("source_note", lang) in table.columns  # 用地（ha）, 出典メモ
    headers = column_headers()
    raw = read_upload("sites.csv", _download(table), headers)
    mapping = suggest_mapping(list(raw.columns), headers)
    assert sorted(v for v in mapping.values() if v) == sorted(SITE_COLUMNS)  # every schema column maps back
    # only what the store derives or keeps is left out, and it is named
    assert not_imported(mapping) == [t(k, lang) for k in ("prefecture", "words_muni", "block", "words_site_id")]
    plan = plan_import(raw, mapping, sites.iloc[0:0].assign(geometry=None))
    assert plan.counts == (len(sites), 0)
    got = pd.DataFrame(plan.accepted.drop(columns="geometry")).reset_index(drop=True)
    for col in TEXT:
        assert got[col].fillna("").tolist() == sites[col].fillna("").tolist(), col
    for col in NUMBERS:
        np.testing.assert_allclose(got[col].astype(float), sites[col].astype(float), rtol=0, atol=1e-9, err_msg=col)
    assert got["is_sample"].tolist() == sites["is_sample"].tolist()
    assert got[["pref_code", "muni_code", "block"]].equals(sites[["pref_code", "muni_code", "block"]])


def test_the_apps_japanese_labels_keep_land_and_source_note() -> None:
    csv = (
        "名称,計画類型,分野,状況,経度,緯度,用地（ha）,出典メモ,社内メモ\n"
        "新工場,A,半導体,計画,130.70,32.80,12.5,熊本日日新聞 2026-01-05,要確認\n"
    )
    headers = column_headers()
    raw = read_upload("sites.csv", csv.encode("cp932"), headers)
    mapping = suggest_mapping(list(raw.columns), headers)
    assert mapping["用地（ha）"] == "land_ha" and mapping["出典メモ"] == "source_note"
    assert not_imported(mapping) == ["社内メモ"]  # the unknown header is named
    plan = plan_import(raw, mapping, raw.iloc[0:0])
    row = plan.accepted.iloc[0]
    assert row["land_ha"] == 12.5 and row["source_note"] == "熊本日日新聞 2026-01-05"


def test_cli_names_the_columns_it_does_not_import(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_STORE", str(tmp_path / "sites.gpkg"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    path = tmp_path / "sites.csv"
    path.write_text(
        "Name,Plan type,Field,Status,Longitude (°E),Latitude (°N),Land (ha),Source note,Internal memo\n"
        "New fab,A,ai_semiconductor,planned,130.70,32.80,12.5,news,check\n",
        encoding="utf-8",
    )
    assert cli.main(["sites", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "取り込まない列：Internal memo / Columns not imported: Internal memo" in out
    assert "1 row(s) would be imported, 0 rejected" in out
