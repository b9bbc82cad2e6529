"""Settings come from the environment and fail loudly on a bad value (config/settings.py).

Each case runs `manage.py check` in a fresh process with an environment built from scratch, as
a deployment would start it.
"""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"
SECRET_KEY = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(60))


def manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOTSE_VAR_DIR": str(tmp_path / "var"),
        "PYTHONDONTWRITEBYTECODE": "1",
        **env,
    }
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(MANAGE), *args],
        cwd=MANAGE.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production(tmp_path: Path, **overrides: str) -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "lotse.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'lotse.sqlite3'}",
        **overrides,
    }


def test_development_settings_pass_the_check(tmp_path):
    result = manage("check", tmp_path=tmp_path, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_production_environment_passes_the_deployment_check(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **production(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# (start from: nothing or a production environment, then set or (None) remove, message)
BAD_ENVIRONMENTS = [
    ("nothing", {"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG='maybe' is not a boolean"),
    ("nothing", {}, "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set"),
    ("production", {"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE)"),
    ("production", {"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY must be at least 50"),
    (
        "production",
        {"DJANGO_SECRET_KEY": None, "DJANGO_SECRET_KEY_FILE": "/nonexistent/key"},
        "DJANGO_SECRET_KEY_FILE='/nonexistent/key' cannot be read",
    ),
    ("production", {"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS must be set"),
    (
        "production",
        {"DATABASE_URL": "mysql://lotse@db/lotse"},
        "must point to SQLite or PostgreSQL",
    ),
    ("production", {"DATABASE_URL": "not a url"}, "DATABASE_URL cannot be parsed"),
    ("production", {"DATABASE_URL": "postgres://u@h:port/db"}, "DATABASE_URL cannot be parsed"),
    ("production", {"LOTSE_DEMO": "1"}, "LOTSE_DEMO=1 needs DJANGO_DEBUG=1"),
    ("production", {"DB_POOL_SIZE": "4"}, "DB_POOL_SIZE needs PostgreSQL"),
    (
        "production",
        {
            "DATABASE_URL": "postgres://lotse@127.0.0.1:1/lotse",
            "DB_POOL_SIZE": "4",
            "DB_CONN_MAX_AGE": "60",
        },
        "DB_POOL_SIZE and DB_CONN_MAX_AGE exclude each other",
    ),
    ("production", {"DB_POOL_SIZE": "many"}, "DB_POOL_SIZE='many' is not a whole number"),
    (
        "production",
        {"LOTSE_SESSION_IDLE_MINUTES": "half an hour"},
        "LOTSE_SESSION_IDLE_MINUTES='half an hour' is not a whole number",
    ),
    (
        "production",
        {"LOTSE_LOGIN_FAILURE_LIMIT": "0"},
        "LOTSE_LOGIN_FAILURE_LIMIT=0 is below the minimum of 1",
    ),
    ("production", {"LOTSE_LOG_LEVEL": "LOUD"}, "LOTSE_LOG_LEVEL='LOUD' must be one of"),
]


@pytest.mark.parametrize(
    ("start", "changes", "message"),
    BAD_ENVIRONMENTS,
    ids=[
        message.split("=")[0].split(" ")[0] + f"-{i}"
        for i, (_, _, message) in enumerate(BAD_ENVIRONMENTS)
    ],
)
def test_a_bad_value_stops_the_start_with_a_clear_message(tmp_path, start, changes, message):
    env = production(tmp_path) if start == "production" else {}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    result = manage("check", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "), last_line
    assert message in last_line


def test_the_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(SECRET_KEY + "\n", encoding="utf-8")
    env = production(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", tmp_path=tmp_path, DJANGO_SECRET_KEY_FILE=str(key_file), **env)
    assert result.returncode == 0, result.stderr


def test_debug_and_https_follow_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.LOTSE_DEMO, "
        "s.SECURE_HSTS_SECONDS)"
    )
    result = manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path, **production(tmp_path))
    assert result.stdout.split() == ["False", "True", "True", "False", "31536000"], result.stderr
    development = manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path, DJANGO_DEBUG="1")
    assert development.stdout.split() == ["True", "False", "False", "True", "0"]


# --- the local development configuration (var/local.env, written by `make install`) ------------

DEBUG_CODE = "from django.conf import settings as s; print(s.DEBUG, s.LOTSE_DEMO)"


def local_env(tmp_path: Path) -> Path:
    """The file exactly as `make install` writes it (its `local-env` target)."""
    result = subprocess.run(  # noqa: S603 - make with a fixed target
        ["make", "--no-print-directory", "local-env", f"VAR_DIR={tmp_path / 'var'}"],  # noqa: S607
        cwd=MANAGE.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "var" / "local.env"


def test_after_make_install_commands_work_without_any_variable(tmp_path):
    assert local_env(tmp_path).read_text().splitlines()[-1] == "DJANGO_DEBUG=1"
    result = manage("shell", "--no-imports", "-c", DEBUG_CODE, tmp_path=tmp_path)
    assert result.stdout.split() == ["True", "True"], result.stderr
    code = manage("demo_logins", "--code", tmp_path=tmp_path)
    assert code.returncode == 0, code.stderr
    assert code.stdout.strip().isdigit()
    assert len(code.stdout.strip()) == 6
    source = tmp_path / "in.csv"
    source.write_text("record_id,given_names,family_name\n1,Ali,Hassan\n2,Ali,Hasan\n")
    out = tmp_path / "pairs.csv"
    matched = manage("match_persons", str(source), "--out", str(out), tmp_path=tmp_path)
    assert matched.returncode == 0, matched.stderr
    assert out.is_file()


def test_make_install_keeps_an_existing_local_configuration(tmp_path):
    path = local_env(tmp_path)
    path.write_text("DJANGO_DEBUG=1\nLOTSE_LOG_LEVEL=WARNING\n")
    local_env(tmp_path)
    assert path.read_text() == "DJANGO_DEBUG=1\nLOTSE_LOG_LEVEL=WARNING\n"


def test_debug_0_in_the_environment_wins_and_needs_the_secret_key(tmp_path):
    local_env(tmp_path)
    result = manage("check", tmp_path=tmp_path, DJANGO_DEBUG="0")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set" in last_line


def test_an_empty_lotse_local_env_ignores_the_file(tmp_path):
    local_env(tmp_path)
    result = manage("check", tmp_path=tmp_path, LOTSE_LOCAL_ENV="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set" in result.stderr


def test_a_production_environment_is_unchanged_by_the_file(tmp_path):
    local_env(tmp_path)
    env = production(tmp_path, DJANGO_DEBUG="0")
    result = manage("shell", "--no-imports", "-c", DEBUG_CODE, tmp_path=tmp_path, **env)
    assert result.stdout.split() == ["False", "False"], result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("DJANGO_DEBUG=1\nthis is no setting\n", "local.env line 2: expected NAME=value"),
        ("DJANGO_DEBUG=maybe\n", "DJANGO_DEBUG='maybe' is not a boolean"),
    ],
)
def test_a_bad_local_configuration_stops_the_start_with_its_line(tmp_path, content, message):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "local.env").write_text(content)
    result = manage("check", tmp_path=tmp_path)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "), last_line
    assert message in last_line


def test_quotes_comments_and_export_are_read(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "local.env").write_text(
        "# development\n\nexport DJANGO_DEBUG='1'\nLOTSE_SESSION_IDLE_MINUTES=\"45\"\n"
    )
    code = "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_AGE)"
    result = manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path)
    assert result.stdout.split() == ["True", "2700"], result.stderr
