"""Privacy and access: the state folder is the program's alone, the outputs are readable by the
staff's group, temporary files stay in var/, and a link in the scan folder is never followed."""

from __future__ import annotations

import grp
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw

from tests.integration.conftest import write_config

STAFF_GROUP = "staff"  # Debian's, present on every install


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_outputs_for_the_staff_group_state_private_no_temp_outside_and_links_refused(tmp_path):
    """GIVEN a deployment naming the staff group, a Word file and a scanned page in the scan folder,
    and links in it to /etc/passwd and to a folder outside WHEN `intake once` runs with TMPDIR
    pointing at an empty folder THEN var/ is 0700 and a killed run's temporary file in var/tmp is gone; every output folder is 0750 (setgid, the group's)
    and every output file 0640 and the group's; the empty folder stays empty; each link is an error
    entry and nothing of /etc/passwd reaches the outputs."""
    try:
        gid = grp.getgrnam(STAFF_GROUP).gr_gid
    except KeyError:
        pytest.skip(f"no group {STAFF_GROUP} here")
    site = write_config(tmp_path / "site", f'\n[ocr]\nengine = "tesseract"\n[access]\ngroup = "{STAFF_GROUP}"\n')
    site.scan.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("李四同志先进事迹材料：参加工作十八年，爱岗敬业，带徒传技。" * 10)
    document.save(site.scan / "事迹材料.docx")
    page = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(page).text((100, 100), "SCANNED PAGE 2023", fill="black")
    page.save(site.scan / "扫描件.png")
    (site.scan / "passwd.txt").symlink_to("/etc/passwd")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "秘密.docx").write_bytes((site.scan / "事迹材料.docx").read_bytes())
    (site.scan / "外部文件夹").symlink_to(outside, target_is_directory=True)
    empty_tmp = tmp_path / "system-tmp"
    empty_tmp.mkdir()
    leftover = site.root / "var" / "tmp" / "tess_page.png"  # what a killed run left
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"a page image")

    done = subprocess.run([sys.executable, "-m", "pipeline", "once", "--config", str(site.config)],
                          capture_output=True, text=True, timeout=600, cwd=site.root,
                          env={**os.environ, "TMPDIR": str(empty_tmp)})
    assert done.returncode == 0, done.stderr[-3000:]

    assert _mode(site.root / "var") == 0o700
    assert list(empty_tmp.iterdir()) == [] and not leftover.exists()
    outputs = list(site.output.rglob("*"))
    assert any(p.name == "summary.xlsx" for p in outputs) and any(p.suffix == ".html" for p in outputs)
    for path in [site.output, *outputs]:
        expected = 0o2750 if path.is_dir() else 0o640
        assert (_mode(path), path.lstat().st_gid) == (expected, gid), path

    status = json.loads((site.output / "status.json").read_text(encoding="utf-8"))
    errors = {entry["filename"]: entry["error"] for entry in status["errors"]}
    assert "链接" in errors["passwd.txt"] and "链接" in errors["外部文件夹"]
    names = [d["filename"] for a in status["applicants"] for d in a["documents"]] + [
        d["filename"] for d in status["unassigned"]]
    assert sorted(names) == ["事迹材料.docx", "扫描件.png"]
    root_line = Path("/etc/passwd").read_text().splitlines()[0]
    assert not any(root_line in p.read_text(errors="replace") for p in outputs if p.is_file() and p.suffix != ".xlsx")
