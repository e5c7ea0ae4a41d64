"""A plan as a worded document, built once and rendered by every export (HTML, .docx, .xlsx) and the page.

:func:`plan_document` words a plan, its derived sections and its checklist in one language: the title and
its facts, the free-text sections, the checklist with evidence, the members, the candidate measures, labour,
land, the firm ranking and the sources. Every figure row keeps its label (公表値 / 推計値 / 仮定, or 不明 when
missing) and its source. Values are plain text here; each renderer escapes them its own way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from geo.analysis.requirements import KINDS
from geo.domain import ALL_FIELDS, PREFECTURES, STATUSES, Term
from geo.plans.checklist import CheckResult, load_checklist
from geo.plans.derived import PlanDerived
from geo.plans.model import SECTIONS, Plan
from i18n import Lang, named, pick, t, term_name
from i18n import format as fmt
from i18n.completeness import completeness_text
from i18n.gaps import reason_words
from i18n.plans import evidence_text
from layers.popups import site_place


@dataclass(frozen=True)
class Table:
    """A worded table: column heads, rows of text, and which columns are numbers (right-aligned)."""

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanDocument:
    """Everything an export of one plan shows, worded in ``lang``."""

    lang: Lang
    title: str
    kind: str
    meta: tuple[tuple[str, str], ...]
    sections: tuple[tuple[str, str], ...]
    checklist: Table
    checklist_source: str
    members: Table
    investment: Table
    investment_by_field: Table
    measures: Table
    measures_counts: str
    labour: Table
    land: Table
    land_note: str
    firms: Table | None
    sources: Table
    notes: tuple[str, ...]
    footer: str


def code_name(table: dict[str, Term], key: object, lang: Lang) -> str:
    """The name of a coded id in ``lang`` (the id itself when unknown, blank when missing)."""
    if key is None or key != key:
        return ""
    term = table.get(str(key))
    return term_name(term, lang) if term else str(key)


def _label(value: object, label: str, lang: Lang) -> str:
    """A figure's label: its own (公表値, 推計値 …), or 不明 when the figure is missing."""
    return t("plans_label_unknown", lang) if fmt.finite(value) is None else t(f"plans_label_{label}", lang)


def _source(source_id: str, lang: Lang) -> str:
    return t(f"plans_source_{source_id}", lang)


def _figure(key: str, value: object, shown: str, label: str, source: str, lang: Lang) -> tuple[str, str, str, str]:
    return (t(key, lang), shown, _label(value, label, lang), _source(source, lang))


def _figure_table(rows: list[tuple[str, str, str, str]], lang: Lang) -> Table:
    head = (t("plans_col_requirement", lang), t("export_value", lang), t("plans_col_label", lang))
    return Table((*head, t("plans_col_source", lang)), tuple(rows), numeric=(1,))


def _checklist(checks: Sequence[CheckResult], lang: Lang) -> Table:
    rows = []
    for c in checks:
        r, j = c.requirement, c.judgement
        if c.automatic:
            how = t("plans_how_auto", lang)
        elif c.set_by:
            how = t("plans_how_editor", lang, by=c.set_by, at=c.set_at or "")
        else:
            how = t("plans_how_unset", lang)
        text = pick(r.text_ja, r.text_en, lang)
        evidence = evidence_text(j.code, j.params, lang, c.evidence_text)
        rows.append((r.id, text, t(f"plans_check_{j.status}", lang), evidence, how))
    head = ("ID", t("plans_col_requirement", lang), t("plans_col_check", lang), t("plans_col_evidence", lang))
    return Table((*head, t("plans_col_how", lang)), tuple(rows))


def _members(d: PlanDerived, lang: Lang) -> Table:
    basis = d.labour.sites.set_index("site_id")["jobs_basis"].to_dict() if len(d.labour.sites) else {}
    jobs = d.labour.sites.set_index("site_id")["jobs"].to_dict() if len(d.labour.sites) else {}
    rows = []
    for row in d.members.to_dict("records"):
        sid = int(row["site_id"])
        how = basis.get(sid, "unknown")
        rows.append(
            (
                str(sid),
                str(row.get("name") or ""),
                str(row.get("company") or ""),
                site_place(row, lang),
                code_name(ALL_FIELDS, row.get("field"), lang),
                code_name(STATUSES, row.get("status"), lang),
                fmt.amount_oku_yen(row.get("investment_oku_yen"), lang),
                _label(row.get("investment_oku_yen"), "disclosed", lang),
                fmt.number(jobs.get(sid), lang),
                t(f"labour_basis_{how}", lang),
                fmt.hectares(row.get("land_ha"), lang),
                str(row.get("source_note") or ""),
            )
        )
    head = (
        "ID",
        t("plans_col_site", lang),
        t("plans_col_company", lang),
        t("plans_col_place", lang),
        t("plans_col_field", lang),
        t("plans_col_site_status", lang),
        t("plans_col_investment", lang),
        t("plans_col_label", lang),
        t("plans_col_jobs", lang),
        t("plans_col_jobs_basis", lang),
        t("plans_col_land", lang),
        t("plans_col_source", lang),
    )
    return Table(head, tuple(rows), numeric=(6, 8, 10))


def _investment(d: PlanDerived, lang: Lang) -> tuple[Table, Table]:
    inv = d.investment
    figures = _figure_table(
        [
            _figure(
                "plans_investment_total",
                inv.disclosed_oku_yen,
                fmt.amount_oku_yen(inv.disclosed_oku_yen, lang),
                "disclosed",
                "sites",
                lang,
            ),
            (t("plans_investment_undisclosed", lang), fmt.number(inv.undisclosed_sites, lang), "", ""),
        ],
        lang,
    )
    rows = tuple(
        (
            code_name(ALL_FIELDS, r["field"], lang),
            fmt.number(r["n_sites"], lang),
            fmt.amount_oku_yen(r["investment_oku_yen"] if r["n_sites"] > r["n_investment_unknown"] else None, lang),
            fmt.number(r["n_investment_unknown"], lang),
        )
        for r in inv.by_field.to_dict("records")
    )
    head = (t("plans_col_field", lang), t("plans_col_n_sites", lang), t("plans_col_investment", lang))
    return figures, Table((*head, t("plans_col_n_unknown", lang)), rows, numeric=(1, 2, 3))


def _measures(d: PlanDerived, lang: Lang) -> Table:
    m = d.infrastructure.measures
    reasons = reason_words(m["reason_code"], lang) if len(m) else pd.Series(dtype=str)
    rows = tuple(
        (
            str(r["site"]),
            named(KINDS[r["requirement"]], lang) if r["requirement"] in KINDS else str(r["requirement"]),
            t(f"gaps_status_{r['status']}", lang),
            fmt.number(r["distance_km"], lang, 1),
            fmt.number(r["limit_km"], lang, 0),
            completeness_text(str(r["layer_completeness"]), (), lang),
            str(why),
        )
        for r, why in zip(m.to_dict("records"), reasons, strict=True)
    )
    head = (
        t("plans_col_site", lang),
        t("gaps_col_requirement", lang),
        t("gaps_col_status", lang),
        t("gaps_col_distance", lang),
        t("gaps_col_limit", lang),
        t("plans_col_completeness", lang),
    )
    return Table((*head, t("plans_col_reason", lang)), rows, numeric=(3, 4))


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100


def _labour(d: PlanDerived, lang: Lang) -> Table:
    lab = d.labour
    n = fmt.number
    return _figure_table(
        [
            _figure(
                "plans_labour_jobs_disclosed",
                lab.jobs_disclosed,
                n(lab.jobs_disclosed, lang),
                "disclosed",
                "sites",
                lang,
            ),
            _figure(
                "plans_labour_jobs_estimated",
                lab.jobs_estimated,
                n(lab.jobs_estimated, lang),
                "estimated",
                "labour_units",
                lang,
            ),
            (t("plans_labour_jobs_unknown", lang), n(lab.sites_jobs_unknown, lang), "", ""),
            _figure(
                "plans_labour_working_age",
                lab.catchment_working_age,
                n(lab.catchment_working_age, lang),
                "estimated",
                "census",
                lang,
            ),
            (t("plans_labour_munis", lang), n(lab.catchment_munis, lang), "", _source("census", lang)),
            *(
                _figure(f"plans_labour_working_age_{y}", v, n(v, lang), "projection", "ipss", lang)
                for y, v in ((2035, lab.catchment_working_age_2035), (2050, lab.catchment_working_age_2050))
            ),
            _figure(
                "plans_labour_manufacturing",
                lab.catchment_manufacturing_employees,
                n(lab.catchment_manufacturing_employees, lang),
                "disclosed",
                "manufacturing",
                lang,
            ),
            _figure(
                "plans_labour_share_manufacturing",
                lab.jobs_share_of_catchment_manufacturing,
                n(_percent(lab.jobs_share_of_catchment_manufacturing), lang, 1, unit="%"),
                "estimated",
                "manufacturing",
                lang,
            ),
            _figure(
                "plans_labour_per_1000",
                lab.jobs_per_1000_working_age,
                n(lab.jobs_per_1000_working_age, lang, 1),
                "estimated",
                "census",
                lang,
            ),
            (
                t("plans_labour_schools", lang),
                t("plans_labour_schools_value", lang, kosen=lab.kosen, universities=lab.universities),
                "",
                _source("talent", lang),
            ),
        ],
        lang,
    )


def _land(d: PlanDerived, lang: Lang) -> Table:
    land = d.land
    ha = fmt.hectares
    return _figure_table(
        [
            _figure("plans_land_demand", land.demand_ha, ha(land.demand_ha, lang), "disclosed", "sites", lang),
            _figure(
                "plans_land_available", land.available_ha, ha(land.available_ha, lang), "disclosed", "parcels", lang
            ),
            _figure("plans_land_balance", land.balance_ha, ha(land.balance_ha, lang), "estimated", "parcels", lang),
        ],
        lang,
    )


def _firms(d: PlanDerived, lang: Lang) -> Table | None:
    if d.firms is None:
        return None
    rows = tuple(
        (
            str(r["rank"]),
            str(r["firm"]),
            code_name(PREFECTURES, r["pref_code"], lang),
            fmt.number(r["connector"], lang, 3),
            fmt.number(r["hub"], lang, 3),
        )
        for r in d.firms.to_dict("records")
    )
    head = (t("plans_col_rank", lang), t("plans_col_firm", lang), t("prefecture", lang))
    return Table((*head, t("plans_col_connector", lang), t("plans_col_hub", lang)), rows, numeric=(0, 3, 4))


def _sources(plan: Plan, lang: Lang) -> Table:
    used = ["sites", "labour_units", "census", "ipss", "manufacturing", "talent", "layers", "requirements", "parcels"]
    used.append("plan_requirements")
    if plan.type == "B":
        used.append("firms")
    rows = tuple((s, _source(s, lang)) for s in used)
    return Table(("ID", t("plans_col_source", lang)), rows)


def _meta(plan: Plan, d: PlanDerived, lang: Lang, today: dt.date) -> tuple[tuple[str, str], ...]:
    fields = t("list_sep", lang).join(code_name(ALL_FIELDS, f, lang) for f in plan.fields) or "—"
    return (
        (t("plans_type", lang), f"{plan.type}: {term_name(plan.plan_type, lang)}"),
        (t("plans_region", lang), str(named(d.region, lang))),
        (t("plans_fields", lang), fields),
        (t("plans_status", lang), t(f"plans_status_{plan.status}", lang)),
        (t("plans_col_sites", lang), fmt.number(len(plan.sites), lang)),
        (
            t("plans_col_version", lang),
            t("plans_meta", lang, version=plan.version, by=plan.updated_by or "—", at=plan.updated_at or "—"),
        ),
        (t("plans_created_on", lang), today.isoformat()),
    )


def plan_document(
    plan: Plan,
    derived: PlanDerived,
    checks: Sequence[CheckResult],
    lang: Lang = "ja",
    *,
    today: dt.date | None = None,
) -> PlanDocument:
    """The plan worded in ``lang`` for the exports (figures from ``derived``, the checklist from ``checks``)."""
    checklist = load_checklist()
    investment, by_field = _investment(derived, lang)
    counts = derived.infrastructure.checks
    notes = []
    if derived.missing_sites:
        notes.append(t("plans_members_missing", lang, ids=", ".join(map(str, derived.missing_sites))))
    if any(c.requirement.rule == "large_investment" for c in checks):
        notes.append(t("plan_ev_threshold_note", lang, least=fmt.amount_oku_yen(checklist.large_investment_oku_yen)))
    return PlanDocument(
        lang=lang,
        title=plan.name,
        kind=term_name(plan.plan_type, lang),
        meta=_meta(plan, derived, lang, today or dt.date.today()),
        sections=tuple((t(f"plans_section_{s}", lang), plan.sections.get(s, "")) for s in SECTIONS),
        checklist=_checklist(checks, lang),
        checklist_source=t("plans_checklist_source", lang, source=pick(checklist.source_ja, checklist.source_en, lang)),
        members=_members(derived, lang),
        investment=investment,
        investment_by_field=by_field,
        measures=_measures(derived, lang),
        measures_counts=t("plans_infrastructure_counts", lang, n=sum(counts.values()), **counts),
        labour=_labour(derived, lang),
        land=_land(derived, lang),
        land_note=t("plans_land_note", lang, sites=derived.land.demand_unknown_sites, prefs=derived.land.unknown_prefs),
        firms=_firms(derived, lang),
        sources=_sources(plan, lang),
        notes=tuple(notes),
        footer=t("plans_doc_footer", lang),
    )
