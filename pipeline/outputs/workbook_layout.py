"""The sheets of summary.xlsx: their names, columns and where their header row is.

Shared by the writer (pipeline.outputs.workbook) and the reader of what staff wrote
(pipeline.outputs.workbook_read), so both always agree on the layout.
"""

from __future__ import annotations

from dataclasses import dataclass

KEY_HEADER = "系统编号"  # hidden: ties a row to its applicant, document or flag whatever staff sort
MEMORY_SHEET = "_intake"  # hidden: what this program last wrote on the main sheet
LISTS_SHEET = "_lists"  # hidden: the choices of the validated cells

TEXT, NUMBER, TIME, LINK = "text", "number", "time", "link"
TIME_FORMAT = "yyyy-mm-dd hh:mm"

# 问题清单's 人工核对 and what it means in status.json
REVIEW_HEADER, REVIEW_NOTE_HEADER = "人工核对", "核对说明"
VERDICTS = {"属实": "confirmed", "误报": "false_alarm"}
VERDICT_TEXT = {code: text for text, code in VERDICTS.items()}

# 汇总表's request to mail an application its 补正通知 ([notify] enabled only)
SEND_HEADER, SEND_CHOICE = "发送补正通知", "发送"

# 材料明细's moves
MOVE_MATERIAL_HEADER, MOVE_UNIT_HEADER = "改为材料", "改为申报单位"


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    kind: str = TEXT


@dataclass(frozen=True)
class SheetLayout:
    title: str
    header_row: int
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns] + [KEY_HEADER]


# The attachment-2 columns as the applicants' own 汇总表 carry them, in their order; then status.
ATTACHMENT_2 = (
    Column("序号", 5, NUMBER),
    Column("申报单位名称", 22),
    Column("单位职工总人数", 9, NUMBER),
    Column("高技能人才人数", 9, NUMBER),
    Column("专家姓名", 9),
    Column("性别", 5),
    Column("年龄", 5, NUMBER),
    Column("职业（工种）", 12),
    Column("技能等级/职称", 12),
    Column("团队人数", 6, NUMBER),
    Column("备注", 12),
)
STATUS_COLUMNS = (
    Column("材料状态", 8),
    Column("已收材料", 20),
    Column("缺少材料", 20),
    Column("待处理问题", 26),
    Column("联系人", 9),
    Column("联系电话", 12),
    Column("首次收到时间", 15, TIME),
    Column("最近收到时间", 15, TIME),
    Column("详细报告", 7, LINK),
    Column("补正通知", 7, LINK),
)
SEND_COLUMN = Column(SEND_HEADER, 12)
MAIN = SheetLayout("汇总表", 3, ATTACHMENT_2 + STATUS_COLUMNS + (SEND_COLUMN,))
MAIN_WITHOUT_SENDING = SheetLayout("汇总表", 3, ATTACHMENT_2 + STATUS_COLUMNS)
MAIN_TITLE = "梁平区技能大师工作室汇总表"

DOCUMENTS = SheetLayout(
    "材料明细",
    1,
    (
        Column("申报单位", 26),
        Column("专家姓名", 9),
        Column("材料", 16),
        Column("原文件名", 26),
        Column("页码", 9),
        Column("收到时间", 16, TIME),
        Column("来源", 26),
        Column("识别置信度", 8, NUMBER),
        Column("归属依据", 20),
        Column("归档文件名", 30),
        Column(MOVE_MATERIAL_HEADER, 16),
        Column(MOVE_UNIT_HEADER, 26),
    ),
)

PROBLEMS = SheetLayout(
    "问题清单",
    1,
    (
        Column("申报单位", 26),
        Column("专家姓名", 9),
        Column("问题", 18),
        Column("说明", 50),
        Column("文件", 24),
        Column("页码", 6, NUMBER),
        Column(REVIEW_HEADER, 9),
        Column(REVIEW_NOTE_HEADER, 24),
        Column("核对时间", 16, TIME),
        Column("代码", 18),
    ),
)

OTHERS = SheetLayout(
    "未归属及无法读取",
    1,
    (
        Column("类别", 9),
        Column("原文件名", 30),
        Column("收到时间", 16, TIME),
        Column("来源", 30),
        Column("说明", 50),
    ),
)

SHEETS = (MAIN, DOCUMENTS, PROBLEMS, OTHERS)
UNASSIGNED_UNIT = "（未归属）"


def document_row_key(document_id: str, application_key: str | None) -> str:
    """A 材料明细 row: a document under one application (a summary sheet may serve several)."""
    return f"{document_id}|{application_key or ''}"


def document_of_row(key: str) -> str:
    return key.split("|", 1)[0]
