"""The application context: settings, rules, the store, intake and processing, outputs.

Every command builds one `App`; nothing is global. Start-up checks (rules valid, programs
installed) run here, before any file or mail is touched.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from pipeline.access import private_folder, share_outputs, use_private_temp
from pipeline.assembly import assemble
from pipeline.config import Settings
from pipeline.intake.runner import Processor, worker_count
from pipeline.intake.service import IntakeService
from pipeline.models import IntakeState
from pipeline.ocr import check_programs, worker_memory_mb
from pipeline.outputs.archive import ArchiveWriter
from pipeline.outputs.failures import ALL_OUTPUTS, OutputRun
from pipeline.outputs.html_report import HtmlReport
from pipeline.notify import smtp
from pipeline.notify.outbox import Outbox
from pipeline.notify.run import notice_key, notices_due, receipts_due, send_all
from pipeline.outputs.notices import Sender, WrittenNotice, write_notices
from pipeline.outputs.thumbnails import Thumbnails
from pipeline.outputs.status_json import write_status
from pipeline.outputs.workbook import Letterhead, write_workbook
from pipeline.outputs.workbook_layout import SEND_CHOICE
from pipeline.outputs.workbook_read import moves_seen, read_edits, reviews_seen, sending_requested
from pipeline.processing import WorkerSettings
from pipeline.readers.context import page_files_shown, sweep_page_folder
from pipeline.rules import load_rules
from pipeline.store import Store
from pipeline.store.lock import StoreLock
from pipeline.store.staff_marks import StaffMarks
from pipeline.wording import local_time

log = logging.getLogger("pipeline.app")


class App:
    def __init__(self, settings: Settings, *, exclusive: bool = False) -> None:
        """`exclusive`: this process owns the store (every command that writes; `status` only
        reads): it holds the store's lock, keeps its temporary files in var/tmp and writes the
        outputs for the staff's group (access.py; the umask and TMPDIR are the process's)."""
        self.settings = settings
        self.rules = load_rules(settings.rules_folder)
        self._lock = StoreLock(private_folder(settings.state_folder)) if exclusive else None
        if self._lock is not None:
            self._lock.acquire()
            use_private_temp(settings.state_folder)
            share_outputs(settings.output_folder, settings.access)
        self.store = Store(settings.state_folder)
        self.staff_marks = StaffMarks(self.store.connection)
        self._workbook_written: float | None = None  # summary.xlsx's mtime after our last refresh
        if settings.notify.enabled and exclusive:
            Outbox(self.store.connection).since(self._now())  # mails received from now on get a receipt
        self.service = IntakeService(self.store, settings.processing)
        self._processor: Processor | None = None
        self.alerts: list[str] = []  # the daemon's own state, for the overview's banner (a full disk)

    def check_programs(self) -> None:
        """Fails early, with the command that fixes it, when an OCR program is missing."""
        check_programs(self.settings.ocr)

    @property
    def processor(self) -> Processor:
        if self._processor is None:
            worker_settings = WorkerSettings(
                ocr=self.settings.ocr,
                processing=self.settings.processing,
                rules=self.rules,
                page_folder=self.store.pages_folder,
            )
            workers = worker_count(self.settings.processing.workers, worker_memory_mb(self.settings.ocr))
            self._processor = Processor(self.store, worker_settings, workers)
        return self._processor

    def sweep_pages(self) -> None:
        """Clears the page folder of what crashes and upgrades left, keeping what reports show."""
        results = [result for results in self.store.documents().values() for result in results]
        sweep_page_folder(self.store.pages_folder, page_files_shown(results))

    def receive_eml(self, path: Path) -> int:
        from pipeline.mail.ingest import receive_eml_file

        return receive_eml_file(path, self.service)

    def process(self, should_stop=lambda: False) -> int:
        return self.processor.run_pending(should_stop)

    def _now(self) -> datetime:
        return datetime.now(timezone.utc).astimezone(self.settings.call.deadline.tzinfo)

    def assemble(self) -> IntakeState:
        call = self.settings.call
        return assemble(
            documents=self.store.documents(),
            sightings=self.store.sightings(),
            errors=self.store.errors(),
            rules=self.rules,
            deadline=call.deadline,
            check_deadline_for=lambda clock: clock == "mail" or call.check_file_times,
            now=self._now(),
            notices=self.store.notices(),
            moves=self.staff_marks.moves(),
            reviews=self.staff_marks.reviews(),
        )

    def refresh_outputs(self) -> IntakeState:
        """Rebuilds workbook, reports, status.json, the notices and the archive from the store
        and what staff wrote in the workbook (review marks and document moves, first kept in
        the store).

        Each output is written on its own (`OutputRun`): one that fails is logged and recorded,
        the others are still written, and the overview names the failed ones.
        """
        out = self.settings.output_folder
        workbook = out / "summary.xlsx"
        try:
            edits = read_edits(workbook)
            self.staff_marks.record_reviews(reviews_seen(edits), self._now())
            self.staff_marks.record_moves(moves_seen(edits, self.rules), self._now())
            state = self.assemble()
        except Exception as error:  # no output can be written: say so where intake health looks, then fail
            nothing = OutputRun(self._now())
            nothing.fail(ALL_OUTPUTS, error)
            nothing.record(self.settings.state_folder)
            raise
        call, notice, processing = self.settings.call, self.settings.notice, self.settings.processing
        today = self._now().date()
        notices: dict[str, WrittenNotice] = {}
        run = OutputRun(state.generated_at)
        run.attempt("archive", lambda: ArchiveWriter(out / "archive", self.store.blobs, self.rules).write(state))
        run.attempt("notices", lambda: notices.update(write_notices(
            state, self.rules, out / "notices", call.name, Sender(**notice.model_dump()),
            lambda application, digest: self.staff_marks.notice_date(application, digest, today),
        )))
        sending = self._send_mail(state, notices, sending_requested(edits)) if self.settings.notify.enabled else None
        letterhead = Letterhead(notice.bureau, notice.contact_person, notice.contact_phone)
        run.attempt("summary.xlsx", lambda: write_workbook(
            state, self.rules, workbook, call.name, letterhead, edits, self.staff_marks.moves(),
            {key: f"notices/{n.path.name}" for key, n in notices.items()}, sending,
        ))
        run.attempt("status.json", lambda: write_status(state, self.rules, out / "status.json"))
        thumbnails = Thumbnails(out / "reports" / "pages", self.store.blobs, processing.libreoffice,
                                processing.convert_timeout_seconds)
        run.attempt("reports", lambda: HtmlReport(out / "reports", self.rules, call.name, thumbnails, call.check_file_times).write(
            state, run.failures, {key: f"../notices/{n.path.name}" for key, n in notices.items()}, self.alerts,
        ))
        run.record(self.settings.state_folder)
        self._workbook_written = _mtime(workbook)
        complete = sum(a.complete for a in state.applicants)
        log.info(
            "outputs refreshed: %d applicant(s), %d complete, %d unassigned, %d error(s); %d output(s) failed",
            len(state.applicants), complete, len(state.unassigned), len(state.errors), len(run.failures),
        )
        return state

    def _send_mail(self, state: IntakeState, notices: dict[str, WrittenNotice], requested: set[str]) -> dict[str, str]:
        """Sends the receipts due and the 补正通知 staff asked for ([notify]); returns what each
        application's 发送补正通知 cell says."""
        settings, bureau, now = self.settings.notify, self.settings.notice.bureau, self._now()
        outbox = Outbox(self.store.connection)
        due = []
        if settings.receipts:
            pending = {sha256 for sha256, _ in self.store.pending()}
            due += receipts_due(state, self.store.sightings(), self.rules, outbox, outbox.since(now), pending,
                                settings.from_address, bureau, now)
        files = {key: (n.path, n.digest) for key, n in notices.items()}
        due += notices_due(state, requested, files, outbox, settings.from_address, bureau, now)
        send_all(due, lambda message: smtp.send(settings, message), outbox, now)
        cells = {}
        for key, (_, digest) in files.items():
            sent = outbox.sent_at(notice_key(key, digest))
            cells[key] = f"已发送 {local_time(sent, now.tzinfo)}" if sent else (SEND_CHOICE if key in requested else "")
        return cells

    def workbook_saved_by_staff(self) -> bool:
        """summary.xlsx changed since our last refresh: staff saved marks or moves to read back."""
        return self._workbook_written is not None and _mtime(self.settings.output_folder / "summary.xlsx") != self._workbook_written

    def close(self) -> None:
        if self._processor is not None:
            self._processor.close()
        self.store.close()
        if self._lock is not None:
            self._lock.release()


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None
