from django.contrib.auth import views as auth_views
from django.urls import path

from akun import kiriman, views, views_lapangan, views_notifikasi
from akun.forms import QueuedPasswordResetForm

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path(
        "akun/masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"
    ),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "akun/lupa-sandi/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "akun/lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/atur-ulang/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    *views_notifikasi.urlpatterns,
    *views_lapangan.urlpatterns,
    *kiriman.urlpatterns,
]
