"""Daily reminders: who is reminded of what, and never twice on the same day."""

from datetime import date, timedelta

import pytest
from celery.schedules import crontab
from django.core import mail
from django.core.mail import EmailMessage

from advokasi.models import Rtl
from advokasi.services.nomor import beri_nomor
from advokasi.tests.factories import BimbinganFactory, RtlFactory
from akun.models import Notifikasi
from conftest import make_user
from monitoring import pengingat
from monitoring.models import Instrumen, RencanaMonitoring
from monitoring.pengingat import PengingatGagal, pengingat_kirim, pengingat_untuk

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 10)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://advokasi.bnsp.go.id"


@pytest.fixture
def sesi(tim, fasilitator):
    """A session of `tim` whose (only) fasilitator is `fasilitator`."""
    bimbingan = BimbinganFactory(tim=tim, tanggal=TODAY - timedelta(days=30))
    bimbingan.fasilitator.add(fasilitator)
    return bimbingan


def rtl(sesi, days, status=Rtl.Status.RENCANA, **kw):
    extra = {"tanggal_selesai": TODAY} if status == Rtl.Status.SELESAI else {}
    return RtlFactory(
        bimbingan=sesi, batas_waktu=TODAY + timedelta(days=days), status=status, **extra, **kw
    )


def rencana(tim, days, status=RencanaMonitoring.Status.DIRENCANAKAN):
    instrumen, _ = Instrumen.objects.get_or_create(
        nama="Daftar isian RTL", defaults={"dibuat_oleh": tim.koordinator}
    )
    plan = RencanaMonitoring(
        tim=tim,
        tujuan="Memastikan RTL bimbingan berjalan",
        ruang_lingkup="RTL bimbingan teknis",
        metode=RencanaMonitoring.Metode.VISITASI,
        instrumen=instrumen,
        tanggal_rencana=TODAY + timedelta(days=days),
        status=status,
        dibuat_oleh=tim.koordinator,
    )
    beri_nomor(plan, tahun=2026)
    plan.save()
    return plan


def keys(user):
    return {p.kunci for p in pengingat_untuk(today=TODAY) if p.user_id == user.pk}


# --- selection --------------------------------------------------------------------------------


def test_rtl_due_in_three_days_is_reminded(sesi, fasilitator):
    item = rtl(sesi, 3)
    assert keys(fasilitator) == {f"rtl:{item.pk}"}
    [reminder] = pengingat_untuk(today=TODAY)
    assert reminder.jenis == Notifikasi.Jenis.RTL_JATUH_TEMPO
    assert "3 hari lagi" in reminder.pesan
    assert "13 Mei 2026" in reminder.pesan
    assert reminder.url == item.get_absolute_url()


def test_rtl_due_on_the_seventh_day_is_reminded_and_on_the_eighth_is_not(sesi, fasilitator):
    seventh, eighth = rtl(sesi, 7), rtl(sesi, 8)
    assert f"rtl:{seventh.pk}" in keys(fasilitator)
    assert f"rtl:{eighth.pk}" not in keys(fasilitator)


def test_rtl_due_in_ten_days_is_not_reminded(sesi, fasilitator):
    rtl(sesi, 10)
    assert keys(fasilitator) == set()


def test_overdue_rtl_is_reminded_as_overdue(sesi, fasilitator):
    item = rtl(sesi, -4, status=Rtl.Status.BERJALAN)
    [reminder] = pengingat_untuk(today=TODAY)
    assert reminder.kunci == f"rtl:{item.pk}"
    assert reminder.jenis == Notifikasi.Jenis.RTL_TERLAMBAT
    assert "terlambat 4 hari" in reminder.pesan


def test_rtl_due_today_says_so(sesi):
    rtl(sesi, 0)
    [reminder] = pengingat_untuk(today=TODAY)
    assert "jatuh tempo hari ini" in reminder.pesan


def test_done_and_cancelled_rtl_are_not_reminded(sesi, fasilitator):
    rtl(sesi, 2, status=Rtl.Status.SELESAI)
    rtl(sesi, -2, status=Rtl.Status.SELESAI)
    rtl(sesi, 2, status=Rtl.Status.DIBATALKAN)
    assert pengingat_untuk(today=TODAY) == []


def test_monitoring_visit_in_five_days_reminds_the_plan_team(tim, fasilitator, django_user_model):
    rekan = make_user(django_user_model, "rekan_setim", "Fasilitator")
    tim.anggota.add(rekan)
    plan = rencana(tim, 5)
    assert keys(fasilitator) == {f"rencana:{plan.pk}"}
    assert keys(rekan) == {f"rencana:{plan.pk}"}
    reminder = next(p for p in pengingat_untuk(today=TODAY) if p.user_id == fasilitator.pk)
    assert reminder.jenis == Notifikasi.Jenis.MONITORING
    assert "5 hari lagi" in reminder.pesan
    assert plan.nomor in reminder.pesan
    assert reminder.url == plan.get_absolute_url()


def test_visits_too_far_past_done_or_cancelled_are_not_reminded(tim):
    rencana(tim, 10)
    rencana(tim, -1)
    rencana(tim, 3, status=RencanaMonitoring.Status.TERLAKSANA)
    rencana(tim, 3, status=RencanaMonitoring.Status.DIBATALKAN)
    assert pengingat_untuk(today=TODAY) == []


def test_rtl_reminders_go_to_the_session_fasilitators_only(
    sesi, tim, fasilitator, fasilitator_lain, komisi, django_user_model
):
    # A team member who did not facilitate this session, the Komisi coordinator and another
    # team's fasilitator are not the item's fasilitators.
    setim = make_user(django_user_model, "setim_bukan_fasilitator", "Fasilitator")
    tim.anggota.add(setim)
    kedua = make_user(django_user_model, "fasilitator_kedua", "Fasilitator")
    sesi.fasilitator.add(kedua)
    item = rtl(sesi, 3)
    recipients = {p.user_id for p in pengingat_untuk(today=TODAY)}
    assert recipients == {fasilitator.pk, kedua.pk}
    assert f"rtl:{item.pk}" in keys(kedua)


def test_inactive_fasilitator_is_not_reminded(sesi, fasilitator):
    rtl(sesi, 3)
    fasilitator.is_active = False
    fasilitator.save()
    assert pengingat_untuk(today=TODAY) == []


# --- delivery: once per user, item and day ----------------------------------------------------


def test_one_notification_and_one_email_per_user_even_when_run_twice(sesi, tim, fasilitator):
    first, second = rtl(sesi, 3), rtl(sesi, -1)
    plan = rencana(tim, 5)

    assert pengingat_kirim(today=TODAY) == 1
    assert pengingat_kirim(today=TODAY) == 0

    rows = Notifikasi.objects.filter(user=fasilitator)
    assert sorted(rows.values_list("kunci", flat=True)) == sorted(
        [f"rtl:{first.pk}", f"rtl:{second.pk}", f"rencana:{plan.pk}"]
    )
    assert all(row.tanggal == TODAY and row.surel_dikirim for row in rows)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [fasilitator.email]
    assert "3 butir" in message.subject
    for record in (first, second, plan):
        assert record.nomor in message.body
        assert f"https://advokasi.bnsp.go.id{record.get_absolute_url()}" in message.body
    assert "https://advokasi.bnsp.go.id/akun/notifikasi/" in message.body


def test_each_user_gets_their_own_single_email(sesi, fasilitator, django_user_model):
    kedua = make_user(django_user_model, "fasilitator_kedua", "Fasilitator")
    sesi.fasilitator.add(kedua)
    rtl(sesi, 3)
    rtl(sesi, 5)
    assert pengingat_kirim(today=TODAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([fasilitator.email, kedua.email])
    assert Notifikasi.objects.count() == 4


def test_the_next_day_reminds_again(sesi, fasilitator):
    rtl(sesi, 3)
    pengingat_kirim(today=TODAY)
    pengingat_kirim(today=TODAY + timedelta(days=1))
    assert len(mail.outbox) == 2
    assert list(Notifikasi.objects.order_by("tanggal").values_list("tanggal", flat=True)) == [
        TODAY,
        TODAY + timedelta(days=1),
    ]


def test_yesterdays_unread_reminder_of_the_same_item_is_superseded(sesi, fasilitator):
    item = rtl(sesi, 3)
    other = rtl(sesi, 20)
    pengingat_kirim(today=TODAY)
    # A reminder of an item no longer due stays unread for the user to see.
    stale = Notifikasi.objects.create(
        user=fasilitator,
        jenis=Notifikasi.Jenis.RTL_JATUH_TEMPO,
        kunci=f"rtl:{other.pk}",
        tanggal=TODAY,
        pesan="lama",
    )
    pengingat_kirim(today=TODAY + timedelta(days=1))
    unread = Notifikasi.objects.filter(user=fasilitator, dibaca_pada__isnull=True)
    assert sorted(unread.values_list("kunci", "tanggal")) == sorted(
        [(f"rtl:{item.pk}", TODAY + timedelta(days=1)), (stale.kunci, TODAY)]
    )


def test_reminders_older_than_180_days_are_deleted(sesi, fasilitator):
    rtl(sesi, 3)
    old = Notifikasi.objects.create(
        user=fasilitator,
        jenis=Notifikasi.Jenis.MONITORING,
        kunci="rencana:1",
        tanggal=TODAY - timedelta(days=181),
        pesan="lama sekali",
    )
    kept = Notifikasi.objects.create(
        user=fasilitator,
        jenis=Notifikasi.Jenis.MONITORING,
        kunci="rencana:2",
        tanggal=TODAY - timedelta(days=180),
        pesan="masih disimpan",
    )
    pengingat_kirim(today=TODAY)
    assert not Notifikasi.objects.filter(pk=old.pk).exists()
    assert Notifikasi.objects.filter(pk=kept.pk).exists()


def test_an_item_that_becomes_due_later_the_same_day_is_mailed_alone(sesi, fasilitator):
    rtl(sesi, 3)
    pengingat_kirim(today=TODAY)
    late = rtl(sesi, 6)
    assert pengingat_kirim(today=TODAY) == 1
    assert len(mail.outbox) == 2
    assert late.nomor in mail.outbox[1].body
    assert "1 butir" in mail.outbox[1].subject


def test_rows_claimed_by_a_concurrent_run_are_not_mailed_again(sesi, fasilitator):
    rtl(sesi, 3)
    # Another worker has written and claimed today's row and is sending it right now.
    pengingat._catat(daftar=pengingat_untuk(today=TODAY), today=TODAY)
    Notifikasi.objects.update(surel_klaim="worker-lain")
    assert pengingat_kirim(today=TODAY) == 0
    assert mail.outbox == []
    assert Notifikasi.objects.count() == 1


def test_a_failed_send_is_retried_by_the_next_run_and_sent_once(sesi, fasilitator, monkeypatch):
    rtl(sesi, 3)
    original = EmailMessage.send

    def broken(self, fail_silently=False):
        raise OSError("server surel tidak menjawab")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with pytest.raises(PengingatGagal):
        pengingat_kirim(today=TODAY)
    row = Notifikasi.objects.get()
    assert row.surel_klaim == "" and row.surel_dikirim is None

    monkeypatch.setattr(EmailMessage, "send", original)
    assert pengingat_kirim(today=TODAY) == 1
    assert pengingat_kirim(today=TODAY) == 0
    assert len(mail.outbox) == 1
    assert Notifikasi.objects.count() == 1


def test_user_without_email_gets_the_notification_but_no_mail(sesi, fasilitator):
    fasilitator.email = ""
    fasilitator.save()
    rtl(sesi, 3)
    assert pengingat_kirim(today=TODAY) == 0
    assert Notifikasi.objects.filter(user=fasilitator).count() == 1
    assert mail.outbox == []


def test_nothing_due_sends_nothing(sesi):
    rtl(sesi, 30)
    assert pengingat_kirim(today=TODAY) == 0
    assert not Notifikasi.objects.exists()
    assert mail.outbox == []


# --- the task ---------------------------------------------------------------------------------


def test_task_reminds_for_the_jakarta_date_and_is_idempotent(sesi, fasilitator, monkeypatch):
    from monitoring import tasks

    monkeypatch.setattr(tasks.timezone, "localdate", lambda: TODAY)
    rtl(sesi, 3)
    assert tasks.kirim_pengingat.delay().get() == 1
    assert tasks.kirim_pengingat.delay().get() == 0
    assert Notifikasi.objects.get().tanggal == TODAY
    assert len(mail.outbox) == 1


def test_task_is_scheduled_daily_at_half_past_six_jakarta_time(settings):
    from monitoring.tasks import kirim_pengingat

    entry = settings.CELERY_BEAT_SCHEDULE["kirim-pengingat"]
    assert entry["task"] == kirim_pengingat.name == "monitoring.tasks.kirim_pengingat"
    assert entry["schedule"] == crontab(hour=6, minute=30)
    assert settings.CELERY_TIMEZONE == "Asia/Jakarta"
    assert kirim_pengingat.acks_late is True
    assert kirim_pengingat.time_limit and kirim_pengingat.soft_time_limit
