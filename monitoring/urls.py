from monitoring.views import catatan, dasbor, evaluasi, instrumen, kalender, rencana

app_name = "monitoring"

# Each area's views module carries its own URL list; they share the "monitoring" namespace.
urlpatterns = [
    *instrumen.urlpatterns,
    *rencana.urlpatterns,
    *catatan.urlpatterns,
    *evaluasi.urlpatterns,
    *dasbor.urlpatterns,
    *kalender.urlpatterns,
]
