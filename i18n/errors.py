"""The words of every deliberate error: ``geo`` raises a code and parameters, this module words them.

``error_text(exc, lang)`` words a ``geo.errors.ChiikiMapError`` (or a ``chiiki_cli.errors.CliError``) in
``lang``; ``bilingual(exc)`` gives Japanese, then English — what the command line prints. The words of a
code ``c`` are the UI text ``err_c`` (in ``i18n/errors_*.py`` by theme). A parameter given per language
(``spec_ja`` / ``spec_en``) is used as ``{spec}`` in that language; a parameter that is itself an error or
an import ``Reason`` is worded in the same language; a sequence of reasons is joined as a row's reasons are.
An error built from text instead of a code (code ``legacy``, e.g. from a branch not yet moved to codes) is
shown as given; ``tests/test_words.py`` fails on any in ``geo`` or the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from i18n import Lang
from i18n.reasons import reason_text, rows_text

TEXT: dict[str, tuple[str, str]] = {
    "err_legacy": ("{text}", "{text}"),
}


def _coded(value: object) -> bool:
    return isinstance(getattr(value, "code", None), str) and isinstance(getattr(value, "params", None), Mapping)


def _named(value: object) -> bool:
    return isinstance(getattr(value, "ja", None), str) and isinstance(getattr(value, "en", None), str)


def _word(value: object, lang: Lang) -> object:
    """One parameter as it goes into the words of ``lang``."""
    if _named(value):  # a domain term or a text given in both languages
        return i18n.term_name(value, lang)  # type: ignore[arg-type]
    if isinstance(value, tuple) and value and all(_named(v) for v in value):  # named ids: kyushu（九州）
        return i18n.t("list_sep", lang).join(
            i18n.t("reason_id_named", lang, id=v.id, name=i18n.term_name(v, lang)) for v in value
        )
    if _coded(value):
        return error_text(value, lang)  # type: ignore[arg-type]
    if hasattr(value, "code") and isinstance(getattr(value, "params", None), tuple):  # an import Reason
        return reason_text(value, lang)  # type: ignore[arg-type]
    if isinstance(value, (list, tuple)) and value and all(hasattr(v, "code") for v in value):
        return i18n.t("reason_join", lang).join(str(_word(v, lang)) for v in value)
    if isinstance(value, PurePath):
        return str(value)
    return value


def words(code: str, params: Mapping[str, object], lang: Lang = "ja") -> str:
    """The words of ``code`` with ``params`` in ``lang``."""
    suffix = f"_{lang}"
    args = {k: _word(v, lang) for k, v in params.items()}
    args.update({k.removesuffix(suffix): v for k, v in args.items() if k.endswith(suffix)})
    if "rejected_rows" in params:  # rows refused, with their reasons: "3 行目: …"
        rows, why = params["rejected_rows"], params["rejected_reasons"]
        args["rows"] = rows_text(rows, why, lang)  # type: ignore[arg-type]
    for key, value in args.items():  # any other list: its items joined
        if isinstance(value, (list, tuple)):
            args[key] = i18n.t("list_sep", lang).join(map(str, value))
    return i18n.t(f"err_{code}", lang, **args)


def error_text(exc: BaseException, lang: Lang = "ja") -> str:
    """What went wrong and what to do, in ``lang``; an exception without a code as its own text."""
    code, params = getattr(exc, "code", None), getattr(exc, "params", None)
    if not isinstance(code, str) or not isinstance(params, Mapping):
        return str(exc)
    return words(code, params, lang)


def bilingual(exc: BaseException) -> str:
    """Japanese, then English ("日本語 / English"): the command line's convention."""
    ja, en = error_text(exc, "ja"), error_text(exc, "en")
    return ja if ja == en else f"{ja} / {en}"
