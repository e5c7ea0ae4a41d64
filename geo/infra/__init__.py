"""Infrastructure layers: registry, sources and coverage, loading, and OpenStreetMap fetch/import.

What the layers are (``registry``), where their data come from and cover (``sources``), reading them
(``load``), and fetching or importing OpenStreetMap data (``osm``).
"""

from geo.infra.load import data_fingerprint, load_layer
from geo.infra.registry import BOXES, LAYERS, NO_DATA_MESSAGE, LayerSpec, check_layer_ids
from geo.infra.sources import coverage_geometry, credits_for, layer_status

__all__ = [
    "BOXES",
    "LAYERS",
    "NO_DATA_MESSAGE",
    "LayerSpec",
    "check_layer_ids",
    "coverage_geometry",
    "credits_for",
    "data_fingerprint",
    "layer_status",
    "load_layer",
]
