from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lsp.models import Lsp, Provinsi, Sasaran, Tuk


@admin.register(Provinsi)
class ProvinsiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["nama", "kode"]
    ordering = ["kode"]


class LspInline(admin.StackedInline):
    model = Lsp
    can_delete = False
    extra = 0
    max_num = 1


class TukInline(admin.StackedInline):
    model = Tuk
    fk_name = "sasaran"
    can_delete = False
    extra = 0
    max_num = 1
    autocomplete_fields = ["lsp"]


@admin.register(Sasaran)
class SasaranAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "provinsi", "kabupaten_kota", "narahubung", "diubah"]
    list_filter = ["jenis", "provinsi", "lsp__jenis_lsp"]
    search_fields = ["nama", "kabupaten_kota", "lsp__nomor_lisensi", "tuk__kode"]
    list_select_related = ["provinsi"]
    list_per_page = 25
    autocomplete_fields = ["provinsi"]
    inlines = [LspInline, TukInline]
    date_hierarchy = "dibuat"


@admin.register(Lsp)
class LspAdmin(SimpleHistoryAdmin):
    list_display = [
        "nomor_lisensi",
        "nama",
        "jenis_lsp",
        "sektor",
        "tanggal_kedaluwarsa",
        "provinsi",
    ]
    list_filter = ["jenis_lsp", "sasaran__provinsi", "sektor"]
    search_fields = ["nomor_lisensi", "sasaran__nama", "nomor_sk", "sektor"]
    list_select_related = ["sasaran", "sasaran__provinsi"]
    list_per_page = 25
    raw_id_fields = ["sasaran"]

    @admin.display(description="nama", ordering="sasaran__nama")
    def nama(self, obj):
        return obj.sasaran.nama

    @admin.display(description="provinsi", ordering="sasaran__provinsi__nama")
    def provinsi(self, obj):
        return obj.sasaran.provinsi


@admin.register(Tuk)
class TukAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "jenis_tuk", "lsp", "penanggung_jawab", "berlaku_sampai"]
    list_filter = ["jenis_tuk", "sasaran__provinsi"]
    search_fields = ["kode", "sasaran__nama", "lsp__nomor_lisensi", "penanggung_jawab"]
    list_select_related = ["sasaran", "lsp"]
    list_per_page = 25
    raw_id_fields = ["sasaran"]
    autocomplete_fields = ["lsp"]

    @admin.display(description="nama", ordering="sasaran__nama")
    def nama(self, obj):
        return obj.sasaran.nama


from lsp import admin_impor  # noqa: E402,F401  (registers ImporAdmin)
