"""`make bench`: build the datasets once; measure pages, import and PDF; write BENCHMARKS.md.

The driver (no argument) runs each phase in a subprocess against its database:

- `small`: migrate + seed_demo only (tens of rows per kind), kept in bench/out/small.sqlite3;
- `big`: a copy of small plus bench.dataset (2,000 targets … 10,000 monitoring records).

Both files are built once and reused (delete bench/out/ to rebuild). Set BENCH_DATABASE_URL to
measure the big dataset on PostgreSQL instead of SQLite (the database must exist and be empty or
already built). Pages are requested in-process with Django's test client under production settings
(bench.settings: DEBUG off), as a Staf Komisi user and as a fasilitator, ~30 times each after a
warm-up; the query count is taken on one request with CaptureQueriesContext.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))  # run as a script: the repository's packages, bench/ among them

from bench.kueri import jumlah_kueri  # noqa: E402

OUT = BASE / "bench" / "out"
SMALL = OUT / "small.sqlite3"
BIG = OUT / "big.sqlite3"
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
PDF_RUNS = 5
COLD = 5  # requests after emptying the cache, per page and user
WARMUP = 3

# URL names that are not pages to benchmark, with the reason shown in the report. Anything that is
# neither here nor classified below is reported as "not classified", so a new page is never missed.
EXCLUDED = [
    (r"^(login|logout|password_.*|set_language)$", "Django's account and language views"),
    (r"^service-worker$", "service worker JavaScript file"),
    (r"^(kirim-token|kiriman-ditolak)$", "offline-queue endpoints of the forms"),
    (
        r"-(create|update|delete|status|skor|keputusan|commit|baca|baca-semua|upload)$",
        "form or action",
    ),
    (r"^laporan:(create|update|bahas|setujui|sampaikan|versi-baru|berkas-.*)$", "form or action"),
    (r"^monitoring:(aspek|fokus|indikator)-", "instrument form"),
    (r"^monitoring:catatan-create$", "form"),
    (r"ekspor|templat|\.ics|ical", "file download (export)"),
    (r"daftar-hadir|notulen|berita-acara", "per-session PDF document"),
    (r"lampiran-download$", "evidence file download"),
    (r"kalender-tautan", "POST action"),
    (r"^lsp:impor(-preview)?$", "import: measured in its own section"),
    (r"^monitoring:rencana-rtl-pilihan$", "htmx fragment of the plan form"),
    (r"^advokasi:rtl-pemilik$", "htmx fragment of the RTL list's owner filter"),
]
KIND_RULES = [
    (
        r"^(beranda|monitoring:dasbor|monitoring:evaluasi|monitoring:emonev|monitoring:kalender)$",
        "dasbor",
    ),
    (r"^advokasi:pemetaan$", "pemetaan"),
    (r"^advokasi:prioritas-list$", "peringkat"),
    (r"(-list|^laporan:list)$", "daftar"),
    (r"(-detail|^laporan:detail)$", "detail"),
    (r"^(antrean|monitoring:pengaturan-evaluasi)$", "lainnya"),
]
# Which admin changelist is "the same model" for each page.
ADMIN_OF = {
    "lsp:sasaran": "lsp.sasaran",
    "advokasi:tim": "advokasi.tim",
    "advokasi:survei": "advokasi.survei",
    "advokasi:permasalahan": "advokasi.permasalahan",
    "advokasi:pemetaan": "advokasi.permasalahan",
    "advokasi:fgd": "advokasi.fgd",
    "advokasi:prioritas": "advokasi.kelompokmasalah",
    "advokasi:kriteria": "advokasi.kriteriaprioritas",
    "advokasi:bimbingan": "advokasi.bimbingan",
    "advokasi:rtl": "advokasi.rtl",
    "monitoring:instrumen": "monitoring.instrumen",
    "monitoring:rencana": "monitoring.rencanamonitoring",
    "monitoring:catatan": "monitoring.catatanmonitoring",
    "monitoring:temuan": "monitoring.temuanaturan",
    "notifikasi": "akun.notifikasi",
    "laporan:list": "laporan.laporan",
    "laporan:detail": "laporan.laporan",
}


# --- in-process phases ----------------------------------------------------------------------------


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(BASE))
    import django

    django.setup()


def phase_prepare(args):
    _setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.demo:
        call_command("seed_demo", force=True, verbosity=0)
    if args.bulk:
        from bench import dataset

        started = time.perf_counter()
        added = dataset.build()
        _daily_checks()
        from django.db import connection

        from akun.statistik import perbarui_statistik

        # SQLite: what the product's morning task does (akun.statistik). Its planner without
        # statistics sorted 5,600 overdue RTL items to show three (17 ms; 1 ms with them).
        perbarui_statistik()
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a bulk load (PostgreSQL 13+ vacuums insert-only
            # tables too). Without statistics the planner guessed 24 rows where there are 16,000
            # and chose nested loops (a 1.5 s dashboard query, measured); without the visibility
            # map, counts cannot use index-only scans.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        print(json.dumps({"added": added, "seconds": round(time.perf_counter() - started, 1)}))
    elif args.demo:
        _daily_checks()


def _daily_checks(days: int = 7) -> None:
    """The last week of the daily rule checks (Celery beat runs them every morning): the log the
    findings' "since" dates and the admin reference of the findings page read."""
    from datetime import timedelta

    from django.utils import timezone

    from monitoring import aturan

    today = timezone.localdate()
    for back in range(days - 1, -1, -1):
        aturan.temuan_catat_harian(today=today - timedelta(days=back))


def _url_names():
    from django.urls import URLPattern, URLResolver, get_resolver

    found = []

    def walk(patterns, ns):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin":
                    continue
                walk(p.url_patterns, ns + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern) and p.name and p.name != "bench-kosong":
                found.append((ns + p.name, p))

    walk(get_resolver("config.urls").url_patterns, "")
    return found


def classify(name: str) -> tuple[str, str]:
    for pattern, reason in EXCLUDED:
        if re.search(pattern, name):
            return "dilewati", reason
    for pattern, kind in KIND_RULES:
        if re.search(pattern, name):
            return kind, ""
    return "tidak terklasifikasi", "add it to KIND_RULES or EXCLUDED in bench/run.py"


def _pick(name: str, fas):
    """A real pk for a detail page: a record of the fasilitator's busiest team (both see it)."""
    from django.db.models import Count

    from advokasi.models import Bimbingan, Fgd, KelompokMasalah, Permasalahan, Rtl, Survei, Tim
    from lsp.models import Sasaran
    from monitoring.models import CatatanMonitoring, Instrumen, RencanaMonitoring

    tim = Tim.objects.filter(nama="Tim Bench 01").first() or Tim.objects.filter(anggota=fas).first()
    by_prefix = {
        "lsp:sasaran": lambda: (
            # An LSP on both databases: its page reads its TUKs too, a TUK's page does not.
            Sasaran.objects.filter(tim_advokasi=tim, jenis=Sasaran.Jenis.LSP)
            .annotate(n=Count("permasalahan"))
            .order_by("-n", "pk")
        ),
        "advokasi:tim": lambda: Tim.objects.filter(pk=tim.pk),
        "advokasi:survei": lambda: Survei.objects.filter(tim=tim).order_by("pk"),
        "advokasi:permasalahan": lambda: (
            Permasalahan.objects.filter(survei__tim=tim)
            .annotate(n=Count("rtl"))
            .order_by("-n", "pk")
        ),
        "advokasi:fgd": lambda: Fgd.objects.filter(tim=tim).order_by("pk"),
        "advokasi:prioritas": lambda: KelompokMasalah.objects.filter(tim=tim).order_by("pk"),
        "advokasi:bimbingan": lambda: (
            Bimbingan.objects.filter(tim=tim).annotate(n=Count("rtl")).order_by("-n", "pk")
        ),
        "advokasi:rtl": lambda: Rtl.objects.filter(bimbingan__tim=tim).order_by("pk"),
        "monitoring:instrumen": lambda: Instrumen.objects.order_by("pk"),
        "monitoring:rencana": lambda: (
            RencanaMonitoring.objects.filter(tim=tim)
            .annotate(n=Count("catatan"))
            .order_by("-n", "pk")
        ),
        "monitoring:catatan": lambda: CatatanMonitoring.objects.filter(rencana__tim=tim).order_by(
            "pk"
        ),
    }
    if name == "laporan:detail":
        from laporan.models import Laporan

        return Laporan.objects.order_by("-pk").values_list("pk", flat=True).first()
    prefix = name.rsplit("-", 1)[0]
    qs = by_prefix.get(prefix)
    obj = qs().first() if qs else None
    return obj.pk if obj else None


def _time(client, url, n):
    samples = []
    status = None
    for _ in range(n):
        t0 = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - t0) * 1000)
        status = response.status_code
    return samples, status


def _pct(samples, q):
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def _count(client, url) -> tuple[int, int]:
    """(HTTP status, queries) of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, jumlah_kueri(ctx)


def _stats(samples) -> dict:
    return {
        "p50": round(statistics.median(samples), 1),
        "p95": round(_pct(samples, 95), 1),
        "n": len(samples),
    }


def _measure(client, url, repeat, refs=()):
    """Query count and server time of `url`; `refs` (label, client, url) are timed in turn with it.

    Interleaving the page with its references makes both see the same load from whatever else
    runs on the machine, so the ratio stays meaningful on a busy host.
    """
    from django.core.cache import cache

    _time(client, url, WARMUP)
    for _label, ref_client, ref_url in refs:
        _time(ref_client, ref_url, WARMUP)
    # The query count with an empty cache: what a page whose figures are cached until a record
    # changes (akun.versi) runs after a change.
    cache.clear()
    status, queries = _count(client, url)
    result = {"url": url, "status": status, "queries": queries}
    if repeat and status == 200:
        samples = []
        ref_samples = {label: [] for label, _c, _u in refs}
        for _ in range(repeat):
            samples += _time(client, url, 1)[0]
            for label, ref_client, ref_url in refs:
                ref_samples[label] += _time(ref_client, ref_url, 1)[0]
        result |= _stats(samples)
        result["refs"] = {label: _stats(v) for label, v in ref_samples.items()}
        cold = []
        for _ in range(COLD):
            cache.clear()
            cold += _time(client, url, 1)[0]
        result["cold_p50"] = round(statistics.median(cold), 1)
    return result


def phase_pages(args):
    _setup()
    from django.conf import settings
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    User = get_user_model()
    users = {
        "komisi": User.objects.get(username="komisi"),
        "fasilitator": User.objects.get(username="fasilitator"),
    }
    superuser = User.objects.get(username="admin")
    clients = {}
    for key, user in users.items():
        clients[key] = Client()
        clients[key].force_login(user)
    admin_client = Client()
    admin_client.force_login(superuser)
    # The admin's changelists with the product's page size, so the comparison is like for like.
    for model_admin in admin.site._registry.values():
        model_admin.list_per_page = settings.PAGE_SIZE

    repeat = args.repeat
    pages = []
    for name, pattern in _url_names():
        kind, reason = classify(name)
        row = {"name": name, "kind": kind, "reason": reason}
        if kind in ("dilewati", "tidak terklasifikasi"):
            pages.append(row)
            continue
        params = list(pattern.pattern.converters)
        if params == ["pk"]:
            pk = _pick(name, users["fasilitator"])
            if pk is None:
                row |= {"kind": "dilewati", "reason": "no record to open in this database"}
                pages.append(row)
                continue
            url = reverse(name, args=[pk])
        elif params:
            row |= {"kind": "dilewati", "reason": f"parameter {params}"}
            pages.append(row)
            continue
        else:
            url = reverse(name)
        refs = [("kosong", clients["komisi"], "/bench/kosong/")]
        admin_label = ADMIN_OF.get(name.rsplit("-", 1)[0]) or ADMIN_OF.get(name)
        if admin_label:
            app, model = admin_label.split(".")
            refs.append(("admin", admin_client, reverse(f"admin:{app}_{model}_changelist")))
            row["admin"] = admin_label
        for key, client in clients.items():
            row[key] = _measure(client, url, repeat, refs)
        pages.append(row)
        print(name, {k: row[k] for k in users if k in row}, flush=True)

    refs = {"kosong": _measure(clients["komisi"], "/bench/kosong/", repeat)}
    for label in sorted(set(ADMIN_OF.values())):
        app, model = label.split(".")
        refs[label] = _measure(admin_client, reverse(f"admin:{app}_{model}_changelist"), repeat)
        print("admin", label, refs[label], flush=True)
    Path(args.out).write_text(json.dumps({"pages": pages, "refs": refs}, indent=1))


def _xlsx_2000(path: Path):
    """An import file of 2,000 valid LSP rows in the template's columns."""
    from openpyxl import Workbook

    from lsp.importer import COLUMNS, DATA_SHEET, EXAMPLE_ROW
    from lsp.models import Provinsi

    provinces = list(Provinsi.objects.values_list("nama", flat=True))
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append([c.header for c in COLUMNS])
    for i in range(2000):
        row = dict(EXAMPLE_ROW)
        row["Nama LSP"] = f"LSP Impor Bench {i:04d}"
        row["Nomor Lisensi"] = f"BNSP-LSP-IMP-{i:05d}"
        row["Nomor Akreditasi KAN"] = f"LSP-{i:04d}-IDN"
        row["Provinsi"] = provinces[i % len(provinces)]
        row["Email"] = f"lsp{i}@contoh.id"
        ws.append([row[c.header] for c in COLUMNS])
    wb.save(path)


def phase_import(args):
    _setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from lsp.models import Impor, Lsp

    komisi = get_user_model().objects.get(username="komisi")
    client = Client()
    client.force_login(komisi)
    path = OUT / "impor-2000.xlsx"
    _xlsx_2000(path)
    before = Lsp.objects.count()
    upload = SimpleUploadedFile(
        "impor-2000.xlsx",
        path.read_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    with CaptureQueriesContext(connection) as q1:
        t0 = time.perf_counter()
        r1 = client.post(reverse("lsp:impor"), {"berkas": upload})
        t1 = time.perf_counter()
    impor = Impor.objects.order_by("-pk").first()
    with CaptureQueriesContext(connection) as q2:
        t2 = time.perf_counter()
        r2 = client.post(reverse("lsp:impor-commit", args=[impor.pk]))
        t3 = time.perf_counter()
    result = {
        "rows": 2000,
        "upload": {
            "status": r1.status_code,
            "seconds": round(t1 - t0, 2),
            "queries": jumlah_kueri(q1),
        },
        "commit": {
            "status": r2.status_code,
            "seconds": round(t3 - t2, 2),
            "queries": jumlah_kueri(q2),
        },
        "status": Impor.objects.get(pk=impor.pk).status if impor else None,
        "created": Lsp.objects.count() - before,
    }
    # CaptureQueriesContext forces the debug cursor, which adds its own overhead; time again
    # without it is not possible on the same rows, so the figure above is an upper bound.
    print(result)
    Path(args.out).write_text(json.dumps(result, indent=1))


def _laporan_tahunan():
    """A whole-office annual report of the last full year (created once, reused)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from laporan.models import Laporan
    from laporan.services import laporan_create

    tahun = timezone.localdate().year - 1
    found = Laporan.objects.filter(judul="Laporan tahunan (benchmark)", tahun=tahun).first()
    if found:
        return found
    komisi = get_user_model().objects.get(username="komisi")
    return laporan_create(user=komisi, judul="Laporan tahunan (benchmark)", tahun=tahun)


def _maxrss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def phase_pdf(args):
    """The annual report PDF (laporan.pdf.render_laporan), in a fresh process."""
    _setup()
    import importlib.util

    if importlib.util.find_spec("laporan.pdf") is None:
        Path(args.out).write_text(json.dumps({"available": False}))
        return
    from laporan import pdf

    laporan = _laporan_tahunan()
    rss_before = _maxrss_mb()
    t0 = time.perf_counter()
    content, steps = pdf.render_laporan(laporan)
    wall = time.perf_counter() - t0
    result = {
        "available": True,
        "tahun": laporan.tahun,
        "wall_s": round(wall, 2),
        "data_s": round(steps["data"], 2),
        "render_s": round(steps["render"], 2),
        "pages": steps["halaman"],
        "bytes": len(content),
        "maxrss_mb": _maxrss_mb(),
        "rss_before_mb": rss_before,
    }
    (OUT / "laporan-tahunan.pdf").write_bytes(content)
    print(result)
    Path(args.out).write_text(json.dumps(result, indent=1))


def phase_pdf_html(args):
    """Write the report's HTML exactly as pdf_utama lays it out (single-part documents only)."""
    _setup()
    from laporan import data, pdf

    laporan = _laporan_tahunan()
    angka = data.angka(laporan)
    rows = angka["lsp_terbuka"]
    context = {**pdf.konteks(laporan, angka), "lampiran_rows": rows}
    html = pdf._html("laporan/pdf/laporan.html", context)
    split = len(rows) / pdf.BARIS_PER_HALAMAN > pdf.BATAS_HALAMAN
    Path(args.out).write_text(html)
    print({"html_bytes": len(html), "split": split})


def phase_pdf_weasy(args):
    """WeasyPrint alone on that HTML, in a fresh process: the floor the report is compared to."""
    _setup()
    from laporan import pdf

    html = Path(args.out).read_text()
    t0 = time.perf_counter()
    content, pages = pdf._tulis(html)
    wall = time.perf_counter() - t0
    result = {"render_alone_s": round(wall, 2), "pages": pages, "maxrss_mb": _maxrss_mb()}
    print(result)
    Path(args.out + ".json").write_text(json.dumps(result))


def phase_profile(args):
    """Print one page's queries with their time: `--phase profile --url / --user fasilitator`."""
    _setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    client.get(args.url)
    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        response = client.get(args.url)
        total = (time.perf_counter() - t0) * 1000
    for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"])):
        print(f"{float(q['time']) * 1000:8.1f} ms  {q['sql'][:400]}")
    print(f"HTTP {response.status_code}, {jumlah_kueri(ctx)} queries, {total:.0f} ms")
    if args.cprofile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(client.get, args.url)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


# --- driver ---------------------------------------------------------------------------------------


def _sub(phase, db_url, *extra):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", DATABASE_URL=db_url)
    env.pop("DEBUG", None)
    cmd = [sys.executable, str(Path(__file__)), "--phase", phase, *extra]
    subprocess.run(cmd, check=True, env=env, cwd=BASE)


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    import sqlite3

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "date": date.today().isoformat(),
        "load_after": os.getloadavg(),
    }


def _pdf(db_url: str, runs: int = PDF_RUNS) -> None:
    """The annual report against WeasyPrint alone on its HTML, each in a fresh process, in turns
    (report, WeasyPrint, report, …) so both see the same load; the fastest run of each counts,
    the least disturbed one, as `timeit` takes it. One run of each differed by 0.99–1.35× on a
    shared host, where the report's own work (figures, HTML) is 0.5 s of about 10."""
    html = OUT / "laporan-tahunan.html"
    html.unlink(missing_ok=True)  # written again from this run's code and data
    reports, alone = [], []
    for _ in range(runs):
        _sub("pdf", db_url, "--out", str(OUT / "pdf.json"))
        report = json.loads((OUT / "pdf.json").read_text())
        if not report.get("available"):
            return
        reports.append(report)
        if not html.exists():
            _sub("pdf_html", db_url, "--out", str(html))
        _sub("pdf_weasy", db_url, "--out", str(html))
        alone.append(json.loads(Path(f"{html}.json").read_text()))
    pdf = min(reports, key=lambda r: r["wall_s"])
    floor = min(alone, key=lambda r: r["render_alone_s"])
    pdf |= {
        "runs": runs,
        "wall_all_s": [r["wall_s"] for r in reports],
        "alone_all_s": [r["render_alone_s"] for r in alone],
        "maxrss_mb": max(r["maxrss_mb"] for r in reports),
        "render_alone_s": floor["render_alone_s"],
        "alone_maxrss_mb": floor["maxrss_mb"],
        "ratio": pdf["wall_s"] / floor["render_alone_s"],
    }
    (OUT / "pdf.json").write_text(json.dumps(pdf, indent=1))


def driver(args):
    OUT.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    load_before = os.getloadavg()
    if not SMALL.exists():
        _sub("prepare", f"sqlite:///{SMALL}", "--demo")
    big_url = f"sqlite:///{BIG}"
    if not BIG.exists():
        shutil.copy(SMALL, BIG)
    _sub("prepare", big_url, "--bulk")
    pg_url = os.environ.get("BENCH_PG_URL", "")
    if pg_url:
        _sub("prepare", pg_url, "--demo", "--bulk")
        _sub("pages", pg_url, "--out", str(OUT / "pages-pg.json"), "--repeat", str(REPEAT))
    _sub("counts", big_url, "--out", str(OUT / "counts.json"))
    _sub("counts", f"sqlite:///{SMALL}", "--out", str(OUT / "counts-small.json"))
    _sub("pages", f"sqlite:///{SMALL}", "--out", str(OUT / "pages-small.json"), "--repeat", "0")
    _sub("pages", big_url, "--out", str(OUT / "pages-big.json"), "--repeat", str(REPEAT))
    scratch = OUT / "import.sqlite3"
    shutil.copy(SMALL, scratch)
    _sub("import", f"sqlite:///{scratch}", "--out", str(OUT / "import.json"))
    scratch.unlink()
    pdf_url = pg_url or big_url
    _pdf(pdf_url)
    info = machine() | {"pg": bool(pg_url), "pdf_db": "PostgreSQL" if pg_url else "SQLite"}
    info["load_before"] = load_before
    info["seconds"] = round(time.perf_counter() - t0)
    (OUT / "machine.json").write_text(json.dumps(info, indent=1))
    from bench import report

    report.write(OUT, BASE / "BENCHMARKS.md")
    print(f"BENCHMARKS.md written ({info['seconds']} s)")


def phase_counts(args):
    _setup()
    from bench import dataset

    Path(args.out).write_text(json.dumps(dataset.counts(), indent=1, default=str))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", default="")
    parser.add_argument("--out", default="")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--url", default="/")
    parser.add_argument("--user", default="komisi")
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--bulk", action="store_true")
    args = parser.parse_args()
    phases = {
        "prepare": phase_prepare,
        "pages": phase_pages,
        "import": phase_import,
        "pdf": phase_pdf,
        "counts": phase_counts,
        "pdf_html": phase_pdf_html,
        "profile": phase_profile,
        "pdf_weasy": phase_pdf_weasy,
    }
    if args.phase:
        sys.path.insert(0, str(BASE))
        phases[args.phase](args)
    else:
        sys.path.insert(0, str(BASE))
        driver(args)


if __name__ == "__main__":
    main()
