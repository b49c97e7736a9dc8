"""Forms filled in the field: nothing typed is lost, nothing is saved twice, nothing overwritten.

The contract (README, "Formulir di lapangan"), shared with the browser's offline queue:

- Every form of these views carries a hidden `kirim_id` (a UUID). `kirim_sekali` records the
  first successful submission of a kirim_id in `Kiriman`, in the same transaction as the record
  it created; the same kirim_id with the same content is answered as that success again, with
  other content it is refused (409) and kept for review.
- Edit forms carry a hidden `versi` (the record's `diubah`); `KirimanFormMixin` refuses the save
  when the record changed since, showing what changed, who changed it and when.
- A POST whose session expired is stashed in the (anonymous) session; after login the form comes
  back filled from it, to be checked and saved again, for the user who typed it only.
- With the header `X-Antrean: 1` the answers are JSON (see `_json_*` below).
"""

import base64
import contextvars
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.forms import BaseFormSet
from django.http import Http404, HttpResponseBadRequest, JsonResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render, resolve_url
from django.urls import path
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import csrf
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from akun.models import Kiriman

HEADER = "X-Antrean"
FIELD = "kirim_id"
VERSI = "versi"
# Never part of a submission's content: the CSRF token changes with every login.
NOT_CONTENT = {"csrfmiddlewaretoken", FIELD}
STASH_KEY = "kiriman_tertunda"
# Files kept in the session across a login: small ones only (sessions live in the database).
STASH_FILE_MAX = 512 * 1024
STASH_FILES_MAX = 2 * 1024 * 1024
PESAN_SESI = "Sesi Anda berakhir; periksa lalu simpan kembali."
# Who was last logged in on this browser (a signed cookie, set by akun.middleware): a kept
# submission is drawn back only for that user, never for someone else logging in on a shared
# laptop after the session ended.
PENGGUNA_COOKIE = "akun_pengguna"
PENGGUNA_SALT = "akun.kiriman.pengguna"
PENGGUNA_MAX_AGE = 30 * 24 * 3600


def pengguna_terakhir(request) -> str:
    return request.get_signed_cookie(PENGGUNA_COOKIE, default="", salt=PENGGUNA_SALT)


def tandai_pengguna(request, response) -> None:
    """Remember the logged-in user on this browser (only when it changes)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or pengguna_terakhir(request) == str(user.pk):
        return
    response.set_signed_cookie(
        PENGGUNA_COOKIE,
        str(user.pk),
        salt=PENGGUNA_SALT,
        max_age=PENGGUNA_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# True while a stashed submission is drawn back into its form after login: the forms then refuse
# to validate, so the view shows them filled instead of saving.
_pratinjau = contextvars.ContextVar("kiriman_pratinjau", default=False)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def json_mode(request) -> bool:
    return request.headers.get(HEADER) == "1"


# --- what the view says -----------------------------------------------------------------------


@dataclass
class _Keadaan:
    """What a decorated view reported during one request."""

    url: str | None = None
    baru: bool = False
    forms: list = field(default_factory=list)


def _keadaan(request) -> _Keadaan:
    if not hasattr(request, "_kiriman"):
        request._kiriman = _Keadaan()
    return request._kiriman


def tercatat(request, record, *, baru: bool) -> None:
    """Called by a view right after its save succeeded: `record` (or its URL) is the result."""
    state = _keadaan(request)
    state.url = record if isinstance(record, str) else record.get_absolute_url()
    state.baru = baru


def daftar_form(request, forms) -> None:
    """The forms of the page drawn (by the kiriman_fields tag), for the JSON answer's errors."""
    state = _keadaan(request)
    for form in forms:
        if form not in state.forms:
            state.forms.append(form)


# --- content ----------------------------------------------------------------------------------


def _files_meta(files) -> list[dict]:
    meta = []
    for name in sorted(files):
        for upload in files.getlist(name):
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            meta.append(
                {
                    "field": name,
                    "name": upload.name,
                    "size": upload.size,
                    "sha256": digest.hexdigest(),
                }
            )
    return meta


def _fields(post) -> list[list]:
    return [[key, post.getlist(key)] for key in sorted(post) if key not in NOT_CONTENT]


def isi_hash(post, files) -> str:
    """The fingerprint of a submission: every field but the CSRF token and kirim_id, and each
    uploaded file's name, size and SHA-256."""
    content = {"fields": _fields(post), "files": _files_meta(files)}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _payload(request) -> dict:
    return {"fields": _fields(request.POST), "files": _files_meta(request.FILES)}


# --- versions ---------------------------------------------------------------------------------


def versi_token(moment: datetime) -> str:
    """A record's version as the form carries it: `diubah` in microseconds since 1970."""
    return str((moment - _EPOCH) // timedelta(microseconds=1))


def _versi_datetime(token: str) -> datetime | None:
    try:
        return _EPOCH + timedelta(microseconds=int(token))
    except (ValueError, OverflowError):
        return None


def _tampil(value, model_field=None) -> str:
    """A value as people read it."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, list | tuple | set) or hasattr(value, "model"):
        return ", ".join(sorted(str(v) for v in value)) or "—"
    if model_field is not None and model_field.choices and not model_field.is_relation:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _nama(user) -> str:
    if user is None:
        return _("Sistem")
    return user.get_full_name() or user.username


def perubahan_sejak(form, current, since: datetime | None) -> list[dict]:
    """What changed in `current` since the version the user opened, field by field of `form`:
    the user's value, the current value, and who changed it when (from simple_history).

    Runs two queries for the history, and one per many-to-many field of the form.
    """
    model = type(current)
    history = current.history.select_related("history_user").order_by("history_date", "history_id")
    base = history.filter(diubah__lte=since).last() if since else None
    later = list(history.filter(diubah__gt=since)) if since else list(history)
    cleaned = getattr(form, "cleaned_data", {})
    rows = []
    for name in form.fields:
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form field that is not a model field
            continue
        if model_field.auto_created or not model_field.concrete:
            continue
        if model_field.many_to_many:
            now = set(getattr(current, name).all())
            theirs = set(cleaned.get(name) or [])
            if now == theirs:
                continue
            who = later[-1] if later else None
        else:
            attname = model_field.attname
            now_raw = getattr(current, attname)
            if base is not None and getattr(base, attname) == now_raw:
                continue
            previous, who = base, None
            for record in later:
                if previous is None or getattr(record, attname) != getattr(previous, attname):
                    who = record
                previous = record
            now = getattr(current, name)
            theirs = cleaned.get(name, form.data.get(form.add_prefix(name)))
            if base is None and _tampil(theirs, model_field) == _tampil(now, model_field):
                continue
        rows.append(
            {
                "label": str(model_field.verbose_name),
                "milik_anda": _tampil(theirs, model_field),
                "sekarang": _tampil(now, model_field),
                "oleh": _nama(who.history_user) if who else _("tidak diketahui"),
                "kapan": who.history_date if who else None,
            }
        )
    return rows


class KirimanFormMixin:
    """For the forms of `kirim_sekali` views: refuses a save over a record changed since the form
    was opened (lost update), and refuses to save a submission drawn back after login.

    Put it before the Django form class: `class RtlForm(KirimanFormMixin, forms.ModelForm)`.
    """

    bentrok: list[dict] | None = None
    versi_sekarang: str | None = None

    def clean(self):
        cleaned = super().clean()
        if _pratinjau.get():
            self.add_error(
                None, _("Isian ini dipulihkan dari kiriman sebelum Anda masuk; belum disimpan.")
            )
        self._cek_versi()
        return cleaned

    def versi_awal(self) -> str:
        """The version to carry in the form's hidden field."""
        if self.versi_sekarang is not None and self.bentrok is not None:
            return self.versi_sekarang
        if self.is_bound and self.data.get(VERSI):
            return self.data.get(VERSI)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and getattr(instance, "diubah", None):
            return versi_token(instance.diubah)
        return ""

    def _cek_versi(self) -> None:
        instance = getattr(self, "instance", None)
        posted = self.data.get(VERSI)
        if not posted or instance is None or instance.pk is None:
            return
        records = type(instance)._default_manager.filter(pk=instance.pk)
        if connection.in_atomic_block:
            # Two saves at once: the second waits here until the first is committed, then sees
            # its new version and is refused.
            records = records.select_for_update()
        current = records.first()
        if current is None or not getattr(current, "diubah", None):
            return
        self.versi_sekarang = versi_token(current.diubah)
        if posted == self.versi_sekarang:
            return
        self.bentrok = perubahan_sejak(self, current, _versi_datetime(posted))
        last = current.history.select_related("history_user").order_by("-history_date").first()
        self.add_error(
            None,
            _(
                "Data ini sudah diubah oleh %(oleh)s pada %(kapan)s, setelah Anda membuka "
                "formulir. Isian Anda belum disimpan dan masih ada di formulir. Periksa "
                "perbedaannya; jika isian Anda yang benar, simpan sekali lagi."
            )
            % {
                "oleh": _nama(last.history_user) if last else _("pengguna lain"),
                "kapan": _tampil(last.history_date if last else current.diubah),
            },
        )


# --- the expired session ----------------------------------------------------------------------


def _stash(request) -> None:
    """Keep a POST in the anonymous session, under the address it was sent to."""
    files, notes, total = [], [], 0
    for name in request.FILES:
        for upload in request.FILES.getlist(name):
            if upload.size <= STASH_FILE_MAX and total + upload.size <= STASH_FILES_MAX:
                total += upload.size
                files.append(
                    {
                        "field": name,
                        "name": upload.name,
                        "type": upload.content_type,
                        "isi": base64.b64encode(upload.read()).decode(),
                    }
                )
            else:
                notes.append(
                    _("Berkas %(nama)s terlalu besar untuk disimpan sementara; pilih ulang.")
                    % {"nama": upload.name}
                )
    stash = request.session.get(STASH_KEY, {})
    stash[request.get_full_path()] = {
        "pengguna": pengguna_terakhir(request),
        "post": [[key, request.POST.getlist(key)] for key in request.POST],
        "files": files,
        "catatan": notes,
        "saat": timezone.now().isoformat(),
    }
    request.session[STASH_KEY] = stash


def _take_stash(request) -> dict | None:
    stash = request.session.get(STASH_KEY)
    if not stash:
        return None
    entry = stash.pop(request.get_full_path(), None)
    if entry is None:
        return None
    request.session[STASH_KEY] = stash
    # Typed by whoever was logged in before; another user logging in here gets an empty form.
    return entry if entry.get("pengguna") == str(request.user.pk) else None


def _pratinjau_view(request, view, args, kwargs, entry):
    """Draw the form filled from a stashed POST, saving nothing."""
    data = QueryDict(mutable=True)
    for key, values in entry["post"]:
        data.setlist(key, values)
    files = MultiValueDict()
    for item in entry["files"]:
        files.appendlist(
            item["field"],
            SimpleUploadedFile(item["name"], base64.b64decode(item["isi"]), item["type"]),
        )
    messages.warning(request, _(PESAN_SESI))
    for note in entry["catatan"]:
        messages.warning(request, note)
    request.method = "POST"
    request._post, request._files = data, files
    token = _pratinjau.set(True)
    try:
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            # The forms refused to validate; should a view save anyway, nothing is kept.
            transaction.set_rollback(True)
    finally:
        _pratinjau.reset(token)
        request.method = "GET"
    return response


def _safe_referer(request) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return resolve_url(settings.LOGIN_REDIRECT_URL)


# --- JSON answers -----------------------------------------------------------------------------


def _pesan(request) -> list[str]:
    """The messages the view left, consumed: a queued submission answers in JSON, not on the
    user's next page."""
    return [str(m) for m in messages.get_messages(request)]


def _login_url(request) -> str:
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"


def _json_401(request):
    return JsonResponse({"ok": False, "login": _login_url(request)}, status=401)


def _errors(forms) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for form in forms:
        if isinstance(form, BaseFormSet):
            if form._non_form_errors:
                out.setdefault(f"{form.prefix}-__all__", []).extend(form._non_form_errors)
            out.update(_errors(form.forms))
            continue
        # Forms never validated (a problem not chosen, say) have no errors to report.
        for name, errors in (form._errors or {}).items():
            if name != "__all__":
                key = form.add_prefix(name)
            else:
                key = f"{form.prefix}-__all__" if form.prefix else name
            out.setdefault(key, []).extend(str(e) for e in errors)
    return out


def _json_answer(request, response):
    state = _keadaan(request)
    pesan = _pesan(request)
    if state.url is not None:
        return JsonResponse(
            {"ok": True, "url": state.url, "duplikat": False, "pesan": pesan},
            status=201 if state.baru else 200,
        )
    bentrok = next((f for f in state.forms if getattr(f, "bentrok", None) is not None), None)
    if bentrok is not None:
        return JsonResponse(
            {
                "ok": False,
                "alasan": " ".join(str(e) for e in bentrok.non_field_errors()),
                "perubahan": [
                    {**row, "kapan": row["kapan"].isoformat() if row["kapan"] else None}
                    for row in bentrok.bentrok
                ],
            },
            status=409,
        )
    errors = _errors(state.forms)
    if not errors:
        errors = {"__all__": pesan or [_("Isian tidak dapat disimpan.")]}
    return JsonResponse({"ok": False, "errors": errors, "pesan": pesan}, status=422)


# --- the decorator ----------------------------------------------------------------------------


def _already(request, kirim_id, fingerprint):
    """The answer to a kirim_id that already succeeded: the same success, or a refusal."""
    first = Kiriman.objects.filter(
        user=request.user, kirim_id=kirim_id, status=Kiriman.Status.BERHASIL
    ).first()
    if first is None:  # pragma: no cover - the constraint said it exists
        raise IntegrityError("kiriman hilang")
    if first.isi_hash == fingerprint:
        if json_mode(request):
            return JsonResponse({"ok": True, "url": first.url, "duplikat": True}, status=200)
        messages.info(request, _("Isian ini sudah tersimpan sebelumnya; tidak disimpan dua kali."))
        return redirect(first.url_lanjut or first.url)
    refused = Kiriman.objects.create(
        user=request.user,
        kirim_id=kirim_id,
        isi_hash=fingerprint,
        status=Kiriman.Status.DITOLAK,
        view=first.view,
        path=request.path[:300],
        payload=_payload(request),
        asal=first,
    )
    alasan = _(
        "Formulir ini sudah pernah dikirim dan tersimpan, tetapi kiriman ini berisi data yang "
        "berbeda. Kiriman ini tidak disimpan; isinya disimpan untuk ditinjau."
    )
    if json_mode(request):
        return JsonResponse({"ok": False, "alasan": alasan, "tinjau": refused.pk}, status=409)
    return render(
        request,
        "akun/kiriman_bentrok.html",
        {"kiriman": refused, "asal": first, "alasan": alasan},
        status=409,
    )


def _post(request, view, args, kwargs):
    raw = request.POST.get(FIELD, "")
    if not raw:
        # Clients that do not send one (scripts, older pages) get the view as it always was.
        return view(request, *args, **kwargs)
    try:
        kirim_id = uuid.UUID(raw)
    except ValueError:
        if json_mode(request):
            return JsonResponse({"ok": False, "alasan": _("Kode kiriman tidak sah.")}, status=400)
        return HttpResponseBadRequest(_("Kode kiriman tidak sah."))
    fingerprint = isi_hash(request.POST, request.FILES)
    with transaction.atomic():
        try:
            with transaction.atomic():
                # The claim: a second request with this kirim_id waits here until the first is
                # committed (PostgreSQL), then fails on the constraint and reads its result.
                claim = Kiriman.objects.create(
                    user=request.user,
                    kirim_id=kirim_id,
                    isi_hash=fingerprint,
                    status=Kiriman.Status.BERHASIL,
                    view=view.__name__[:100],
                    path=request.path[:300],
                )
        except IntegrityError:
            return _already(request, kirim_id, fingerprint)
        response = view(request, *args, **kwargs)
        state = _keadaan(request)
        if state.url is None:
            # Nothing was saved (errors shown): the same kirim_id may be sent again, corrected.
            claim.delete()
        else:
            claim.url = state.url[:300]
            claim.url_lanjut = response.get("Location", "")[:300]
            claim.save(update_fields=["url", "url_lanjut"])
    return response


def kirim_sekali(view=None, *, simpan_sesi: bool = True):
    """For views that create or change a record from a form (see the module's docstring).

    Put it outside `login_required`: it answers anonymous requests itself. `simpan_sesi=False`
    for forms that live on another page (an evidence upload): an expired session then returns
    the user to that page after login instead of refilling a form.
    """

    def decorate(view):
        inner = login_required(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            as_json = json_mode(request)
            if not request.user.is_authenticated:
                if as_json or request.headers.get("HX-Request"):
                    return _json_401(request)
                if request.method == "POST":
                    if simpan_sesi:
                        _stash(request)
                        messages.warning(
                            request,
                            _(
                                "Sesi Anda berakhir. Masuk kembali: isian Anda disimpan "
                                "sementara dan akan ditampilkan lagi."
                            ),
                        )
                        return redirect_to_login(request.get_full_path())
                    messages.warning(
                        request, _("Sesi Anda berakhir. Masuk kembali lalu kirim ulang.")
                    )
                    return redirect_to_login(_safe_referer(request))
                return inner(request, *args, **kwargs)
            try:
                if request.method == "POST":
                    response = _post(request, view, args, kwargs)
                    if as_json and isinstance(response, HttpResponseBadRequest | JsonResponse):
                        return response
                    if as_json and response.status_code in (200, 302):
                        return _json_answer(request, response)
                    return response
                entry = _take_stash(request) if simpan_sesi else None
                if entry is not None:
                    return _pratinjau_view(request, view, args, kwargs, entry)
                return view(request, *args, **kwargs)
            except PermissionDenied:
                if as_json:
                    alasan = _("Anda tidak berwenang melakukan ini.")
                    return JsonResponse({"ok": False, "alasan": alasan}, status=403)
                raise
            except Http404:
                if as_json:
                    alasan = _("Data tidak ditemukan.")
                    return JsonResponse({"ok": False, "alasan": alasan}, status=404)
                raise

        return wrapper

    return decorate(view) if view is not None else decorate


# --- views ------------------------------------------------------------------------------------


@never_cache
@require_safe
def kirim_token(request):
    """A fresh CSRF token for the offline queue, and who is logged in, before it replays."""
    user = request.user
    return JsonResponse(
        {
            "csrf": get_token(request),
            "masuk": user.is_authenticated,
            "user": user.get_username() if user.is_authenticated else None,
        }
    )


@require_safe
@login_required
def kiriman_ditolak(request):
    """The user's refused submissions, with what they contained."""
    rows = (
        Kiriman.objects.filter(user=request.user, status=Kiriman.Status.DITOLAK)
        .select_related("asal")
        .order_by("-dibuat", "-pk")[:100]
    )
    return render(request, "akun/kiriman_ditolak.html", {"rows": rows})


def csrf_gagal(request, reason=""):
    """CSRF_FAILURE_VIEW: JSON for the offline queue (it then fetches a new token), Django's
    page otherwise."""
    if json_mode(request):
        return JsonResponse(
            {"ok": False, "alasan": _("Token keamanan kedaluwarsa; muat ulang."), "csrf": True},
            status=403,
        )
    return csrf.csrf_failure(request, reason=reason)


urlpatterns = [
    path("kirim/token/", kirim_token, name="kirim-token"),
    path("kirim/ditolak/", kiriman_ditolak, name="kiriman-ditolak"),
]
