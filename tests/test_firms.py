"""Priority firms: connector/hub degrees on hand-made tables with known answers, CP932/Excel, errors, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from chiiki_cli import main as cli
from geo.analysis.firms import JSON_KEYS, analyse_firm_files, analyse_firms, pref_code_of, validate_firms
from geo.errors import FirmDataError
from i18n.reasons import reasons_text
from tests.support.wording import raises_words

# Three firms in 熊本県 (43): totals out 1000, in 500.
# connector: X 200/1000=.2, Y 300/1000=.3, Z 500/1000=.5; hub: X 100/500=.2, Y 100/500=.2, Z 300/500=.6
# score: Z 1.1 > Y 0.5 > X 0.4 → ranks Z, Y, X.
THREE = pd.DataFrame(
    {
        "firm": ["X", "Y", "Z"],
        "pref_code": ["43", "43", "43"],
        "out_region_sales": ["200", "300", "500"],
        "in_region_purchases": ["100", "100", "300"],
    }
)
EXPECTED = {"Z": (0.5, 0.6, 1), "Y": (0.3, 0.2, 2), "X": (0.2, 0.2, 3)}


def _check(result_firms: pd.DataFrame, expected: dict[str, tuple[float, float, int]]) -> None:
    got = result_firms.set_index("firm")
    assert set(got.index) == set(expected)
    for firm, (connector, hub, rank) in expected.items():
        assert got.loc[firm, "connector"] == pytest.approx(connector, abs=1e-12)
        assert got.loc[firm, "hub"] == pytest.approx(hub, abs=1e-12)
        assert got.loc[firm, "rank"] == rank


def test_three_firms_by_hand() -> None:
    result = analyse_firms(THREE)
    _check(result.firms, EXPECTED)
    assert result.rejected.empty and result.totals_source == "table"
    assert result.totals.set_index("pref_code").loc["43"].tolist() == [1000.0, 500.0]
    assert result.firms["pref_rank"].tolist() == [1, 2, 3]


def test_tie_on_score_is_broken_by_connector_then_name() -> None:
    # P: .6 + .2 = .8, Q: .2 + .6 = .8 (tie) → P first (higher connector); R and S identical → by name.
    df = pd.DataFrame(
        {
            "firm": ["Q", "P", "S", "R"],
            "pref_code": ["1"] * 4,
            "out_region_sales": [20, 60, 10, 10],
            "in_region_purchases": [60, 20, 10, 10],
        }
    )
    ranked = analyse_firms(df).firms
    assert ranked["firm"].tolist() == ["P", "Q", "R", "S"]
    assert ranked["pref_code"].unique().tolist() == ["01"]


def test_cp932_csv_with_japanese_headers(tmp_path: Path) -> None:
    path = tmp_path / "firms_sjis.csv"
    text = (
        "企業名,都道府県コード,域外販売額,域内仕入額,従業員数,営業利益,経度,緯度\n"
        "熊本精密,熊本県,200,100,50,-3,130.70,32.80\n"
        '菊陽電子,43,"300",100,120,10,,\n'
        "合志化学,４３,500,300,80,25,130.80,32.90\n"
    )
    path.write_bytes(text.encode("cp932"))
    result = analyse_firm_files(path)
    _check(result.firms, {"合志化学": (0.5, 0.6, 1), "菊陽電子": (0.3, 0.2, 2), "熊本精密": (0.2, 0.2, 3)})
    got = result.firms.set_index("firm")
    assert got.loc["熊本精密", "profit"] == -3  # a loss is a real value, not a rejected row
    assert got.loc["熊本精密", "employees"] == 50
    assert pd.isna(got.loc["菊陽電子", "lon"])


def test_xlsx_with_alternative_headers(tmp_path: Path) -> None:
    path = tmp_path / "firms.xlsx"
    pd.DataFrame(
        {
            "事業者名": ["X", "Y", "Z"],
            "都道府県コード": [43, 43, 43],
            "域外売上高": [200, 300, 500],
            "域内調達額": [100, 100, 300],
            "利益": [1, 2, 3],
        }
    ).to_excel(path, index=False)
    _check(analyse_firm_files(path).firms, EXPECTED)


def test_totals_file_replaces_table_sums(tmp_path: Path) -> None:
    totals = tmp_path / "totals.csv"
    totals.write_text("都道府県コード,域外販売額,域内仕入額\n43,2000,1000\n01,50,50\n", encoding="utf-8")
    firms = tmp_path / "firms.csv"
    THREE.to_csv(firms, index=False)
    result = analyse_firm_files(firms, totals)
    assert result.totals_source == "file"
    _check(result.firms, {"Z": (0.25, 0.3, 1), "Y": (0.15, 0.1, 2), "X": (0.1, 0.1, 3)})


def test_missing_and_negative_rows_are_reported_not_dropped_silently() -> None:
    df = pd.concat(
        [
            THREE,
            pd.DataFrame(
                {
                    "firm": ["Neg", "Blank", "", "Text", "Nowhere"],
                    "pref_code": ["43", "43", "43", "43", "99"],
                    "out_region_sales": ["-5", "10", "10", "abc", "10"],
                    "in_region_purchases": ["1", "", "1", "1", "1"],
                }
            ),
        ],
        ignore_index=True,
    )
    result = analyse_firms(df)
    _check(result.firms, EXPECTED)  # the bad rows do not enter the totals
    reasons = {r: reasons_text(why, "en") for r, why in zip(result.rejected["row"], result.rejected["reason"])}
    assert sorted(reasons) == [5, 6, 7, 8, 9]  # as Excel numbers them: the header is row 1
    assert "out_region_sales -5.0 is negative" in reasons[5]
    assert "in_region_purchases (域内仕入額) is missing" in reasons[6]
    assert "firm name (企業名) is empty" in reasons[7]
    assert "'abc' is not a number" in reasons[8]
    assert "unknown prefecture '99'" in reasons[9]
    assert len(result.firms) + len(result.rejected) == len(df)


def test_half_coordinates_and_negative_employees_are_rejected() -> None:
    df = THREE.assign(lon=["130.7", "", ""], lat=["", "", ""], employees=["5", "-1", ""])
    rej = analyse_firms(df).rejected.set_index("row")["reason"].map(lambda why: reasons_text(why, "en"))
    assert "only one of lon/lat" in rej.loc[2]
    assert "employees -1.0 is negative" in rej.loc[3]


def test_zero_prefecture_total_names_the_prefecture() -> None:
    df = pd.concat(
        [
            THREE,
            pd.DataFrame(
                {
                    "firm": ["H1", "H2"],
                    "pref_code": ["01", "01"],
                    "out_region_sales": ["0", "0"],
                    "in_region_purchases": ["5", "5"],
                }
            ),
        ]
    )
    with raises_words(FirmDataError, r"prefecture 01 \(Hokkaido\): total out_region_sales .* is 0"):
        analyse_firms(df)


def test_totals_file_without_a_prefecture_is_an_error(tmp_path: Path) -> None:
    totals = tmp_path / "totals.csv"
    totals.write_text("pref_code,out_region_sales,in_region_purchases\n01,5,5\n", encoding="utf-8")
    firms = tmp_path / "firms.csv"
    THREE.to_csv(firms, index=False)
    with raises_words(
        FirmDataError, r"都道府県 43（熊本県） の行がありません.* no row for prefecture.*43 \(Kumamoto\)"
    ):
        analyse_firm_files(firms, totals)


def test_missing_column_says_which() -> None:
    with raises_words(FirmDataError, r"in_region_purchases \(域内仕入額\)"):
        validate_firms(THREE.drop(columns="in_region_purchases"))


def test_pref_code_forms() -> None:
    assert [pref_code_of(v) for v in ("43", "1", "熊本県", "熊本", "Kumamoto", "京都", "北海道", "48", "")] == [
        "43",
        "01",
        "43",
        "43",
        "43",
        "26",
        "01",
        None,
        None,
    ]


def test_cli_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "firms.csv"
    THREE.to_csv(path, index=False)
    assert cli.main(["firms", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [list(d)[:5] for d in data] == [JSON_KEYS] * 3
    assert [(d["firm"], d["rank"]) for d in data] == [("Z", 1), ("Y", 2), ("X", 3)]
    assert data[0]["connector"] == pytest.approx(0.5) and data[0]["hub"] == pytest.approx(0.6)


def test_cli_reports_rejected_rows_and_zero_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "firms.csv"
    pd.concat(
        [
            THREE,
            pd.DataFrame(
                {"firm": ["Neg"], "pref_code": ["43"], "out_region_sales": ["-1"], "in_region_purchases": ["1"]}
            ),
        ]
    ).to_csv(path, index=False)
    assert cli.main(["firms", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "row 5 (Neg) skipped: out_region_sales -1.0 is negative" in err  # the header is row 1
    assert "5 行目（Neg）: 読み飛ばし: out_region_salesが負の値（-1.0）です" in err  # Japanese first
    assert "3 firm(s) ranked, 1 row(s) rejected" in out
    zero = tmp_path / "zero.csv"
    zero.write_text("firm,pref_code,out_region_sales,in_region_purchases\nA,40,0,0\n", encoding="utf-8")
    assert cli.main(["firms", str(zero)]) == 2
    assert "都道府県 40（福岡県）" in capsys.readouterr().err
