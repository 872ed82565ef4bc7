"""Hostile and odd mails, as mail clients in China really send them, each with what intake
must make of it: the file names that must come in, and the error codes staff must see.

Archives are built here byte by byte where no free tool writes them: a RAR5 archive with
stored members (the format is documented by RARLAB), a ZIP with GBK names and no UTF-8
flag (as Windows' built-in zip tool writes them), Outlook's winmail.dat (TNEF).
"""

from __future__ import annotations

import base64
import binascii
import bz2
import io
import quopri
import struct
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from email.message import EmailMessage

import libarchive
from docx import Document

SENDER = "Applicant <Shenbao@QQ.com>"


@dataclass(frozen=True)
class Case:
    name: str
    raw: bytes
    files: frozenset[str] = frozenset()  # names of the files that must be taken in
    errors: frozenset[str] = frozenset()  # error codes staff must see
    subject: str | None = None  # the decoded subject, where the case is about it
    sender: str = "shenbao@qq.com"


# --- file builders ------------------------------------------------------------------


def text_file(label: str) -> bytes:
    return f"梁平区技能大师工作室申报材料：{label}\n".encode("utf-8")


def docx_file(label: str) -> bytes:
    document = Document()
    document.add_paragraph(f"技能大师工作室申报报告（{label}）")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _vint(number: int) -> bytes:
    out = bytearray()
    while True:
        byte, number = number & 0x7F, number >> 7
        out.append(byte | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _rar5_block(body: bytes) -> bytes:
    size = _vint(len(body))
    return struct.pack("<I", zlib.crc32(size + body)) + size + body


def rar5(members: list[tuple[str, bytes]], encrypted: frozenset[str] = frozenset()) -> bytes:
    """A RAR5 archive with stored members; `encrypted` members carry an AES encryption record."""
    out = b"Rar!\x1a\x07\x01\x00" + _rar5_block(_vint(1) + _vint(0) + _vint(0))
    for name, data in members:
        encoded = name.encode("utf-8")
        extra = b""
        if name in encrypted:
            record = _vint(0x01) + _vint(0) + _vint(0) + bytes([15]) + b"S" * 16 + b"I" * 16
            extra = _vint(len(record)) + record
        body = _vint(2) + _vint(0x0002 | (0x0001 if extra else 0))
        if extra:
            body += _vint(len(extra))
        body += _vint(len(data)) + _vint(0x0004) + _vint(len(data)) + _vint(0x20)
        body += struct.pack("<I", zlib.crc32(data)) + _vint(0) + _vint(0) + _vint(len(encoded)) + encoded + extra
        out += _rar5_block(body) + data
    return out + _rar5_block(_vint(5) + _vint(0) + _vint(0))


def seven_zip(members: list[tuple[str, bytes]]) -> bytes:
    chunks: list[bytes] = []

    def write(data: bytes) -> int:
        chunks.append(bytes(data))
        return len(data)

    with libarchive.custom_writer(write, "7zip") as archive:
        for name, data in members:
            archive.add_file_from_memory(name, len(data), data)
    return b"".join(chunks)


def tarball(members: list[tuple[str, bytes]], compression: str = "gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=f"w:{compression}") as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def zip_archive(
    members: list[tuple[str, bytes]], *, gbk_names: bool = False, encrypted: frozenset[str] = frozenset()
) -> bytes:
    """A ZIP; with gbk_names the names are GBK bytes without the UTF-8 flag (Windows' zip tool)."""
    placeholders = {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members):
            stored = name
            if gbk_names:
                raw = name.encode("gbk")
                stored = f"{index:02d}".ljust(len(raw), "_")
                placeholders[stored.encode("ascii")] = raw
            archive.writestr(stored, data)
    blob = out.getvalue()
    for placeholder, raw in placeholders.items():
        blob = blob.replace(placeholder, raw)
    if encrypted:
        blob = _flag_encrypted(blob, encrypted)
    return blob


def _flag_encrypted(blob: bytes, names: frozenset[str]) -> bytes:
    """Sets the 'encrypted' flag bit of the named members (what zip tools check first)."""
    data = bytearray(blob)
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        infos = archive.infolist()
    central = data.find(b"PK\x01\x02")
    for info in infos:
        if info.filename not in names:
            continue
        data[info.header_offset + 6] |= 0x01
        position = central
        while position != -1:
            name_length = struct.unpack_from("<H", data, position + 28)[0]
            if data[position + 46 : position + 46 + name_length] == info.filename.encode("utf-8"):
                data[position + 8] |= 0x01
            position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


def tnef(members: list[tuple[str, bytes]], codepage: str = "gbk") -> bytes:
    """Outlook's winmail.dat: each attachment as rendering data, title (in the OEM codepage) and data."""

    def attribute(level: int, ident: int, kind: int, data: bytes) -> bytes:
        header = struct.pack("<BHHI", level, ident, kind, len(data))
        return header + data + struct.pack("<H", sum(data) & 0xFFFF)

    out = struct.pack("<IH", 0x223E9F78, 0x0101)
    out += attribute(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += attribute(1, 0x9007, 0x0006, struct.pack("<II", 936, 0))  # attOemCodepage: GBK
    for name, data in members:
        out += attribute(2, 0x9002, 0x0006, b"\x01\x00" + b"\xff" * 12)  # attAttachRendData
        out += attribute(2, 0x8010, 0x0001, name.encode(codepage) + b"\x00")  # attAttachTitle
        out += attribute(2, 0x800F, 0x0006, data)  # attAttachData
    return out


# --- mail builders ------------------------------------------------------------------


def _headers(subject_header: str, message_id: str, from_header: str = SENDER) -> bytes:
    return (
        f"From: {from_header}\r\nTo: intake@qq.com\r\nSubject: {subject_header}\r\n"
        f"Date: Wed, 30 Aug 2023 10:00:00 +0800\r\nMessage-ID: <{message_id}@corpus.test>\r\nMIME-Version: 1.0\r\n"
    ).encode("utf-8")  # a non-ASCII subject goes out as raw 8-bit UTF-8, as some clients do


def _b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def raw_mail(subject_header: str, message_id: str, parts: list[bytes], *, from_header: str = SENDER) -> bytes:
    """A multipart/mixed mail from ready-made MIME parts (each: headers, blank line, body)."""
    boundary = b"=_corpus_boundary_"
    body = b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in parts) + b"--" + boundary + b"--\r\n"
    return (
        _headers(subject_header, message_id, from_header)
        + b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n'
        + body
    )


def text_part(text: str, charset: str = "gbk") -> bytes:
    return (
        f"Content-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: base64\r\n\r\n".encode("ascii")
        + _b64(text.encode(charset))
    )


def html_part(html: str) -> bytes:
    return b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + _b64(html.encode("utf-8"))


def attachment_part(headers: bytes, data: bytes) -> bytes:
    return headers + b"Content-Transfer-Encoding: base64\r\n\r\n" + _b64(data)


def encoded_words(text: str, charset: str = "gb18030", pieces: int = 3) -> str:
    """RFC 2047 B-words that split the bytes anywhere, mid-character included, as QQ Mail does."""
    raw = text.encode(charset)
    step = max(1, len(raw) // pieces + 1)
    chunks = [raw[i : i + step] for i in range(0, len(raw), step)]
    return " ".join(f"=?{charset}?B?{base64.b64encode(chunk).decode()}?=" for chunk in chunks)


def simple_mail(subject: str, message_id: str, files: list[tuple[str, bytes]], body: str = "材料见附件") -> bytes:
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = "intake@qq.com"
    message["Subject"] = subject
    message["Date"] = "Wed, 30 Aug 2023 10:00:00 +0800"
    message["Message-ID"] = f"<{message_id}@corpus.test>"
    message.set_content(body)
    for name, data in files:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()


def forwarded(raw: bytes, times: int) -> bytes:
    """`raw` forwarded `times` times, each forward a multipart/mixed mail with its own text and
    the previous mail as a message/rfc822 part (as QQ Mail's 作为附件转发 does)."""
    for level in range(times):
        boundary = f"=_fwd_{level}_".encode("ascii")
        raw = (
            _headers(f"Fwd: 第{level + 1}次转发", f"fwd{level}")
            + b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n'
            + b"--" + boundary + b"\r\n" + text_part(f"转发第{level + 1}次") + b"\r\n"
            + b"--" + boundary + b"\r\nContent-Type: message/rfc822\r\n\r\n" + raw + b"\r\n"
            + b"--" + boundary + b"--\r\n"
        )
    return raw


def uuencoded(name: str, data: bytes) -> str:
    """A file as old mail clients put it into a text body: `begin 644 NAME`, lines, `end`."""
    lines = "".join(binascii.b2a_uu(data[i : i + 45]).decode("ascii") for i in range(0, len(data), 45))
    return f"begin 644 {name}\n{lines}`\nend\n"


QQ_BIG_HTML = """<div>材料太大，用超大附件发送</div>
<div id="QQMailBigAttach" style="padding:2px;margin-bottom:15px;background:#eff5fb;"><div style="padding:6px 10px;">从QQ邮箱发来的超大附件</div>
<div style="padding:10px 0;font-size:12px;"><div title="梁平区某公司申报材料.zip&#10;&#13;文件大小：312.5M&#10;&#13;到期时间：2023年9月29日 10:00" class="bigatt_bt">
<div style="float:left;margin:2px 8px 0 0;"><a target="_blank" href="https://mail.qq.com/cgi-bin/ftnExs_download?k=5a2b3c&amp;t=exs_ftn_download&amp;code=7684decd"><img border="0" src="https://res.mail.qq.com/zh_CN/htmledition/images/fj/fu_zip.gif"/></a></div>
<div class="name_big"><span class='qqmailbgattach' expiretime="1695952800" downloadlink="https://mail.qq.com/cgi-bin/ftnExs_download?k=5a2b3c&amp;t=exs_ftn_download&amp;code=7684decd"><a style="color:#000;text-decoration:none;" target="_blank" href="https://mail.qq.com/cgi-bin/ftnExs_download?k=5a2b3c&amp;t=exs_ftn_download&amp;code=7684decd">梁平区某公司申报材料.zip</a><span style="color:#A0A0A0;"> (312.5M, 2023年9月29日 10:00 到期)</span></span>
<div class="down_big"><a target="_blank" href="https://mail.qq.com/cgi-bin/ftnExs_download?k=5a2b3c&amp;t=exs_ftn_download&amp;code=7684decd">查看下载信息</a></div></div></div></div></div>"""

QQ_BIG_TEXT = """材料太大，用超大附件发送

从QQ邮箱发来的超大附件

工作照片合集.rar (88.20M, 2023年9月30日 18:00 到期)进入下载页面：https://mail.qq.com/cgi-bin/ftnExs_download?t=exs_ftn_download&k=0f1e2d&code=1a2b3c4d
"""


@dataclass
class Corpus:
    cases: list[Case] = field(default_factory=list)

    def add(self, case: Case) -> None:
        self.cases.append(case)

    @property
    def files(self) -> set[str]:
        return {name for case in self.cases for name in case.files}

    def by_name(self, name: str) -> Case:
        return next(case for case in self.cases if case.name == name)


def make_corpus() -> Corpus:
    corpus = Corpus()

    name = "梁平区技能大师工作室申报表（某机械厂）.docx"
    corpus.add(Case(
        "gb18030_split_words",
        raw_mail(encoded_words("申报材料-某机械厂"), "gb18030", [
            text_part("您好，申报材料见附件。"),
            attachment_part(
                f'Content-Type: application/octet-stream; charset=gb18030; name="{encoded_words(name)}"\r\n'
                f'Content-Disposition: attachment; filename="{encoded_words(name)}"\r\n'.encode("ascii"),
                docx_file("split words"),
            ),
        ]),
        files=frozenset({name}),
        subject="申报材料-某机械厂",
    ))

    name = "技能大师事迹材料（张三）.txt"
    quoted = "".join(f"%{byte:02X}" for byte in name.encode("gbk"))
    corpus.add(Case(
        "rfc2231_continuations",
        raw_mail("=?utf-8?Q?=E4=BA=8B=E8=BF=B9=E6=9D=90=E6=96=99?=", "rfc2231", [
            attachment_part(
                b"Content-Type: text/plain; charset=gbk\r\nContent-Disposition: attachment;\r\n"
                + f" filename*0*=gbk''{quoted[:30]};\r\n filename*1*={quoted[30:]}\r\n".encode("ascii"),
                text_file("rfc2231"),
            ),
        ]),
        files=frozenset({name}),
        subject="事迹材料",
    ))

    gbk_name, utf8_name = "身份证复印件.txt", "学历证书复印件.txt"
    corpus.add(Case(
        "raw_8bit_headers",
        raw_mail("=?gbk?Q?=C9=ED=B7=DD?=", "raw8bit", [
            attachment_part(
                b'Content-Type: application/octet-stream; name="' + gbk_name.encode("gbk") + b'"\r\n'
                b'Content-Disposition: attachment; filename="' + gbk_name.encode("gbk") + b'"\r\n',
                text_file("gbk raw"),
            ),
            attachment_part(
                b'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="'
                + utf8_name.encode("utf-8") + b'"\r\n',
                text_file("utf8 raw"),
            ),
        ], from_header="=?gbk?B?" + base64.b64encode("李四".encode("gbk")).decode() + "?= <LiSi@QQ.com>"),
        files=frozenset({gbk_name, utf8_name}),
        subject="身份",
        sender="lisi@qq.com",
    ))

    corpus.add(Case(
        "missing_name",
        raw_mail("=?utf-8?B?" + base64.b64encode("工作照片".encode()).decode() + "?=", "noname", [
            attachment_part(b"Content-Type: text/plain; charset=utf-8\r\nContent-Disposition: attachment\r\n", text_file("noname")),
        ]),
        files=frozenset({"工作照片_附件1.txt"}),
    ))

    inner = simple_mail("转发：汇总表", "inner", [("梁平区技能大师工作室汇总表.txt", text_file("forward inner"))])
    middle = (
        _headers("Fwd: Fwd", "middle")
        + b'Content-Type: multipart/mixed; boundary="mid"\r\n\r\n--mid\r\n'
        + text_part("转发")
        + b"\r\n--mid\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--mid--\r\n"
    )
    corpus.add(Case(
        "nested_forward",
        raw_mail("Fwd: Fwd: Fwd", "outer", [text_part("主管部门转发"), b"Content-Type: message/rfc822\r\n\r\n" + middle]),
        files=frozenset({"梁平区技能大师工作室汇总表.txt"}),
    ))

    attached = simple_mail("原邮件", "eml-inner", [("工作室场地证明.txt", text_file("eml attachment"))])
    corpus.add(Case(
        "eml_attached_as_a_file",
        simple_mail("转发原邮件", "eml-outer", [("原邮件.eml", attached)]),
        files=frozenset({"工作室场地证明.txt"}),
    ))

    corpus.add(Case(
        "zip_gbk_traversal_bomb_encrypted",
        simple_mail("压缩包", "zip", [(
            "申报材料.zip",
            zip_archive([
                ("某公司/工作室申报报告.txt", text_file("zip report")),
                ("../../../etc/逃逸.txt", text_file("zip traversal")),
                ("炸弹.txt", b"\0" * (20 << 20)),
            ], gbk_names=True),
        )]),
        files=frozenset({"工作室申报报告.txt", "逃逸.txt"}),
        errors=frozenset({"unreadable_file"}),
    ))

    corpus.add(Case(
        "tarball_and_one_file_bzip2ed",
        simple_mail("tar 压缩包", "tgz", [
            ("申报材料.tar.gz", tarball([("某公司/tar工作室申报报告.txt", text_file("tar.gz report")),
                                      ("某公司/个人简历.docx", docx_file("tar.gz resume"))])),
            ("事迹材料.txt.bz2", bz2.compress(text_file("bzip2 deeds"))),
        ]),
        files=frozenset({"tar工作室申报报告.txt", "个人简历.docx", "事迹材料.txt"}),
    ))

    corpus.add(Case(
        "zip_encrypted",
        simple_mail("加密压缩包", "zipenc", [(
            "加密材料.zip",
            zip_archive([("公开.txt", text_file("zip open")), ("secret.txt", text_file("zip secret"))],
                        encrypted=frozenset({"secret.txt"})),
        )]),
        files=frozenset({"公开.txt"}),
        errors=frozenset({"password_protected"}),
    ))

    nested_zip = zip_archive([("获奖证书.txt", text_file("rar nested zip"))])
    corpus.add(Case(
        "rar5_nested_encrypted",
        simple_mail("RAR", "rar", [(
            "材料.rar",
            rar5([("技能等级证书.txt", text_file("rar cert")), ("内层.zip", nested_zip), ("密.txt", text_file("rar enc"))],
                 encrypted=frozenset({"密.txt"})),
        )]),
        files=frozenset({"技能等级证书.txt", "获奖证书.txt"}),
        errors=frozenset({"password_protected"}),
    ))

    corpus.add(Case(
        "seven_zip",
        simple_mail("7z", "7z", [("材料.7z", seven_zip([("专家/技术革新证明.txt", text_file("7z proof"))]))]),
        files=frozenset({"技术革新证明.txt"}),
    ))

    corpus.add(Case(
        "winmail_dat",
        raw_mail("Outlook", "tnef", [
            text_part("见附件"),
            attachment_part(
                b'Content-Type: application/ms-tnef; name="winmail.dat"\r\nContent-Disposition: attachment; filename="winmail.dat"\r\n',
                tnef([("传承技艺证明.txt", text_file("tnef"))]),
            ),
        ]),
        files=frozenset({"传承技艺证明.txt"}),
    ))

    photo = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 100 + b"\xff\xd9"
    logo = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
    corpus.add(Case(
        "inline_photo_and_logo",
        raw_mail("工作照", "inline", [
            html_part('<p>工作照如下</p><img src="cid:photo1"><img src="cid:logo1">'),
            attachment_part(b"Content-Type: image/jpeg\r\nContent-Disposition: inline\r\nContent-ID: <photo1>\r\n", photo),
            attachment_part(b'Content-Type: image/png; name="logo.png"\r\nContent-ID: <logo1>\r\n', logo),
        ]),
        files=frozenset({"工作照_附件1.jpg"}),
    ))

    corpus.add(Case(
        "broken_base64",
        raw_mail("坏附件", "broken", [
            text_part("附件"),
            b'Content-Type: application/pdf; name="broken.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\nA\r\n',
            attachment_part(b'Content-Type: text/plain; name="ok.txt"\r\n', text_file("beside broken")),
        ]),
        files=frozenset({"ok.txt"}),
        errors=frozenset({"unreadable_file"}),
    ))

    id_card = simple_mail("身份证", "deep-inner", [("七层转发的身份证复印件.txt", text_file("seven forwards deep"))])
    corpus.add(Case(
        "forwarded_seven_times",
        forwarded(id_card, 7),
        files=frozenset({"七层转发的身份证复印件.txt"}),
    ))

    too_deep = simple_mail("太深", "too-deep-inner", [("十二层转发的证书.txt", text_file("twelve forwards deep"))])
    corpus.add(Case(
        "forwarded_twelve_times",
        raw_mail("转发", "too-deep", [
            attachment_part(b'Content-Type: text/plain; name="outer.txt"\r\n', text_file("beside a deep forward")),
            b"Content-Type: message/rfc822\r\n\r\n" + forwarded(too_deep, 11),
        ]),
        files=frozenset({"outer.txt"}),
        errors=frozenset({"unreadable_file"}),  # names the forward not opened
    ))

    base64_inner = simple_mail("原件", "b64-inner", [("base64转发的学历证书.txt", text_file("base64 rfc822"))])
    corpus.add(Case(
        "forwarded_base64_encoded",
        raw_mail("转发（base64）", "b64-outer", [
            text_part("见转发"),
            b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n" + _b64(base64_inner),
        ]),
        files=frozenset({"base64转发的学历证书.txt"}),
    ))

    qp_inner = simple_mail("学历证书（转发）", "qp-inner", [("引号可打印转发的毕业证.docx", docx_file("quoted-printable rfc822"))])
    corpus.add(Case(
        "forwarded_quoted_printable_encoded",
        raw_mail("转发（quoted-printable）", "qp-outer", [
            text_part("见转发"),
            b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + quopri.encodestring(qp_inner).replace(b"\n", b"\r\n"),
        ]),
        files=frozenset({"引号可打印转发的毕业证.docx"}),
    ))

    small_photo = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 10 + b"\xff\xd9"  # 2.5 KB, under the logo size
    corpus.add(Case(
        "small_image_with_content_id_not_shown",
        raw_mail("小图片", "smallimg", [
            html_part('<p>材料见附件</p><img src="cid:Logo2@qq.com">'),
            attachment_part(b'Content-Type: image/png; name="logo2.png"\r\nContent-ID: <logo2@qq.com>\r\n', logo),
            attachment_part(
                b'Content-Type: image/jpeg; name="small_id_photo.jpg"\r\nContent-Disposition: attachment; '
                b'filename="small_id_photo.jpg"\r\nContent-ID: <attach1@qq.com>\r\n',
                small_photo,
            ),
        ]),
        files=frozenset({"small_id_photo.jpg"}),
    ))

    corpus.add(Case(
        "filename_and_filename_star",
        raw_mail("两种文件名", "fnstar", [
            attachment_part(
                b"Content-Type: text/plain\r\nContent-Disposition: attachment; filename=\"_____.txt\";\r\n"
                + b" filename*=UTF-8''" + "".join(f"%{b:02X}" for b in "职称证书.txt".encode()).encode("ascii") + b"\r\n",
                text_file("filename star"),
            ),
        ]),
        files=frozenset({"职称证书.txt"}),
    ))

    corpus.add(Case(
        "hz_gb_2312_names",
        raw_mail("=?HZ-GB-2312?B?" + base64.b64encode("申报材料".encode("hz")).decode() + "?=", "hz", [
            attachment_part(b'Content-Type: text/plain; name="' + "荣誉证书.txt".encode("hz") + b'"\r\n', text_file("hz")),
        ]),
        files=frozenset({"荣誉证书.txt"}),
        subject="申报材料",
    ))

    assert "学位证.txt".encode("gbk").decode("utf-8") == "ѧλ֤.txt"  # GBK bytes that are also valid UTF-8
    corpus.add(Case(
        "raw_gbk_name_that_is_also_utf8",
        raw_mail("学位", "gbk-utf8", [
            attachment_part(b'Content-Type: text/plain\r\nContent-Disposition: attachment; filename="'
                            + "学位证.txt".encode("gbk") + b'"\r\n', text_file("gbk also utf8")),
        ]),
        files=frozenset({"学位证.txt"}),
    ))

    corpus.add(Case(
        "raw_latin1_name",
        raw_mail("Zeugnis", "latin1", [
            attachment_part(b'Content-Type: text/plain\r\nContent-Disposition: attachment; filename="'
                            + "Müller_Zeugnis.txt".encode("latin-1") + b'"\r\n', text_file("latin-1 name")),
        ]),
        files=frozenset({"Müller_Zeugnis.txt"}),
    ))

    cut = _b64(docx_file("truncated"))
    corpus.add(Case(
        "truncated_base64_mail",
        raw_mail("被截断", "truncated", [
            attachment_part(b'Content-Type: text/plain; name="truncated_ok.txt"\r\n', text_file("before the cut")),
        ])[: -len(b"--=_corpus_boundary_--\r\n")]
        + b'--=_corpus_boundary_\r\nContent-Type: application/octet-stream; name="cut.docx"\r\n'
        + b"Content-Transfer-Encoding: base64\r\n\r\n" + cut[: len(cut) // 2 - 1],
        files=frozenset({"truncated_ok.txt"}),
        errors=frozenset({"unreadable_file"}),
    ))

    corpus.add(Case(
        "uuencoded_in_body",
        raw_mail("uuencode", "uu", [
            text_part("您好，附件如下：\n" + uuencoded("uu技能证书.txt", text_file("uuencoded")) + "谢谢", charset="utf-8"),
            text_part("第二段正文\nbegin 644 uu_cut.txt\n" + uuencoded("x", b"0123456789" * 9).split("\n")[1] + "\n", charset="utf-8"),
        ]),
        files=frozenset({"uu技能证书.txt"}),
        errors=frozenset({"unreadable_file"}),  # the block without `end`
    ))

    corpus.add(Case(
        "winmail_dat_with_an_empty_attachment",
        raw_mail("Outlook 空附件", "tnef-empty", [
            attachment_part(
                b'Content-Type: application/ms-tnef; name="winmail.dat"\r\n',
                tnef([("tnef工作业绩.txt", text_file("tnef beside empty")), ("空附件.docx", b"")]),
            ),
        ]),
        files=frozenset({"tnef工作业绩.txt"}),
        errors=frozenset({"unreadable_file"}),
    ))

    corpus.add(Case(
        "qq_big_attach_html",
        raw_mail("超大附件", "bightml", [html_part(QQ_BIG_HTML)]),
        errors=frozenset({"oversized_attachment_link"}),
    ))

    corpus.add(Case(
        "qq_big_attach_text",
        raw_mail("超大附件文本", "bigtext", [text_part(QQ_BIG_TEXT)]),
        errors=frozenset({"oversized_attachment_link"}),
    ))

    corpus.add(Case(
        "question_without_materials",
        simple_mail("请问申报截止时间？", "question", [], body="请问今年的申报截止到哪天？"),
        errors=frozenset({"mail_without_materials"}),
    ))
    return corpus
