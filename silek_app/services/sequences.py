"""Gap-free counters kept in the database (reference numbers, permit numbers).

The counter row is locked for the rest of the caller's transaction, so a number is
only ever used by the transaction that commits it: a rollback gives it back.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from silek_app.models import NumberSequence


def next_value(s: Session, scope: str) -> int:
    query = select(NumberSequence).where(NumberSequence.scope == scope).with_for_update()
    row = s.exec(query).first()
    if row is None:
        try:
            with s.begin_nested():
                s.add(NumberSequence(scope=scope, last_value=1))
            return 1
        except IntegrityError:
            # Another transaction created the counter first; use its row.
            row = s.exec(query).one()
    row.last_value += 1
    s.add(row)
    s.flush()
    return row.last_value
