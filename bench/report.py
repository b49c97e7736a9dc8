"""Turn the JSON written by bench/run.py (and bench/load.py) into BENCHMARKS.md."""

import json
from pathlib import Path

MAX_QUERIES = 20
MAX_P95_MS = 150
MAX_ADMIN_RATIO = 1.5
MAX_IMPORT_S = 10

ROLES = {"komisi": "Staf Komisi", "fasilitator": "Fasilitator"}
KIND_ORDER = ["daftar", "detail", "pemetaan", "peringkat", "dasbor", "lainnya"]
KIND_LABEL = {
    "daftar": "list",
    "detail": "detail",
    "pemetaan": "mapping",
    "peringkat": "ranking",
    "dasbor": "dashboard",
    "lainnya": "other",
    "dilewati": "skipped",
    "tidak terklasifikasi": "**NOT CLASSIFIED**",
}

# Hand-written: what was changed in the product after the first run, and why (kept with the code
# that writes the table so a rerun does not lose it).
NOTES = Path(__file__).with_name("NOTES.md")


def _load_note(info: dict) -> str:
    """Whether other work shared the cores: the benchmark itself keeps about one core busy."""
    before = info.get("load_before") or [0.0]
    if before[0] < 1.2:
        return "Nothing else ran during the run (the benchmark keeps about one core busy)."
    return (
        "Other jobs (test suites, browsers) shared the two cores during the run, so times are"
        " noisier and higher than on an idle machine; query counts are exact."
    )


def _load(path: Path):
    return json.loads(path.read_text()) if path.exists() else None


def _admin_label(name: str, admin_of: dict) -> str | None:
    prefix = name.rsplit("-", 1)[0] if "-" in name else name
    return admin_of.get(prefix) or admin_of.get(name)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "**MISS**"


def pages_section(small: dict, big: dict, admin_of: dict) -> tuple[list[str], int]:
    small_by_name = {p["name"]: p for p in small["pages"]}
    lines = [
        "| Page | Kind | Role | Queries (demo → big) | p50 ms | p95 ms | Cold p50 ms | "
        "Admin p95 ms | Ratio | No-query p50 ms | Result |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    misses = 0
    measured = [p for p in big["pages"] if p["kind"] in KIND_ORDER]
    measured.sort(key=lambda p: (KIND_ORDER.index(p["kind"]), p["name"]))
    for page in measured:
        for role, label in ROLES.items():
            m = page.get(role)
            if not m:
                continue
            s = small_by_name.get(page["name"], {}).get(role, {})
            if m["status"] != 200:
                lines.append(
                    f"| `{page['name']}` | {KIND_LABEL[page['kind']]} | {label} | "
                    "– | – | – | – | – | – | – | "
                    f"HTTP {m['status']} (not allowed for this role) |"
                )
                continue
            paired = m.get("refs", {})
            admin_p95 = paired["admin"]["p95"] if "admin" in paired else None
            kosong_p50 = paired["kosong"]["p50"] if "kosong" in paired else None
            ratio = m["p95"] / admin_p95 if admin_p95 else None
            problems = []
            if m["queries"] > MAX_QUERIES:
                problems.append(f"> {MAX_QUERIES} queries")
            if s.get("queries") is not None and s["queries"] != m["queries"]:
                problems.append("query count depends on data size")
            if m["p95"] >= MAX_P95_MS:
                problems.append(f"p95 ≥ {MAX_P95_MS} ms")
            if ratio is not None and ratio > MAX_ADMIN_RATIO:
                problems.append(f"> {MAX_ADMIN_RATIO}× admin")
            misses += bool(problems)
            verdict = "PASS" if not problems else "**MISS**: " + ", ".join(problems)
            lines.append(
                f"| `{page['name']}` | {KIND_LABEL[page['kind']]} | {label} | "
                f"{s.get('queries', '?')} → {m['queries']} | {m['p50']} | {m['p95']} | "
                f"{m.get('cold_p50', '–')} | {admin_p95 if admin_p95 is not None else '–'} | "
                f"{f'{ratio:.2f}×' if ratio is not None else '–'} | "
                f"{kosong_p50 if kosong_p50 is not None else '–'} | {verdict} |"
            )
    return lines, misses


def write(out: Path, target: Path) -> None:
    from bench.run import ADMIN_OF

    info = _load(out / "machine.json") or {}
    counts = _load(out / "counts.json") or {}
    small_counts = _load(out / "counts-small.json") or {}
    small = _load(out / "pages-small.json")
    big = _load(out / "pages-big.json")
    pg = _load(out / "pages-pg.json")
    impor = _load(out / "import.json")
    pdf = _load(out / "pdf.json")
    load = _load(out / "load.json")

    md = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py, bench/report.py) from the measurements of that",
        "run; the load run section by `make bench-load` (bench/load.py). Nothing here is typed by",
        "hand except the notes at the end (bench/NOTES.md).",
        "",
        "## Machine",
        "",
        f"- CPU: {info.get('cpu')} ({info.get('cores')} cores visible, shared with other work)",
        f"- RAM: {info.get('ram_gb')} GB; OS: {info.get('os')}",
        f"- Python {info.get('python')}; SQLite {info.get('sqlite')}"
        + ("; PostgreSQL 15 on 127.0.0.1" if info.get("pg") else ""),
        f"- Date: {info.get('date')}; whole `make bench` run: {info.get('seconds')} s",
        f"- Load average (1/5/15 min) before the run: "
        f"{' / '.join(f'{x:.1f}' for x in info.get('load_before', []))}, after: "
        f"{' / '.join(f'{x:.1f}' for x in info.get('load_after', []))}. " + _load_note(info),
        "",
        "## Dataset",
        "",
        "`demo` is what `seed_demo` loads (tens of records per kind); `big` adds bench/dataset.py",
        "on top of it (bulk inserts with their history rows, then a week of daily rule checks).",
        "The same pages are measured on both to check that the query count does not grow with",
        "the data.",
        "",
        "| Records | demo | big |",
        "|---|---:|---:|",
    ]
    for key, value in counts.items():
        if key.startswith("catatan_dari") or key.startswith("catatan_sampai"):
            continue
        md.append(f"| {key} | {small_counts.get(key, '?')} | {value} |")
    md += [
        "",
        f"Monitoring records (big) dated {counts.get('catatan_dari')} … "
        f"{counts.get('catatan_sampai')}.",
        "",
        "## Pages",
        "",
        "Server time of Django's test client in-process (`bench.settings`: production settings,",
        f"DEBUG off), {big['refs']['kosong'].get('n', '?') if big else '?'} requests per page and"
        " user after 3 warm-up requests; the query count of one request with an empty cache and",
        "CaptureQueriesContext, including what every page pays (session, user, navbar counts,",
        "notifications) but not BEGIN/COMMIT/SAVEPOINT statements (SQLite's backend sends them as",
        "statements, PostgreSQL's does not). Query counts in the `demo → big` column come from",
        "the demo database and the big one. Detail pages use a real record of the fasilitator's",
        "busiest team (the target, problem, session and plan with the most related rows). Each",
        "page's requests alternate with requests to its references (the admin changelist of the",
        "same model, and a view that renders a 25-row template with no queries), so both see the",
        "same load from the rest of the machine; the no-query view's p50 shows how busy it was.",
        "The dashboard, evaluation and home-page figures, a target's timeline and an",
        "instrument's tree are cached until a record changes (`akun/versi.py`): p50 and p95",
        "are repeated requests with nothing changed in between,",
        "`Cold p50` the median of 5 requests each made after emptying the cache (what the first",
        "request after a change costs); pages without a cache show the same figure in both.",
        "",
        f"Targets: ≤ {MAX_QUERIES} queries and the same count on `demo` and `big`; p95 < "
        f"{MAX_P95_MS} ms; p95 ≤ {MAX_ADMIN_RATIO}× the admin changelist of the same model"
        " (admin run as superuser with `list_per_page` set to the product's PAGE_SIZE).",
        "",
    ]
    for title, measured in (("SQLite (the laptop default)", big), ("PostgreSQL (production)", pg)):
        if not (small and measured):
            continue
        lines, misses = pages_section(small, measured, ADMIN_OF)
        md += [f"### {title}", "", *lines, "", f"Rows missing a target: {misses}.", ""]
        md += [f"References measured in the same run on {title.split()[0]}:", ""]
        md += ["| Reference | URL | Queries | p50 ms | p95 ms |", "|---|---|---:|---:|---:|"]
        for label, ref in measured["refs"].items():
            name = "no-query view (template only)" if label == "kosong" else f"admin {label}"
            md.append(
                f"| {name} | `{ref['url']}` | {ref['queries']} | {ref['p50']} | {ref['p95']} |"
            )
        md.append("")
    if big:
        md += ["", "### Not measured as pages", ""]
        md += ["| URL name | Why |", "|---|---|"]
        for page in big["pages"]:
            if page["kind"] in ("dilewati", "tidak terklasifikasi"):
                md.append(f"| `{page['name']}` | {KIND_LABEL[page['kind']]}: {page['reason']} |")
    md += ["", "## XLSX import of 2,000 LSP rows", ""]
    if impor:
        total = impor["upload"]["seconds"] + impor["commit"]["seconds"]
        queries = impor["upload"]["queries"] + impor["commit"]["queries"]
        md += [
            "Through the real views (upload + validate, then save), as Staf Komisi, on the demo",
            "database. Times include the debug cursor of the query capture.",
            "",
            "| Step | HTTP | Seconds | Queries |",
            "|---|---|---:|---:|",
            f"| upload + validate (`lsp:impor`) | {impor['upload']['status']} | "
            f"{impor['upload']['seconds']} | {impor['upload']['queries']} |",
            f"| save (`lsp:impor-commit`) | {impor['commit']['status']} | "
            f"{impor['commit']['seconds']} | {impor['commit']['queries']} |",
            f"| **total** | | {total:.2f} | {queries} |",
            "",
            f"LSPs created: {impor['created']}. Target < {MAX_IMPORT_S} s: "
            f"{_verdict(total < MAX_IMPORT_S and impor['created'] == impor['rows'])}.",
        ]
    md += ["", "## Annual report PDF", ""]
    if pdf and pdf.get("available") and "wall_s" in pdf:
        md += [
            "| Measure | Value | Target | Result |",
            "|---|---:|---|---|",
            f"| wall time | {pdf['wall_s']} s | < 20 s | {_verdict(pdf['wall_s'] < 20)} |",
            f"| peak memory (maxrss) | {pdf['maxrss_mb']} MB | < 450 MB | "
            f"{_verdict(pdf['maxrss_mb'] < 450)} |",
            f"| data gathering | {pdf['data_s']} s | | |",
            f"| WeasyPrint of the same HTML alone | {pdf['render_alone_s']} s | | |",
            f"| whole / WeasyPrint alone | {pdf['ratio']:.2f}× | ≤ 1.15× | "
            f"{_verdict(pdf['ratio'] <= 1.15)} |",
        ]
        if pdf.get("runs"):
            walls = ", ".join(f"{v} s" for v in pdf["wall_all_s"])
            alone = ", ".join(f"{v} s" for v in pdf["alone_all_s"])
            md += [
                "",
                f"Fastest of {pdf['runs']} runs of each, in turns, each in a fresh process "
                f"(report: {walls}; WeasyPrint alone: {alone}); peak memory is the largest run's.",
            ]
    else:
        md.append(
            "Not measured: the laporan app exposed no PDF renderer (`laporan/pdf.py`) when this"
            " run happened."
        )
    md += ["", "## Load run", ""]
    if load:
        md += load_section(load)
    else:
        md.append("Not run yet: `make bench-load`.")
    if NOTES.exists():
        md += ["", NOTES.read_text().strip()]
    target.write_text("\n".join(md) + "\n")


def load_section(load: dict) -> list[str]:
    lines = [
        f"gunicorn {load.get('gunicorn', '')} ({load['workers']} gthread workers ×"
        f" {load['threads']} threads, production settings `config.settings`, DEBUG off,",
        f"SECURE_SSL_REDIRECT off for loopback) against PostgreSQL {load.get('pg', '')} with the",
        f"big dataset; locust {load.get('locust', '')} headless, {load['users']} users, each",
        f"logged in once, for {load['seconds']} s on the same machine (the load generator shares",
        "the cores). Writes go through the real forms with their CSRF token.",
        "",
        "| Request | Count | Errors | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in load["rows"]:
        lines.append(
            f"| {row['name']} | {row['count']} | {row['failures']} | {row['p50']} | {row['p95']} |"
        )
    total = load["total"]
    lines += [
        "",
        f"Total: {total['count']} requests ({total['rps']:.1f}/s), {total['failures']} errors "
        f"(target 0: {_verdict(total['failures'] == 0)}), p95 {total['p95']} ms.",
    ]
    return lines


if __name__ == "__main__":
    import sys

    base = Path(__file__).resolve().parent
    sys.path.insert(0, str(base.parent))
    write(base / "out", base.parent / "BENCHMARKS.md")
