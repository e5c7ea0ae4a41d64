"""Tests of errors by their words: ``geo`` raises codes, ``i18n.errors`` words them (Japanese, then English)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from i18n.errors import bilingual


@contextmanager
def raises_words(kind: type[BaseException], match: str) -> Iterator[pytest.ExceptionInfo[BaseException]]:
    """Like ``pytest.raises(kind, match=…)``, matched against the error's words in Japanese and English."""
    with pytest.raises(kind) as info:
        yield info
    words = bilingual(info.value)
    assert re.search(match, words), f"{match!r} not in {words!r}"
