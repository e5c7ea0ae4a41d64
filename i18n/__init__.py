"""Every UI string in one place: Japanese first, English on the toggle.

Each module of this package holds the words of one part of the interface in a ``TEXT`` dict
(key -> (日本語, English)); they are merged here, and a key defined twice is an error. Domain names
(fields, blocks, prefectures, layers) live with their identifiers in ``geo``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from typing import Any, Literal, Protocol, TypeVar

#: A language of the interface: Japanese first, English on the toggle.
Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
T = TypeVar("T")


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, value in getattr(module, "TEXT", {}).items():
            if key in merged:
                raise RuntimeError(f"UI text {key!r} is defined twice (again in i18n/{info.name}.py)")
            merged[key] = value
    return merged


TEXT: dict[str, tuple[str, str]] = _merge()


def t(key: str, lang: Lang = "ja", **kwargs: object) -> str:
    """UI text for ``key`` in ``lang`` ("ja" or "en"), formatted with ``kwargs``."""
    try:
        ja, en = TEXT[key]
    except KeyError:
        raise KeyError(f"no UI text {key!r}: add it to a module of the i18n package") from None
    text = en if lang == "en" else ja
    return text.format(**kwargs) if kwargs else text


def both(key: str, **kwargs: object) -> str:
    """UI text for ``key`` in Japanese, then English ("日本語 / English"): the command line's convention."""
    return f"{t(key, 'ja', **kwargs)} / {t(key, 'en', **kwargs)}"


class Named(Protocol):
    """Anything named in both languages: a domain term (``geo.domain.Term``), a source's credit line."""

    @property
    def ja(self) -> str: ...

    @property
    def en(self) -> str: ...


def pick(ja: T, en: T, lang: Lang = "ja") -> T:
    """Of data given in both languages (``ja``, ``en``), the one ``lang`` asks for."""
    return en if lang == "en" else ja


def term_name(term: Named, lang: Lang = "ja") -> str:
    """The name (or text) of ``term`` in ``lang``."""
    return pick(term.ja, term.en, lang)


def named(thing: Any, lang: Lang = "ja", stem: str = "name") -> Any:
    """``thing``'s ``{stem}_ja`` or ``{stem}_en``: a key of a mapping or a column of a frame, else an attribute
    (a ``Region``, a ``LayerSpec``, a row of ``itertuples``)."""
    key = pick(f"{stem}_ja", f"{stem}_en", lang)
    return thing[key] if isinstance(thing, Mapping) or hasattr(thing, "columns") else getattr(thing, key)
