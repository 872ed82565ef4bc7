"""How the program writes pages and times for staff, everywhere the same way."""

from __future__ import annotations

from datetime import datetime, tzinfo


def page_span(pages: tuple[int, int] | None) -> str:
    """(3, 5) -> 第3—5页; (2, 2) -> 第2页; None (a Word or Excel file) -> nothing."""
    if not pages:
        return ""
    return f"第{pages[0]}页" if pages[0] == pages[1] else f"第{pages[0]}—{pages[1]}页"


def local_time(value: datetime | None, tz: tzinfo | None) -> str:
    """A time in the call's time zone, to the minute: 2023-08-31 18:00."""
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value else ""
