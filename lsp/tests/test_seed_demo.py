from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from akun.models import Profil
from akun.roles import Role
from lsp import demo_data
from lsp.management.commands.seed_demo import DEFAULT_PASSWORD
from lsp.models import Lsp, Provinsi, Sasaran, Tuk
from lsp.tests.factories import bksp

DEMO_USERS = {
    "admin": Role.ADMIN,
    "komisi": Role.STAF_KOMISI,
    "fasilitator": Role.FASILITATOR,
    "bksp": Role.BKSP,
    "pimpinan": Role.PIMPINAN,
}


def seed_demo(**options) -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out, **options)
    return out.getvalue()


def counts() -> dict:
    User = get_user_model()
    return {
        "sasaran": dict(Sasaran.objects.values_list("jenis").annotate(n=Count("pk"))),
        "lsp": Lsp.objects.count(),
        "tuk": Tuk.objects.count(),
        "users": User.objects.count(),
        "memberships": User.groups.through.objects.count(),
        "profil": Profil.objects.count(),
        "history": [model.history.count() for model in (Sasaran, Lsp, Tuk, Profil)],
    }


@pytest.fixture
def seeded(db):
    return seed_demo()


def test_seed_demo_gives_every_province_one_bksp(seeded):
    bksp_rows = Sasaran.objects.filter(jenis=Sasaran.Jenis.BKSP)
    assert bksp_rows.count() == 38
    assert set(bksp_rows.values_list("provinsi", flat=True)) == set(
        Provinsi.objects.values_list("pk", flat=True)
    )
    jabar = bksp_rows.get(provinsi__nama="Jawa Barat")
    assert jabar.nama == "BKSP Provinsi Jawa Barat"
    assert jabar.kabupaten_kota == "Kota Bandung"
    assert jabar.email == "sekretariat@bksp-jabar.go.id"


def test_seed_demo_registers_lsps_of_every_kind_and_license_status(seeded):
    lsps = Sasaran.objects.lsp()
    assert lsps.count() >= 75
    assert set(Lsp.objects.values_list("jenis_lsp", flat=True)) == set(Lsp.JenisLsp.values)
    statuses = list(lsps.with_status_lisensi().values_list("status_lisensi_kode", flat=True))
    assert set(statuses) == {"aktif", "segera_habis", "kedaluwarsa"}
    assert statuses.count("aktif") > len(statuses) / 2
    for lsp in Lsp.objects.all():
        assert lsp.tanggal_kedaluwarsa == demo_data.license_end(lsp.tanggal_lisensi)


def test_seed_demo_attaches_tuks_to_lsps_in_their_province(seeded):
    tuks = Tuk.objects.select_related("sasaran", "lsp__sasaran")
    assert tuks.count() >= Lsp.objects.count()
    assert Lsp.objects.filter(tuks__isnull=False).distinct().count() > Lsp.objects.count() / 2
    for tuk in tuks:
        assert tuk.sasaran.jenis == Sasaran.Jenis.TUK
        assert tuk.sasaran.provinsi_id == tuk.lsp.sasaran.provinsi_id
    assert set(tuks.values_list("jenis_tuk", flat=True)) == set(Tuk.JenisTuk.values)


def test_seed_demo_creates_the_other_targets(seeded):
    per_jenis = dict(Sasaran.objects.values_list("jenis").annotate(n=Count("pk")))
    assert per_jenis[Sasaran.Jenis.ASOSIASI_PROFESI] == 12
    assert per_jenis[Sasaran.Jenis.ASOSIASI_INDUSTRI] == 10
    assert per_jenis[Sasaran.Jenis.INSTANSI_TEKNIS] == 10
    assert per_jenis[Sasaran.Jenis.LEMDIKLAT] == 12
    assert Sasaran.objects.filter(nama="Kementerian Ketenagakerjaan").exists()


def test_seed_demo_data_pass_model_validation(seeded):
    for obj in [*Sasaran.objects.all(), *Lsp.objects.all(), *Tuk.objects.all()]:
        obj.full_clean()


def test_seed_demo_creates_one_user_per_role(seeded):
    User = get_user_model()
    for username, role in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.check_password(DEFAULT_PASSWORD)
        assert user.first_name and user.last_name and user.email
    assert User.objects.get(username="bksp").profil.provinsi.nama == "Jawa Barat"
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    komisi = User.objects.get(username="komisi")
    assert not komisi.is_staff and not komisi.is_superuser


def test_seed_demo_records_history(seeded):
    assert Sasaran.history.count() == Sasaran.objects.count() > 0
    assert Lsp.history.count() == Lsp.objects.count()
    assert Tuk.history.count() == Tuk.objects.count()
    assert Sasaran.history.first().history_change_reason == demo_data.CHANGE_REASON


def test_seed_demo_prints_a_summary_with_the_logins(seeded):
    assert "Data demo selesai dimuat." in seeded
    assert "Asosiasi Profesi" in seeded
    for username in DEMO_USERS:
        assert username in seeded
    assert DEFAULT_PASSWORD in seeded


def test_seed_demo_twice_creates_nothing_new(seeded):
    before = counts()

    output = seed_demo()

    assert counts() == before
    assert DEFAULT_PASSWORD not in output
    assert "(akun lama, tidak diubah)" in output


@pytest.mark.django_db
def test_seed_demo_password_option_sets_the_demo_password():
    output = seed_demo(password="demo12345")

    assert get_user_model().objects.get(username="fasilitator").check_password("demo12345")
    assert "demo12345" in output


@pytest.mark.django_db
def test_seed_demo_leaves_existing_records_alone(admin_user):
    existing_bksp = bksp("Jawa Barat")
    password_hash = admin_user.password

    seed_demo()

    admin_user.refresh_from_db()
    assert admin_user.password == password_hash
    assert admin_user.first_name == ""
    jabar = Sasaran.objects.filter(jenis=Sasaran.Jenis.BKSP, provinsi__nama="Jawa Barat")
    assert list(jabar) == [existing_bksp]
    assert Sasaran.objects.filter(jenis=Sasaran.Jenis.BKSP).count() == 38


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG tidak aktif"):
        call_command("seed_demo", stdout=StringIO())

    assert not Sasaran.objects.exists()


def test_demo_data_are_the_same_on_every_run():
    today = date(2026, 3, 1)
    assert demo_data.build(today) == demo_data.build(today)
