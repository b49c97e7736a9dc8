"""Settings for the in-process benchmark: production settings (DEBUG off) with three changes.

- plain static storage, so pages render without `collectstatic` (the manifest lookup is not what
  is measured);
- `bench.urls`, which adds the no-query reference view beside the product's URLs;
- the test client's host name allowed.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-4f1c9b7e2d8a6c3e5f7a9b1d3c5e7f9a")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault(
    "MEDIA_ROOT", str(__import__("pathlib").Path(__file__).parent / "out" / "media")
)
os.environ.setdefault("EMAIL_URL", "memorymail://")

from config.settings import *  # noqa: E402,F403
from config.settings import STORAGES  # noqa: E402

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ROOT_URLCONF = "bench.urls"
# SQLite as one would run it for a multi-user site: WAL journal, fsync at checkpoints only. With
# the default (fsync on every commit) a write's time is mostly the disk flushing, and on a shared
# disk that is noise, not the page.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
