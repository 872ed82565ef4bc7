"""QQ 超大附件 links found in HTML and plain-text bodies."""

from pipeline.mail.bigattach import find_big_attachments
from tests.mail.corpus import QQ_BIG_HTML, QQ_BIG_TEXT


def test_html_block_gives_name_size_expiry_and_link_once():
    (item,) = find_big_attachments(QQ_BIG_HTML, "")
    assert item.name == "梁平区某公司申报材料.zip"
    assert item.size == "312.5M"
    assert item.expiry == "2023年9月29日 10:00"
    assert item.link == "https://mail.qq.com/cgi-bin/ftnExs_download?k=5a2b3c&t=exs_ftn_download&code=7684decd"
    detail = item.describe()
    assert "梁平区某公司申报材料.zip" in detail and "312.5M" in detail and item.link in detail


def test_old_span_only_html():
    html = (
        "<span class='qqmailbgattach' downloadlink=\"https://mail.qq.com/x?k=1\"><a href=\"https://mail.qq.com/x?k=1\">"
        "报告.pdf</a><span> (20.5M, 2023年9月1日 12:00 到期)</span></span>"
    )
    (item,) = find_big_attachments(html, "")
    assert (item.name, item.size, item.expiry) == ("报告.pdf", "20.5M", "2023年9月1日 12:00")


def test_plain_text_body():
    (item,) = find_big_attachments("", QQ_BIG_TEXT)
    assert (item.name, item.size, item.expiry) == ("工作照片合集.rar", "88.20M", "2023年9月30日 18:00")
    assert item.link.startswith("https://mail.qq.com/cgi-bin/ftnExs_download?")


def test_transfer_station_wording_with_link_on_its_own_line():
    text = "以下文件通过QQ邮箱的中转站发给您：\n申报书.docx (35M, 2023年9月2日 到期)\n下载地址：https://mail.qq.com/ftn/d?k=9\n"
    (item,) = find_big_attachments("", text)
    assert (item.name, item.size, item.link) == ("申报书.docx", "35M", "https://mail.qq.com/ftn/d?k=9")


def test_html_and_text_alternatives_of_one_mail_count_once():
    html_only = find_big_attachments(QQ_BIG_HTML, "")
    both = find_big_attachments(QQ_BIG_HTML, "从QQ邮箱发来的超大附件\n" + html_only[0].name + " (312.5M, x 到期)进入下载页面：" + html_only[0].link)
    assert len(both) == 1


def test_ordinary_mail_has_none():
    assert find_big_attachments("<p>材料见附件 https://example.com</p>", "材料见附件 https://example.com") == []
