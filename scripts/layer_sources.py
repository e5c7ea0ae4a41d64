"""What ``build_layers.py`` records about each committed source: name, licence, credit, date, coverage
and caveats (see ``../shared/data/*/SOURCES.md``).

Nothing here says how complete a source is: the build measures each layer against a reference
(``scripts/layer_measures.py``). Outside every coverage a layer has no data (``none``).
"""

from __future__ import annotations

from geo.infra.ksj import KSJ_LICENCE, ksj_credit
from geo.infra.registry import BOXES
from scripts.layer_airports import airportsdata_date

KYUSHU = {"name": "kyushu", "name_ja": "九州", "name_en": "Kyushu", "bbox": list(BOXES["kyushu"])}
DOO = {"name": "doo", "name_ja": "道央", "name_en": "Doo", "bbox": list(BOXES["doo"])}

CREDIT_OVERTURE = "© OpenStreetMap contributors, Overture Maps Foundation (ODbL 1.0)"
CREDIT_N06 = (
    ksj_credit("高速道路時系列データ", source_prefix=False) + "; "
    "Wikipedia contributors (日本の高速道路一覧 ほか); yH3PO4/HighwayOrderedDS — CC BY-SA 3.0"
)
CREDIT_KSJ = ksj_credit("鉄道・空港・発電施設データ")
CREDIT_GRID = (
    "© OpenStreetMap contributors (ODbL 1.0); power grid topology: ComplexNetTSP/Power_grids, "
    "Zenodo DOI 10.5281/zenodo.250427"
)
CREDIT_WPI = (
    "Source: World Port Index (Pub. 150), U.S. National Geospatial-Intelligence Agency; "
    "港湾の区分：国土交通省 港湾局「みなと一覧」（港湾法施行令 別表第一）"
)
CREDIT_N02_23 = ksj_credit("鉄道データ", edition="N02-23")
#: The airportsdata release the committed airports were built from (its version is its date).
AIRPORTSDATA_DATE = airportsdata_date()

SOURCES: dict[str, dict[str, object]] = {
    "overture_roads": {
        "name": "Overture Maps transportation 2026-02-18.0 (OSM), motorway + trunk",
        "licence": "ODbL 1.0",
        "credit": CREDIT_OVERTURE,
        "date": "2026-02",
        "coverage": [KYUSHU, DOO],
        "note": "Only motorway and trunk (no primary/secondary roads, no interchange nodes); _link ramps are "
        "in motorway; trunk < 3 km dropped; simplified to ~120–150 m. West of 130°E (Nagasaki, "
        "Sasebo, Karatsu) only a preview shard: motorway ≥ 8 km, trunk ≥ 22 km, so coverage is sparse there.",
    },
    "overture_rail": {
        "name": "Overture Maps transportation 2026-02-18.0 (OSM), rail",
        "licence": "ODbL 1.0",
        "credit": CREDIT_OVERTURE,
        "date": "2026-02",
        "coverage": [KYUSHU, DOO],
        "note": "Standard-gauge/unknown rail only, segments < 6 km dropped (so some lines are missing, e.g. "
        "JR豊肥本線 through 菊陽), simplified to 90–130 m. There is no status attribute: closed lines (山鹿温泉鉄道跡, "
        "日高本線 廃止区間, 胆振線 …) are dropped by name and by the N02-23 stations of their line "
        "(scripts/layer_rail.py); a 2020 closure of 札沼線 (21.6 km) may remain.",
    },
    "ksj_n06": {
        "name": "国土数値情報 N06 高速道路時系列 2023 (yH3PO4/HighwayOrderedDS)",
        "licence": "CC BY-SA 3.0",
        "credit": CREDIT_N06,
        "date": "2023",
        "coverage": "japan",
        "note": "N06 2023 base with manual fixes and Wikipedia data; routes opened after 2023 are missing. "
        "Only the current network is used (MLIT restricts commercial use of N06 as a time series). "
        "Derived copies stay under CC BY-SA 3.0.",
    },
    "ksj_n02_rail": {
        "name": "国土数値情報 N02 鉄道 2024 (preview subset)",
        "licence": KSJ_LICENCE,
        "credit": CREDIT_KSJ,
        "date": "2024",
        "coverage": "japan",
        "note": "A main-line subset: 1,105 of 21,769 N02 sections (all high-speed, trunk ≥ 6 km, branch ≥ 12 km, "
        "service ≥ 18 km) — not the full network. Inside the Kyushu and 道央 boxes it is replaced by "
        "Overture rail (features whose representative point lies in a box are dropped).",
    },
    "ksj_n02_2023_stations": {
        "name": "国土数値情報 N02-23 鉄道（駅）",
        "licence": "CC BY 4.0 (国土数値情報 N02, 2020年度版以降)",
        "credit": CREDIT_N02_23,
        "date": "2023",
        "coverage": "japan",
        "note": "Every station of N02-23 (10,240 platform features) as 9,059 station groups (N02_005g: a transfer "
        "complex such as 博多 is one station), at the mean position of its platforms. As of 2023: the 北陸新幹線 "
        "extension to 敦賀 (2024) is missing. No freight terminals or yards: import a file or fetch from OSM "
        "for those.",
    },
    "osm_power_grid_nodes": {
        "name": "OSM power grid of Japan ~2016 (ComplexNetTSP/Power_grids), heuristic nodes",
        "licence": "ODbL 1.0",
        "credit": CREDIT_GRID,
        "date": "2016",
        "coverage": "japan",
        "note": "OSM as of about 2016 (files 2017-01-04): substations built since (e.g. for JASM/TSMC or "
        "Rapidus) are missing; many have no name or voltage. Approximate topology, not an exact grid.",
    },
    "osm_power_grid_links": {
        "name": "OSM power grid of Japan ~2016 (ComplexNetTSP/Power_grids), heuristic links",
        "licence": "ODbL 1.0",
        "credit": CREDIT_GRID,
        "date": "2016",
        "coverage": "japan",
        "note": "Links are STRAIGHT LINES between network nodes (topology, not real tower routes; drawn dashed "
        "as 推定接続（2016）); 66 kV and up; voltage unknown on about a third. OSM as of about 2016.",
    },
    "ksj_p03": {
        "name": "国土数値情報 P03 発電施設 2007",
        "licence": "国土数値情報 P03 使用許諾条件 (review before commercial use)",
        "credit": CREDIT_KSJ,
        "date": "2007",
        "coverage": "japan",
        "note": "A 2007 snapshot: recent plants (solar, wind, new thermal) are missing and some large plants "
        "cannot be found by name (e.g. 玄海); many plants appear once per generating unit.",
    },
    "airportsdata": {
        "name": "airportsdata (Japanese airports with an IATA code)",
        "licence": "MIT",
        "credit": "airportsdata (Mike Borsetti, MIT License)",
        "date": AIRPORTSDATA_DATE,
        "coverage": "japan",
        "note": "Every Japanese airport with an IATA code, including military air bases that have one (Yokota, "
        "Kadena, Atsugi: subtype military). Position, IATA/ICAO code and English name from airportsdata; the "
        "Japanese name, airport type and runway length from KSJ C28 where a C28 airport lies within 4 km "
        "(attributes_from = ksj_c28); else the Japanese name from the project's table "
        "data/airport_names_ja.toml (attributes_from = airport_names_ja); else the name stays in English. "
        "name_en is always the English name.",
    },
    "airport_names_ja": {
        "name": "空港の日本語名（地域未来マップ編纂）",
        "licence": "facts (official airport names), compiled by the project",
        "credit": "空港の日本語名：各空港の正式名称から地域未来マップが編纂",
        "date": "2026-12-07",
        "coverage": "japan",
        "note": "Official Japanese names (空港法 / the administrator's name, not nicknames) for the IATA airports "
        "KSJ C28 2021 lacks (那覇, 神戸, 大分, 長崎, 函館 …), keyed by IATA code in data/airport_names_ja.toml. "
        "C28 names take precedence; count = rows named from this table. Minami Torishima stays in English.",
    },
    "ksj_c28": {
        "name": "国土数値情報 C28 空港 2021",
        "licence": KSJ_LICENCE,
        "credit": CREDIT_KSJ,
        "date": "2021",
        "coverage": "japan",
        "note": "Deduplicated on name (the source repeats some airports once per record); runway length is "
        "the longest runway. C28 airports with no IATA code (調布, 八尾 …) are kept as their own rows.",
    },
    "nga_wpi": {
        "name": "NGA World Port Index (Pub. 150), Japan + 国際戦略港湾・国際拠点港湾 (港湾法, 2025)",
        "licence": "public domain (US Government work, 17 U.S.C. § 105); designations are facts (MLIT)",
        "credit": CREDIT_WPI,
        "date": "2025",
        "coverage": "japan",
        "note": "163 WPI ports of about 990 under 港湾法 (e.g. 熊本港 is missing); large ports are split into "
        "WPI sub-ports (北九州港 = Moji, Kokura, Tobata, Wakamatsu, Yahata, Hibikinada). port_class only for the "
        "23 国際戦略港湾・国際拠点港湾; the 重要港湾 and 地方港湾 carry none. harbor_size is the WPI nautical size "
        "class, not cargo volume or legal rank. Positions are given to 1 arc-minute. Known position error: "
        "Wakkanai is given upstream at 43.42 N 141.68 E (actually about 45.41 N); moved here to 45.42 N "
        "(position_note says so). 'Sakai Ko' is 境港 (Tottori), not 堺.",
    },
}

#: WPI positions known to be wrong upstream (see ../shared/data/ports/SOURCES.md): WPI number → (lon, lat, note).
WPI_FIXES = {
    "61260": (141.683333, 45.416667, "upstream WPI gives 43.42 N (a 43°/45° slip); moved to 45°25′ N"),
}
#: Layers with no committed data, and why (kept in the manifest so the UI can say so).
NO_DATA_NOTES = {
    "industrial_water": "No open dataset of 工業用水道 (works, pipelines, supply areas) was found; fetch from OSM "
    "or import a file (`chiiki-map layer-import`, e.g. a prefecture's 工業用水 table).",
    "industrial_land": "No committed data: KSJ L05 and the OSM industrial-zone extracts were too large to be "
    "obtained. Fetch from OSM or import a file (`chiiki-map layer-import`, e.g. KSJ L05).",
    "schools": "No committed data: import KSJ P29 学校 (`chiiki-map layer-import`) or fetch from OSM.",
}
