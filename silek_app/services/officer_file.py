"""The officer's view of one file (/petugas/permohonan/<nomor>) and its action entry point.

`open_file` authorizes an officer and records the view (ASVS 8.3.5: access to
personal data is logged; officers see the full NIK because checking the KTP is
their job). `file_view` takes no token: every officer tab on the file shares one
copy of it (state/officer_file.py), linked only after `open_file` said yes. The
view therefore lists the actions of every officer role; each tab shows its own
role's, and `take_action` re-checks role and state in the service layer anyway.
"""

from __future__ import annotations

from sqlmodel import Session, select

from silek_app.db import session_scope
from silek_app.domain.indonesian_format import day_text, wib_time
from silek_app.domain.roles import OFFICER_ROLES, role_label
from silek_app.domain.sla import local_date, state_time_used
from silek_app.domain.wilayah import get_kelurahan
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import (
    FIELD_VISIT_STATE,
    NOTE_REQUIRED_ACTIONS,
    RETURN_ACTION,
    WorkflowDefinition,
)
from silek_app.domain.workflow_engine import available_actions
from silek_app.models import (
    ApplicantProfile,
    Application,
    AuthEvent,
    InspectionReport,
    Service,
    UserAccount,
)
from silek_app.services import file_review, inspections, messages, officer_actions
from silek_app.services.accounts import require_user
from silek_app.services.applications import form_sections, requirements_for
from silek_app.services.file_facts import header_facts, load_file
from silek_app.services.permits import permit_links, permit_of, permit_status

# Irreversible acts get a confirmation dialog on the page.
CONFIRM_ACTIONS = frozenset({"TOLAK", "TANDATANGANI"})
_KINDS = {"application/pdf": "pdf", "image/jpeg": "image", "image/png": "image"}


def open_file(token: str | None, reference: str, ip: str = "") -> int:
    """The application id for an officer, after logging who opened which file."""
    user = require_user(token, OFFICER_ROLES)
    with session_scope(write=True) as s:
        app = file_review.officer_application(s, reference)
        s.add(AuthEvent(user_id=user.id, event="lihat_berkas", detail=app.reference_number,
                        ip_address=(ip or "")[:64]))  # fmt: skip
        return app.id


def take_action(
    token: str | None, reference: str, action_code: str, note: str = "",
    expected_version: int | None = None,
) -> dict:  # fmt: skip
    """One workflow action; a send-back carries the items flagged during the review."""
    require_user(token, OFFICER_ROLES)
    code = str(action_code or "").strip().upper()[:40]
    flags = None
    if code == RETURN_ACTION:
        with session_scope() as s:
            flags = file_review.flagged_items(s, file_review.officer_application(s, reference))
    return officer_actions.act(token, reference, code, note, expected_version, flags)


def _applicant(s: Session, app: Application) -> list[dict[str, str]]:
    user = s.get(UserAccount, app.applicant_id)
    p = s.exec(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id)).first()
    rows = [("Nama akun", user.full_name), ("Email akun", user.email)]
    if p is not None:
        kel = get_kelurahan(p.kelurahan_code or "")
        rows += [
            ("NIK", p.nik), ("Nama pada izin", p.name_on_permit),
            ("Tempat, tanggal lahir", f"{p.birth_place or '-'}, {day_text(p.birth_date)}"),
            ("Jenis kelamin", "Perempuan" if p.is_female else "Laki-laki"),
            ("Alamat", p.address or "-"),
            ("Kelurahan", f"{kel.name}, Kec. {kel.kecamatan_name}" if kel else "-"),
            ("Telepon", p.phone or user.phone or "-"),
            ("Nomor STR", p.str_number or "-"), ("NIB", p.nib or "-"),
            ("NPWP", p.npwp or "-"),
        ]  # fmt: skip
    return [{"label": k, "value": v} for k, v in rows]


def _fields(s: Session, app: Application) -> list[dict[str, str]]:
    values = app.form_data.get("sections", {})
    flags = (app.form_data.get("review") or {}).get("fields", {})
    out = []
    for sec in form_sections(s.get(Service, app.service_id)):
        for i, f in enumerate(sec.fields):
            raw = str(values.get(sec.key, {}).get(f.key, ""))
            out.append({
                "section": sec.title, "first": "1" if i == 0 else "", "key": f.key,
                "label": f.label, "value": file_review.shown_value(f, raw),
                "flagged": "1" if f.key in flags else "",
                "note": flags.get(f.key, {}).get("note", ""),
            })  # fmt: skip
    return out


def _requirements(s: Session, app: Application, names: dict[int, str], changed: set[str]):
    docs = file_review.current_documents(s, app)
    out = []
    for r in requirements_for(s, app):
        d = docs.get(r.code)
        out.append({
            "code": r.code, "name": r.name, "mandatory": "1" if r.mandatory else "",
            "doc_id": str(d.id) if d else "", "file": d.original_name if d else "",
            "url": f"/api/v1/berkas/{d.id}" if d else "",
            "kind": _KINDS.get(d.content_type, "") if d else "",
            "review": d.review_status if d else "",
            "review_label": file_review.REVIEW_LABELS.get(d.review_status, "") if d else "",
            "note": d.review_note if d else "",
            "reviewer": names.get(d.reviewed_by_id, "") if d and d.reviewed_by_id else "",
            "reviewed_at": wib_time(d.reviewed_at) if d else "",
            "changed": "1" if r.name in changed else "",
        })  # fmt: skip
    return out


def _actions(defn: WorkflowDefinition, status: str) -> list[dict[str, str]]:
    out = []
    for role in sorted(r.value for r in OFFICER_ROLES):
        for a in available_actions(defn, status, role):
            out.append({
                "code": a.code, "label": a.label, "role": role,
                "requires_note": "1" if a.requires_note or a.code in NOTE_REQUIRED_ACTIONS else "",
                "confirm": "1" if a.code in CONFIRM_ACTIONS else "",
                "danger": "1" if a.code == "TOLAK" else "",
            })  # fmt: skip
    return out


def _role_list(roles) -> str:
    """Roles as ",a,b," so the page can test membership with contains(",role,")."""
    return "," + ",".join(sorted(set(roles))) + ","


def _history(s: Session, defn: WorkflowDefinition, events, names) -> list[dict[str, str]]:
    def label(code: str | None) -> str:
        return defn.state(code).label if code and defn.has_state(code) else (code or "-")

    out = []
    for e in reversed(events):
        action = defn.find_action(e.from_status or "", e.action)
        out.append({
            "at": wib_time(e.created_at), "action": action.label if action else e.action,
            "from_label": label(e.from_status), "to_label": label(e.to_status),
            "actor": names.get(e.actor_id, "") if e.actor_id else "Sistem",
            "role": role_label(e.actor_role), "note": e.note,
        })  # fmt: skip
    return out


def _bap_form_values(reports: list[dict]) -> dict[str, str]:
    """The current visit's BAP, to prefill its form when the officer edits it."""
    current = next((r for r in reports if r["current"]), None)
    if current is None:
        return {"bap_current": "", "bap_date": "", "bap_officers": "", "bap_result": "",
                "bap_notes": "", "bap_key": ""}  # fmt: skip
    return {
        "bap_current": "1", "bap_date": current["visit_iso"],
        "bap_officers": current["officers_lines"], "bap_result": current["result"],
        "bap_notes": current["notes"], "bap_key": current["id"] + current["updated"],
    }  # fmt: skip


def _permit_facts(s: Session, app: Application, today) -> dict[str, str]:
    """The issued permit, for the officer's header (empty values before signing)."""
    permit = permit_of(s, app)
    if permit is None:
        return dict.fromkeys(("permit_number", "permit_status", "verify_path", "pdf_path"), "")
    return {
        "permit_number": permit.number,
        "permit_status": permit_status(permit, today),
        **permit_links(permit, app.reference_number),
    }


def file_view(application_id: int) -> dict:
    """Everything the officer's file page shows, for tabs already authorized."""
    with session_scope() as s:
        loaded = load_file(s, application_id)
        app, defn, events = loaded.app, loaded.defn, loaded.events
        _, state_used, state_sla = state_time_used(
            defn, default_calendar(), loaded.changes, loaded.now
        )
        changes = file_review.changes_since_last_round(s, app)
        ids = {e.actor_id for e in events if e.actor_id}
        ids |= {d.reviewed_by_id for d in file_review.current_documents(s, app).values()}
        ids |= set(
            s.exec(
                select(InspectionReport.created_by_id).where(
                    InspectionReport.application_id == app.id
                )
            ).all()
        )
        names = file_review.reviewer_names(s, {i for i in ids if i})
        acting = file_review.acting_roles(defn, app.status)
        actions = _actions(defn, app.status)
        reports = inspections.reports_view(s, app, names)
        return {
            "header": {
                **header_facts(loaded),
                "state_used": str(state_used),
                "state_sla": str(state_sla),
                "reviewers": _role_list(acting),
                "actors": _role_list(a["role"] for a in actions),
                "returners": _role_list(a["role"] for a in actions if a["code"] == RETURN_ACTION),
                **_bap_form_values(reports),
                "field_visit": "1" if app.status == FIELD_VISIT_STATE else "",
                "revision_round": str((app.form_data.get("revision") or {}).get("round", 0)),
                **_permit_facts(s, app, local_date(loaded.now)),
            },  # fmt: skip
            "applicant": _applicant(s, app),
            "fields": _fields(s, app),
            "requirements": _requirements(s, app, names, {c["label"] for c in changes}),
            "actions": actions,
            "history": _history(s, defn, events, names),
            "reports": reports,
            "changes": changes,
            "messages": messages.office_thread(app.id),
        }
