"""A plan in machine-readable form (``chiiki-map plan show --json``) and the label and source of every figure.

The keys ``PLAN_JSON_KEYS`` are a contract (issue 25). Every figure of a derived section keeps its label
(``disclosed`` / ``estimated`` / ``projection`` / ``assumption``; a missing figure is null, i.e. unknown)
and the id of its source (``SOURCE_IDS``), in the section's ``labels`` and ``sources``.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.io.records import Record, json_records, plain
from geo.plans.checklist import CheckResult
from geo.plans.derived import PlanDerived
from geo.plans.model import SECTIONS, Plan

#: Top-level keys of ``plan show --json``, in order (then ``sections``, ``firms``, ``missing_sites``, ``created_at``).
PLAN_JSON_KEYS: list[str] = [
    "id",
    "type",
    "name",
    "region",
    "fields",
    "status",
    "sites",
    "investment",
    "infrastructure",
    "labour",
    "land",
    "requirements",
    "version",
    "updated_by",
    "updated_at",
]
#: Keys of one candidate measure (``infrastructure.measures``), in order.
MEASURE_KEYS: list[str] = ["site", "requirement", "status", "distance_km", "limit_km", "layer_completeness"]
#: Where the figures come from (``i18n.plans`` words each as ``plans_source_<id>``).
SOURCE_IDS: tuple[str, ...] = (
    "sites",
    "labour_units",
    "census",
    "talent",
    "layers",
    "requirements",
    "parcels",
    "firms",
    "plan_requirements",
    "ipss",
    "manufacturing",
)


def _investment(d: PlanDerived) -> Record:
    inv = d.investment
    return {
        "disclosed_oku_yen": plain(inv.disclosed_oku_yen, 2),
        "undisclosed_sites": inv.undisclosed_sites,
        "n_sites": inv.n_sites,
        "by_field": json_records(inv.by_field, digits=2),
        "by_status": json_records(inv.by_status, digits=2),
        "labels": {"disclosed_oku_yen": "disclosed"},
        "sources": {"disclosed_oku_yen": "sites"},
    }


def _infrastructure(d: PlanDerived, reasons: Sequence[tuple[str, str]] | None) -> Record:
    rows = json_records(d.infrastructure.measures, [*MEASURE_KEYS, "site_id", "method", "reason_code"], digits=3)
    measures = []
    for i, row in enumerate(rows):
        rec = {k: row[k] for k in MEASURE_KEYS}
        rec.update({"site_id": row["site_id"], "method": row["method"], "reason_code": row["reason_code"]})
        if reasons is not None:
            rec["reason"], rec["reason_en"] = reasons[i]
        measures.append(rec)
    return {
        "measures": measures,
        "checks": dict(d.infrastructure.checks),
        "labels": {"limit_km": "assumption", "distance_km": "measured"},
        "sources": {"limit_km": "requirements", "distance_km": "layers"},
    }


def _labour(d: PlanDerived) -> Record:
    lab = d.labour
    return {
        "jobs_disclosed": plain(lab.jobs_disclosed, 0),
        "jobs_estimated": plain(lab.jobs_estimated, 0),
        "sites_jobs_unknown": lab.sites_jobs_unknown,
        "catchment_working_age": plain(lab.catchment_working_age, 0),
        "catchment_munis": lab.catchment_munis,
        "jobs_per_1000_working_age": plain(lab.jobs_per_1000_working_age, 3),
        "kosen": lab.kosen,
        "universities": lab.universities,
        "radius_km": lab.radius_km,
        "catchment_working_age_2035": plain(lab.catchment_working_age_2035, 0),
        "catchment_working_age_2050": plain(lab.catchment_working_age_2050, 0),
        "catchment_manufacturing_employees": plain(lab.catchment_manufacturing_employees, 0),
        "jobs_share_of_catchment_manufacturing": plain(lab.jobs_share_of_catchment_manufacturing, 4),
        "labels": {
            "jobs_disclosed": "disclosed",
            "jobs_estimated": "estimated",
            "catchment_working_age": "estimated",
            "jobs_per_1000_working_age": "estimated",
            "catchment_working_age_2035": "projection",
            "catchment_working_age_2050": "projection",
            "catchment_manufacturing_employees": "disclosed",
            "jobs_share_of_catchment_manufacturing": "estimated",
        },
        "sources": {
            "jobs_disclosed": "sites",
            "jobs_estimated": "labour_units",
            "catchment_working_age": "census",
            "kosen": "talent",
            "universities": "talent",
            "catchment_working_age_2035": "ipss",
            "catchment_working_age_2050": "ipss",
            "catchment_manufacturing_employees": "manufacturing",
            "jobs_share_of_catchment_manufacturing": "manufacturing",
        },
    }


def _land(d: PlanDerived) -> Record:
    land = d.land
    return {
        "demand_ha": plain(land.demand_ha, 2),
        "available_ha": plain(land.available_ha, 2),
        "balance_ha": plain(land.balance_ha, 2),
        "demand_unknown_sites": land.demand_unknown_sites,
        "unknown_prefs": land.unknown_prefs,
        "labels": {"demand_ha": "disclosed", "available_ha": "disclosed"},
        "sources": {"demand_ha": "sites", "available_ha": "parcels"},
    }


def requirement_record(check: CheckResult, words: tuple[str, str] | None = None) -> Record:
    """One checklist row: ``id``, ``text_ja``, ``text_en``, ``status``, ``evidence`` and how it was judged.

    ``evidence`` holds the editor's ``text`` (or, for an automatic item, its words ``words`` = (日本語,
    English) as ``text`` / ``text_en``), the ``figure`` the rule used, its ``code`` and ``source``.
    """
    r, j = check.requirement, check.judgement
    evidence: Record = {"text": check.evidence_text if not check.automatic else None}
    if words is not None:
        evidence["text"], evidence["text_en"] = words
    evidence.update({"figure": plain(j.figure, 2), "code": j.code, "source": j.source})
    if check.set_by is not None:
        evidence.update({"set_by": check.set_by, "set_at": check.set_at})
    return {
        "id": r.id,
        "text_ja": r.text_ja,
        "text_en": r.text_en,
        "status": j.status,
        "evidence": evidence,
        "automatic": check.automatic,
        "rule": r.rule,
        "basis": r.basis,
    }


def plan_json(
    plan: Plan,
    derived: PlanDerived,
    checks: Sequence[CheckResult],
    *,
    evidence_words: Sequence[tuple[str, str]] | None = None,
    reason_words: Sequence[tuple[str, str]] | None = None,
) -> Record:
    """``plan show --json``: ``PLAN_JSON_KEYS``, then ``sections``, ``firms``, ``missing_sites``, ``created_at``.

    ``evidence_words`` (per check) and ``reason_words`` (per measure) are the words of the codes in
    Japanese and English (``i18n.plans``, ``i18n.gaps``), added as ``text``/``text_en`` and ``reason``/``reason_en``.
    """
    r = derived.region
    firms = None
    if derived.firms is not None:
        keys = ["rank", "firm", "pref_code", "connector", "hub", "score", "pref_rank"]
        firms = json_records(derived.firms, keys, digits=6)
    return {
        "id": plan.id,
        "type": plan.type,
        "name": plan.name,
        "region": {"id": r.id, "kind": r.kind, "name_ja": r.name_ja, "name_en": r.name_en, "area": plan.area},
        "fields": list(plan.fields),
        "status": plan.status,
        "sites": list(plan.sites),
        "investment": _investment(derived),
        "infrastructure": _infrastructure(derived, reason_words),
        "labour": _labour(derived),
        "land": _land(derived),
        "requirements": [
            requirement_record(c, None if evidence_words is None else evidence_words[i]) for i, c in enumerate(checks)
        ],
        "version": plan.version,
        "updated_by": plan.updated_by,
        "updated_at": plan.updated_at,
        "sections": {k: plan.sections.get(k, "") for k in SECTIONS},
        "firms": firms,
        "missing_sites": list(derived.missing_sites),
        "created_at": plan.created_at,
    }


def plan_summary(plan: Plan) -> Record:
    """One row of ``plan list --json``: id, type, name, region id, fields, status, member count, version, update."""
    return {
        "id": plan.id,
        "type": plan.type,
        "name": plan.name,
        "region": plan.region,
        "fields": list(plan.fields),
        "status": plan.status,
        "n_sites": len(plan.sites),
        "version": plan.version,
        "updated_by": plan.updated_by,
        "updated_at": plan.updated_at,
    }
