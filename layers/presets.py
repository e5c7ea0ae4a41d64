"""The infrastructure layers preselected when a person has not chosen yet, one preset per view."""

from __future__ import annotations

#: Layers ticked on the live map (explorer page) at first.
MAP_DEFAULT_LAYERS: tuple[str, ...] = ("expressways", "expressway_ic", "railways", "airports")
#: Layers a briefing includes but leaves switched off in its layer control: the 2016 grid's straight,
#: estimated links (推定接続) are not routes and must be asked for.
BRIEFING_HIDDEN_LAYERS: tuple[str, ...] = ("power_lines",)
#: Layers preselected for a briefing in the app (the CLI takes every layer with data by default).
BRIEFING_DEFAULT_LAYERS: tuple[str, ...] = ("expressways", "expressway_ic", "railways", "airports", "substations")
