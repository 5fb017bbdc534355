"""A minimal Reflex 0.10 socket client for crafted-event tests and load benches.

Speaks Engine.IO v4 / Socket.IO v5 text frames on the `/_event` namespace, the same
wire protocol the browser uses, so a test can send any event name and payload a
hostile client could.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass, field

import websockets

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"


@dataclass
class Frame:
    delta: dict = field(default_factory=dict)
    events: list = field(default_factory=list)


class SocketClient:
    def __init__(self, http_base: str, pathname: str = "/", token: str | None = None):
        self.ws_base = http_base.replace("http://", "ws://").replace("https://", "wss://")
        self.token = token or str(uuid.uuid4())
        self.pathname = pathname
        self.frames: asyncio.Queue[Frame] = asyncio.Queue()
        self._reader: asyncio.Task | None = None

    def _router(self, query: dict | None = None) -> dict:
        return {"pathname": self.pathname, "query": query or {}, "asPath": self.pathname}

    async def connect(self, storage: dict | None = None, origin: str | None = None):
        url = f"{self.ws_base}/_event/?EIO=4&transport=websocket&token={self.token}"
        headers = {"Origin": origin} if origin else None
        self.ws = await websockets.connect(url, additional_headers=headers, max_size=None)
        opening = await self.ws.recv()
        if not opening.startswith("0"):
            raise ConnectionError(opening)
        boot = {
            "name": f"{ROOT_STATE}.hydrate_and_load",
            "payload": {"vars": storage} if storage else {},
            "router_data": self._router(),
        }
        await self.ws.send(f"40{NAMESPACE}," + json.dumps({"event": boot}))
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self):
        async for message in self.ws:
            if message == "2":
                await self.ws.send("3")
            elif message.startswith(f"42{NAMESPACE},"):
                kind, data = json.loads(message[len(NAMESPACE) + 3 :])
                if kind == "event":
                    await self.frames.put(Frame(data.get("delta") or {}, data.get("events") or []))

    async def emit(self, handler: str, payload: dict | None = None, query: dict | None = None):
        event = {"name": handler, "payload": payload or {}, "router_data": self._router(query)}
        await self.ws.send(f"42{NAMESPACE}," + json.dumps(["event", event]))

    async def collect(self, seconds: float = 2.0) -> list[Frame]:
        """Every frame that arrives within `seconds`."""
        out: list[Frame] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while (left := deadline - loop.time()) > 0:
            try:
                out.append(await asyncio.wait_for(self.frames.get(), left))
            except TimeoutError:
                break
        return out

    async def close(self):
        if self._reader:
            self._reader.cancel()
        await self.ws.close()


def merged_delta(frames: list[Frame]) -> dict:
    """All var updates of the frames, as {state_name: {var: value}} (suffix stripped)."""
    out: dict[str, dict] = {}
    for frame in frames:
        for state, values in frame.delta.items():
            for key, value in values.items():
                out.setdefault(state, {})[key.removesuffix("_rx_state_")] = value
    return out


def redirects(frames: list[Frame]) -> list[str]:
    """Paths the server told the browser to navigate to (`rx.redirect`)."""
    return [
        str(ev.get("payload", {}).get("path", ""))
        for frame in frames
        for ev in frame.events
        if isinstance(ev, dict) and ev.get("name") == "_redirect"
    ]
