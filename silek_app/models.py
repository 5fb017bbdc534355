"""Database tables. Plain `sqlmodel.SQLModel` (rx.Model is deprecated in 0.10).

Codes (roles, statuses, jenis) are stored as short strings validated by the
domain layer, so a new status in a workflow data file needs no schema change.
All timestamps are timezone-aware UTC.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """Timezone-aware UTC on the way out, whatever the database keeps.

    SQLite stores no zone and hands back naive values; PostgreSQL keeps it. Domain
    code (SLA clock, WIB dates) refuses naive datetimes, so normalise here once.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        # Store and compare in UTC: SQLite keeps the wall-clock digits, so a WIB
        # time would otherwise be compared seven hours off.
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


def _ts(nullable: bool = False, **kw):
    return Field(sa_type=UTCDateTime(), nullable=nullable, **kw)


# ---------------------------------------------------------------- accounts


class UserAccount(SQLModel, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    full_name: str = Field(max_length=120)
    phone: str = Field(default="", max_length=20)
    role: str = Field(max_length=20, index=True)
    password_hash: str = Field(max_length=255)
    is_active: bool = True
    failed_logins: int = 0
    locked_until: dt.datetime | None = _ts(nullable=True, default=None)
    last_login_at: dt.datetime | None = _ts(nullable=True, default=None)
    created_at: dt.datetime = _ts(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """Server-side session. Only the SHA-256 of the bearer token is stored."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: dt.datetime = _ts(default_factory=utcnow)
    expires_at: dt.datetime = _ts()
    last_seen_at: dt.datetime = _ts(default_factory=utcnow)
    revoked_at: dt.datetime | None = _ts(nullable=True, default=None)
    ip_address: str = Field(default="", max_length=64)
    user_agent: str = Field(default="", max_length=255)


class AuthEvent(SQLModel, table=True):
    """Security log of logins, failures, logouts, registrations and role changes."""

    __tablename__ = "auth_event"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    event: str = Field(max_length=40)
    detail: str = Field(default="", max_length=500)
    ip_address: str = Field(default="", max_length=64)
    created_at: dt.datetime = _ts(default_factory=utcnow)


class ApplicantProfile(SQLModel, table=True):
    __tablename__ = "applicant_profile"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", unique=True)
    nik: str = Field(max_length=16, unique=True, index=True)
    name_on_permit: str = Field(max_length=150)
    birth_place: str = Field(default="", max_length=80)
    birth_date: dt.date | None = None
    is_female: bool = False
    address: str = Field(default="", max_length=300)
    kelurahan_code: str | None = Field(default=None, max_length=13)
    phone: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=254)
    # Health workers: since UU 17/2023 the STR of a citizen is valid for life.
    profession: str | None = Field(default=None, max_length=40)
    str_number: str | None = Field(default=None, max_length=30)
    str_lifetime: bool = False
    str_valid_until: dt.date | None = None
    # Businesses (facility, food and sanitation services).
    nib: str | None = Field(default=None, max_length=13)
    npwp: str | None = Field(default=None, max_length=16)
    updated_at: dt.datetime = _ts(default_factory=utcnow)


# ---------------------------------------------------------------- catalog


class Service(SQLModel, table=True):
    __tablename__ = "service"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True, index=True)
    name: str = Field(max_length=200)
    category: str = Field(max_length=4, index=True)
    is_health: bool = True
    channel: str = Field(max_length=20)
    sla_days: int
    fee: int = 0
    fee_note: str = Field(default="", max_length=500)
    validity_months: int | None = None
    product: str = Field(max_length=300)
    legal_basis: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    jenis_allowed: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    workflow_code: str = Field(max_length=40)
    needs_field_visit: bool = False
    needs_dinkes_recommendation: bool = False
    profession: str | None = Field(default=None, max_length=40)
    max_practice_places: int | None = None
    sk_number: str = Field(default="", max_length=200)
    complaint_channels: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    maklumat: str = Field(default="", sa_type=sa.Text)
    is_active: bool = True
    # Deemed approval ("fiktif positif", MPP Digital issues a SIP after 5 working
    # days): a per-service policy switched by an administrator, off by default.
    deemed_approval_enabled: bool = False
    deemed_approval_days: int = 5
    deemed_warning_days: int = 1
    updated_at: dt.datetime = _ts(default_factory=utcnow)


class ServiceTextChange(SQLModel, table=True):
    """Change log of the published texts and policies an administrator edits."""

    __tablename__ = "service_text_change"

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    field: str = Field(max_length=40)
    old_value: str = Field(default="", sa_type=sa.Text)
    new_value: str = Field(default="", sa_type=sa.Text)
    reason: str = Field(default="", sa_type=sa.Text)
    changed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: dt.datetime = _ts(default_factory=utcnow)


class ServiceStandard(SQLModel, table=True):
    """The 14 components of the Standar Pelayanan (PermenPANRB 15/2014), 1:1 with Service."""

    __tablename__ = "service_standard"

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", unique=True)
    persyaratan: str = Field(sa_type=sa.Text)
    prosedur: str = Field(sa_type=sa.Text)
    jangka_waktu: str = Field(sa_type=sa.Text)
    biaya: str = Field(sa_type=sa.Text)
    produk: str = Field(sa_type=sa.Text)
    pengaduan: str = Field(sa_type=sa.Text)
    dasar_hukum: str = Field(sa_type=sa.Text)
    sarana_prasarana: str = Field(sa_type=sa.Text)
    kompetensi_pelaksana: str = Field(sa_type=sa.Text)
    pengawasan_internal: str = Field(sa_type=sa.Text)
    jumlah_pelaksana: str = Field(sa_type=sa.Text)
    jaminan_pelayanan: str = Field(sa_type=sa.Text)
    jaminan_keamanan: str = Field(sa_type=sa.Text)
    evaluasi_kinerja: str = Field(sa_type=sa.Text)


class ServiceRequirement(SQLModel, table=True):
    __tablename__ = "service_requirement"
    __table_args__ = (sa.UniqueConstraint("service_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    code: str = Field(max_length=40)
    name: str = Field(max_length=300)
    description: str = Field(default="", sa_type=sa.Text)
    mandatory: bool = True
    jenis: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    file_types: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    max_size_mb: int = 5
    template: str | None = Field(default=None, max_length=120)
    condition: str | None = Field(default=None, max_length=20)
    sort_order: int = 0


class WorkflowDefinitionRow(SQLModel, table=True):
    __tablename__ = "workflow_definition"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=200)
    definition: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: dt.datetime = _ts(default_factory=utcnow)


# ---------------------------------------------------------------- applications


class NumberSequence(SQLModel, table=True):
    """Gap-free counters (reference numbers per day, permit numbers per service-year)."""

    __tablename__ = "number_sequence"

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=60, unique=True)
    last_value: int = 0


class Application(SQLModel, table=True):
    __tablename__ = "application"

    id: int | None = Field(default=None, primary_key=True)
    reference_number: str | None = Field(default=None, max_length=20, unique=True, index=True)
    applicant_id: int = Field(foreign_key="user_account.id", index=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    jenis: str = Field(max_length=14)
    status: str = Field(max_length=30, index=True)
    practice_kind: str | None = Field(default=None, max_length=10)
    practice_place_no: int | None = None
    # No FK: permit already points at application, and a cycle would block
    # table creation order on SQLite. Integrity is kept by the renewal service.
    previous_permit_id: int | None = Field(default=None, index=True)
    form_data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    idempotency_key: str | None = Field(default=None, max_length=64, unique=True)
    version: int = 1
    claimed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    claimed_at: dt.datetime | None = _ts(nullable=True, default=None)
    created_at: dt.datetime = _ts(default_factory=utcnow)
    updated_at: dt.datetime = _ts(default_factory=utcnow)
    submitted_at: dt.datetime | None = _ts(nullable=True, default=None)
    # SLA clock: starts when the file is complete, pauses while it waits on the
    # applicant; paused time is kept so the due date can be recomputed.
    sla_started_at: dt.datetime | None = _ts(nullable=True, default=None)
    sla_due_date: dt.date | None = None
    state_entered_at: dt.datetime = _ts(default_factory=utcnow)
    paused_since: dt.datetime | None = _ts(nullable=True, default=None)
    paused_seconds: int = 0
    completed_at: dt.datetime | None = _ts(nullable=True, default=None)


class Document(SQLModel, table=True):
    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user_account.id", index=True)
    application_id: int | None = Field(default=None, foreign_key="application.id", index=True)
    requirement_code: str | None = Field(default=None, max_length=40)
    original_name: str = Field(max_length=255)
    storage_key: str = Field(max_length=80, unique=True)
    sha256: str = Field(max_length=64, index=True)
    size_bytes: int
    content_type: str = Field(max_length=40)
    review_status: str = Field(default="BELUM_DIPERIKSA", max_length=20)
    review_note: str = Field(default="", sa_type=sa.Text)
    reviewed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    reviewed_at: dt.datetime | None = _ts(nullable=True, default=None)
    replaces_document_id: int | None = Field(default=None, foreign_key="document.id")
    # Photos of a field visit belong to its inspection report (BAP), not to a requirement.
    inspection_report_id: int | None = Field(
        default=None, foreign_key="inspection_report.id", index=True
    )
    created_at: dt.datetime = _ts(default_factory=utcnow)


class InspectionReport(SQLModel, table=True):
    """Berita Acara Pemeriksaan (BAP) of a field visit by the technical team."""

    __tablename__ = "inspection_report"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    visit_date: dt.date
    officers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    result: str = Field(max_length=30)
    notes: str = Field(default="", sa_type=sa.Text)
    created_by_id: int = Field(foreign_key="user_account.id")
    created_at: dt.datetime = _ts(default_factory=utcnow)
    updated_at: dt.datetime = _ts(default_factory=utcnow)


class SlaAlert(SQLModel, table=True):
    """One escalation or deemed-approval notice per file, kind and stay in a state."""

    __tablename__ = "sla_alert"
    __table_args__ = (sa.UniqueConstraint("application_id", "kind", "state_entered_at"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    kind: str = Field(max_length=30)
    status: str = Field(max_length=30)
    state_entered_at: dt.datetime = _ts()
    created_at: dt.datetime = _ts(default_factory=utcnow)


class StatusEvent(SQLModel, table=True):
    """Immutable audit trail; written in the same transaction as the status change."""

    __tablename__ = "status_event"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="user_account.id")
    actor_role: str = Field(max_length=20)
    action: str = Field(max_length=40)
    from_status: str | None = Field(default=None, max_length=30)
    to_status: str = Field(max_length=30)
    note: str = Field(default="", sa_type=sa.Text)
    created_at: dt.datetime = _ts(default_factory=utcnow)


class Message(SQLModel, table=True):
    __tablename__ = "message"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    sender_id: int = Field(foreign_key="user_account.id")
    sender_role: str = Field(max_length=20)
    body: str = Field(sa_type=sa.Text)
    attachment_id: int | None = Field(default=None, foreign_key="document.id")
    created_at: dt.datetime = _ts(default_factory=utcnow)
    read_by_applicant_at: dt.datetime | None = _ts(nullable=True, default=None)
    read_by_officer_at: dt.datetime | None = _ts(nullable=True, default=None)


class Notification(SQLModel, table=True):
    __tablename__ = "notification"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    application_id: int | None = Field(default=None, foreign_key="application.id")
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    body: str = Field(default="", sa_type=sa.Text)
    link: str = Field(default="", max_length=200)
    created_at: dt.datetime = _ts(default_factory=utcnow)
    read_at: dt.datetime | None = _ts(nullable=True, default=None)


class Permit(SQLModel, table=True):
    __tablename__ = "permit"
    __table_args__ = (sa.UniqueConstraint("service_id", "year", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", unique=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    holder_id: int = Field(foreign_key="user_account.id", index=True)
    number: str = Field(max_length=60, unique=True)
    seq: int
    year: int
    issued_at: dt.datetime = _ts(default_factory=utcnow)
    valid_until: dt.date | None = None
    qr_token: str = Field(max_length=64, unique=True, index=True)
    status: str = Field(default="AKTIF", max_length=12)
    signed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    pdf_storage_key: str | None = Field(default=None, max_length=80)
    pdf_sha256: str | None = Field(default=None, max_length=64)
    # What the signing adapter recorded (local signature now, BSrE TTE later).
    signature_method: str = Field(default="", max_length=20)
    signature_value: str = Field(default="", sa_type=sa.Text)
    signer_name: str = Field(default="", max_length=150)
    signer_position: str = Field(default="", max_length=150)
    signed_at: dt.datetime | None = _ts(nullable=True, default=None)
    revoked_at: dt.datetime | None = _ts(nullable=True, default=None)
    revoke_reason: str = Field(default="", sa_type=sa.Text)
    revoked_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class SkmResponse(SQLModel, table=True):
    """Survei Kepuasan Masyarakat (PermenPANRB 14/2017): 9 unsur, scale 1-4."""

    __tablename__ = "skm_response"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", unique=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    respondent_id: int = Field(foreign_key="user_account.id")
    u1: int
    u2: int
    u3: int
    u4: int
    u5: int
    u6: int
    u7: int
    u8: int
    u9: int
    suggestion: str = Field(default="", sa_type=sa.Text)
    gender: str | None = Field(default=None, max_length=1)
    education: str | None = Field(default=None, max_length=10)
    occupation: str | None = Field(default=None, max_length=20)
    created_at: dt.datetime = _ts(default_factory=utcnow)


def _refuse_change(_mapper, _connection, target) -> None:
    raise PermissionError(f"{type(target).__name__} tidak boleh diubah atau dihapus.")


# The audit trail is append-only at the ORM level; the migration adds the same
# guard as database triggers so raw SQL cannot rewrite history either.
sa.event.listen(StatusEvent, "before_update", _refuse_change)
sa.event.listen(StatusEvent, "before_delete", _refuse_change)
