"""``chiiki-map industry``: employees by JSIC division and 特化係数 per municipality, prefecture or block."""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import add_json_argument, add_region_argument, print_json, resolve
from geo import industry
from geo.domain import DIVISIONS
from geo.errors import ParameterError
from geo.industry import data
from i18n import t
from i18n.errors import bilingual


def _division(value: str) -> str:
    try:
        return industry.check_division(value)
    except ParameterError as exc:
        raise argparse.ArgumentTypeError(bilingual(exc)) from None


def register(subparsers: Any) -> None:
    """Add the ``industry`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "industry",
        help=help_of("industry"),
        description="Employees by JSIC division (A–R) and the location quotient (特化係数 = the division's share of "
        "the unit's employees / the same share for Japan, the national base summed over every municipality of the "
        "same table) from the 2021 Economic Census (private establishments, SSDSE-A-2025). Designated cities are "
        "whole cities (their wards dissolved). Text lists the most specialised divisions first.",
        epilog="example: chiiki-map industry --region 43 --division E --json",
    )
    add_region_argument(p)
    p.add_argument("--level", choices=industry.LEVELS, default="municipality", help="default %(default)s")
    p.add_argument(
        "--division", type=_division, default=None, metavar="D", help="one division letter A–R (e.g. E 製造業)"
    )
    add_json_argument(p)
    p.set_defaults(func=run)


def _source() -> dict[str, object]:
    meta = data.manifest()
    return {k: meta.get(k) for k in ("id", "name", "year", "date", "licence", "credit", "credit_en")}


def _notes() -> list[dict[str, str]]:
    return [
        {"code": code, "ja": t(f"industry_note_{code}", "ja"), "en": t(f"industry_note_{code}", "en")}
        for code in ("designated", "base")
    ]


def _text(st: industry.Structure, division: str | None, region_name: str) -> None:
    level_words = f"{t(f'industry_level_{st.level}', 'ja')} / {t(f'industry_level_{st.level}', 'en')}"
    print(t("industry_cli_head", "en", region=region_name, level=level_words, year=st.year))
    letters = (division,) if division else industry.DIVISION_IDS
    order = st.q.lq[division].sort_values(ascending=False, na_position="last").index if division else st.units.index
    for code in order:
        row = st.units.loc[code]
        figs = industry.top_divisions(industry.figures(st.q, str(code), letters), n=len(letters) if division else 5)
        parts = ", ".join(
            f"{f.division} {DIVISIONS[f.division].ja} {'unknown' if f.lq is None else f'{f.lq:.2f}'}" for f in figs
        )
        total = st.q.totals.get(code)
        mark = " *" if row["kind"] == industry.KIND_DESIGNATED_CITY else ""
        print(f"{code} {row['name_ja']}{mark}: employees {total:,.0f}; LQ {parts}")
    if st.level == "municipality" and (st.units["kind"] == industry.KIND_DESIGNATED_CITY).any():
        print(f"* {t('industry_note_designated', 'ja')} / {t('industry_note_designated', 'en')}")
    print(data.manifest()["credit"])


def run(args: argparse.Namespace) -> int:
    """Print the industry structure of a region (text or JSON)."""
    region = resolve(args.region)
    st = industry.in_region(industry.structure(args.level), region)
    if args.json:
        print_json(
            {
                "region": {"id": region.id, "kind": region.kind, "name_ja": region.name_ja, "name_en": region.name_en},
                "level": st.level,
                "year": st.year,
                "source": _source(),
                "division": args.division,
                "national_share": {d: round(float(v), industry.SHARE_DIGITS) for d, v in st.q.national_share.items()},
                "notes": _notes(),
                "units": industry.structure_records(st, args.division),
            }
        )
        return 0
    _text(st, args.division, region.name_ja)
    return 0
