"""立地候補探索: where could a project with these needs go, and whose workers would it draw on.

``needs`` (the requirement profile, pre-filled from ``data/requirements.toml``), ``candidates`` (parcels
where loaded, else municipalities), ``checks`` (ok / gap / unknown per criterion, the gap rule of
``geo.analysis.gaps``), ``labour`` (catchment and competing pipeline sites, the rule of
``geo.labour.catchment``), ``rank`` (the ranking rule) and ``search`` (all of it, and the JSON).
"""

from geo.siting.needs import DISTANCE_OPTIONS, Needs, needs_for
from geo.siting.rank import RANK_RULE
from geo.siting.search import SiteSearch, search_json, site_search

__all__ = ["DISTANCE_OPTIONS", "RANK_RULE", "Needs", "SiteSearch", "needs_for", "search_json", "site_search"]
