import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation
from django.utils.translation import gettext as _

from akun.kiriman import tandai_pengguna

SESSION_STARTED_KEY = "akun_login_at"
SESSION_REFRESHED_KEY = "akun_diperbarui"


class AbsoluteSessionLimitMiddleware:
    """Ends a session SESSION_ABSOLUTE_LIMIT seconds after login, however active it was.

    The idle limit is SESSION_COOKIE_AGE after the last request (IdleSessionMiddleware).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_LIMIT:
                logout(request)
                if request.method == "POST":
                    # The view decides: a form of akun.kiriman keeps what was sent for after
                    # the login; others send the now anonymous user to the login page.
                    return self.get_response(request)
                messages.info(request, _("Sesi Anda telah berakhir. Silakan masuk kembali."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


def sesi_dimulai(sender, request, user, **kwargs) -> None:
    """At login (user_logged_in, connected in AkunConfig.ready): the session's start and its
    latest write, both now. The login writes the session anyway; the first pages after it need
    not write it again."""
    if getattr(request, "session", None) is not None:
        now = time.time()
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_REFRESHED_KEY] = now


class IdleSessionMiddleware:
    """Keeps a signed-in session alive for SESSION_COOKIE_AGE after the user's last request,
    writing it at most once every SESSION_REFRESH_SECONDS.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row and sends its cookie on every
    request: a database commit per page view (on SQLite, a disk flush that was most of a page's
    time). Here a request marks the session changed only when the last write is older than
    SESSION_REFRESH_SECONDS; an idle session thus ends between SESSION_COOKIE_AGE minus that and
    SESSION_COOKIE_AGE after the last request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(SESSION_REFRESHED_KEY, 0)
            if not isinstance(last, int | float) or now - last >= settings.SESSION_REFRESH_SECONDS:
                request.session[SESSION_REFRESHED_KEY] = now
        return self.get_response(request)


class PenggunaTerakhirMiddleware:
    """Remembers on the browser who was last logged in (akun.kiriman.tandai_pengguna), so that a
    submission kept after the session ended is given back to that user only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        tandai_pengguna(request, response)
        return response


class LanguageMiddleware:
    """Bahasa Indonesia unless the user picked another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and most office browsers
    are set to English; the product speaks Indonesian first, so only the user's explicit choice
    (the language cookie set by the switcher) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
