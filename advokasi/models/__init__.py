from advokasi.models.bimbingan import Bimbingan, BimbinganMasalah, PesertaBimbingan, Rtl
from advokasi.models.common import Lampiran, Penomoran
from advokasi.models.fgd import AlternatifTindakan, Fgd, PesertaFgd
from advokasi.models.prioritas import KelompokMasalah, KriteriaPrioritas, SkorPrioritas
from advokasi.models.survei import Permasalahan, Survei, TransisiMasalah
from advokasi.models.tim import Tim

__all__ = [
    "AlternatifTindakan",
    "Bimbingan",
    "BimbinganMasalah",
    "Fgd",
    "KelompokMasalah",
    "KriteriaPrioritas",
    "Lampiran",
    "Penomoran",
    "Permasalahan",
    "PesertaBimbingan",
    "PesertaFgd",
    "Rtl",
    "SkorPrioritas",
    "Survei",
    "Tim",
    "TransisiMasalah",
]
