"""UI text of the infrastructure-gaps page, and the words of a gap row's reason (``worded_gaps``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from i18n import Lang

if TYPE_CHECKING:  # i18n stays light to import: the command line words its errors without pandas
    import pandas as pd

TEXT: dict[str, tuple[str, str]] = {
    "page_gaps": ("インフラ不足", "Infrastructure gaps"),
    "gaps_title": ("インフラ不足分析", "Infrastructure gaps"),
    "gaps_caption": (
        "分野ごとの立地要件（data/requirements.toml、編集可能な仮定）に対し、"
        "各候補地から最寄りのインフラまでの距離を判定します。",
        "Each site's distance to the nearest infrastructure, checked against the field's requirement profile "
        "(data/requirements.toml — editable assumptions).",
    ),
    "gaps_unknown_note": (
        "「不明」はそのレイヤのデータが候補地の周辺をカバーしていないことを示し、不足には数えません。",
        "'Unknown' means the layer has no data covering the site's surroundings; it is never counted as a gap.",
    ),
    "gaps_error_requirements": (
        "立地要件ファイルを読み込めません：{detail}",
        "Cannot read the requirement profiles: {detail}",
    ),
    "gaps_network": (
        "道路網距離を使う（ICまで、読込済みの道路グラフ）",
        "Use road-network distance to ICs (cached road graph)",
    ),
    "gaps_network_none": (
        "道路グラフが未読込のため、距離はすべて直線距離です（chiiki-map gaps --road-graph FILE.osm で作成）。",
        "No road graph is cached, so every distance is straight-line "
        "(create one with chiiki-map gaps --road-graph FILE.osm).",
    ),
    "gaps_method_note": ("使用した距離：{methods}", "Distance method used: {methods}"),
    "gaps_method_straight": ("直線距離", "straight line"),
    "gaps_method_network": ("道路網距離（IC）", "road network (IC)"),
    "gaps_n_checks": ("判定数", "Checks"),
    "gaps_n_gap": ("不足", "Gaps"),
    "gaps_n_unknown": ("不明", "Unknown"),
    "gaps_n_sites_gap": ("不足のある候補地", "Sites with a gap"),
    "gaps_none": ("この条件に合う候補地がありません。", "No sites match the filters."),
    "gaps_matrix": ("候補地 × 要件（空欄＝不要）", "Sites × requirements (blank = not required)"),
    "gaps_col_site": ("候補地", "Site"),
    "gaps_status_ok": ("充足", "ok"),
    "gaps_status_gap": ("不足", "gap"),
    "gaps_status_unknown": ("不明", "unknown"),
    "gaps_kind_expressway_ic": ("高速IC", "Expressway IC"),
    "gaps_kind_rail": ("駅・貨物駅", "Rail"),
    "gaps_kind_industrial_water": ("工業用水", "Industrial water"),
    "gaps_kind_substation": ("変電所", "Substation"),
    "gaps_kind_port": ("港湾", "Port"),
    "gaps_kind_airport": ("空港", "Airport"),
    "gaps_kind_industrial_land": ("工業用地", "Industrial land"),
    "gaps_layer": ("インフラ不足（赤＝不足、灰＝不明、緑＝充足）", "Gaps (red = gap, grey = unknown, green = ok)"),
    "gaps_aggregate": ("集計", "Aggregate"),
    "gaps_by": ("集計単位", "Group by"),
    "gaps_by_cluster": ("クラスター（30 km）", "Cluster (30 km)"),
    "gaps_by_pref": ("都道府県", "Prefecture"),
    "gaps_by_block": ("ブロック", "Block"),
    "gaps_col_group": ("単位", "Group"),
    "gaps_col_n_sites": ("候補地数", "Sites"),
    "gaps_col_sites_gap": ("不足のある候補地", "Sites with a gap"),
    "gaps_col_gap_reqs": ("不足する要件", "Missing"),
    "gaps_kind_count": ("{kind} {n}件", "{kind} ×{n}"),
    "gaps_no_cluster": ("（クラスター外）", "(no cluster)"),
    "gaps_legend_title": ("地図の色", "Map colours"),
    "gaps_chart": ("要件別の判定数", "Checks by requirement"),
    "gaps_detail": ("判定の詳細（距離と上限）", "Details (distance and limit)"),
    "gaps_col_requirement": ("要件", "Requirement"),
    "gaps_col_status": ("判定", "Status"),
    "gaps_col_distance": ("距離（km）", "Distance (km)"),
    "gaps_col_limit": ("上限（km）", "Limit (km)"),
    "gaps_col_method": ("計測方法", "Method"),
    "gaps_download": ("CSVをダウンロード", "Download CSV"),
    # why a row has its status (geo.analysis.gaps.GAP_REASONS)
    "gap_reason_ok": ("上限距離内に施設あり", "a feature within the limit"),
    "gap_reason_gap": ("完全なデータで上限距離内に施設なし", "complete data: no feature within the limit"),
    "gap_reason_partial": ("部分データのため判定不可", "partial data: cannot decide"),
    "gap_reason_edge": ("データ範囲の境界付近のため判定不可", "near the edge of the data: cannot decide"),
    "gap_reason_none": ("データ未読込のため判定不可", "no data loaded here: cannot decide"),
}


def reason_words(codes: pd.Series, lang: Lang = "ja") -> pd.Series:
    """The reason of each gap row (``reason_code``) in ``lang``."""
    return codes.map(lambda code: i18n.t(f"gap_reason_{code}", lang))


def worded_gaps(gaps: pd.DataFrame) -> pd.DataFrame:
    """Gap rows with ``reason_code`` worded as ``reason`` (Japanese) and ``reason_en`` in its place (CSV, JSON)."""
    at = list(gaps.columns).index("reason_code")
    out = gaps.drop(columns="reason_code")
    out.insert(at, "reason_en", reason_words(gaps["reason_code"], "en"))
    out.insert(at, "reason", reason_words(gaps["reason_code"], "ja"))
    return out
