"""Infrastructure layers: registry, sources and coverage, loading, and OSM fetch/import (``geo.infra.osm``).

Public API: ``LAYERS``, ``load_layer``, ``layer_status``, ``credits_for``, ``coverage_geometry``,
``data_fingerprint``, ``check_layer_ids``.
"""

from geo.infra.registry import (
    BOXES,
    LAYERS,
    NO_DATA_MESSAGE,
    LayerSpec,
    as_region,
    check_layer_ids,
    coverage_geometry,
    credits_for,
    data_fingerprint,
    layer_status,
    load_layer,
)

__all__ = [
    "BOXES",
    "LAYERS",
    "NO_DATA_MESSAGE",
    "LayerSpec",
    "as_region",
    "check_layer_ids",
    "coverage_geometry",
    "credits_for",
    "data_fingerprint",
    "layer_status",
    "load_layer",
]
