"""A polite HTTP client: a delay between calls, retries with backoff, a timeout per call."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import re
from dataclasses import dataclass

import httpx

from graph.errors import CivicGraphError

USER_AGENT = "civicgraph-harvester/0.1 (+https://github.com/civicgraph/civicgraph)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # seconds; a longer wait asked by a server is cut to this
_TAGS = re.compile(r"<[^>]*>")
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


class HarvestError(CivicGraphError):
    """A call that gave no usable answer: what was asked and what came back."""

    status = 502


class SiteUnreachable(HarvestError):
    """No attempt reached the site at all (no connection, or no answer in time)."""


@dataclass(frozen=True)
class Politeness:
    delay: float = 1.0  # seconds between two calls to the same client
    timeout: float = 30.0  # seconds per attempt
    attempts: int = 4  # first try included
    backoff: float = 2.0  # seconds before the first retry, doubled each time


@dataclass(frozen=True)
class Answer:
    url: str
    status: int
    content_type: str
    body: bytes
    retrieved_at: dt.datetime  # UTC

    def describe(self) -> str:
        """Status, content type and the first words, for error messages."""
        kind = self.content_type or "no content type"
        return f"HTTP {self.status}, {kind}: {first_words(self.body)!r}"


@dataclass(frozen=True)
class _Failure:
    """An attempt worth retrying: why it failed, and how long the server asked us to wait."""

    reason: str
    retry_after: float | None = None
    connected: bool = True


def first_words(body: bytes, count: int = 15) -> str:
    text = body[:4096].decode("utf-8", errors="replace")
    words = _TAGS.sub(" ", _SCRIPTS.sub(" ", text)).split()
    return " ".join(words[:count]) or "(empty)"


def retry_after(response: httpx.Response) -> float | None:
    """The wait a 429/503 asks for, in seconds (a number or an HTTP date), if any."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - dt.datetime.now(dt.UTC)).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


class PoliteClient:
    """One council's calls go through one of these, one at a time."""

    def __init__(
        self, politeness: Politeness, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.politeness = politeness
        self._http = httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT, "Accept": "text/xml, application/xml"},
            timeout=politeness.timeout,
            follow_redirects=True,
            transport=transport,
        )
        self._last_call: float | None = None

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self._http.aclose()

    async def _wait_turn(self) -> None:
        loop = asyncio.get_running_loop()
        if self._last_call is not None:
            remaining = self._last_call + self.politeness.delay - loop.time()
            if remaining > 0:
                await asyncio.sleep(remaining)
        self._last_call = loop.time()

    async def get(self, url: str) -> Answer:
        """The answer to a GET, retried on connection errors, timeouts, 5xx and 429.

        Raises HarvestError when every attempt failed or the answer is an error (4xx);
        SiteUnreachable when no attempt could even connect.
        """
        wait = self.politeness.backoff
        attempts = max(1, self.politeness.attempts)
        connected = False
        for attempt in range(1, attempts + 1):
            await self._wait_turn()
            outcome = await self._attempt(url)
            if isinstance(outcome, Answer):
                return outcome
            connected = connected or outcome.connected
            if attempt == attempts:
                detail = f"{url}: {outcome.reason} (gave up after {attempts} attempts)"
                raise HarvestError(detail) if connected else SiteUnreachable(detail)
            await asyncio.sleep(outcome.retry_after if outcome.retry_after is not None else wait)
            wait *= 2
        raise AssertionError("unreachable")

    async def _attempt(self, url: str) -> Answer | _Failure:
        try:
            response = await self._http.get(url)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            return _Failure(f"could not connect ({type(error).__name__}: {error})", connected=False)
        except httpx.TimeoutException:
            return _Failure(f"no answer within {self.politeness.timeout:g}s")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise HarvestError(f"{url}: not a URL the harvest can fetch ({error})") from error
        except httpx.TransportError as error:
            return _Failure(f"connection failed ({type(error).__name__}: {error})")
        except httpx.HTTPError as error:
            raise HarvestError(f"{url}: {type(error).__name__}: {error}") from error
        answer = Answer(
            url=str(response.url),
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            body=response.content,
            retrieved_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        )
        if response.status_code in RETRY_STATUSES:
            return _Failure(answer.describe(), retry_after(response))
        if response.is_error:
            raise HarvestError(f"{url}: {answer.describe()}")
        return answer
