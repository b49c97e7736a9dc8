"""`manage.py seed_demo`: demo data, so that every page looks like a working office.

Idempotent: every record has a natural key (BKSP: its province; LSP: license number; TUK: kode;
other targets: jenis and name; users: username), and a rerun creates only what is missing. Existing
records and accounts are never changed, so license dates stay as they were first created.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from advokasi.demo import seed_advokasi
from akun.models import Profil
from akun.roles import Role
from akun.statistik import perbarui_statistik
from laporan.demo import seed_laporan
from lsp import demo_data
from lsp.demo_data import DemoData, SasaranSpec, UserSpec
from lsp.models import Lsp, Provinsi, Sasaran, Tuk

DEFAULT_PASSWORD = "Demo-BNSP-2026!"


@dataclass
class SeedResult:
    """What one run created: targets per jenis, and the usernames of the new accounts."""

    sasaran: Counter = field(default_factory=Counter)
    users: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Mengisi basis data dengan data demo: BKSP di 38 provinsi, LSP beserta TUK-nya, asosiasi, "
        "instansi teknis, lemdiklat, dan satu akun untuk setiap peran. Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f'Kata sandi akun demo yang baru dibuat (bawaan: "{DEFAULT_PASSWORD}").',
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Jalankan juga saat DEBUG mati, misalnya di server demo.",
        )

    def handle(self, *args, password: str, force: bool, **options):
        # The demo accounts include a superuser with a printed password: never by accident on a
        # production database.
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG tidak aktif. Data demo (termasuk akun admin dengan kata sandi yang "
                "dicetak) hanya untuk laptop atau server demo; tambahkan --force bila memang "
                "itu yang dimaksud."
            )
        weak = _password_problems(password)
        today = timezone.localdate()
        data = demo_data.build(today)
        with transaction.atomic():
            created = seed(data, password=password)
            users = _demo_users(data.users)
            advokasi = seed_advokasi(today=today, users=users, password=password)
            laporan = seed_laporan(today=today, users=users)
        perbarui_statistik()
        if options["verbosity"] >= 1:
            self._print_summary(data.users, created, password, weak)
            self._print_advokasi(advokasi, password)
            if laporan:
                self.stdout.write(
                    f"Laporan demo: {laporan} laporan (satu draf, satu sudah disetujui)."
                )

    def _print_summary(self, users: list[UserSpec], created: SeedResult, password: str, weak):
        totals = dict(Sasaran.objects.values_list("jenis").annotate(n=Count("pk")))
        self.stdout.write(self.style.SUCCESS("Data demo selesai dimuat."))
        self.stdout.write("")
        rows = [
            (str(label), str(totals.get(jenis, 0)), str(created.sasaran[jenis]))
            for jenis, label in Sasaran.Jenis.choices
        ]
        self._table(("Jenis sasaran", "Jumlah", "Baru"), rows, right=(1, 2))
        self.stdout.write("")
        self.stdout.write("Akun demo:")
        rows = [
            (
                user.username,
                str(Role.LABELS[user.role]),
                password if user.username in created.users else "(akun lama, tidak diubah)",
            )
            for user in users
        ]
        self._table(("Nama pengguna", "Peran", "Kata sandi"), rows)
        if weak and created.users:
            self.stdout.write("")
            self.stdout.write(
                self.style.WARNING(
                    "Peringatan: kata sandi ini tidak lolos validasi Django ("
                    + " ".join(weak)
                    + ") Pakai hanya untuk demo lokal."
                )
            )

    def _print_advokasi(self, created: dict[str, int], password: str):
        self.stdout.write("")
        if not created:
            self.stdout.write("Data advokasi demo dilewati: tim advokasi sudah ada.")
            return
        self.stdout.write(
            "Data advokasi demo: {tim} tim, {survei} survei, {permasalahan} permasalahan, "
            "{fgd} FGD, {kelompok_masalah} kelompok prioritas, {bimbingan} bimbingan teknis, "
            "{rtl} RTL, {rencana_monitoring} rencana dan {catatan_monitoring} catatan "
            "monitoring.".format_map(Counter(created))
        )
        if created.get("pengguna"):
            self.stdout.write(
                f"Akun fasilitator tambahan (fas.rina, fas.yusuf, …) memakai kata sandi {password}"
            )

    def _table(self, headers: tuple, rows: list[tuple], right: tuple = ()):
        widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

        def line(row):
            cells = [
                cell.rjust(width) if i in right else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            return "  ".join(cells).rstrip()

        self.stdout.write(line(headers))
        self.stdout.write("  ".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row))


def _password_problems(password: str) -> list[str]:
    try:
        password_validation.validate_password(password)
    except ValidationError as error:
        return list(error.messages)
    return []


def seed(data: DemoData, *, password: str) -> SeedResult:
    """Create what is missing of `data` (call inside a transaction)."""
    provinces = {p.nama: p for p in Provinsi.objects.all()}
    missing = {spec.provinsi for spec in data.bksp} - set(provinces)
    if missing:
        raise CommandError(
            f"Provinsi belum ada di basis data ({', '.join(sorted(missing))}); "
            "jalankan `manage.py migrate` dahulu."
        )
    created = SeedResult()

    has_bksp = set(
        Sasaran.objects.filter(jenis=Sasaran.Jenis.BKSP).values_list("provinsi__nama", flat=True)
    )
    bksp = [spec for spec in data.bksp if spec.provinsi not in has_bksp]
    created.sasaran[Sasaran.Jenis.BKSP] = len(_create_sasaran(bksp, provinces))

    known = set(
        Sasaran.objects.filter(jenis__in={s.jenis for s in data.stakeholders}).values_list(
            "jenis", "nama"
        )
    )
    others = [spec for spec in data.stakeholders if (spec.jenis, spec.nama) not in known]
    for sasaran in _create_sasaran(others, provinces):
        created.sasaran[sasaran.jenis] += 1

    known = set(
        Lsp.objects.filter(nomor_lisensi__in=[s.nomor_lisensi for s in data.lsp]).values_list(
            "nomor_lisensi", flat=True
        )
    )
    lsps = [spec for spec in data.lsp if spec.nomor_lisensi not in known]
    sasarans = _create_sasaran([spec.sasaran for spec in lsps], provinces)
    _bulk_create(
        Lsp,
        [Lsp(sasaran=s, **spec.fields()) for s, spec in zip(sasarans, lsps, strict=True)],
    )
    created.sasaran[Sasaran.Jenis.LSP] = len(lsps)

    known = set(
        Tuk.objects.filter(kode__in=[s.kode for s in data.tuk]).values_list("kode", flat=True)
    )
    tuks = [spec for spec in data.tuk if spec.kode not in known]
    parents = Lsp.objects.in_bulk(
        {spec.lsp_nomor_lisensi for spec in tuks}, field_name="nomor_lisensi"
    )
    sasarans = _create_sasaran([spec.sasaran for spec in tuks], provinces)
    _bulk_create(
        Tuk,
        [
            Tuk(sasaran=s, lsp=parents[spec.lsp_nomor_lisensi], **spec.fields())
            for s, spec in zip(sasarans, tuks, strict=True)
        ],
    )
    created.sasaran[Sasaran.Jenis.TUK] = len(tuks)

    created.users = _create_users(data.users, provinces, password)
    return created


def _demo_users(specs: list[UserSpec]) -> dict:
    """The demo accounts by username, as they are now (new or kept from an earlier run)."""
    User = get_user_model()
    return User.objects.in_bulk([spec.username for spec in specs], field_name="username")


def _create_sasaran(specs: list[SasaranSpec], provinces: dict) -> list[Sasaran]:
    objs = [Sasaran(provinsi=provinces[spec.provinsi], **spec.fields()) for spec in specs]
    return _bulk_create(Sasaran, objs)


def _bulk_create(model, objs: list) -> list:
    """bulk_create with history rows; the objects come back with their primary keys."""
    if not objs:
        return []
    saved = bulk_create_with_history(
        objs, model, batch_size=500, default_change_reason=demo_data.CHANGE_REASON
    )
    # PostgreSQL and SQLite 3.35+ return the new ids; the detail rows need them.
    if len(saved) != len(objs) or any(obj.pk is None for obj in saved):
        raise CommandError(f"Basis data tidak mengembalikan id baris {model.__name__} baru.")
    return saved


def _create_users(specs: list[UserSpec], provinces: dict, password: str) -> list[str]:
    User = get_user_model()
    groups = {g.name: g for g in Group.objects.filter(name__in=Role.ALL)}
    if len(groups) != len(Role.ALL):
        raise CommandError("Grup peran belum ada; jalankan `manage.py migrate` dahulu.")
    existing = set(
        User.objects.filter(username__in=[s.username for s in specs]).values_list(
            "username", flat=True
        )
    )
    new = [spec for spec in specs if spec.username not in existing]
    for spec in new:
        user = User.objects.create(
            username=spec.username,
            password=make_password(password),
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=spec.email,
            is_staff=spec.is_staff,
            is_superuser=spec.is_superuser,
        )
        user.groups.add(groups[spec.role])
        Profil.objects.create(
            user=user,
            provinsi=provinces[spec.provinsi] if spec.provinsi else None,
            jabatan=spec.jabatan,
        )
    return [spec.username for spec in new]
