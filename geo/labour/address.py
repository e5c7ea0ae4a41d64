"""Match a Japanese address to its N03 municipality by name (no geocoder, no network).

The address must start with the prefecture name (北海道, 熊本県 …); the rest is matched against the
names of that prefecture's municipalities and designated-city wards (``札幌市北区``, ``菊陽町``), the
longest name that the address starts with winning. A county (郡) may be written or left out
(熊本県菊池郡菊陽町 and 熊本県菊陽町 both match 菊陽町). ケ/ヶ/ヵ and full-/half-width forms are
compared alike. Addresses that match nothing stay unmatched (None): they are reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from geo.domain import PREFECTURES

_COUNTY = re.compile(r"^[^市区町村]{1,6}?郡")
_KE = str.maketrans({"ケ": "ヶ", "ヵ": "ヶ"})


def address_key(text: object) -> str:
    """Comparison form of an address or a name: NFKC, no spaces, ケ-variants unified."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).translate(_KE)


def _longest_prefix(text: str, names: list[tuple[str, str]]) -> str | None:
    """Code of the longest name ``text`` starts with (``names`` sorted longest first)."""
    for key, code in names:
        if text.startswith(key):
            return code
    return None


def match_addresses(
    addresses: Iterable[object],
    pref_codes: Iterable[object],
    munis: pd.DataFrame,
    extra_names: Iterable[tuple[str, str, str]] = (),
) -> list[str | None]:
    """N03 municipality code of each address, or None when it matches no municipality name.

    Parameters
    ----------
    addresses
        Full addresses starting with the prefecture (``北海道札幌市北区北８条西５丁目``).
    pref_codes
        JIS prefecture code of each address ("01"); the prefecture name is stripped when present.
    munis
        Municipalities with ``code``, ``name_ja`` and ``pref_code`` (``geo.regions.municipalities()``).
    extra_names
        More ``(pref_code, name, code)`` entries, e.g. ``("22", "浜松市", "22130")`` so that an address
        in a ward created after the boundary data (浜松市中央区, 2024) still finds its city.

    Returns
    -------
    list of str or None
        One code per address, in order.
    """
    table: dict[str, list[tuple[str, str]]] = {}
    rows = [*zip(munis["pref_code"], munis["name_ja"], munis["code"]), *extra_names]
    for pref, name, code in rows:
        if isinstance(code, str) and code:
            table.setdefault(str(pref), []).append((address_key(name), code))
    for names in table.values():
        names.sort(key=lambda item: (-len(item[0]), item[1]))
    out: list[str | None] = []
    for address, pref in zip(addresses, pref_codes):
        code = f"{int(str(pref)):02d}" if str(pref).strip().isdigit() else str(pref)
        names = table.get(code, [])
        text = address_key(address)
        if code in PREFECTURES:
            text = text.removeprefix(address_key(PREFECTURES[code].ja))
        hit = _longest_prefix(text, names)
        if hit is None:
            county = _COUNTY.match(text)
            hit = _longest_prefix(text[county.end() :], names) if county else None
        out.append(hit)
    return out
