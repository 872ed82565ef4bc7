"""Things about a received mail that staff must act on, rather than files it brought.

A mail without materials (a question) and a QQ 超大附件 link are each kept once
(`Store.record_notice`): listed under `errors` for staff in any case, and put by the assembly
on the applicant owning the mail's files as a flag, found by the mail's group and sender, the
keys its linking already uses (a sighting's Origin.group and Origin.sender).
"""

from __future__ import annotations

NO_MATERIALS = "mail_without_materials"
OVERSIZED_LINK = "oversized_attachment_link"
