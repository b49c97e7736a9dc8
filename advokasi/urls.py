from advokasi.views import bimbingan, dokumen, fgd, lampiran, prioritas, survei, tim

app_name = "advokasi"

# Each area's views module carries its own URL list; they share the "advokasi" namespace.
urlpatterns = [
    *tim.urlpatterns,
    *survei.urlpatterns,
    *fgd.urlpatterns,
    *prioritas.urlpatterns,
    *bimbingan.urlpatterns,
    *lampiran.urlpatterns,
    *dokumen.urlpatterns,
]
