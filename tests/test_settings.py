"""The settings refuse bad values, pass `check --deploy` in production, and keep their promises.

Production settings are read in a subprocess: config.settings decides at import from the
environment, and the test process already imported the test settings.
"""

import json
import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from config.celery import app

BASE_DIR = Path(__file__).resolve().parent.parent

# Variables config.settings reads; cleared so the caller's shell cannot change what is tested.
SETTINGS_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DB_CONN_MAX_AGE",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "CACHE_URL",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "MEDIA_ROOT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "LOG_LEVEL",
    "AXES_PROXY_COUNT",
    # Set by the root conftest for the browser tests; a deployment never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_with_settings(args, **variables):
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **variables)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def production_env(tmp_path):
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48)[:50],
        "ALLOWED_HOSTS": "advokasi.bnsp.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
    }


def read_settings(names, **variables):
    """The named settings as config.settings computes them for these environment variables."""
    code = (
        "import json, django\n"
        "from django.conf import settings\n"
        "django.setup()\n"
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))\n"
    )
    result = run_with_settings(["-c", code], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run_with_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env(tmp_path)
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output


def test_bad_debug_value_refuses_to_load_naming_debug():
    result = run_with_settings(["-c", "import django; django.setup()"], DEBUG="maybe")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG" in result.stderr
    assert "maybe" in result.stderr


def test_production_without_secret_key_refuses_to_start():
    result = run_with_settings(["-c", "import django; django.setup()"], DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_celery_soft_limit_below_hard_limit_below_visibility_timeout(settings):
    soft = settings.CELERY_TASK_SOFT_TIME_LIMIT
    hard = settings.CELERY_TASK_TIME_LIMIT
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert soft < hard < visibility
    # The app really uses them (the CELERY_ namespace maps onto its own names).
    assert app.conf.task_soft_time_limit == soft
    assert app.conf.task_time_limit == hard


def test_tasks_run_eagerly_without_a_broker():
    values = read_settings(["CELERY_TASK_ALWAYS_EAGER"], DEBUG="1")
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True


def test_tasks_go_to_the_broker_when_one_is_configured():
    values = read_settings(
        ["CELERY_TASK_ALWAYS_EAGER", "CELERY_RESULT_BACKEND"],
        DEBUG="1",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False
    assert values["CELERY_RESULT_BACKEND"] == "redis://127.0.0.1:6379/0"


def test_the_cache_is_in_process_on_a_laptop_and_shared_redis_when_configured():
    laptop = read_settings(["CACHES"], DEBUG="1")["CACHES"]["default"]
    assert laptop["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    shared = read_settings(["CACHES"], DEBUG="1", CACHE_URL="redis://127.0.0.1:6379/1")
    assert shared["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }


@pytest.mark.django_db  # ATOMIC_REQUESTS: every view opens a transaction
def test_production_responses_carry_security_headers(settings):
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    settings.SECURE_SSL_REDIRECT = True
    # A fresh client builds its middleware from the settings above.
    response = Client().get(reverse("login"), secure=True)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_production_redirects_plain_http_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_session_and_lockout_settings(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is False  # IdleSessionMiddleware refreshes it
    assert settings.SESSION_REFRESH_SECONDS == 60
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_ABSOLUTE_LIMIT == 12 * 60 * 60
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)


def test_production_cookies_are_secure(tmp_path):
    values = read_settings(
        [
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SESSION_COOKIE_HTTPONLY",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
        ],
        **production_env(tmp_path),
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }
