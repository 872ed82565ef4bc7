"""Runs the processing of stored files in a pool of worker processes, one per core, and
records each outcome in the store as it comes. The daemon itself never reads a file: a page
that takes all memory kills a worker, not the daemon. A file whose worker crashes is tried once
more alone, then marked failed (kept, reported); the pool is rebuilt for the rest. Workers are
replaced after a number of files (memory never creeps) and end with the daemon (lifeline.py)."""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timezone

from pipeline.errors import UNREADABLE
from pipeline.intake.heap import give_back_free_memory
from pipeline.intake.lifeline import end_with
from pipeline.intake.retry import given_up_message, plan_retry, waiting_message
from pipeline.processing import FileOutcome, Job, WorkerSettings, process_file
from pipeline.store import Store

log = logging.getLogger("pipeline.runner")


def _in_worker(step, job: Job, settings: WorkerSettings) -> FileOutcome:
    """One file in a worker process (`step`: process_file); then the memory it freed goes back
    to the system, rather than idling in the worker until the next file."""
    try:
        return step(job, settings)
    finally:
        give_back_free_memory()


def worker_count(configured: int, memory_per_worker_mb: int) -> int:
    """The configured number of workers, else one per core, as many as free memory holds."""
    if configured > 0:
        return configured
    cores = max(1, os.cpu_count() or 1)
    available = _available_memory_mb()
    fitting = max(1, available // memory_per_worker_mb)
    if fitting < cores:
        log.info("%d worker(s), not one per core (%d): %d MB of memory available, about %d MB per worker",
                 fitting, cores, available, memory_per_worker_mb)
    return min(cores, fitting)


def _available_memory_mb() -> int:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20


class Processor:
    def __init__(self, store: Store, settings: WorkerSettings, workers: int) -> None:
        self.store = store
        self.settings = settings
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pool_files = 0  # files given to the current pool

    @property
    def _pool_share(self) -> int:
        """How many files a pool reads before it is replaced: worker_max_files per worker."""
        return self.workers * self.settings.processing.worker_max_files

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        # Not max_tasks_per_child: on Python 3.11 to 3.13 the pool then stops running queued
        # tasks once a worker retires (CPython gh-115634); whole pools are replaced instead.
        return ProcessPoolExecutor(
            max_workers=workers,
            # forkserver: the daemon has threads (folder watcher), which fork does not copy safely
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=end_with,
            initargs=(os.getpid(),),
        )

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is not None and self._pool_files >= self._pool_share:
            self.close()  # its workers have read their share: fresh ones, so memory never creeps
        if self._pool is None:
            self._pool, self._pool_files = self._new_pool(self.workers), 0
        return self._pool

    def _record(self, outcome: FileOutcome) -> None:
        fingerprint = self.settings.rules.fingerprint
        if outcome.results is not None:
            try:
                self.store.save_results(outcome.sha256, outcome.results, fingerprint)
                return
            except (TypeError, ValueError) as error:  # a result that cannot be stored is this file's error
                log.exception("results of %s cannot be stored", outcome.sha256[:12])
                outcome = FileOutcome.failed(outcome.sha256, f"处理结果无法保存（内部错误: {error}），文件已保留")
        error, code = outcome.error or "无法读取", outcome.code or UNREADABLE
        if outcome.transient is not None:
            attempts = self.store.attempts(outcome.sha256) + 1
            retry = plan_retry(outcome.transient, attempts)
            if retry.retry:
                log.warning("%s: %s; trying again in %s", outcome.sha256[:12], retry.cause.name, retry.delay)
                self.store.defer(outcome.sha256, waiting_message(retry.cause), code,
                                 datetime.now(timezone.utc) + retry.delay)
                return
            error = given_up_message(retry.cause, attempts, error)
        self.store.save_failure(outcome.sha256, error, code, fingerprint)

    def run_pending(self, should_stop=lambda: False) -> int:
        """Processes every pending file; returns how many were processed."""
        pending = self.store.pending(self.settings.rules.fingerprint)
        if not pending:
            return 0
        jobs = [Job(sha, self.store.blobs.path(sha), filename) for sha, filename in pending]
        log.info("processing %d file(s) with %d worker(s)", len(jobs), self.workers)
        done = 0
        while jobs and not should_stop():
            pool = self._executor()
            share, jobs = jobs[: self._pool_share - self._pool_files], jobs[self._pool_share - self._pool_files:]
            self._pool_files += len(share)
            done += self._run_in_pool(pool, share, should_stop)
        return done

    def _run_in_pool(self, pool: ProcessPoolExecutor, jobs: list[Job], should_stop) -> int:
        futures: dict[Future, Job] = {pool.submit(_in_worker, process_file, job, self.settings): job for job in jobs}
        done = 0
        broken: list[Job] = []
        try:
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken.append(futures[future])
                    continue
                self._record(outcome)
                done += 1
                if should_stop():
                    break
        finally:
            for future in futures:
                future.cancel()
        if broken:
            self._discard_pool()
            done += self._isolate(broken, should_stop)
        return done

    def _isolate(self, jobs: list[Job], should_stop) -> int:
        """After a worker crash, runs the affected files one by one: the one that crashes
        its worker again is recorded as failed; the others are processed normally."""
        done = 0
        for job in jobs:
            if should_stop():
                break
            with self._new_pool(1) as single:
                try:
                    outcome = single.submit(_in_worker, process_file, job, self.settings).result()
                except BrokenProcessPool:
                    log.error("worker crashed while processing %s (%s)", job.filename, job.sha256[:12])
                    outcome = FileOutcome.failed(job.sha256, "处理该文件时程序异常退出，文件已保留，请人工查看")
            self._record(outcome)
            done += 1
        return done

    def _discard_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
