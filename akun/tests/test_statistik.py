"""SQLite's planner statistics (akun.statistik): refreshed every morning, after the demo data and
on demand; other databases are left to keep their own."""

from io import StringIO

import pytest
from celery.schedules import crontab
from django.core.management import call_command
from django.db import connection

from akun.statistik import perbarui_statistik
from akun.tasks import perbarui_statistik_db
from lsp.tests.factories import LspFactory

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own statistics")


def _analysed_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchall():
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@sqlite_only
def test_sqlite_gets_statistics_of_its_tables():
    LspFactory.create_batch(3)
    assert perbarui_statistik() is True
    assert {"lsp_sasaran", "lsp_lsp"} <= _analysed_tables()


@pytest.mark.skipif(connection.vendor == "sqlite", reason="databases that keep their own")
def test_other_databases_are_left_to_keep_their_own():
    assert perbarui_statistik() is False


@sqlite_only
def test_loading_the_demo_data_leaves_statistics_behind():
    call_command("seed_demo", force=True, stdout=StringIO())
    assert {"advokasi_rtl", "advokasi_permasalahan", "lsp_sasaran"} <= _analysed_tables()


def test_the_task_and_the_command_do_the_same():
    LspFactory()
    assert perbarui_statistik_db.delay().get() is (connection.vendor == "sqlite")
    out = StringIO()
    call_command("perbarui_statistik", stdout=out)
    expected = "Statistik SQLite diperbarui." if connection.vendor == "sqlite" else "Bukan SQLite"
    assert expected in out.getvalue()


def test_statistics_are_refreshed_every_morning_before_the_rule_checks(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["perbarui-statistik-db"]
    assert entry["task"] == "akun.tasks.perbarui_statistik_db"
    assert entry["schedule"] == crontab(hour=5, minute=30)
    rules = settings.CELERY_BEAT_SCHEDULE["aturan-periksa-harian"]["schedule"]
    assert max(entry["schedule"].hour) < min(rules.hour)
