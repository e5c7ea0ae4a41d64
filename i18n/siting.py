"""Words of the siting search (立地候補探索): the ranking rule, checks, reasons, the page and the command line.

``geo.siting`` returns codes (statuses, measures, reason codes, the keys of ``RANK_RULE``); this module
words them. ``rank_rule(lang)`` is the rule as the page and ``chiiki-map site-search --help`` print it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from i18n import Lang

if TYPE_CHECKING:
    import pandas as pd

TEXT: dict[str, tuple[str, str]] = {
    "page_siting": ("立地候補探索", "Site search"),
    "siting_title": ("立地候補探索", "Where could a project go?"),
    "siting_caption": (
        "必要な用地・用水・電力・雇用と、IC・駅・港湾・空港・変電所までの距離の上限を入れると、条件を満たす"
        "工業用地（読み込まれている地域）または市区町村（代表点）を順位付けし、通勤圏の生産年齢人口と"
        "競合する計画中の候補地を示します。",
        "Give the land, water, power and jobs a project needs and the longest acceptable distances to an IC, "
        "station, port, airport and substation: industrial-land parcels (where loaded) or municipalities (at "
        "their representative point) are ranked, with the working-age population of their commuting catchment "
        "and the pipeline sites already competing for it.",
    ),
    # the ranking rule (geo.siting.rank.RANK_RULE)
    "siting_rule_head": ("順位の決め方", "How candidates are ranked"),
    "siting_rule_n_gap": (
        "不足（gap）の少ない順。不足のない候補は、不足のある候補より必ず上位",
        "fewer gaps first: a candidate without a gap always ranks above any candidate with one",
    ),
    "siting_rule_n_unknown": (
        "不明（unknown）の少ない順（不明は充足にも不足にも数えない）",
        "fewer unknown checks first (unknown is never counted as ok or as a gap)",
    ),
    "siting_rule_catchment_working_age": (
        "通勤圏（半径 {radius} km）の生産年齢人口（2020年国勢調査ベースの推計）の多い順",
        "larger working-age population of the commuting catchment ({radius} km; 2020 census-based estimate) first",
    ),
    "siting_rule_distance_share": (
        "距離の上限に対する比（測れた距離の平均）の小さい順",
        "smaller mean of distance ÷ limit over the measured distances first",
    ),
    "siting_rule_kind": ("同順位は工業用地を市区町村より先に", "ties: parcels before municipalities"),
    "siting_rule_code": ("次にコード順", "then by code"),
    "siting_rule_name": ("最後に名称順", "last by name"),
    "siting_candidate_rule": (
        "候補：読み込まれた工業用地のうち分譲可能面積が必要面積以上のもの（面積が不明なものも候補とし、面積の"
        "判定は「不明」）。工業用地が候補にならない市区町村は、その代表点（ポリゴン内の代表点、概略の位置）で候補と"
        "します。",
        "Candidates: loaded industrial-land parcels whose available area is at least the land needed (a parcel "
        "whose area is unknown stays a candidate, with its land check 'unknown'); every municipality with no "
        "such parcel is a candidate at its representative point (a point inside its polygon — an approximate "
        "position).",
    ),
    "siting_check_rule": (
        "判定：距離は最寄りの既知の地物までの直線距離（JGD2011 UTM）。上限内なら「充足」、上限内になく、その範囲で"
        "レイヤのデータが完全（参照に対し98%以上）な場合だけ「不足」、それ以外は「不明」（インフラ不足分析と同じ"
        "規則）。給水能力・電力は、範囲内の施設の既知の能力（総能力で、残余能力ではない）が必要量以上なら「充足」、"
        "それ以外は「不明」。",
        "Checks: distances are straight lines (JGD2011 UTM) to the nearest known feature; 'ok' within the limit, "
        "'gap' only where the layer is complete (≥ 98 % of its reference) over the whole disc of the limit, "
        "otherwise 'unknown' (the rule of the gap analysis). Water and power: 'ok' when a feature in reach has "
        "a known capacity of at least the need (its total capacity, not what is left), otherwise 'unknown'.",
    ),
    # statuses, measures, reasons
    "siting_status_ok": ("充足", "ok"),
    "siting_status_gap": ("不足", "gap"),
    "siting_status_unknown": ("不明", "unknown"),
    "siting_measure_distance": ("距離", "distance"),
    "siting_measure_area": ("分譲可能面積", "available area"),
    "siting_measure_capacity": ("能力", "capacity"),
    "siting_unit_km": ("km", "km"),
    "siting_unit_ha": ("ha", "ha"),
    "siting_unit_m3_day": ("m³/日", "m³/day"),
    "siting_unit_mw": ("MW", "MW"),
    "siting_reason_ok": ("上限内に既知の地物あり", "a known feature within the limit"),
    "siting_reason_gap": ("完全なデータで上限内に地物なし", "complete data and none within the limit"),
    "siting_reason_partial": ("データが部分的", "the layer's data there are partial"),
    "siting_reason_edge": ("データ範囲の端", "the limit reaches past the layer's data"),
    "siting_reason_none": ("データなし", "no data there"),
    "siting_reason_area_ok": ("分譲可能面積が必要面積以上", "available area covers the need"),
    "siting_reason_area_unknown": ("分譲可能面積が不明", "available area unknown"),
    "siting_reason_area_municipality": (
        "市区町村（代表点）：工業用地のデータなし",
        "municipality (representative point): no parcel data",
    ),
    "siting_reason_capacity_ok": ("範囲内の施設の能力が必要量以上", "a feature in reach has the capacity"),
    "siting_reason_capacity_below": (
        "既知の能力は必要量未満（残余能力は不明）",
        "known capacities are below the need (spare capacity unknown)",
    ),
    "siting_reason_capacity_unknown": ("範囲内の施設の能力が不明", "capacity of the features in reach unknown"),
    "siting_reason_capacity_none_near": ("範囲内に既知の施設なし", "no known feature in reach"),
    "siting_check_line": ("{measure} {value}（上限 {limit}）{status}", "{measure} {value} (limit {limit}) {status}"),
    "siting_kind_parcel": ("工業用地", "parcel"),
    "siting_kind_municipality": ("市区町村（代表点）", "municipality (representative point)"),
    # the page
    "siting_layer": ("立地候補", "Site candidates"),
    "siting_map_colours": (
        "候補の色は最も悪い判定：緑＝すべて充足、灰＝不足はないが不明あり、赤＝不足あり。計画中の候補地はレイヤ一覧で表示できます。",
        "A candidate's colour is its worst check: green = all ok, grey = no gap but some unknown, red = a gap. "
        "The pipeline sites can be switched on in the layer list.",
    ),
    "siting_map_tip": ("{rank}位 {name}（{status}）", "#{rank} {name} ({status})"),
    "siting_field": ("分野（立地要件プロファイル）", "Field (requirement profile)"),
    "siting_field_help": (
        "分野を選ぶと、距離の上限が立地要件の設定のその分野の値（編集可能な仮定）で埋まります。",
        "Choosing a field fills the distance limits from its siting requirements (editable assumptions).",
    ),
    "siting_amounts": ("必要量（空欄は判定しません）", "Amounts needed (blank: not checked)"),
    "siting_land_ha": ("用地（ha）", "Land (ha)"),
    "siting_water_m3_day": ("工業用水（m³/日）", "Water (m³/day)"),
    "siting_power_mw": ("電力（MW）", "Power (MW)"),
    "siting_jobs": ("雇用（人）", "Jobs"),
    "siting_limits": (
        "最寄りまでの距離の上限（km、空欄は要件なし）",
        "Longest distance to the nearest (km; blank: not required)",
    ),
    "siting_limit_help": ("空欄または 0 は「要件なし」", "Blank or 0: not required"),
    "siting_radius": ("通勤圏の半径（km、直線）", "Commuting radius (km, straight line)"),
    "siting_search": ("この条件で探す", "Search"),
    "siting_region": (
        "探索範囲：{region}（サイドバーの地域）。競合は全国の計画中の候補地から数えます。",
        "Searching {region} (the sidebar region). Competitors are counted among every pipeline site.",
    ),
    "siting_running": ("候補を探しています…", "Searching…"),
    "siting_rule_short": ("順位：{rule}", "Ranked by: {rule}"),
    "siting_rule_short_n_gap": ("不足の少ない順", "fewest gaps"),
    "siting_rule_short_n_unknown": ("不明の少ない順", "fewest unknowns"),
    "siting_rule_short_catchment_working_age": ("通勤圏の生産年齢人口", "catchment working age"),
    "siting_rule_short_distance_share": ("距離（上限比）", "distance ÷ limit"),
    "siting_rule_short_kind": ("工業用地を先に", "parcels first"),
    "siting_rule_short_code": ("コード", "code"),
    "siting_rule_short_name": ("名称", "name"),
    "siting_n_candidates": ("候補数", "Candidates"),
    "siting_n_parcels": ("工業用地", "Parcels"),
    "siting_n_munis": ("市区町村（代表点）", "Municipalities (representative point)"),
    "siting_n_no_gap": ("不足なし", "Without a gap"),
    "siting_too_small": (
        "分譲可能面積が必要面積に満たない工業用地 {n} 件は候補にしていません。",
        "{n} parcel(s) with less available land than needed are not candidates.",
    ),
    "siting_none": ("この地域に候補がありません。", "No candidate in this region."),
    "siting_map_max": (
        "地図には上位 {n} 件を表示しています（表とダウンロードは全件）。",
        "The map shows the best {n}; the table and the downloads hold every candidate.",
    ),
    "siting_click_hint": (
        "地図の候補をクリックするか、表の行を選ぶと、判定の詳細が表示されます。",
        "Click a candidate on the map or choose a row of the table to see its checks.",
    ),
    "siting_card": ("{rank}位：{name}", "#{rank}: {name}"),
    "siting_catchment_wa_2050": (
        "{km} km圏の生産年齢人口 2050年（推計）",
        "Working age, {km} km, 2050 (projected)",
    ),
    "siting_catchment_mfg": (
        "通勤圏（{km} km）の製造業従業者（2019年）",
        "Manufacturing workers, {km} km (2019)",
    ),
    "siting_change_since_2020": ("2050年推計の2020年比：{pct}", "2050 projection against 2020: {pct}"),
    "siting_catchment_outlook_note": (
        "2050年は国立社会保障・人口問題研究所『日本の地域別将来推計人口（令和5年推計）』の推計値（出生中位・死亡中位）で、"
        "実績ではありません（2020年比はIPSSの2020年国勢調査値と比べたもの）。製造業従業者は2019年 工業統計調査"
        "（従業者4人以上の事業所、従業地）。通勤圏の市区町村に1つでも値のないものがあれば「不明」。",
        "2050 is the IPSS regional projection (2023, medium variant) — a projection, not a count (the change is "
        "against IPSS's 2020 census value). Manufacturing workforce: 2019 Census of Manufacture (establishments "
        "with 4+ persons, by place of work). Unknown when any municipality of the catchment has no figure.",
    ),
    "siting_catchment_wa": ("通勤圏（{km} km）の生産年齢人口（推計）", "Working age within {km} km (estimate)"),
    "siting_jobs_ratio": (
        "計画の雇用は通勤圏の生産年齢人口千人あたり {ratio} 人",
        "The project's jobs are {ratio} per 1,000 working-age residents of the catchment",
    ),
    "siting_competing": (
        "通勤圏が重なる計画中の候補地：{n} 件（雇用の多い順に最大5件）",
        "Pipeline sites sharing the catchment: {n} (up to five, most jobs first)",
    ),
    "siting_add_site": ("この候補を候補地として登録する", "Add this candidate as a site"),
    "siting_add_needs_editor": (
        "編集者としてサインインすると、この候補を候補地として登録できます（候補地の登録・編集）。",
        "Sign in as an editor to add this candidate as a site (Add / edit sites).",
    ),
    "siting_add_note": (
        "立地候補探索 {rank}位の{kind}から登録（位置は概略）",
        "Added from the site search (#{rank}, {kind}; approximate position)",
    ),
    "siting_table": ("候補一覧（順位順、{n} / {total} 件）", "Candidates in rank order ({n} of {total})"),
    "siting_download_csv": ("CSV をダウンロード（全件）", "Download CSV (all)"),
    "siting_download_xlsx": ("Excel をダウンロード（全件）", "Download Excel (all)"),
    "siting_field_used": ("立地要件プロファイル：{field}", "Requirement profile: {field}"),
    # table headers
    "siting_col_rank": ("順位", "Rank"),
    "siting_col_kind": ("種別", "Kind"),
    "siting_col_name": ("名称", "Name"),
    "siting_col_code": ("コード", "Code"),
    "siting_col_pref_code": ("都道府県", "Prefecture"),
    "siting_col_muni_code": ("市区町村コード", "Municipality code"),
    "siting_col_position": ("位置", "Position"),
    "siting_col_lon": ("経度", "Longitude"),
    "siting_col_lat": ("緯度", "Latitude"),
    "siting_col_status": ("判定", "Status"),
    "siting_col_n_gap": ("不足", "Gaps"),
    "siting_col_n_unknown": ("不明", "Unknown"),
    "siting_col_available_ha": ("分譲可能面積（ha）", "Available (ha)"),
    "siting_col_is_sample": ("サンプル", "Sample"),
    "siting_col_catchment_population": ("通勤圏の人口", "Catchment population"),
    "siting_col_catchment_working_age": ("通勤圏の生産年齢人口（推計）", "Catchment working age (estimate)"),
    "siting_col_catchment_munis": ("通勤圏の市区町村数", "Municipalities in catchment"),
    "siting_col_catchment_munis_unknown": ("うち生産年齢人口不明", "of which working age unknown"),
    "siting_col_jobs_per_1000_working_age": ("千人あたり雇用", "Jobs per 1,000 working-age"),
    "siting_col_catchment_working_age_2020": (
        "通勤圏の生産年齢人口 2020（国勢調査）",
        "Catchment working age 2020 (census)",
    ),
    "siting_col_catchment_working_age_2035": (
        "通勤圏の生産年齢人口 2035（IPSS推計）",
        "Catchment working age 2035 (IPSS projection)",
    ),
    "siting_col_catchment_working_age_2050": (
        "通勤圏の生産年齢人口 2050（IPSS推計）",
        "Catchment working age 2050 (IPSS projection)",
    ),
    "siting_col_catchment_ipss_group_share": (
        "うち浜通り一括推計を按分した市町村数",
        "of which municipalities with a 浜通り group-share projection",
    ),
    "siting_col_catchment_manufacturing_employees": (
        "通勤圏の製造業従業者（2019年 工業統計）",
        "Catchment manufacturing workforce (2019 Census of Manufacture)",
    ),
    "siting_col_jobs_share_of_catchment_manufacturing": (
        "雇用 ÷ 通勤圏の製造業従業者",
        "Jobs ÷ catchment manufacturing workforce",
    ),
    "siting_col_n_competing": ("競合する候補地数", "Competing sites"),
    "siting_col_competing_sites": ("競合する候補地（雇用の多い順）", "Competing sites (most jobs first)"),
    "siting_col_criterion": ("要件", "Criterion"),
    "siting_col_measure": ("測り方", "Measure"),
    "siting_col_value": ("値", "Value"),
    "siting_col_limit": ("上限・必要量", "Limit / need"),
    "siting_col_reason": ("理由", "Why"),
    "siting_col_check": ("{kind}：{measure}（{unit}）", "{kind}: {measure} ({unit})"),
    "siting_col_check_status": ("{kind}：{measure}の判定", "{kind}: {measure} status"),
    "siting_position_parcel_point": ("用地の代表点", "parcel's point"),
    "siting_position_municipality_point": (
        "市区町村の代表点（概略）",
        "municipality's representative point (approximate)",
    ),
    "siting_yes": ("はい", "yes"),
    "siting_code_sample": ("なし（サンプル）", "none (sample)"),
    # the command line
    "siting_cli_head": (
        "立地候補探索：{field}、{region}、候補 {n} 件（工業用地 {parcels}、市区町村 {munis}）",
        "site search: {field}, {region}, {n} candidate(s) ({parcels} parcel(s), {munis} municipalit(ies))",
    ),
    "siting_cli_excluded": (
        "分譲可能面積が必要面積に満たない工業用地 {n} 件は候補から除外",
        "{n} parcel(s) with less available land than needed left out",
    ),
    "siting_cli_labour": (
        "通勤圏 {radius} km：生産年齢人口 {working_age}（2050年推計 {working_age_2050}）、製造業従業者 {mfg}、"
        "競合する候補地 {n_competing} 件",
        "catchment {radius} km: working age {working_age} (2050 projection {working_age_2050}), manufacturing "
        "{mfg}, {n_competing} competing site(s)",
    ),
    "err_siting_amount_positive": (
        "{name} は正の数にしてください（指定値 {value}）",
        "{name} must be a positive number, got {value}",
    ),
}


def rank_rule(keys: Sequence[str], lang: Lang, radius_km: float) -> list[str]:
    """The ranking rule, one line per key of ``geo.siting.RANK_RULE`` (given as ``keys``), in order."""
    return [i18n.t(f"siting_rule_{key}", lang, radius=f"{radius_km:g}") for key in keys]


def status_word(status: str, lang: Lang) -> str:
    """``ok`` / ``gap`` / ``unknown`` in words."""
    return i18n.t(f"siting_status_{status}", lang)


def check_text(row: pd.Series | dict[str, object], lang: Lang) -> str:
    """One check in a line: ``距離 2.8 km（上限 10 km）充足`` / ``distance 2.8 km (limit 10 km) ok``."""
    from i18n import format as fmt

    unit = i18n.t(f"siting_unit_{row['unit']}", lang)
    digits = 1 if row["unit"] in ("km", "ha") else 0
    value = fmt.number(row["value"], lang, digits, unit=f" {unit}")
    limit = fmt.number(row["limit"], lang, digits if row["limit"] != int(row["limit"]) else 0, unit=f" {unit}")  # type: ignore[arg-type]
    measure = i18n.t(f"siting_measure_{row['measure']}", lang)
    return i18n.t(
        "siting_check_line",
        lang,
        measure=measure,
        value=value,
        limit=limit,
        status=status_word(str(row["status"]), lang),
    )


def reason_word(code: str, lang: Lang) -> str:
    """The words of a check's reason code."""
    return i18n.t(f"siting_reason_{code}", lang)


_WORDED = {"kind": "siting_kind_", "position": "siting_position_", "status": "siting_status_"}


def check_rows(checks: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A candidate's checks as a table in words: criterion, measure, value, limit, status, why."""
    import pandas as pd

    from i18n import format as fmt

    units = [i18n.t(f"siting_unit_{u}", lang) for u in checks["unit"]]
    return pd.DataFrame(
        {
            i18n.t("siting_col_criterion", lang): [i18n.t(f"gaps_kind_{c}", lang) for c in checks["criterion"]],
            i18n.t("siting_col_measure", lang): [i18n.t(f"siting_measure_{m}", lang) for m in checks["measure"]],
            i18n.t("siting_col_value", lang): [
                fmt.number(v, lang, 1 if u in ("km", "ha") else 0, unit=f" {w}")
                for v, u, w in zip(checks["value"], checks["unit"], units, strict=True)
            ],
            i18n.t("siting_col_limit", lang): [
                fmt.amount(v, lang) + f" {w}" for v, w in zip(checks["limit"], units, strict=True)
            ],
            i18n.t("siting_col_status", lang): [status_word(s, lang) for s in checks["status"]],
            i18n.t("siting_col_reason", lang): [reason_word(r, lang) for r in checks["reason_code"]],
        }
    )


def wide_headers(wide: pd.DataFrame, units: Mapping[str, str], lang: Lang) -> pd.DataFrame:
    """``geo.siting.search.wide_table`` in words: coded cells worded, headers in ``lang``.

    A sample parcel's made-up code says it is a sample's; the competing sites are one line. (The page names the
    prefecture before: i18n knows no codes.)

    ``units`` gives the unit code of each check column (``<criterion>_<measure>`` → ``km``, ``ha`` …).
    """
    out = wide.copy()
    for col, prefix in _WORDED.items():
        out[col] = [i18n.t(prefix + str(v), lang) for v in out[col]]
    names = {}
    for col in out.columns:
        if col.endswith("_status") and col != "status":
            kind, measure = col.removesuffix("_status").rsplit("_", 1)
            out[col] = [status_word(v, lang) if isinstance(v, str) else "" for v in out[col]]
            names[col] = i18n.t(
                "siting_col_check_status",
                lang,
                kind=i18n.t(f"gaps_kind_{kind}", lang),
                measure=i18n.t(f"siting_measure_{measure}", lang),
            )
        elif f"siting_col_{col}" in i18n.TEXT:
            names[col] = i18n.t(f"siting_col_{col}", lang)
        else:
            kind, measure = col.rsplit("_", 1)
            unit = units.get(col, "")
            names[col] = i18n.t(
                "siting_col_check",
                lang,
                kind=i18n.t(f"gaps_kind_{kind}", lang),
                measure=i18n.t(f"siting_measure_{measure}", lang),
                unit=i18n.t(f"siting_unit_{unit}", lang) if unit else "",
            )
    # a sample parcel's code is our own row number (``sample:8``): the planner reads that it has none
    out["code"] = [i18n.t("siting_code_sample", lang) if s else c for c, s in zip(out["code"], out["is_sample"])]
    sep = i18n.t("list_sep", lang)
    out["competing_sites"] = [sep.join(map(str, v)) if isinstance(v, list | tuple) else v for v in out.competing_sites]
    out["is_sample"] = [i18n.t("siting_yes", lang) if v else "" for v in out["is_sample"]]
    return out.rename(columns=names)
