"""The plan as one self-contained HTML file: the briefing's offline map and A4 print layout, the plan's text.

The map is drawn by the briefing machinery (:func:`layers.briefing.build.render_map`: Leaflet inlined, the
layers the members' requirements are measured against, the offline basemap, the same print handler),
with the plan's area outlined and each member's worst gap status marked. The page is
``page.html.j2`` (jinja2, autoescape; values through :func:`layers.markup.escape_text`), sharing the
briefing's stylesheet. Opened from ``file://`` it makes no request.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import jinja2
from markupsafe import Markup

from geo import infra
from geo.analysis.requirements import KINDS
from geo.briefing import BriefingData, boundary_source
from geo.crs import CRS_STORE
from geo.plans.checklist import CheckResult
from geo.plans.derived import PlanDerived
from geo.plans.model import Plan
from geo.sites import summary
from i18n import Lang, t
from layers.analysis import add_gap_layer
from layers.briefing.build import render_map
from layers.geojson_layer import add_geojson_layer, to_geojson
from layers.markup import escape_text
from layers.plan.document import PlanDocument, plan_document
from layers.style import layer_style

TEMPLATE = "page.html.j2"
_HERE = Path(__file__).parent
#: The plan's area is simplified to about this many degrees (~100 m): an outline, not a survey.
AREA_TOLERANCE_DEG = 0.001
#: Kilometres per degree of latitude (a view margin, not a measurement).
KM_PER_DEGREE = 111.0


def _escape(value: Any) -> Markup:
    return value if isinstance(value, Markup) else Markup(escape_text(value))


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([_HERE, _HERE.parent / "briefing"])  # the briefing's CSS and print handler
    return jinja2.Environment(
        loader=loader, autoescape=True, finalize=_escape, keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )


def map_layer_ids(derived: PlanDerived) -> list[str]:
    """The layers the members' requirements are measured against, those loaded in the plan's region."""
    wanted = [
        KINDS[k].layer_id for k in dict.fromkeys(derived.infrastructure.rows.get("requirement", [])) if k in KINDS
    ]
    loaded = {s.id for s in infra.layer_status(derived.region) if s.loaded}
    return [i for i in dict.fromkeys(wanted) if i in loaded]


def plan_briefing_data(derived: PlanDerived, today: dt.date) -> BriefingData:
    """The plan's members and layers as the briefing's map inputs (no analyses: the plan has its own)."""
    status = {s.id: s for s in infra.layer_status(derived.region)}
    layers = {}
    for layer_id in map_layer_ids(derived):
        gdf = infra.load_layer(layer_id, derived.region)
        if len(gdf):
            layers[layer_id] = gdf
    return BriefingData(
        region=derived.region,
        filters={},
        sites=derived.members,
        layers=layers,
        sources=(dict(boundary_source()),),
        summary=summary.summarise(derived.members),
        created=today,
        layer_status=tuple(status[i] for i in layers),
    )


def _area_adder(derived: PlanDerived, lang: Lang) -> Any:
    """Adds the plan's area (its region) as a dashed outline."""
    area = gpd.GeoDataFrame(geometry=[derived.region.geometry], crs=CRS_STORE)
    data = to_geojson(area, {"_tip": [escape_text(t("plans_area_layer", lang))]}, simplify_deg=AREA_TOLERANCE_DEG)

    def add(m: folium.Map) -> object:
        return add_geojson_layer(
            m, "plan_area", t("plans_area_layer", lang), data=data, style=layer_style("plan_area"), canvas=True
        )

    return add


def map_bounds(derived: PlanDerived) -> tuple[float, float, float, float] | None:
    """What the plan's map fits: its members and their commuting radius around them (None: the region's view)."""
    if derived.members.empty:
        return None
    minx, miny, maxx, maxy = (float(v) for v in derived.members.total_bounds)
    dy = derived.labour.radius_km / KM_PER_DEGREE
    dx = dy / max(math.cos(math.radians((miny + maxy) / 2)), 0.1)
    return (minx - dx, miny - dy, maxx + dx, maxy + dy)


def _gap_adder(derived: PlanDerived, lang: Lang) -> Any:
    def add(m: folium.Map) -> object:
        return add_gap_layer(m, derived.members, derived.infrastructure.rows, lang, canvas=True)

    return add


def plan_overlays(derived: PlanDerived, lang: Lang) -> tuple[list[Any], list[tuple[str, str, str]]]:
    """The plan's own map layers (its area; each member's worst gap status) and their legend rows.

    Used by the exported page and by the 計画素案 page (``build_map(overlays=..., legend_extra=...)``).
    """
    overlays, legend = [_area_adder(derived, lang)], [("plan_area", t("plans_area_layer", lang), "polygon")]
    if len(derived.infrastructure.rows) and len(derived.members):
        overlays.append(_gap_adder(derived, lang))
        legend.append(("gaps", t("gaps_layer", lang), "point"))
    return overlays, legend


def plan_html(
    plan: Plan,
    derived: PlanDerived,
    checks: Sequence[CheckResult],
    lang: Lang = "ja",
    *,
    today: dt.date | None = None,
    document: PlanDocument | None = None,
) -> str:
    """The self-contained HTML of a plan (A4 landscape print, the map on the first page)."""
    day = today or dt.date.today()
    doc = document or plan_document(plan, derived, checks, lang, today=day)
    overlays, legend = plan_overlays(derived, lang)
    data = plan_briefing_data(derived, day)
    drawn = render_map(data, lang, overlays=overlays, legend_extra=legend, bounds=map_bounds(derived))
    context = {
        "t": functools.partial(t, lang=lang),
        "lang": lang,
        "doc": doc,
        "legend": Markup(drawn.legend),
        "credits": [*drawn.credits, t("export_sites_source", lang)],
        "layer_names": t("list_sep", lang).join(drawn.layer_names),
        "leaflet_css": Markup(drawn.leaflet_css),
        "leaflet_js": Markup(drawn.leaflet_js),
        "map_header": Markup(drawn.header),
        "map_body": Markup(drawn.body),
        "map_script": Markup(drawn.script),
        "map_name": drawn.map_name,
        "view_box": [round(float(v), 5) for v in drawn.bounds],
    }
    return _environment().get_template(TEMPLATE).render(context)
