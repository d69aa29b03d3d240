"""The container files (README, "Containers"): compose.yaml publishes the dashboard on the
host's loopback only, asks for the database password rather than holding one, runs on the
official images, and its commands are ones the program accepts. (No Docker engine runs
here, so the images are not built; `docker-compose config` checks the file where Debian's
docker-compose is installed.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]


def test_the_dashboard_is_published_on_the_hosts_loopback_only():
    for name, service in SERVICES.items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), (name, port)
    assert SERVICES["dashboard"]["ports"] == ["127.0.0.1:8050:8050"]
    assert "ports" not in SERVICES["db"]  # the database is reached inside the compose network


def test_the_database_password_is_required_and_never_written_down():
    required = "${POSTGRES_PASSWORD:?"
    assert SERVICES["db"]["environment"]["POSTGRES_PASSWORD"].startswith(required)
    for name in ("dashboard", "refresh"):
        store = SERVICES[name]["environment"]["CASUALTY_STORE"]
        assert store.startswith("postgresql+psycopg://casualties:" + required), name
        assert store.endswith("@db:5432/casualties"), name


def test_services_run_on_the_official_images_as_an_unprivileged_user():
    assert SERVICES["db"]["image"] == "postgres:17"
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.M)
    users = re.findall(r"^USER (\S+)$", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")
    for name in ("dashboard", "refresh"):
        assert SERVICES[name]["build"] == "."
        assert SERVICES[name]["depends_on"]["db"]["condition"] == "service_healthy"


def _accepted(module: str, command: list[str]) -> None:
    """Every option of a compose command is one that `python -m MODULE ... --help` lists."""
    words = command[command.index(module) + 1:]
    subcommand = [w for w in words[:1] if not w.startswith("-")]
    shown = subprocess.run([sys.executable, "-m", module, *subcommand, "--help"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, check=True).stdout
    for option in (w for w in words if w.startswith("--")):
        assert option in shown, (module, option)


def test_the_commands_are_ones_the_program_accepts():
    assert SERVICES["refresh"]["command"][:4] == ["python", "-m", "pipeline", "refresh"]
    _accepted("pipeline", SERVICES["refresh"]["command"])
    assert SERVICES["dashboard"]["command"][:3] == ["python", "-m", "dashboard"]
    _accepted("dashboard", SERVICES["dashboard"]["command"])
