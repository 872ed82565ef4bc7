"""Text boxes put back into lines: engines that return one box per table cell or phrase
(RapidOCR) give the same line structure as Tesseract's, with a wide gap between two cells
written as two spaces, which the field extraction reads as a cell boundary."""

from __future__ import annotations

from pipeline.models import TextBox

CELL_GAP = 1.2  # a horizontal gap wider than this many line heights separates two cells


def _height(box: TextBox) -> int:
    return max(1, box.box[3] - box.box[1])


def group_into_lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes whose vertical middles fall within each other's height form one line, left to right."""
    lines: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: (b.box[1] + b.box[3]) / 2):
        middle = (box.box[1] + box.box[3]) / 2
        for line in lines:
            top = min(b.box[1] for b in line)
            bottom = max(b.box[3] for b in line)
            if top <= middle <= bottom and abs(_height(box) - _height(line[0])) < max(_height(box), _height(line[0])):
                line.append(box)
                break
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.box[0]) for line in lines]


def line_text(line: list[TextBox]) -> str:
    height = sorted(_height(b) for b in line)[len(line) // 2]
    parts = [line[0].text]
    for before, after in zip(line, line[1:]):
        gap = after.box[0] - before.box[2]
        parts.append("  " if gap > CELL_GAP * height else "")
        parts.append(after.text)
    return "".join(parts)


def as_lines(boxes: list[TextBox]) -> list[TextBox]:
    """One box per line of text, its text the cells joined, its box the union."""
    merged = []
    for line in group_into_lines(boxes):
        merged.append(
            TextBox(
                text=line_text(line),
                box=(min(b.box[0] for b in line), min(b.box[1] for b in line),
                     max(b.box[2] for b in line), max(b.box[3] for b in line)),
                confidence=sum(b.confidence for b in line) / len(line),
            )
        )
    return merged
