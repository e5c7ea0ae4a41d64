"""UI text of the clusters page (cross-prefecture strategic clusters)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_clusters": ("クラスター", "Clusters"),
    "clusters_title": ("広域戦略クラスター", "Cross-prefecture strategic clusters"),
    "clusters_caption": (
        "同じ分野の2件以上の候補地が距離しきい値以内で連鎖するとひとつのクラスター（単連結法、JGD2011 UTMで計測）。"
        "近くに同分野の候補地がない候補地はどのクラスターにも属しません（「単独」）。",
        "Two or more sites of the same field whose distances chain within the threshold form one cluster (single "
        "linkage, measured in JGD2011 UTM). A site with no same-field neighbour is in no cluster (a lone site).",
    ),
    "clusters_threshold": ("距離しきい値（km）", "Distance threshold (km)"),
    "clusters_fields": ("対象分野（空欄＝すべて）", "Fields (empty = all)"),
    "clusters_n": ("クラスター数", "Clusters"),
    "clusters_n_cross": ("県境をまたぐ", "Cross-prefecture"),
    "clusters_n_single": ("単独の候補地（クラスター外）", "Lone sites (in no cluster)"),
    "clusters_none": (
        "この条件に合う候補地がないため、クラスターはありません。",
        "No sites match the filters, so there are no clusters.",
    ),
    "clusters_layer": ("クラスター", "Clusters"),
    "clusters_cross_pref": ("県境をまたぐ", "cross-prefecture"),
    "clusters_popup_totals": (
        "投資 {inv} 億円・雇用 {jobs} 人・用地 {land} ha",
        "investment {inv} × 100 million yen · jobs {jobs} · land {land} ha",
    ),
    "cluster_name_one": ("{field}（{place}）", "{field} ({place})"),
    "cluster_name_many": ("{field}（{place}ほか）", "{field} ({place} and around)"),
    "cluster_tip": ("{name}・{n}地点・投資 {inv} 億円", "{name} · {n} sites · investment {inv} × 100 million yen"),
    "clusters_known_of": ("{known}／{n}", "{known} of {n}"),
    "clusters_n_members": ("{n}地点", "{n} sites"),
    "clusters_col_name": ("クラスター", "Cluster"),
    "yes": ("はい", "yes"),
    "no": ("—", "—"),
    "clusters_links": ("結合した最近接リンク", "Nearest-neighbour links that joined them"),
    "popup_more": ("ほか{n}件", "and {n} more"),
    "clusters_table": ("投資額順のクラスター（赤＝県境をまたぐ）", "Clusters by investment (red = cross-prefecture)"),
    "clusters_col_id": ("No.", "No."),
    "clusters_col_field": ("分野", "Field"),
    "clusters_col_sites": ("候補地数", "Sites"),
    "clusters_col_prefs": ("都道府県", "Prefectures"),
    "clusters_col_investment": ("投資額（億円）", "Investment (100 million yen)"),
    "clusters_col_known": ("金額判明", "Amounts known"),
    "clusters_col_jobs": ("雇用（人）", "Jobs"),
    "clusters_col_land": ("用地（ha）", "Land (ha)"),
    "clusters_col_cross_pref": ("県境またぎ", "Cross-pref."),
    "clusters_col_cross_block": ("ブロックまたぎ", "Cross-block"),
    "clusters_explain": ("クラスターの説明", "Explain a cluster"),
    "clusters_pick": ("クラスターを選択", "Choose a cluster"),
    "clusters_members": ("構成する候補地", "Member sites"),
    "clusters_prefs": ("都道府県：{prefs}（ブロック：{blocks}）", "Prefectures: {prefs} (blocks: {blocks})"),
    "clusters_why": (
        "結合の理由（単連結法の最近接リンク、短い順）",
        "Why they joined (single-linkage links, shortest first)",
    ),
    "clusters_link_a": ("候補地A", "Site A"),
    "clusters_link_b": ("候補地B", "Site B"),
    "clusters_link_km": ("距離（km）", "Distance (km)"),
    "clusters_chart": ("クラスター別投資額（億円、上位15）", "Investment by cluster (100 million yen, top 15)"),
    "clusters_sum_note": (
        "合計は金額が公表された候補地のみ（不明は0として集計）。サンプルデータの所在地は概略です。",
        "Totals count only disclosed amounts (unknown = 0). Sample site locations are approximate.",
    ),
}
