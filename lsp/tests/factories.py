from datetime import date

import factory

from lsp.models import Lsp, Provinsi, Sasaran, Tuk


def provinsi(nama: str = "DKI Jakarta") -> Provinsi:
    """Provinces come from a data migration; tests pick one by name."""
    return Provinsi.objects.get(nama=nama)


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sasaran

    jenis = Sasaran.Jenis.ASOSIASI_PROFESI
    nama = factory.Sequence(lambda n: f"Asosiasi Profesi Nomor {n}")
    provinsi = factory.LazyFunction(provinsi)
    kabupaten_kota = "Jakarta Pusat"
    narahubung = "Budi Santoso"
    email = factory.Sequence(lambda n: f"kontak{n}@contoh.or.id")


class LspFactory(factory.django.DjangoModelFactory):
    """Creates the Sasaran row and its LSP details."""

    class Meta:
        model = Lsp

    sasaran = factory.SubFactory(
        SasaranFactory, jenis=Sasaran.Jenis.LSP, nama=factory.Sequence(lambda n: f"LSP Uji {n}")
    )
    jenis_lsp = Lsp.JenisLsp.P3
    nomor_lisensi = factory.Sequence(lambda n: f"BNSP-LSP-{n:04d}-ID")
    nomor_sk = factory.Sequence(lambda n: f"KEP.{n}/BNSP/2024")
    tanggal_lisensi = date(2024, 1, 15)
    tanggal_kedaluwarsa = date(2029, 1, 14)
    sektor = "Teknologi Informasi"
    jumlah_skema = 12


class TukFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tuk

    sasaran = factory.SubFactory(
        SasaranFactory, jenis=Sasaran.Jenis.TUK, nama=factory.Sequence(lambda n: f"TUK Uji {n}")
    )
    lsp = factory.SubFactory(LspFactory)
    kode = factory.Sequence(lambda n: f"TUK-{n:05d}")
    jenis_tuk = Tuk.JenisTuk.SEWAKTU
    penanggung_jawab = "Siti Rahmawati"


def bksp(nama_provinsi: str) -> Sasaran:
    return SasaranFactory(
        jenis=Sasaran.Jenis.BKSP, nama=f"BKSP {nama_provinsi}", provinsi=provinsi(nama_provinsi)
    )
