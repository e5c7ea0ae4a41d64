"""Every UI string in one place: Japanese first, English on the toggle.

Each module of this package holds the words of one part of the interface in a ``TEXT`` dict
(key -> (日本語, English)); they are merged here, and a key defined twice is an error. Domain names
(fields, blocks, prefectures, layers) live with their identifiers in ``geo``.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGS = ("ja", "en")


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


def t(key: str, lang: str = "ja", **kwargs: object) -> str:
    """UI text for ``key`` in ``lang`` ("ja" or "en"), formatted with ``kwargs``."""
    try:
        ja, en = TEXT[key]
    except KeyError:
        raise KeyError(f"no UI text {key!r}: add it to a module of the i18n package") from None
    text = en if lang == "en" else ja
    return text.format(**kwargs) if kwargs else text
