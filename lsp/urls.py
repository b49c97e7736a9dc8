from django.urls import path

from lsp import views, views_impor

app_name = "lsp"

urlpatterns = [
    path("", views.sasaran_list, name="sasaran-list"),
    path("ekspor.<str:fmt>", views.sasaran_export, name="sasaran-ekspor"),
    path("tambah/<str:jenis>/", views.sasaran_create, name="sasaran-create"),
    path("<int:pk>/", views.sasaran_detail, name="sasaran-detail"),
    path("<int:pk>/ubah/", views.sasaran_update, name="sasaran-update"),
    path("<int:pk>/hapus/", views.sasaran_delete_view, name="sasaran-delete"),
    path("impor/", views_impor.impor_upload, name="impor"),
    path("impor/<int:pk>/", views_impor.impor_preview, name="impor-preview"),
    path("impor/<int:pk>/simpan/", views_impor.impor_commit, name="impor-commit"),
    path("impor/templat.<str:fmt>", views_impor.impor_template, name="impor-templat"),
]
