"""Small charts shared by the pages (altair, bundled with Streamlit): bars with a reference line, year lines."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from layers.style import CHART_COLOURS

#: Height of one bar row in pixels (every label readable: none is dropped for overlapping).
_ROW_PX = 24


def bar_with_reference(
    labels: Sequence[str], values: Sequence[float | None], reference: float | None, title: str
) -> alt.Chart:
    """Horizontal bars in the given order; unknown values draw no bar; ``reference`` a red vertical line."""
    df = pd.DataFrame({"label": list(labels), "value": [None if v is None else float(v) for v in values]})
    y = alt.Y("label:N", sort=list(labels), title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False))
    bars = (
        alt.Chart(df)
        .mark_bar(color=CHART_COLOURS["region"])
        .encode(
            x=alt.X("value:Q", title=title),
            y=y,
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("value:Q", title=title, format=",.2f")],
        )
    )
    if reference is None:
        return bars.properties(height=_ROW_PX * len(df) + 30)
    rule = (
        alt.Chart(pd.DataFrame({"value": [reference]}))
        .mark_rule(color=CHART_COLOURS["reference"], strokeWidth=2)
        .encode(x="value:Q")
    )
    return (bars + rule).properties(height=_ROW_PX * len(df) + 30)


def year_lines(table: pd.DataFrame, title: str) -> alt.Chart:
    """Dashed lines with points of ``table`` (index = year, one column per series): projections, not counts."""
    long = table.rename_axis("year").reset_index().melt("year", var_name="series", value_name="value").dropna()
    colours = [CHART_COLOURS["region"], CHART_COLOURS["site"], CHART_COLOURS["manufacturing"]][: len(table.columns)]
    base = alt.Chart(long).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=title, scale=alt.Scale(zero=False)),
        color=alt.Color(
            "series:N",
            scale=alt.Scale(domain=list(table.columns), range=colours),
            legend=alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=600),
        ),
        tooltip=["series:N", "year:O", alt.Tooltip("value:Q", format=",.1f")],
    )
    return (base.mark_line(strokeDash=[5, 3]) + base.mark_point(filled=True)).properties(height=280)
