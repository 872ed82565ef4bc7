"""Form fields a scan did not yield: the line where the field's label was read is cut out
of the page image, so staff see the handwriting instead of a guess."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from pipeline.fields.labels import LabelIndex
from pipeline.models import PageContent
from pipeline.textnorm import compact

KEY_FIELDS = ("unit", "expert", "id_number", "gender", "occupation", "skill_level", "team_size")
MARGIN = 12  # pixels above and below the line


def _label_of(line: str, labels: LabelIndex, wanted: set[str]) -> str | None:
    text = compact(line)
    for key, match in labels.prefixes():
        if match.field in wanted and key in text:
            return match.field
    return None


def unread_field_images(pages: list[PageContent], found: dict, labels: LabelIndex) -> dict[str, str]:
    """field -> path of an image of the line where its label stands, for each key field the
    form's OCR text did not give. Only pages read by OCR, with their image kept."""
    wanted = {name for name in KEY_FIELDS if found.get(name) in (None, "")}
    images: dict[str, str] = {}
    for page in pages:
        if not wanted or not page.ocr or not page.image_path:
            continue
        with Image.open(page.image_path) as image:
            for box in page.boxes:
                name = _label_of(box.text, labels, wanted)
                if name is None:
                    continue
                left, top, _, bottom = box.box
                crop = image.crop((max(0, left - MARGIN), max(0, top - MARGIN), image.width, min(image.height, bottom + MARGIN)))
                target = Path(page.image_path).with_name(f"{Path(page.image_path).stem}-{name}.jpg")
                crop.convert("RGB").save(target, "JPEG", quality=85)
                images[name] = str(target)
                wanted.discard(name)
    return images
