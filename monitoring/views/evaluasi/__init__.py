"""Evaluation (§6.2): the capaian page, the e-monev view, the thresholds and the Excel downloads.

One module per page; they share the "monitoring" URL namespace through `urlpatterns` below.
"""

from django.urls import path

from monitoring.views.evaluasi.capaian import evaluasi_view
from monitoring.views.evaluasi.emonev import emonev
from monitoring.views.evaluasi.pengaturan import pengaturan_evaluasi
from monitoring.views.evaluasi.unduhan import emonev_ekspor, evaluasi_ekspor

urlpatterns = [
    path("evaluasi/", evaluasi_view, name="evaluasi"),
    path("evaluasi/ekspor.xlsx", evaluasi_ekspor, name="evaluasi-ekspor"),
    path("e-monev/", emonev, name="emonev"),
    path("e-monev/ekspor.xlsx", emonev_ekspor, name="emonev-ekspor"),
    path("pengaturan/", pengaturan_evaluasi, name="pengaturan-evaluasi"),
]
