"""Locust users for `make bench-load` (bench/load.py starts gunicorn and runs this headless).

Each simulated user logs in once through the real login form, then mixes reads (home, lists with
filters and page numbers, detail pages, mapping, ranking, dashboards) with writes through the real
forms with their CSRF token: updating an RTL item's progress and recording a new RTL item of a
session. A form that comes back with errors (HTTP 200 instead of the redirect) counts as a failure.

Users: fasilitators bench.fas01…bench.fas40 (each in a team, so their writes are allowed) and
Staf Komisi sessions (account `komisi`). Passwords as set by seed_demo and bench/dataset.py.
"""

import itertools
import random
import re
from datetime import date, timedelta
from html.parser import HTMLParser

from locust import HttpUser, between, task
from locust.exception import StopUser
from requests.cookies import RequestsCookieJar

BENCH_PASSWORD = "Bench-BNSP-2026!"
DEMO_PASSWORD = "Demo-BNSP-2026!"
# (username, password, page of the open RTL list whose items this user edits). Users who see the
# same items edit different pages: two people saving the same item at once is refused by the
# form's version check (correctly), and the load run is not about that.
ACCOUNTS = itertools.cycle(
    [(f"bench.fas{i:02d}", BENCH_PASSWORD, 1 + i % 2) for i in range(1, 41)]
    + [("komisi", DEMO_PASSWORD, page) for page in range(1, 11)]
)
LINK = {
    "rtl": re.compile(r'href="/rtl/(\d+)/"'),
    "bimbingan": re.compile(r'href="/bimbingan/(\d+)/"'),
    "permasalahan": re.compile(r'href="/permasalahan/(\d+)/"'),
    "sasaran": re.compile(r'href="/sasaran/(\d+)/"'),
}


class _LoopbackCookies(RequestsCookieJar):
    """Production cookies are Secure; on plain-HTTP loopback the client must still send them.

    (A cookie policy would not do: requests copies the cookies into a default jar per request.)
    """

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class _Form(HTMLParser):
    """The fields of the first form whose action matches, as a browser would submit them."""

    def __init__(self, action: str | None = None):
        super().__init__()
        self.action = action
        self.inside = False
        self.done = False
        self.fields: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done:
            self.inside = self.action is None or a.get("action", "") in ("", self.action)
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.options[name] = []
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if value:
                self.options[self._select].append(value)
            if "selected" in a:
                self.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside = False
            self.done = True

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def _errors(html: str) -> list[str]:
    """Field and form errors of a form page that came back instead of the redirect."""
    found = re.findall(r"invalid-feedback[^>]*>\s*<strong>([^<]+)", html)
    found += re.findall(r'class="alert alert-(?:danger|warning)[^"]*"[^>]*>\s*([^<]{1,200})', html)
    return [" ".join(text.split()) for text in found][:3]


def form_of(html: str, action: str | None = None) -> _Form:
    parser = _Form(action)
    parser.feed(html)
    return parser


class Pengguna(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.client.cookies = _LoopbackCookies()
        self.username, password, rtl_page = next(ACCOUNTS)
        page = self.client.get("/akun/masuk/", name="login (form)")
        form = form_of(page.text)
        form.fields.update(username=self.username, password=password)
        with self.client.post(
            "/akun/masuk/",
            data=form.fields,
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login {self.username} gave HTTP {response.status_code}")
                raise StopUser()
        self.ids = {kind: [] for kind in LINK}
        self._collect(f"/rtl/?status=berjalan&halaman={rtl_page}", "rtl")
        self._collect("/bimbingan/", "bimbingan")
        self._collect("/permasalahan/", "permasalahan")
        self._collect("/sasaran/", "sasaran")

    def get(self, url, name):
        """A page read; landing on the login page (session lost) counts as a failure."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.ok and "/akun/masuk/" in response.url:
                response.failure("redirected to the login page")
            return response

    def _collect(self, url, kind):
        response = self.get(url, url.split("?")[0] + " (daftar)")
        self.ids[kind] = sorted({int(x) for x in LINK[kind].findall(response.text)})

    def _detail(self, kind):
        if self.ids[kind]:
            pk = random.choice(self.ids[kind])
            self.get(f"/{kind}/{pk}/", f"/{kind}/[pk]/")

    # --- reads ------------------------------------------------------------------------------

    @task(3)
    def beranda(self):
        self.get("/", "/ (beranda)")

    @task(4)
    def daftar(self):
        url = random.choice(
            [
                "/rtl/",
                "/rtl/?status=berjalan",
                "/rtl/?halaman=3",
                "/bimbingan/",
                "/permasalahan/",
                "/permasalahan/?halaman=2",
                "/survei/",
                "/fgd/",
                "/sasaran/",
                "/sasaran/?jenis=lsp",
                "/monitoring/rencana/",
                "/monitoring/catatan/",
            ]
        )
        self.get(url, url.split("?")[0] + " (daftar)")

    @task(4)
    def detail(self):
        self._detail(random.choice(list(LINK)))

    @task(1)
    def pemetaan(self):
        self.get("/pemetaan/", "/pemetaan/")

    @task(1)
    def prioritas(self):
        self.get("/prioritas/", "/prioritas/")

    @task(1)
    def dasbor(self):
        url = "/monitoring/dasbor/" if self.username == "komisi" else "/monitoring/evaluasi/"
        self.get(url, url)

    # --- writes through the forms -------------------------------------------------------------

    @task(2)
    def rtl_progres(self):
        """Raise an RTL item's progress through its edit form."""
        if not self.ids["rtl"]:
            return
        pk = random.choice(self.ids["rtl"])
        url = f"/rtl/{pk}/ubah/"
        page = self.get(url, "/rtl/[pk]/ubah/ (form)")
        form = form_of(page.text, url)
        if "progres" not in form.fields:
            return
        form.fields["progres"] = str(random.choice([10, 20, 30, 40, 50, 60, 70, 80, 90]))
        with self.client.post(
            url,
            data=form.fields,
            name="/rtl/[pk]/ubah/ (simpan)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}: {_errors(response.text)}")

    @task(1)
    def rtl_baru(self):
        """Record a new RTL item of a session through the session's RTL form."""
        if not self.ids["bimbingan"]:
            return
        pk = random.choice(self.ids["bimbingan"])
        url = f"/bimbingan/{pk}/rtl/tambah/"
        name = "/bimbingan/[pk]/rtl/tambah/ (form)"
        with self.client.get(url, name=name, catch_response=True) as page:
            if page.status_code in (403, 404):
                # A session this user may read but not add to: the refusal is the right answer.
                page.success()
                return
        form = form_of(page.text, url)
        today = date.today()
        form.fields.update(
            tindakan="Menyusun SOP banding asesmen (uji beban)",
            jenis=(form.options.get("jenis") or ["korektif"])[0],
            pemilik_sasaran=(form.options.get("pemilik_sasaran") or [""])[0],
            pemilik_nama="Ketua LSP",
            batas_waktu=(today + timedelta(days=60)).isoformat(),
            indikator="SOP disahkan",
            target_nilai="1",
            satuan="dokumen",
            tanggal_disepakati=today.isoformat(),
        )
        with self.client.post(
            url,
            data=form.fields,
            name="/bimbingan/[pk]/rtl/tambah/ (simpan)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}: {_errors(response.text)}")
