"""What the browser tests need: Debian's Chromium, a real API server on a free port, and pages.

Chromium is Debian's package at /usr/bin/chromium (`make test` installs it when run as root); no
browser is ever downloaded. Where it is missing the browser tests skip and say why; under CI
(`CI=true`) a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import uvicorn

from api.app import create_app
from graph.settings import Settings
from tests.conftest import free_port

if TYPE_CHECKING:
    from playwright.async_api import Browser, ConsoleMessage, Page

CHROMIUM = Path(os.environ.get("CIVICGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def require_browser() -> None:
    """Skips (or under CI fails) with a plain reason when the browser tests cannot run here."""
    problems = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        problems.append(
            f"Chromium is not installed at {CHROMIUM} (as root: apt-get install -y chromium, "
            "which `make test` does when it can)"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        problems.append("the playwright package is missing (pip install -e '.[dev]')")
    if not problems:
        return
    reason = "browser tests of the map cannot run: " + "; ".join(problems)
    if os.environ.get("CI") == "true":
        pytest.fail(reason + ". Under CI they must run.")
    pytest.skip(reason)


@dataclass
class ApiServer:
    base_url: str
    server: uvicorn.Server
    thread: threading.Thread


def start_api_server(settings: Settings, neo4j_uri: str) -> ApiServer:
    """The real app under uvicorn, on its own thread and event loop, on a free local port."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, neo4j_uri), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="map-api-server", daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.started:
            with httpx.Client() as client:
                if client.get(f"{base_url}/health").status_code == 200:
                    return ApiServer(base_url, server, thread)
        time.sleep(0.1)
    server.should_exit = True
    raise RuntimeError(f"the API did not start on {base_url} within 30 s")


def stop_api_server(api: ApiServer) -> None:
    api.server.should_exit = True
    api.thread.join(timeout=10)


@pytest.fixture(scope="session")
def map_api(test_settings: Settings, neo4j_uri: str) -> Iterator[ApiServer]:
    api = start_api_server(test_settings, neo4j_uri)
    yield api
    stop_api_server(api)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    require_browser()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        # Playwright gives each launch a fresh temporary profile (the --user-data-dir).
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()


@dataclass
class PageLog:
    """What the page said on its console and which requests it made, to check after a test."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@dataclass
class MapPage:
    page: Page
    log: PageLog
    base_url: str


@pytest.fixture
async def map_page(browser: Browser, map_api: ApiServer) -> AsyncIterator[MapPage]:
    context = await browser.new_context(
        accept_downloads=True, viewport={"width": 1400, "height": 900}
    )
    page = await context.new_page()
    log = PageLog()
    page.on("console", log.on_console)
    page.on("pageerror", lambda error: log.errors.append(str(error)))
    page.on("request", lambda request: log.requests.append(request.url))
    try:
        yield MapPage(page, log, map_api.base_url)
    finally:
        await context.close()


async def wait_until_ready(page: Page, timeout_ms: float = 20_000) -> None:
    """Waits for the map to settle; fails with the page's own status line when it errs."""
    await page.wait_for_function(
        "() => ['ready', 'error'].includes(document.body.dataset.state)", timeout=timeout_ms
    )
    state = await page.evaluate("document.body.dataset.state")
    if state != "ready":
        status = await page.text_content("#status")
        raise AssertionError(f"the map reports an error: {status}")


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
