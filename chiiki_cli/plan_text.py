"""``chiiki-map plan show ID`` without ``--json``: the plan in a few lines, Japanese then English."""

from __future__ import annotations

from geo.plans.view import PlanView
from i18n import LANGS, Lang, named, t, term_name
from i18n import format as fmt
from i18n.plans import evidence_text


def _lines(view: PlanView, lang: Lang) -> list[str]:
    plan, d = view.plan, view.derived
    inv, lab, land, checks = d.investment, d.labour, d.land, d.infrastructure.checks
    out = [
        f"{plan.id}  {plan.type}: {term_name(plan.plan_type, lang)}  {plan.name}",
        f"  {t('plans_region', lang)}: {named(d.region, lang)}  "
        f"{t('plans_status', lang)}: {t(f'plans_status_{plan.status}', lang)}  "
        f"{t('plans_col_version', lang)}: {plan.version}  {t('plans_col_sites', lang)}: {len(plan.sites)}",
        f"  {t('plans_investment_total', lang)}: {fmt.amount_oku_yen(inv.disclosed_oku_yen, lang)}  "
        f"{t('plans_investment_undisclosed', lang)}: {inv.undisclosed_sites}",
        "  " + t("plans_infrastructure_counts", lang, n=sum(checks.values()), **checks),
        f"  {t('plans_labour_jobs_disclosed', lang)}: {fmt.number(lab.jobs_disclosed, lang)}  "
        f"{t('plans_labour_jobs_estimated', lang)}: {fmt.number(lab.jobs_estimated, lang)}  "
        f"{t('plans_labour_working_age', lang)}: {fmt.number(lab.catchment_working_age, lang)}",
        f"  {t('plans_land_demand', lang)}: {fmt.hectares(land.demand_ha, lang)}  "
        f"{t('plans_land_available', lang)}: {fmt.hectares(land.available_ha, lang)}",
    ]
    for c in view.checks:
        j = c.judgement
        evidence = evidence_text(j.code, j.params, lang, c.evidence_text)
        out.append(f"  [{c.requirement.id}] {t(f'plans_check_{j.status}', lang)} — {evidence}")
    return out


def print_plan(view: PlanView) -> None:
    """Print the plan's summary in Japanese, then in English."""
    for lang in LANGS:
        print("\n".join(_lines(view, lang)))
