"""The pedoman's lists (Pedoman 604 BNSP 2012), in one place, reused by models, forms and papers.

Section numbers are the pedoman's. Labels are what users read, so they follow its wording.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KategoriMasalah(models.TextChoices):
    """§4.1 a–d: where a problem of LSP independence comes from."""

    PEMANGKU_KEPENTINGAN = (
        "a",
        _("Dukungan pemangku kepentingan (asosiasi industri, asosiasi profesi)"),
    )
    OTORITAS_KOMPETEN = "b", _("Dukungan otoritas kompeten")
    KAPASITAS_PELAYANAN = "c", _("Pengembangan kapasitas pelayanan LSP")
    OPERASIONAL = "d", _("Pelaksanaan operasional LSP")


class RuangLingkup(models.TextChoices):
    """§1.1 a–e: the scope areas of advocacy problems."""

    ADMINISTRASI = "a", _("Administrasi kemandirian LSP")
    MANAJEMEN = "b", _("Teknis pengelolaan manajemen LSP")
    ASESMEN = "c", _("Teknis asesmen dan sertifikasi")
    PELAYANAN = "d", _("Ruang lingkup pelayanan jasa asesmen dan sertifikasi LSP")
    PROGRAM_KERJA = "e", _("Program kerja LSP")


class JenisTim(models.TextChoices):
    """§3.1–§3.3: how an advocacy is organised."""

    UNIT_LSP = "unit_lsp", _("Advokasi unit LSP")
    KELOMPOK_LSP = "kelompok_lsp", _("Advokasi kelompok LSP")
    BKSP = "bksp", _("Advokasi BKSP sebagai pembina LSP di daerah")


class JenisBimbingan(models.TextChoices):
    """§5.1–§5.3: the three kinds of technical guidance session."""

    KELOMPOK_LSP = "kelompok_lsp", _("Kelompok LSP dengan permasalahan sejenis (§5.1)")
    LSP = "lsp", _("Bimbingan teknis LSP (§5.2)")
    BKSP = "bksp", _("Bimbingan teknis BKSP sebagai pembina LSP di daerah (§5.3)")


LANGKAH_FGD = [
    ("a", _("Pastikan pengelompokan beranggotakan para fasilitator/pembina LSP")),
    ("b", _("Identifikasi permasalahan hasil survei dan pemetaan pengembangan LSP")),
    ("c", _("Identifikasi alternatif tindakan koreksi dan perbaikan berikutnya")),
    ("d", _("Pimpin dan lakukan diskusi kelompok untuk penyelesaian masalah pengembangan LSP")),
    (
        "e",
        _(
            "Tarik kesimpulan permasalahan dan alternatif langkah perbaikan dan peningkatan "
            "berlanjut, sebagai bahan advokasi"
        ),
    ),
]

LANGKAH_BIMBINGAN = {
    JenisBimbingan.KELOMPOK_LSP: [
        ("a", _("Pastikan pengelompokan beranggotakan para LSP dengan permasalahan sejenis")),
        ("b", _("Identifikasi permasalahan hasil survei dan pemetaan pengembangan LSP")),
        ("c", _("Identifikasi alternatif tindakan koreksi dan perbaikan berikutnya")),
        ("d", _("Pimpin dan lakukan bimbingan kelompok untuk penyelesaian masalah")),
        ("e", _("Konfirmasikan permasalahan hasil survei dan pemetaan dengan peserta")),
        ("f", _("Sampaikan alternatif-alternatif hasil identifikasi sebelumnya")),
        ("g", _("Pimpin untuk memilih alternatif penyelesaian masalah")),
        ("h", _("Lakukan langsung penyelesaian masalah bila memungkinkan")),
        ("i", _("Lakukan penjadwalan bimbingan untuk penyelesaian masalah")),
        ("j", _("Tarik kesimpulan dan rekam hasil bimbingan sebagai RTL")),
    ],
    JenisBimbingan.LSP: [
        ("a", _("Identifikasi permasalahan hasil survei dan pemetaan pengembangan LSP")),
        ("b", _("Identifikasi alternatif tindakan koreksi dan perbaikan berikutnya")),
        ("c", _("Pimpin dan lakukan bimbingan untuk penyelesaian masalah")),
        ("d", _("Konfirmasikan permasalahan hasil survei dan pemetaan dengan peserta")),
        ("e", _("Sampaikan alternatif-alternatif hasil identifikasi sebelumnya")),
        ("f", _("Fasilitasi untuk memilih alternatif penyelesaian masalah")),
        ("g", _("Lakukan langsung penyelesaian masalah bila memungkinkan")),
        ("h", _("Lakukan penjadwalan bimbingan untuk penyelesaian masalah")),
        ("i", _("Tarik kesimpulan dan rekam hasil bimbingan sebagai RTL")),
    ],
    JenisBimbingan.BKSP: [
        ("a", _("Identifikasi permasalahan hasil survei dan pemetaan pada wilayah kerja BKSP")),
        ("b", _("Identifikasi alternatif tindakan koreksi dan perbaikan berikutnya")),
        ("c", _("Fasilitasi dan lakukan bimbingan untuk penyelesaian masalah")),
        ("d", _("Konfirmasikan permasalahan hasil survei dan pemetaan dengan peserta")),
        ("e", _("Sampaikan alternatif-alternatif hasil identifikasi sebelumnya")),
        ("f", _("Fasilitasi untuk memilih alternatif penyelesaian masalah")),
        ("g", _("Lakukan langsung penyelesaian masalah bila memungkinkan")),
        ("h", _("Lakukan penjadwalan bimbingan untuk penyelesaian masalah BKSP")),
        ("i", _("Tarik kesimpulan dan rekam hasil bimbingan sebagai RTL")),
    ],
}

# §4.3b: the criteria a problem group is ranked by. Loaded as editable data by a migration.
KRITERIA_PRIORITAS_AWAL = [
    (_("Tingkat keakutan masalah"), 40),
    (_("Tuntutan mendesak masyarakat"), 25),
    (_("Tuntutan kebijakan nasional"), 25),
    (_("Lain-lain"), 10),
]
