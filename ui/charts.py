"""THE chart and table style of the pages: every page draws its bars, lines and tables through this module.

Charts (altair, bundled with Streamlit) are horizontal bars, so long Japanese labels are read whole (no label is
cut or rotated); bars keep the order they are given in, and statuses always go in the pipeline order 構想 → 計画 →
着工 → 稼働 (:func:`by_status`); axes and tooltips have thousands separators; a chart with nothing to draw says
「データなし」 instead of an empty axis. Tables fit or scroll sideways with their first column fixed, every number
has thousands separators, and a missing figure shows 「不明」, never an empty cell or 0.

The exported briefing draws the same bars as SVG (``layers.profile_section``) from the same constants in
``layers.style`` (row height, colours) and the same pipeline order (``geo.domain.pipeline_order``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from geo.domain import STATUSES, pipeline_order
from i18n import Lang, t, term_name
from i18n import format as fmt
from layers.style import CHART_COLOURS, CHART_ROW_PX, CHART_SERIES_COLOURS, label_px, text_px
from ui.markdown import text_dataframe

if TYPE_CHECKING:  # altair (its schema alone takes ~0.5 s to load) is imported when a chart is drawn
    import altair as alt
    from pandas.io.formats.style import Styler  # a page that colours cells imports it (jinja2 templates, 0.04 s)

#: Text a table cell may hold and still be a number (right-aligned): digits with separators, or a missing word.
_NUMBER_TEXT = re.compile(r"^[-−+]?[\d,]+(\.\d+)?( ?[%a-zA-Z²³/]+)?$")
#: Padding of a table cell and the widest a column is made (longer text wraps in the cell's tooltip); the first
#: column, pinned while the others scroll, may take more: it names the row (a sample site's name with its English
#: is up to ~590 px; 24 of the 43 were cut at 420).
_PAD_PX, _MAX_COLUMN_PX, _MAX_FIRST_PX = 28, 420, 600


def no_data(lang: Lang, where: object = st) -> None:
    """「データなし」 in place of a chart that has nothing to draw."""
    where.caption(t("chart_no_data", lang))  # type: ignore[attr-defined]


def bars(
    frame: pd.DataFrame | pd.Series,
    lang: Lang,
    *,
    title: str = "",
    colours: Sequence[str] | None = None,
    stack: bool = True,
    digits: int = 0,
    where: object = st,
    top: float | None = None,
) -> alt.Chart | None:
    """Horizontal bars of ``frame`` (index: the labels, in the order drawn; columns: the series).

    Unknown values (NaN) draw no bar; when no value is known and above 0 the chart is replaced by 「データなし」.
    ``title`` names the value axis (with its unit); ``colours`` one per series; ``stack`` stacks the series
    (else they stand side by side); ``digits`` decimals on the axis and in the tooltips; ``top`` ends the value
    axis there (charts side by side on one scale). Returns the chart drawn
    (None when there was nothing to draw).
    """
    import altair as alt

    table = frame.to_frame(title or " ") if isinstance(frame, pd.Series) else frame
    labels = [str(label) for label in table.index]
    series = [str(c) for c in table.columns]
    long = pd.DataFrame(
        {
            "label": [label for label in labels for _ in series],
            "series": series * len(labels),
            "value": pd.to_numeric(pd.Series(table.to_numpy().ravel()), errors="coerce").to_numpy(),
            "order": [i for i in range(len(labels)) for _ in series],
            "series_order": list(range(len(series))) * len(labels),
        }
    )
    long = long[long["value"].notna()]
    if long.empty or not (long["value"] > 0).any():
        no_data(lang, where)
        return None
    number = f",.{digits}f"
    y = alt.Y(
        "label:N",
        sort=labels,
        scale=alt.Scale(domain=labels),  # every label keeps its row (a status with nothing known stays in the pipeline)
        title=None,
        axis=alt.Axis(labelLimit=label_px(labels), labelOverlap=False, labelAngle=0),
    )
    palette = list(colours or CHART_SERIES_COLOURS)[: len(series)]
    encodings: dict[str, object] = {
        "x": alt.X(
            "value:Q",
            title=title or None,
            stack="zero" if stack else None,
            scale=alt.Scale(domain=[0, top], nice=False) if top else alt.Undefined,
            axis=alt.Axis(format=number, tickCount=5, tickMinStep=10**-digits),
        ),
        "y": y,
        "color": alt.Color(
            "series:N",
            sort=series,
            scale=alt.Scale(domain=series, range=palette),
            legend=alt.Legend(orient="bottom", title=None, labelLimit=600) if len(series) > 1 else None,
        ),
        "order": alt.Order("series_order:Q"),
        "tooltip": [
            alt.Tooltip("label:N", title=" "),
            alt.Tooltip("series:N", title=" "),
            alt.Tooltip("value:Q", title=title or " ", format=number),
        ],
    }
    if not stack and len(series) > 1:
        encodings["yOffset"] = alt.YOffset("series:N", sort=series)
    # one step per bar row: the chart is as high as its rows (a fixed height squeezes the rows together)
    chart = alt.Chart(long).mark_bar().encode(**encodings).properties(height=alt.Step(CHART_ROW_PX))
    where.altair_chart(chart, width="stretch")  # type: ignore[attr-defined]
    return chart


def by_status(values: Mapping[str, Mapping[str, object]] | pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Rows per site status, in the pipeline order (構想 → 計画 → 着工 → 稼働), labelled in ``lang``.

    ``values`` is ``{status: {series: value}}`` or a frame indexed by status id; statuses absent stay out,
    unknown status ids go last. The result is ready for :func:`bars` or :func:`table`.
    """
    frame = values if isinstance(values, pd.DataFrame) else pd.DataFrame.from_dict(dict(values), orient="index")
    order = pipeline_order(frame.index)
    out = frame.loc[order]
    out.index = [term_name(STATUSES[s], lang) if s in STATUSES else str(s) for s in order]
    return out


def _is_number_text(values: pd.Series, lang: Lang) -> bool:
    words = {fmt.missing(lang, why) for why in ("unknown", "undisclosed", "none")} | {""}
    texts = [str(v) for v in values if not (isinstance(v, float) and math.isnan(v))]
    return (
        bool(texts) and all(s in words or _NUMBER_TEXT.match(s) for s in texts) and any(s not in words for s in texts)
    )


def _width(column: str, values: pd.Series, most: int = _MAX_COLUMN_PX) -> int:
    longest = max((text_px(str(v)) for v in values.head(200)), default=0)
    return min(max(text_px(str(column)), longest) + _PAD_PX, most)


def column_config(frame: pd.DataFrame, lang: Lang) -> dict[str, object]:
    """The table style of ``frame``'s columns: first column pinned, numbers right-aligned with separators,
    each column as wide as its header and values (so no header is cut: the table scrolls instead)."""
    config: dict[str, object] = {}
    for i, column in enumerate(frame.columns):
        values = frame[column]
        width = _width(str(column), values, _MAX_FIRST_PX if i == 0 else _MAX_COLUMN_PX)
        if pd.api.types.is_bool_dtype(values):
            config[column] = st.column_config.CheckboxColumn(width=width, pinned=i == 0)
        elif pd.api.types.is_numeric_dtype(values):
            config[column] = st.column_config.NumberColumn(
                width=width + 16, pinned=i == 0, format="localized", alignment="right"
            )
        else:
            right = _is_number_text(values, lang)
            config[column] = st.column_config.TextColumn(
                width=width, pinned=i == 0, alignment="right" if right else "left"
            )
    return config


def table(
    frame: pd.DataFrame | Styler,
    lang: Lang,
    *,
    key: str | None = None,
    digits: Mapping[str, int] | None = None,
    height: int | None = None,
    where: object = st,
) -> None:
    """A table in the one style: see :func:`column_config`; a missing number shows 「不明」.

    ``frame`` may be a pandas ``Styler`` (cell colours); ``digits`` decimals per float column (default 1), shown
    with the browser's thousands separators.
    """
    if isinstance(frame, pd.DataFrame):
        styler, data = None, frame.copy()
    else:  # pandas' Styler, imported by its caller
        styler, data = frame, pd.DataFrame(frame.data).copy()  # type: ignore[attr-defined]
    for column in data.columns:  # numbers rounded to their decimals; the browser adds the separators
        if pd.api.types.is_float_dtype(data[column]):
            data[column] = data[column].round((digits or {}).get(str(column), 1))
    if styler is not None:
        styler.data = data  # type: ignore[attr-defined]
    kwargs: dict[str, object] = {"hide_index": True, "width": "stretch", "key": key}
    if height is not None:
        kwargs["height"] = height
    shown = data if styler is None else styler
    config = column_config(data, lang)
    if where is st:  # plain text, never Markdown, a link or an image (ui.markdown.text_dataframe)
        text_dataframe(shown, column_config=config, placeholder=fmt.missing(lang), **kwargs)
    else:
        with where:  # type: ignore[attr-defined]
            text_dataframe(shown, column_config=config, placeholder=fmt.missing(lang), **kwargs)


def bar_with_reference(
    labels: Sequence[str],
    values: Sequence[float | None],
    reference: float | None,
    title: str,
    digits: int = 0,
    *,
    top: float | None = None,
) -> alt.Chart:
    """Horizontal bars in the given order; unknown values draw no bar; ``reference`` a red vertical line.

    ``digits``: decimals on the value axis and in the tooltips, with thousands separators (a format without them
    lets Vega pick its own: 「1e+5」 for 100,000). ``top`` ends the value axis there (charts side by side on one
    scale).
    """
    number = f",.{digits}f"
    import altair as alt

    df = pd.DataFrame({"label": list(labels), "value": [None if v is None else float(v) for v in values]})
    y = alt.Y(
        "label:N",
        sort=list(labels),
        title=None,
        axis=alt.Axis(labelLimit=label_px(labels), labelOverlap=False, labelAngle=0),
    )
    bars = (
        alt.Chart(df)
        .mark_bar(color=CHART_COLOURS["region"])
        .encode(
            x=alt.X(
                "value:Q",
                title=title,
                axis=alt.Axis(format=number, tickMinStep=10**-digits),
                scale=alt.Scale(domain=[0, top], nice=False) if top else alt.Undefined,
            ),
            y=y,
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("value:Q", title=title, format=number)],
        )
    )
    if reference is None:
        return bars.properties(height=alt.Step(CHART_ROW_PX))  # one step per row, as in :func:`bars`
    rule = (
        alt.Chart(pd.DataFrame({"value": [reference]}))
        .mark_rule(color=CHART_COLOURS["reference"], strokeWidth=2)
        .encode(x="value:Q")
    )
    return (bars + rule).properties(height=alt.Step(CHART_ROW_PX))


def year_lines(table: pd.DataFrame, title: str, *, domain: tuple[float, float] | None = None) -> alt.Chart:
    """Dashed lines with points of ``table`` (index = year, one column per series): projections, not counts.

    ``domain`` fixes the value axis (charts side by side on one scale); by default it fits the values.
    """
    import altair as alt

    long = table.rename_axis("year").reset_index().melt("year", var_name="series", value_name="value").dropna()
    colours = [CHART_COLOURS["region"], CHART_COLOURS["site"], CHART_COLOURS["manufacturing"]][: len(table.columns)]
    base = alt.Chart(long).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "value:Q",
            title=title,
            scale=alt.Scale(domain=list(domain), nice=False) if domain else alt.Scale(zero=False),
        ),
        color=alt.Color(
            "series:N",
            scale=alt.Scale(domain=list(table.columns), range=colours),
            legend=alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=600),
        ),
        tooltip=["series:N", "year:O", alt.Tooltip("value:Q", format=",.1f")],
    )
    return (base.mark_line(strokeDash=[5, 3]) + base.mark_point(filled=True)).properties(height=280)
