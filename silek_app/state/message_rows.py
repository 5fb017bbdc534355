"""One message of a file's thread as the live pages hold it.

Both the applicant's ApplicationLive (state/live.py) and the officers'
OfficerFileLive (state/officer_file_live.py) get their threads from
services.messages, whose one builder (`_view`) already decided what each side
may see; this only flattens that view into typed rows.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class MessageRow:
    id: str = ""
    side: str = ""
    sender: str = ""
    role: str = ""
    body: str = ""
    at: str = ""
    read: str = ""
    attachment_url: str = ""


def message_rows(views: list[dict]) -> list[MessageRow]:
    return [
        MessageRow(
            id=m["id"], side=m["sender_side"], sender=m["sender_name"],
            role=m["sender_role_label"], body=m["body"], at=m["sent_at"],
            read="1" if m["read"] else "",
            attachment_url=m["attachment"]["url"] if m["attachment"] else "",
        )
        for m in views
    ]  # fmt: skip
