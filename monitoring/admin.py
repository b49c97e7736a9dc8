from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from monitoring.models import (
    Aspek,
    CatatanMonitoring,
    Fokus,
    Indikator,
    Instrumen,
    JawabanIndikator,
    KonfirmasiMasalah,
    PengaturanEvaluasi,
    ProgresRtl,
    RencanaMonitoring,
    TemuanAturan,
)


class AspekInline(admin.TabularInline):
    model = Aspek
    extra = 0


@admin.register(Instrumen)
class InstrumenAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "aktif", "dibuat"]
    list_filter = ["aktif"]
    search_fields = ["nama"]
    inlines = [AspekInline]


class FokusInline(admin.TabularInline):
    model = Fokus
    extra = 0


@admin.register(Aspek)
class AspekAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "instrumen", "urutan"]
    list_select_related = ["instrumen"]
    search_fields = ["nama", "instrumen__nama"]
    inlines = [FokusInline]


class IndikatorInline(admin.TabularInline):
    model = Indikator
    extra = 0


@admin.register(Fokus)
class FokusAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "aspek", "urutan"]
    list_select_related = ["aspek"]
    search_fields = ["nama", "aspek__nama"]
    inlines = [IndikatorInline]


@admin.register(RencanaMonitoring)
class RencanaMonitoringAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "tim", "metode", "tanggal_rencana", "status"]
    list_filter = ["metode", "status", "tim"]
    search_fields = ["nomor", "tujuan"]
    list_select_related = ["tim"]
    date_hierarchy = "tanggal_rencana"
    raw_id_fields = ["sasaran", "bimbingan", "rtl", "instrumen"]
    readonly_fields = ["nomor"]


class JawabanInline(admin.TabularInline):
    model = JawabanIndikator
    extra = 0
    raw_id_fields = ["indikator"]


class ProgresInline(admin.TabularInline):
    model = ProgresRtl
    extra = 0
    raw_id_fields = ["rtl"]


class KonfirmasiInline(admin.TabularInline):
    model = KonfirmasiMasalah
    extra = 0
    raw_id_fields = ["permasalahan"]


@admin.register(CatatanMonitoring)
class CatatanMonitoringAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "rencana", "tanggal"]
    search_fields = ["nomor", "temuan"]
    list_select_related = ["rencana"]
    raw_id_fields = ["rencana"]
    readonly_fields = ["nomor"]
    inlines = [JawabanInline, ProgresInline, KonfirmasiInline]


@admin.register(PengaturanEvaluasi)
class PengaturanEvaluasiAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "batas_sangat_baik", "batas_baik", "batas_cukup", "toleransi_emonev"]

    def has_add_permission(self, request):
        return not PengaturanEvaluasi.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TemuanAturan)
class TemuanAturanAdmin(admin.ModelAdmin):
    """The daily log of rule findings (monitoring.aturan): written by the task, read here."""

    list_display = ["tanggal", "jenis", "kalimat", "pertama"]
    list_filter = ["jenis", "tanggal"]
    search_fields = ["kalimat"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
