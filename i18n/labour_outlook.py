"""UI text of the 人材需要 page's outlook (IPSS projections), manufacturing workforce and labour-market panel."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "labour_measure_change": (
        "生産年齢人口の増減 2020→2050（IPSS推計）",
        "Working-age change 2020→2050 (IPSS projection)",
    ),
    "labour_change_caption": (
        "色分けは生産年齢人口（15〜64歳）の2050年推計÷2020年（国勢調査）。国立社会保障・人口問題研究所"
        "『日本の地域別将来推計人口（令和5年推計）』の推計値であり、実績ではありません。",
        "Colours: working-age population (15–64) projected for 2050 ÷ 2020 (census), from the IPSS regional "
        "projections (2023) — a projection, not a count.",
    ),
    "labour_tip_change": ("2020→2050 の増減（推計）", "Change 2020→2050 (projection)"),
    "labour_class_change_1": ("−60% を超える減少", "fall of more than 60%"),
    "labour_class_change_2": ("−60% 〜 −45%", "−60% to −45%"),
    "labour_class_change_3": ("−45% 〜 −30%", "−45% to −30%"),
    "labour_class_change_4": ("−30% 〜 −15%", "−30% to −15%"),
    "labour_class_change_5": ("−15% 〜 0%", "−15% to 0%"),
    "labour_class_change_6": ("増加", "growth"),
    # ---------------------------------------------------------------- outlook (IPSS)
    "labour_outlook_title": (
        "生産年齢人口（15〜64歳）の見通し 2020→2050",
        "Working-age population (15–64) 2020→2050",
    ),
    "labour_outlook_caption": (
        "2020年は国勢調査（不詳補完値）、2025年以降は国立社会保障・人口問題研究所の推計（令和5年推計、出生中位・死亡中位）。"
        "推計値であり、実績ではありません。グラフは2020年を100とした指数。",
        "2020 is the census (with unknown ages allocated); 2025 onwards are IPSS projections (2023, medium "
        "variant) — projections, not counts. The chart is an index, 2020 = 100.",
    ),
    "labour_outlook_index": ("指数（2020年 = 100）", "Index (2020 = 100)"),
    "labour_outlook_region": ("{region}", "{region}"),
    "labour_outlook_site": ("{site} の通勤圏", "Catchment of {site}"),
    "labour_outlook_col_year": ("年", "Year"),
    "labour_outlook_col_kind": ("区分", "Kind"),
    "labour_outlook_census": ("国勢調査", "census"),
    "labour_outlook_projection": ("推計", "projection"),
    "labour_note_hamadori": (
        "浜通り13市町村はIPSSが一括推計（07999）しているため、各市町村には2020年国勢調査人口の比で按分した概算値を"
        "用いています（避難指示の影響で町村ごとの推移は大きく異なります）。",
        "IPSS projects 13 municipalities of 浜通り as one unit (07999); each is given the group's figure by its "
        "share of the 2020 census population — an approximation (evacuated towns follow very different paths).",
    ),
    "labour_note_hamamatsu": (
        "浜松市は旧区（22131–22137）の合計を市全体（22130）として扱っています（2024年の区再編）。",
        "浜松市 is one unit: its old wards (22131–22137) summed (the wards were reorganised in 2024).",
    ),
    "labour_note_two_2020": (
        "「生産年齢人口（推計）」は人口×年齢割合による2020年の推計、見通しの2020年はIPSSの国勢調査値で、わずかに異なります。",
        "'Working age (estimate)' is the 2020 estimate from population × age shares; the outlook's 2020 is the "
        "IPSS census value, so the two differ slightly.",
    ),
    # ---------------------------------------------------------------- jobs vs manufacturing workforce
    "labour_mfg_title": ("雇用と製造業の働き手", "Jobs against the manufacturing workforce"),
    "labour_mfg_caption": (
        "案件の雇用（公表または推計）を、通勤圏の製造業従業者数（2019年 工業統計調査、従業者4人以上の事業所、従業地）と"
        "比べます。地域全体はパイプラインの雇用（公表＋推計）を2021年 経済センサス-活動調査（民営）の"
        "製造業従業者数と比べます。",
        "A site's jobs (disclosed or estimated) against the manufacturing persons engaged in its catchment (2019 "
        "Census of Manufacture, establishments with 4+ persons, by place of work). For the region, the pipeline's "
        "jobs (disclosed + estimated) against manufacturing employees in the 2021 Economic Census (private).",
    ),
    "labour_mfg_region_employees": ("製造業従業者（2021年、経済センサス）", "Manufacturing employees (2021 census)"),
    "labour_mfg_region_share": ("雇用 ÷ 製造業従業者（地域）", "Jobs ÷ manufacturing employees (region)"),
    "labour_mfg_site_employees": ("通勤圏の製造業従業者（2019年）", "Manufacturing in the catchment (2019)"),
    "labour_mfg_site_share": ("雇用 ÷ 通勤圏の製造業従業者", "Jobs ÷ manufacturing in the catchment"),
    "labour_col_catch_mfg": ("通勤圏の製造業従業者（2019年）", "Catchment manufacturing (2019)"),
    "labour_col_mfg_share": ("雇用 ÷ 製造業従業者", "Jobs ÷ manufacturing"),
    "labour_col_catch_wa_2050": (
        "通勤圏の生産年齢人口 2050（IPSS推計）",
        "Catchment working age 2050 (IPSS projection)",
    ),
    # ---------------------------------------------------------------- labour-market panel
    "labour_market_title": ("労働市場（都道府県）", "Labour market (prefectures)"),
    "labour_market_col_ratio": ("有効求人倍率（{year}年）", "Job openings ratio ({year})"),
    "labour_market_col_wage": ("最低賃金（円/時、{year}年度）", "Minimum wage (yen/hour, FY{year})"),
    "labour_market_col_wage_date": ("発効日", "Effective"),
    "labour_market_col_hs": (
        "高卒就職者のうち県内就職（{year}年度卒業）",
        "High-school leavers employed in the prefecture (school year {year})",
    ),
    "labour_market_col_hs_share": ("県内就職の割合", "Share in the prefecture"),
    "labour_market_col_own": ("自市区町村で従業する割合（{year}年）", "Working in own municipality ({year})"),
    "labour_market_col_wa": ("生産年齢人口 {year}（国勢調査）", "Working age {year} (census)"),
    "labour_market_col_wa_projection": ("生産年齢人口 {year}（IPSS推計）", "Working age {year} (IPSS projection)"),
    "labour_market_col_mfg": ("製造業従業者（2021年）", "Manufacturing employees (2021)"),
    "labour_market_caption": (
        "有効求人倍率：年平均・受理地別（ハローワークを通じた求人・求職のみ）。最低賃金：地域別最低賃金（時間額）。"
        "高卒：学校基本調査、年度は卒業年の前年度（2023年度＝2024年3月卒業）。自市区町村で従業：2020年国勢調査、"
        "勤め先が分かる就業者に占める割合（政令市の区・東京23区は区単位）。ブロックでは求人倍率と最低賃金は合算できず「不明」。",
        "Job openings ratio: annual average, by the Hello Work office that took the opening (public employment "
        "service only). Minimum wage: regional minimum wage (hourly). High school: School Basic Survey, school "
        "year (2023 = leavers of March 2024). Own municipality: 2020 census, share of residents whose place of "
        "work is known (a designated-city ward and each Tokyo special ward count as a municipality). For blocks "
        "the ratio and the minimum wage do not add up: unknown.",
    ),
    "labour_market_ratio_chart": ("有効求人倍率の推移（年平均）", "Job openings ratio (annual average)"),
}
