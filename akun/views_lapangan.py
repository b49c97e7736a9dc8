"""Field work without a steady connection: the service worker and the page of queued submissions.

The browser side lives in static/js/ (lapangan.js, draf.js, antrean.js, antrean-halaman.js, sw.js).
The service worker must be served from the site root so that its scope covers every page; its
source stays in static/js/sw.js and this view prefixes it with the list of assets to keep offline
(their real URLs, hashed in production) and a version that changes whenever one of them changes,
which makes the browser install the new worker and drop the old caches.
"""

import hashlib
import json
import os

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import path, reverse
from django.views.decorators.http import require_safe

# The app shell: what every page needs to draw itself without a connection.
SHELL = [
    "vendor/bootstrap/css/bootstrap.min.css",
    "vendor/bootstrap/js/bootstrap.bundle.min.js",
    "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff",
    "vendor/htmx/htmx.min.js",
    "css/app.css",
    "img/logo.svg",
    "js/antrean.js",
    "js/draf.js",
    "js/lapangan.js",
    "js/antrean-halaman.js",
    "js/bimbingan.js",
    "js/survei.js",
    "js/monitoring.js",
    "js/lampiran.js",
]

# Pages kept (network first, the last copy when offline): the forms for logging a guidance
# session, its RTL items, evidence files and a monitoring visit, the pages that lead to them, and
# the queue. Paths relative to the site root, as regular expressions on location.pathname.
PAGES = [
    r"^/$",
    r"^/antrean/$",
    r"^/bimbingan/$",
    r"^/bimbingan/tambah/$",
    r"^/bimbingan/\d+/$",
    r"^/bimbingan/\d+/ubah/$",
    r"^/bimbingan/\d+/rtl/tambah/$",
    r"^/rtl/\d+/$",
    r"^/rtl/\d+/ubah/$",
    r"^/monitoring/rencana/$",
    r"^/monitoring/rencana/\d+/$",
    r"^/monitoring/rencana/\d+/catat/$",
]


def _source(name: str) -> str:
    found = finders.find(name)
    if not found:
        raise Http404(name)
    return found


def _version(paths: list[str]) -> str:
    """Changes when the worker's source or any shell file changes (size and time suffice)."""
    digest = hashlib.sha256()
    for name in paths:
        stat = os.stat(_source(name))
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


@require_safe
def service_worker(request):
    with open(_source("js/sw.js"), encoding="utf-8") as handle:
        body = handle.read()
    config = {
        "versi": _version(["js/sw.js", *SHELL]),
        "shell": [static(name) for name in SHELL],
        "halaman": PAGES,
        "cadangan": reverse("antrean"),
    }
    response = HttpResponse(
        f"self.LAPANGAN = {json.dumps(config)};\n{body}",
        content_type="text/javascript; charset=utf-8",
    )
    # The browser checks for a new worker on every visit; never let a cache answer for it.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@login_required
def antrean(request):
    """The queue lives in the browser (IndexedDB): the page is a frame that antrean-halaman.js
    fills, so it works offline from the service worker's copy too."""
    return render(request, "akun/antrean.html")


urlpatterns = [
    path("sw.js", service_worker, name="service-worker"),
    path("antrean/", antrean, name="antrean"),
]
