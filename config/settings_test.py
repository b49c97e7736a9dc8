"""Settings for the test suite: the real settings with fast hashing and in-process tasks.

DATABASE_URL and CELERY_BROKER_URL still come from the environment, so .ci/run can point the same
suite at PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz")

from config.settings import *  # noqa: E402,F403
from config.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
# Tasks run in the test process; the worker tests start a real worker and set their own broker.
CELERY_TASK_ALWAYS_EAGER = True
