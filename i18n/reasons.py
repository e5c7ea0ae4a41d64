"""The words for why an import row is refused: one ``geo.io.reasons.Reason`` code → (日本語, English).

``geo`` gives a code and parameters; this module words them. A parameter given per language
(``choices_ja`` / ``choices_en``) is used as ``{choices}`` in that language; a list of names is joined
(「、」/ ", "), named with its ``ids`` when given; a ``column`` is also offered named (``{label}``, and
``{label_ja}`` for the English text, which then names the Japanese header).
The app shows the UI's language; the command line shows Japanese, then English (``bilingual``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from i18n import Lang
from i18n.sites_edit import COLUMN_KEYS

_OUTSIDE_JA = "緯度経度が日本国外です（経度 {lon}、緯度 {lat}）。"
_OUTSIDE_EN = "coordinates outside Japan (lon {lon}, lat {lat}): "

TEXT: dict[str, tuple[str, str]] = {
    "reason_column_missing": (
        "列「{label}」（{column}）がファイルにありません",
        "column '{column}' ({label_ja}) is missing from the file",
    ),
    "reason_too_long": (
        "{label}が長すぎます（{length:,} 文字、上限 {limit:,} 文字）",
        "{label} is {length:,} characters long: shorten it to at most {limit:,}",
    ),
    "reason_cell_too_long": (
        "{label}の値が長すぎます（上限 {limit:,} 文字）。短い値にしてください",
        "the {label} cell is over {limit:,} characters: give a short value",
    ),
    "reason_geometry_multipoint": (
        "ジオメトリが {parts:,} 地点の MultiPoint です。1 行に 1 地点（1 件の候補地）にしてください",
        "the geometry is a MultiPoint of {parts:,} points: give one point per row (one site per place)",
    ),
    "reason_geometry_conflict": (
        "属性の {column}（{value}）がジオメトリ（{geometry:.6f}）と一致しません。属性を削除するか修正してください",
        "the {column} property ({value}) disagrees with the geometry ({geometry:.6f}): "
        "remove the {column} property or correct it",
    ),
    "reason_control_character": (
        "{label}に制御文字 {char} が含まれています（{position:,} 文字目）。その文字を削除してください",
        "{label} holds the control character {char} at character {position:,}: remove it",
    ),
    "reason_name_empty": (
        "名称が空です。候補地ごとに名称が必要です",
        "Name (名称) is empty: every site needs a name",
    ),
    "reason_term_empty": (
        "{label}が空です。次のいずれかを指定してください: {choices}",
        "{label} ({label_ja}) is empty: use one of {choices}",
    ),
    "reason_term_unknown": (
        "{label}「{value}」は使えません。次のいずれかを指定してください: {choices}",
        "{label} '{value}' is not known: use one of {choices}",
    ),
    "reason_field_plan_mismatch": (
        "分野「{field}」は計画{plan}には使えません。計画{plan}の分野: {allowed}",
        "field '{field}' does not fit plan type {plan}: plan {plan} uses {allowed}",
    ),
    "reason_not_a_number": ("{label}「{value}」は数値ではありません", "{label} '{value}' is not a number"),
    "reason_not_finite": ("{label}は有限の数値にしてください", "{label} must be a finite number"),
    "reason_negative": (
        "{label}が負の値（{value}）です。0 にするか空欄にしてください",
        "{label} {value} is negative: use 0 or leave it empty",
    ),
    "reason_sample_not_bool": (
        "サンプル「{value}」は true/false（はい/いいえ）ではありません",
        "the sample flag '{value}' is not true/false",
    ),
    "reason_coords_not_numbers": (
        "座標が数値ではありません（経度「{lon}」、緯度「{lat}」）。世界測地系（WGS 84）の度で指定してください",
        "coordinates are not numbers (lon '{lon}', lat '{lat}'): give WGS 84 degrees",
    ),
    "reason_coords_missing": (
        "座標（経度・緯度）がありません。世界測地系（WGS 84）の度で指定してください（例: 経度 130.8、緯度 32.9）",
        "coordinates are missing (経度/緯度 lon/lat): give WGS 84 degrees, e.g. lon 130.8, lat 32.9",
    ),
    "reason_coords_not_finite": (
        "座標が有限の数値ではありません（経度 {lon}、緯度 {lat}）。世界測地系（WGS 84）の度で指定してください",
        "coordinates are not finite (lon {lon}, lat {lat}): give WGS 84 degrees",
    ),
    "reason_outside_swapped": (
        _OUTSIDE_JA + "経度と緯度が入れ替わっているようです。2 つの値を入れ替えてください",
        _OUTSIDE_EN + "lon and lat look swapped: exchange the two values",
    ),
    "reason_outside_sea": (
        _OUTSIDE_JA + "海上または日本の陸域の外です。座標を確認してください",
        _OUTSIDE_EN + "the point lies in the sea or outside Japan's land area; check the coordinates",
    ),
    "reason_outside_far": (
        _OUTSIDE_JA + "世界測地系（WGS 84）の度（経度 約123〜154、緯度 約20〜46）か確認してください",
        _OUTSIDE_EN + "check they are WGS 84 degrees (lon ~123-154, lat ~20-46)",
    ),
    "reason_duplicate_existing": (
        "登録済みの候補地 #{site_id}「{name}」と重複しています（{distance_m:,.0f} m 以内に同じ名称）",
        "duplicate of existing site #{site_id} '{name}' (same name within {distance_m:,.0f} m)",
    ),
    "reason_duplicate_in_file": (
        "このファイルの前の行と重複しています（{distance_m:,.0f} m 以内に同じ名称）",
        "duplicate of an earlier row in this file (same name within {distance_m:,.0f} m)",
    ),
    "reason_layer_no_geometry": ("位置（ジオメトリ）がありません", "no geometry"),
    "reason_layer_ring_not_closed": (
        "ポリゴンの輪郭が閉じていません（始点と終点が異なります）。QGIS でジオメトリを修正してください",
        "a polygon ring is not closed (its first and last points differ): fix the geometry in QGIS",
    ),
    "reason_layer_outside_japan": ("日本の範囲外です", "outside Japan"),
    "reason_layer_wrong_geometry": (
        "{layer}には{kind}のジオメトリが必要です",
        "the layer {layer} needs {kind} geometry",
    ),
    "reason_kind_point": ("点", "point"),
    "reason_kind_line": ("線", "line"),
    "reason_kind_polygon": ("面（ポリゴン）", "polygon"),
    "reason_join": ("。", "; "),
    "reason_id_named": ("{id}（{name}）", "{id} ({name})"),
    "list_sep": ("、", ", "),
    "reason_rows_join": ("／", " / "),
    "reason_more": ("ほか {n:,} 行", "and {n:,} more"),
    "reason_row": ("{row} 行目", "row {row}"),
    "reason_feature": ("地物 {row}", "feature {row}"),
}


class ReasonLike(Protocol):
    """What ``geo.io.reasons.Reason`` offers: a code and its parameters."""

    @property
    def code(self) -> str: ...

    @property
    def params(self) -> tuple[tuple[str, object], ...]: ...


def column_label(column: object, lang: Lang) -> str:
    """A site column in words (``lon`` → 経度); unknown columns as given."""
    key = COLUMN_KEYS.get(str(column))
    return i18n.t(key, lang) if key else str(column)


def reason_text(reason: ReasonLike, lang: Lang = "ja") -> str:
    """One reason in ``lang`` ("ja" or "en")."""
    args = dict(reason.params)
    suffix = i18n.pick("_ja", "_en", lang)
    args.update({k.removesuffix(suffix): v for k, v in reason.params if k.endswith(suffix)})
    ids = args.pop("ids", ())
    for key, value in list(args.items()):  # a list of names or ids, e.g. the accepted values of a column
        if isinstance(value, tuple):
            if isinstance(ids, tuple) and ids and len(ids) == len(value):  # plan types with their ids: A（戦略…）
                value = tuple(i18n.t("reason_id_named", lang, id=i, name=v) for i, v in zip(ids, value, strict=True))
            args[key] = i18n.t("list_sep", lang).join(map(str, value))
    if "kind" in args:  # a layer's geometry kind (point, line, polygon) in words
        args["kind"] = i18n.t(f"reason_kind_{args['kind']}", lang)
    if "column" in args:
        args["label"] = column_label(args["column"], lang)
        args["label_ja"] = column_label(args["column"], "ja")
    return i18n.t(f"reason_{reason.code}", lang, **args)


def reasons_text(reasons: Iterable[ReasonLike], lang: Lang = "ja") -> str:
    """All reasons of a row in ``lang``, joined."""
    return i18n.t("reason_join", lang).join(reason_text(r, lang) for r in reasons)


def bilingual(reasons: Iterable[ReasonLike]) -> str:
    """All reasons of a row in Japanese, then English (the command line's convention: "日本語 / English")."""
    listed = list(reasons)
    return f"{reasons_text(listed, 'ja')} / {reasons_text(listed, 'en')}"


def row_label(row: object, lang: Lang = "ja", numbering: str = "row") -> str:
    """ "5 行目" / "row 5" (the row as Excel shows it), or "地物 5" / "feature 5" for a spatial file."""
    return i18n.t("reason_feature" if numbering == "feature" else "reason_row", lang, row=row)


def rows_text(
    rows: Iterable[object], reasons: Iterable[Iterable[ReasonLike]], lang: Lang = "ja", limit: int = 5
) -> str:
    """ "3 行目: …" per refused row (at most ``limit``, then how many more), in ``lang``."""
    pairs = list(zip(rows, reasons, strict=True))
    parts = [f"{row_label(row, lang)}: {reasons_text(why, lang)}" for row, why in pairs[:limit]]
    if len(pairs) > limit:
        parts.append(i18n.t("reason_more", lang, n=len(pairs) - limit))
    return i18n.t("reason_rows_join", lang).join(parts)
