"""The plan (計画素案) as it is stored: type, name, region, fields, members, status, sections and checks.

A :class:`Plan` holds only what people decide — which sites and firms belong, the free text, the
requirement statuses an editor set with evidence. Everything computed from the members (investment,
infrastructure, labour, land, the firm ranking, the automatic checks) is derived on every view by
``geo.plans.derived`` and ``geo.plans.checklist``, never stored.

The checks here (``check_*``) raise ``geo.errors.PlanError`` with a code and parameters; ``i18n.plans``
words them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from geo.domain import ALL_FIELDS, PLAN_TYPES, Term
from geo.errors import PlanError
from geo.text import clip

#: A plan's life: drafted, handed to the 有識者検討会 / the ministry, adopted.
PLAN_STATUSES: tuple[str, ...] = ("draft", "submitted", "adopted")
#: The free-text sections: 概要, 必要な措置, 人材育成・確保 (the .docx headings follow this order).
SECTIONS: tuple[str, ...] = ("overview", "measures", "talent")
#: What a requirement check can say.
CHECK_STATUSES: tuple[str, ...] = ("met", "not_met", "unknown")
#: Longest accepted text (characters): a plan name, one piece of evidence, one section.
NAME_LIMIT, EVIDENCE_LIMIT, SECTION_LIMIT = 200, 2_000, 20_000
#: Most member sites and firms of one plan (a block's pipeline is a few hundred sites at most).
MAX_MEMBERS = 5_000


@dataclass(frozen=True)
class Check:
    """A requirement status an editor set: ``status`` (``CHECK_STATUSES``), ``evidence``, who and when."""

    status: str
    evidence: str
    by: str
    at: str


@dataclass(frozen=True)
class Plan:
    """One stored plan (``geo.store.plans``).

    ``region`` is a region id (``kyushu``, ``43``), a municipality code (``43404``) or ``custom-…`` with
    the drawn ``area`` (WKT, EPSG:4326). ``firms`` are the validated rows of the firm table a B plan was
    given (``geo.analysis.firms.FIRM_COLUMNS``), ``firm_totals`` the prefecture totals table if one was
    given (else the degrees are shares of the listed firms). ``checks`` maps requirement ids to what an
    editor set; ``sections`` maps ``SECTIONS`` to text.
    """

    id: int
    type: str
    name: str
    region: str
    fields: tuple[str, ...]
    sites: tuple[int, ...]
    status: str = "draft"
    area: str | None = None
    firms: tuple[Mapping[str, object], ...] = ()
    firm_totals: tuple[Mapping[str, object], ...] = ()
    sections: Mapping[str, str] = field(default_factory=dict)
    checks: Mapping[str, Check] = field(default_factory=dict)
    version: int = 1
    created_at: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None
    deleted: bool = False

    @property
    def plan_type(self) -> Term:
        """The plan type as a named term (A 戦略産業クラスター計画 …)."""
        return PLAN_TYPES[self.type]


def check_type(plan_type: object) -> str:
    """``plan_type`` as one of ``PLAN_TYPES`` (``A``/``B``/``C``, any case)."""
    text = str(plan_type).strip().upper()
    if text not in PLAN_TYPES:
        raise PlanError("plan_type_unknown", value=clip(plan_type, 40), types=tuple(PLAN_TYPES.values()))
    return text


def check_name(name: object) -> str:
    """A plan name: stripped, one line, 1 to ``NAME_LIMIT`` characters."""
    text = " ".join(str(name or "").split())
    if not text:
        raise PlanError("plan_name_empty")
    if len(text) > NAME_LIMIT:
        raise PlanError("plan_name_too_long", n=len(text), limit=NAME_LIMIT)
    return text


def check_fields(fields: Iterable[object]) -> tuple[str, ...]:
    """Field ids of ``geo.domain.ALL_FIELDS`` (the 17 fields and the local categories), each once, in order.

    Whether they suit the plan type is a checklist item (A: the 17 fields; C: local resources), not a refusal.
    """
    out: list[str] = []
    for value in fields:
        fid = str(value).strip()
        if fid not in ALL_FIELDS:
            raise PlanError("plan_field_unknown", value=clip(value, 60), fields=", ".join(ALL_FIELDS))
        if fid not in out:
            out.append(fid)
    return tuple(out)


def check_status(status: object) -> str:
    """One of ``PLAN_STATUSES``."""
    text = str(status).strip()
    if text not in PLAN_STATUSES:
        raise PlanError("plan_status_unknown", value=clip(status, 40), statuses=", ".join(PLAN_STATUSES))
    return text


def check_check_status(status: object) -> str:
    """One of ``CHECK_STATUSES`` (``met`` / ``not_met`` / ``unknown``)."""
    text = str(status).strip()
    if text not in CHECK_STATUSES:
        raise PlanError("plan_check_status_unknown", value=clip(status, 40), statuses=", ".join(CHECK_STATUSES))
    return text


def check_evidence(evidence: object, status: str) -> str:
    """The evidence of a check: required for ``met`` / ``not_met`` (who decided, on what); ``EVIDENCE_LIMIT``."""
    text = str(evidence or "").strip()
    if not text and status != "unknown":
        raise PlanError("plan_evidence_empty", status=status)
    if len(text) > EVIDENCE_LIMIT:
        raise PlanError("plan_evidence_too_long", n=len(text), limit=EVIDENCE_LIMIT)
    return text


def check_sections(sections: Mapping[str, object]) -> dict[str, str]:
    """Section texts (``SECTIONS`` keys only), each at most ``SECTION_LIMIT`` characters."""
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        raise PlanError("plan_section_unknown", value=clip(unknown[0], 40), sections=", ".join(SECTIONS))
    out = {}
    for key, value in sections.items():
        text = str(value or "").strip()
        if len(text) > SECTION_LIMIT:
            raise PlanError("plan_section_too_long", section=key, n=len(text), limit=SECTION_LIMIT)
        out[key] = text
    return out


def check_site_ids(ids: Iterable[object]) -> tuple[int, ...]:
    """Member site ids as positive integers, each once, in the order given."""
    out: list[int] = []
    for value in ids:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise PlanError("plan_site_id_bad", value=clip(value, 40)) from None
        if number <= 0:
            raise PlanError("plan_site_id_bad", value=clip(value, 40))
        if number not in out:
            out.append(number)
    if len(out) > MAX_MEMBERS:
        raise PlanError("plan_too_many_members", n=len(out), limit=MAX_MEMBERS)
    return tuple(out)


@dataclass(frozen=True)
class PlanChange:
    """One edit of a plan; fields left None (or empty) are unchanged.

    Members are added and removed as deltas (``add_sites`` / ``remove_sites``), so two editors adding sites
    one after the other both keep theirs; ``sections`` replaces only the sections it names; ``check`` sets one
    requirement: ``(requirement id, status, evidence)``.
    """

    name: str | None = None
    fields: tuple[str, ...] | None = None
    add_sites: tuple[int, ...] = ()
    remove_sites: tuple[int, ...] = ()
    status: str | None = None
    sections: Mapping[str, str] | None = None
    check: tuple[str, str, str] | None = None
    firms: tuple[Mapping[str, object], ...] | None = None
    firm_totals: tuple[Mapping[str, object], ...] | None = None


def new_plan(
    plan_type: object,
    name: object,
    region: str,
    fields: Iterable[object] = (),
    sites: Iterable[object] = (),
    *,
    area: str | None = None,
    sections: Mapping[str, object] | None = None,
    firms: tuple[Mapping[str, object], ...] = (),
    firm_totals: tuple[Mapping[str, object], ...] = (),
) -> Plan:
    """A validated plan not yet stored (``id`` 0, version 1, ``draft``); the store gives it its id."""
    kind = check_type(plan_type)
    if firms and kind != "B":
        raise PlanError("plan_firms_type", type=kind)
    return Plan(
        id=0,
        type=kind,
        name=check_name(name),
        region=region,
        fields=check_fields(fields),
        sites=check_site_ids(sites),
        area=area,
        firms=firms,
        firm_totals=firm_totals,
        sections=check_sections(sections or {}),
    )


def apply_change(plan: Plan, change: PlanChange, by: str, at: str, settable: Iterable[str] = ()) -> Plan:
    """``plan`` with ``change`` applied (validated), stamped ``by`` at ``at``; the version is the store's to raise.

    ``settable`` lists the requirement ids an editor may set for this plan's type (the checklist's items
    without a rule); a check of any other id is refused before anything is written.
    """
    values: dict[str, object] = {}
    if change.name is not None:
        values["name"] = check_name(change.name)
    if change.fields is not None:
        values["fields"] = check_fields(change.fields)
    if change.add_sites or change.remove_sites:
        gone = set(check_site_ids(change.remove_sites))
        values["sites"] = check_site_ids([s for s in plan.sites if s not in gone] + list(change.add_sites))
    if change.status is not None:
        values["status"] = check_status(change.status)
    if change.sections is not None:
        values["sections"] = {**plan.sections, **check_sections(change.sections)}
    if change.check is not None:
        rid, status, evidence = change.check
        if rid not in set(settable):
            raise PlanError("plan_requirement_unknown", value=clip(rid, 40), type=plan.type, ids=", ".join(settable))
        status = check_check_status(status)
        values["checks"] = {**plan.checks, rid: Check(status, check_evidence(evidence, status), by, at)}
    if change.firms is not None or change.firm_totals is not None:
        if plan.type != "B":
            raise PlanError("plan_firms_type", type=plan.type)
        values["firms"] = change.firms if change.firms is not None else plan.firms
        values["firm_totals"] = change.firm_totals if change.firm_totals is not None else plan.firm_totals
    return replace(plan, **values, updated_by=by, updated_at=at)  # type: ignore[arg-type]
