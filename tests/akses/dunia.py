"""One world with a record of every kind, for "our" team and province and for another's.

Our team (Tim A: fasilitator) works with targets in Jawa Barat, where the BKSP user `bksp` sits;
the other team (Tim B: fasilitator_lain) works in Jawa Timur, the province of `bksp_lain`. So for
every record of our team: admin, komisi and pimpinan read everything, `fasilitator` and `bksp` are
"theirs", `fasilitator_lain` and `bksp_lain` are "another team/province", and `tanpa_peran` has
no role at all.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from akun.models import Notifikasi
from akun.roles import Role
from conftest import make_user

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# Every role the matrix visits as, besides the anonymous visitor.
PERAN = (
    "admin",
    "komisi",
    "fasilitator",
    "fasilitator_lain",
    "bksp",
    "bksp_lain",
    "pimpinan",
    "tanpa_peran",
)


@dataclass
class Kasus:
    """The records of one team, all touching one target of the team's province."""

    tim: object
    lsp: object
    survei: object
    permasalahan: object
    fgd: object
    kelompok: object
    bimbingan: object
    rtl: object
    rencana: object
    catatan: object
    lampiran: dict = field(default_factory=dict)


@dataclass
class Dunia:
    users: dict
    kami: Kasus
    lain: Kasus
    instrumen: object
    impor: object
    notifikasi: object
    token_kalender: object
    laporan: object = None
    berkas_laporan: object = None

    @property
    def aspek(self):
        return self.instrumen.aspek.first()

    @property
    def fokus(self):
        return self.aspek.fokus.first()

    @property
    def indikator(self):
        return self.fokus.indikator.first()


def _kasus(*, tim, provinsi_nama, user, instrumen) -> Kasus:
    from advokasi.services.lampiran import lampiran_create
    from advokasi.services.nomor import nomor_berikut
    from advokasi.tests.factories import (
        AlternatifFactory,
        BimbinganFactory,
        FgdFactory,
        KelompokFactory,
        PermasalahanFactory,
        RtlFactory,
        SurveiFactory,
    )
    from lsp.tests.factories import LspFactory, provinsi
    from monitoring.models import CatatanMonitoring, RencanaMonitoring

    lsp = LspFactory(sasaran__provinsi=provinsi(provinsi_nama)).sasaran
    tim.sasaran.add(lsp)
    survei = SurveiFactory(tim=tim, sasaran=[lsp], dibuat_oleh=user)
    masalah = PermasalahanFactory(survei=survei, sasaran=lsp, dibuat_oleh=user)
    AlternatifFactory(permasalahan=masalah, dibuat_oleh=user)
    fgd = FgdFactory(tim=tim, permasalahan=[masalah], dibuat_oleh=user)
    kelompok = KelompokFactory(tim=tim, permasalahan=[masalah], dibuat_oleh=user)
    sesi = BimbinganFactory(tim=tim, sasaran=[lsp], dibuat_oleh=user)
    rtl = RtlFactory(bimbingan=sesi, pemilik_sasaran=lsp, permasalahan=masalah, dibuat_oleh=user)
    rencana = RencanaMonitoring.objects.create(
        nomor=nomor_berikut(kode="MON", tahun=2026),
        tim=tim,
        tujuan="Memastikan RTL panduan mutu dilaksanakan",
        ruang_lingkup="Dokumen mutu dan pelaksanaan asesmen",
        metode=RencanaMonitoring.Metode.VISITASI,
        instrumen=instrumen,
        tanggal_rencana=date(2026, 6, 15),
        dibuat_oleh=user,
    )
    rencana.sasaran.set([lsp])
    rencana.bimbingan.add(sesi)
    rencana.rtl.set([rtl])
    catatan = CatatanMonitoring.objects.create(
        nomor=nomor_berikut(kode="CMN", tahun=2026),
        rencana=rencana,
        tanggal=date(2026, 6, 20),
        dibuat_oleh=user,
    )
    kasus = Kasus(
        tim=tim,
        lsp=lsp,
        survei=survei,
        permasalahan=masalah,
        fgd=fgd,
        kelompok=kelompok,
        bimbingan=sesi,
        rtl=rtl,
        rencana=rencana,
        catatan=catatan,
    )
    for kind in ("permasalahan", "fgd", "bimbingan", "rtl"):
        kasus.lampiran[kind] = lampiran_create(
            user=user,
            parent_kind=kind,
            parent=getattr(kasus, kind),
            uploaded_file=SimpleUploadedFile(f"bukti-{kind}.pdf", PDF),
            jenis="dokumen",
        )
    return kasus


def bangun_dunia(django_user_model) -> Dunia:
    """Create the world; the caller runs this inside a transaction it rolls back afterwards."""
    from advokasi.tests.factories import TimFactory
    from lsp.importer import impor_create
    from monitoring.kalender import token_kalender_buat
    from monitoring.tests.test_instrumen import buat_instrumen

    users = {
        "admin": make_user(
            django_user_model, "admin", Role.ADMIN, is_staff=True, is_superuser=True
        ),
        "komisi": make_user(django_user_model, "komisi", Role.STAF_KOMISI),
        "fasilitator": make_user(django_user_model, "fasilitator", Role.FASILITATOR),
        "fasilitator_lain": make_user(django_user_model, "fasilitator_lain", Role.FASILITATOR),
        "bksp": make_user(django_user_model, "bksp_jabar", Role.BKSP, "Jawa Barat"),
        "bksp_lain": make_user(django_user_model, "bksp_jatim", Role.BKSP, "Jawa Timur"),
        "pimpinan": make_user(django_user_model, "pimpinan", Role.PIMPINAN),
        "tanpa_peran": make_user(django_user_model, "tanpa_peran"),
    }
    komisi = users["komisi"]
    instrumen = buat_instrumen(komisi, "Instrumen matriks akses")
    tim = TimFactory(nama="Tim A", koordinator=komisi, anggota=[users["fasilitator"]])
    tim_lain = TimFactory(nama="Tim B", koordinator=komisi, anggota=[users["fasilitator_lain"]])
    kami = _kasus(
        tim=tim, provinsi_nama="Jawa Barat", user=users["fasilitator"], instrumen=instrumen
    )
    lain = _kasus(
        tim=tim_lain,
        provinsi_nama="Jawa Timur",
        user=users["fasilitator_lain"],
        instrumen=instrumen,
    )
    csv = (
        b"Nama LSP,Jenis LSP,Nomor Lisensi,Nomor SK,Tanggal Lisensi,Tanggal Kedaluwarsa,"
        b"Provinsi\nLSP Matriks,P3,BNSP-LSP-9999-MTX,KEP.1/BNSP/2024,15/01/2024,14/01/2029,"
        b"Jawa Barat\n"
    )
    impor = impor_create(user=komisi, uploaded_file=ContentFile(csv, "matriks.csv"))
    notifikasi = Notifikasi.objects.create(
        user=users["fasilitator"],
        jenis=Notifikasi.Jenis.RTL_JATUH_TEMPO,
        kunci=f"rtl:{kami.rtl.pk}",
        tanggal=date(2026, 8, 24),
        pesan="RTL mendekati batas waktu",
        url=kami.rtl.get_absolute_url(),
    )
    token = token_kalender_buat(user=users["fasilitator"])
    laporan, berkas_laporan = _laporan(komisi)
    return Dunia(
        users=users,
        kami=kami,
        lain=lain,
        instrumen=instrumen,
        impor=impor,
        notifikasi=notifikasi,
        token_kalender=token,
        laporan=laporan,
        berkas_laporan=berkas_laporan,
    )


def _laporan(komisi):
    """A report in draft with one finished PDF."""
    from laporan.models import BerkasLaporan
    from laporan.tests.factories import LaporanFactory

    laporan = LaporanFactory(dibuat_oleh=komisi)
    berkas = BerkasLaporan(
        laporan=laporan,
        versi=1,
        jenis=BerkasLaporan.Jenis.UTAMA,
        status=BerkasLaporan.Status.SELESAI,
        diminta_oleh=komisi,
        ukuran=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
    )
    berkas.berkas.save("laporan.pdf", ContentFile(PDF), save=False)
    berkas.save()
    return laporan, berkas
