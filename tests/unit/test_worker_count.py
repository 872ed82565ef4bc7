"""The worker pool's size: the configured number, else one per core as far as memory holds."""

from __future__ import annotations

from pipeline.intake import runner


def test_configured_count_is_kept(monkeypatch):
    monkeypatch.setattr(runner, "_available_memory_mb", lambda: 100)
    assert runner.worker_count(3, 1300) == 3


def test_one_per_core_when_memory_holds_them(monkeypatch):
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(runner, "_available_memory_mb", lambda: 16_000)
    assert runner.worker_count(0, 1300) == 4


def test_fewer_workers_than_cores_on_little_memory(monkeypatch):
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 8)
    monkeypatch.setattr(runner, "_available_memory_mb", lambda: 3_000)
    assert runner.worker_count(0, 1300) == 2


def test_at_least_one_worker(monkeypatch):
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 8)
    monkeypatch.setattr(runner, "_available_memory_mb", lambda: 500)
    assert runner.worker_count(0, 1300) == 1


def test_available_memory_is_read_from_the_machine():
    assert runner._available_memory_mb() > 0
