"""The project's own local Neo4j: Neo4j Community from Maven Central, run as a child process.

We run the server entry point (`org.neo4j.server.CommunityEntryPoint`) rather than the embedded API:
it is the very process the packaged `neo4j console` starts, configured by an ordinary `neo4j.conf`
with the same settings users know, and it needs no Java code of ours to compile or keep in step with
Neo4j's embedded API.

The server is locked: Bolt authentication is on, with a password generated at the first start and
kept in the server's home (`password`, mode 0600, in a folder only its owner may enter), which the
project's own commands read (`local_password`). Every transaction is bounded in memory and in
time, so that a query fails rather than the database.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import LocalNeo4jError
from graph.settings import Settings

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
RUNTIME_POM = Path(__file__).with_name("neo4j_runtime.xml")
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
ADMIN_HEAP = "1g"  # neo4j-admin's own heap; the importer works mostly off heap
PR_SET_PDEATHSIG = 1
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0
USER = "neo4j"
DEFAULT_PASSWORD = "neo4j"  # a store's built-in user before anyone set its password
PASSWORD_FILE = "password"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# One transaction may hold this share of the heap, all transactions together this share: a query
# that wants more fails with a memory error, and the server goes on.
TRANSACTION_MEMORY_SHARE = 0.25
TOTAL_TRANSACTION_MEMORY_SHARE = 0.6
# An index's statistics are re-sampled once this share of it has changed (Neo4j's default is 5%).
# A load into a new graph changes every index by that much every few seconds, and sampling them
# over and over took up to 13% of the server's CPU in a first load (bench/LOAD_RESULTS.md); plans
# built on statistics a quarter out of date are the same index seeks.
INDEX_RESAMPLE_PERCENT = 25
# The longest any transaction may run, whoever sends it (the API's own queries have shorter ones).
SERVER_TRANSACTION_TIMEOUT = "15m"
DEFAULT_GC = "-XX:+UseG1GC"
# The other JVM options Neo4j's own start script passes (the `server.jvm.additional` lines of the
# `neo4j.conf` it ships, which the Docker image uses too), so that this server runs as theirs do.
# Without the `--add-opens`, the page cache cannot reach direct buffers and falls back to a slower
# path (its debug log says so), and Netty, under Bolt, cannot free direct buffers itself.
NEO4J_JVM_OPTIONS = (
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)
_GC_OPTION = re.compile(r"-XX:\+Use\w+GC")
_LOCAL_URI = re.compile(r"^(?:bolt|neo4j)://(?:127\.0\.0\.1|localhost):(\d+)$")


class ServerGone(LocalNeo4jError):
    """The server being waited for exited."""


@dataclass(frozen=True)
class LocalNeo4jStatus:
    running: bool
    uri: str
    version: str
    pid: int | None
    home: str
    user: str = USER
    password_file: str = ""  # where the generated password is kept (readable by its owner only)

    def as_json(self) -> str:
        return json.dumps(self.__dict__)


def _die_with_parent() -> None:
    """Runs in the child before exec: the kernel sends SIGTERM to the JVM when its parent dies."""
    _private_files()
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _private_files() -> None:
    """Runs in the child before exec: what the server writes (data, logs) is its owner's only."""
    os.umask(0o077)


def _bytes(size: str) -> int:
    """'1g' -> 1073741824, '512m' -> 536870912: the memory sizes of Neo4j's settings."""
    match = re.fullmatch(r"(\d+)\s*([kmg]?)b?", size.strip().lower())
    if match is None:
        raise LocalNeo4jError(f"{size!r} is not a memory size (like 512m or 2g)")
    exponent = " kmg".index(match.group(2) or " ")
    return int(match.group(1)) * int(1024**exponent)


def _megabytes(value: int) -> str:
    return f"{max(1, value // (1024 * 1024))}m"


def local_password(settings: Settings, uri: str) -> str | None:
    """The generated password of the project's own Neo4j behind `uri`, if it is one of ours."""
    if settings.neo4j_uri is not None:
        return None
    match = _LOCAL_URI.match(uri)
    if match is None:
        return None
    path = settings.state_dir / f"neo4j-{match.group(1)}" / PASSWORD_FILE
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    # A zombie has exited; only its exit status remains to be reaped.
    return not (stat.exists() and stat.read_text().split(") ", 1)[-1].startswith("Z"))


class LocalNeo4j:
    """Fetches, configures, starts, checks and stops one local Neo4j on one port."""

    def __init__(
        self,
        settings: Settings,
        port: int | None = None,
        state_dir: Path | None = None,
        extra_settings: dict[str, str] | None = None,
        jvm_options: Sequence[str] = (),
    ):
        self.version = settings.local_neo4j_version
        self.port = port if port is not None else settings.local_neo4j_port
        self.heap = settings.local_neo4j_heap
        self.pagecache = settings.local_neo4j_pagecache
        self.lib_dir = settings.cache_dir / f"neo4j-{self.version}" / "lib"
        self.home = (state_dir or settings.state_dir) / f"neo4j-{self.port}"
        self.pidfile = self.home / "neo4j.pid"
        self.password_file = self.home / PASSWORD_FILE
        self.logfile = self.home / "logs" / "console.log"
        self._process: subprocess.Popen[bytes] | None = None
        # Settings and JVM options beyond the project's (the load benchmark tries some).
        self.extra_settings = dict(extra_settings or {})
        self.jvm_options = list(jvm_options)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    # -- fetching -------------------------------------------------------------------------------

    def ensure_artifacts(self) -> Path:
        """Resolves Neo4j's jars with Maven into the git-ignored cache, once per version."""
        marker = self.lib_dir / ".complete"
        if marker.exists():
            return self.lib_dir
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalNeo4jError("Maven (mvn) is not on PATH; it is needed to fetch Neo4j")
        if shutil.which("java") is None:
            raise LocalNeo4jError("Java (java) is not on PATH; Neo4j 5.26 needs Java 17")
        self.lib_dir.mkdir(parents=True, exist_ok=True)
        command = [
            mvn, "-q", "-B", "-f", str(RUNTIME_POM), "dependency:copy-dependencies",
            f"-Dneo4j.version={self.version}", f"-DoutputDirectory={self.lib_dir}",
            "-DincludeScope=runtime",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
            raise LocalNeo4jError(f"Maven could not fetch Neo4j {self.version}:\n{tail}")
        marker.write_text(self.version)
        return self.lib_dir

    # -- configuring ----------------------------------------------------------------------------

    def _write_config(self) -> Path:
        conf_dir = self.home / "conf"
        self._make_private(self.home.parent)
        self._make_private(self.home)
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        heap = _bytes(self.heap)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "server.memory.pagecache.size": self.pagecache,
            "server.directories.data": str(self.home / "data"),
            "server.directories.logs": str(self.home / "logs"),
            "server.directories.run": str(self.home / "run"),
            "server.directories.import": str(self.home / "import"),
            "server.directories.plugins": str(self.home / "plugins"),
            "db.transaction.timeout": SERVER_TRANSACTION_TIMEOUT,
            "db.memory.transaction.max": _megabytes(int(heap * TRANSACTION_MEMORY_SHARE)),
            "dbms.memory.transaction.total.max": _megabytes(
                int(heap * TOTAL_TRANSACTION_MEMORY_SHARE)
            ),
            "db.index_sampling.update_percentage": str(INDEX_RESAMPLE_PERCENT),
            "dbms.usage_report.enabled": "false",
            **self.extra_settings,
        }
        conf = conf_dir / "neo4j.conf"
        conf.write_text("".join(f"{key}={value}\n" for key, value in settings.items()))
        return conf_dir

    @staticmethod
    def _make_private(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(PRIVATE_DIR)

    # -- the password ---------------------------------------------------------------------------

    def password(self) -> str | None:
        try:
            return self.password_file.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def _new_password(self) -> str:
        # The admin tool would read a leading '-' as an option: the password starts with a letter.
        password = "n" + secrets.token_urlsafe(24)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        descriptor = os.open(self.password_file, flags, PRIVATE_FILE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")
        self.password_file.chmod(PRIVATE_FILE)
        return password

    def _prepare_password(self, lib_dir: Path, conf_dir: Path) -> str | None:
        """Before a start: a new store gets a generated password; returns the password a store
        from before authentication still has to be given once it runs (else None)."""
        if self.password() is not None:
            return None
        store_exists = (self.home / "data" / "dbms").exists()
        password = self._new_password()
        if store_exists:
            return password
        command = [
            "java", "-cp", f"{lib_dir}/*", ADMIN_TOOL, "dbms", "set-initial-password", password,
        ]  # fmt: skip
        environment = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(conf_dir)}
        result = subprocess.run(
            command, capture_output=True, text=True, env=environment, check=False,
            preexec_fn=_private_files,
        )  # fmt: skip
        if result.returncode != 0:
            self.password_file.unlink(missing_ok=True)
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-10:])
            raise LocalNeo4jError(f"could not set the local Neo4j's password:\n{tail}")
        return None

    def _adopt_password(self, password: str) -> None:
        """A store made while authentication was off still has the built-in user's password."""
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError

        try:
            with GraphDatabase.driver(self.uri, auth=(USER, DEFAULT_PASSWORD)) as driver:
                driver.execute_query(
                    "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                    {"old": DEFAULT_PASSWORD, "new": password},
                    database_="system",
                )
        except Neo4jError as error:
            self.password_file.unlink(missing_ok=True)
            raise LocalNeo4jError(
                f"the local Neo4j in {self.home} has a password this project did not set "
                f"({error.message}); stop it and remove {self.home} to start afresh"
            ) from error

    def _auth(self) -> tuple[str, str] | None:
        password = self.password()
        return (USER, password) if password is not None else None

    # -- neo4j-admin ----------------------------------------------------------------------------

    @property
    def store_dirs(self) -> tuple[Path, Path]:
        """The default database's store and transaction logs, as neo4j-admin writes them."""
        data = self.home / "data"
        return data / "databases" / "neo4j", data / "transactions" / "neo4j"

    def run_admin(self, arguments: list[str], heap: str = ADMIN_HEAP) -> str:
        """Runs `neo4j-admin ARGUMENTS` (`org.neo4j.cli.AdminTool`, from the jars the server runs
        from) on this home, as the server's files' owner. Commands that write the store, such as
        `database import full`, need the server stopped. Returns what it printed."""
        if self._recorded_pid() is not None:
            raise LocalNeo4jError(f"neo4j-admin needs the local Neo4j in {self.home} stopped")
        lib_dir = self.ensure_artifacts()
        conf_dir = self._write_config()
        command = ["java", f"-Xmx{heap}", "-cp", f"{lib_dir}/*", ADMIN_TOOL, *arguments]
        environment = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(conf_dir)}
        result = subprocess.run(
            command, capture_output=True, text=True, env=environment, check=False,
            cwd=self.home, preexec_fn=_private_files,
        )  # fmt: skip
        output = result.stdout + result.stderr
        if result.returncode != 0:
            tail = "\n".join(output.splitlines()[-20:])
            raise LocalNeo4jError(
                f"neo4j-admin {' '.join(arguments[:3])} failed (exit {result.returncode}):\n{tail}"
            )
        return output

    # -- running --------------------------------------------------------------------------------

    def _recorded_pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if _process_alive(pid) else None

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.home.mkdir(parents=True, exist_ok=True)
        with (self.home / ".lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def start(self, detached: bool = False) -> LocalNeo4jStatus:
        """Starts Neo4j and waits for Bolt, or reuses the one already running on this port.

        Attached (the default), the JVM dies with this process; detached, it outlives it and
        `stop()` (or `civicgraph neo4j stop`) ends it.
        """
        with self._lock():
            pid = self._recorded_pid()
            if pid is not None:
                try:
                    self._wait_for_bolt(pid)
                    return self.status()
                except ServerGone:
                    # the recorded server was stopping (its command ended): start a new one
                    self._wait_for_port(pid)
            if _port_in_use(self.port):
                raise LocalNeo4jError(
                    f"port {self.port} on 127.0.0.1 is already in use by another process; "
                    "stop it, or choose another port with CIVICGRAPH_NEO4J_PORT"
                )
            lib_dir = self.ensure_artifacts()
            conf_dir = self._write_config()
            to_adopt = self._prepare_password(lib_dir, conf_dir)
            self._spawn(lib_dir, conf_dir, detached)
            assert self._process is not None
            try:
                self._wait_for_bolt(self._process.pid, adopting=to_adopt is not None)
                if to_adopt is not None:
                    self._adopt_password(to_adopt)
            except LocalNeo4jError:
                self._terminate(self._process.pid)
                raise
            return self.status()

    def _spawn(self, lib_dir: Path, conf_dir: Path, detached: bool) -> None:
        chooses_gc = any(_GC_OPTION.fullmatch(option) for option in self.jvm_options)
        command = [
            "java", f"-Xms{self.heap}", f"-Xmx{self.heap}",
            *([] if chooses_gc else [DEFAULT_GC]), *NEO4J_JVM_OPTIONS, *self.jvm_options,
            "-Dfile.encoding=UTF-8",
            "-cp", f"{lib_dir}/*", ENTRY_POINT,
            f"--home-dir={self.home}", f"--config-dir={conf_dir}",
        ]  # fmt: skip
        self.logfile.parent.mkdir(parents=True, exist_ok=True)
        with self.logfile.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.home,
                start_new_session=detached,
                preexec_fn=_private_files if detached else _die_with_parent,
            )
        self.pidfile.write_text(str(self._process.pid))

    def _wait_for_bolt(self, pid: int, adopting: bool = False) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise LocalNeo4jError(
                    f"Neo4j exited with code {self._process.returncode} before Bolt answered "
                    f"on {self.uri}. Last lines of {self.logfile}:\n{self.log_tail()}"
                )
            if not _process_alive(pid):
                raise ServerGone(f"Neo4j (pid {pid}) is no longer running:\n{self.log_tail()}")
            if _port_in_use(self.port) and self._bolt_answers(adopting):
                return
            time.sleep(0.25)
        raise LocalNeo4jError(
            f"Neo4j did not answer on {self.uri} within {START_TIMEOUT_S:.0f}s. "
            f"Last lines of {self.logfile}:\n{self.log_tail()}"
        )

    def _wait_for_port(self, pid: int) -> None:
        """Waits for a server that has just exited to let go of its port."""
        self.pidfile.unlink(missing_ok=True)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while _port_in_use(self.port) and time.monotonic() < deadline:
            time.sleep(0.1)

    def _bolt_answers(self, adopting: bool = False) -> bool:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

        auth = (USER, DEFAULT_PASSWORD) if adopting else self._auth()
        try:
            with GraphDatabase.driver(self.uri, auth=auth) as driver:
                driver.verify_connectivity()
        except AuthError:
            return True  # it answers; the credentials are another matter
        except (ServiceUnavailable, Neo4jError, OSError):
            return False
        return True

    def server_version(self) -> str | None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            with GraphDatabase.driver(self.uri, auth=self._auth()) as driver:
                records, _, _ = driver.execute_query(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS version"
                )
                return str(records[0]["version"])
        except (ServiceUnavailable, Neo4jError, OSError):
            return None

    def log_tail(self, lines: int = 20) -> str:
        sources = [self.logfile, self.home / "logs" / "neo4j.log"]
        tails = []
        for source in sources:
            if source.exists():
                text = source.read_text(errors="replace").splitlines()[-lines:]
                tails.append(f"--- {source.name}\n" + "\n".join(text))
        return "\n".join(tails) or "(no log written)"

    def status(self) -> LocalNeo4jStatus:
        pid = self._recorded_pid()
        running = pid is not None and self._bolt_answers()
        version = (self.server_version() if running else None) or self.version
        return LocalNeo4jStatus(
            running, self.uri, version, pid, str(self.home), USER, str(self.password_file)
        )

    def stop(self) -> bool:
        """Stops the server this home recorded; returns whether one was running."""
        with self._lock():
            pid = self._recorded_pid()
            if pid is None:
                self.pidfile.unlink(missing_ok=True)
                return False
            self._terminate(pid)
            return True

    def _terminate(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process is not None and self._process.pid == pid:
                if self._process.poll() is not None:
                    break
            elif not _process_alive(pid):
                break
            time.sleep(0.1)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            if self._process is not None and self._process.pid == pid:
                self._process.wait(timeout=10)
        self.pidfile.unlink(missing_ok=True)
