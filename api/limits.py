"""Request bodies are bounded before anything reads them: a body larger than the limit is refused
with 413, whether it says its length (`Content-Length`) or streams it in chunks."""

from __future__ import annotations

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LIMITED_PATHS = ("/graphql", "/cypher")


class BodyTooLarge(Exception):
    pass


class RequestBodyLimit:
    """Pure ASGI middleware (no per-request objects beyond a counter): cheap on every request."""

    def __init__(self, app: ASGIApp, max_bytes: int, paths: tuple[str, ...] = LIMITED_PATHS):
        self.app = app
        self.max_bytes = max_bytes
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.paths):
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._refuse(send, 400, "Content-Length is not a number")
                    return
                if declared > self.max_bytes:
                    await self._refuse(send, 413, self._reason())
                    return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send, 413, self._reason())

    def _reason(self) -> str:
        return (
            f"the request body is larger than {self.max_bytes:,} bytes "
            "(the limit, CIVICGRAPH_REQUEST_MAX_BYTES)"
        )

    @staticmethod
    async def _refuse(send: Send, status: int, detail: str) -> None:
        body = orjson.dumps({"detail": detail})
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
