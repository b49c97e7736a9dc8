"""Reports and the records they count."""

from datetime import date

import factory

from advokasi.models import Rtl
from advokasi.pedoman import KategoriMasalah
from advokasi.tests.factories import (
    BimbinganFactory,
    KelompokFactory,
    PermasalahanFactory,
    RtlFactory,
    SurveiFactory,
)
from laporan.models import Laporan
from laporan.services import laporan_create
from lsp.tests.factories import LspFactory, provinsi


class LaporanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Laporan

    nomor = factory.Sequence(lambda n: f"LAP-2026-{n + 1:04d}")
    judul = "Laporan Advokasi Tahun 2026"
    tahun = 2026
    untuk_rapat_teknis = True
    untuk_pleno = True
    ringkasan = "Advokasi tahun 2026 menjangkau LSP di Jawa Barat dan Jawa Timur."
    kesimpulan = "Sebagian besar RTL berjalan sesuai rencana."
    rekomendasi = "Perkuat pelatihan asesor kompetensi."
    dibuat_oleh = factory.LazyFunction(
        lambda: __import__("advokasi.tests.factories", fromlist=["_user"])._user("koordinator")
    )


def laporan_baru(user, **fields) -> Laporan:
    values = {
        "judul": "Laporan Advokasi Tahun 2026",
        "tahun": 2026,
        "untuk_rapat_teknis": True,
        "untuk_pleno": False,
        "ringkasan": "Ringkasan hasil advokasi tahun 2026.",
        "kesimpulan": "RTL berjalan sesuai rencana.",
        "rekomendasi": "Perkuat pelatihan asesor.",
    }
    values.update(fields)
    return laporan_create(user=user, **values)


def catatan_tahun(
    tim, *, rtl_selesai=3, rtl_berjalan=2, progres=40, lsp_nama="LSP Pariwisata Bandung"
):
    """A year's records of one team: a survey with two problems, a priority group, a session
    with RTL items (some done, some half-way). Returns the session."""
    lsp = LspFactory(sasaran__nama=lsp_nama, sasaran__provinsi=provinsi("Jawa Barat")).sasaran
    survei = SurveiFactory(tim=tim, sasaran=[lsp], tanggal=date(2026, 2, 3))
    m1 = PermasalahanFactory(survei=survei, sasaran=lsp, kategori=KategoriMasalah.OPERASIONAL)
    m2 = PermasalahanFactory(
        survei=survei, sasaran=lsp, kategori=KategoriMasalah.KAPASITAS_PELAYANAN
    )
    KelompokFactory(tim=tim, permasalahan=[m1, m2], strategi="")
    bimbingan = BimbinganFactory(tim=tim, sasaran=[lsp], tanggal=date(2026, 5, 12))
    for _ in range(rtl_selesai):
        RtlFactory(
            bimbingan=bimbingan,
            permasalahan=m1,
            pemilik_sasaran=lsp,
            status=Rtl.Status.SELESAI,
            progres=100,
            tanggal_selesai=date(2026, 7, 1),
        )
    for _ in range(rtl_berjalan):
        RtlFactory(
            bimbingan=bimbingan,
            permasalahan=m2,
            pemilik_sasaran=lsp,
            status=Rtl.Status.BERJALAN,
            progres=progres,
        )
    return bimbingan
