"""Rows of the real tables for planned demo files (see services/demo_history.py).

Plain dicts for SQLAlchemy Core executemany: building ORM objects for millions
of rows would cost more than writing them. Ids are assigned here, from the
current maximum, so no insert needs to hand ids back.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import re
import secrets
from dataclasses import dataclass, field

from silek_app import settings
from silek_app.domain.catalog_types import Catalog, Requirement, requirement_conditions
from silek_app.domain.demo_documents import SampleDocument, sample_document
from silek_app.domain.history_plan import PlannedApplication
from silek_app.domain.numbering import (
    format_permit_number,
    format_reference,
    permit_scope,
    reference_scope,
)
from silek_app.domain.permit_pdf import add_months
from silek_app.domain.sla import local_date
from silek_app.domain.workflow import (
    DOCUMENT_CHECK_STATE,
    FIELD_VISIT_STATE,
    RETURN_ACTION,
    REVISION_STATE,
)
from silek_app.services import storage
from silek_app.services.file_review import ACCEPTED, FLAGGED, UNREVIEWED

# The BAP result that goes with the step leaving the field visit.
_REPORT_RESULTS = {"TOLAK": "TIDAK_MEMENUHI", "KEMBALIKAN": "MEMENUHI_DENGAN_CATATAN"}
SIGNATURE_METHOD = "riwayat-demo"  # generated permits carry no PDF and no real signature
# Documents of a file in these states have not been through the front office's check yet.
_UNCHECKED_STATES = frozenset({"DIAJUKAN", DOCUMENT_CHECK_STATE, REVISION_STATE})
_NOT_PASSED = frozenset({REVISION_STATE, "DITOLAK"})
# Words of the send-back notes (demo_history.json) that name a requirement document: a
# returned file's flag goes on the document its note speaks of.
_DOCUMENT_WORDS = frozenset({"str", "sehat", "foto", "rekomendasi", "denah", "nib"})


@dataclass
class Ids:
    """Next free id per table."""

    user: int
    profile: int
    application: int
    event: int
    permit: int
    skm: int
    report: int
    document: int


@dataclass
class Counters:
    """Gap-free counters: values already in the database, and those this run moved."""

    values: dict[str, int]
    touched: set[str] = field(default_factory=set)

    def next(self, scope: str) -> int:
        value = self.values.get(scope, 0) + 1
        self.values[scope] = value
        self.touched.add(scope)
        return value


@dataclass
class Chunk:
    users: list[dict] = field(default_factory=list)
    profiles: list[dict] = field(default_factory=list)
    applications: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    permits: list[dict] = field(default_factory=list)
    skm: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (storage key, content)


@dataclass(frozen=True)
class Context:
    services: dict[str, tuple[int, int | None]]  # code -> (id, validity_months)
    officers: dict[str, list[int]]  # role -> user ids, in the config's pool order
    officer_names: dict[int, str]
    password_hash: str
    catalog: Catalog


class RowBuilder:
    def __init__(self, ctx: Context, ids: Ids, counters: Counters, seed: int) -> None:
        self.ctx, self.ids, self.counters = ctx, ids, counters
        self.applicant_ids: dict[int, int] = {}  # planned applicant key -> user id
        self.rng = random.Random(seed * 7919 + 17)  # inspection details: repeatable per seed
        self.pending_permits: list[tuple[PlannedApplication, int, int]] = []
        self.team = set(ctx.officers.get("tim_teknis", ()))
        self.samples: dict[tuple, SampleDocument] = {}

    def add(self, chunk: Chunk, plan: PlannedApplication) -> None:
        user_id = self._applicant(chunk, plan)
        app_id = self.ids.application
        self.ids.application += 1
        day = local_date(plan.submitted_at)
        service_id, _ = self.ctx.services[plan.service_code]
        reference = format_reference(day, self.counters.next(reference_scope(day)))
        chunk.applications.append({
            "id": app_id, "reference_number": reference,
            "applicant_id": user_id, "service_id": service_id, "jenis": plan.jenis,
            "status": plan.status, "practice_kind": plan.practice_kind,
            "practice_place_no": plan.practice_place_no, "previous_permit_id": None,
            "form_data": plan.form_data, "idempotency_key": None,
            "version": 1 + len(plan.events), "claimed_by_id": None, "claimed_at": None,
            "created_at": plan.created_at, "updated_at": plan.state_entered_at,
            "submitted_at": plan.submitted_at, "sla_started_at": plan.sla_started_at,
            "sla_due_date": plan.sla_due_date, "state_entered_at": plan.state_entered_at,
            "paused_since": plan.paused_since, "paused_seconds": plan.paused_seconds,
            "completed_at": plan.completed_at,
        })  # fmt: skip
        signer = None
        entered = plan.submitted_at
        for e in plan.events:
            actor = user_id if e.officer is None else self.ctx.officers[e.role][e.officer]
            if e.action == "TANDATANGANI":
                signer = actor
            if e.from_status == FIELD_VISIT_STATE and e.role != "pemohon":
                self._report(chunk, app_id, e, actor, entered)
            entered = e.at
            chunk.events.append({
                "id": self.ids.event, "application_id": app_id, "actor_id": actor,
                "actor_role": e.role, "action": e.action, "from_status": e.from_status,
                "to_status": e.to_status, "note": e.note, "created_at": e.at,
            })  # fmt: skip
            self.ids.event += 1
        if plan.completed_at is None:  # an open file: officers will open its documents
            self._documents(chunk, plan, app_id, user_id)
        if plan.status == "TERBIT":
            self.pending_permits.append((plan, app_id, signer or 0))
        if plan.skm is not None:
            k = plan.skm
            chunk.skm.append({
                "id": self.ids.skm, "application_id": app_id, "service_id": service_id,
                "respondent_id": user_id,
                **{f"u{i + 1}": v for i, v in enumerate(k.answers)},
                "suggestion": k.suggestion, "gender": k.gender, "education": k.education,
                "occupation": k.occupation, "created_at": k.at,
            })  # fmt: skip
            self.ids.skm += 1

    def _documents(self, chunk: Chunk, plan: PlannedApplication, app_id: int, owner: int) -> None:
        """One stored sample per mandatory requirement, as a submission must have had."""
        service = self.ctx.catalog.get(plan.service_code)
        active = requirement_conditions(plan.practice_kind, plan.practice_place_no, False)
        status, reviewer, reviewed_at = self._front_office_check(plan)
        uploaded = max(plan.created_at, plan.submitted_at - dt.timedelta(minutes=10))
        wanted = [r for r in service.requirements_for(plan.jenis, active) if r.mandatory]
        sent_back = self._send_back(plan, wanted)
        held: dict[str, int] = {}
        for req in wanted:
            if sent_back is not None:
                flagged = sent_back["item"]["target"] == req.code
                status = FLAGGED if flagged else ACCEPTED
                reviewer, reviewed_at = sent_back["officer"], sent_back["at"]
            held[req.code] = self.ids.document
            sample = self._sample(req)
            key = storage.new_key(sample.checked.extension)
            chunk.files.append((key, sample.data))
            chunk.documents.append({
                "id": self.ids.document, "owner_id": owner, "application_id": app_id,
                "requirement_code": req.code, "original_name": sample.original_name,
                "storage_key": key, "sha256": sample.checked.sha256,
                "size_bytes": sample.checked.size, "content_type": sample.checked.content_type,
                "review_status": status,
                "review_note": sent_back["item"]["note"] if status == FLAGGED else "",
                "reviewed_by_id": reviewer,
                "reviewed_at": reviewed_at, "replaces_document_id": None,
                "inspection_report_id": None, "created_at": uploaded,
            })  # fmt: skip
            self.ids.document += 1
        if sent_back is not None:  # what officer_actions stores at a real send-back
            app_row = chunk.applications[-1]
            app_row["form_data"] = {**app_row["form_data"], "revision": {
                "round": sent_back["round"], "items": [sent_back["item"]],
                "requested_at": sent_back["at"].isoformat(),
                "snapshot": {"fields": app_row["form_data"].get("sections", {}),
                             "documents": held},
            }}  # fmt: skip

    def _send_back(self, plan: PlannedApplication, wanted: list[Requirement]) -> dict | None:
        """For a file waiting on its applicant: the flagged document of the last return.

        A real send-back must flag at least one item; the note's own words pick it.
        """
        returns = [e for e in plan.events if e.action == RETURN_ACTION]
        if plan.status != REVISION_STATE or not returns or not wanted:
            return None
        last = returns[-1]
        words = set(re.findall(r"\w+", last.note.lower())) & _DOCUMENT_WORDS
        named = [r for r in wanted if words & set(re.findall(r"\w+", r.name.lower()))]
        target = (named or wanted)[0]
        note = last.note or f"Perbaiki {target.name}."
        return {
            "item": {"kind": "document", "target": target.code, "label": target.name,
                     "note": note},
            "officer": self.ctx.officers[last.role][last.officer], "at": last.at,
            "round": len(returns),
        }  # fmt: skip

    def _front_office_check(self, plan: PlannedApplication) -> tuple:
        """Accepted by whoever last passed the file on from the completeness check."""
        if plan.status in _UNCHECKED_STATES:
            return UNREVIEWED, None, None
        passed = [
            e
            for e in plan.events
            if e.from_status == DOCUMENT_CHECK_STATE and e.to_status not in _NOT_PASSED
        ]
        if not passed:
            return UNREVIEWED, None, None
        last = passed[-1]
        return ACCEPTED, self.ctx.officers[last.role][last.officer], last.at

    def _sample(self, req: Requirement) -> SampleDocument:
        key = (req.code, req.name, req.file_types)
        if key not in self.samples:
            self.samples[key] = sample_document(req.code, req.name, req.file_types)
        return self.samples[key]

    def _report(self, chunk: Chunk, app_id: int, event, actor: int, entered: dt.datetime) -> None:
        """The BAP the technical team must save before a file leaves the field visit."""
        result = _REPORT_RESULTS.get(event.action, "MEMENUHI")
        if result == "MEMENUHI" and self.rng.random() < 0.25:
            result = "MEMENUHI_DENGAN_CATATAN"
        notes = event.note or (
            "" if result == "MEMENUHI" else "Perlu perbaikan kecil pada papan nama."
        )
        at = max(entered, event.at - dt.timedelta(minutes=30))
        team = [self.ctx.officer_names.get(actor, "")]
        others = [n for i, n in self.ctx.officer_names.items() if i != actor and i in self.team]
        if others:
            team.append(self.rng.choice(others))
        chunk.reports.append({
            "id": self.ids.report, "application_id": app_id, "visit_date": local_date(at),
            "officers": team, "result": result, "notes": notes, "created_by_id": actor,
            "created_at": at, "updated_at": at,
        })  # fmt: skip
        self.ids.report += 1

    def flush_permits(self, chunk: Chunk) -> None:
        """Number the chunk's permits in order of issue, per service and WIB year."""
        self.pending_permits.sort(key=lambda p: p[0].state_entered_at)
        for plan, app_id, signer in self.pending_permits:
            service_id, months = self.ctx.services[plan.service_code]
            issued_at = plan.state_entered_at
            issued = local_date(issued_at)
            seq = self.counters.next(permit_scope(plan.service_code, issued.year))
            # Never from the seed: a verification link must not be computable, and a
            # second run with the same seed must not collide with the first one's links.
            token = base64.urlsafe_b64encode(secrets.token_bytes(24))
            chunk.permits.append({
                "id": self.ids.permit, "application_id": app_id, "service_id": service_id,
                "holder_id": self.applicant_ids[plan.applicant.key],
                "number": format_permit_number(settings.PERMIT_NUMBER_PREFIX, seq,
                                               plan.service_code, issued.year),
                "seq": seq, "year": issued.year, "issued_at": issued_at,
                "valid_until": add_months(issued, months) if months else None,
                "qr_token": token.decode(), "status": "AKTIF",
                "signed_by_id": signer or None, "pdf_storage_key": None, "pdf_sha256": None,
                "signature_method": SIGNATURE_METHOD, "signature_value": "",
                "signer_name": self.ctx.officer_names.get(signer, ""),
                "signer_position": settings.SIGNER_POSITION, "signed_at": issued_at,
                "revoked_at": None, "revoke_reason": "", "revoked_by_id": None,
            })  # fmt: skip
            self.ids.permit += 1
        self.pending_permits.clear()

    def _applicant(self, chunk: Chunk, plan: PlannedApplication) -> int:
        who = plan.applicant
        found = self.applicant_ids.get(who.key)
        if found is not None:
            return found
        user_id = self.ids.user
        self.ids.user += 1
        self.applicant_ids[who.key] = user_id
        joined = plan.created_at - dt.timedelta(minutes=30)
        chunk.users.append({
            "id": user_id, "email": who.email, "full_name": who.full_name, "phone": who.phone,
            "role": "pemohon", "password_hash": self.ctx.password_hash, "is_active": True,
            "failed_logins": 0, "locked_until": None, "last_login_at": plan.created_at,
            "created_at": joined,
        })  # fmt: skip
        chunk.profiles.append({
            "id": self.ids.profile, "user_id": user_id, "nik": who.nik,
            "name_on_permit": who.name_on_permit, "birth_place": who.birth_place,
            "birth_date": who.birth_date, "is_female": who.is_female, "address": who.address,
            "kelurahan_code": who.kelurahan_code, "phone": who.phone, "email": who.email,
            "profession": who.profession, "str_number": who.str_number,
            "str_lifetime": who.str_number is not None, "str_valid_until": None,
            "nib": who.nib, "npwp": None, "updated_at": joined,
        })  # fmt: skip
        self.ids.profile += 1
        return user_id
