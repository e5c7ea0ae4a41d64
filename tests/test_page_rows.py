"""Big tables a page at a time (``ui.tables``): a page carries only its own rows' categories."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from ui.tables import own_categories


def test_a_page_of_a_categorical_column_keeps_only_its_own_categories() -> None:
    names = [f"site {i}" for i in range(10_000)]
    frame = pd.DataFrame({"site": pd.Series(names, dtype="category"), "n": range(10_000), "kind": "ic"})
    frame["kind"] = frame["kind"].astype("category")
    page = own_categories(frame.iloc[200:400])
    assert list(page["site"].cat.categories) == names[200:400]
    assert list(page["site"]) == names[200:400] and page["n"].tolist() == list(range(200, 400))
    assert list(page["kind"].cat.categories) == ["ic"] and page.index.tolist() == list(range(200, 400))
    # what Streamlit sends (Arrow): the whole dictionary of 10,000 names before, 200 after
    before, after = (pa.Table.from_pandas(f).nbytes for f in (frame.iloc[200:400], page))
    assert after * 10 < before
    assert list(frame["site"].cat.categories) == sorted(names), "the table the page was cut from is unchanged"


def test_a_page_without_categories_is_the_same_frame() -> None:
    frame = pd.DataFrame({"a": [1, 2]})
    assert own_categories(frame) is frame
