"""Words of plans (計画素案): the page, the exports, the command line, and the evidence of each requirement.

``evidence_text(code, params, lang)`` words the evidence of a checklist item (``geo.plans.checklist``
gives a code and parameters; an editor's own text is shown as written). Japanese first, then English.
"""

from __future__ import annotations

from collections.abc import Mapping

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from i18n import Lang
from i18n import format as fmt

TEXT: dict[str, tuple[str, str]] = {
    "page_plans": ("計画素案", "Plan drafts"),
    "plans_choose_sites": ("候補地を選ぶ（地図のクリックでも入ります）", "Choose sites (or click them on the map)"),
    "plans_members_save": ("構成候補地の変更を保存", "Save the member changes"),
    "plans_viewer_note": (
        "計画素案の作成・編集には編集者としてのサインイン（サイドバー）が必要です。閲覧と出力はどなたでもできます。",
        "Creating and editing plan drafts needs an editor sign-in (sidebar); anyone may read and export them.",
    ),
    "plans_conflict": (
        "この計画は読み込んだ後に他の人が保存しました。最新の内容を表示しています。変更をやり直してください。",
        "Someone saved this plan after you loaded it. The latest version is shown; redo your change.",
    ),
    "plans_title": ("計画素案（クラスター計画）", "Plan drafts (cluster plans)"),
    "plans_caption": (
        "候補地を束ねて計画素案（A 戦略産業クラスター計画・B 地域産業クラスター計画・C 地場産業成長プラン）を作り、"
        "計画要件を確認して出力します。投資・インフラ・人材・用地の各欄は構成候補地から毎回計算します。",
        "Gather sites into a plan draft (A strategic industry cluster plan, B regional industry cluster plan, "
        "C local industry growth plan), check it against the requirements and export it. Investment, "
        "infrastructure, labour and land are computed from the member sites on every view.",
    ),
    "plans_none": ("この地域の計画素案はまだありません。", "No plan drafts for this region yet."),
    "plans_list": ("この地域の計画素案", "Plan drafts of this region"),
    "plans_pick": ("計画を選ぶ", "Choose a plan"),
    "plans_new": ("新しい計画素案", "New plan draft"),
    "plans_new_from": ("構成候補地", "Member sites"),
    "plans_new_from_selection": (
        "サイドバーの条件に合う候補地（{n} 件）",
        "Sites matching the sidebar filters ({n})",
    ),
    "plans_new_from_cluster": ("クラスター: {name}（{n} 件）", "Cluster: {name} ({n} sites)"),
    "plans_new_empty": ("候補地なし（後で追加）", "No sites yet (add them later)"),
    "plans_create": ("作成", "Create"),
    "plans_created": ("計画 {id}「{name}」を作成しました。", "Created plan {id} '{name}'."),
    "plans_saved": ("保存しました（版 {version}）。", "Saved (version {version})."),
    "plans_from_cluster_button": ("このクラスターから計画素案を作る", "Make a plan draft from this cluster"),
    "plans_from_cluster_hint": (
        "計画素案ページで、このクラスターの候補地を構成とする計画を作れます。",
        "On the plan drafts page, a plan with this cluster's sites as members can be created.",
    ),
    "plans_col_id": ("ID", "ID"),
    "plans_col_type": ("類型", "Type"),
    "plans_col_name": ("名称", "Name"),
    "plans_col_region": ("地域", "Region"),
    "plans_col_fields": ("分野", "Fields"),
    "plans_col_status": ("状況", "Status"),
    "plans_col_sites": ("構成候補地", "Member sites"),
    "plans_col_updated": ("更新", "Updated"),
    "plans_col_version": ("版", "Version"),
    "plans_type": ("類型", "Plan type"),
    "plans_name": ("名称", "Name"),
    "plans_region": ("地域", "Region"),
    "plans_fields": ("分野", "Fields"),
    "plans_status": ("状況", "Status"),
    "plans_status_draft": ("素案", "draft"),
    "plans_status_submitted": ("提出済み", "submitted"),
    "plans_status_adopted": ("採択", "adopted"),
    "plans_status_change": ("状況を変更", "Change status"),
    "plans_meta": (
        "版 {version}・{by} が {at} に更新",
        "version {version}, updated by {by} at {at}",
    ),
    # sections
    "plans_section_overview": ("概要", "Overview"),
    "plans_section_measures": ("必要な措置", "Measures needed"),
    "plans_section_talent": ("人材育成・確保", "Developing and securing talent"),
    "plans_sections_save": ("記述欄を保存", "Save the sections"),
    # checklist
    "plans_checklist": ("計画要件チェックリスト", "Plan requirements checklist"),
    "plans_check_met": ("充足", "met"),
    "plans_check_not_met": ("未充足", "not met"),
    "plans_check_unknown": ("未確認", "unknown"),
    "plans_col_requirement": ("要件", "Requirement"),
    "plans_col_check": ("判定", "Status"),
    "plans_col_evidence": ("根拠", "Evidence"),
    "plans_col_how": ("判定方法", "Judged by"),
    "plans_how_auto": ("データから自動", "the data (automatic)"),
    "plans_how_editor": ("編集者（{by}、{at}）", "an editor ({by}, {at})"),
    "plans_how_unset": ("未設定", "not set"),
    "plans_basis_requirement": ("計画要件", "requirement"),
    "plans_basis_process": ("策定プロセス", "process"),
    "plans_check_set": ("要件の判定を設定", "Set a requirement"),
    "plans_check_item": ("要件", "Requirement"),
    "plans_check_status": ("判定", "Status"),
    "plans_check_evidence": ("根拠（誰が・何に基づいて）", "Evidence (who decided, on what)"),
    "plans_check_save": ("判定を保存", "Save the status"),
    "plans_checklist_source": ("要件の出典: {source}", "Requirements from: {source}"),
    # members
    "plans_members": ("構成候補地", "Member sites"),
    "plans_members_add": ("候補地を追加", "Add sites"),
    "plans_members_remove": ("候補地を外す", "Remove sites"),
    "plans_members_map_hint": (
        "地図の候補地をクリックすると、追加・削除の候補に入ります。",
        "Click a site on the map to put it in the add or remove box.",
    ),
    "plans_members_missing": (
        "構成候補地 {ids} は登録がない（削除された）ため集計に入っていません。",
        "Member site(s) {ids} are no longer in the store (deleted) and are left out of the figures.",
    ),
    "plans_col_site": ("候補地", "Site"),
    "plans_col_company": ("企業", "Company"),
    "plans_col_place": ("所在地", "Location"),
    "plans_col_field": ("分野", "Field"),
    "plans_col_site_status": ("段階", "Stage"),
    "plans_col_investment": ("投資額（億円）", "Investment (100M yen)"),
    "plans_col_jobs": ("雇用（人）", "Jobs"),
    "plans_col_jobs_basis": ("雇用の根拠", "Jobs basis"),
    "plans_col_land": ("用地（ha）", "Land (ha)"),
    "plans_col_source": ("出典", "Source"),
    "plans_col_label": ("区分", "Label"),
    # labels of figures
    "plans_label_disclosed": ("公表値", "disclosed"),
    "plans_label_estimated": ("推計値", "estimated"),
    "plans_label_projection": ("将来推計", "projection"),
    "plans_label_unknown": ("不明", "unknown"),
    "plans_label_assumption": ("仮定", "assumption"),
    # derived sections
    "plans_investment": ("投資", "Investment"),
    "plans_investment_total": ("公表投資額の合計（億円）", "Disclosed investment (100M yen)"),
    "plans_investment_undisclosed": ("投資額未公表の候補地", "Sites without a disclosed figure"),
    "plans_investment_by_field": ("分野別", "By field"),
    "plans_investment_by_status": ("段階別", "By stage"),
    "plans_col_n_sites": ("候補地数", "Sites"),
    "plans_col_n_unknown": ("うち未公表", "of which undisclosed"),
    "plans_infrastructure": ("インフラ（必要な措置の候補）", "Infrastructure (candidate measures)"),
    "plans_infrastructure_note": (
        "不足＝完全なデータで上限距離内に施設がないもの。不明＝データが部分的・未読込で判定できないもの（不足には数えず、"
        "調査が必要）。上限距離は立地要件の設定（編集可能な仮定）によります。",
        "Gap = complete data and no feature within the limit. Unknown = partial or no data, so it cannot be "
        "decided (never counted as a gap; needs a survey). Limits are the siting requirements (editable assumptions).",
    ),
    "plans_infrastructure_counts": (
        "判定 {n} 件: 充足 {ok}・不足 {gap}・不明 {unknown}",
        "{n} checks: {ok} ok, {gap} gap, {unknown} unknown",
    ),
    "plans_measures_none": ("不足・不明の判定はありません。", "No gap or unknown checks."),
    "plans_col_completeness": ("データの完全性", "Layer completeness"),
    "plans_col_reason": ("理由", "Why"),
    "plans_labour": ("人材", "Labour"),
    "plans_labour_jobs_disclosed": ("雇用（公表値の合計）", "Jobs (disclosed, total)"),
    "plans_labour_jobs_estimated": ("雇用（原単位による推計の合計）", "Jobs (estimated from 原単位, total)"),
    "plans_labour_jobs_unknown": ("雇用が不明な候補地", "Sites with unknown jobs"),
    "plans_labour_working_age": (
        "通勤圏の生産年齢人口（2020年、推計）",
        "Working-age population of the catchment (2020, estimate)",
    ),
    "plans_labour_working_age_2035": (
        "通勤圏の生産年齢人口 2035年（将来推計）",
        "Working-age population of the catchment, 2035 (projection)",
    ),
    "plans_labour_working_age_2050": (
        "通勤圏の生産年齢人口 2050年（将来推計）",
        "Working-age population of the catchment, 2050 (projection)",
    ),
    "plans_labour_manufacturing": (
        "通勤圏の製造業従業者（工業統計 2019年）",
        "Manufacturing workforce of the catchment (2019)",
    ),
    "plans_labour_share_manufacturing": (
        "雇用 ÷ 通勤圏の製造業従業者",
        "Jobs as a share of the catchment's manufacturing workforce",
    ),
    "plans_labour_munis": ("通勤圏の市区町村", "Municipalities in the catchment"),
    "plans_labour_per_1000": (
        "生産年齢人口1,000人あたり雇用（公表＋推計）",
        "Jobs per 1,000 working-age residents (disclosed + estimated)",
    ),
    "plans_labour_schools": ("通勤圏の高専・大学", "KOSEN and universities in the catchment"),
    "plans_labour_schools_value": ("高専 {kosen}・大学 {universities}", "{kosen} KOSEN, {universities} universities"),
    "plans_land": ("用地", "Industrial land"),
    "plans_land_demand": ("必要面積（稼働前の候補地、ha）", "Land wanted (sites not yet operating, ha)"),
    "plans_land_available": ("計画地域の分譲可能面積（ha）", "Land available in the plan's prefectures (ha)"),
    "plans_land_balance": ("差引（ha）", "Balance (ha)"),
    "plans_land_note": (
        "面積を公表していない候補地 {sites} 件、供給が不明な都道府県 {prefs} 件。不明は 0 として扱いません。",
        "{sites} site(s) do not disclose their land and the supply of {prefs} prefecture(s) is unknown; "
        "unknown is never taken as 0.",
    ),
    "plans_firms": ("重点支援企業（コネクター度・ハブ度）", "Priority firms (connector and hub degree)"),
    "plans_firms_none": ("重点支援企業は未登録です。", "No priority firms yet."),
    "plans_firms_upload": ("企業リスト（CSV・Excel）を登録", "Register a firm table (CSV, Excel)"),
    "plans_firms_save": ("重点支援企業を保存", "Save the priority firms"),
    "plans_col_firm": ("企業", "Firm"),
    "plans_col_rank": ("順位", "Rank"),
    "plans_col_connector": ("コネクター度", "Connector degree"),
    "plans_col_hub": ("ハブ度", "Hub degree"),
    "plans_area": ("計画の範囲と構成候補地", "The plan's area and member sites"),
    "plans_area_layer": ("計画の範囲", "Plan area"),
    "plans_sources": ("出典", "Sources"),
    "plans_export": ("出力", "Export"),
    "plans_export_html": ("HTML（印刷用、オフライン）", "HTML (print, offline)"),
    "plans_export_docx": ("Word（.docx、素案の編集用）", "Word (.docx, to edit the draft)"),
    "plans_export_xlsx": ("Excel（.xlsx、別紙）", "Excel (.xlsx, annex)"),
    "plans_export_make": ("出力ファイルを作成", "Make the export files"),
    "plans_created_on": ("作成日", "Created"),
    "plans_doc_footer": (
        "本資料は地域未来マップで作成した計画素案です。数値は構成候補地のデータから作成時点で計算したもので、"
        "公表値・推計値・不明を区別しています。",
        "A plan draft made with Chiiki Mirai Map. Figures are computed from the member sites when the file was "
        "made, and keep disclosed, estimated and unknown apart.",
    ),
    "plans_sheet_members": ("構成候補地", "Members"),
    "plans_sheet_measures": ("必要な措置", "Measures"),
    "plans_sheet_checklist": ("計画要件", "Checklist"),
    "plans_sheet_firms": ("重点支援企業", "Firms"),
    "plans_sheet_sources": ("出典", "Sources"),
    # where figures come from (geo.plans.report.SOURCE_IDS)
    "plans_source_sites": (
        "候補地データ（各候補地の出典欄）",
        "the site store (each member site's own source note)",
    ),
    "plans_source_labour_units": (
        "雇用の原単位の設定（分野別：出典または仮定）",
        "jobs per 100 億円 by field (a source or an assumption, in the app's settings)",
    ),
    "plans_source_census": (
        "国勢調査2020の市区町村（生産年齢人口は推計）",
        "2020 census municipalities (working age an estimate)",
    ),
    "plans_source_ipss": (
        "国立社会保障・人口問題研究所『日本の地域別将来推計人口（令和5年推計）』",
        "IPSS, Regional Population Projections for Japan (2023)",
    ),
    "plans_source_manufacturing": (
        "経済産業省『工業統計調査』2019年（従業者4人以上の事業所）",
        "METI Census of Manufacture 2019 (4+ persons)",
    ),
    "plans_source_talent": ("高専・大学の所在地データ", "KOSEN and university locations"),
    "plans_source_layers": (
        "インフラレイヤ（完全性は参照データで計測）",
        "infrastructure layers (completeness measured against a reference)",
    ),
    "plans_source_requirements": (
        "立地要件の設定（分野別の上限距離：編集可能な仮定）",
        "siting requirements (distance limits per field: editable assumptions)",
    ),
    "plans_source_parcels": ("産業用地リスト（サンプル・取込）", "industrial-land parcel lists (sample, imported)"),
    "plans_source_firms": ("計画に登録した企業リスト", "the firm table given to the plan"),
    "plans_source_plan_requirements": (
        "計画要件の設定（経済産業省資料の計画要件）",
        "plan requirements (from the METI paper)",
    ),
    # the command line
    "cli_plan_created": ("計画 {id} を作成しました（{user}）", "created plan {id} ({user})"),
    "cli_plan_saved": (
        "計画 {id} を保存しました: 版 {version}（{user}）",
        "saved plan {id}: version {version} ({user})",
    ),
    "cli_plan_exported": (
        "計画 {id} を {out} に出力しました（{size:,} バイト）",
        "wrote plan {id} to {out} ({size:,} bytes)",
    ),
    # evidence of the automatic checks (geo.plans.checklist)
    "plan_ev_fields_none": (
        "分野が未設定で、構成候補地もありません",
        "no field is set and there are no member sites",
    ),
    "plan_ev_fields_strategic_all": (
        "計画と構成候補地の分野（{fields}）はすべて17の戦略分野",
        "every field of the plan and its members ({fields}) is one of the 17 strategic fields",
    ),
    "plan_ev_fields_strategic_outside": (
        "17の戦略分野でない分野があります: {fields}",
        "fields outside the 17 strategic fields: {fields}",
    ),
    "plan_ev_fields_local_all": (
        "計画と構成候補地の分野（{fields}）はすべて地域資源の分類",
        "every field of the plan and its members ({fields}) is a local-resource category",
    ),
    "plan_ev_fields_local_outside": (
        "地域資源の分類でない分野があります: {fields}",
        "fields that are not local-resource categories: {fields}",
    ),
    "plan_ev_investment_no_members": (
        "構成候補地がありません（基準 {least} 億円）",
        "no member sites (threshold {least} 100M yen)",
    ),
    "plan_ev_investment_reaches": (
        "公表投資額の合計 {total} 億円が基準 {least} 億円以上（{n} 件中 {undisclosed} 件は未公表）",
        "disclosed investment {total} (100M yen) reaches the threshold of {least} ({undisclosed} of {n} sites "
        "undisclosed)",
    ),
    "plan_ev_investment_undisclosed": (
        "公表投資額の合計 {total} 億円は基準 {least} 億円未満だが、{n} 件中 {undisclosed} 件が未公表のため判定できない",
        "disclosed investment {total} (100M yen) is below the threshold of {least}, but {undisclosed} of {n} "
        "sites do not disclose theirs: cannot decide",
    ),
    "plan_ev_investment_below": (
        "公表投資額の合計 {total} 億円が基準 {least} 億円未満（全 {n} 件が公表）",
        "disclosed investment {total} (100M yen) is below the threshold of {least} (all {n} sites disclose)",
    ),
    "plan_ev_firms_none": (
        "重点支援企業が未登録",
        "no priority firms registered",
    ),
    "plan_ev_firms_ranked": (
        "{n} 社をコネクター度・ハブ度で順位付け（1 位: {top}）",
        "{n} firm(s) ranked by connector and hub degree (first: {top})",
    ),
    "plan_ev_not_set": (
        "未設定（編集者が根拠とともに設定します）",
        "not set (an editor sets it with evidence)",
    ),
    "plan_ev_threshold_note": (
        "基準 {least} 億円は計画要件の設定の仮定（編集可）",
        "the threshold of {least} (100M yen) is an assumption of the plan requirements (editable)",
    ),
}


def _param(key: str, value: object, lang: Lang) -> object:
    """One evidence parameter in ``lang``: amounts formatted (不明 when missing), named ids by their names."""
    if key in ("total", "least"):
        return fmt.amount_oku_yen(value, lang)
    if isinstance(value, tuple) and all(hasattr(v, "ja") and hasattr(v, "en") for v in value):
        return i18n.t("list_sep", lang).join(i18n.term_name(v, lang) for v in value)
    return value


def evidence_text(code: str, params: Mapping[str, object], lang: Lang = "ja", text: str | None = None) -> str:
    """The evidence of a checklist row: an editor's ``text`` as written, else the words of ``code``."""
    if code == "editor":
        return text or ""
    return i18n.t(f"plan_ev_{code}", lang, **{k: _param(k, v, lang) for k, v in params.items()})
