"""Officers acting on a submitted application (minimal: one action at a time).

Every status change goes through workflow_runner.apply_action, which checks the
officer's role, the current state, the note and the version. On top of that:

* KEMBALIKAN (send back for correction) must say exactly what to fix: at least one
  flag on a requirement document or a form field of this application. The flags
  are kept in form_data["revision"] for the applicant's correction screen.
* Leaving the field visit (TINJAUAN_LAPANGAN) towards approval needs the visit's
  report (BAP), see services/inspections.py.
* A send-back also stores a snapshot of the file (field values, the document per
  requirement) so officers see only what changed on the resubmission.
* A transition into TERBIT (TANDATANGANI) issues the permit in the same
  transaction, so there is never a TERBIT application without its permit.
"""

from __future__ import annotations

from sqlmodel import Session, select

from silek_app.db import session_scope
from silek_app.domain.roles import OFFICER_ROLES
from silek_app.domain.workflow import RETURN_ACTION
from silek_app.models import Application, Service, UserAccount, utcnow
from silek_app.services.accounts import require_user
from silek_app.services.applications import form_sections, requirements_for
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.file_review import start_revision_round
from silek_app.services.inspections import require_report
from silek_app.services.permits import ISSUED_STATUS, issue_permit
from silek_app.services.workflow_runner import apply_action, workflow_for

FLAG_KINDS = {"document": "dokumen", "field": "isian"}
FLAG_NOTE_MAX = 500
FLAGS_MAX = 50
NO_FLAGS = "Tandai minimal satu dokumen atau isian yang perlu diperbaiki."


def _find(s: Session, reference: str) -> Application:
    ref = (reference or "").strip().upper()[:20]
    app = s.exec(select(Application).where(Application.reference_number == ref)).first()
    if app is None:
        raise NotFound(f"Permohonan {ref or '(kosong)'} tidak ditemukan.")
    return app


def _targets(s: Session, app: Application) -> dict[tuple[str, str], str]:
    """(kind, target) -> label of everything an officer may flag on this application."""
    service = s.get(Service, app.service_id)
    out = {("document", r.code): r.name for r in requirements_for(s, app)}
    for section in form_sections(service):
        for fld in section.fields:
            out[("field", fld.key)] = f"{fld.label} ({section.title})"
    return out


def revision_items(s: Session, app: Application, flags: list[dict] | None) -> list[dict]:
    """Check the flags of a send-back; ServiceError (Indonesian) on the first problem."""
    if not flags:
        raise ServiceError(NO_FLAGS)
    if not isinstance(flags, list | tuple) or len(flags) > FLAGS_MAX:
        raise ServiceError(f"Tandai paling banyak {FLAGS_MAX} dokumen atau isian.")
    known = _targets(s, app)
    items, seen = [], set()
    for flag in flags:
        if not isinstance(flag, dict):
            raise ServiceError(NO_FLAGS)
        kind = str(flag.get("kind") or "").strip()
        target = str(flag.get("target") or "").strip()
        note = str(flag.get("note") or "").strip()
        if kind not in FLAG_KINDS:
            raise ServiceError("Jenis tanda tidak dikenal: pilih dokumen atau isian.")
        label = known.get((kind, target))
        if label is None:
            what = "Dokumen" if kind == "document" else "Isian"
            raise ServiceError(f"{what} \u201c{target}\u201d tidak ada pada permohonan ini.")
        if (kind, target) in seen:
            raise ServiceError(f"\u201c{label}\u201d ditandai lebih dari sekali.")
        if not note:
            raise ServiceError(f"Tuliskan apa yang perlu diperbaiki pada \u201c{label}\u201d.")
        if len(note) > FLAG_NOTE_MAX:
            raise ServiceError(
                f"Catatan untuk \u201c{label}\u201d terlalu panjang "
                f"(maksimal {FLAG_NOTE_MAX} karakter)."
            )
        seen.add((kind, target))
        items.append({"kind": kind, "target": target, "label": label, "note": note})
    return items


def act(
    token: str | None,
    reference: str,
    action_code: str,
    note: str = "",
    expected_version: int | None = None,
    flags: list[dict] | None = None,
) -> dict:
    """Apply one workflow action as the session's officer; returns the new status."""
    user = require_user(token, OFFICER_ROLES)
    code = (action_code or "").strip().upper()
    with session_scope(write=True) as s:
        app = _find(s, reference)
        stay_began = app.state_entered_at  # read before the move resets it
        event = apply_action(
            s, app, code, actor_id=user.id, role=user.role, note=note or "",
            expected_version=expected_version,
        )  # fmt: skip
        require_report(s, app, workflow_for(s, s.get(Service, app.service_id)), stay_began, event)
        if code == RETURN_ACTION:
            items = revision_items(s, app, flags)
            previous = app.form_data.get("revision") or {}
            snapshot = start_revision_round(s, app)
            app.form_data = {
                **app.form_data,
                "revision": {
                    "round": int(previous.get("round", 0)) + 1,
                    "items": items,
                    "requested_at": utcnow().isoformat(),
                    "snapshot": snapshot,
                },
            }
            s.add(app)
        if event.to_status == ISSUED_STATUS:
            issue_permit(s, app, s.get(UserAccount, user.id))
        s.flush()
        return {"reference": app.reference_number, "status": app.status, "version": app.version}
