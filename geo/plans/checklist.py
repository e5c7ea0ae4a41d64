"""計画要件 checklist: the requirements of each plan type (``data/plan_requirements.toml``) and their judgement.

The wording lives in the data file (editable, quoted from the policy paper). An item with a ``rule`` is
judged from the data on every view, with the figure it used as evidence (:data:`RULES`); any other item is
``unknown`` until an editor sets ``met`` / ``not_met`` with evidence (``geo.plans.model.Check``). Each
judgement carries an evidence code and parameters, worded by ``i18n.plans``.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from geo.config import DATA_DIR
from geo.domain import ALL_FIELDS, FIELDS, LOCAL_CATEGORIES, PLAN_TYPES, Term
from geo.errors import PlanError
from geo.plans.derived import PlanDerived, member_fields
from geo.plans.model import Plan
from geo.text import clip

PLAN_REQUIREMENTS_TOML: Path = DATA_DIR / "plan_requirements.toml"
#: Where in the paper an item comes from: the 計画要件 row or the 策定プロセス row.
BASES: tuple[str, ...] = ("requirement", "process")


@dataclass(frozen=True)
class Requirement:
    """One checklist item of a plan type, as the data file states it."""

    type: str
    id: str
    text_ja: str
    text_en: str
    basis: str = "requirement"
    #: The automatic rule (a key of :data:`RULES`), or None: set by an editor.
    rule: str | None = None


@dataclass(frozen=True)
class Checklist:
    """The items of every plan type, the thresholds of the rules and where the wording comes from."""

    items: tuple[Requirement, ...]
    large_investment_oku_yen: float
    source_ja: str
    source_en: str
    path: str

    def for_type(self, plan_type: str) -> tuple[Requirement, ...]:
        """The items of one plan type, in file order."""
        return tuple(r for r in self.items if r.type == plan_type)

    def item(self, plan_type: str, requirement_id: str) -> Requirement:
        """The item ``requirement_id`` of ``plan_type``; ``PlanError`` naming the ids of that type if unknown."""
        for r in self.for_type(plan_type):
            if r.id == requirement_id:
                return r
        ids = ", ".join(r.id for r in self.for_type(plan_type))
        raise PlanError("plan_requirement_unknown", value=clip(requirement_id, 40), type=plan_type, ids=ids)


@dataclass(frozen=True)
class Judgement:
    """A status with its evidence: a code (worded by ``i18n.plans``) and its parameters.

    ``figure`` is the number the rule used (the disclosed total, the number of fields outside the list),
    ``source`` says where it comes from (``sites``: the member sites in the store; ``firms``: the plan's firm
    table; ``editor``: a person set it).
    """

    status: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    figure: float | None = None
    source: str = "sites"


@dataclass(frozen=True)
class CheckResult:
    """One checklist row of a plan: the item, its status and evidence, and whether the data decided it."""

    requirement: Requirement
    judgement: Judgement
    automatic: bool
    #: Editor-set items: the evidence text, who set it and when (None for automatic and unset items).
    evidence_text: str | None = None
    set_by: str | None = None
    set_at: str | None = None

    @property
    def status(self) -> str:
        """``met``, ``not_met`` or ``unknown``."""
        return self.judgement.status


def _fields_in(plan: Plan, derived: PlanDerived, allowed: Mapping[str, Term], rule: str) -> Judgement:
    """Every field of the plan and of its members is in ``allowed`` (the 17 fields, or the local categories)."""
    fields = tuple(dict.fromkeys([*plan.fields, *member_fields(derived)]))
    if not fields:
        return Judgement("unknown", "fields_none")
    outside = tuple(ALL_FIELDS.get(f, Term(f, f, f)) for f in fields if f not in allowed)
    named = tuple(ALL_FIELDS.get(f, Term(f, f, f)) for f in fields)
    if outside:
        return Judgement("not_met", f"{rule}_outside", {"fields": outside}, figure=float(len(outside)))
    return Judgement("met", f"{rule}_all", {"fields": named, "n": len(fields)}, figure=float(len(fields)))


def _fields_strategic(plan: Plan, derived: PlanDerived, checklist: Checklist) -> Judgement:
    return _fields_in(plan, derived, FIELDS, "fields_strategic")


def _fields_local(plan: Plan, derived: PlanDerived, checklist: Checklist) -> Judgement:
    return _fields_in(plan, derived, LOCAL_CATEGORIES, "fields_local")


def _large_investment(plan: Plan, derived: PlanDerived, checklist: Checklist) -> Judgement:
    """Met when the disclosed total reaches the threshold; unknown while undisclosed members could still."""
    inv = derived.investment
    least = checklist.large_investment_oku_yen
    if inv.n_sites == 0:
        return Judgement("unknown", "investment_no_members", {"least": least})
    total = inv.disclosed_oku_yen
    params = {"total": total, "least": least, "undisclosed": inv.undisclosed_sites, "n": inv.n_sites}
    if total is not None and total >= least:
        return Judgement("met", "investment_reaches", params, figure=total)
    if inv.undisclosed_sites:
        return Judgement("unknown", "investment_undisclosed", params, figure=total)
    return Judgement("not_met", "investment_below", params, figure=total)


def _priority_firms(plan: Plan, derived: PlanDerived, checklist: Checklist) -> Judgement:
    """Met when the plan names firms ranked by connector and hub degree; unknown until it names any."""
    firms = derived.firms
    if firms is None or firms.empty:
        return Judgement("unknown", "firms_none", source="firms")
    top = str(firms.iloc[0]["firm"])
    return Judgement("met", "firms_ranked", {"n": len(firms), "top": clip(top, 80)}, float(len(firms)), "firms")


#: Automatic rules by id (the ``rule`` of an item in the data file).
RULES: dict[str, Callable[[Plan, PlanDerived, Checklist], Judgement]] = {
    "fields_strategic": _fields_strategic,
    "large_investment": _large_investment,
    "fields_local": _fields_local,
    "priority_firms": _priority_firms,
}


def _text(entry: Mapping[str, object], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PlanError("plan_requirements_entry", path=where, entry=key)
    return value.strip()


def _item(entry: object, where: str, seen: set[tuple[str, str]]) -> Requirement:
    if not isinstance(entry, dict):
        raise PlanError("plan_requirements_entry", path=where, entry="[[requirements]]")
    plan_type, rid = _text(entry, "type", where), _text(entry, "id", where)
    if plan_type not in PLAN_TYPES:
        raise PlanError("plan_requirements_entry", path=where, entry=f"type = {clip(plan_type, 20)}")
    if (plan_type, rid) in seen:
        raise PlanError("plan_requirements_twice", path=where, type=plan_type, id=clip(rid, 40))
    seen.add((plan_type, rid))
    rule, basis = entry.get("rule"), entry.get("basis", "requirement")
    if rule is not None and rule not in RULES:
        raise PlanError("plan_requirements_rule", path=where, id=rid, rule=clip(rule, 40), rules=", ".join(RULES))
    if basis not in BASES:
        raise PlanError("plan_requirements_entry", path=where, entry=f"basis = {clip(basis, 20)}")
    return Requirement(plan_type, rid, _text(entry, "text_ja", where), _text(entry, "text_en", where), basis, rule)


def parse_checklist(data: Mapping[str, object], where: str = "<plan requirements>") -> Checklist:
    """Validate the parsed TOML of a checklist file (``[meta]``, ``[rules.*]``, ``[[requirements]]``)."""
    entries = data.get("requirements")
    if not isinstance(entries, list) or not entries:
        raise PlanError("plan_requirements_entry", path=where, entry="[[requirements]]")
    seen: set[tuple[str, str]] = set()
    items = tuple(_item(e, where, seen) for e in entries)
    rules = data.get("rules", {})
    least = rules.get("large_investment", {}).get("min_oku_yen") if isinstance(rules, dict) else None
    if isinstance(least, bool) or not isinstance(least, int | float) or least <= 0:
        raise PlanError("plan_requirements_entry", path=where, entry="[rules.large_investment] min_oku_yen")
    meta = data.get("meta", {})
    meta = meta if isinstance(meta, dict) else {}
    return Checklist(items, float(least), str(meta.get("source_ja", "")), str(meta.get("source_en", "")), where)


@functools.cache
def _load(path: str, mtime_ns: int) -> Checklist:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PlanError("plan_requirements_toml", path=path, problem=str(exc)) from None
    return parse_checklist(data, path)


def load_checklist(path: str | Path | None = None) -> Checklist:
    """Read and validate the checklist file (default ``data/plan_requirements.toml``; re-read when it changes)."""
    target = Path(path) if path is not None else PLAN_REQUIREMENTS_TOML
    try:
        stamp = target.stat().st_mtime_ns
    except FileNotFoundError:
        raise PlanError("plan_requirements_missing", path=str(target)) from None
    return _load(str(target), stamp)


def judge(plan: Plan, derived: PlanDerived, checklist: Checklist | None = None) -> list[CheckResult]:
    """The checklist of ``plan``: automatic items judged from ``derived``, the others as an editor set them."""
    table = checklist or load_checklist()
    out = []
    for item in table.for_type(plan.type):
        if item.rule is not None:
            out.append(CheckResult(item, RULES[item.rule](plan, derived, table), automatic=True))
            continue
        check = plan.checks.get(item.id)
        if check is None:
            out.append(CheckResult(item, Judgement("unknown", "not_set", source="editor"), automatic=False))
        else:
            judgement = Judgement(check.status, "editor", source="editor")
            out.append(CheckResult(item, judgement, False, check.evidence, check.by, check.at))
    return out


def settable(plan_type: str, requirement_id: str, checklist: Checklist | None = None) -> Requirement:
    """The item an editor may set; ``PlanError`` if it is unknown or judged from the data."""
    item = (checklist or load_checklist()).item(plan_type, requirement_id)
    if item.rule is not None:
        raise PlanError("plan_requirement_automatic", id=item.id, rule=item.rule)
    return item
