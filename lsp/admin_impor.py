"""Admin for LSP imports: read-only, because an import is an audit record of a bulk write."""

from django.contrib import admin

from lsp.models import Impor


@admin.register(Impor)
class ImporAdmin(admin.ModelAdmin):
    list_display = ["nama_asli", "user", "status", "jumlah_baris", "jumlah_galat", "dibuat"]
    list_filter = ["status", "format"]
    list_select_related = ["user"]
    search_fields = ["nama_asli", "user__username"]
    date_hierarchy = "dibuat"
    list_per_page = 25
    readonly_fields = [
        "user",
        "berkas",
        "nama_asli",
        "format",
        "dibuat",
        "status",
        "jumlah_baris",
        "jumlah_galat",
        "galat",
        "peringatan",
        "pratinjau",
        "disimpan_pada",
        "disimpan_oleh",
        "jumlah_disimpan",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
