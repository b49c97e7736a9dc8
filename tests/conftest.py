"""A real Celery worker for the tests marked `worker`.

.ci/run sets CELERY_TEST_BROKER_URL (a Redis database kept for tests) and REQUIRE_SERVICES=1, so a
missing broker fails there; on a laptop without Redis the worker tests are skipped.
"""

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
CELERY = BASE_DIR / ".venv" / "bin" / "celery"
READY_TIMEOUT = 30


@dataclass
class WorkerProcess:
    broker_url: str
    mail_dir: Path
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _broker_url_or_skip() -> str:
    broker_url = os.environ.get("CELERY_TEST_BROKER_URL", "")
    if not broker_url:
        message = (
            "CELERY_TEST_BROKER_URL is not set, so no Celery worker can be started "
            "(e.g. CELERY_TEST_BROKER_URL=redis://127.0.0.1:6379/15; .ci/run sets it)."
        )
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {message}", pytrace=False)
        pytest.skip(message)
    return broker_url


def _check_redis(broker_url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(broker_url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        error = exc
    else:
        return
    pytest.fail(f"Redis at {broker_url} is not reachable: {error}", pytrace=False)


@pytest.fixture
def celery_worker_process(tmp_path):
    """Starts `celery -A config worker` on the test broker; mail it sends lands in mail_dir."""
    broker_url = _broker_url_or_skip()
    _check_redis(broker_url)

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test",
        "DEBUG": "1",
        # django-environ drops the first "/" of the path: four slashes give an absolute path.
        "EMAIL_URL": f"filemail:///{mail_dir}",
    }
    command = [
        str(CELERY),
        "-A",
        "config",
        "worker",
        "-P",
        "solo",
        "-c",
        "1",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-l",
        "info",
        "-n",
        f"pytest-{os.getpid()}@%h",
    ]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    worker = WorkerProcess(broker_url=broker_url, mail_dir=mail_dir, log_path=log_path)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while " ready." not in worker.log():
            if process.poll() is not None:
                pytest.fail(
                    f"The Celery worker exited with {process.returncode}:\n{worker.log()}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"The Celery worker was not ready within {READY_TIMEOUT} s:\n{worker.log()}",
                    pytrace=False,
                )
            time.sleep(0.2)
        yield worker
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
