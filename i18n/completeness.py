"""The words for a layer's completeness: its level and what the build measured (ja first, en).

``geo.infra`` gives a level (``complete`` / ``partial`` / ``none``) and notes — codes with numbers,
such as ``stations_on_line`` with ``share`` 0.49 and ``reference`` N02-23; this module words them:
「一部のみ（駅の49%が路線上（N02-23基準））」. Duck-typed: a note is anything with ``code`` and ``params``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

TEXT: dict[str, tuple[str, str]] = {
    "col_completeness": ("網羅性", "Completeness"),
    "completeness_complete": ("完全", "complete"),
    "completeness_partial": ("一部のみ", "partial"),
    "completeness_none": ("データなし", "none"),
    "completeness_caption": (
        "網羅性は参照データと照合して計測した値です（都道府県ごとに98%以上で「完全」）。"
        "「一部のみ」のレイヤでは、上限距離内に施設が見つからなくても「不足」とせず「不明」と判定します。",
        "Completeness is measured against a reference (complete where 98% or more of it is found, per "
        "prefecture). Against a partial layer, no feature within the limit is 'unknown', never a 'gap'.",
    ),
    "no_data_message": (
        "データ未読込 — OSMから取得するかファイルを読み込んでください",
        "no data loaded — fetch from OSM or import a file",
    ),
}
#: Per note code: (ja, en) templates; ``{share}`` is a whole percent (rounded down, so 97.9 % never reads 98 %).
NOTES: dict[str, tuple[str, str]] = {
    "stations_on_line": ("駅の{share}が路線上（{reference}基準）", "{share} of stations on a line ({reference})"),
    "ics_near_road": (
        "ICの{share}が路線から1km以内（{reference}基準）",
        "{share} of ICs within 1 km of a line ({reference})",
    ),
    "reference_found": (
        "{reference}の{expected}件中{found}件（{share}）",
        "{found} of {expected} in {reference} ({share})",
    ),
    "reference_subset": (
        "{reference}の{expected}件中{found}件。参照自体が一部の港のみ（港湾法の港湾は約990）",
        "{found} of {expected} in {reference}; the reference itself lists only some ports (about 990 by law)",
    ),
    "register": ("公式台帳（{reference}）", "official register ({reference})"),
    "dated": ("{date}年時点", "as of {date}"),
    "areas_only": ("{areas}のみ", "{areas} only"),
    "imported_file": ("読込ファイル（{file}）の範囲のみ", "imported file {file} only"),
    "no_data": ("データなし", "no data"),
}


class NoteLike(Protocol):
    """A completeness note from ``geo.infra``: a code and its parameters."""

    @property
    def code(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any]: ...


def percent(share: object) -> str:
    """A share 0–1 as a whole percent rounded down (``0.979`` → ``97%``); ``—`` when unknown."""
    if not isinstance(share, int | float) or math.isnan(share):
        return "—"
    return f"{math.floor(round(share * 100, 6))}%"


def note_text(note: NoteLike, lang: str = "ja") -> str:
    """One note in words, e.g. 「駅の49%が路線上（N02-23基準）」 / "49% of stations on a line (N02-23)"."""
    ja, en = NOTES.get(note.code, ("{code}", "{code}"))
    p = dict(note.params)
    en_lang = lang == "en"
    values = {
        **p,
        "code": note.code,
        "share": percent(p.get("share")),
        "found": f"{p['found']:,}" if isinstance(p.get("found"), int) else "—",
        "expected": f"{p['expected']:,}" if isinstance(p.get("expected"), int) else "—",
        "areas": (", " if en_lang else "・").join(a[1] if en_lang else a[0] for a in p.get("areas", [])),
    }
    return (en if en_lang else ja).format(**values)


def completeness_text(level: str, notes: Iterable[NoteLike] = (), lang: str = "ja") -> str:
    """「一部のみ（駅の49%が路線上（N02-23基準））」 / "partial (49% of stations on a line (N02-23))"."""
    head_ja, head_en = TEXT.get(f"completeness_{level}", TEXT["completeness_none"])
    head = head_en if lang == "en" else head_ja
    said = [note_text(n, lang) for n in notes if n.code != "no_data"]
    if not said:
        return head
    body = ("; " if lang == "en" else "・").join(dict.fromkeys(said))
    return f"{head} ({body})" if lang == "en" else f"{head}（{body}）"


def measure_text(note_list: Iterable[NoteLike], lang: str = "ja") -> str:
    """Only the notes (without the level), for a caption such as 「駅の96%が路線上（N02-23基準）」."""
    return ("; " if lang == "en" else "・").join(dict.fromkeys(note_text(n, lang) for n in note_list))
