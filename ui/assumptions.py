"""The editable assumptions behind the analyses, shown where they are used: the requirement profiles
(インフラ不足) and the jobs per investment (人材需要), each as a table and as its file to download.

A planner sees what the figures rest on without being told a path: the page shows the table and offers the
file (the same file an administrator edits on the server).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.analysis.requirements import DEFAULT_PROFILE, KINDS, Requirements
from geo.domain import ALL_FIELDS
from geo.labour.jobs import LabourUnits
from i18n import Lang, note_in, t
from i18n import format as fmt
from i18n.names import code_name
from ui import charts


def _file_download(path: str, label: str, key: str) -> None:
    """The file itself as a download, when the source is a file the server can read."""
    source = Path(path)
    if source.is_file():
        st.download_button(label, source.read_bytes(), file_name=source.name, mime="text/plain", key=key)


def requirements_table(reqs: Requirements, lang: Lang) -> pd.DataFrame:
    """One row per profile (既定 first, then the fields): each kind's limit in km or 「不要」."""
    names = [DEFAULT_PROFILE, *(p for p in ALL_FIELDS if p in reqs.profiles)]
    rows = []
    for profile in names:
        limits = reqs.limits(profile)
        label = t("gaps_req_default", lang) if profile == DEFAULT_PROFILE else code_name(ALL_FIELDS, profile, lang)
        row = {t("gaps_req_profile", lang): label}
        for kind in KINDS:
            limit = limits.get(kind)
            row[t(f"gaps_kind_{kind}", lang)] = (
                t("gaps_req_not_required", lang) if limit is None else fmt.number(limit, lang, 0, unit=" km")
            )
        rows.append(row)
    return pd.DataFrame(rows)


def requirements_view(reqs: Requirements, lang: Lang) -> None:
    """「立地要件（編集可能な仮定）」: the profiles as a table and the file as a download."""
    with st.expander(t("gaps_req_heading", lang)):
        st.caption(t("gaps_req_note", lang))
        charts.table(requirements_table(reqs, lang), lang, key="gaps_requirements")
        _file_download(reqs.source, t("gaps_req_download", lang), "gaps_requirements_file")


def labour_units_view(units: LabourUnits, lang: Lang) -> None:
    """「雇用原単位（編集可能な表）」: jobs per 100 億円 by field, source or assumption, the note; the file."""
    with st.expander(t("labour_units_heading", lang)):
        st.caption(t("labour_units_note", lang))
        fields = [f for f in ALL_FIELDS if f in units.units]
        charts.table(
            pd.DataFrame(
                {
                    t("labour_col_field", lang): [code_name(ALL_FIELDS, f, lang) for f in fields],
                    t("labour_units_col_rate", lang): [units.units[f].jobs_per_100oku for f in fields],
                    t("labour_units_col_basis", lang): [
                        t(f"labour_units_basis_{units.units[f].basis}", lang) for f in fields
                    ],
                    t("labour_units_col_note", lang): [note_in(units.units[f].note, lang) for f in fields],
                }
            ),
            lang,
            key="labour_units",
            digits={t("labour_units_col_rate", lang): 1},
        )
        _file_download(units.source, t("labour_units_download", lang), "labour_units_file")
