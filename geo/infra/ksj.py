"""Attribute maps for the files planners already have: KSJ (国土数値情報) and 工業用水 tables.

From their field codes to our layer columns (``name``, ``subtype`` and extras).

Written from the KSJ product specifications (製品仕様書) as far as they could be checked from here;
each map states the edition it follows and which codes are **not** verified. A code we could not
recall is left unmapped (its column is kept as it is) rather than guessed.

KSJ shapefiles carry the codes (``C02_001`` …); KSJ GML (JPGIS 2.1) carries element names instead.
``GML_ALIASES`` maps the element names we are sure of to the codes; other GML files work when their
elements are named by the codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from geo.text import name_key


@dataclass(frozen=True)
class AttributeMap:
    """How one dataset's columns become a layer's columns.

    ``detect``: columns whose presence identifies the dataset. ``name``: columns tried in order for the
    feature name. ``subtype``: (column, code → subtype) or None. ``extras``: source column → our column.
    ``numeric``: our columns to parse as numbers (commas, full-width digits).
    """

    id: str
    name_ja: str
    layer_id: str
    spec: str
    detect: tuple[str, ...]
    name: tuple[str, ...]
    subtype: tuple[str, dict[str, str]] | None = None
    extras: dict[str, str] = field(default_factory=dict)
    numeric: tuple[str, ...] = ()
    licence: str = ""
    credit: str = ""
    note: str = ""


#: The licence of 国土数値情報 (KSJ) data, as every manifest and import records it.
KSJ_LICENCE = "国土数値情報利用規約 (CC BY 4.0 compatible, MLIT attribution)"


def ksj_credit(data_ja: str, *, edition: str = "", source_prefix: bool = True) -> str:
    """MLIT's credit line for processed KSJ data (the one pattern; without 「出典：」 if ``source_prefix`` is False).

    ``ksj_credit("港湾データ")`` → 「出典：国土数値情報（港湾データ）（国土交通省）を加工して作成」;
    ``edition="N02-23"`` names the edition after the data: 「…（鉄道データ）N02-23（国土交通省）…」.
    """
    return f"{'出典：' if source_prefix else ''}国土数値情報（{data_ja}）{edition}（国土交通省）を加工して作成"


#: KSJ C02 港湾 — C02-14 (製品仕様書 第3.2版), the codes as documented in ../shared/data/ports/SOURCES.md:
#: C02_001 港湾分類1 (1 甲種, 2 乙種), C02_002 港湾分類2 (11 国際戦略港湾, 12 国際拠点港湾, 13 重要港湾,
#: 14 地方港湾, 15 56条港湾). NOT verified: C02_005 as 港湾名 (taken from a downstream build script, not from
#: the specification itself); the other C02 codes (port code, administrator …) are not mapped.
C02 = AttributeMap(
    id="ksj_c02",
    name_ja="国土数値情報 C02 港湾",
    layer_id="ports",
    spec="C02-14 製品仕様書 第3.2版 (C02_005 = 港湾名 unverified)",
    detect=("C02_002",),
    name=("C02_005",),
    subtype=(
        "C02_002",
        {
            "11": "international_strategic",
            "12": "international_hub",
            "13": "major",
            "14": "local",
            "15": "article56",
        },
    ),
    extras={"C02_001": "harbor_class1_code", "C02_002": "port_class_code"},
    licence=KSJ_LICENCE,
    credit=ksj_credit("港湾データ"),
    note="C02 edition 2014 is marked 非商用 on the KSJ page: check the 使用許諾条件 before commercial use.",
)
PORT_CLASS_JA = {
    "international_strategic": "国際戦略港湾",
    "international_hub": "国際拠点港湾",
    "major": "重要港湾",
    "local": "地方港湾",
    "article56": "56条港湾",
}

#: KSJ L05 工業用地 — L05 (2009 data). Followed: L05_001 ID, L05_002 名称, L05_003 行政区域コード, L05_004
#: 市区町村名 — as read by a downstream build script; the specification itself could not be opened here.
#: The AREA attributes' code numbers could NOT be recalled, so they are not mapped: ``area_ha`` is
#: computed from the polygon (labelled as such in ``area_source``), never read from an unverified code.
L05 = AttributeMap(
    id="ksj_l05",
    name_ja="国土数値情報 L05 工業用地",
    layer_id="industrial_land",
    spec="L05 工業用地 2009 (L05_001–L05_004 only; area codes not recalled, area computed from polygons)",
    detect=("L05_002",),
    name=("L05_002",),
    extras={"L05_001": "ksj_id", "L05_003": "muni_code", "L05_004": "muni_name"},
    licence=KSJ_LICENCE,
    credit=ksj_credit("工業用地データ"),
)

#: KSJ N02 鉄道 — N02-24 (the 2024 edition, as used for ../shared/data/ksj): N02_001 鉄道区分コード,
#: N02_002 事業者種別コード, N02_003 路線名, N02_004 運営会社, N02_005 駅名 (Station only), N02_005c 駅コード,
#: N02_005g グループコード.
N02 = AttributeMap(
    id="ksj_n02",
    name_ja="国土数値情報 N02 鉄道",
    layer_id="railways",
    spec="N02-24 (N02_001–N02_005g)",
    detect=("N02_003",),
    name=("N02_005", "N02_003"),
    extras={
        "N02_001": "rail_type_code",
        "N02_002": "operator_type_code",
        "N02_003": "line_name",
        "N02_004": "operator",
        "N02_005c": "station_code",
        "N02_005g": "group_code",
    },
    licence=KSJ_LICENCE,
    credit=ksj_credit("鉄道データ"),
)

#: KSJ P29 学校 — the 2021 layout (P29-21; the tag list MLIT's 不動産情報ライブラリ publishes for it):
#: P29_001 行政区域コード, P29_002 学校コード, P29_003 学校分類コード, P29_004 名称, P29_005 所在地,
#: P29_006 管理者コード, P29_007 休校区分. The 2013 edition is shifted by one column and is refused.
#: School class codes: only 16001 小学校, 16002 中学校 and 16004 高等学校 are labelled; the codes of 高専,
#: 短大 and 大学 could NOT be recalled with certainty, so every subtype is the raw code ``p29_<code>``.
P29 = AttributeMap(
    id="ksj_p29",
    name_ja="国土数値情報 P29 学校",
    layer_id="schools",
    spec="P29-21 layout (P29_001–P29_007)",
    detect=("P29_004",),
    name=("P29_004",),
    extras={
        "P29_001": "admin_code",
        "P29_002": "school_code",
        "P29_003": "school_class_code",
        "P29_005": "address",
        "P29_006": "manager_code",
        "P29_007": "closed_code",
    },
    licence=KSJ_LICENCE,
    credit=ksj_credit("学校データ"),
)
SCHOOL_CLASS_JA = {"16001": "小学校", "16002": "中学校", "16004": "高等学校"}

#: Prefectures' 工業用水道 tables (no national standard): the headers they commonly use.
INDUSTRIAL_WATER = AttributeMap(
    id="pref_industrial_water",
    name_ja="都道府県 工業用水道 一覧",
    layer_id="industrial_water",
    spec="prefectural tables: 事業名/施設名/浄水場名, 給水能力（m³/日）, 経度/緯度",
    detect=("給水能力",),
    name=("施設名", "浄水場名", "事業名", "名称"),
    extras={"事業名": "works_name", "給水能力": "capacity_m3_day", "事業者": "operator"},
    numeric=("capacity_m3_day",),
)

MAPS: dict[str, AttributeMap] = {m.id: m for m in (C02, L05, N02, P29, INDUSTRIAL_WATER)}
#: Other spellings of the 工業用水 headers (compared with ``geo.text.name_key``).
HEADER_ALIASES: dict[str, str] = {
    "給水能力(m3/日)": "給水能力",
    "給水能力（m3/日）": "給水能力",
    "給水能力(㎥/日)": "給水能力",
    "給水能力（㎥/日）": "給水能力",
    "給水能力(m³/日)": "給水能力",
    "施設能力": "給水能力",
    "施設能力(m3/日)": "給水能力",
    "計画給水量": "給水能力",
    "計画給水量(m3/日)": "給水能力",
    "事業体": "事業者",
    "経営主体": "事業者",
}
#: KSJ GML (JPGIS 2.1) element names → shapefile codes; only the N02 names we are sure of.
GML_ALIASES: dict[str, str] = {
    "railwayType": "N02_001",
    "serviceProviderType": "N02_002",
    "railwayLineName": "N02_003",
    "operationCompany": "N02_004",
    "stationName": "N02_005",
}
#: Generic files: columns tried for the name and the subtype.
GENERIC_NAME = ("name", "名称", "NAME", "Name", "name:ja", "施設名")
GENERIC_SUBTYPE = ("subtype", "種別", "type")


def canonical_columns(columns: Iterable[str]) -> dict[str, str]:
    """Renames that bring known header spellings and KSJ GML element names to the codes used here."""
    aliases = {name_key(k): v for k, v in HEADER_ALIASES.items()}
    out = {}
    for col in columns:
        target = GML_ALIASES.get(col) or aliases.get(name_key(col))
        if target and target != col:
            out[col] = target
    return out


def detect(columns: Iterable[str]) -> AttributeMap | None:
    """The dataset whose identifying columns are all present (None: a generic file)."""
    cols = set(columns)
    for amap in MAPS.values():
        if all(c in cols for c in amap.detect):
            return amap
    return None


def _text(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("").str.strip().astype(object)


def _number(series: pd.Series) -> pd.Series:
    import unicodedata

    clean = series.astype("string").fillna("").map(lambda v: unicodedata.normalize("NFKC", str(v)))
    return pd.to_numeric(clean.str.replace(",", "", regex=False).str.strip(), errors="coerce")


def _first(df: pd.DataFrame, columns: Iterable[str]) -> pd.Series:
    """Per row, the first non-empty value of the columns that exist ('' when none)."""
    out = pd.Series("", index=df.index, dtype=object)
    for col in columns:
        if col in df.columns:
            value = _text(df[col])
            out = out.where(out != "", value)
    return out


def apply_map(df: pd.DataFrame, amap: AttributeMap | None, layer_id: str) -> pd.DataFrame:
    """``name``, ``subtype`` and the mapped extras of a table (no geometry); unmapped columns are dropped."""
    if amap is None:
        subtype = _first(df, GENERIC_SUBTYPE)
        return pd.DataFrame({"name": _first(df, GENERIC_NAME), "subtype": subtype.where(subtype != "", layer_id)})
    out = pd.DataFrame({"name": _first(df, amap.name)}, index=df.index)
    if amap.subtype is not None and amap.subtype[0] in df.columns:
        col, codes = amap.subtype
        raw = _text(df[col])
        out["subtype"] = raw.map(codes).fillna(raw.where(raw == "", "code_" + raw))
    elif amap is P29:
        out["subtype"] = "p29_" + _text(df.get("P29_003", pd.Series("", index=df.index)))
    else:
        out["subtype"] = amap.layer_id
    for src, dst in amap.extras.items():
        if src in df.columns:
            out[dst] = _number(df[src]) if dst in amap.numeric else _text(df[src])
    if amap is C02:
        out["port_class"] = out["subtype"].map(PORT_CLASS_JA).fillna("")
    if amap is P29 and "school_class_code" in out:
        out["school_class"] = out["school_class_code"].map(SCHOOL_CLASS_JA).fillna("")
    return out


def mapping_report(columns: Iterable[str], amap: AttributeMap | None) -> Mapping[str, str]:
    """Source column → our column, for the preview (columns not listed are not imported)."""
    cols = list(columns)
    if amap is None:
        name = next((c for c in GENERIC_NAME if c in cols), None)
        sub = next((c for c in GENERIC_SUBTYPE if c in cols), None)
        return {k: v for k, v in ((name, "name"), (sub, "subtype")) if k}
    out = {c: "name" for c in amap.name if c in cols}
    if amap.subtype is not None and amap.subtype[0] in cols:
        out[amap.subtype[0]] = "subtype"
    out.update({src: dst for src, dst in amap.extras.items() if src in cols})
    return out
