from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administrasi Sistem Advokasi BNSP"
admin.site.site_title = "Admin Advokasi BNSP"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", include("akun.urls")),
    path("sasaran/", include("lsp.urls")),
    path("", include("advokasi.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("laporan/", include("laporan.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
