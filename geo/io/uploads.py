"""An uploaded file as a path the readers can open: the one way every upload page hands bytes to ``geo``.

The readers take paths (pyogrio, openpyxl, the CSV sniffer). :func:`upload_path` writes the bytes into a
private temporary folder under the upload's own base name (its suffix tells the format), refuses an
empty file or one over ``max_import_bytes()`` before any reader sees it (``geo.io.tables.check_size``),
and removes the folder afterwards.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.io.tables import check_size

#: Longest stem kept of an uploaded file's name (file systems cap a name at 255 bytes).
MAX_STEM_CHARS = 80


def upload_name(filename: str) -> str:
    """The base name an upload is saved under: no folders, no NUL, the stem clipped, the suffix kept."""
    name = Path(str(filename).replace("\x00", "")).name or "upload"
    path = Path(name)
    return f"{path.stem[:MAX_STEM_CHARS] or 'upload'}{path.suffix[:16]}"


@contextlib.contextmanager
def upload_path(filename: str, data: bytes) -> Iterator[Path]:
    """``data`` as a file named like ``filename`` in a temporary folder, for the duration of the ``with``.

    Raises ``geo.errors.InputFileError`` when the file is empty (only white space counts as empty) or
    larger than ``max_import_bytes()``; the messages name ``filename``.
    """
    with tempfile.TemporaryDirectory(prefix="chiiki-upload-") as tmp:
        path = Path(tmp) / upload_name(filename)
        path.write_bytes(data if data.strip() else b"")
        check_size(path, filename)
        yield path
