import time
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from akun.middleware import SESSION_REFRESHED_KEY, SESSION_STARTED_KEY
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def test_login_page_speaks_indonesian(client):
    html = client.get(LOGIN).content.decode()
    assert 'lang="id"' in html
    assert "Masuk ke Sistem Advokasi BNSP" in html
    assert "Lupa kata sandi?" in html


def test_user_logs_in_and_lands_on_the_home_page(client, komisi):
    response = client.post(LOGIN, {"username": "komisi", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("beranda")


def test_wrong_password_shows_a_message_in_indonesian(client, komisi):
    response = client.post(LOGIN, {"username": "komisi", "password": "salah"})
    assert response.status_code == 200
    assert "nama pengguna dan sandi yang benar" in response.content.decode()


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(client, komisi, settings):
    for _ in range(5):
        client.post(LOGIN, {"username": "komisi", "password": "salah"})
    locked = client.post(LOGIN, {"username": "komisi", "password": PASSWORD})
    assert locked.status_code == 429
    assert "dikunci selama 15 menit" in locked.content.decode()

    from axes.models import AccessAttempt

    # Sixteen minutes later the cool-off has passed and the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    unlocked = client.post(LOGIN, {"username": "komisi", "password": PASSWORD})
    assert unlocked.status_code == 302


def test_four_failures_then_success_do_not_lock(client, komisi):
    for _ in range(4):
        client.post(LOGIN, {"username": "komisi", "password": "salah"})
    assert client.post(LOGIN, {"username": "komisi", "password": PASSWORD}).status_code == 302


def test_lockout_of_one_user_does_not_lock_colleagues_in_the_same_office(
    client, komisi, fasilitator
):
    for _ in range(5):
        client.post(LOGIN, {"username": "komisi", "password": "salah"})
    response = client.post(LOGIN, {"username": "fasilitator", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_needs_post_and_ends_the_session(client_as, komisi):
    client = client_as(komisi)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("beranda")).status_code == 302


def test_session_ends_twelve_hours_after_login_even_when_active(client_as, komisi):
    client = client_as(komisi)
    assert client.get(reverse("beranda")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - 12 * 60 * 60 - 1
    session.save()
    response = client.get(reverse("beranda"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert client.get(reverse("beranda")).status_code == 302


def stored_expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_an_active_session_is_kept_alive_writing_it_at_most_once_a_minute(client_as, komisi):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(komisi)  # the login wrote the session
    kept_until = stored_expiry(client)
    assert kept_until > timezone.now() + timedelta(minutes=29)
    writes = ("UPDATE", "INSERT", "DELETE")
    for _page in range(2):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("beranda")).status_code == 200
        assert not [q for q in ctx.captured_queries if q["sql"].startswith(writes)]
    assert stored_expiry(client) == kept_until  # not written again within the minute
    session = client.session
    session[SESSION_REFRESHED_KEY] = time.time() - 61
    session.save()
    before = stored_expiry(client)
    assert client.get(reverse("beranda")).status_code == 200
    assert stored_expiry(client) > before  # a minute on: the idle limit starts again


def test_session_idles_out_after_thirty_minutes(client_as, komisi):
    from django.contrib.sessions.models import Session

    client = client_as(komisi)
    assert client.get(reverse("beranda")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("beranda"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_password_change_needs_the_old_password(client_as, komisi):
    client = client_as(komisi)
    url = reverse("password_change")
    bad = client.post(url, {"old_password": "salah", "new_password1": "x", "new_password2": "y"})
    assert bad.status_code == 200
    new = "Sandi-Baru-Yang-Kuat-2026"
    good = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert good.status_code == 302
    komisi.refresh_from_db()
    assert komisi.check_password(new)


def test_password_reset_mails_a_working_link_through_the_task_queue(
    client, komisi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "komisi@bnsp.go.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["komisi@bnsp.go.id"]
    assert "Atur ulang kata sandi" in message.subject
    link = next(line for line in message.body.splitlines() if "/akun/atur-ulang/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.context["validlink"] is True


def test_password_reset_for_an_unknown_address_reveals_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "tidak-ada@contoh.id"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_language_switcher_offers_english(client_as, komisi):
    client = client_as(komisi)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("beranda")})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(client):
    html = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in html
    client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    assert 'lang="en"' in client.get(LOGIN).content.decode()


# --- roles and permissions, read once ---------------------------------------------------------


def fresh(user):
    """The user as a new request loads it: nothing read yet."""
    return type(user).objects.get(pk=user.pk)


def test_roles_and_permissions_come_in_one_query(komisi, django_assert_num_queries):
    from akun.roles import Role
    from akun.selectors import has_role

    user = fresh(komisi)
    with django_assert_num_queries(1):
        assert has_role(user, Role.STAF_KOMISI)
        assert user.has_perm("monitoring.change_instrumen")
        assert not user.has_perm("auth.delete_user")
        assert "advokasi.add_rtl" in user.get_all_permissions()


def test_a_permission_check_first_reads_the_roles_with_it(fasilitator, django_assert_num_queries):
    from akun.roles import Role
    from akun.selectors import has_role

    user = fresh(fasilitator)
    with django_assert_num_queries(1):
        assert not user.has_perm("monitoring.change_instrumen")
        assert has_role(user, Role.FASILITATOR)


def test_a_users_own_permissions_count_as_django_counts_them(no_role):
    from django.contrib.auth.models import Permission

    from akun.selectors import user_roles

    no_role.user_permissions.add(Permission.objects.get(codename="view_laporan"))
    user = fresh(no_role)
    assert user_roles(user) == frozenset()
    assert user.has_perm("laporan.view_laporan")
    assert user.get_user_permissions() == {"laporan.view_laporan"}
    assert user.get_group_permissions() == set()


def test_superusers_have_every_permission_and_inactive_users_none(admin_user, komisi):
    from akun.roles import Role
    from akun.selectors import has_role

    admin = fresh(admin_user)
    assert has_role(admin, Role.ADMIN)
    assert admin.has_perm("auth.delete_user")
    komisi.is_active = False
    komisi.save()
    assert not fresh(komisi).has_perm("monitoring.change_instrumen")
