"""What a file's place in a folder tree says: its group of siblings and its unit hint."""

from __future__ import annotations

from pathlib import PurePath

from pipeline.assembly.units import looks_like_unit


def unit_hint(relative: PurePath) -> str | None:
    """The folder that names the unit: the nearest one that looks like a unit name,
    else the top-level subfolder (staff name folders after units, often by short name)."""
    folders = list(relative.parts[:-1])
    for folder in reversed(folders):
        if looks_like_unit(folder):
            return folder
    return folders[0] if folders else None


def group_of(prefix: str, relative: PurePath) -> str:
    """Files in one subfolder are siblings; a file at the top level stands alone."""
    if len(relative.parts) > 1:
        return f"{prefix}{relative.parts[0]}/"
    return f"{prefix}{relative.as_posix()}"
