"""The infrastructure layers preselected when a person has not chosen yet, one preset per view."""

from __future__ import annotations

#: Layers ticked on the live map (explorer page) at first.
MAP_DEFAULT_LAYERS: tuple[str, ...] = ("expressways", "expressway_ic", "railways", "airports")
#: Layers preselected for a briefing in the app (the CLI takes every layer with data by default).
BRIEFING_DEFAULT_LAYERS: tuple[str, ...] = ("expressways", "expressway_ic", "railways", "airports", "substations")
