"""The production shape in docker-compose.yml: the services, their health checks, the data."""

import re
from pathlib import Path

import yaml
from django.conf import settings

COMPOSE = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())


def test_compose_runs_every_production_service_with_a_health_check():
    services = COMPOSE["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ["postgres", "redis", "web", "worker", "beat"]:
        assert services[name]["healthcheck"]["test"], name


def test_web_is_gunicorn_and_workers_run_celery():
    services = COMPOSE["services"]
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:4] == ["celery", "-A", "alignment", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "alignment", "beat"]


def test_database_keeps_its_data_in_a_volume():
    assert "pgdata:/var/lib/postgresql/data" in COMPOSE["services"]["postgres"]["volumes"]
    assert "pgdata" in COMPOSE["volumes"]


def test_every_setting_read_from_the_environment_is_documented():
    source = (Path(settings.BASE_DIR) / "alignment" / "settings.py").read_text()
    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', source))
    assert names, "no environment variables found in settings.py"
    for name in names:
        assert name in example, f"{name} missing from .env.example"
        assert f"`{name}`" in readme, f"{name} missing from the README"
