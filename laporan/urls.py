from django.urls import path

from laporan import views

app_name = "laporan"

urlpatterns = [
    path("", views.laporan_list, name="list"),
    path("baru/", views.laporan_create, name="create"),
    path("<int:pk>/", views.laporan_detail, name="detail"),
    path("<int:pk>/ubah/", views.laporan_update, name="update"),
    path("<int:pk>/bahas/", views.laporan_bahas, name="bahas"),
    path("<int:pk>/setujui/", views.laporan_setujui, name="setujui"),
    path("<int:pk>/sampaikan/", views.laporan_sampaikan, name="sampaikan"),
    path("<int:pk>/versi-baru/", views.laporan_versi_baru, name="versi-baru"),
    path("<int:pk>/berkas/", views.berkas_buat, name="berkas-buat"),
    path("<int:pk>/berkas/status/", views.berkas_status, name="berkas-status"),
    path("<int:pk>/berkas/<int:berkas_pk>/unduh/", views.berkas_unduh, name="berkas-unduh"),
]
