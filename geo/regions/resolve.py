"""Regions people name: the whole country, a METI block, a prefecture, or a drawn area.

``resolve_region`` turns a spec (``"kyushu"``, ``"43"``, ``"熊本県"``, ``"Kumamoto"``, ``"全国"``) into a
``Region``; ``as_region`` also accepts a shapely geometry (EPSG:4326), which becomes a ``custom``
region whose id is a hash of its content, so it is the same in every process (cache file names).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

import shapely
from shapely.geometry.base import BaseGeometry

from geo import domain
from geo.errors import RegionError
from geo.regions import boundaries
from geo.regions.boundaries import (
    block_geometry,
    japan_geometry,
    normalise_pref_code,
    prefecture_geometry,
    prefectures_touching,
)
from geo.text import name_key

RegionKind = Literal["japan", "block", "pref", "custom"]

_JAPAN_ALIASES = ("japan", "全国", "all", "日本", "nationwide")
#: The names (日本語, English) of the whole country and of a drawn area.
JAPAN_NAMES = ("全国", "Japan")
CUSTOM_NAMES = ("指定範囲", "custom area")
#: The METI blocks as named ids, for the accepted forms of a region in messages.
_BLOCK_TERMS = tuple(domain.Term(b.id, b.ja, b.en) for b in domain.BLOCKS.values())
_PREF_SUFFIXES_EN = (" prefecture", "-ken", "-fu", "-to", " ken", " fu", " to")


@dataclass(frozen=True)
class Region:
    """A resolved region with its EPSG:4326 geometry.

    ``id`` is ``"japan"``, a block id (``"kyushu"``), a JIS prefecture code (``"43"``) or, for a drawn
    area, ``"custom-"`` and the first 10 hex digits of the SHA-1 of its WKB.
    """

    id: str
    kind: RegionKind
    name_ja: str
    name_en: str
    pref_codes: tuple[str, ...]
    geometry: BaseGeometry = field(repr=False, compare=False)
    bounds: tuple[float, float, float, float] = field(repr=False, compare=False)


#: What functions taking a region accept: a ``Region``, a spec or a geometry in EPSG:4326.
RegionLike: TypeAlias = Region | str | int | BaseGeometry


@functools.cache
def _aliases() -> dict[str, tuple[str, str]]:
    """Accepted spelling -> (kind, id). Blocks win over prefectures (北海道, Okinawa)."""
    table: dict[str, tuple[str, str]] = {}
    for code, term in domain.PREFECTURES.items():
        names = [term.ja, term.en]
        if term.ja[-1] in "都府県":
            names.append(term.ja[:-1])  # 熊本, 東京, 京都, 大阪
        names += [term.en + suffix for suffix in _PREF_SUFFIXES_EN]
        for name in names:
            table[name_key(name)] = ("pref", code)
    for block in domain.BLOCKS.values():
        for name in (block.id, block.ja, block.en):
            table[name_key(name)] = ("block", block.id)
    for name in _JAPAN_ALIASES:
        table[name_key(name)] = ("japan", "japan")
    return table


@functools.cache
def _region(kind: str, rid: str) -> Region:
    if kind == "japan":
        geom = japan_geometry()
        return Region("japan", "japan", *JAPAN_NAMES, tuple(domain.PREFECTURES), geom, geom.bounds)
    if kind == "block":
        b = domain.BLOCKS[rid]
        geom = block_geometry(rid)
        return Region(b.id, "block", b.ja, b.en, b.pref_codes, geom, geom.bounds)
    term = domain.PREFECTURES[rid]
    geom = prefecture_geometry(rid)
    return Region(rid, "pref", term.ja, term.en, (rid,), geom, geom.bounds)


def clear_caches() -> None:
    """Forget loaded boundaries and resolved regions (tests that point ``config.BOUNDARIES_DIR`` elsewhere)."""
    boundaries.clear_cache()
    _region.cache_clear()


def _shorten(spec: object, limit: int = 80) -> str:
    """``repr`` of what a person typed, cut to ``limit`` characters so that errors stay readable."""
    text = repr(spec)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def resolve_region(spec: str | int | Region) -> Region:
    """Resolve a region spec: block id/name, JIS code, prefecture name (ja/en) or 'japan'/'全国'.

    '北海道' / 'Hokkaido' and '沖縄' / 'Okinawa' are both a block and a prefecture: the block is
    returned (same geometry); '沖縄県' or '47' give the prefecture. Unknown -> ``RegionError``.
    """
    if isinstance(spec, Region):
        return spec
    if isinstance(spec, bool) or not isinstance(spec, (str, int)):
        raise RegionError("region_type", kind=type(spec).__name__, spec=_shorten(spec), blocks=_BLOCK_TERMS)
    key = name_key(str(spec))
    if not key:
        raise RegionError("region_empty", blocks=_BLOCK_TERMS)
    if key.isascii() and key.isdigit():
        code = normalise_pref_code(key)
        if code is not None:
            return _region("pref", code)
        raise RegionError(
            "region_muni_code" if len(key) == 5 else "region_bad_code", spec=_shorten(spec), blocks=_BLOCK_TERMS
        )
    hit = _aliases().get(key)
    if hit is not None:
        return _region(*hit)
    close = difflib.get_close_matches(key, list(_aliases()), n=3, cutoff=0.75)
    terms = tuple(dict.fromkeys(_term(*_aliases()[c]) for c in close))
    if terms:
        raise RegionError("region_unknown_close", spec=_shorten(spec), blocks=_BLOCK_TERMS, close=terms)
    raise RegionError("region_unknown", spec=_shorten(spec), blocks=_BLOCK_TERMS)


def _term(kind: str, rid: str) -> domain.Term:
    """The named id of a region (a block or a prefecture; Japan as a whole)."""
    if kind == "block":
        b = domain.BLOCKS[rid]
        return domain.Term(b.id, b.ja, b.en)
    return domain.PREFECTURES.get(rid) or domain.Term("japan", *JAPAN_NAMES)


def custom_region(geometry: BaseGeometry) -> Region:
    """A drawn area (EPSG:4326) as a ``Region`` with a stable, content-derived id."""
    if geometry.is_empty:
        raise RegionError("area_empty")
    digest = hashlib.sha1(shapely.to_wkb(geometry), usedforsecurity=False).hexdigest()[:10]
    return Region(
        f"custom-{digest}",
        "custom",
        *CUSTOM_NAMES,
        prefectures_touching(geometry),
        geometry,
        geometry.bounds,
    )


def as_region(region: RegionLike) -> Region:
    """A ``Region`` from a ``Region``, a spec (``"kyushu"``, ``43``) or a shapely geometry in EPSG:4326."""
    if isinstance(region, BaseGeometry):
        return custom_region(region)
    return resolve_region(region)
