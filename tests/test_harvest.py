"""Harvesting ModernGov web services, against a local server that replays recorded answers.

The server (standard library, 127.0.0.1, a free port, in a thread) answers each path with the
recorded XML, or with a failure it is told to give: a 503 before succeeding, a hang longer than
the client's timeout, an HTML redirect page with a 200, a 404, broken XML. No test reaches the
internet: every request the harvester makes goes through a guard that refuses any other host.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.db import Database
from graph.settings import Settings, get_settings
from loaders.harvest.client import USER_AGENT, Politeness
from loaders.harvest.moderngov import CouncilHarvest
from loaders.harvest.run import HarvestOptions, harvest_councils, load_harvest
from loaders.harvest.store import Written, read_sidecar
from loaders.load import load
from loaders.writer import LoadSummary

FIXTURES = Path(__file__).parent / "fixtures"
RECORDED = FIXTURES / "harvest"
MANCHESTER = FIXTURES / "formats" / "moderngov"
VOCABULARY = Path(__file__).resolve().parents[1] / "data" / "vocabulary"
COUNCILLORS = (RECORDED / "kingston.gov.uk-councillors-by-ward.xml").read_bytes()
COMMITTEES = (MANCHESTER / "committees.xml").read_bytes()
MEETINGS = (MANCHESTER / "meetings.xml").read_bytes()
MEETING = (MANCHESTER / "meeting_with_minutes.xml").read_bytes()
HTML_PAGE = (RECORDED / "redirect_page.html").read_bytes()
XML = "text/xml; charset=utf-8"
SERVICE = "/mg/mgWebService.asmx"
QUICK = Politeness(delay=0.0, timeout=2.0, attempts=3, backoff=0.05)


@dataclass(frozen=True)
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = XML
    headers: tuple[tuple[str, str], ...] = ()
    hang: float = 0.0  # seconds to wait before answering


@dataclass
class Replay:
    """What the server answers per path (a queue: the last reply repeats) and what it was asked."""

    replies: dict[str, list[Reply]] = field(default_factory=dict)
    asked: list[tuple[float, str, str]] = field(default_factory=list)  # time, path, user agent

    def answer(self, call: str, *replies: Reply) -> None:
        self.replies[f"{SERVICE}/{call}"] = list(replies)

    def next_reply(self, path: str) -> Reply:
        queue = self.replies.get(path) or self.replies.get(path.split("?", 1)[0])
        if not queue:
            return Reply(b"no such page", 404, "text/plain")
        return queue.pop(0) if len(queue) > 1 else queue[0]

    def times(self, call: str) -> list[float]:
        return [when for when, path, _ in self.asked if path.startswith(f"{SERVICE}/{call}")]

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.asked]


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            replay.asked.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
            reply = replay.next_reply(self.path)
            if reply.hang:
                time.sleep(reply.hang)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting, as it should

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


Serve = Callable[[Replay], str]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Starts a replay server per call, returning its base URL; stops them after the test."""
    servers: list[ThreadingHTTPServer] = []

    def start(replay: Replay) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/mg"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any request to a host other than 127.0.0.1 fails the test."""
    original = httpx.AsyncHTTPTransport.handle_async_request

    async def guarded(
        transport: httpx.AsyncHTTPTransport, request: httpx.Request
    ) -> httpx.Response:
        assert request.url.host == "127.0.0.1", f"a test tried to reach {request.url}"
        return await original(transport, request)

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", guarded)


def council_replay() -> Replay:
    replay = Replay()
    replay.answer("GetCouncillorsByWard", Reply(COUNCILLORS))
    replay.answer("GetCommittees", Reply(COMMITTEES))
    return replay


async def harvest_one(base_url: str, out: Path, **options: Any) -> CouncilHarvest:
    settings = replace(HarvestOptions(out=out, politeness=QUICK), **options)
    [result] = await harvest_councils([base_url], settings)
    return result


async def load_paths(db: Database, paths: list[Path]) -> LoadSummary:
    summary = (await load(db, paths)).summary
    assert summary is not None
    return summary


async def councillors_in_graph(db: Database) -> int:
    records, _, _ = await db.read(
        "MATCH (p:Person)-[m:MEMBER_OF {role: 'councillor'}]->(:Body) RETURN count(DISTINCT p) AS n"
    )
    count: int = records[0]["n"]
    return count


async def test_answers_are_kept_with_sidecars_and_load_the_councillors(
    db: Database, serve: Serve, tmp_path: Path
) -> None:
    replay = council_replay()
    base_url = serve(replay)
    await load_paths(db, [VOCABULARY])

    harvest = await harvest_one(base_url, tmp_path)

    assert harvest.errors == []
    assert [o.written for o in harvest.outcomes] == [Written.NEW, Written.NEW]
    councillors_file = harvest.files[0]
    assert councillors_file.parent == tmp_path / harvest.host.replace(":", "-")
    assert councillors_file.read_bytes() == COUNCILLORS
    sidecar = read_sidecar(councillors_file)
    assert sidecar is not None
    assert sidecar.url == f"{base_url}/mgWebService.asmx/GetCouncillorsByWard"
    assert sidecar.status == 200
    assert sidecar.sha256 == hashlib.sha256(COUNCILLORS).hexdigest()
    assert sidecar.retrieved.tzinfo is not None
    assert {agent for _, _, agent in replay.asked} == {USER_AGENT}

    report = await load_harvest(db, harvest)
    assert report.load_error is None
    assert report.loaded is not None and report.loaded.changed
    assert await councillors_in_graph(db) == COUNCILLORS.count(b"<councillor>") == 48
    records, _, _ = await db.read(
        "MATCH (d:Document) WHERE d.url ENDS WITH '/GetCouncillorsByWard' RETURN d.url AS url, "
        "toString(d.date) AS date, d.title AS title"
    )
    assert [r["url"] for r in records] == [sidecar.url]
    assert records[0]["date"] == sidecar.retrieved.date().isoformat()
    assert sidecar.retrieved.strftime("%Y-%m-%dT%H:%M:%SZ") in records[0]["title"]

    # The kept folder (answers and sidecars) loads again as any folder does: nothing new.
    folder = await load_paths(db, [tmp_path])
    assert folder.sources == 2 and not folder.changed


async def test_a_second_harvest_of_the_same_answers_changes_nothing(
    db: Database, serve: Serve, tmp_path: Path
) -> None:
    replay = council_replay()
    base_url = serve(replay)
    await load_paths(db, [VOCABULARY])
    first = await load_harvest(db, await harvest_one(base_url, tmp_path))
    assert first.loaded is not None and first.loaded.changed
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}

    again = await harvest_one(base_url, tmp_path)
    second = await load_harvest(db, again)

    assert [o.written for o in again.outcomes] == [Written.UNCHANGED, Written.UNCHANGED]
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == stamps
    assert second.loaded is not None and not second.loaded.changed
    every = [*second.loaded.nodes.values(), *second.loaded.relationships.values()]
    assert sum(c.created + c.updated + c.deleted for c in every) == 0

    # One answer changes: only its file is rewritten.
    replay.answer("GetCommittees", Reply(COMMITTEES.replace(b"Art Galleries", b"Galleries")))
    third = await harvest_one(base_url, tmp_path)
    assert [o.written for o in third.outcomes] == [Written.UNCHANGED, Written.CHANGED]
    report = await load_harvest(db, third)
    assert report.load_error is None and report.loaded is not None and report.loaded.changed


async def test_an_html_page_is_a_clear_error_and_the_other_calls_go_on(
    serve: Serve, tmp_path: Path
) -> None:
    replay = council_replay()
    replay.answer("GetCouncillorsByWard", Reply(HTML_PAGE, 200, "text/html; charset=utf-8"))
    base_url = serve(replay)

    harvest = await harvest_one(base_url, tmp_path)

    [error] = harvest.errors
    url = f"{base_url}/mgWebService.asmx/GetCouncillorsByWard"
    assert error.startswith(f"{harvest.host}: GetCouncillorsByWard at {url}")
    assert "HTML page, not XML" in error
    assert "HTTP 200, text/html; charset=utf-8" in error
    assert "Object moved" in error and "<" not in error.split("HTTP 200")[1]
    assert [o.call for o in harvest.outcomes if o.file] == ["GetCommittees"]
    assert not list(tmp_path.rglob("*GetCouncillorsByWard*"))
    assert len(replay.times("GetCouncillorsByWard")) == 1  # a page is not retried


@pytest.mark.parametrize(
    ("reply", "message", "tries"),
    [
        (Reply(b"Not Found", 404, "text/plain"), "HTTP 404, text/plain: 'Not Found'", 1),
        (Reply(b"<councillorsbyward><ward>", 200), "not well-formed XML", 1),
        (Reply(b"<getmeetings/>", 200), "answered <getmeetings>, expected <councillorsbyward>", 1),
        (Reply(COUNCILLORS, hang=1.5), "no answer within 0.3s (gave up after 2 attempts)", 2),
        (Reply(b"busy", 503, "text/plain"), "HTTP 503, text/plain: 'busy' (gave up after 2", 2),
    ],
    ids=["404", "broken-xml", "wrong-root", "timeout", "always-503"],
)
async def test_a_failed_call_names_the_url_and_what_came_back(
    serve: Serve, tmp_path: Path, reply: Reply, message: str, tries: int
) -> None:
    replay = council_replay()
    replay.answer("GetCouncillorsByWard", reply)
    base_url = serve(replay)
    politeness = Politeness(delay=0.0, timeout=0.3, attempts=2, backoff=0.01)

    harvest = await harvest_one(base_url, tmp_path, politeness=politeness)

    [error] = harvest.errors
    assert f"{base_url}/mgWebService.asmx/GetCouncillorsByWard" in error
    assert message in error
    assert len(replay.times("GetCouncillorsByWard")) == tries
    assert [o.call for o in harvest.outcomes if o.file] == ["GetCommittees"]


async def test_a_site_that_does_not_answer_is_given_up_after_its_first_call(
    tmp_path: Path,
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    politeness = Politeness(delay=0.0, timeout=1.0, attempts=2, backoff=0.01)

    harvest = await harvest_one(f"http://127.0.0.1:{port}", tmp_path, politeness=politeness)

    [error] = harvest.errors
    assert error.startswith(f"127.0.0.1:{port}: GetCouncillorsByWard: http://127.0.0.1:{port}/")
    assert "could not connect" in error and "gave up after 2 attempts" in error
    assert [o.call for o in harvest.outcomes] == ["GetCouncillorsByWard"]
    assert harvest.notes == ["the site did not answer; its other calls were skipped"]


async def test_a_503_is_retried_after_a_backoff_then_succeeds(serve: Serve, tmp_path: Path) -> None:
    replay = council_replay()
    replay.answer(
        "GetCouncillorsByWard",
        Reply(b"busy", 503, "text/plain"),
        Reply(b"busy", 503, "text/plain"),
        Reply(COUNCILLORS),
    )
    base_url = serve(replay)
    politeness = Politeness(delay=0.0, timeout=2.0, attempts=3, backoff=0.2)

    harvest = await harvest_one(base_url, tmp_path, politeness=politeness)

    assert harvest.errors == []
    first, second, third = replay.times("GetCouncillorsByWard")
    assert second - first >= 0.2  # the backoff
    assert third - second >= 0.4  # doubled
    assert harvest.files[0].read_bytes() == COUNCILLORS


async def test_retry_after_is_respected_and_calls_are_spaced_by_the_delay(
    serve: Serve, tmp_path: Path
) -> None:
    replay = council_replay()
    replay.answer(
        "GetCouncillorsByWard",
        Reply(b"slow down", 429, "text/plain", headers=(("Retry-After", "1"),)),
        Reply(COUNCILLORS),
    )
    base_url = serve(replay)
    politeness = Politeness(delay=0.3, timeout=2.0, attempts=2, backoff=0.01)

    harvest = await harvest_one(base_url, tmp_path, politeness=politeness)

    assert harvest.errors == []
    first, second = replay.times("GetCouncillorsByWard")
    assert second - first >= 0.95
    [committees] = replay.times("GetCommittees")
    assert committees - second >= 0.25


async def test_meetings_are_asked_for_only_since_a_date_and_for_current_committees(
    db: Database, serve: Serve, tmp_path: Path
) -> None:
    replay = council_replay()
    replay.answer("GetMeetings", Reply(MEETINGS))
    replay.answer("GetMeeting", Reply(MEETING))
    base_url = serve(replay)
    await load_paths(db, [VOCABULARY])

    no_meetings = await harvest_one(base_url, tmp_path)
    assert [o.call for o in no_meetings.outcomes] == ["GetCouncillorsByWard", "GetCommittees"]
    harvest = await harvest_one(
        base_url, tmp_path, meetings_since=dt.date(2026, 1, 1), max_meetings=1
    )

    assert harvest.errors == []
    asked = [p.split("mgWebService.asmx/", 1)[1] for p in replay.paths()[4:]]
    end = dt.date.today().strftime("%d%%2F%m%%2F%Y")
    assert asked == [
        f"GetMeetings?lCommitteeId=163&sStartDate=01%2F01%2F2026&sEndDate={end}",
        f"GetMeetings?lCommitteeId=144&sStartDate=01%2F01%2F2026&sEndDate={end}",
        "GetMeeting?lMeetingId=4966",
    ]  # 312 has expired; one meeting at most was asked for
    assert harvest.notes == ["2 meetings since 2026-01-01; only the first 1 were asked for"]
    names = sorted(p.name for p in tmp_path.rglob("*.xml"))
    assert [n.split("-", 2)[-1] for n in names] == [
        "GetCommittees.xml",
        "GetCouncillorsByWard.xml",
        "GetMeeting-4966.xml",
        "GetMeetings-144.xml",
        "GetMeetings-163.xml",
    ]
    report = await load_harvest(db, harvest)
    assert report.load_error is None
    records, _, _ = await db.read(
        "MATCH (:Person)-[m:MEMBER_OF]->(c:Committee {name: 'Audit Committee'}) "
        "RETURN count(m) AS n"
    )
    assert records[0]["n"] > 0


def test_the_command_harvests_a_list_with_a_summary_per_council(
    serve: Serve, tmp_path: Path
) -> None:
    good = serve(council_replay())
    broken = Replay()
    broken.answer("GetCouncillorsByWard", Reply(HTML_PAGE, 200, "text/html"))
    broken.answer("GetCommittees", Reply(HTML_PAGE, 200, "text/html"))
    bad = serve(broken)
    listing = tmp_path / "councils.txt"
    listing.write_text(f"# councils\n{good}\n\n{bad}  # redirects to its home page\n")
    out = tmp_path / "harvest"

    args = ["moderngov", "--list", str(listing), "--out", str(out), "--delay", "0", "--no-load"]

    result = CliRunner().invoke(app, ["harvest", *args], env={"COLUMNS": "200"})

    assert result.exit_code == 1, result.output
    output = " ".join(result.output.replace("│", " ").split())
    assert "Harvested 2 council(s)" in output
    good_host, bad_host = (url.split("/")[2] for url in (good, bad))
    assert f"{good_host} 2 2 0 0 not loaded" in output
    assert f"{bad_host} 2 0 0 2 not loaded" in output
    assert f"error: {bad_host}: GetCommittees at {bad}/mgWebService.asmx/GetCommittees" in output
    assert "Traceback" not in result.output
    sidecars = sorted(out.rglob("*.json"))
    assert [json.loads(p.read_text())["call"] for p in sidecars] == [
        "GetCommittees",
        "GetCouncillorsByWard",
    ]


async def test_the_command_loads_and_a_second_run_loads_nothing_new(
    db: Database,
    serve: Serve,
    tmp_path: Path,
    test_settings: Settings,
    neo4j_uri: str,
    neo4j_password: str,
) -> None:
    base_url = serve(council_replay())
    await load_paths(db, [VOCABULARY])
    env = {
        "NEO4J_URI": neo4j_uri,
        "NEO4J_USER": test_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_password,
        "NEO4J_DATABASE": test_settings.neo4j_database,
        "COLUMNS": "200",
    }
    args = ["harvest", "moderngov", base_url, "--out", str(tmp_path), "--delay", "0"]

    def run() -> str:
        get_settings.cache_clear()
        try:
            result = CliRunner().invoke(app, args, env=env)
        finally:
            get_settings.cache_clear()
        assert result.exit_code == 0, result.output
        return " ".join(result.output.replace("│", " ").split())

    first = await asyncio.to_thread(run)
    host = base_url.split("/")[2]
    assert re.search(rf"{re.escape(host)} 2 2 0 0 [1-9]\d* created, 0 updated", first), first
    assert await councillors_in_graph(db) == 48
    second = await asyncio.to_thread(run)
    assert f"{host} 2 0 2 0 nothing new" in second, second


def test_the_command_wants_a_url_or_a_list() -> None:
    result = CliRunner().invoke(app, ["harvest", "moderngov"])
    assert result.exit_code == 2
    assert "give either a BASE_URL or --list FILE" in " ".join(result.output.split())
