"""The test session's environment and database server, set up before Django reads its settings.

Loaded with `-p lotse.core.tests.pytest_plugin` (pyproject.toml), because pytest-django imports
the settings before any conftest.py is read. It

* clears the lotse and Django variables of the calling shell, ignores var/local.env and sets the
  test environment (DEBUG on, as for `make run`; the production settings are tested in a
  subprocess by lotse/core/tests/test_settings.py), so that a developer's shell cannot change
  the outcome;
* with LOTSE_TEST_DATABASE=postgres, starts a throw-away PostgreSQL server from the machine's
  binaries (as the `postgres` system user when running as root, since PostgreSQL refuses root),
  points DATABASE_URL at it and stops and removes it when the session ends. Otherwise the suite
  runs on an in-memory SQLite database.
"""

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

DATABASES = {"sqlite", "postgres"}
# Variables read by config/settings.py and config/env.py; the test run sets its own.
_OWN_PREFIXES = ("DJANGO_", "LOTSE_", "DB_", "DOCUMENTS_")
_KEEP = {"DJANGO_SETTINGS_MODULE", "LOTSE_TEST_DATABASE", "LOTSE_PG_BINDIR"}


def requested_database() -> str:
    value = os.environ.get("LOTSE_TEST_DATABASE", "sqlite").strip().lower() or "sqlite"
    if value not in DATABASES:
        raise pytest.UsageError(
            f"LOTSE_TEST_DATABASE={value!r}: use one of {sorted(DATABASES)} (default sqlite)"
        )
    return value


def _find_bindir() -> Path:
    """pg_ctl's directory: LOTSE_PG_BINDIR, PATH, or the newest Debian PostgreSQL."""
    candidates = []
    if os.environ.get("LOTSE_PG_BINDIR"):
        candidates.append(Path(os.environ["LOTSE_PG_BINDIR"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True
    )
    candidates.extend(Path(p) for p in debian)
    for bindir in candidates:
        if (bindir / "pg_ctl").is_file() and (bindir / "initdb").is_file():
            return bindir
    raise pytest.UsageError(
        "LOTSE_TEST_DATABASE=postgres needs PostgreSQL's initdb and pg_ctl "
        "(Debian: apt-get install postgresql; or set LOTSE_PG_BINDIR)"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A PostgreSQL cluster in a temporary directory, reachable on 127.0.0.1 only (trust auth)."""

    user = "postgres"
    database = "lotse"

    def __init__(self, root: Path | None = None, settings: dict[str, str] | None = None) -> None:
        """With `root`, the cluster lives there and is kept after `stop` (the benchmarks load a
        million persons once and measure again); without, a temporary one is removed."""
        self.bindir = _find_bindir()
        # PostgreSQL refuses to run as root: the cluster then belongs to the `postgres` user.
        self.os_user = "postgres" if os.geteuid() == 0 else None
        self.kept = root
        self.settings = settings or {}
        self.root: Path | None = None
        self.port = 0

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def _run(self, *command: str | Path) -> None:
        argv = [str(part) for part in command]
        if self.os_user:
            argv = ["runuser", "-u", self.os_user, "--", *argv]
        result = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode:
            raise RuntimeError(
                f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                + self._log_tail()
            )

    def _log_tail(self) -> str:
        log = self.root / "server.log" if self.root else None
        if log and log.exists():
            return "\nserver log:\n" + log.read_text(errors="replace")[-2000:]
        return ""

    def start(self) -> str:
        if self.kept:
            self.kept.mkdir(parents=True, exist_ok=True)
        self.root = self.kept or Path(tempfile.mkdtemp(prefix="lotse-test-pg-"))
        if self.os_user:
            shutil.chown(self.root, self.os_user, self.os_user)
        existing = (self.data_dir / "PG_VERSION").exists()
        if not existing:
            self._initdb()
        self.port = _free_port()
        options = " ".join(
            [
                f"-p {self.port}",
                "-h 127.0.0.1",
                f"-k {self.root}",
                # a throw-away cluster: durability buys nothing here
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                *(f"-c {name}={value}" for name, value in self.settings.items()),
            ]
        )
        self._run(
            self.bindir / "pg_ctl",
            "start", "--wait", "--timeout", "60",
            "--pgdata", self.data_dir,
            "--log", self.root / "server.log",
            "--options", options,
        )  # fmt: skip
        atexit.register(self.stop)
        if not existing:
            self._run(
                self.bindir / "createdb",
                "--host", "127.0.0.1",
                "--port", str(self.port),
                "--username", self.user,
                self.database,
            )  # fmt: skip
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{self.database}"

    def _initdb(self) -> None:
        self._run(
            self.bindir / "initdb",
            "--pgdata", self.data_dir,
            "--username", self.user,
            "--auth", "trust",
            "--encoding", "UTF8",
            "--no-locale",
            "--no-sync",
        )  # fmt: skip

    def stop(self) -> None:
        if self.root is None:
            return
        root, self.root = self.root, None
        if (root / "data" / "postmaster.pid").exists():
            argv = [str(self.bindir / "pg_ctl"), "stop", "--pgdata", str(root / "data")]
            # A kept cluster is shut down cleanly; a throw-away one needs no checkpoint.
            argv += ["--mode", "fast" if self.kept else "immediate", "--wait"]
            if self.os_user:
                argv = ["runuser", "-u", self.os_user, "--", *argv]
            subprocess.run(argv, capture_output=True, check=False)  # noqa: S603
        if not self.kept:
            shutil.rmtree(root, ignore_errors=True)


def _set_test_environment(config: pytest.Config) -> str:
    for name in list(os.environ):
        if name.startswith(_OWN_PREFIXES) and name not in _KEEP:
            del os.environ[name]
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["LOTSE_LOCAL_ENV"] = ""  # a developer's var/local.env does not apply either
    # Uploaded documents of the tests go to a folder of their own, removed afterwards.
    documents = tempfile.mkdtemp(prefix="lotse-test-documents-")
    config.add_cleanup(lambda: shutil.rmtree(documents, ignore_errors=True))
    os.environ["DOCUMENTS_ROOT"] = documents
    database = requested_database()
    if database == "postgres":
        server = PostgresServer()
        config.add_cleanup(server.stop)
        try:
            os.environ["DATABASE_URL"] = server.start()
        except BaseException:
            server.stop()
            raise
        config.stash[postgres_key] = server
    else:
        os.environ["DATABASE_URL"] = "sqlite://:memory:"
    return database


postgres_key = pytest.StashKey[PostgresServer]()
database_key = pytest.StashKey[str]()


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    # A wrapper runs before pytest-django's implementation, which reads the settings.
    known = early_config.known_args_namespace
    if getattr(known, "help", False) or getattr(known, "version", False):
        return (yield)
    early_config.stash[database_key] = _set_test_environment(early_config)
    return (yield)


def pytest_report_header(config: pytest.Config) -> list[str]:
    database = config.stash.get(database_key, "?")
    server = config.stash.get(postgres_key, None)
    if server is not None:
        return [f"lotse test database: PostgreSQL ({server.bindir}) on 127.0.0.1:{server.port}"]
    return [f"lotse test database: {database}"]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A run that collected nothing (a wrong path, a marker that deselects everything) is a
    # failure, not pytest's special exit code 5 that scripts may let through.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        session.config.stash[nothing_collected_key] = True


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if config.stash.get(nothing_collected_key, False):
        terminalreporter.write_line("lotse: no tests were collected; failing the run", red=True)


nothing_collected_key = pytest.StashKey[bool]()
