from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from advokasi.models import (
    AlternatifTindakan,
    Bimbingan,
    BimbinganMasalah,
    Fgd,
    KelompokMasalah,
    KriteriaPrioritas,
    Lampiran,
    Permasalahan,
    PesertaBimbingan,
    PesertaFgd,
    Rtl,
    SkorPrioritas,
    Survei,
    Tim,
    TransisiMasalah,
)


@admin.register(Tim)
class TimAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "koordinator", "aktif"]
    list_filter = ["jenis", "aktif"]
    search_fields = ["nama"]
    list_select_related = ["koordinator"]
    filter_horizontal = ["anggota"]
    autocomplete_fields = ["sasaran"]


@admin.register(Survei)
class SurveiAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "tanggal", "tim", "dibuat_oleh"]
    list_filter = ["tim"]
    search_fields = ["nomor", "ringkasan"]
    list_select_related = ["tim", "dibuat_oleh"]
    date_hierarchy = "tanggal"
    autocomplete_fields = ["sasaran"]
    readonly_fields = ["nomor"]


class TransisiInline(admin.TabularInline):
    model = TransisiMasalah
    extra = 0
    can_delete = False
    readonly_fields = ["dari", "ke", "alasan", "sumber", "oleh", "pada"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Permasalahan)
class PermasalahanAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "sasaran", "kategori", "ruang_lingkup", "tingkat", "status"]
    list_filter = ["status", "kategori", "ruang_lingkup", "tingkat", "sasaran__provinsi"]
    search_fields = ["nomor", "uraian", "sasaran__nama"]
    list_select_related = ["sasaran"]
    raw_id_fields = ["survei", "sasaran", "digabung_ke"]
    readonly_fields = ["nomor"]
    inlines = [TransisiInline]


class PesertaFgdInline(admin.TabularInline):
    model = PesertaFgd
    extra = 0
    raw_id_fields = ["user"]


class AlternatifInline(admin.TabularInline):
    model = AlternatifTindakan
    extra = 0
    raw_id_fields = ["permasalahan", "dibuat_oleh"]


@admin.register(Fgd)
class FgdAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "tanggal", "tim", "tempat"]
    list_filter = ["tim"]
    search_fields = ["nomor", "kesimpulan"]
    list_select_related = ["tim"]
    date_hierarchy = "tanggal"
    raw_id_fields = ["permasalahan"]
    readonly_fields = ["nomor"]
    inlines = [PesertaFgdInline, AlternatifInline]


@admin.register(KriteriaPrioritas)
class KriteriaPrioritasAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "bobot", "urutan", "aktif"]
    list_editable = ["bobot", "urutan", "aktif"]


class SkorInline(admin.TabularInline):
    model = SkorPrioritas
    extra = 0


@admin.register(KelompokMasalah)
class KelompokMasalahAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "nama", "tahun", "tim", "jenis_sasaran", "disetujui_pada"]
    list_filter = ["tahun", "jenis_sasaran", "tim"]
    search_fields = ["nomor", "nama"]
    list_select_related = ["tim"]
    raw_id_fields = ["permasalahan", "sasaran", "fgd", "disetujui_oleh"]
    readonly_fields = ["nomor"]
    inlines = [SkorInline]


class BimbinganMasalahInline(admin.TabularInline):
    model = BimbinganMasalah
    extra = 0
    raw_id_fields = ["permasalahan", "alternatif_dipilih"]
    filter_horizontal = ["alternatif_disajikan"]


class PesertaBimbinganInline(admin.TabularInline):
    model = PesertaBimbingan
    extra = 0
    raw_id_fields = ["sasaran"]


@admin.register(Bimbingan)
class BimbinganAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "jenis", "tanggal", "tim", "status"]
    list_filter = ["jenis", "status", "tim"]
    search_fields = ["nomor", "kesimpulan"]
    list_select_related = ["tim"]
    date_hierarchy = "tanggal"
    raw_id_fields = ["sasaran", "kelompok_masalah"]
    filter_horizontal = ["fasilitator"]
    readonly_fields = ["nomor"]
    inlines = [BimbinganMasalahInline, PesertaBimbinganInline]


@admin.register(Rtl)
class RtlAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "pemilik_sasaran", "jenis", "status", "progres", "batas_waktu"]
    list_filter = ["status", "jenis", "pemilik_sasaran__provinsi"]
    search_fields = ["nomor", "tindakan", "pemilik_sasaran__nama", "pemilik_nama"]
    list_select_related = ["pemilik_sasaran"]
    date_hierarchy = "batas_waktu"
    raw_id_fields = ["bimbingan", "permasalahan", "lanjutan_dari", "pemilik_sasaran"]
    readonly_fields = ["nomor"]


@admin.register(Lampiran)
class LampiranAdmin(admin.ModelAdmin):
    list_display = ["nama_asli", "jenis", "tipe_mime", "ukuran", "diunggah_oleh", "diunggah"]
    list_filter = ["jenis", "tipe_mime"]
    search_fields = ["nama_asli", "keterangan"]
    list_select_related = ["diunggah_oleh"]
    raw_id_fields = ["permasalahan", "fgd", "bimbingan", "rtl", "diunggah_oleh"]
