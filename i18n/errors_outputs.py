"""The words for an output path that is refused (``geo.io.outputs``): the store, an input, a foreign file."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "err_output_is_store": (
        "{path} はサイトストア（{store}：すべてのアカウントと監査記録を含む）そのものです。書き込みません。"
        "別のファイル名を指定してください",
        "{path} is the site store ({store}), with every account and the audit trail: it is not written; "
        "choose another file name",
    ),
    "err_output_is_input": (
        "{path} は読み込むファイルそのものです。書き込みません。別のファイル名を指定してください",
        "{path} is the input file itself: it is not written; choose another file name",
    ),
    "err_output_is_folder": (
        "{path} はフォルダです。ファイル名を指定してください",
        "{path} is a folder: give a file name",
    ),
    "err_output_exists": (
        "{path} は既にあり、chiiki-map が書いたファイルではない（または書いた後に変更された）ため上書きしません。"
        "別のファイル名を指定するか、上書きしてよければ --force を付けてください",
        "{path} exists and was not written by chiiki-map (or was changed since): it is not overwritten; "
        "choose another file name, or add --force to overwrite it",
    ),
    "err_output_unwritable": (
        "{path} に書き込めません（{reason}）。書き込めるフォルダのファイル名を指定してください。何も変更していません",
        "cannot write {path} ({reason}): give a file name in a folder you can write to; nothing was changed",
    ),
}
