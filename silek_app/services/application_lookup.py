"""Finding an application by the registration number a user typed or a URL carried."""

from __future__ import annotations

from sqlmodel import Session, select

from silek_app.domain.numbering import parse_reference
from silek_app.models import Application


def by_reference(s: Session, reference: str | None, *, lock: bool = False) -> Application | None:
    """The application numbered `reference` (spaces and case forgiven), or None.

    A malformed number is None without a query. Who may see the application is the
    caller's rule; callers answer "not found" for someone else's, as for a missing one.
    """
    if parse_reference(reference) is None:
        return None
    query = select(Application).where(Application.reference_number == reference.strip().upper())
    return s.exec(query.with_for_update() if lock else query).first()
