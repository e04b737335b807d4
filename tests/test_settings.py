"""Settings come from the environment only; run each case in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "broker": settings.CELERY_BROKER_URL,
    "debug": settings.DEBUG,
    "tz": settings.TIME_ZONE,
    "lang": settings.LANGUAGE_CODE,
    "email": settings.EMAIL_BACKEND,
    "cache": settings.CACHES["default"]["BACKEND"],
    "hosts": settings.ALLOWED_HOSTS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "site_url": settings.SITE_URL,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "hsts": settings.SECURE_HSTS_SECONDS,
    "hsts_preload": settings.SECURE_HSTS_PRELOAD,
}))
"""

CONFIG_VARS = [
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "EMAIL_BACKEND",
    "SMS_BACKEND",
    "SMS_CM_PRODUCT_TOKEN",
    "SMS_STATUS_SECRET",
    "DORPSLOKET_ALLOW_FAKE_DELIVERY",
    "SITE_URL",
    "STATIC_COLLECTED",
    "SECURE_HSTS_PRELOAD",
    # set for the browser tests' thread; never in a deployment
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def run_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    clean["DJANGO_SETTINGS_MODULE"] = "dorpsloket.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=clean, capture_output=True, text=True
    )


def test_no_environment_gives_sqlite_embedded_broker_and_console_mail():
    result = run_settings()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(BASE_DIR / "db.sqlite3")
    assert values["broker"] == "filesystem://"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["cache"].endswith("LocMemCache")
    assert values["debug"] is True
    assert values["tz"] == "Europe/Amsterdam"
    assert values["lang"] == "nl"


def test_database_and_redis_urls_switch_to_postgresql_and_redis():
    result = run_settings(
        DATABASE_URL="postgres://dorp:geheim@db.example:5432/dorpsloket",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "dorpsloket"
    assert values["broker"] == "redis://cache.example:6379/0"
    assert values["cache"].endswith("RedisCache")


def test_celery_broker_url_wins_over_redis_url():
    result = run_settings(
        REDIS_URL="redis://cache.example:6379/0", CELERY_BROKER_URL="redis://queue.example/1"
    )
    assert json.loads(result.stdout)["broker"] == "redis://queue.example/1"


def test_debug_off_with_the_development_key_refuses_to_start():
    result = run_settings(DEBUG="False", ALLOWED_HOSTS="dorpsloket.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("value", ["False", "0", "no", "off"])
def test_production_settings_are_strict(value):
    result = run_settings(
        DEBUG=value,
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="dorpsloket.example, www.dorpsloket.example",
        EMAIL_HOST="smtp.example",
        SITE_URL="https://dorpsloket.example/",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["hosts"] == ["dorpsloket.example", "www.dorpsloket.example"]
    assert values["ssl_redirect"] is True
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["site_url"] == "https://dorpsloket.example"
    assert values["hsts"] >= 60 * 60 * 24 * 365
    assert values["hsts_preload"] is False, "preloading is the operator's choice"


def test_the_operator_opts_in_to_hsts_preload():
    result = run_settings(
        DEBUG="False", SECRET_KEY="x" * 60, ALLOWED_HOSTS="a.example", SECURE_HSTS_PRELOAD="1"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hsts_preload"] is True


PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "dorpsloket.example",
    "SITE_URL": "https://dorpsloket.example",
    "EMAIL_HOST": "smtp.dorpsloket.example",
    "SMS_BACKEND": "meldingen.sms.CMSMSBackend",
    "SMS_CM_PRODUCT_TOKEN": "00000000-0000-0000-0000-000000000000",
    "SMS_STATUS_SECRET": "a-long-random-status-report-secret",
}


def deploy_check(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    env.update(PRODUCTION)
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"EMAIL_HOST": None}, "meldingen.E001"),  # console e-mail
        ({"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}, "meldingen.E001"),
        ({"SMS_BACKEND": None}, "meldingen.E002"),  # console SMS
        ({"SMS_BACKEND": "meldingen.sms.FileSMSBackend"}, "meldingen.E002"),
        ({"SMS_STATUS_SECRET": None}, "meldingen.E003"),
    ],
)
def test_with_debug_off_a_backend_that_delivers_nothing_is_an_error(overrides, error):
    result = deploy_check(**overrides)
    assert result.returncode != 0
    assert error in result.stderr


def test_fake_delivery_is_allowed_when_the_installation_says_so():
    result = deploy_check(EMAIL_HOST=None, SMS_BACKEND=None, DORPSLOKET_ALLOW_FAKE_DELIVERY="1")
    assert result.returncode == 0, result.stdout + result.stderr
    debug = deploy_check(EMAIL_HOST=None, SMS_BACKEND=None, DEBUG="True")
    assert "meldingen.E00" not in debug.stderr


def test_make_runs_debug_off_serves_static_as_it_is_while_production_uses_the_manifest():
    production = run_settings(DEBUG="False", SECRET_KEY="x" * 60, ALLOWED_HOSTS="a.example")
    make_run = run_settings(
        DEBUG="False", SECRET_KEY="x" * 60, ALLOWED_HOSTS="a.example", STATIC_COLLECTED="False"
    )
    assert json.loads(production.stdout)["static"] == "dorpsloket.static_storage.CompressedManifest"
    assert json.loads(make_run.stdout)["static"] == "dorpsloket.static_storage.Plain"
