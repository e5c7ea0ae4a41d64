"""What ``build_layers.py`` records about each committed source: name, licence, credit, date, coverage,
caveats and **completeness** (see ``../shared/data/*/SOURCES.md``).

Completeness per source: ``complete`` (every feature of the layer's kind inside the coverage is there)
or ``partial`` (a subset: 47 major stations, the N02 main-line subset, a 2016 grid …), with a short
Japanese/English phrase for the sidebar and the layer table. ``partial_coverage`` lists boxes inside a
complete source's coverage where it is only partial. Outside every coverage a layer is ``none``.
"""

from __future__ import annotations

from geo.infra.ksj import KSJ_LICENCE, ksj_credit
from geo.infra.registry import BOXES

KYUSHU = {"name": "kyushu", "name_ja": "九州", "name_en": "Kyushu", "bbox": list(BOXES["kyushu"])}
DOO = {"name": "doo", "name_ja": "道央", "name_en": "Doo", "bbox": list(BOXES["doo"])}
#: Overture roads west of 130°E come from a preview shard (motorway ≥ 8 km, trunk ≥ 22 km).
KYUSHU_WEST = {
    "name": "kyushu_west_of_130e",
    "name_ja": "九州130°E以西",
    "name_en": "Kyushu west of 130°E",
    "bbox": [129.4, 30.9, 130.0, 34.3],
}

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

SOURCES: dict[str, dict[str, object]] = {
    "overture_roads": {
        "name": "Overture Maps transportation 2026-02-18.0 (OSM), motorway + trunk",
        "licence": "ODbL 1.0",
        "credit": CREDIT_OVERTURE,
        "date": "2026-02",
        "coverage": [KYUSHU, DOO],
        "completeness": "complete",
        "completeness_ja": "",
        "completeness_en": "",
        "partial_coverage": [
            {**KYUSHU_WEST, "completeness_ja": "130°E以西は簡略版", "completeness_en": "simplified west of 130°E"}
        ],
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
        "completeness": "complete",
        "completeness_ja": "",
        "completeness_en": "",
        "note": "Standard-gauge/unknown rail only, segments < 6 km dropped, simplified to 90–130 m; some "
        "disused lines remain (e.g. 日高本線 廃止区間) and there is no status attribute.",
    },
    "ksj_n06": {
        "name": "国土数値情報 N06 高速道路時系列 2023 (yH3PO4/HighwayOrderedDS)",
        "licence": "CC BY-SA 3.0",
        "credit": CREDIT_N06,
        "date": "2023",
        "coverage": "japan",
        "completeness": "complete",
        "completeness_ja": "2023年時点",
        "completeness_en": "as of 2023",
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
        "completeness": "partial",
        "completeness_ja": "N02主要路線のみ",
        "completeness_en": "N02 main-line subset only",
        "note": "A main-line subset: 1,105 of 21,769 N02 sections (all high-speed, trunk ≥ 6 km, branch ≥ 12 km, "
        "service ≥ 18 km) — not the full network. Inside the Kyushu and 道央 boxes it is replaced by "
        "Overture rail (features whose representative point lies in a box are dropped).",
    },
    "ksj_n02_stations": {
        "name": "国土数値情報 N02 鉄道 2024, major stations",
        "licence": KSJ_LICENCE,
        "credit": CREDIT_KSJ,
        "date": "2024",
        "coverage": "japan",
        "completeness": "partial",
        "completeness_ja": "主要駅47のみ",
        "completeness_en": "47 major stations only",
        "note": "Only 47 hand-picked major stations nationwide; no ordinary stations and no freight terminals "
        "or yards — fetch from OSM or import a file for those.",
    },
    "osm_power_grid_nodes": {
        "name": "OSM power grid of Japan ~2016 (ComplexNetTSP/Power_grids), heuristic nodes",
        "licence": "ODbL 1.0",
        "credit": CREDIT_GRID,
        "date": "2016",
        "coverage": "japan",
        "completeness": "partial",
        "completeness_ja": "2016年時点",
        "completeness_en": "as of 2016",
        "note": "OSM as of about 2016 (files 2017-01-04): substations built since (e.g. for JASM/TSMC or "
        "Rapidus) are missing; many have no name or voltage. Approximate topology, not an exact grid.",
    },
    "osm_power_grid_links": {
        "name": "OSM power grid of Japan ~2016 (ComplexNetTSP/Power_grids), heuristic links",
        "licence": "ODbL 1.0",
        "credit": CREDIT_GRID,
        "date": "2016",
        "coverage": "japan",
        "completeness": "partial",
        "completeness_ja": "2016年時点・推定接続",
        "completeness_en": "as of 2016, estimated links",
        "note": "Links are STRAIGHT LINES between network nodes (topology, not real tower routes; drawn dashed "
        "as 推定接続（2016）); 66 kV and up; voltage unknown on about a third. OSM as of about 2016.",
    },
    "ksj_p03": {
        "name": "国土数値情報 P03 発電施設 2007",
        "licence": "国土数値情報 P03 使用許諾条件 (review before commercial use)",
        "credit": CREDIT_KSJ,
        "date": "2007",
        "coverage": "japan",
        "completeness": "partial",
        "completeness_ja": "2007年時点",
        "completeness_en": "as of 2007",
        "note": "A 2007 snapshot: recent plants (solar, wind, new thermal) are missing and some large plants "
        "cannot be found by name (e.g. 玄海); many plants appear once per generating unit.",
    },
    "ksj_c28": {
        "name": "国土数値情報 C28 空港 2021",
        "licence": KSJ_LICENCE,
        "credit": CREDIT_KSJ,
        "date": "2021",
        "coverage": "japan",
        "completeness": "complete",
        "completeness_ja": "2021年時点",
        "completeness_en": "as of 2021",
        "note": "Deduplicated on name (the source repeats some airports once per record); runway length is "
        "the longest runway.",
    },
    "nga_wpi": {
        "name": "NGA World Port Index (Pub. 150), Japan + 国際戦略港湾・国際拠点港湾 (港湾法, 2025)",
        "licence": "public domain (US Government work, 17 U.S.C. § 105); designations are facts (MLIT)",
        "credit": CREDIT_WPI,
        "date": "2025",
        "coverage": "japan",
        "completeness": "partial",
        "completeness_ja": "WPI掲載163港のみ",
        "completeness_en": "163 WPI ports only",
        "note": "163 WPI ports of about 990 under 港湾法 (e.g. 熊本港 is missing); large ports are split into "
        "WPI sub-ports (北九州港 = Moji, Kokura, Tobata, Wakamatsu, Yahata, Hibikinada). port_class only for the "
        "23 国際戦略港湾・国際拠点港湾; the 重要港湾 and 地方港湾 carry none. harbor_size is the WPI nautical size "
        "class, not cargo volume or legal rank. Positions are given to 1 arc-minute. Known position error: "
        "Wakkanai is given upstream at 43.42 N 141.68 E (actually about 45.41 N); moved here to 45.42 N "
        "(position_note says so). 'Sakai Ko' is 境港 (Tottori), not 堺.",
    },
}

#: Layers with no committed data, and why (kept in the manifest so the UI can say so).
NO_DATA_NOTES = {
    "industrial_water": "No open dataset of 工業用水道 (works, pipelines, supply areas) was found; fetch from OSM "
    "or import a file (`chiiki-map layer-import`, e.g. a prefecture's 工業用水 table).",
    "industrial_land": "No committed data: KSJ L05 and the OSM industrial-zone extracts were too large to be "
    "obtained. Fetch from OSM or import a file (`chiiki-map layer-import`, e.g. KSJ L05).",
    "schools": "No committed data: import KSJ P29 学校 (`chiiki-map layer-import`) or fetch from OSM.",
}
