"""QQ Mail 超大附件: files too large to attach, sent as download links in the mail body.

QQ's HTML body holds `<div id="QQMailBigAttach">` with one `div.bigatt_bt` per file, whose
title reads "NAME\\n文件大小：SIZE\\n到期时间：EXPIRY" and which wraps the download link (older
mails: `span.qqmailbgattach` with `downloadlink` and `expiretime` attributes). The text body
says 从QQ邮箱发来的超大附件 (or 以下文件通过QQ邮箱的中转站发给您) followed by lines like
"NAME (SIZE, EXPIRY 到期)进入下载页面：LINK".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

TEXT_MARKERS = ("从QQ邮箱发来的超大附件", "QQ邮箱的中转站", "QQ邮箱中转站")
_LINK = re.compile(r"https?://[^\s<>\"'）)]+")
_LINE = re.compile(
    r"^\s*(?P<name>[^\s(（][^(（]*?)\s*[(（]\s*(?P<size>[\d.]+\s*[KMGT]?B?)\s*[,，]\s*(?P<expiry>[^)）]*?)\s*(?:到期)?\s*[)）]",
    re.IGNORECASE,
)
_SIZE = re.compile(r"文件大小[：:]\s*(\S+)")
_EXPIRY = re.compile(r"到期时间[：:]\s*([^\r\n]+)")


@dataclass(frozen=True)
class BigAttachment:
    name: str
    size: str | None
    expiry: str | None
    link: str

    def describe(self) -> str:
        """What staff read: which file, how large, until when, and where to download it."""
        parts = [f"邮件正文中有QQ邮箱超大附件「{self.name}」"]
        if self.size:
            parts.append(f"大小 {self.size}")
        if self.expiry:
            parts.append(f"有效期至 {self.expiry}")
        return "，".join(parts) + f"。附件未随邮件送达，请在到期前人工下载后放入扫描文件夹：{self.link}"


class _QQHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[BigAttachment] = []
        self._title: str | None = None  # inside div.bigatt_bt, until its first link
        self._span: dict[str, str] | None = None  # inside span.qqmailbgattach
        self._span_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        classes = values.get("class", "").split()
        if tag == "div" and "bigatt_bt" in classes:
            self._title = values.get("title", "")
        elif tag == "span" and "qqmailbgattach" in classes:
            self._span, self._span_text = values, []
        elif tag == "a" and self._title is not None and values.get("href"):
            self._add_from_title(self._title, values["href"])
            self._title = None

    def handle_data(self, data: str) -> None:
        if self._span is not None:
            self._span_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._span is not None and self._span_text:
            self._add_from_span(self._span, "".join(self._span_text))
            self._span = None

    def _add_from_title(self, title: str, link: str) -> None:
        lines = [line.strip() for line in title.splitlines() if line.strip()]
        size, expiry = _SIZE.search(title), _EXPIRY.search(title)
        name = lines[0] if lines else "未知文件"
        self.found.append(BigAttachment(name, size and size.group(1), expiry and expiry.group(1).strip(), link))

    def _add_from_span(self, span: dict[str, str], text: str) -> None:
        link = span.get("downloadlink", "")
        if not link:
            return
        match = _LINE.match(text)
        name = match.group("name").strip() if match else text.split("(")[0].strip()
        self.found.append(
            BigAttachment(name or "未知文件", match and match.group("size"), match and match.group("expiry").strip(), link)
        )


def _from_html(html: str) -> list[BigAttachment]:
    if "bigatt_bt" not in html and "qqmailbgattach" not in html:
        return []
    parser = _QQHtml()
    parser.feed(html)
    parser.close()
    return parser.found


def _from_text(text: str) -> list[BigAttachment]:
    starts = [text.find(marker) for marker in TEXT_MARKERS if marker in text]
    if not starts:
        return []
    found = []
    previous = ""
    for line in text[min(starts) :].splitlines():
        link = _LINK.search(line)
        if link:
            described = _LINE.match(line) or _LINE.match(previous)
            if described:
                name, size, expiry = described.group("name"), described.group("size"), described.group("expiry")
                found.append(BigAttachment(name.strip(), size, expiry.strip() or None, link.group(0)))
            else:
                found.append(BigAttachment("未知文件", None, None, link.group(0)))
        if line.strip():
            previous = line
    return found


def find_big_attachments(html: str, text: str) -> list[BigAttachment]:
    """Every QQ oversized-attachment link in a mail's bodies, once each (by link)."""
    seen: dict[str, BigAttachment] = {}
    for item in _from_html(html) + _from_text(text):
        seen.setdefault(item.link, item)
    return list(seen.values())
