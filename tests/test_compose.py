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


# --- profile `scale`: two web and two worker containers behind one address ---------------


def scale_services():
    return {
        name: service
        for name, service in compose()["services"].items()
        if "scale" in service.get("profiles", [])
    }


def test_the_scale_profile_adds_a_second_web_and_worker_and_a_proxy():
    assert set(scale_services()) == {"web-2", "worker-2", "proxy"}
    services = compose()["services"]
    # The first of each pair and the single beat run in every profile.
    for name in ("web", "worker", "beat"):
        assert "profiles" not in services[name]


def test_the_second_web_and_worker_run_like_the_first_on_the_same_services():
    services = compose()["services"]
    assert services["worker-2"]["command"] == services["worker"]["command"]
    for first, second in (("web", "web-2"), ("worker", "worker-2")):
        assert services[second]["environment"] == services[first]["environment"]
        assert services[second]["env_file"] == services[first]["env_file"]
        # Uploads stored by one web container are read by either worker.
        assert services[second]["volumes"] == services[first]["volumes"]
        assert services[second]["build"] == "."
    gunicorn = services["web"]["command"].split("gunicorn", 1)[1]
    assert services["web-2"]["command"].split("gunicorn", 1)[1] == gunicorn


def test_only_the_first_web_container_migrates_and_the_second_waits_for_it():
    services = compose()["services"]
    assert "migrate --noinput" in services["web"]["command"]
    second = services["web-2"]["command"]
    assert "migrate --noinput" not in second
    assert "until python manage.py migrate --check" in second
    assert "ports" not in services["web-2"]  # reached through the proxy only


def test_there_is_one_beat_in_every_profile():
    beats = [n for n, s in compose()["services"].items() if " beat" in str(s.get("command"))]
    assert beats == ["beat"]


def test_the_proxy_spreads_connections_over_both_web_containers():
    proxy = compose()["services"]["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert proxy["ports"] == ["8080:80"]
    assert set(proxy["depends_on"]) == {"web", "web-2"}
    source, target = proxy["volumes"][0].split(":")[:2]
    assert target == "/etc/nginx/nginx.conf"
    lines = (BASE_DIR / source).read_text().splitlines()
    config = "\n".join(line.split("#", 1)[0] for line in lines)
    assert re.search(r"server web:8000\b", config)
    assert re.search(r"server web-2:8000\b", config)
    assert "proxy_protocol on;" in config
    # No stickiness: nothing may depend on which container a browser lands on.
    assert "hash" not in config and "sticky" not in config


def test_only_the_proxy_may_name_the_browser_address_to_gunicorn():
    services = compose()["services"]
    address = services["proxy"]["networks"]["edge"]["ipv4_address"]
    subnet = compose()["networks"]["edge"]["ipam"]["config"][0]["subnet"]
    assert address.rsplit(".", 1)[0] == subnet.split("/")[0].rsplit(".", 1)[0]
    for name in ("web", "web-2"):
        command = services[name]["command"]
        assert "--proxy-protocol auto" in command
        assert f"--proxy-allow-from {address}" in command
        assert "edge" in services[name]["networks"]
