"""Factories for advocacy records. A record's number is allocated as the services would."""

from datetime import date, time

import factory

from advokasi.models import (
    AlternatifTindakan,
    Bimbingan,
    Fgd,
    KelompokMasalah,
    Permasalahan,
    Rtl,
    Survei,
    Tim,
)
from advokasi.pedoman import JenisBimbingan, JenisTim, KategoriMasalah, RuangLingkup
from advokasi.services.nomor import nomor_berikut
from lsp.tests.factories import LspFactory


def _nomor(kode):
    return factory.LazyFunction(lambda: nomor_berikut(kode=kode, tahun=2026))


class TimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tim
        skip_postgeneration_save = True

    nama = factory.Sequence(lambda n: f"Tim Advokasi {n}")
    jenis = JenisTim.UNIT_LSP
    koordinator = factory.LazyFunction(lambda: _user("koordinator"))

    @factory.post_generation
    def anggota(self, create, extracted, **kwargs):
        if create and extracted:
            self.anggota.add(*extracted)


def _user(username):
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username=username)
    return user


class SurveiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survei
        skip_postgeneration_save = True

    nomor = _nomor("SRV")
    tim = factory.SubFactory(TimFactory)
    tanggal = date(2026, 3, 10)
    ringkasan = "Survei lapangan ke LSP"
    dibuat_oleh = factory.LazyAttribute(lambda o: o.tim.koordinator)

    @factory.post_generation
    def sasaran(self, create, extracted, **kwargs):
        if create and extracted:
            self.sasaran.add(*extracted)


class PermasalahanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Permasalahan
        skip_postgeneration_save = True

    nomor = _nomor("MSL")
    survei = factory.SubFactory(SurveiFactory)
    sasaran = factory.LazyAttribute(lambda o: LspFactory().sasaran)
    kategori = KategoriMasalah.OPERASIONAL
    ruang_lingkup = RuangLingkup.ASESMEN
    uraian = factory.Sequence(lambda n: f"Asesor kompetensi belum cukup untuk skema ke-{n}")
    tingkat = Permasalahan.Tingkat.TINGGI
    dibuat_oleh = factory.LazyAttribute(lambda o: o.survei.dibuat_oleh)

    @factory.post_generation
    def _link_target(self, create, extracted, **kwargs):
        if create:
            self.survei.sasaran.add(self.sasaran)


class FgdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fgd
        skip_postgeneration_save = True

    nomor = _nomor("FGD")
    tim = factory.SubFactory(TimFactory)
    tanggal = date(2026, 4, 2)
    waktu_mulai = time(9, 0)
    tempat = "Ruang Rapat BNSP, Jakarta"
    dibuat_oleh = factory.LazyAttribute(lambda o: o.tim.koordinator)

    @factory.post_generation
    def permasalahan(self, create, extracted, **kwargs):
        if create and extracted:
            self.permasalahan.add(*extracted)


class AlternatifFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlternatifTindakan

    permasalahan = factory.SubFactory(PermasalahanFactory)
    uraian = "Pelatihan asesor kompetensi bersama LSP sejenis"
    dibuat_oleh = factory.LazyAttribute(lambda o: o.permasalahan.dibuat_oleh)


class KelompokFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KelompokMasalah
        skip_postgeneration_save = True

    nomor = _nomor("PRI")
    tim = factory.SubFactory(TimFactory)
    nama = factory.Sequence(lambda n: f"Kekurangan asesor kompetensi {n}")
    tahun = 2026
    jenis_sasaran = KelompokMasalah.JenisSasaran.KELOMPOK_LSP
    dibuat_oleh = factory.LazyAttribute(lambda o: o.tim.koordinator)

    @factory.post_generation
    def permasalahan(self, create, extracted, **kwargs):
        if create and extracted:
            self.permasalahan.add(*extracted)
            self.sasaran.add(*{p.sasaran for p in extracted})


class BimbinganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bimbingan
        skip_postgeneration_save = True

    nomor = _nomor("BMT")
    jenis = JenisBimbingan.LSP
    tim = factory.SubFactory(TimFactory)
    tanggal = date(2026, 5, 12)
    waktu_mulai = time(9, 0)
    waktu_selesai = time(15, 0)
    tempat = "Kantor LSP"
    dibuat_oleh = factory.LazyAttribute(lambda o: o.tim.koordinator)

    @factory.post_generation
    def sasaran(self, create, extracted, **kwargs):
        if create and extracted:
            self.sasaran.add(*extracted)


class RtlFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rtl

    nomor = _nomor("RTL")
    bimbingan = factory.SubFactory(BimbinganFactory)
    tindakan = "Menyusun ulang panduan mutu LSP sesuai Pedoman BNSP 201"
    jenis = Rtl.Jenis.KOREKTIF
    pemilik_sasaran = factory.LazyAttribute(lambda o: LspFactory().sasaran)
    pemilik_nama = "Ir. Bambang Susilo (Ketua LSP)"
    batas_waktu = date(2026, 8, 31)
    indikator = "Panduan mutu disahkan dan diunggah"
    target_nilai = 1
    satuan = "dokumen"
    tanggal_disepakati = factory.LazyAttribute(lambda o: o.bimbingan.tanggal)
    dibuat_oleh = factory.LazyAttribute(lambda o: o.bimbingan.dibuat_oleh)
