"""No Docker engine runs here: check that the compose file parses, has the whole stack and
runs the same commands as the Makefile and the Dockerfile."""

import re
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def makefile_variable(name):
    text = (BASE_DIR / "Makefile").read_text()
    return re.search(rf"^{name} := (.+)$", text, re.M).group(1).strip()


def test_compose_has_the_full_stack():
    services = compose()["services"]
    assert set(services) >= {"web", "worker", "beat", "postgres", "redis", "mailpit"}


def test_app_services_use_postgres_and_redis():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
        assert services[name]["build"] == "."


def test_worker_and_beat_run_the_makefile_commands():
    services = compose()["services"]
    assert services["worker"]["command"] == makefile_variable("CELERY_WORKER")
    assert services["beat"]["command"] == makefile_variable("CELERY_BEAT")


def test_web_runs_gunicorn_like_the_dockerfile():
    web = compose()["services"]["web"]["command"]
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "gunicorn dorpsloket.wsgi" in web
    assert '"gunicorn", "dorpsloket.wsgi"' in dockerfile
    assert "manage.py migrate" in web


def test_the_image_installs_the_locked_requirements():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "pip install -r requirements.lock" in dockerfile
