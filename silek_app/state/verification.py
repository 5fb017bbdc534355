"""/verifikasi/[token]: the public check of a permit's QR code (no login)."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import verification
from silek_app.state.session import SessionState


class VerificationState(SessionState):
    loaded: bool = False
    result: dict[str, str] = {}

    @rx.event
    async def load(self):
        token = str(self.router.page.params.get("token", ""))[:100]
        # Never show the previous permit while the next one is looked up.
        self.loaded, self.result = False, {}
        yield
        # Read on every visit: a revocation shows at once.
        data = await asyncio.to_thread(verification.verify, token)
        self.result = {k: str(v) for k, v in data.items() if k != "valid"} | {
            "valid": "1" if data["valid"] else ""
        }
        self.loaded = True
        await self._refresh_session()
