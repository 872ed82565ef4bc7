"""Headless Chromium (Debian's `chromium`) as the tests' one seam to a real browser: a page's
DOM after loading, its console messages, and its printout as PDF."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
]
TIMEOUT = 180


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Loaded:
    dom: str
    console: list[str]  # what the page's scripts and loading said (errors, missing resources)


def _run(page: Path, *extra: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def load(page: Path) -> Loaded:
    done = _run(page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Failed to load resource" in line]
    return Loaded(done.stdout, console)


def print_pdf(page: Path, target: Path) -> Path:
    done = _run(page, "--no-pdf-header-footer", f"--print-to-pdf={target}")
    assert target.exists(), done.stderr[-2000:]
    return target


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name):
                self.targets.append(values[name])


def broken_links(page: Path, html: str) -> list[str]:
    """Every link and image of a page that points at nothing: a missing file, a missing anchor."""
    parser = _Links()
    parser.feed(html)
    broken = []
    for target in parser.targets:
        parts = urlsplit(target)
        if parts.scheme in ("http", "https", "mailto"):
            continue
        if parts.scheme == "file":
            path = Path(unquote(parts.path))
        elif parts.path:
            path = page.parent / unquote(parts.path)
        else:
            path = page
        if not path.exists():
            broken.append(target)
        elif parts.fragment and path == page and parts.fragment not in parser.ids:
            broken.append(target)
    return broken
