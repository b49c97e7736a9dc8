"""`make bench-load`: 50 users for 60 s against gunicorn + PostgreSQL on loopback.

1. builds the big dataset in BENCH_PG_URL once (migrate, seed_demo, bench/dataset.py, ANALYZE);
2. collects static files and starts gunicorn with the production settings (config.settings,
   DEBUG off; SECURE_SSL_REDIRECT=0 because loopback has no TLS: the settings read it from the
   environment for exactly this);
3. runs locust headless (bench/locustfile.py): each user logs in once, then mixes reads and writes
   through the real forms;
4. writes bench/out/load.json and rewrites BENCHMARKS.md.

Environment: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/bnsp_bench), LOAD_USERS (50),
LOAD_SECONDS (60), LOAD_WORKERS (gunicorn workers, 3), LOAD_THREADS (threads per worker, 4),
LOAD_PORT (8797; the run stops if something already listens there).
"""

import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
OUT = BASE / "bench" / "out"
VENV_BIN = Path(sys.executable).parent


def main() -> None:
    OUT.mkdir(exist_ok=True)
    pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/bnsp_bench")
    users = int(os.environ.get("LOAD_USERS", "50"))
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    workers = int(os.environ.get("LOAD_WORKERS", "3"))
    threads = int(os.environ.get("LOAD_THREADS", "4"))
    port = int(os.environ.get("LOAD_PORT", "8797"))
    _require_free(port)

    _createdb(pg_url)
    bench_env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", DATABASE_URL=pg_url)
    bench_env.pop("DEBUG", None)
    subprocess.run(
        [sys.executable, str(BASE / "bench" / "run.py"), "--phase", "prepare", "--demo", "--bulk"],
        check=True,
        env=bench_env,
        cwd=BASE,
    )

    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")} | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": pg_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-run-only-not-a-secret-7c2e9a4b1d6f8e3a"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_URL": "memorymail://",
        "MEDIA_ROOT": str(OUT / "media"),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        check=True,
        env=env,
        cwd=BASE,
    )
    log = open(OUT / "gunicorn.log", "w")
    gunicorn = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
        ],
        env=env,
        cwd=BASE,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_up(f"http://127.0.0.1:{port}/akun/masuk/")
        prefix = OUT / "load"
        started = time.time()
        subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(BASE / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                "10",
                "--run-time",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--stop-timeout",
                "10",
            ],
            cwd=BASE,
            check=False,
        )
        elapsed = time.time() - started
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
        log.close()

    result = _summary(prefix, users=users, seconds=seconds, workers=workers, threads=threads)
    result["elapsed_s"] = round(elapsed)
    result["pg"] = _pg_version(pg_url, env)
    result["locust"] = version("locust")
    result["gunicorn"] = version("gunicorn")
    result["failures_detail"] = _failures(prefix)
    (OUT / "load.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result["total"]))
    sys.path.insert(0, str(BASE))
    from bench import report

    report.write(OUT, BASE / "BENCHMARKS.md")
    if result["total"]["failures"]:
        sys.exit(f"load run: {result['total']['failures']} failed requests")


def _createdb(pg_url: str) -> None:
    import psycopg2

    name = pg_url.rsplit("/", 1)[1]
    admin = psycopg2.connect(pg_url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _pg_version(pg_url: str, env: dict) -> str:
    import psycopg2

    conn = psycopg2.connect(pg_url)
    with conn.cursor() as cursor:
        cursor.execute("SHOW server_version")
        value = cursor.fetchone()[0]
    conn.close()
    return value


def _require_free(port: int) -> None:
    import socket

    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use: set LOAD_PORT to a free one")


def _wait_up(url: str) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within 60 s (see bench/out/gunicorn.log)")


def _summary(prefix: Path, **meta) -> dict:
    rows, total = [], None
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            entry = {
                "name": f"{row['Type']} {row['Name']}".strip(),
                "count": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "rps": float(row["Requests/s"] or 0),
            }
            if row["Name"] == "Aggregated":
                total = entry
            else:
                rows.append(entry)
    return meta | {"rows": rows, "total": total}


def _failures(prefix: Path) -> list[dict]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return [dict(row) for row in csv.DictReader(f)]


if __name__ == "__main__":
    main()
