"""What is done to a mail in the mailbox once its files are safely in: set a keyword (the
default, `$Intake`), mark it seen, or move it to a folder such as 已处理. Never delete.

Every action is idempotent, so repeating one after a crash is harmless; a message that is
no longer there (moved by a person) is not an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pipeline.config import MailPostAction
from pipeline.mail.connection import MailConnection


class PostAction(Protocol):
    def prepare(self, connection: MailConnection) -> None: ...

    def apply(self, connection: MailConnection, uid: int) -> None: ...


@dataclass(frozen=True)
class SetKeyword:
    keyword: str

    def prepare(self, connection: MailConnection) -> None:
        return None

    def apply(self, connection: MailConnection, uid: int) -> None:
        connection.add_flags(uid, [self.keyword])


@dataclass(frozen=True)
class MarkSeen:
    def prepare(self, connection: MailConnection) -> None:
        return None

    def apply(self, connection: MailConnection, uid: int) -> None:
        connection.add_flags(uid, ["\\Seen"])


@dataclass(frozen=True)
class MoveTo:
    folder: str

    def prepare(self, connection: MailConnection) -> None:
        connection.ensure_folder(self.folder)

    def apply(self, connection: MailConnection, uid: int) -> None:
        connection.move(uid, self.folder)


def post_action(settings: MailPostAction) -> PostAction:
    if settings.action == "seen":
        return MarkSeen()
    if settings.action == "move":
        return MoveTo(settings.move_to)
    return SetKeyword(settings.keyword)
