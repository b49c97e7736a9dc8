"""Module-scoped world and clients for the access matrix and the fuzz tests.

Import them into a test module (`from tests.akses.fixtures import ...  # noqa: F401`). The world
is built once per module inside a transaction rolled back at the end; `request_as` runs each
request in a savepoint rolled back after it, so no request sees another's changes.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from tests.akses.dunia import PERAN, bangun_dunia

PRODUCT_APPS = ("akun", "lsp", "advokasi", "monitoring", "laporan")


@pytest.fixture(scope="module")
def _media_modul(tmp_path_factory):
    return tmp_path_factory.mktemp("media-modul")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, _media_modul):
    """The world's files live for the whole module (the root conftest's are per test)."""
    settings.MEDIA_ROOT = _media_modul


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker, _media_modul):
    from django.contrib.auth import get_user_model
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=_media_modul):
        with transaction.atomic():
            world = bangun_dunia(get_user_model())
            yield world
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(dunia):
    """One logged-in client per role (and one anonymous), with the session key to restore."""
    made = {None: (Client(), None)}
    for role in PERAN:
        client = Client()
        client.force_login(dunia.users[role])
        made[role] = (client, client.cookies[settings.SESSION_COOKIE_NAME].value)
    return made


def product_tables() -> list[str]:
    return [
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in PRODUCT_APPS and model._meta.managed
    ]


def snapshot() -> tuple[int, ...]:
    """Rows of every table of the product, history tables included, in one query."""
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in product_tables())
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def changes(before, after) -> dict[str, tuple[int, int]]:
    return {t: (b, a) for t, b, a in zip(product_tables(), before, after, strict=True) if b != a}


def request_as(clients, role, method, url, data=None, *, check_changes=False, **extra):
    """One request in a savepoint rolled back afterwards: (response, {table: (before, after)})
    for the tables whose row count it changed (only computed with `check_changes`)."""
    client, session_key = clients[role]
    client.cookies.clear()
    if session_key:
        # A logout (or a cycled key) inside the rolled-back savepoint must not leak into the next
        # request: always present the role's original session.
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    with transaction.atomic():
        before = snapshot() if check_changes else None
        if data is None:
            response = getattr(client, method)(url, **extra)
        else:
            response = getattr(client, method)(url, data, **extra)
        changed = changes(before, snapshot()) if check_changes else {}
        transaction.set_rollback(True)
    return response, changed
