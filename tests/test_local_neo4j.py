"""The launcher itself: start, readiness, status, a second start, a taken port, stop."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph.errors import LocalNeo4jError
from graph.local_neo4j import INDEX_RESAMPLE_PERCENT, LocalNeo4j, _process_alive
from graph.settings import Settings
from tests.conftest import free_port


@pytest.fixture
def launcher_settings(tmp_path: Path) -> Settings:
    return Settings(CIVICGRAPH_STATE_DIR=tmp_path, CIVICGRAPH_NEO4J_HEAP="256m")


def test_start_status_second_start_and_stop(launcher_settings: Settings) -> None:
    server = LocalNeo4j(launcher_settings, port=free_port())
    assert server.status().running is False
    started = server.start()
    try:
        assert started.running is True
        assert started.version.startswith("5.26.")
        assert started.uri == server.uri
        assert started.pid is not None and _process_alive(started.pid)
        assert json.loads(started.as_json())["uri"].startswith("bolt://127.0.0.1:")

        again = LocalNeo4j(launcher_settings, port=server.port).start()
        assert again.pid == started.pid, "a second start reuses the running server"
        # started as Neo4j's own script starts it: the page cache reaches direct buffers
        debug_log = (server.home / "logs" / "debug.log").read_text(errors="replace")
        assert "Started." in (server.home / "logs" / "neo4j.log").read_text(errors="replace")
        assert "Page cache" in debug_log or "pagecache" in debug_log.lower()
        assert "fallback mode" not in debug_log
    finally:
        assert server.stop() is True
    assert not _process_alive(started.pid)
    assert server.status().running is False
    assert server.stop() is False


def test_settings_and_jvm_options_beyond_the_projects(launcher_settings: Settings) -> None:
    server = LocalNeo4j(
        launcher_settings,
        port=free_port(),
        extra_settings={"db.index_sampling.update_percentage": "30"},
        jvm_options=["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"],
    )
    started = server.start()
    try:
        assert started.pid is not None
        command = Path(f"/proc/{started.pid}/cmdline").read_bytes().split(b"\0")
        assert b"-XX:+UseSerialGC" in command and b"-XX:TieredStopAtLevel=1" in command
        assert b"-XX:+UseG1GC" not in command, "a GC option replaces the default one"
        with GraphDatabase.driver(server.uri, auth=("neo4j", server.password() or "")) as driver:
            records, _, _ = driver.execute_query(
                "SHOW SETTINGS YIELD name, value WHERE name = $name RETURN value",
                {"name": "db.index_sampling.update_percentage"},
            )
        assert records[0]["value"] == "30"
    finally:
        server.stop()
    plain = LocalNeo4j(launcher_settings, port=free_port())
    conf = (plain._write_config() / "neo4j.conf").read_text()
    assert f"db.index_sampling.update_percentage={INDEX_RESAMPLE_PERCENT}\n" in conf


def test_a_server_still_stopping_is_replaced_not_adopted(launcher_settings: Settings) -> None:
    server = LocalNeo4j(launcher_settings, port=free_port())
    # what an earlier command leaves while its server shuts down: a recorded process, alive for
    # a moment longer, that will never answer Bolt
    stopping = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(2)"])
    server.home.mkdir(parents=True, exist_ok=True)
    server.pidfile.write_text(str(stopping.pid))
    try:
        started = server.start()
        assert started.running is True
        assert started.pid is not None and started.pid != stopping.pid
    finally:
        server.stop()
        stopping.wait(timeout=10)


def test_port_already_taken_is_a_clear_error(launcher_settings: Settings) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen(1)
        port = squatter.getsockname()[1]
        with pytest.raises(LocalNeo4jError, match=f"port {port} .* already in use"):
            LocalNeo4j(launcher_settings, port=port).start()


def test_killed_parent_leaves_no_jvm_behind(launcher_settings: Settings, tmp_path: Path) -> None:
    port = free_port()
    script = (
        "import sys, time\n"
        "from graph.local_neo4j import LocalNeo4j\n"
        "from graph.settings import Settings\n"
        f"s = Settings(CIVICGRAPH_STATE_DIR={str(tmp_path)!r}, CIVICGRAPH_NEO4J_HEAP='256m')\n"
        f"st = LocalNeo4j(s, port={port}).start()\n"
        "print(st.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    assert parent.stdout is not None
    jvm_pid = int(parent.stdout.readline())
    assert _process_alive(jvm_pid)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 60
    while _process_alive(jvm_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _process_alive(jvm_pid), "the JVM outlived its killed parent"
