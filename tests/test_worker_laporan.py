"""A report's worker is SIGKILLed mid-PDF: another worker finishes it, exactly once.

Needs PostgreSQL (the worker, a separate process, must see the test database) and Redis, as
.ci/run provides. Short time limits and visibility timeout (set for the worker through the
environment) let the broker hand the unacknowledged task out again within seconds.
"""

import os
import signal
import subprocess
import time
import uuid

import pytest
from django.db import connection

from config.celery import app
from laporan import services
from laporan.models import BerkasLaporan
from laporan.tests.factories import catatan_tahun, laporan_baru
from tests.conftest import BASE_DIR, CELERY, _broker_url_or_skip, _check_redis
from tests.test_worker import _forget_broker_connections

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
VISIBILITY = 12
B = BerkasLaporan.Status


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("The worker process needs a database it can share: run on PostgreSQL.")
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _start(env, log_path, queue):
    command = [
        str(CELERY),
        "-A",
        "config",
        "worker",
        "-P",
        "solo",
        "-c",
        "1",
        "-Q",
        queue,
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-l",
        "info",
        "-n",
        f"laporan-{uuid.uuid4().hex[:6]}@%h",
    ]
    log = log_path.open("ab")
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while " ready." not in log_path.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"Worker did not start:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.2)
    return process


def _wait(predicate, timeout, what, log_path):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {timeout} s; log:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.1)


def test_report_survives_a_sigkilled_worker_and_completes_exactly_once(
    komisi, tim, settings, tmp_path
):
    broker_url = _broker_url_or_skip()
    _check_redis(broker_url)
    queue = f"laporan-uji-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": "",
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test",
        "DEBUG": "1",
        "CELERY_TASK_SOFT_TIME_LIMIT": "8",
        "CELERY_TASK_TIME_LIMIT": "10",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
    }
    catatan_tahun(tim)
    # A long text makes the PDF take a few seconds: time to kill the worker mid-report.
    laporan = laporan_baru(komisi, kesimpulan="\n\n".join(["Paragraf kesimpulan. " * 40] * 150))

    saved = {
        k: app.conf[k]
        for k in ("broker_url", "task_always_eager", "result_backend", "task_default_queue")
    }
    app.conf.update(
        broker_url=broker_url,
        task_always_eager=False,
        result_backend=None,
        task_default_queue=queue,
    )
    _forget_broker_connections()
    log_path = tmp_path / "worker1.log"
    first = _start(env, log_path, queue)
    try:
        services.berkas_buat(user=komisi, laporan=laporan)  # on_commit: autocommit here
        row = BerkasLaporan.objects.filter(laporan=laporan, jenis="utama")
        _wait(
            lambda: row.filter(status=B.SEDANG, persen__gte=25).exists(),
            60,
            "The main PDF was not being made",
            log_path,
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        killed_at = time.monotonic()
        assert row.get().status == B.SEDANG  # left behind by the dead worker
        # The broker hands the unacknowledged task out again once the visibility timeout passed;
        # a worker restores such messages when it starts.
        time.sleep(max(0.0, VISIBILITY + 1 - (time.monotonic() - killed_at)))
        log_path = tmp_path / "worker2.log"
        second = _start(env, log_path, queue)
        try:
            _wait(
                lambda: (
                    not BerkasLaporan.objects.filter(
                        laporan=laporan, status__in=[B.ANTRE, B.SEDANG]
                    ).exists()
                ),
                120,
                "The files were not finished",
                log_path,
            )
        finally:
            second.terminate()
            second.wait(timeout=15)
    finally:
        if first.poll() is None:
            first.kill()
        _forget_broker_connections()
        app.conf.update(saved)
    rows = list(BerkasLaporan.objects.filter(laporan=laporan))
    assert len(rows) == 4 and all(r.status == B.SELESAI for r in rows)
    utama = next(r for r in rows if r.jenis == "utama")
    assert utama.percobaan == 2
    assert len(list((settings.MEDIA_ROOT / "laporan").rglob("*-laporan.pdf"))) == 1
