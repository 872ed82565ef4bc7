"""A form photographed or scanned page by page into several files (申报表1.jpg, 申报表2.jpg,
申报表3.jpg) is one form, read as one.

Pieces are found by name (one stem with consecutive numbers, in one mail or folder), layout
(files of one kind) and content (each piece shows the form's labels, or was read as the form;
none is a certified copy). The pieces' text, in page order, is read as one form; the first
piece carries the form's fields, each piece stays a document of its own (every file is shown).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from pipeline.fields.form import read_form
from pipeline.fields.labels import LabelIndex
from pipeline.models import Classification, LinkedDocument
from pipeline.rules import Rules
from pipeline.textnorm import compact

_NUMBERED = re.compile(r"^(?P<stem>.*?)[\s_\-—(（第]*(?P<number>\d{1,2})[)）页]*\.(?P<ext>[A-Za-z0-9]+)$")
MIN_FORM_LABELS = 2  # distinct labels or template words of the form a piece must show to be one of its pages
FORM_TEMPLATE_WORDS = ("签字盖章",)  # printed under each opinion box: a last page may hold little else
COPY_PHRASE = "此件与原件相符"  # a certified copy is never a page of the form
OWN_TEXT_TYPES = ("deeds", "report", "evidence")  # materials whose pages are never the form's


def _numbered(filename: str) -> tuple[str, int, str] | None:
    match = _NUMBERED.match(filename.strip())
    if not match:
        return None
    return compact(match["stem"]), int(match["number"]), match["ext"].lower()


def _form_labels_shown(text: str, labels: LabelIndex) -> int:
    flat = compact(text)
    words = {key for key, _ in labels.prefixes() if len(key) >= 2 and key in flat}
    vocabulary = labels.vocabulary
    others = [*vocabulary.headings, *vocabulary.opinions.boxes, vocabulary.opinions.last, *FORM_TEMPLATE_WORDS]
    words |= {compact(word) for word in others if compact(word) in flat}
    return len(words)


def _is_form_page(doc: LinkedDocument, labels: LabelIndex) -> bool:
    """Read as the form, or showing its labels while read as none of the materials with a text of
    their own (附件2.pdf after 附件1.pdf is the summary sheet, not a page of the form)."""
    c = doc.result.classification
    if COPY_PHRASE in compact(doc.result.text) or c.type in OWN_TEXT_TYPES or c.subtype == "summary_sheet":
        return False
    return doc.is_material("forms", "application_form") or _form_labels_shown(doc.result.text, labels) >= MIN_FORM_LABELS


def form_pieces(documents: list[LinkedDocument], labels: LabelIndex) -> list[list[LinkedDocument]]:
    """Runs of two or more documents that are the pages of one form, in page order."""
    series: dict[tuple[str, str, str, str], list[tuple[int, LinkedDocument]]] = defaultdict(list)
    for doc in documents:
        named = _numbered(doc.filename)
        if named is None or doc.result.id != doc.result.sha256[:16]:  # a part of a bundle is no piece
            continue
        stem, number, ext = named
        series[(doc.sightings[0].origin.group, stem, ext, doc.result.kind)].append((number, doc))
    runs: list[list[LinkedDocument]] = []
    for members in series.values():
        members.sort(key=lambda item: item[0])
        run: list[tuple[int, LinkedDocument]] = []
        for number, doc in [*members, (-1, None)]:
            if doc is not None and _is_form_page(doc, labels) and (not run or number == run[-1][0] + 1):
                run.append((number, doc))
                continue
            if len(run) >= 2 and any(piece.is_material("forms", "application_form") for _, piece in run):
                runs.append([piece for _, piece in run])
            run = [(number, doc)] if doc is not None and _is_form_page(doc, labels) else []
    return runs


def join_form_pieces(documents: list[LinkedDocument], rules: Rules) -> list[LinkedDocument]:
    """The documents, with each form in pieces read as one: the first piece holds the fields of
    all the pieces' text (what a piece read as the form by itself first), every piece is the application form."""
    labels = LabelIndex(rules.fields)
    joined: dict[int, LinkedDocument] = {}
    for pieces in form_pieces(documents, labels):
        text = "\n".join(piece.result.text for piece in pieces)
        whole = read_form([], text, labels, rules.fields.opinions)
        read_alone = [piece.result for piece in pieces if piece.is_material("forms", "application_form")]
        fields, opinions = dict(whole.fields), dict(whole.opinions)
        for result in read_alone:  # what a piece read by itself, from its own layout, comes first
            fields.update(result.fields)
            opinions.update(result.opinions)
        counted = max((len(result.fields.get("team_members") or []) for result in read_alone), default=0)
        if len(whole.team_members) > counted and fields.get("team_size") in (None, counted or None):
            fields["team_members"] = whole.team_members  # the member list runs on over the pages
            fields["team_size"] = len(whole.team_members)
        names = "、".join(piece.filename for piece in pieces)
        for index, piece in enumerate(pieces):
            result = piece.result
            c = result.classification
            note = f"申报表分页拍摄（{names}），第 {index + 1} 页"
            classification = Classification("forms", "application_form", c.confidence, [note, *c.rules])
            if index == 0:
                result = replace(result, classification=classification, fields=fields, opinions=opinions)
            else:
                result = replace(result, classification=classification, fields={}, opinions={})
            joined[id(piece)] = replace(piece, result=result)
    return [joined.get(id(doc), doc) for doc in documents]
