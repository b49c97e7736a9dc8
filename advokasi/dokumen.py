"""Printable session papers: Django templates rendered to PDF by WeasyPrint, fully offline.

WeasyPrint fetches stylesheets, fonts and images through `StaticOnlyFetcher`, which serves files
found by the staticfiles finders (or collected under STATIC_ROOT) and refuses every other URL:
no network, no `file:///etc/passwd`, no cloud metadata address. A text a user typed that somehow
carried an `<img src=...>` would therefore fetch nothing even if it escaped autoescaping.

WeasyPrint is imported on first use, not with the URLconf: loading Pango costs about half a
second, which every manage.py command and test run would otherwise pay.
"""

import logging
import mimetypes
from datetime import date, time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format, time_format
from django.utils.http import content_disposition_header

# WeasyPrint logs each layout step, and fontTools each font it unpacks, at INFO: noise in the
# server log for every paper printed. Warnings and errors still come through.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

# Relative URLs in the paper templates ("/static/css/dokumen.css") resolve against this base.
BASE_URL = "file:///"
# Official papers are written in Indonesian whatever language the user browses in.
BAHASA_DOKUMEN = "id"

_MIME = {".woff2": "font/woff2", ".woff": "font/woff", ".css": "text/css", ".svg": "image/svg+xml"}


class FetchRefused(ValueError):
    """WeasyPrint asked for something that is not one of our static files."""


def _static_prefix() -> str:
    prefix = urlsplit(settings.STATIC_URL).path
    return "/" + prefix.strip("/") + "/"


def static_path(url: str) -> Path:
    """The file on disk a static URL names, or FetchRefused for anything else."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc:
        raise FetchRefused(f"Only static files may be fetched, not {url!r}")
    path = unquote(parts.path)
    prefix = _static_prefix()
    if not path.startswith(prefix):
        raise FetchRefused(f"Not under {prefix}: {url!r}")
    relative = path[len(prefix) :]
    segments = relative.split("/")
    if (
        not relative
        or "\\" in relative
        or "\x00" in relative
        or any(s in ("", ".", "..") for s in segments)
    ):
        raise FetchRefused(f"Odd static path: {url!r}")
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        # Collected (and, in production, hashed) names exist only under STATIC_ROOT.
        candidate = Path(settings.STATIC_ROOT, *segments)
        if candidate.is_file():
            found = str(candidate)
    if not found or not Path(found).is_file():
        raise FetchRefused(f"No such static file: {url!r}")
    return Path(found)


def _build_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """WeasyPrint's fetcher, narrowed to the project's static files."""

        def __init__(self):
            super().__init__(timeout=1, allowed_protocols={"file"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            path = static_path(url)
            mime = _MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
            return URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
            )

    return StaticOnlyFetcher


def _fetcher_class():
    """`StaticOnlyFetcher`, built (and WeasyPrint imported) the first time it is needed."""
    cls = globals().get("StaticOnlyFetcher")
    if cls is None:
        cls = globals()["StaticOnlyFetcher"] = _build_fetcher_class()
    return cls


def __getattr__(name):
    if name == "StaticOnlyFetcher":
        return _fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a paper template (in Indonesian) and lay it out as PDF bytes."""
    from weasyprint import HTML

    with translation.override(BAHASA_DOKUMEN):
        html = render_to_string(template_name, context)
    return HTML(
        string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()(), media_type="print"
    ).write_pdf()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """Shown in the browser's PDF viewer; saved under `filename` when the user downloads it."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def tanggal_id(value: date | None, fmt: str = "DATE_FORMAT") -> str:
    """A date as BNSP writes it ("11 Juni 2012"; "l, j F Y" gives "Senin, 11 Juni 2012")."""
    if value is None:
        return ""
    with translation.override(BAHASA_DOKUMEN):
        return date_format(value, fmt)


def waktu_id(value: time | None) -> str:
    """A time as "09.00"."""
    if value is None:
        return ""
    with translation.override(BAHASA_DOKUMEN):
        return time_format(value, "TIME_FORMAT")
