"""The external programs the suite calls, checked once when the session starts (``tests/conftest.py``).

In CI (``CI`` set) a missing one stops the run at once, naming it and its Debian package (``.ci/run`` installs
them); on a developer machine the tests that need it skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

#: Debian GDAL's GeoPackage validator (python3-gdal), run with /usr/bin/python3; the first that exists.
VALIDATE_GPKG = (
    Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"),
    Path("/usr/share/doc/python3-gdal/examples/validate_gpkg.py"),
)
#: (what, how to find it, Debian package, which tests call it)
EXTERNAL_PROGRAMS: tuple[tuple[str, Callable[[], bool], str, str], ...] = (
    ("chromium", lambda: Path("/usr/bin/chromium").exists(), "chromium", "browser tests (Playwright)"),
    ("pdftotext", lambda: shutil.which("pdftotext") is not None, "poppler-utils", "printed briefing text"),
    ("pdftoppm", lambda: shutil.which("pdftoppm") is not None, "poppler-utils", "printed briefing pixels"),
    ("/usr/bin/python3", lambda: Path("/usr/bin/python3").is_file(), "python3", "GDAL's validate_gpkg.py"),
    ("validate_gpkg.py", lambda: any(p.is_file() for p in VALIDATE_GPKG), "python3-gdal", "GeoPackage export"),
    (
        "Noto CJK fonts",
        lambda: any(Path(d).is_dir() for d in ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto")),
        "fonts-noto-cjk",
        "Japanese text in screenshots and printed PDFs",
    ),
)


def missing_programs() -> list[str]:
    """The external programs the suite needs that this machine lacks, each with its Debian package."""
    return [
        f"{name} (apt-get install {package}; {used})" for name, found, package, used in EXTERNAL_PROGRAMS if not found()
    ]


def stop_if_missing_in_ci() -> None:
    """In CI (``CI`` set), end the session at once naming every missing program and its package."""
    missing = missing_programs()
    if missing and os.environ.get("CI"):
        pytest.exit("CI: external program(s) missing — .ci/run must install them: " + "; ".join(missing), returncode=2)
