"""UI text of the labour-demand page (人材需要) and its map layers (the region profile: ``profile``)."""

from __future__ import annotations

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from i18n import Lang

TEXT: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- labour page
    "page_labour": ("人材需要", "Labour demand"),
    "labour_title": (
        "人材需要（投資の雇用 × 地域の生産年齢人口）",
        "Labour demand (pipeline jobs × working-age population)",
    ),
    "labour_caption": (
        "投資案件の雇用（公表値と推計値を分けて表示）を、地域の生産年齢人口（推計）・高専・大学と比べます。",
        "Pipeline jobs (disclosed and estimated, shown apart) against the region's working-age population "
        "(an estimate), KOSEN (colleges of technology) and universities.",
    ),
    "labour_radius": ("通勤圏の半径（km）", "Commuting radius (km)"),
    "labour_network": (
        "道路網距離で通勤圏を判定（読込済みの道路グラフ上の候補地）",
        "Catchments by road distance (sites on the cached road graph)",
    ),
    "labour_error_units": (
        "雇用原単位（編集可能な表）の設定に誤りがあるため、推計できません。システム管理者に連絡してください"
        "（詳しい内容はサーバーの記録にあります）。",
        "The jobs-per-investment table has an error, so no estimate can be made: please contact your system "
        "administrator (the server log has the details).",
    ),
    "labour_metric_working_age": ("生産年齢人口（推計）", "Working-age population (estimate)"),
    "labour_metric_disclosed": ("雇用（公表）", "Jobs (disclosed)"),
    "labour_metric_estimated": ("雇用（推計）", "Jobs (estimated)"),
    "labour_metric_unknown": ("雇用不明の案件", "Sites with unknown jobs"),
    "labour_metric_ratio": (
        "生産年齢千人あたり雇用（公表＋推計）",
        "Jobs per 1,000 working-age (disclosed + estimated)",
    ),
    "labour_metric_ratio_short": ("生産年齢千人あたり雇用", "Jobs per 1,000 working-age"),
    "labour_metric_ratio_help": (
        "生産年齢千人あたり雇用（公表＋推計）＝（公表の雇用＋推計の雇用）÷ 生産年齢人口（推計）× 1,000",
        "Jobs per 1,000 working-age (disclosed + estimated) = (disclosed + estimated jobs) ÷ working-age"
        " population (estimate) × 1,000",
    ),
    "labour_estimate_note": (
        "推計値＝投資額（億円）÷100 × 分野別の雇用原単位（下の「雇用原単位」の表、出典または「仮定」を明記）。"
        "公表値と推計値は合算せず別に示し、比率のみ「公表＋推計」と明記して合算します。"
        "雇用も投資額もない案件は「不明」として数えます。",
        "Estimate = investment (100 million yen) ÷ 100 × the field's jobs per 10 billion yen "
        "(the table “Jobs per investment” below, each with a source or marked as an assumption). Disclosed and "
        "estimated jobs are shown apart; only the ratio adds them, and says so. Sites with neither jobs nor "
        "investment are counted as unknown.",
    ),
    "labour_flp_note": (
        "女性の労働力率は元データで全行が空欄のため「不明」と表示します（0ではありません）。",
        "Female labour participation is empty in every row of the source, so it shows as unknown (not 0).",
    ),
    "labour_by_pref": ("都道府県別", "By prefecture"),
    "labour_by_block": ("ブロック別", "By METI block"),
    "labour_chart": (
        "都道府県別：生産年齢千人あたりの雇用（公表・推計の積み上げ）",
        "Jobs per 1,000 working-age residents by prefecture (disclosed and estimated stacked)",
    ),
    "labour_sites": ("候補地別の通勤圏", "Catchment of each site"),
    "labour_clusters": ("クラスター別（通勤圏の和集合）", "By cluster (union of catchments)"),
    "labour_select_site": ("地図に通勤圏を表示する候補地", "Site whose catchment is drawn on the map"),
    "labour_no_sites": ("この条件に合う候補地がありません。", "No sites match the filters."),
    "labour_measure": ("市区町村の色分け", "Municipality colours"),
    "labour_measure_working_age": ("生産年齢人口（推計）", "Working-age population (estimate)"),
    "labour_measure_pressure": (
        "生産年齢千人あたりの雇用（公表＋推計）",
        "Jobs per 1,000 working-age (disclosed + estimated)",
    ),
    "labour_pressure_note": (
        "市区町村別の比率は、"
        "各案件の雇用（公表＋推計）を通勤圏内の市区町村に生産年齢人口比で按分した仮定による値です。",
        "The per-municipality ratio shares each site's jobs (disclosed + estimated) among its catchment "
        "municipalities in proportion to their working-age population — an assumption of this map.",
    ),
    "labour_download_csv": ("CSVをダウンロード", "Download CSV"),
    "labour_download_xlsx": ("Excelをダウンロード", "Download Excel"),
    "labour_col_pref": ("都道府県", "Prefecture"),
    "labour_col_block": ("ブロック", "Block"),
    "labour_col_population": ("人口", "Population"),
    "labour_col_working_age": ("生産年齢人口（推計）", "Working age (estimate)"),
    "labour_col_flp": ("女性の労働力率", "Female labour participation"),
    "labour_col_disclosed": ("雇用（公表）", "Jobs (disclosed)"),
    "labour_col_estimated": ("雇用（推計）", "Jobs (estimated)"),
    "labour_col_sites": ("案件数", "Sites"),
    "labour_col_unknown": ("雇用不明", "Jobs unknown"),
    "labour_col_ratio": ("千人あたり（公表＋推計）", "Per 1,000 (disclosed + estimated)"),
    "labour_col_ratio_disclosed": ("千人あたり（公表のみ）", "Per 1,000 (disclosed only)"),
    "labour_col_kosen": ("高専（キャンパス）", "KOSEN (campuses)"),
    "labour_col_univ": ("大学", "Universities"),
    "labour_col_junior": ("短大", "Junior colleges"),
    "labour_col_site": ("候補地", "Site"),
    "labour_col_jobs": ("雇用", "Jobs"),
    "labour_col_basis": ("根拠", "Basis"),
    "labour_col_catch_wa": ("通勤圏の生産年齢人口（推計）", "Catchment working age (estimate)"),
    "labour_col_munis": ("通勤圏の市区町村数", "Municipalities in catchment"),
    "labour_chooser_order": ("雇用の多い順", "most jobs first"),
    "labour_col_n_competing": ("通勤圏が重なる案件数", "Sites sharing the catchment"),
    "labour_col_competing": ("うち雇用の多い案件（上位5件）", "Of them, most jobs (top 5)"),
    "labour_col_cluster": ("クラスター", "Cluster"),
    "labour_col_field": ("分野", "Field"),
    "labour_basis_disclosed": ("公表", "disclosed"),
    "labour_basis_estimated": ("推計", "estimated"),
    "labour_basis_unknown": ("不明", "unknown"),
    "labour_series_disclosed": ("公表", "Disclosed"),
    "labour_series_estimated": ("推計", "Estimated"),
    "labour_status_jobs": ("状況別の雇用", "Jobs by status"),
    # ---------------------------------------------------------------- map layers
    "labour_layer_choropleth": ("市区町村：{measure}", "Municipalities: {measure}"),
    "labour_layer_schools": ("高専・大学・短大", "KOSEN, universities, junior colleges"),
    "labour_layer_catchment": ("通勤圏（{km:g} km）", "Catchment ({km:g} km)"),
    "labour_legend_unknown": ("不明", "unknown"),
    "labour_legend_none": ("通勤圏に案件なし", "no site within reach"),
    "labour_legend_kosen": ("高専キャンパス（キャンパス所在地）", "KOSEN campus (campus location)"),
    "labour_legend_university": ("大学（市区町村の代表点・概略）", "University (municipality point, approximate)"),
    "labour_legend_junior_college": (
        "短大（市区町村の代表点・概略）",
        "Junior college (municipality point, approximate)",
    ),
    "labour_school_kind_kosen": ("高専", "KOSEN"),
    "labour_class_wa_1": ("< 1万", "< 10,000"),
    "labour_class_wa_2": ("1万–3万", "10,000–30,000"),
    "labour_class_wa_3": ("3万–10万", "30,000–100,000"),
    "labour_class_wa_4": ("10万–30万", "100,000–300,000"),
    "labour_class_wa_5": ("≥ 30万", "≥ 300,000"),
    "labour_class_jobs_1": ("< 1", "< 1"),
    "labour_class_jobs_2": ("1–5", "1–5"),
    "labour_class_jobs_3": ("5–20", "5–20"),
    "labour_class_jobs_4": ("≥ 20", "≥ 20"),
    "labour_school_kind_university": ("大学", "University"),
    "labour_school_kind_junior_college": ("短期大学", "Junior college"),
    "labour_school_position": ("位置", "Position"),
    "labour_school_founder": ("設置", "Founder"),
    "labour_school_address": ("所在地", "Address"),
    "labour_school_source": ("出典", "Source"),
    # the catchment rule, stated wherever catchment figures are shown ({km} = the radius)
    "labour_catchment_rule": (
        "通勤圏＝市区町村の代表点（区域内に必ず入る点）が候補地から半径 {km:g} km 以内"
        "（JGD2011 UTM による直線距離）にある市区町村。生産年齢人口は 人口×(1−15歳未満割合−65歳以上割合) による推計。",
        "Catchment = the municipalities whose representative point (a point always inside its area) "
        "lies within {km:g} km of the site (straight line, JGD2011 UTM). Working-age population is an estimate: "
        "population × (1 − share under 15 − share 65+).",
    ),
    # added to the rule when a road graph gave some sites road-distance catchments
    "labour_network_rule": (
        "道路グラフ上の候補地は、直線距離に代えて道路網距離（km、所要時間ではない）で判定。",
        " Sites on the loaded road graph use road-network distance (km, not drive time) instead.",
    ),
    # the editable jobs-per-investment table behind the estimates (ui.assumptions)
    "labour_units_heading": ("雇用原単位（編集可能な表）", "Jobs per investment (editable table)"),
    "labour_units_note": (
        "雇用を公表していない案件の推計に使う、分野別の投資額100億円あたりの雇用者数です。"
        "出典のある値と「仮定」を区別しています。変更はシステム管理者に依頼してください（ファイルはここからダウンロードできます）。",
        "Jobs per 10 billion yen of investment by field, used to estimate the jobs of sites that do not disclose "
        "them; values from a source and assumptions are told apart. Ask your system administrator to change them "
        "(the file can be downloaded here).",
    ),
    "labour_units_col_rate": ("100億円あたりの雇用（人）", "Jobs per 10 billion yen"),
    "labour_units_col_basis": ("根拠", "Basis"),
    "labour_units_col_note": ("説明", "Note"),
    "labour_units_basis_source": ("出典あり", "source"),
    "labour_units_basis_assumption": ("仮定", "assumption"),
    "labour_units_download": ("雇用原単位のファイルをダウンロード", "Download the jobs-per-investment file"),
}


def catchment_rule(radius_km: float, lang: Lang = "ja", network: bool = False) -> str:
    """The catchment rule in words, for the radius used (``network``: some sites measured on roads)."""
    rule = i18n.t("labour_catchment_rule", lang, km=radius_km)
    return rule + i18n.t("labour_network_rule", lang) if network else rule
