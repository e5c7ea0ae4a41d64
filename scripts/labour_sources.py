"""Source, licence and credit of each labour-market dataset (written into ``data/labour/SOURCES.json``).

``raw`` names the keys of ``scripts/build_labour.RAW`` each dataset is built from; the build replaces it by
the input files with their checksums. ``id`` is what ``geo.labour`` and the JSON outputs refer to.
"""

from __future__ import annotations

AISEED = "aiseed-dev/ecitizen data/ssds/items (commit 0b13f81f4ad948f01a3285c7016ac7a2e3f8c73b, 2026-07-08)"
SSDS_TERMS = (
    "政府標準利用規約（第2.0版） (compatible with CC BY 4.0) for the e-Stat figures; the processed SSDS data of "
    "aiseed.dev are CC BY 4.0 (credit 「aiseed.dev (統計メモ帳)」 and the original source)"
)

DATASETS: list[dict[str, object]] = [
    {
        "id": "ipss_2023",
        "name": "日本の地域別将来推計人口（令和5(2023)年推計）/ IPSS regional population projections (2023)",
        "kind": "projection",
        "years": [2020, 2025, 2030, 2035, 2040, 2045, 2050],
        "date": "2023-12-22",
        "files": ["units_outlook.parquet (working_age_*, population_*)", "ipss_prefectures.parquet"],
        "source": {
            "publisher": "国立社会保障・人口問題研究所 (IPSS)",
            "url": "https://www.ipss.go.jp/pp-shicyoson/j/shicyoson23/t-page.asp",
            "carriers": "kkoch5t2/data-platform (commit 19d956a78c573ba4f4774fe2f9d6d35a09876def), "
            "Soshi-1114/kurashi-map (commit 40ffbdeb834609f87692b203c6e0fb0c60cd8564)",
        },
        "licence": "IPSS site terms: copying, adaptation and redistribution allowed with the source named; an "
        "edited version must say it was edited (CC BY 4.0 compatible)",
        "credit": "出典：国立社会保障・人口問題研究所『日本の地域別将来推計人口（令和5(2023)年推計）』を加工して作成",
        "credit_en": "Source: IPSS, Regional Population Projections for Japan (2023), processed by this project.",
        "processing": [
            "2020 = census (不詳補完値); 2025–2050 = projections, medium variant (出生中位・死亡中位)",
            "designated-city totals dropped (their wards are the units)",
            "浜松市: the old wards 22131–22137 summed into 22130 (the app's unit)",
            "浜通り: IPSS projects 13 municipalities as one unit (07999); each member gets the group's figure "
            "times its share of the group's 2020 census population (crosswalk counts) — an approximation "
            "(ipss_basis = "
            "group_share)",
            "the unit sums per prefecture equal the IPSS prefecture rows for every year (checked)",
        ],
        "raw": ["ipss_muni", "ipss_pref", "ipss_crosswalk"],
    },
    {
        "id": "industrial_statistics_2019",
        "name": "工業統計調査 2019 製造業 事業所数・従業者数（市区町村）/ Census of Manufacture 2019 per municipality",
        "kind": "survey",
        "years": [2019],
        "date": "2019-06-01",
        "files": ["units_outlook.parquet (manufacturing_*_2019)"],
        "source": {
            "publisher": "経済産業省『工業統計調査』, 総務省統計局『社会・人口統計体系 市区町村データ』(e-Stat)",
            "carrier": "ryomakom/UC_inoue2 data/提出用/mun_data.csv (commit dff6ae148c80253d90a57015733a2cb66d6afe4f)",
        },
        "licence": "政府標準利用規約（第2.0版） (compatible with CC BY 4.0); the carrier adds nothing to the "
        "e-Stat values",
        "credit": "出典：経済産業省『工業統計調査』（総務省統計局『社会・人口統計体系 市区町村データ』, e-Stat）を"
        "加工して作成",
        "credit_en": "Source: METI, Census of Manufacture 2019 (MIC Statistics Bureau, SSDS municipal data, e-Stat), "
        "processed by this project.",
        "processing": [
            "persons engaged in manufacturing establishments with 4 or more persons, by place of work, 1 June 2019",
            "浜松市: the old wards summed into 22130",
        ],
        "raw": ["muni_employment"],
    },
    {
        "id": "job_openings",
        "name": "有効求人倍率（年平均、受理地別）/ active job openings-to-applicants ratio",
        "kind": "survey",
        "years": [2015, 2024],
        "files": ["job_openings.parquet"],
        "source": {"publisher": "厚生労働省『職業安定業務統計』 via SSDS F310301", "carrier": AISEED},
        "licence": SSDS_TERMS,
        "credit": "出典：厚生労働省『職業安定業務統計』（総務省統計局『社会・人口統計体系』, e-Stat）を加工して作成。"
        "aiseed.dev (統計メモ帳) 加工データ（CC BY 4.0）を利用",
        "credit_en": "Source: MHLW Employment Security Statistics (MIC SSDS, e-Stat), processed; processed SSDS data "
        "by aiseed.dev (CC BY 4.0).",
        "processing": ["calendar-year average of F310301 only (not spliced to the older count-based series)"],
        "raw": ["job_openings"],
    },
    {
        "id": "minimum_wage",
        "name": "地域別最低賃金（時間額）/ regional minimum wage (hourly)",
        "kind": "administrative",
        "years": [2010, 2025],
        "files": ["minimum_wage.parquet"],
        "source": {
            "publisher": "厚生労働省『地域別最低賃金』 (FY2010–2024 via SSDS F6501; FY2025 官報 notices)",
            "carrier": AISEED + "; FY2025 nave-m/minimum-hourly-wage-in-japan (MIT, commit "
            "d4b78cc5a2fff05c0ecaf50101b3f39e1780d0b8)",
        },
        "licence": SSDS_TERMS + "; FY2025 figures are facts from the 官報 notices",
        "credit": "出典：厚生労働省『地域別最低賃金』（総務省統計局『社会・人口統計体系』, e-Stat）を加工して作成。"
        "aiseed.dev (統計メモ帳) 加工データ（CC BY 4.0）を利用。令和7年度：厚生労働省・各都道府県労働局"
        "（データ整理：nave-m/minimum-hourly-wage-in-japan, MIT）",
        "credit_en": "Source: MHLW regional minimum wages (MIC SSDS, e-Stat; aiseed.dev, CC BY 4.0); FY2025: MHLW and "
        "prefectural labour bureaus (compiled by nave-m/minimum-hourly-wage-in-japan, MIT).",
        "processing": ["長野県 FY2025 corrected to 1,061 yen (effective 2025-10-03) in the shared data, see its note"],
        "raw": ["minimum_wage"],
    },
    {
        "id": "hs_leavers",
        "name": "高等学校卒業者の就職者・県内就職者 / high-school leavers employed, and employed in the prefecture",
        "kind": "survey",
        "years": [2005, 2023],
        "files": ["hs_leavers.parquet"],
        "source": {"publisher": "文部科学省『学校基本調査』 via SSDS E4604, E460410", "carrier": AISEED},
        "licence": SSDS_TERMS,
        "credit": "出典：文部科学省『学校基本調査』（総務省統計局『社会・人口統計体系』, e-Stat）を加工して作成。"
        "aiseed.dev (統計メモ帳) 加工データ（CC BY 4.0）を利用",
        "credit_en": "Source: MEXT School Basic Survey (MIC SSDS, e-Stat), processed; processed SSDS data by "
        "aiseed.dev (CC BY 4.0).",
        "processing": ["year = school year: 2023 = leavers of March 2024", "share computed from the two counts"],
        "raw": ["graduates"],
    },
    {
        "id": "commuting",
        "name": "従業地別就業者（自市区町村で従業）/ employed residents by place of work",
        "kind": "census",
        "years": [2020],
        "date": "2020-10-01",
        "files": ["commuting.parquet"],
        "source": {
            "publisher": "総務省『令和2年国勢調査』従業地・通学地集計 via SSDS F1102, F2701–F2703",
            "carrier": AISEED,
        },
        "licence": SSDS_TERMS,
        "credit": "出典：総務省統計局『社会・人口統計体系』〔原典：総務省『令和2年国勢調査』従業地・通学地集計〕"
        "（e-Stat）を加工して作成。aiseed.dev (統計メモ帳) 加工データ（CC BY 4.0）を利用",
        "credit_en": "Source: MIC SSDS (original: 2020 Population Census, place of work), e-Stat, processed; processed "
        "SSDS data by aiseed.dev (CC BY 4.0).",
        "processing": [
            "share = working in the own municipality ÷ residents whose place of work is known (own + other "
            "municipality of the prefecture + other prefecture)",
            "a designated-city ward and each 東京 special ward count as a municipality: working in another ward is "
            "commuting",
        ],
        "raw": ["commuting"],
    },
]
