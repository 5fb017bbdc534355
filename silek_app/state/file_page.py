"""What the two pages of one application file share: the applicant's
/permohonan/[nomor] (state/application_detail.py) and the officer's
/petugas/permohonan/[nomor] (state/officer_file.py)."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import messages
from silek_app.services.errors import ServiceError


def route_reference(state: rx.State) -> str:
    """The [nomor] of the URL, cut to the longest registration number, upper case."""
    return str(state.router.page.params.get("nomor", ""))[:24].upper()


async def mark_messages_read(token: str, reference: str) -> None:
    """Mark the other side's messages read, as the page has just shown them.

    Best effort: a refusal here (an expired session, a number that is not theirs)
    is already shown by the page's own load, so it is not repeated.
    """
    try:
        await asyncio.to_thread(messages.mark_read, token, reference)
    except ServiceError:
        pass
