"""A link that downloads a file from the API without leaving the page."""

from __future__ import annotations

import reflex as rx


def download_link(*children, href, **props) -> rx.Component:
    """Without the download attribute the browser first starts a navigation: Reflex
    closes its socket on beforeunload and, when the answer turns out to be a file,
    reconnects and re-hydrates the page, dropping an open dialog or a live update in
    flight. reload_document keeps the client router from treating the API path as a
    page of the app."""
    props.setdefault("download", True)  # or the file name to save under
    return rx.link(*children, href=href, reload_document=True, **props)
