"""The words of every deliberate error: ``geo`` raises a code and parameters, this module words them.

``error_text(exc, lang)`` words a ``geo.errors.ChiikiMapError`` (or a ``chiiki_cli.errors.CliError``) in
``lang``; ``bilingual(exc)`` gives Japanese, then English — what the command line prints. The words of a
code ``c`` are the UI text ``err_c`` (in ``i18n/errors_*.py`` by theme). A parameter given per language
(``spec_ja`` / ``spec_en``) is used as ``{spec}`` in that language; a parameter that is itself an error or
an import ``Reason`` is worded in the same language; a sequence of reasons is joined as a row's reasons are.
An error built from text instead of a code (code ``legacy``, e.g. from a branch not yet moved to codes) is
shown as given; ``tests/test_words.py`` fails on any in ``geo`` or the command line.

The app and the command line speak to different people. Where the command line's words name a command, a
flag or a file (``chiiki-map users unlock NAME``, ``data/requirements.toml``), the app words the same code for
a planner from ``app_err_c`` (in ``i18n/errors_app.py``): what it means for them and whom to ask.
``error_text`` is the app's wording, ``bilingual`` the command line's (``tests/test_page_words.py``).
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


def _word(value: object, lang: Lang, app: bool = False) -> object:
    """One parameter as it goes into the words of ``lang``."""
    if _named(value):  # a domain term or a text given in both languages
        return i18n.term_name(value, lang)  # type: ignore[arg-type]
    if isinstance(value, tuple) and value and all(_named(v) for v in value):  # named ids: kyushu（九州）
        return i18n.t("list_sep", lang).join(
            i18n.t("reason_id_named", lang, id=v.id, name=i18n.term_name(v, lang)) for v in value
        )
    if _coded(value):
        return _text(value, lang, app)  # type: ignore[arg-type]
    if hasattr(value, "code") and isinstance(getattr(value, "params", None), tuple):  # an import Reason
        return reason_text(value, lang)  # type: ignore[arg-type]
    if isinstance(value, (list, tuple)) and value and all(hasattr(v, "code") for v in value):
        return i18n.t("reason_join", lang).join(str(_word(v, lang, app)) for v in value)
    if isinstance(value, PurePath):
        return str(value)
    return value


def words(code: str, params: Mapping[str, object], lang: Lang = "ja", *, app: bool = False) -> str:
    """The words of ``code`` with ``params`` in ``lang``; ``app``: a planner's wording where there is one."""
    suffix = f"_{lang}"
    args = {k: _word(v, lang, app) for k, v in params.items()}
    args.update({k.removesuffix(suffix): v for k, v in args.items() if k.endswith(suffix)})
    if "rejected_rows" in params:  # rows refused, with their reasons: "3 行目: …"
        rows, why = params["rejected_rows"], params["rejected_reasons"]
        args["rows"] = rows_text(rows, why, lang)  # type: ignore[arg-type]
    for key, value in args.items():  # any other list: its items joined
        if isinstance(value, (list, tuple)):
            args[key] = i18n.t("list_sep", lang).join(map(str, value))
    key = f"app_err_{code}" if app and f"app_err_{code}" in i18n.TEXT else f"err_{code}"
    return i18n.t(key, lang, **args)


def _text(exc: BaseException, lang: Lang, app: bool) -> str:
    code, params = getattr(exc, "code", None), getattr(exc, "params", None)
    if not isinstance(code, str) or not isinstance(params, Mapping):
        return str(exc)
    return words(code, params, lang, app=app)


def error_text(exc: BaseException, lang: Lang = "ja") -> str:
    """What went wrong and what to do, in ``lang``, as the app says it (no command, flag or file path);
    an exception without a code as its own text."""
    return _text(exc, lang, app=True)


def command_line_text(exc: BaseException, lang: Lang = "ja") -> str:
    """The command line's words of ``exc`` in ``lang`` (commands and files named): for logs and IT staff."""
    return _text(exc, lang, app=False)


def bilingual(exc: BaseException) -> str:
    """Japanese, then English ("日本語 / English"): the command line's convention."""
    ja, en = command_line_text(exc, "ja"), command_line_text(exc, "en")
    return ja if ja == en else f"{ja} / {en}"
