"""The project's own local Neo4j: Neo4j Community from Maven Central, run as a child process.

We run the server entry point (`org.neo4j.server.CommunityEntryPoint`) rather than the embedded API:
it is the very process the packaged `neo4j console` starts, configured by an ordinary `neo4j.conf`
with the same settings users know, and it needs no Java code of ours to compile or keep in step with
Neo4j's embedded API.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import LocalNeo4jError
from graph.settings import Settings

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
RUNTIME_POM = Path(__file__).with_name("neo4j_runtime.xml")
PR_SET_PDEATHSIG = 1
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class LocalNeo4jStatus:
    running: bool
    uri: str
    version: str
    pid: int | None
    home: str

    def as_json(self) -> str:
        return json.dumps(self.__dict__)


def _die_with_parent() -> None:
    """Runs in the child before exec: the kernel sends SIGTERM to the JVM when its parent dies."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


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

    def __init__(self, settings: Settings, port: int | None = None, state_dir: Path | None = None):
        self.version = settings.local_neo4j_version
        self.port = port if port is not None else settings.local_neo4j_port
        self.heap = settings.local_neo4j_heap
        self.pagecache = settings.local_neo4j_pagecache
        self.lib_dir = settings.cache_dir / f"neo4j-{self.version}" / "lib"
        self.home = (state_dir or settings.state_dir) / f"neo4j-{self.port}"
        self.pidfile = self.home / "neo4j.pid"
        self.logfile = self.home / "logs" / "console.log"
        self._process: subprocess.Popen[bytes] | None = None

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
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        # Authentication is off: the server listens on loopback only and is a development database.
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "false",
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "server.memory.pagecache.size": self.pagecache,
            "server.directories.data": str(self.home / "data"),
            "server.directories.logs": str(self.home / "logs"),
            "server.directories.run": str(self.home / "run"),
            "server.directories.import": str(self.home / "import"),
            "server.directories.plugins": str(self.home / "plugins"),
            "db.transaction.timeout": "0s",
            "dbms.usage_report.enabled": "false",
        }
        conf = conf_dir / "neo4j.conf"
        conf.write_text("".join(f"{key}={value}\n" for key, value in settings.items()))
        return conf_dir

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
                self._wait_for_bolt(pid)
                return self.status()
            if _port_in_use(self.port):
                raise LocalNeo4jError(
                    f"port {self.port} on 127.0.0.1 is already in use by another process; "
                    "stop it, or choose another port with CIVICGRAPH_NEO4J_PORT"
                )
            lib_dir = self.ensure_artifacts()
            conf_dir = self._write_config()
            self._spawn(lib_dir, conf_dir, detached)
            assert self._process is not None
            try:
                self._wait_for_bolt(self._process.pid)
            except LocalNeo4jError:
                self._terminate(self._process.pid)
                raise
            return self.status()

    def _spawn(self, lib_dir: Path, conf_dir: Path, detached: bool) -> None:
        command = [
            "java", f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
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
                preexec_fn=None if detached else _die_with_parent,
            )
        self.pidfile.write_text(str(self._process.pid))

    def _wait_for_bolt(self, pid: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise LocalNeo4jError(
                    f"Neo4j exited with code {self._process.returncode} before Bolt answered "
                    f"on {self.uri}. Last lines of {self.logfile}:\n{self.log_tail()}"
                )
            if not _process_alive(pid):
                raise LocalNeo4jError(f"Neo4j (pid {pid}) is no longer running:\n{self.log_tail()}")
            if _port_in_use(self.port) and self._bolt_answers():
                return
            time.sleep(0.25)
        raise LocalNeo4jError(
            f"Neo4j did not answer on {self.uri} within {START_TIMEOUT_S:.0f}s. "
            f"Last lines of {self.logfile}:\n{self.log_tail()}"
        )

    def _bolt_answers(self) -> bool:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            with GraphDatabase.driver(self.uri, auth=None) as driver:
                driver.verify_connectivity()
        except (ServiceUnavailable, Neo4jError, OSError):
            return False
        return True

    def server_version(self) -> str | None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            with GraphDatabase.driver(self.uri, auth=None) as driver:
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
        return LocalNeo4jStatus(running, self.uri, version, pid, str(self.home))

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
