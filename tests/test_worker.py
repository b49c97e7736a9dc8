"""A real worker on Redis runs the product's tasks (the rest of the suite runs tasks eagerly)."""

import time

import pytest
from kombu import pools

from akun.tasks import send_email
from config.celery import app

MAIL_TIMEOUT = 20


@pytest.fixture
def app_on_test_broker(celery_worker_process):
    """Points this process's Celery app at the worker's broker, and back afterwards.

    The app read its settings at import, so overriding CELERY_BROKER_URL in Django settings would
    not reach it; the connection pools are dropped so the next send connects to the new broker.
    """
    keys = ("broker_url", "task_always_eager", "result_backend")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_url=celery_worker_process.broker_url, task_always_eager=False, result_backend=None
    )
    _forget_broker_connections()
    try:
        yield celery_worker_process
    finally:
        _forget_broker_connections()
        app.conf.update(saved)


def _forget_broker_connections():
    """Drops the pools that hold connections to the old broker (as Celery does after a fork)."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
    # kombu keeps producer pools per broker in a registry of its own; one built on the pool just
    # closed would answer "Acquire on closed pool" to the next test that sends to that broker.
    pools.reset()


@pytest.mark.worker
def test_worker_on_redis_sends_queued_email(app_on_test_broker):
    send_email.delay("Subjek uji", "Isi", ["a@b.id"])

    deadline = time.monotonic() + MAIL_TIMEOUT
    while True:
        mails = [path.read_text(errors="replace") for path in app_on_test_broker.mail_dir.iterdir()]
        if any("Subjek uji" in mail for mail in mails):
            break
        if time.monotonic() > deadline:
            pytest.fail(
                f"No mail with 'Subjek uji' within {MAIL_TIMEOUT} s; worker log:\n"
                f"{app_on_test_broker.log()}",
                pytrace=False,
            )
        time.sleep(0.2)
