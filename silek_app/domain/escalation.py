"""SLA escalation and deemed approval: which alerts an open file is due for now.

Pure rules over the facts of one file (its workflow, current state, status
history, the service's SLA and deemed-approval policy); the periodic job in
services/escalation.py loads those facts, records the alerts and acts on them.
All working-day arithmetic is sla.py's (state_time_used, sla_clock), so the
job, the queue and the applicant's tracking page can never disagree.

Three kinds of alert:

* TERLAMBAT: the file has spent more working days in its current state than
  the state's SLA. Once per stay in a state; a state that pauses the clock
  (the applicant holds the file) is never late.
* PERINGATAN_OTOMATIS: deemed approval ("fiktif positif") is on for the
  service, the current state offers the system's deemed-approval action, and
  at most ``warning_days`` working days of the clock remain. Once per stay in
  a state, so each desk that receives a file in the window is told.
* PERSETUJUAN_OTOMATIS: deemed approval is on and ``approval_days`` working
  days of running SLA time have passed. The time the applicant held the file
  does not count, and a send-back does not restart the count (the main
  complaint about OSS-RBA's fiktif positif is officers restarting the clock
  with a "clarification"). The office must have been warned on an earlier
  working day first: if the job missed the warning window (server down), the
  warning goes out now and the approval waits one working day, so no permit
  is ever issued unannounced.

Who is told: every active user holding the desk role of the state and its
supervisor role, from data/escalation.json (validated at load).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from silek_app.domain.roles import ASSIGNABLE_ROLES, OFFICER_ROLES, Role, role_label
from silek_app.domain.sla import StatusChange, local_date, sla_clock, state_time_used
from silek_app.domain.workcalendar import WorkCalendar
from silek_app.domain.workflow import ISSUED_STATE, WorkflowDefinition

ESCALATION_PATH = Path(__file__).resolve().parent / "data" / "escalation.json"

ALERT_LATE = "TERLAMBAT"
ALERT_DEEMED_WARNING = "PERINGATAN_OTOMATIS"
ALERT_DEEMED_APPROVAL = "PERSETUJUAN_OTOMATIS"
ALERT_KINDS = (ALERT_LATE, ALERT_DEEMED_WARNING, ALERT_DEEMED_APPROVAL)

# The workflow action the job takes; only the system role may hold it.
DEEMED_ACTION = "PERSETUJUAN_OTOMATIS"
SYSTEM_ROLE = Role.SISTEM.value

# A supervisor is a person in the office: never the applicant, never the job itself.
_SUPERVISOR_ROLES = frozenset(r.value for r in ASSIGNABLE_ROLES if r is not Role.PEMOHON)
_DESK_ROLES = frozenset(r.value for r in OFFICER_ROLES)


class EscalationRulesError(ValueError):
    """The escalation data file is broken. The message is Indonesian and names every problem."""

    def __init__(self, problems: list[str]):
        self.problems = tuple(problems)
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"Berkas aturan eskalasi SLA tidak valid:\n{lines}")


@dataclass(frozen=True)
class EscalationRules:
    """Desk role -> supervisor role."""

    supervisors: Mapping[str, str]

    def recipients(self, desk_role: str) -> tuple[str, ...]:
        """The desk role and, if it has one, its supervisor role (in that order)."""
        boss = self.supervisors.get(desk_role)
        return (desk_role, boss) if boss else (desk_role,)


def rules_from_dict(data: Any) -> EscalationRules:
    """Build and validate the rules from the JSON form; every problem is listed at once."""
    if not isinstance(data, dict) or not isinstance(data.get("supervisors"), dict):
        raise EscalationRulesError(["isian 'supervisors' harus berupa objek JSON (peran: atasan)."])
    problems: list[str] = []
    mapping: dict[str, str] = {}
    for desk, boss in data["supervisors"].items():
        if not isinstance(boss, str):
            problems.append(f"atasan untuk peran '{desk}' harus berupa kode peran (teks).")
            continue
        if desk not in _DESK_ROLES:
            allowed = ", ".join(sorted(_DESK_ROLES))
            problems.append(f"peran meja '{desk}' tidak dikenal atau bukan petugas ({allowed}).")
        if boss not in _SUPERVISOR_ROLES:
            problems.append(f"peran atasan '{boss}' untuk '{desk}' tidak dikenal atau tidak sah.")
        if boss == desk:
            problems.append(f"peran '{desk}' tidak boleh menjadi atasan dirinya sendiri.")
        mapping[desk] = boss
    for desk in mapping:
        # A loop (a -> b -> a) means nobody above either desk; always a data mistake.
        seen, role = {desk}, mapping[desk]
        while role in mapping and role not in seen:
            seen.add(role)
            role = mapping[role]
        if role == desk and mapping[desk] != desk:
            problems.append(f"rantai atasan dari peran '{desk}' berputar kembali ke dirinya.")
    if problems:
        raise EscalationRulesError(problems)
    return EscalationRules(supervisors=dict(mapping))


def load_escalation_rules(path: Path | None = None) -> EscalationRules:
    path = Path(path) if path is not None else ESCALATION_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EscalationRulesError([f"berkas {path.name} tidak dapat dibaca ({exc})."]) from exc
    except json.JSONDecodeError as exc:
        raise EscalationRulesError(
            [f"berkas {path.name} bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno})."]
        ) from exc
    return rules_from_dict(data)


@lru_cache(maxsize=1)
def default_escalation_rules() -> EscalationRules:
    """The shipped rules, parsed and validated once per process."""
    return load_escalation_rules()


@dataclass(frozen=True)
class DeemedPolicy:
    """A service's deemed-approval policy (Service.deemed_approval_*)."""

    enabled: bool = False
    approval_days: int = 5
    warning_days: int = 1


@dataclass(frozen=True)
class FileFacts:
    """What the rules need to know about one open file.

    ``warned_on`` is the WIB date of the first deemed-approval warning ever sent
    for the file (None if none), because the approval needs an earlier warning.
    """

    workflow: WorkflowDefinition
    state: str
    state_entered_at: datetime
    service_sla_days: int
    policy: DeemedPolicy
    history: Sequence[StatusChange]
    warned_on: date | None = None


@dataclass(frozen=True)
class DueAlert:
    """One alert due now. ``state_entered_at`` is the stay it belongs to (the dedup key).

    ``days_used``/``days_allowed`` are the state's figures for TERLAMBAT and the
    whole clock's (against ``approval_days``) for the deemed-approval kinds.
    """

    kind: str
    state: str
    state_entered_at: datetime
    notify_roles: tuple[str, ...]
    days_used: int
    days_allowed: int


def deemed_action_available(defn: WorkflowDefinition, state: str) -> bool:
    """True when the system may deem-approve a file in ``state`` of this workflow."""
    action = defn.find_action(state, DEEMED_ACTION)
    return action is not None and action.allows(SYSTEM_ROLE) and action.to_state == ISSUED_STATE


def supports_deemed_approval(defn: WorkflowDefinition) -> bool:
    """Whether switching the policy on can have any effect for a service on this flow."""
    return any(deemed_action_available(defn, st.code) for st in defn.states)


def due_alerts(
    facts: FileFacts, now: datetime, calendar: WorkCalendar, rules: EscalationRules
) -> tuple[DueAlert, ...]:
    """The alerts the file is due for at ``now`` (the caller skips those already recorded)."""
    defn = facts.workflow
    if not defn.has_state(facts.state):
        return ()  # a state removed from the flow: nothing sensible to say
    state = defn.state(facts.state)
    clock = sla_clock(defn, calendar, facts.service_sla_days, facts.history, now)
    if state.terminal or state.pauses_clock or clock.started_at is None or clock.paused_now:
        return ()
    recipients = rules.recipients(state.actor_role)
    alerts: list[DueAlert] = []

    def due(kind: str, used: int, allowed: int) -> None:
        alerts.append(DueAlert(kind, state.code, facts.state_entered_at, recipients, used, allowed))

    _, spent, state_sla = state_time_used(defn, calendar, facts.history, now)
    if spent > state_sla:
        due(ALERT_LATE, spent, state_sla)
    policy = facts.policy
    if not policy.enabled or not deemed_action_available(defn, state.code):
        return tuple(alerts)
    used, limit = clock.working_days_used, policy.approval_days
    left = limit - used
    if policy.warning_days > 0 and left <= policy.warning_days:
        due(ALERT_DEEMED_WARNING, used, limit)
    if left <= 0:
        warned_in_time = policy.warning_days <= 0 or (
            facts.warned_on is not None
            and calendar.working_days_between(facts.warned_on, local_date(now)) >= 1
        )
        if warned_in_time:
            due(ALERT_DEEMED_APPROVAL, used, limit)
    return tuple(alerts)


def alert_text(alert: DueAlert, reference: str, state_label: str) -> tuple[str, str]:
    """(title, body) of the officers' notification, in Indonesian."""
    if alert.kind == ALERT_LATE:
        return (
            f"SLA terlampaui: {reference}",
            f"Berkas {reference} sudah {alert.days_used} hari kerja pada tahap "
            f"\u201c{state_label}\u201d, melebihi batas {alert.days_allowed} hari kerja. "
            f"Mohon segera ditindaklanjuti ({role_label(alert.notify_roles[0])}).",
        )
    if alert.kind == ALERT_DEEMED_WARNING:
        left = max(0, alert.days_allowed - alert.days_used)
        when = f"dalam {left} hari kerja" if left else "pada hari kerja berikutnya"
        return (
            f"Peringatan persetujuan otomatis: {reference}",
            f"Berkas {reference} (tahap \u201c{state_label}\u201d) telah berjalan "
            f"{alert.days_used} dari {alert.days_allowed} hari kerja. Bila belum diputus, "
            f"izin akan diterbitkan otomatis (fiktif positif) {when}.",
        )
    return (
        f"Izin terbit otomatis: {reference}",
        f"Berkas {reference} diterbitkan otomatis (fiktif positif) dari tahap "
        f"\u201c{state_label}\u201d karena batas {alert.days_allowed} hari kerja terlampaui "
        "tanpa keputusan.",
    )


def deemed_note(alert: DueAlert) -> str:
    """The note of the status event the deemed approval writes (shown to the applicant)."""
    return (
        f"Izin diterbitkan otomatis oleh sistem (persetujuan otomatis/fiktif positif) karena "
        f"permohonan tidak diputus dalam {alert.days_allowed} hari kerja sesuai standar "
        "pelayanan."
    )
