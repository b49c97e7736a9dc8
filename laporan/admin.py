from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from laporan.models import BerkasLaporan, Laporan


class BerkasInline(admin.TabularInline):
    """Generated files are the worker's to write: shown here, never edited by hand."""

    model = BerkasLaporan
    extra = 0
    can_delete = False
    fields = ["versi", "jenis", "status", "persen", "halaman", "sha256", "berkas", "selesai_pada"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Laporan)
class LaporanAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "versi", "judul", "tahun", "status", "dibuat_oleh", "dibuat"]
    list_filter = ["status", "untuk_rapat_teknis", "untuk_pleno", "tahun"]
    search_fields = ["nomor", "judul", "ringkasan"]
    list_select_related = ["dibuat_oleh"]
    readonly_fields = ["nomor", "snapshot", "dibekukan_pada"]
    filter_horizontal = ["provinsi", "tim"]
    inlines = [BerkasInline]

    def has_delete_permission(self, request, obj=None):
        # A report that has been discussed, approved or submitted is part of the record.
        if obj is not None and obj.status != Laporan.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)
