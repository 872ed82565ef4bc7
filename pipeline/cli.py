"""The command line (console script `intake`). The one place where errors become exit codes."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import signal
import sys
import threading
from pathlib import Path

from pipeline.access import private_folder
from pipeline.app import App
from pipeline.config import Settings, load_settings
from pipeline.errors import ExitCode, IntakeError
from pipeline.outputs.safe_text import clean_text

log = logging.getLogger("pipeline")

LOG_LINE_LIMIT = 100_000  # a traceback fits; a 10 MB subject does not


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="intake", description="技能大师工作室申报材料自动收取与核对")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--config", type=Path, default=None, help="config file (default ./config.toml)")
        return sub

    command("run", "the daemon: watch the scan folder and mailbox until stopped")
    command("once", "one full pass over mailbox and scan folder, refresh outputs, exit")
    ingest = command("ingest", "take in files, folders, archives and .eml files as if they had arrived")
    ingest.add_argument("paths", nargs="+", type=Path)
    command("report", "rebuild workbook, reports and status.json from the state store alone")
    status = command("status", "print the completeness table, or one applicant's detail")
    status.add_argument("unit", nargs="?", help="a unit name (or part of it)")
    command("health", "one line and an exit code (0 healthy, 1 degraded, 2 down) from the daemon's heartbeat")
    demo = command("demo", "make a realistic sample set, run it through, say where the outputs are")
    demo.add_argument("--folder", type=Path, default=Path("demo"), help="where the demo lives (default ./demo)")
    demo.add_argument("--sample", type=Path, default=None,
                      help="a sample set (default: the one installed with the program, demo-sample/)")
    return parser


class CleanFormatter(logging.Formatter):
    """Log lines carry names senders made: their control characters are shown, not sent to a
    terminal, and a name that is no text (a lone surrogate) cannot make a line vanish."""

    def format(self, record: logging.LogRecord) -> str:
        return clean_text(super().format(record), limit=LOG_LINE_LIMIT)


def _logging(settings: Settings | None, verbose: bool) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = CleanFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(formatter)
    root.handlers[:] = [console]
    if settings is not None:
        private_folder(settings.state_folder)
        file_handler = logging.handlers.RotatingFileHandler(
            settings.state_folder / "intake.log", maxBytes=5 << 20, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def handle(signum, _frame) -> None:
        log.info("received %s, finishing the file in hand", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    return stop


def _once(app: App) -> None:
    """Mailbox, then scan folder; a mailbox that cannot be reached does not keep the scan folder
    from being processed and the outputs refreshed, and then fails the pass (exit code 1)."""
    from pipeline.sources.scan_folder import ScanFolder

    mail_error: IntakeError | None = None
    if app.settings.mail.enabled:
        from pipeline.mail.connection import MailConnectionError
        from pipeline.mail.source import MailSource

        try:
            MailSource(app.settings, threading.Event()).fetch_once()
        except MailConnectionError as error:
            log.error("mailbox: %s; going on with the scan folder", error)
            mail_error = error
    ScanFolder(app.settings.scan_folder, app.settings.scan, app.service).take_all()
    app.process()
    app.refresh_outputs()
    if mail_error is not None:
        raise mail_error


def _ingest(app: App, paths: list[Path]) -> None:
    from pipeline.sources.ingest import ingest

    new = ingest(paths, app.service, app.receive_eml)
    log.info("%d new file(s) taken in", new)
    app.process()
    app.refresh_outputs()


def _health(settings: Settings) -> int:
    from datetime import datetime, timezone

    from pipeline.health import judge, read_heartbeat
    from pipeline.intake.diskspace import free_mb

    beat = read_heartbeat(settings.state_folder)
    verdict = judge(
        beat,
        now=datetime.now(timezone.utc),
        disk_free_mb=free_mb(settings.state_folder if settings.state_folder.exists() else settings.base_dir),
        min_free_mb=settings.health.min_free_mb,
        daemon_alive=beat is not None and _process_alive(beat.pid),
        mail_poll_seconds=settings.mail.poll_interval_seconds,
    )
    print(clean_text(verdict.line))
    return int(verdict.health)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "health":
        return _health(load_settings(args.config))
    if args.command == "demo":
        from pipeline.demo import run_demo

        _logging(None, args.verbose)
        run_demo(args.folder, args.sample)
        return ExitCode.ok
    settings = load_settings(args.config)
    _logging(settings, args.verbose)
    app = App(settings, exclusive=args.command != "status")
    try:
        if args.command in ("run", "once", "ingest"):
            app.check_programs()
        if args.command == "run":
            from pipeline.daemon import run

            run(app, _stop_on_signals())
        elif args.command == "once":
            _once(app)
        elif args.command == "ingest":
            _ingest(app, args.paths)
        elif args.command == "report":
            app.refresh_outputs()
        elif args.command == "status":
            from pipeline.terminal import print_status

            print_status(app.assemble(), app.rules, args.unit)
    finally:
        app.close()
    return ExitCode.ok


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(_dispatch(args))
    except IntakeError as error:
        log.error("%s", error)
        print(f"intake: {error}", file=sys.stderr)
        return int(error.exit_code)
    except KeyboardInterrupt:
        return int(ExitCode.interrupted)
