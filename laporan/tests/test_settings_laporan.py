import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from config.celery import app
from laporan.tasks import buat_berkas_laporan

BASE_DIR = Path(__file__).resolve().parents[2]


def test_soft_limit_below_hard_limit_below_broker_visibility_timeout():
    soft = settings.CELERY_TASK_SOFT_TIME_LIMIT
    hard = settings.CELERY_TASK_TIME_LIMIT
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert 0 < soft < hard < visibility
    assert (app.conf.task_soft_time_limit, app.conf.task_time_limit) == (soft, hard)
    assert app.conf.broker_transport_options["visibility_timeout"] == visibility


def test_report_task_is_acknowledged_late_and_requeued_when_its_worker_dies():
    assert buat_berkas_laporan.acks_late is True
    assert buat_berkas_laporan.reject_on_worker_lost is True


def test_settings_refuse_limits_in_the_wrong_order():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CELERY_")},
        "DEBUG": "1",
        "CELERY_TASK_SOFT_TIME_LIMIT": "700",
        "CELERY_TASK_TIME_LIMIT": "660",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT" in result.stderr
