"""Users of every role, shared by the whole suite.

The BKSP user is bound to Jawa Barat; "other province" records live in Jawa Timur.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from akun.models import Profil
from akun.roles import Role
from lsp.tests.factories import provinsi

PASSWORD = "sandi-uji-yang-panjang-2026"


def make_user(django_user_model, username, role=None, provinsi_nama=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@bnsp.go.id", **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    Profil.objects.create(user=user, provinsi=provinsi(provinsi_nama) if provinsi_nama else None)
    return user


def pytest_collection_modifyitems(items):
    """A transactional test must restore the migrated data it flushes (serialized_rollback).

    Without it the flush re-creates content types under new ids, and every later test that
    restores the snapshot (the browser and worker tests) fails on PostgreSQL with a duplicate key.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use @pytest.mark.django_db(transaction=True, "
                "serialized_rollback=True)"
            )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: its database is new, the cached figures of the test
    before are not about it (their data version can even coincide)."""
    cache.clear()


@pytest.fixture
def komisi(django_user_model):
    return make_user(django_user_model, "komisi", Role.STAF_KOMISI)


@pytest.fixture
def admin_user(django_user_model):
    return make_user(django_user_model, "admin", Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def fasilitator(django_user_model):
    return make_user(django_user_model, "fasilitator", Role.FASILITATOR)


@pytest.fixture
def bksp_user(django_user_model):
    return make_user(django_user_model, "bksp_jabar", Role.BKSP, "Jawa Barat")


@pytest.fixture
def pimpinan(django_user_model):
    return make_user(django_user_model, "pimpinan", Role.PIMPINAN)


@pytest.fixture
def no_role(django_user_model):
    return make_user(django_user_model, "tanpa_peran")


@pytest.fixture
def client_as(client):
    """client_as(user) -> the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


# --- browser tests: Debian's chromium, since Playwright cannot download its own here -------------

CHROMIUM = "/usr/bin/chromium"
# Playwright's sync API keeps an event loop running in the test thread for the whole session, and
# Django then refuses synchronous ORM calls (test database set-up included) unless told it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Serialized rollback for every browser test, not just the first.

    With Playwright's loop running, Django's connections are per-context (asgiref), so a browser
    test gets a new connection object that lacks the snapshot of the migrated data taken when the
    database was created; after one browser test flushes the database, the next would start
    without roles or provinces. New connections are given the snapshot too.
    """
    from django.db import connections

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    create_connection = connections.create_connection

    def create_connection_with_snapshot(alias):
        connection = create_connection(alias)
        if alias in snapshots:
            connection._test_serialized_contents = snapshots[alias]
        return connection

    connections.create_connection = create_connection_with_snapshot
    yield
    connections.create_connection = create_connection


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """On SQLite the live server's threads share the test's one in-memory connection, and two
    requests at once (a page and its service worker, say) then break each other's savepoints.
    There the live server still accepts connections in threads (Chromium opens idle ones ahead of
    time) but lets one request at a time into Django; on PostgreSQL each thread has its own.
    """
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class OneAtATimeWSGIServer(ThreadedWSGIServer):
        def set_app(self, application):
            lock = threading.Lock()

            def app(environ, start_response):
                with lock:
                    return application(environ, start_response)

            super().set_app(app)

    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = OneAtATimeWSGIServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make sysdeps` (apt-get install chromium).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


# --- advocacy teams: "mine" and "another team's" -------------------------------------------------


@pytest.fixture
def fasilitator_lain(django_user_model):
    """A fasilitator of another team, who must not see or touch the first team's records."""
    return make_user(django_user_model, "fasilitator_lain", Role.FASILITATOR)


@pytest.fixture
def bksp_lain(django_user_model):
    """A BKSP user of another province (Jawa Timur)."""
    return make_user(django_user_model, "bksp_jatim", Role.BKSP, "Jawa Timur")


@pytest.fixture
def tim(komisi, fasilitator):
    from advokasi.tests.factories import TimFactory

    return TimFactory(nama="Tim Advokasi Jawa Barat", koordinator=komisi, anggota=[fasilitator])


@pytest.fixture
def tim_lain(komisi, fasilitator_lain):
    from advokasi.tests.factories import TimFactory

    return TimFactory(
        nama="Tim Advokasi Jawa Timur", koordinator=komisi, anggota=[fasilitator_lain]
    )
