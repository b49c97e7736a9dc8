"""The user's own notification list, marking as read, and the navbar's unread count."""

from datetime import date
from itertools import count as counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akun.models import Notifikasi

pytestmark = pytest.mark.django_db

LIST = reverse("notifikasi-list")
SEMUA = reverse("notifikasi-baca-semua")
_seq = counter(1)


def notif(user, n=1, *, dibaca=False, jenis=Notifikasi.Jenis.RTL_JATUH_TEMPO, url="/sasaran/"):
    from django.utils import timezone

    rows = []
    for _i in range(n):
        i = next(_seq)
        rows.append(
            Notifikasi.objects.create(
                user=user,
                jenis=jenis,
                kunci=f"rtl:{i}",
                tanggal=date(2026, 5, 10),
                pesan=f"RTL RTL-2026-{i:04d} jatuh tempo 3 hari lagi ({user.username})",
                url=url,
                dibaca_pada=timezone.now() if dibaca else None,
            )
        )
    return rows[0] if n == 1 else rows


def test_list_shows_only_the_users_own_notifications(client_as, fasilitator, fasilitator_lain):
    notif(fasilitator)
    notif(fasilitator_lain)
    response = client_as(fasilitator).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "(fasilitator)" in html
    assert "(fasilitator_lain)" not in html
    assert [n.user for n in response.context["page"]] == [fasilitator]


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_list_refuses_post(client_as, fasilitator):
    assert client_as(fasilitator).post(LIST).status_code == 405


def test_list_filters_unread_by_kind_and_by_search(client_as, fasilitator):
    unread = notif(fasilitator)
    read = notif(fasilitator, dibaca=True, jenis=Notifikasi.Jenis.MONITORING)
    read.kunci, read.pesan = "rencana:9", "Monitoring MON-2026-0009 dijadwalkan"
    read.save()
    client = client_as(fasilitator)

    def pks(**params):
        return [n.pk for n in client.get(LIST, params).context["page"]]

    assert pks(status="belum") == [unread.pk]
    assert pks(status="sudah") == [read.pk]
    assert pks(jenis="monitoring") == [read.pk]
    assert pks(q="MON-2026-0009") == [read.pk]
    assert client.get(LIST, {"jenis": "bukan-jenis"}).status_code == 200


def test_opening_a_notification_marks_it_read_and_goes_to_its_record(client_as, fasilitator):
    row = notif(fasilitator, url="/sasaran/")
    response = client_as(fasilitator).post(
        reverse("notifikasi-baca", args=[row.pk]), {"aksi": "buka"}
    )
    assert response.status_code == 302
    assert response.url == "/sasaran/"
    row.refresh_from_db()
    assert row.dibaca_pada is not None


def test_mark_read_button_returns_to_the_filtered_list(client_as, fasilitator):
    row = notif(fasilitator)
    response = client_as(fasilitator).post(
        reverse("notifikasi-baca", args=[row.pk]), {"aksi": "baca", "kembali": "?status=belum"}
    )
    assert response.status_code == 302
    assert response.url == f"{LIST}?status=belum"
    row.refresh_from_db()
    assert row.dibaca_pada is not None


def test_reading_again_keeps_the_first_read_time(client_as, fasilitator):
    row = notif(fasilitator, dibaca=True)
    first = row.dibaca_pada
    client_as(fasilitator).post(reverse("notifikasi-baca", args=[row.pk]), {"aksi": "baca"})
    row.refresh_from_db()
    assert row.dibaca_pada == first


def test_another_users_notification_is_404_and_stays_unread(client_as, fasilitator, komisi):
    theirs = notif(fasilitator)
    response = client_as(komisi).post(
        reverse("notifikasi-baca", args=[theirs.pk]), {"aksi": "buka"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.dibaca_pada is None


def test_marking_read_refuses_get(client_as, fasilitator):
    row = notif(fasilitator)
    assert client_as(fasilitator).get(reverse("notifikasi-baca", args=[row.pk])).status_code == 405
    assert client_as(fasilitator).get(SEMUA).status_code == 405


def test_anonymous_cannot_mark_read(client, fasilitator):
    row = notif(fasilitator)
    response = client.post(reverse("notifikasi-baca", args=[row.pk]), {"aksi": "baca"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.dibaca_pada is None


def test_an_offsite_url_is_never_followed(client_as, fasilitator):
    row = notif(fasilitator, url="https://contoh-jahat.example/")
    response = client_as(fasilitator).post(
        reverse("notifikasi-baca", args=[row.pk]), {"aksi": "buka", "kembali": "//jahat.example"}
    )
    assert response.url == LIST


def test_mark_all_read_touches_only_own_notifications(client_as, fasilitator, fasilitator_lain):
    mine = notif(fasilitator, 3)
    theirs = notif(fasilitator_lain)
    response = client_as(fasilitator).post(SEMUA, follow=True)
    assert "3 notifikasi ditandai sudah dibaca." in response.content.decode()
    assert not Notifikasi.objects.filter(pk__in=[n.pk for n in mine], dibaca_pada=None).exists()
    theirs.refresh_from_db()
    assert theirs.dibaca_pada is None


def test_navbar_shows_the_unread_count(client_as, fasilitator, fasilitator_lain):
    notif(fasilitator, 2)
    notif(fasilitator, dibaca=True)
    notif(fasilitator_lain, 5)
    html = client_as(fasilitator).get(reverse("beranda")).content.decode()
    assert 'id="jumlah-notifikasi">2<' in html


def test_navbar_shows_no_badge_without_unread_notifications(client_as, fasilitator):
    notif(fasilitator, dibaca=True)
    html = client_as(fasilitator).get(reverse("beranda")).content.decode()
    assert 'id="jumlah-notifikasi"' not in html
    assert reverse("notifikasi-list") in html


def test_navbar_count_costs_one_query(client_as, fasilitator):
    client = client_as(fasilitator)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("beranda"))
        return [q["sql"] for q in ctx.captured_queries if "akun_notifikasi" in q["sql"]]

    notif(fasilitator, 2)
    assert len(count()) == 1


def test_list_runs_a_constant_number_of_queries(client_as, fasilitator, settings):
    client = client_as(fasilitator)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"status": "belum", "urut": "-dibuat"}).status_code == 200
        return len(ctx)

    notif(fasilitator, 2)
    small = count()
    Notifikasi.objects.bulk_create(
        [
            Notifikasi(
                user=fasilitator,
                jenis=Notifikasi.Jenis.MONITORING,
                kunci=f"rencana:{i}",
                tanggal=date(2026, 5, 11),
                pesan=f"Monitoring {i}",
                url="/",
            )
            for i in range(60)
        ]
    )
    assert count() == small
    assert small <= 11


def test_list_is_paginated(client_as, fasilitator, settings):
    settings.PAGE_SIZE = 5
    notif(fasilitator, 12)
    page = client_as(fasilitator).get(LIST, {"halaman": 99}).context["page"]
    assert page.number == 3
    assert len(page.object_list) == 2


def test_one_notification_per_user_item_and_day_is_enforced_by_the_database(fasilitator):
    from django.db import IntegrityError, transaction

    row = notif(fasilitator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notifikasi.objects.create(
            user=fasilitator,
            jenis=row.jenis,
            kunci=row.kunci,
            tanggal=row.tanggal,
            pesan="lagi",
        )
