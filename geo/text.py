"""Rules for text that comes from people and files, each in one place.

``name_key`` is the one normalisation used to compare names, headers, coded values and region
names (and so the one duplicate rule's "same name"); ``has_control`` finds the control characters a person's
text may not hold (``geo.chars``; the command line shows them escaped, never raw);
``to_text``/``to_number`` parse table cells; ``TRUE_WORDS``/``FALSE_WORDS`` are the accepted spellings
of yes/no.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd

from geo.chars import CONTROL_CHARACTERS, FORMAT_CHARACTERS

#: Accepted spellings of "true" (compared by ``name_key``).
TRUE_WORDS: frozenset[str] = frozenset({"true", "1", "yes", "y", "t", "はい", "○", "〇"})
#: Accepted spellings of "false"; an empty cell is false too.
FALSE_WORDS: frozenset[str] = frozenset({"false", "0", "no", "n", "f", "いいえ", "×", ""})

_SPACE = re.compile(r"\s+")


def name_key(text: object) -> str:
    """Comparison key: NFKC (full-width → half-width), format characters removed, case-folded, no white space.

    ``name_key("ＪＡＳＭ 熊本") == name_key("jasm熊本") == name_key("JASM\u200b熊本")``: a zero-width space,
    word joiner or other invisible format character (``FORMAT_CHARACTERS``) never makes two names differ.
    """
    text = FORMAT_CHARACTERS.sub("", unicodedata.normalize("NFKC", str(text)))
    return _SPACE.sub("", text).casefold()


def has_control(s: pd.Series) -> np.ndarray:
    """Per cell its first control character as ``("U+001B", 3)`` (code point, 1-based position), else None.

    ``CONTROL_CHARACTERS`` are looked for in every cell at once; only the cells holding one are searched.
    Tab and line breaks are allowed; a NUL is cut by every C library the text passes through, and BEL or
    ESC ring or drive the terminal of whoever prints the text.
    """
    cells = s.astype("string").fillna("")
    out = np.full(len(s), None, dtype=object)
    hit = cells.str.contains(CONTROL_CHARACTERS.pattern, regex=True).to_numpy(dtype=bool)
    for i in np.flatnonzero(hit):
        found = CONTROL_CHARACTERS.search(str(cells.iloc[i]))
        if found is not None:
            out[i] = (f"U+{ord(found.group()):04X}", found.start() + 1)
    return out


def clip(text: object, limit: int = 80) -> str:
    """``text`` as one line of at most ``limit`` characters (``…`` and the full length when cut).

    For echoing what a person typed or a file held in a message without repeating a megabyte of it.
    """
    one = " ".join(str(text).split()) if any(c in str(text) for c in "\r\n\t") else str(text)
    if len(one) <= limit:
        return one
    return f"{one[: max(limit - 1, 1)]}…({len(one):,})"


def blank(s: pd.Series) -> pd.Series:
    """True where a cell is missing or only white space."""
    return s.isna() | s.astype("string").str.strip().fillna("").eq("")


def to_text(s: pd.Series) -> pd.Series:
    """Cells as stripped strings, missing → ''. Content (including HTML) is kept verbatim."""
    return s.astype("string").fillna("").str.strip().astype(object)


def per_distinct(s: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``fn`` (element-wise) applied to the distinct values of ``s`` only, spread back to every cell.

    Same result as ``fn(s)`` for any element-wise ``fn``; a column of a few distinct values (fields,
    statuses, yes/no) costs a few calls instead of one per row.
    """
    codes, uniques = pd.factorize(s, use_na_sentinel=False)
    if len(uniques) == len(s):
        return fn(s)
    mapped = fn(pd.Series(uniques, dtype=s.dtype))
    return pd.Series(mapped.to_numpy()[codes], index=s.index, name=s.name, dtype=mapped.dtype)


def to_number(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse numbers (full-width digits and thousands separators allowed).

    Returns
    -------
    (values, bad)
        Float values (NaN where blank or unreadable) and a mask of cells that are not numbers.
    """
    return _parse_numbers(s.astype("string").fillna(""))


def _parse_numbers(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    codes, uniques = pd.factorize(cells)
    text = pd.Series(uniques, dtype="string")
    # printable ASCII without comma or space (most cells) is left as is by NFKC and the clean-up
    messy = ~text.str.fullmatch(r"[!-+\--~]*").astype(bool)
    if messy.any():
        cleaned = text[messy].map(lambda v: unicodedata.normalize("NFKC", v))
        text[messy] = cleaned.str.replace(r"[,\s]", "", regex=True)
    values = pd.to_numeric(text.where(text != ""), errors="coerce").astype(float)
    bad = (text.ne("") & values.isna() & ~text.str.lower().isin(["nan"])).fillna(False).astype(bool)
    return (
        pd.Series(values.to_numpy()[codes], index=cells.index, dtype=float),
        pd.Series(bad.to_numpy()[codes], index=cells.index, dtype=bool),
    )
