"""Forms filled in the field (akun/kiriman.py): each submission saved once, a different one under
the same kirim_id refused and kept, no lost update, nothing lost to an expired session, and the
JSON answers of the offline queue."""

import re
import threading
import time
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from advokasi.forms.bimbingan import BimbinganForm
from advokasi.forms.fgd import FgdForm
from advokasi.forms.rtl import RtlForm
from advokasi.forms.survei import PermasalahanForm, SurveiForm
from advokasi.models import Lampiran, Rtl
from advokasi.services.rtl import rtl_save
from advokasi.tests import test_bimbingan as sesi
from advokasi.tests.factories import FgdFactory, SurveiFactory
from advokasi.tests.test_lampiran import PDF
from advokasi.tests.test_rtl import create_url, rtl_data, update_url
from akun.kiriman import STASH_KEY, KirimanFormMixin, versi_token
from akun.middleware import SESSION_STARTED_KEY
from akun.models import Kiriman
from conftest import PASSWORD
from monitoring.forms.catatan import CatatanForm
from monitoring.tests.test_catatan import catat_url, post_data
from monitoring.tests.test_catatan import rencana as rencana  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

jabar = sesi.jabar
JSON = {"HTTP_X_ANTREAN": "1"}


def kirim(client, url, data, kirim_id=None, **extra):
    data = {**data, "kirim_id": str(kirim_id or uuid.uuid4())}
    return client.post(url, data, **extra)


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden {name}"
    return found.group(1)


def new_rtl(bimbingan):
    return Rtl.objects.filter(bimbingan=bimbingan).order_by("-pk")


# --- the hidden fields --------------------------------------------------------------------------


def test_every_field_form_uses_the_mixin():
    for form in (SurveiForm, PermasalahanForm, FgdForm, BimbinganForm, RtlForm, CatatanForm):
        assert issubclass(form, KirimanFormMixin), form


def test_create_forms_carry_a_fresh_kirim_id_and_edit_forms_their_version(client_as, komisi, jabar):
    client = client_as(komisi)
    first = client.get(create_url(jabar["bimbingan"])).content.decode()
    second = client.get(create_url(jabar["bimbingan"])).content.decode()
    assert uuid.UUID(hidden(first, "kirim_id")).version == 4
    assert hidden(first, "kirim_id") != hidden(second, "kirim_id")
    assert 'name="versi"' not in first
    edit = client.get(update_url(jabar["rtl"])).content.decode()
    assert hidden(edit, "versi") == versi_token(jabar["rtl"].diubah)


def test_every_edit_page_carries_kirim_id_and_version(client_as, komisi, jabar, tim):
    client = client_as(komisi)
    survei = SurveiFactory(tim=tim)
    fgd = FgdFactory(tim=tim)
    pages = [
        (reverse("advokasi:survei-update", args=[survei.pk]), survei),
        (reverse("advokasi:permasalahan-update", args=[jabar["problem"].pk]), jabar["problem"]),
        (reverse("advokasi:fgd-update", args=[fgd.pk]), fgd),
        (reverse("advokasi:bimbingan-update", args=[jabar["bimbingan"].pk]), jabar["bimbingan"]),
        (update_url(jabar["rtl"]), jabar["rtl"]),
    ]
    for url, record in pages:
        html = client.get(url).content.decode()
        record.refresh_from_db()
        assert hidden(html, "versi") == versi_token(record.diubah), url
        uuid.UUID(hidden(html, "kirim_id"))


# --- idempotency --------------------------------------------------------------------------------


def test_a_resent_submission_creates_the_record_once_and_answers_the_same(
    client_as, fasilitator, jabar
):
    client = client_as(fasilitator)
    data = rtl_data(owner=jabar["lsp"], tindakan="Menyusun SOP banding")
    kirim_id = uuid.uuid4()
    first = kirim(client, create_url(jabar["bimbingan"]), data, kirim_id)
    again = kirim(client, create_url(jabar["bimbingan"]), data, kirim_id)
    created = Rtl.objects.filter(tindakan="Menyusun SOP banding")
    assert created.count() == 1
    assert first.status_code == again.status_code == 302
    assert first.url == again.url == created.get().get_absolute_url()
    kiriman = Kiriman.objects.get(kirim_id=kirim_id)
    assert (kiriman.status, kiriman.url) == ("berhasil", created.get().get_absolute_url())
    assert kiriman.user == fasilitator


def test_the_same_kirim_id_with_other_content_is_refused_and_kept_for_review(
    client_as, fasilitator, jabar
):
    client = client_as(fasilitator)
    kirim_id = uuid.uuid4()
    kirim(client, create_url(jabar["bimbingan"]), rtl_data(owner=jabar["lsp"]), kirim_id)
    before = Rtl.objects.count()
    changed = rtl_data(owner=jabar["lsp"], tindakan="Tindakan yang diketik ulang")
    response = kirim(client, create_url(jabar["bimbingan"]), changed, kirim_id)
    assert response.status_code == 409
    assert "sudah pernah dikirim dan tersimpan" in response.content.decode()
    assert "Tindakan yang diketik ulang" in response.content.decode()
    assert Rtl.objects.count() == before
    refused = Kiriman.objects.get(kirim_id=kirim_id, status="ditolak")
    assert ["tindakan", ["Tindakan yang diketik ulang"]] in refused.payload["fields"]
    assert refused.asal.status == "berhasil"
    page = client.get(reverse("kiriman-ditolak"))
    assert "Tindakan yang diketik ulang" in page.content.decode()


def test_another_user_may_send_the_same_kirim_id(client_as, komisi, fasilitator, jabar):
    kirim_id = uuid.uuid4()
    for user in (komisi, fasilitator):
        response = kirim(
            client_as(user),
            create_url(jabar["bimbingan"]),
            rtl_data(owner=jabar["lsp"], tindakan=f"Tindakan {user.username}"),
            kirim_id,
        )
        assert response.status_code == 302
    assert Rtl.objects.filter(tindakan__startswith="Tindakan ").count() == 2
    assert Kiriman.objects.filter(kirim_id=kirim_id, status="berhasil").count() == 2


def test_a_refused_form_leaves_the_kirim_id_free_for_the_corrected_one(
    client_as, fasilitator, jabar
):
    client = client_as(fasilitator)
    kirim_id = uuid.uuid4()
    wrong = kirim(
        client, create_url(jabar["bimbingan"]), rtl_data(owner=jabar["lsp"], satuan=""), kirim_id
    )
    assert wrong.status_code == 200
    assert "Isi satuan target" in wrong.content.decode()
    # The page sent back keeps the same kirim_id, so that the corrected form stays idempotent.
    assert hidden(wrong.content.decode(), "kirim_id") == str(kirim_id)
    assert not Kiriman.objects.exists()
    right = kirim(client, create_url(jabar["bimbingan"]), rtl_data(owner=jabar["lsp"]), kirim_id)
    assert right.status_code == 302
    assert Kiriman.objects.filter(kirim_id=kirim_id).count() == 1


def test_the_kiriman_is_written_in_the_records_transaction(
    client_as, fasilitator, jabar, monkeypatch
):
    """A crash after the record is saved but before its kiriman is complete leaves neither."""
    client = client_as(fasilitator)
    before = Rtl.objects.count()

    def crash(self, *args, **kwargs):
        raise RuntimeError("listrik padam")

    monkeypatch.setattr(Kiriman, "save", crash)
    with pytest.raises(RuntimeError):
        kirim(client, create_url(jabar["bimbingan"]), rtl_data(owner=jabar["lsp"]))
    assert Rtl.objects.count() == before
    assert not Kiriman.objects.exists()


def test_a_kirim_id_that_is_not_a_uuid_is_refused(client_as, fasilitator, jabar):
    client = client_as(fasilitator)
    data = {**rtl_data(owner=jabar["lsp"]), "kirim_id": "bukan-uuid"}
    before = Rtl.objects.count()
    assert client.post(create_url(jabar["bimbingan"]), data).status_code == 400
    assert client.post(create_url(jabar["bimbingan"]), data, **JSON).json()["ok"] is False
    assert Rtl.objects.count() == before


def test_a_monitoring_record_sent_twice_is_recorded_once(client_as, fasilitator, rencana):  # noqa: F811
    client = client_as(fasilitator)
    kirim_id = uuid.uuid4()
    first = kirim(client, catat_url(rencana), post_data(rencana), kirim_id)
    again = kirim(client, catat_url(rencana), post_data(rencana), kirim_id)
    assert first.status_code == again.status_code == 302
    assert first.url == again.url
    assert rencana.catatan.count() == 1


def test_an_evidence_file_sent_twice_is_stored_once(client_as, fasilitator, jabar):
    client = client_as(fasilitator)
    url = reverse("advokasi:lampiran-upload", args=["rtl", jabar["rtl"].pk])
    kirim_id = uuid.uuid4()
    for _attempt in range(2):
        upload = SimpleUploadedFile("notulen.pdf", PDF, "application/pdf")
        response = kirim(client, url, {"berkas": upload, "jenis": "notulen"}, kirim_id, **JSON)
        assert response.status_code in (200, 201)
    assert response.json() == {"ok": True, "url": jabar["rtl"].get_absolute_url(), "duplikat": True}
    assert Lampiran.objects.filter(rtl=jabar["rtl"]).count() == 1
    other = SimpleUploadedFile("notulen.pdf", PDF + b"%versi lain\n", "application/pdf")
    refused = kirim(client, url, {"berkas": other, "jenis": "notulen"}, kirim_id, **JSON)
    assert refused.status_code == 409
    stored = Kiriman.objects.get(kirim_id=kirim_id, status="ditolak").payload["files"]
    assert stored[0]["name"] == "notulen.pdf" and len(stored[0]["sha256"]) == 64


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="two connections writing at once need PostgreSQL (CI runs the suite on it too)",
)
def test_two_identical_requests_at_the_same_moment_create_one_record(fasilitator, jabar):
    data = {**rtl_data(owner=jabar["lsp"], tindakan="Serentak"), "kirim_id": str(uuid.uuid4())}
    url = create_url(jabar["bimbingan"])
    start = threading.Barrier(2)
    answers = []

    def send():
        client = Client()
        client.force_login(fasilitator)
        start.wait()
        answers.append(client.post(url, data, **JSON))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(a.status_code for a in answers) == [200, 201]
    assert sorted(a.json()["duplikat"] for a in answers) == [False, True]
    assert Rtl.objects.filter(tindakan="Serentak").count() == 1


# --- lost updates -------------------------------------------------------------------------------


def test_a_save_over_someone_elses_change_is_refused_showing_what_changed(
    client_as, fasilitator, komisi, jabar
):
    rtl = jabar["rtl"]
    client = client_as(fasilitator)
    page = client.get(update_url(rtl)).content.decode()
    versi = hidden(page, "versi")
    # Meanwhile the Komisi changes the item.
    time.sleep(0.001)
    rtl.refresh_from_db()
    rtl.indikator = "Indikator versi Komisi"
    rtl_save(user=komisi, rtl=rtl)
    mine = rtl_data(owner=jabar["lsp"], problem=jabar["problem"], indikator="Indikator saya")
    response = kirim(client, update_url(rtl), {**mine, "versi": versi})
    html = response.content.decode()
    assert response.status_code == 200
    assert "sudah diubah oleh" in html
    assert "Indikator saya" in html and "Indikator versi Komisi" in html
    assert komisi.username in html or (komisi.get_full_name() and komisi.get_full_name() in html)
    rtl.refresh_from_db()
    assert rtl.indikator == "Indikator versi Komisi"
    # The form now carries the current version: saving again, knowingly, goes through.
    again = kirim(client, update_url(rtl), {**mine, "versi": hidden(html, "versi")})
    assert again.status_code == 302
    rtl.refresh_from_db()
    assert rtl.indikator == "Indikator saya"


def test_a_save_over_an_unchanged_record_goes_through(client_as, fasilitator, jabar):
    rtl = jabar["rtl"]
    client = client_as(fasilitator)
    versi = hidden(client.get(update_url(rtl)).content.decode(), "versi")
    data = rtl_data(owner=jabar["lsp"], problem=jabar["problem"], indikator="Baru")
    assert kirim(client, update_url(rtl), {**data, "versi": versi}).status_code == 302


def test_a_lost_update_is_a_409_in_json(client_as, fasilitator, komisi, jabar):
    rtl = jabar["rtl"]
    client = client_as(fasilitator)
    versi = versi_token(rtl.diubah)
    rtl.satuan = "berkas"
    rtl_save(user=komisi, rtl=rtl)
    data = {**rtl_data(owner=jabar["lsp"], problem=jabar["problem"]), "versi": versi}
    response = kirim(client, update_url(rtl), data, **JSON)
    assert response.status_code == 409
    body = response.json()
    assert body["ok"] is False and "sudah diubah" in body["alasan"]
    assert {"label": "satuan", "sekarang": "berkas"}.items() <= body["perubahan"][0].items()


# --- the expired session ------------------------------------------------------------------------


def login_through_the_form(client, user, next_url):
    return client.post(
        f"{reverse('login')}?next={next_url}",
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )


def test_a_submission_after_the_session_expired_comes_back_filled_after_login(
    client, fasilitator, jabar
):
    url = create_url(jabar["bimbingan"])
    assert login_through_the_form(client, fasilitator, url).status_code == 302
    kirim_id = uuid.uuid4()
    data = rtl_data(owner=jabar["lsp"], tindakan="Diketik sebelum sesi habis")
    # The idle session ends: the browser drops its cookie, the CSRF cookie stays.
    del client.cookies[settings.SESSION_COOKIE_NAME]
    before = Rtl.objects.count()
    response = kirim(client, url, data, kirim_id)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) and "next=" in response.url
    back = login_through_the_form(client, fasilitator, url)
    assert back.status_code == 302 and back.url == url
    page = client.get(url)
    html = page.content.decode()
    assert "Sesi Anda berakhir; periksa lalu simpan kembali." in html
    assert "Diketik sebelum sesi habis" in html
    assert hidden(html, "kirim_id") == str(kirim_id)
    assert Rtl.objects.count() == before
    assert not client.session.get(STASH_KEY)
    assert "Diketik sebelum sesi habis" not in client.get(url).content.decode()
    saved = kirim(client, url, data, kirim_id)
    assert saved.status_code == 302 and Rtl.objects.count() == before + 1


def test_a_kept_submission_is_given_back_only_to_the_user_who_typed_it(
    client, fasilitator, komisi, jabar
):
    """A shared field laptop: the fasilitator's session ends mid-form and a colleague logs in
    next; the colleague gets an empty form, not the fasilitator's words to save as their own."""
    url = create_url(jabar["bimbingan"])
    login_through_the_form(client, fasilitator, url)
    del client.cookies[settings.SESSION_COOKIE_NAME]
    kirim(client, url, rtl_data(owner=jabar["lsp"], tindakan="Catatan pribadi fasilitator"))
    assert client.session.get(STASH_KEY)
    assert login_through_the_form(client, komisi, url).status_code == 302
    html = client.get(url).content.decode()
    assert "Catatan pribadi fasilitator" not in html
    assert "Sesi Anda berakhir; periksa lalu simpan kembali." not in html
    assert not client.session.get(STASH_KEY)


def test_a_session_past_its_absolute_limit_keeps_the_submission_too(client, fasilitator, jabar):
    url = create_url(jabar["bimbingan"])
    login_through_the_form(client, fasilitator, url)
    session = client.session
    session[SESSION_STARTED_KEY] = 0
    session.save()
    data = rtl_data(owner=jabar["lsp"], tindakan="Sesi dua belas jam")
    response = kirim(client, url, data)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    login_through_the_form(client, fasilitator, url)
    assert "Sesi dua belas jam" in client.get(url).content.decode()


def test_queued_and_htmx_requests_get_401_json_instead_of_a_login_page(client, jabar):
    url = create_url(jabar["bimbingan"])
    data = rtl_data(owner=jabar["lsp"])
    for headers in (JSON, {"HTTP_HX_REQUEST": "true"}):
        response = kirim(client, url, data, **headers)
        assert response.status_code == 401
        login = f"{reverse('login')}?{urlencode({'next': url})}"
        assert response.json() == {"ok": False, "login": login}
    assert STASH_KEY not in client.session


# --- JSON answers -------------------------------------------------------------------------------


def test_json_answers_created_duplicate_conflict_and_form_errors(client_as, fasilitator, jabar):
    client = client_as(fasilitator)
    url = create_url(jabar["bimbingan"])
    kirim_id = uuid.uuid4()
    data = rtl_data(owner=jabar["lsp"], tindakan="Dari antrean")
    created = kirim(client, url, data, kirim_id, **JSON)
    rtl = Rtl.objects.get(tindakan="Dari antrean")
    assert created.status_code == 201
    assert created.json()["url"] == rtl.get_absolute_url()
    assert created.json()["duplikat"] is False
    duplicate = kirim(client, url, data, kirim_id, **JSON)
    assert (duplicate.status_code, duplicate.json()) == (
        200,
        {"ok": True, "url": rtl.get_absolute_url(), "duplikat": True},
    )
    conflict = kirim(client, url, {**data, "satuan": "lain"}, kirim_id, **JSON)
    assert conflict.status_code == 409 and conflict.json()["ok"] is False
    assert conflict.json()["alasan"]
    invalid = kirim(client, url, {**data, "satuan": "", "target_nilai": "0"}, **JSON)
    assert invalid.status_code == 422
    errors = invalid.json()["errors"]
    assert errors["satuan"] == ["Isi satuan target, mis. dokumen, orang, skema, %."]
    assert errors["target_nilai"] == ["Target nilai harus lebih besar dari nol."]
    # The answer consumed the page messages: none waits for the user's next page.
    assert not list(client.get(reverse("beranda")).context["messages"])


def test_json_refusals_for_read_only_users_and_other_teams(
    client_as, pimpinan, fasilitator_lain, jabar
):
    data = rtl_data(owner=jabar["lsp"])
    read_only = kirim(client_as(pimpinan), update_url(jabar["rtl"]), data, **JSON)
    assert read_only.status_code == 403 and read_only.json()["ok"] is False
    other = kirim(client_as(fasilitator_lain), update_url(jabar["rtl"]), data, **JSON)
    assert other.status_code == 404 and other.json()["ok"] is False


def test_a_failed_csrf_check_is_a_403_json_for_the_queue(fasilitator, jabar):
    client = Client(enforce_csrf_checks=True)
    client.force_login(fasilitator)
    response = kirim(client, create_url(jabar["bimbingan"]), rtl_data(owner=jabar["lsp"]), **JSON)
    assert response.status_code == 403
    assert response.json()["ok"] is False and response.json()["csrf"] is True
    plain = kirim(client, create_url(jabar["bimbingan"]), rtl_data(owner=jabar["lsp"]))
    assert plain.status_code == 403 and plain["Content-Type"].startswith("text/html")


def test_the_token_endpoint_gives_a_csrf_token_and_who_is_logged_in(
    client, fasilitator, django_assert_num_queries
):
    url = reverse("kirim-token")
    anonymous = client.get(url)
    assert anonymous.json()["masuk"] is False and anonymous.json()["user"] is None
    assert len(anonymous.json()["csrf"]) >= 32
    assert "no-cache" in anonymous["Cache-Control"] or "max-age=0" in anonymous["Cache-Control"]
    client.force_login(fasilitator)
    # The session and the user read; the session is not written again (IdleSessionMiddleware)
    # and the request's savepoint pair.
    with django_assert_num_queries(4):
        body = client.get(url).json()
    assert body["masuk"] is True and body["user"] == "fasilitator"
    assert client.post(url).status_code == 405


def test_the_refused_list_shows_only_ones_own_in_fixed_queries(
    client_as, fasilitator, komisi, django_assert_num_queries
):
    def refuse(user, n):
        first = Kiriman.objects.create(
            user=user, kirim_id=uuid.uuid4(), isi_hash="a", status="berhasil", url="/rtl/1/"
        )
        for i in range(n):
            Kiriman.objects.create(
                user=user,
                kirim_id=first.kirim_id,
                isi_hash=f"b{i}",
                status="ditolak",
                asal=first,
                payload={"fields": [["tindakan", [f"milik {user.username} {i}"]]], "files": []},
            )

    refuse(komisi, 1)
    refuse(fasilitator, 1)
    client = client_as(fasilitator)
    url = reverse("kiriman-ditolak")
    # Session and user, the menu's roles and unread count, the list, the request's savepoints.
    with django_assert_num_queries(7) as few:
        html = client.get(url).content.decode()
    assert "milik fasilitator 0" in html and "milik komisi" not in html
    refuse(fasilitator, 5)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
    assert client.post(url).status_code == 405
    assert Client().get(url).status_code == 302
