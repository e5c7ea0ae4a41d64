"""Infrastructure layers: registry, sources and coverage, loading, and OpenStreetMap fetch/import.

What the layers are (``registry``), where their data come from and cover (``sources``), reading them
(``load``), and fetching or importing OpenStreetMap data (``osm``).
"""

from geo.infra.completeness import COMPLETENESS, CompletenessMeasure, Measurement, Note
from geo.infra.load import data_fingerprint, load_layer
from geo.infra.registry import BOXES, LAYERS, LayerSpec, check_layer_ids
from geo.infra.sources import (
    LayerCoverage,
    LayerStatus,
    coverage_geometry,
    credits_for,
    layer_coverage,
    layer_status,
    measurement,
    region_layer_status,
)

__all__ = [
    "BOXES",
    "COMPLETENESS",
    "LAYERS",
    "CompletenessMeasure",
    "LayerCoverage",
    "LayerSpec",
    "LayerStatus",
    "Measurement",
    "Note",
    "check_layer_ids",
    "coverage_geometry",
    "credits_for",
    "data_fingerprint",
    "layer_coverage",
    "layer_status",
    "load_layer",
    "measurement",
    "region_layer_status",
]
