"""pipeline.access: the state folder private, temporary files in var/tmp, modes from the umask."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile

import pytest

from pipeline.access import private_folder, share_outputs, use_private_temp
from pipeline.config import AccessSettings
from pipeline.store import BlobStore


def test_temporary_files_of_the_process_and_its_programs_go_to_var_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", "/tmp")
    monkeypatch.setattr(tempfile, "tempdir", None)
    var = private_folder(tmp_path / "var")
    temp = use_private_temp(var)
    assert temp == var / "tmp" and stat.S_IMODE(temp.stat().st_mode) == 0o700
    assert tempfile.gettempdir() == str(temp)
    child = subprocess.run([sys.executable, "-c", "import tempfile; print(tempfile.gettempdir())"],
                           capture_output=True, text=True, check=True)
    assert child.stdout.strip() == str(temp)


def test_new_output_files_and_folders_take_the_configured_modes(tmp_path):
    previous = os.umask(0o022)
    try:
        share_outputs(tmp_path / "output", AccessSettings(file_mode=0o640, folder_mode=0o750))
        (tmp_path / "output" / "reports").mkdir()
        (tmp_path / "output" / "reports" / "index.html").write_text("x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "output" / "reports").stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "output" / "reports" / "index.html").stat().st_mode) == 0o640


def test_a_file_swapped_for_a_link_is_not_copied_into_the_store(tmp_path):
    """GIVEN a scan-folder path that became a link to a file outside WHEN the store copies it in
    THEN it refuses (ELOOP), so the link's target never reaches the store."""
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    link = tmp_path / "scan.pdf"
    link.symlink_to(secret)
    with pytest.raises(OSError) as raised:
        BlobStore(tmp_path / "blobs").put_file(link)
    assert raised.value.errno == errno.ELOOP
    assert not any(p.is_file() for p in (tmp_path / "blobs").rglob("*"))
