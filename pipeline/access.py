"""Who may read what the program writes.

- The state folder (`var/`: the store with full ID numbers, raw copies, page images, the log,
  temporary files) is the program's alone: 0700.
- The output folder is for staff over a share (Samba): folders `access.folder_mode` (0750),
  files `access.file_mode` (0640), owned by `access.group` when one is named. The process
  umask gives every new file and folder these modes, and the output folder's setgid bit makes
  everything created inside belong to its group; what an earlier version wrote is put right
  once at start.
- Temporary files (Tesseract's page images, LibreOffice's conversions) go to `var/tmp`, never
  to /tmp: TMPDIR is set for this process and every program and worker it starts.
"""

from __future__ import annotations

import grp
import logging
import os
import shutil
import tempfile
from pathlib import Path

from pipeline.config import AccessSettings
from pipeline.errors import ConfigError

log = logging.getLogger("pipeline.access")

PRIVATE_MODE = 0o700
TEMP_FOLDER = "tmp"


def private_folder(folder: Path) -> Path:
    """Creates the folder if needed and makes it the owner's alone."""
    folder.mkdir(mode=PRIVATE_MODE, parents=True, exist_ok=True)
    try:
        os.chmod(folder, PRIVATE_MODE)
    except PermissionError:
        log.warning("cannot make %s private (not its owner); others may read it", folder)
    return folder


def use_private_temp(state_folder: Path) -> Path:
    """Empties var/tmp (what killed runs left; the store's lock is held) and sends every
    temporary file of this process and its children there."""
    temp = state_folder / TEMP_FOLDER
    shutil.rmtree(temp, ignore_errors=True)
    private_folder(temp)
    os.environ["TMPDIR"] = str(temp)
    tempfile.tempdir = str(temp)
    return temp


def share_outputs(output_folder: Path, access: AccessSettings) -> None:
    """Sets the umask for the modes, and the output folder's group, modes and setgid bit."""
    os.umask(0o777 & ~(access.file_mode | access.folder_mode))
    gid = _group_id(access.group)
    output_folder.mkdir(parents=True, exist_ok=True)
    for folder, folders, files in os.walk(output_folder):
        _set(Path(folder), access.folder_mode | (0o2000 if gid != -1 else 0), gid)
        for name in files:
            _set(Path(folder) / name, access.file_mode, gid)


def _group_id(name: str | None) -> int:
    if not name:
        return -1
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        raise ConfigError(f"access.group: there is no group named {name!r} on this machine") from None


def _set(path: Path, mode: int, gid: int) -> None:
    try:
        if path.is_symlink():
            return
        if gid != -1:
            os.chown(path, -1, gid)
        os.chmod(path, mode)
    except PermissionError as error:
        log.warning("cannot set the group or mode of %s: %s", path, error)
