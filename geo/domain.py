"""Domain vocabulary from DOMAIN.md: plan types, the 17 strategic fields, METI blocks, prefectures.

Identifiers here are stable: files, the CLI and the UI all use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.errors import RegionError


class Term(NamedTuple):
    """An identifier with its Japanese and English names (``i18n.term_name`` picks the UI's)."""

    id: str
    ja: str
    en: str


class Bilingual(NamedTuple):
    """Text its source gives in both languages (a credit line, a note): ``i18n.term_name`` picks the UI's."""

    ja: str
    en: str


PLAN_TYPES: dict[str, Term] = {
    t.id: t
    for t in (
        Term("A", "戦略産業クラスター計画", "Strategic industry cluster plan"),
        Term("B", "地域産業クラスター計画", "Regional industry cluster plan"),
        Term("C", "地場産業成長プラン", "Local industry growth plan"),
    )
}

#: The 17 strategic fields (戦略分野), in the paper's order.
FIELDS: dict[str, Term] = {
    t.id: t
    for t in (
        Term("ai_semiconductor", "AI・半導体", "AI & semiconductors"),
        Term("shipbuilding", "造船", "Shipbuilding"),
        Term("quantum", "量子", "Quantum"),
        Term("biotech", "合成生物学・バイオ", "Synthetic biology & biotech"),
        Term("aerospace", "航空・宇宙", "Aerospace"),
        Term("digital_cyber", "デジタル・サイバーセキュリティ", "Digital & cybersecurity"),
        Term("content", "コンテンツ", "Content"),
        Term("foodtech", "フードテック", "Foodtech"),
        Term("energy_gx", "資源・エネルギー安全保障・GX", "Resources, energy security & GX"),
        Term("resilience", "防災・国土強靱化", "Disaster prevention & resilience"),
        Term("pharma_medical", "創薬・先端医療", "Drug discovery & advanced medicine"),
        Term("fusion", "フュージョンエネルギー", "Fusion energy"),
        Term("materials", "マテリアル（重要鉱物・部素材）", "Materials (critical minerals, components)"),
        Term("port_logistics", "港湾ロジスティクス", "Port logistics"),
        Term("defense", "防衛産業", "Defence industry"),
        Term("ict", "情報通信", "Information & communications"),
        Term("ocean", "海洋", "Ocean"),
    )
}

#: Local-resource categories used by plan C sites instead of the 17 fields.
LOCAL_CATEGORIES: dict[str, Term] = {
    t.id: t
    for t in (
        Term("agri_food", "農林水産・食品", "Agriculture, forestry, fisheries & food"),
        Term("tourism", "観光", "Tourism"),
        Term("sports", "スポーツ", "Sports"),
        Term("crafts", "伝統工芸品", "Traditional crafts"),
        Term("other", "その他", "Other"),
    )
}

ALL_FIELDS: dict[str, Term] = {**FIELDS, **LOCAL_CATEGORIES}

STATUSES: dict[str, Term] = {
    t.id: t
    for t in (
        Term("concept", "構想", "Concept"),
        Term("planned", "計画", "Planned"),
        Term("construction", "着工", "Under construction"),
        Term("operating", "稼働", "Operating"),
    )
}


#: Japan's extent (west, south, east, north) in EPSG:4326 degrees: 与那国島 122.93°E, 沖ノ鳥島 20.42°N,
#: 南鳥島 153.99°E, 択捉島 45.56°N. Anything outside is not in Japan.
JAPAN_BBOX: tuple[float, float, float, float] = (122.9, 20.4, 154.0, 45.6)


def in_japan_bbox(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """Per point: whether (lon, lat) lies within :data:`JAPAN_BBOX` (edges included; NaN → False)."""
    west, south, east, north = JAPAN_BBOX
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return (x >= west) & (x <= east) & (y >= south) & (y <= north)


class Block(NamedTuple):
    """A METI regional bureau jurisdiction."""

    id: str
    ja: str
    en: str
    pref_codes: tuple[str, ...]


def _codes(*spans: tuple[int, int] | int) -> tuple[str, ...]:
    out: list[int] = []
    for s in spans:
        out.extend(range(s[0], s[1] + 1) if isinstance(s, tuple) else [s])
    return tuple(f"{c:02d}" for c in sorted(out))


#: METI blocks (経済産業局の管轄), NOT the textbook regions: 新潟・山梨・長野・静岡 are in 関東,
#: 福井 is in 近畿, 三重 is in 中部.
BLOCKS: dict[str, Block] = {
    b.id: b
    for b in (
        Block("hokkaido", "北海道", "Hokkaido", _codes(1)),
        Block("tohoku", "東北", "Tohoku", _codes((2, 7))),
        Block("kanto", "関東", "Kanto", _codes((8, 14), 15, 19, 20, 22)),
        Block("chubu", "中部", "Chubu", _codes(16, 17, 21, 23, 24)),
        Block("kinki", "近畿", "Kinki", _codes(18, (25, 30))),
        Block("chugoku", "中国", "Chugoku", _codes((31, 35))),
        Block("shikoku", "四国", "Shikoku", _codes((36, 39))),
        Block("kyushu", "九州", "Kyushu", _codes((40, 46))),
        Block("okinawa", "沖縄", "Okinawa", _codes(47)),
    )
}

_PREF_NAMES = [
    ("北海道", "Hokkaido"),
    ("青森県", "Aomori"),
    ("岩手県", "Iwate"),
    ("宮城県", "Miyagi"),
    ("秋田県", "Akita"),
    ("山形県", "Yamagata"),
    ("福島県", "Fukushima"),
    ("茨城県", "Ibaraki"),
    ("栃木県", "Tochigi"),
    ("群馬県", "Gunma"),
    ("埼玉県", "Saitama"),
    ("千葉県", "Chiba"),
    ("東京都", "Tokyo"),
    ("神奈川県", "Kanagawa"),
    ("新潟県", "Niigata"),
    ("富山県", "Toyama"),
    ("石川県", "Ishikawa"),
    ("福井県", "Fukui"),
    ("山梨県", "Yamanashi"),
    ("長野県", "Nagano"),
    ("岐阜県", "Gifu"),
    ("静岡県", "Shizuoka"),
    ("愛知県", "Aichi"),
    ("三重県", "Mie"),
    ("滋賀県", "Shiga"),
    ("京都府", "Kyoto"),
    ("大阪府", "Osaka"),
    ("兵庫県", "Hyogo"),
    ("奈良県", "Nara"),
    ("和歌山県", "Wakayama"),
    ("鳥取県", "Tottori"),
    ("島根県", "Shimane"),
    ("岡山県", "Okayama"),
    ("広島県", "Hiroshima"),
    ("山口県", "Yamaguchi"),
    ("徳島県", "Tokushima"),
    ("香川県", "Kagawa"),
    ("愛媛県", "Ehime"),
    ("高知県", "Kochi"),
    ("福岡県", "Fukuoka"),
    ("佐賀県", "Saga"),
    ("長崎県", "Nagasaki"),
    ("熊本県", "Kumamoto"),
    ("大分県", "Oita"),
    ("宮崎県", "Miyazaki"),
    ("鹿児島県", "Kagoshima"),
    ("沖縄県", "Okinawa"),
]

#: JIS X 0401 code -> (日本語, English) for the 47 prefectures.
PREFECTURES: dict[str, Term] = {f"{i:02d}": Term(f"{i:02d}", ja, en) for i, (ja, en) in enumerate(_PREF_NAMES, start=1)}

_BLOCK_OF = {code: b.id for b in BLOCKS.values() for code in b.pref_codes}

#: 日本標準産業分類（第13回改定）の大分類 A–R as counted by the 経済センサス for private establishments
#: (S 公務 and T 分類不能 are not in those tables). Letters are the ids used in files, the CLI and the UI.
DIVISIONS: dict[str, Term] = {
    t.id: t
    for t in (
        Term("A", "農業，林業", "Agriculture and forestry"),
        Term("B", "漁業", "Fisheries"),
        Term("C", "鉱業，採石業，砂利採取業", "Mining and quarrying"),
        Term("D", "建設業", "Construction"),
        Term("E", "製造業", "Manufacturing"),
        Term("F", "電気・ガス・熱供給・水道業", "Electricity, gas, heat and water"),
        Term("G", "情報通信業", "Information and communications"),
        Term("H", "運輸業，郵便業", "Transport and postal services"),
        Term("I", "卸売業，小売業", "Wholesale and retail trade"),
        Term("J", "金融業，保険業", "Finance and insurance"),
        Term("K", "不動産業，物品賃貸業", "Real estate and goods rental"),
        Term("L", "学術研究，専門・技術サービス業", "Scientific research, professional and technical services"),
        Term("M", "宿泊業，飲食サービス業", "Accommodation, eating and drinking services"),
        Term("N", "生活関連サービス業，娯楽業", "Living-related and personal services, amusement"),
        Term("O", "教育，学習支援業", "Education and learning support"),
        Term("P", "医療，福祉", "Medical, health care and welfare"),
        Term("Q", "複合サービス事業", "Compound services"),
        Term("R", "サービス業（他に分類されないもの）", "Services, not elsewhere classified"),
    )
}


def block_of(pref_code: str) -> str:
    """METI block id of a JIS prefecture code ("43" -> "kyushu")."""
    try:
        return _BLOCK_OF[str(pref_code).zfill(2)]
    except KeyError:
        raise RegionError("pref_code_unknown", code=str(pref_code)) from None


def names_in(
    codes: Iterable[object], table: Mapping[str, Term] | Mapping[str, Block]
) -> tuple[NDArray[np.object_], NDArray[np.object_]]:
    """The Japanese and the English name of each code (the code itself where ``table`` does not know it).

    The ``name_ja``/``name_en`` columns of geo's tables (JSON keys); the UI's words are ``i18n.names``.
    """
    ja: list[object] = []
    en: list[object] = []
    for code in codes:
        term = table.get(code) if isinstance(code, str) else None
        ja.append(term.ja if term is not None else code)
        en.append(term.en if term is not None else code)
    return np.array(ja, dtype=object), np.array(en, dtype=object)
