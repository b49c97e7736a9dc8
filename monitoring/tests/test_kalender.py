"""The activity calendar (month grid, week list) and the private iCalendar feed."""

from datetime import date, time, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advokasi.models import Bimbingan
from advokasi.services.nomor import beri_nomor
from advokasi.tests.factories import BimbinganFactory, FgdFactory, PermasalahanFactory
from akun.models import TokenKalender
from lsp.tests.factories import LspFactory, provinsi
from monitoring.ical import escape_text, fold
from monitoring.models import Instrumen, RencanaMonitoring

pytestmark = pytest.mark.django_db

KALENDER = reverse("monitoring:kalender")
TAUTAN = reverse("monitoring:kalender-tautan")
HAPUS = reverse("monitoring:kalender-tautan-hapus")


def target(nama_provinsi):
    return LspFactory(sasaran__provinsi=provinsi(nama_provinsi)).sasaran


def fgd(tim, tanggal, sasaran, **kw):
    problem = PermasalahanFactory(survei__tim=tim, sasaran=sasaran)
    return FgdFactory(tim=tim, tanggal=tanggal, permasalahan=[problem], **kw)


def sesi(tim, tanggal, sasaran, **kw):
    return BimbinganFactory(tim=tim, tanggal=tanggal, sasaran=[sasaran], **kw)


def rencana(tim, tanggal, sasaran, status=RencanaMonitoring.Status.DIRENCANAKAN):
    instrumen, _ = Instrumen.objects.get_or_create(
        nama="Daftar isian monitoring RTL", defaults={"dibuat_oleh": tim.koordinator}
    )
    plan = RencanaMonitoring(
        tim=tim,
        tujuan="Memastikan RTL bimbingan berjalan",
        ruang_lingkup="RTL bimbingan teknis",
        metode=RencanaMonitoring.Metode.VISITASI,
        instrumen=instrumen,
        tanggal_rencana=tanggal,
        status=status,
        dibuat_oleh=tim.koordinator,
    )
    beri_nomor(plan, tahun=tanggal.year)
    plan.save()
    plan.sasaran.add(sasaran)
    return plan


@pytest.fixture
def mei(tim, tim_lain):
    """May 2026: each team has an FGD, a session and a monitoring visit in its own province."""
    jabar, jatim = target("Jawa Barat"), target("Jawa Timur")
    return {
        "fgd_jabar": fgd(tim, date(2026, 5, 4), jabar),
        "sesi_jabar": sesi(tim, date(2026, 5, 12), jabar),
        "mon_jabar": rencana(tim, date(2026, 5, 20), jabar),
        "fgd_jatim": fgd(tim_lain, date(2026, 5, 6), jatim),
        "sesi_jatim": sesi(tim_lain, date(2026, 5, 13), jatim),
        "mon_jatim": rencana(tim_lain, date(2026, 5, 21), jatim),
    }


def shown(client, **params):
    response = client.get(KALENDER, {"bulan": "2026-05", **params})
    assert response.status_code == 200
    return {a.nomor for a in response.context["acara"]}


def nomors(records, *names):
    return {records[name].nomor for name in names}


JABAR = ("fgd_jabar", "sesi_jabar", "mon_jabar")
JATIM = ("fgd_jatim", "sesi_jatim", "mon_jatim")


# --- who sees what ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["komisi", "pimpinan", "admin_user"])
def test_komisi_and_pimpinan_see_every_event(request, client_as, mei, role):
    client = client_as(request.getfixturevalue(role))
    assert shown(client) == nomors(mei, *JABAR, *JATIM)


def test_fasilitator_sees_only_their_teams_events(client_as, fasilitator, mei):
    assert shown(client_as(fasilitator)) == nomors(mei, *JABAR)


def test_fasilitator_lain_does_not_see_the_other_teams_session(client_as, fasilitator_lain, mei):
    html = client_as(fasilitator_lain).get(KALENDER, {"bulan": "2026-05"}).content.decode()
    assert mei["sesi_jatim"].nomor in html
    assert mei["sesi_jabar"].nomor not in html
    assert mei["fgd_jabar"].nomor not in html


def test_bksp_user_sees_only_events_touching_their_province(client_as, bksp_user, bksp_lain, mei):
    assert shown(client_as(bksp_user)) == nomors(mei, *JABAR)
    assert shown(client_as(bksp_lain)) == nomors(mei, *JATIM)


def test_user_without_role_sees_no_event(client_as, no_role, mei):
    assert shown(client_as(no_role)) == set()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(KALENDER)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_calendar_refuses_post(client_as, komisi):
    assert client_as(komisi).post(KALENDER).status_code == 405


def test_each_event_links_to_its_record_and_is_coloured_by_kind(client_as, komisi, mei):
    html = client_as(komisi).get(KALENDER, {"bulan": "2026-05"}).content.decode()
    assert f'href="{mei["fgd_jabar"].get_absolute_url()}" class="kal-acara kal-fgd' in html
    assert f'href="{mei["sesi_jabar"].get_absolute_url()}" class="kal-acara kal-bimbingan' in html
    assert f'href="{mei["mon_jabar"].get_absolute_url()}" class="kal-acara kal-monitoring' in html
    for label in ("FGD", "Bimbingan teknis", "Monitoring"):
        assert label in html  # the legend


def test_cancelled_session_is_struck_through(client_as, komisi, tim):
    batal = sesi(tim, date(2026, 5, 8), target("Jawa Barat"), status=Bimbingan.Status.DIBATALKAN)
    html = client_as(komisi).get(KALENDER, {"bulan": "2026-05"}).content.decode()
    assert f'href="{batal.get_absolute_url()}" class="kal-acara kal-bimbingan kal-batal"' in html


# --- the month grid ---------------------------------------------------------------------------


def test_may_2026_grid_runs_monday_27_april_to_sunday_31_may(client_as, komisi, mei):
    response = client_as(komisi).get(KALENDER, {"bulan": "2026-05"})
    grid = response.context["grid"]
    assert len(grid) == 5 and all(len(week) == 7 for week in grid)
    assert grid[0][0]["tanggal"] == date(2026, 4, 27)
    assert grid[0][4]["tanggal"] == date(2026, 5, 1)  # 1 May 2026 is a Friday
    assert grid[-1][-1]["tanggal"] == date(2026, 5, 31)
    in_month = [c["tanggal"] for week in grid for c in week if not c["luar"]]
    assert in_month == [date(2026, 5, d) for d in range(1, 32)]
    cell = next(c for week in grid for c in week if c["tanggal"] == date(2026, 5, 12))
    assert [a.nomor for a in cell["acara"]] == [mei["sesi_jabar"].nomor]
    html = response.content.decode()
    assert "Mei 2026" in html
    for hari in ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]:
        assert f">{hari}</th>" in html


@pytest.mark.parametrize(
    "bulan, weeks, first, last",
    [
        ("2027-02", 4, date(2027, 2, 1), date(2027, 2, 28)),  # starts on a Monday
        ("2026-03", 6, date(2026, 2, 23), date(2026, 4, 5)),  # starts on a Sunday
        ("2024-02", 5, date(2024, 1, 29), date(2024, 3, 3)),  # leap year
    ],
)
def test_grid_has_whole_weeks_from_monday(client_as, komisi, bulan, weeks, first, last):
    grid = client_as(komisi).get(KALENDER, {"bulan": bulan}).context["grid"]
    assert len(grid) == weeks
    assert grid[0][0]["tanggal"] == first and grid[0][0]["tanggal"].weekday() == 0
    assert grid[-1][-1]["tanggal"] == last


def test_days_of_adjacent_months_show_their_events(client_as, komisi, tim):
    april = sesi(tim, date(2026, 4, 28), target("Jawa Barat"))
    assert april.nomor in shown(client_as(komisi))


def test_previous_and_next_month_links_keep_the_team(client_as, komisi, tim):
    response = client_as(komisi).get(KALENDER, {"bulan": "2026-12", "tim": tim.pk})
    assert response.context["sebelumnya"] == f"?bulan=2026-11&tim={tim.pk}"
    assert response.context["berikutnya"] == f"?bulan=2027-01&tim={tim.pk}"
    assert "Desember 2026" in response.content.decode()


def test_calendar_opens_on_the_current_month(client_as, komisi):
    today = timezone.localdate()
    response = client_as(komisi).get(KALENDER)
    cells = [c for week in response.context["grid"] for c in week]
    assert [c["tanggal"] for c in cells if c["hari_ini"]] == [today]


# --- the week list ----------------------------------------------------------------------------


def test_week_view_lists_monday_to_sunday_of_the_chosen_date(client_as, komisi, mei):
    response = client_as(komisi).get(KALENDER, {"tampilan": "minggu", "tanggal": "2026-05-14"})
    days = response.context["daftar_hari"]
    assert [d["tanggal"] for d in days] == [date(2026, 5, 11) + timedelta(i) for i in range(7)]
    assert {a.nomor for a in response.context["acara"]} == nomors(mei, "sesi_jabar", "sesi_jatim")
    assert "11–17 Mei 2026" in response.content.decode()
    assert response.context["sebelumnya"] == "?tampilan=minggu&bulan=2026-05&tanggal=2026-05-04"
    assert response.context["berikutnya"] == "?tampilan=minggu&bulan=2026-05&tanggal=2026-05-18"


def test_week_across_two_months_is_titled_with_both(client_as, komisi):
    response = client_as(komisi).get(KALENDER, {"tampilan": "minggu", "tanggal": "2026-07-01"})
    assert "29 Juni – 5 Juli 2026" in response.content.decode()


def test_week_view_shows_times_and_place(client_as, komisi, mei):
    html = client_as(komisi).get(KALENDER, {"tampilan": "minggu", "tanggal": "2026-05-12"})
    html = html.content.decode()
    assert "09.00–15.00 WIB" in html
    assert mei["sesi_jabar"].tempat in html


# --- filters and bad input --------------------------------------------------------------------


def test_team_filter_shows_only_that_teams_events(client_as, komisi, tim, mei):
    assert shown(client_as(komisi), tim=tim.pk) == nomors(mei, *JABAR)


def test_fasilitator_cannot_filter_on_another_team(client_as, fasilitator, tim_lain, mei):
    response = client_as(fasilitator).get(KALENDER, {"bulan": "2026-05", "tim": tim_lain.pk})
    assert response.status_code == 200
    assert "Tim ini tidak ada atau tidak dapat Anda lihat." in response.content.decode()
    assert {a.nomor for a in response.context["acara"]} == nomors(mei, *JABAR)
    assert tim_lain.nama not in response.content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"bulan": "2026-13"}, "Bulan harus berformat TTTT-BB"),
        ({"bulan": "Mei"}, "Bulan harus berformat TTTT-BB"),
        ({"bulan": "0000-01"}, "Bulan harus berformat TTTT-BB"),
        ({"tampilan": "minggu", "tanggal": "14-14-2026"}, "Tanggal harus berformat"),
        ({"tampilan": "minggu", "tanggal": "9999-12-31"}, "Tahun harus antara 1900 dan 2999"),
        ({"tampilan": "tahun"}, "Tampilan harus bulan atau minggu."),
        ({"tim": "abc"}, "Tim ini tidak ada"),
    ],
)
def test_bad_input_shows_a_message_not_an_error(client_as, komisi, params, message):
    response = client_as(komisi).get(KALENDER, params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_calendar_page_runs_three_event_queries_and_a_constant_total(client_as, komisi, tim):
    client = client_as(komisi)
    jabar = target("Jawa Barat")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(KALENDER, {"bulan": "2026-05", "tim": tim.pk}).status_code == 200
        return ctx.captured_queries

    fgd(tim, date(2026, 5, 4), jabar)
    sesi(tim, date(2026, 5, 12), jabar)
    rencana(tim, date(2026, 5, 20), jabar)
    small = count()
    for day in range(1, 29):
        fgd(tim, date(2026, 5, day), jabar)
        sesi(tim, date(2026, 5, day), jabar)
        rencana(tim, date(2026, 5, day), jabar)
    large = count()
    assert len(large) == len(small)
    assert len(small) <= 16
    for table in ("advokasi_fgd", "advokasi_bimbingan", "monitoring_rencanamonitoring"):
        reads = [
            q for q in large if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
        ]
        assert len(reads) == 1, table


# --- the feed token ---------------------------------------------------------------------------


def feed_url(token):
    return reverse("monitoring:kalender-ical", kwargs={"token": token})


def test_user_creates_a_feed_url_shown_on_the_calendar_page(client_as, fasilitator):
    client = client_as(fasilitator)
    response = client.post(TAUTAN, follow=True)
    token = TokenKalender.objects.get(user=fasilitator)
    assert len(token.token) >= 40
    html = response.content.decode()
    assert f"http://testserver{feed_url(token.token)}" in html
    assert "Google Calendar" in html
    assert client.get(feed_url(token.token)).status_code == 200


def test_regenerating_the_token_invalidates_the_old_url(client_as, client, fasilitator):
    client_as(fasilitator).post(TAUTAN)
    old = TokenKalender.objects.get(user=fasilitator).token
    response = client.post(TAUTAN, follow=True)
    assert "Tautan lama tidak berlaku lagi." in response.content.decode()
    new = TokenKalender.objects.get(user=fasilitator).token
    assert new != old
    client.logout()
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_deleting_the_token_closes_the_feed(client_as, client, fasilitator):
    client_as(fasilitator).post(TAUTAN)
    token = TokenKalender.objects.get(user=fasilitator).token
    client.post(HAPUS)
    assert not TokenKalender.objects.filter(user=fasilitator).exists()
    assert client.get(feed_url(token)).status_code == 404


def test_unknown_token_is_404(client):
    assert client.get(feed_url("x" * 43)).status_code == 404
    assert client.get("/monitoring/kalender/pendek.ics").status_code == 404


def test_inactive_users_feed_is_404(client, fasilitator):
    client.force_login(fasilitator)
    client.post(TAUTAN)
    client.logout()
    token = TokenKalender.objects.get(user=fasilitator).token
    fasilitator.is_active = False
    fasilitator.save()
    assert client.get(feed_url(token)).status_code == 404


def test_token_pages_refuse_get_and_anonymous_users(client, client_as, fasilitator):
    assert client.post(TAUTAN).status_code == 302
    assert not TokenKalender.objects.exists()
    logged_in = client_as(fasilitator)
    assert logged_in.get(TAUTAN).status_code == 405
    assert logged_in.get(HAPUS).status_code == 405


def test_feed_refuses_post(client_as, client, fasilitator):
    client_as(fasilitator).post(TAUTAN)
    token = TokenKalender.objects.get(user=fasilitator).token
    client.logout()
    assert client.post(feed_url(token)).status_code == 405


# --- the feed's content -----------------------------------------------------------------------


@pytest.fixture
def feed_of(client):
    def get(user):
        token = TokenKalender.objects.create(
            user=user, token=f"tok-{user.pk}-" + "a" * 40, dibuat=timezone.now()
        )
        response = client.get(feed_url(token.token))
        assert response.status_code == 200
        return response

    return get


def parsed(response):
    return icalendar.Calendar.from_ical(response.content.decode())


def events(response):
    return {str(e["UID"]): e for e in parsed(response).walk("VEVENT")}


def test_feed_is_valid_icalendar_with_jakarta_timezone(feed_of, fasilitator, tim):
    today = timezone.localdate()
    jabar = target("Jawa Barat")
    session = sesi(
        tim,
        today + timedelta(days=3),
        jabar,
        tempat="Kantor LSP, Jl. Merdeka; Lt. 2\\B",
        waktu_mulai=time(9, 0),
        waktu_selesai=time(15, 30),
        kesimpulan="Baris pertama\nbaris kedua, dengan koma; dan titik koma",
    )
    plan = rencana(tim, today + timedelta(days=10), jabar)
    response = feed_of(fasilitator)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))

    calendar = parsed(response)
    assert calendar["VERSION"] == "2.0"
    [tz] = calendar.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Asia/Jakarta"

    by_uid = events(response)
    event = by_uid[f"bimbingan-{session.pk}@advokasi.bnsp.go.id"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.date(), start.time(), end.time()) == (session.tanggal, time(9), time(15, 30))
    assert start.utcoffset() == timedelta(hours=7)
    assert session.nomor in str(event["SUMMARY"]) and "Bimbingan teknis" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Kantor LSP, Jl. Merdeka; Lt. 2\\B"
    assert "baris kedua, dengan koma; dan titik koma" in str(event["DESCRIPTION"])
    assert "Baris pertama\nbaris kedua" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver{session.get_absolute_url()}"
    assert b"DTSTAMP:" in raw and event.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert f"DTSTART;TZID=Asia/Jakarta:{session.tanggal:%Y%m%d}T090000".encode() in raw

    visit = by_uid[f"monitoring-{plan.pk}@advokasi.bnsp.go.id"]
    assert visit.decoded("DTSTART") == plan.tanggal_rencana  # an all-day DATE
    assert visit.decoded("DTEND") == plan.tanggal_rencana + timedelta(days=1)
    assert plan.nomor in str(visit["SUMMARY"]) and "Monitoring" in str(visit["SUMMARY"])


def test_feed_uids_are_stable_between_fetches(feed_of, client, fasilitator, tim):
    sesi(tim, timezone.localdate(), target("Jawa Barat"))
    first = feed_of(fasilitator)
    token = TokenKalender.objects.get(user=fasilitator).token
    second = client.get(feed_url(token))
    assert set(events(first)) == set(events(second))


def test_feed_lists_only_events_the_token_owner_may_read(
    feed_of, fasilitator_lain, bksp_user, tim, tim_lain
):
    today = timezone.localdate()
    jabar, jatim = target("Jawa Barat"), target("Jawa Timur")
    mine = sesi(tim_lain, today, jatim)
    theirs = sesi(tim, today, jabar)
    uids = set(events(feed_of(fasilitator_lain)))
    assert f"bimbingan-{mine.pk}@advokasi.bnsp.go.id" in uids
    assert f"bimbingan-{theirs.pk}@advokasi.bnsp.go.id" not in uids
    uids = set(events(feed_of(bksp_user)))
    assert uids == {f"bimbingan-{theirs.pk}@advokasi.bnsp.go.id"}


def test_feed_covers_90_days_back_to_365_days_ahead(feed_of, fasilitator, tim):
    today = timezone.localdate()
    jabar = target("Jawa Barat")
    inside = [
        fgd(tim, today - timedelta(days=90), jabar),
        fgd(tim, today + timedelta(days=365), jabar),
    ]
    outside = [
        fgd(tim, today - timedelta(days=91), jabar),
        fgd(tim, today + timedelta(days=366), jabar),
    ]
    uids = set(events(feed_of(fasilitator)))
    assert {f"fgd-{f.pk}@advokasi.bnsp.go.id" for f in inside} <= uids
    assert not {f"fgd-{f.pk}@advokasi.bnsp.go.id" for f in outside} & uids


def test_fgd_without_time_is_an_all_day_event(feed_of, fasilitator, tim):
    item = fgd(tim, timezone.localdate(), target("Jawa Barat"), waktu_mulai=None)
    event = events(feed_of(fasilitator))[f"fgd-{item.pk}@advokasi.bnsp.go.id"]
    assert event.decoded("DTSTART") == item.tanggal


def test_cancelled_session_is_cancelled_in_the_feed(feed_of, fasilitator, tim):
    item = sesi(tim, timezone.localdate(), target("Jawa Barat"), status=Bimbingan.Status.DIBATALKAN)
    event = events(feed_of(fasilitator))[f"bimbingan-{item.pk}@advokasi.bnsp.go.id"]
    assert str(event["STATUS"]) == "CANCELLED"


def test_feed_runs_a_constant_number_of_queries(client, fasilitator, tim):
    token = TokenKalender.objects.create(user=fasilitator, token="t" * 43, dibuat=timezone.now())
    today = timezone.localdate()
    jabar = target("Jawa Barat")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(feed_url(token.token)).status_code == 200
        return len(ctx)

    sesi(tim, today, jabar)
    small = count()
    for i in range(20):
        sesi(tim, today + timedelta(days=i), jabar)
        fgd(tim, today + timedelta(days=i), jabar)
        rencana(tim, today + timedelta(days=i), jabar)
    assert count() == small
    assert small <= 8


# --- the writer -------------------------------------------------------------------------------


def test_text_escaping():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    assert escape_text("bel\x07") == "bel"


def test_folding_never_splits_a_character_and_keeps_lines_within_75_octets():
    line = "DESCRIPTION:" + "Sertifikasi kompetensi — “mandiri” " * 10
    folded = fold(line)
    physical = folded.encode().split(b"\r\n")
    assert len(physical) > 1
    assert all(len(p) <= 75 for p in physical)
    assert all(p.startswith(b" ") for p in physical[1:])
    assert folded.replace("\r\n ", "") == line
    assert fold("SUMMARY:pendek") == "SUMMARY:pendek"
