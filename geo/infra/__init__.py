"""Infrastructure layers: registry, sources and coverage, loading, and OpenStreetMap fetch/import.

What the layers are (``registry``), where their data come from and cover (``sources``), reading them
(``load``), and fetching or importing OpenStreetMap data (``osm``).
"""

from geo.infra.load import data_fingerprint, load_layer
from geo.infra.registry import BOXES, LAYERS, NO_DATA_MESSAGE, LayerSpec, check_layer_ids
from geo.infra.sources import (
    COMPLETENESS,
    LayerCoverage,
    completeness_words,
    coverage_geometry,
    credits_for,
    layer_coverage,
    layer_status,
)

__all__ = [
    "BOXES",
    "COMPLETENESS",
    "LAYERS",
    "NO_DATA_MESSAGE",
    "LayerCoverage",
    "LayerSpec",
    "check_layer_ids",
    "completeness_words",
    "coverage_geometry",
    "credits_for",
    "data_fingerprint",
    "layer_coverage",
    "layer_status",
    "load_layer",
]
