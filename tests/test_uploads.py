"""Every upload reaches the readers through geo.io.uploads.upload_path: size and empty checks, a private folder."""

from __future__ import annotations

import pytest

from geo.errors import InputFileError
from geo.io.uploads import upload_name, upload_path


def test_upload_is_a_named_file_removed_afterwards() -> None:
    with upload_path("../../etc/工業用地.csv", b"a,b\n1,2\n") as path:
        assert path.name == "工業用地.csv" and path.read_bytes() == b"a,b\n1,2\n"
        folder = path.parent
    assert not folder.exists()


@pytest.mark.parametrize("data", [b"", b" \r\n\t "])
def test_empty_upload_is_refused(data: bytes) -> None:
    with pytest.raises(InputFileError) as err, upload_path("x.csv", data):
        pass
    assert err.value.code == "file_empty" and err.value.params["file"] == "x.csv"


def test_oversized_upload_is_refused_before_reading(monkeypatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_MAX_IMPORT_MB", "0.001")  # 1,048 bytes
    with pytest.raises(InputFileError) as err, upload_path("big.csv", b"x" * 2000):
        pytest.fail("a reader saw the file")
    assert err.value.code == "file_too_large" and err.value.params["file"] == "big.csv"


def test_upload_name_keeps_suffix_and_drops_folders_and_nul() -> None:
    assert upload_name("C:\\x/../a\x00b.xlsx") == "ab.xlsx"
    assert upload_name("") == "upload"
    long = upload_name("n" * 300 + ".gpkg")
    assert long.endswith(".gpkg") and len(long) == 80 + 5
