"""Workflow definitions: the state machines an application moves through.

Shaped like eGov DIGIT's BusinessService: a workflow is data (states with a
per-state SLA and the role that holds the file, plus actions that move the file
between states), kept in data/workflows/*.json so the office can adjust a flow
without a code change. Everything is validated at load, because a broken flow
would strand real applications.

An action code is unique per origin state, not per workflow: "TOLAK" may leave
several states, and a caller names a transition by (current state, action code).
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from silek_app.domain.roles import ROLE_CODES

WORKFLOWS_DIR = Path(__file__).resolve().parent / "data" / "workflows"

# The app issues the permit when a file reaches this state, so every flow needs it.
ISSUED_STATE = "TERBIT"
FIELD_VISIT_STATE = "TINJAUAN_LAPANGAN"
# The steps every flow shares by name: the front office's completeness check, and the
# send-back loop (the action that returns a file, the state where it waits on the fix).
DOCUMENT_CHECK_STATE = "VERIFIKASI_BERKAS"
RETURN_ACTION = "KEMBALIKAN"
REVISION_STATE = "PERLU_PERBAIKAN"
# UU 25/2009 requires reasons for a refusal or a send-back; the data may not waive it.
NOTE_REQUIRED_ACTIONS = frozenset({"TOLAK", RETURN_ACTION, "KOREKSI"})

_STATE_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
_WORKFLOW_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class WorkflowError(ValueError):
    """A workflow definition is broken. The message is Indonesian and names every problem."""

    def __init__(self, workflow: str, problems: list[str] | str):
        self.workflow = workflow
        self.problems = tuple([problems] if isinstance(problems, str) else problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"Alur kerja '{workflow}' tidak valid:\n{lines}")


@dataclass(frozen=True)
class WorkflowState:
    code: str
    label: str
    sla_days: int
    pauses_clock: bool
    terminal: bool
    actor_role: str


@dataclass(frozen=True)
class WorkflowAction:
    code: str
    label: str
    from_state: str
    to_state: str
    roles: tuple[str, ...]
    requires_note: bool

    def allows(self, role: str) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class WorkflowDefinition:
    code: str
    name: str
    initial_state: str
    states: tuple[WorkflowState, ...]
    actions: tuple[WorkflowAction, ...]

    def state(self, code: str) -> WorkflowState:
        for st in self.states:
            if st.code == code:
                return st
        raise KeyError(f"Status '{code}' tidak ada dalam alur kerja '{self.code}'.")

    def has_state(self, code: str) -> bool:
        return any(st.code == code for st in self.states)

    def actions_from(self, state_code: str) -> tuple[WorkflowAction, ...]:
        return tuple(a for a in self.actions if a.from_state == state_code)

    def actions_for(self, state_code: str, role: str) -> tuple[WorkflowAction, ...]:
        """Actions a user with `role` may take on a file in `state_code`."""
        return tuple(a for a in self.actions_from(state_code) if a.allows(role))

    def find_action(self, state_code: str, action_code: str) -> WorkflowAction | None:
        for a in self.actions_from(state_code):
            if a.code == action_code:
                return a
        return None

    def counted_sla_days(self) -> int:
        """Working days the office may spend in total: paused and final states do not count."""
        return sum(st.sla_days for st in self.states if not st.pauses_clock and not st.terminal)

    def to_dict(self) -> dict[str, Any]:
        """The same shape as the JSON data file, for storing in the database."""
        return {
            "code": self.code,
            "name": self.name,
            "initial_state": self.initial_state,
            "states": [
                {
                    "code": st.code,
                    "label": st.label,
                    "sla_days": st.sla_days,
                    "pauses_clock": st.pauses_clock,
                    "terminal": st.terminal,
                    "actor_role": st.actor_role,
                }
                for st in self.states
            ],
            "actions": [
                {
                    "code": a.code,
                    "label": a.label,
                    "from": a.from_state,
                    "to": a.to_state,
                    "roles": list(a.roles),
                    "requires_note": a.requires_note,
                }
                for a in self.actions
            ],
        }


# ---------------------------------------------------------------- parsing


def _field(obj: dict, key: str, kind: type, where: str, problems: list[str]) -> Any:
    value = obj.get(key)
    # bool is a subclass of int, so a stray `true` must not pass as a number of days.
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        wanted = {str: "teks", int: "bilangan bulat", bool: "true/false", list: "daftar"}[kind]
        shown = "tidak ada" if key not in obj else repr(value)
        problems.append(f"{where}: isian '{key}' harus berupa {wanted} (saat ini: {shown}).")
        return {str: "", int: 0, bool: False, list: []}[kind]
    return value


def workflow_from_dict(data: Any, source: str = "") -> WorkflowDefinition:
    """Build and validate a definition from its JSON form (data file or database copy)."""
    name_hint = data.get("code") if isinstance(data, dict) else None
    label = str(name_hint or source or "?")
    if not isinstance(data, dict):
        raise WorkflowError(label, "isi definisi harus berupa objek JSON.")
    problems: list[str] = []
    code = _field(data, "code", str, "Alur kerja", problems)
    name = _field(data, "name", str, "Alur kerja", problems)
    initial = _field(data, "initial_state", str, "Alur kerja", problems)
    states: list[WorkflowState] = []
    for i, raw in enumerate(_field(data, "states", list, "Alur kerja", problems), 1):
        where = f"Status ke-{i}"
        if not isinstance(raw, dict):
            problems.append(f"{where} harus berupa objek JSON.")
            continue
        where = f"Status ke-{i} ({raw.get('code', '?')})"
        states.append(
            WorkflowState(
                code=_field(raw, "code", str, where, problems),
                label=_field(raw, "label", str, where, problems),
                sla_days=_field(raw, "sla_days", int, where, problems),
                pauses_clock=_field(raw, "pauses_clock", bool, where, problems),
                terminal=_field(raw, "terminal", bool, where, problems),
                actor_role=_field(raw, "actor_role", str, where, problems),
            )
        )
    actions: list[WorkflowAction] = []
    for i, raw in enumerate(_field(data, "actions", list, "Alur kerja", problems), 1):
        where = f"Aksi ke-{i}"
        if not isinstance(raw, dict):
            problems.append(f"{where} harus berupa objek JSON.")
            continue
        where = f"Aksi ke-{i} ({raw.get('code', '?')})"
        roles = _field(raw, "roles", list, where, problems)
        if not all(isinstance(r, str) for r in roles):
            problems.append(f"{where}: setiap peran pada 'roles' harus berupa teks.")
            roles = [r for r in roles if isinstance(r, str)]
        actions.append(
            WorkflowAction(
                code=_field(raw, "code", str, where, problems),
                label=_field(raw, "label", str, where, problems),
                from_state=_field(raw, "from", str, where, problems),
                to_state=_field(raw, "to", str, where, problems),
                roles=tuple(roles),
                requires_note=_field(raw, "requires_note", bool, where, problems),
            )
        )
    if problems:
        raise WorkflowError(code or label, problems)
    defn = WorkflowDefinition(code, name, initial, tuple(states), tuple(actions))
    validate_workflow(defn)
    return defn


def load_workflows(directory: Path | None = None) -> dict[str, WorkflowDefinition]:
    """Read and validate every *.json in the directory; keyed by workflow code."""
    directory = Path(directory) if directory is not None else WORKFLOWS_DIR
    files = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not files:
        raise WorkflowError(str(directory), "tidak ada berkas definisi alur kerja (*.json).")
    result: dict[str, WorkflowDefinition] = {}
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise WorkflowError(path.name, f"berkas tidak dapat dibaca ({exc}).") from exc
        except json.JSONDecodeError as exc:
            raise WorkflowError(
                path.name, f"bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno})."
            ) from exc
        defn = workflow_from_dict(data, path.name)
        # The file name is how an admin finds a flow, so it must match the code inside.
        if path.stem != defn.code:
            raise WorkflowError(defn.code, f"nama berkas '{path.name}' harus '{defn.code}.json'.")
        if defn.code in result:
            raise WorkflowError(defn.code, "kode alur kerja dipakai lebih dari satu kali.")
        result[defn.code] = defn
    return result


# ---------------------------------------------------------------- validation


def _reachable(start: str, edges: dict[str, set[str]], skip: str | None = None) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen and nxt != skip:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _state_problems(defn: WorkflowDefinition) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for st in defn.states:
        if not _STATE_CODE_RE.match(st.code):
            problems.append(f"kode status '{st.code}' harus huruf kapital, angka, atau '_'.")
        if st.code in seen:
            problems.append(f"kode status '{st.code}' dipakai lebih dari satu kali.")
        seen.add(st.code)
        if not st.label.strip():
            problems.append(f"status '{st.code}' belum memiliki label.")
        if st.sla_days < 0:
            problems.append(f"status '{st.code}': sla_days tidak boleh negatif.")
        if st.actor_role not in ROLE_CODES:
            problems.append(f"status '{st.code}': peran pemegang '{st.actor_role}' tidak dikenal.")
        if st.terminal and st.pauses_clock:
            problems.append(f"status akhir '{st.code}' tidak boleh menghentikan sementara SLA.")
        if st.terminal and st.sla_days:
            problems.append(f"status akhir '{st.code}' harus memiliki sla_days 0.")
    if not defn.states:
        problems.append("alur kerja tidak memiliki status.")
    return problems


def _action_problems(defn: WorkflowDefinition, states: dict[str, WorkflowState]) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for a in defn.actions:
        tag = f"aksi '{a.code}' dari '{a.from_state}'"
        if not _STATE_CODE_RE.match(a.code):
            problems.append(f"kode aksi '{a.code}' harus huruf kapital, angka, atau '_'.")
        if (a.from_state, a.code) in seen:
            problems.append(f"{tag} didefinisikan lebih dari satu kali.")
        seen.add((a.from_state, a.code))
        if not a.label.strip():
            problems.append(f"{tag} belum memiliki label.")
        if a.from_state not in states:
            problems.append(f"{tag}: status asal tidak ada.")
        elif states[a.from_state].terminal:
            problems.append(f"{tag}: status akhir tidak boleh memiliki aksi keluar.")
        if a.to_state not in states:
            problems.append(f"{tag}: status tujuan '{a.to_state}' tidak ada.")
        if a.to_state == a.from_state:
            problems.append(f"{tag}: status tujuan sama dengan status asal.")
        if not a.roles:
            problems.append(f"{tag}: belum ada peran yang boleh menjalankannya.")
        for role in a.roles:
            if role not in ROLE_CODES:
                problems.append(f"{tag}: peran '{role}' tidak dikenal.")
        if a.code in NOTE_REQUIRED_ACTIONS and not a.requires_note:
            problems.append(f"{tag}: aksi ini wajib disertai catatan (requires_note: true).")
    return problems


def validate_workflow(defn: WorkflowDefinition) -> None:
    """Raise WorkflowError listing every structural problem of the definition."""
    problems: list[str] = []
    if not _WORKFLOW_CODE_RE.match(defn.code):
        problems.append("kode alur kerja harus huruf kecil, angka, atau '_' (maks. 40 karakter).")
    if not defn.name.strip():
        problems.append("nama alur kerja kosong.")
    problems += _state_problems(defn)
    states = {st.code: st for st in defn.states}
    problems += _action_problems(defn, states)
    if defn.initial_state not in states:
        problems.append(f"status awal '{defn.initial_state}' tidak ada.")
    elif states[defn.initial_state].terminal:
        problems.append(f"status awal '{defn.initial_state}' tidak boleh berupa status akhir.")
    if ISSUED_STATE not in states or not states[ISSUED_STATE].terminal:
        problems.append(f"harus ada status akhir '{ISSUED_STATE}' (izin terbit).")
    edges: dict[str, set[str]] = {}
    reverse: dict[str, set[str]] = {}
    for a in defn.actions:
        if a.from_state in states and a.to_state in states:
            edges.setdefault(a.from_state, set()).add(a.to_state)
            reverse.setdefault(a.to_state, set()).add(a.from_state)
    for st in defn.states:
        if not st.terminal and st.code not in edges:
            problems.append(f"status '{st.code}' bukan status akhir tetapi tidak memiliki aksi.")
    if defn.initial_state in states:
        reached = _reachable(defn.initial_state, edges)
        for st in defn.states:
            if st.code not in reached:
                problems.append(f"status '{st.code}' tidak dapat dicapai dari status awal.")
    # A loop with no exit would trap a file for ever, even if every state has an action.
    can_finish: set[str] = set()
    for st in defn.states:
        if st.terminal:
            can_finish |= _reachable(st.code, reverse)
    for st in defn.states:
        if not st.terminal and st.code in edges and st.code not in can_finish:
            problems.append(f"dari status '{st.code}' tidak ada jalan menuju status akhir.")
    if problems:
        raise WorkflowError(defn.code or "?", problems)


def check_sla_fits(defn: WorkflowDefinition, published_sla_days: int) -> None:
    """The per-state SLAs the office may use must fit within the published service SLA."""
    total = defn.counted_sla_days()
    if total > published_sla_days:
        raise WorkflowError(
            defn.code,
            f"jumlah SLA per tahap ({total} hari kerja) melebihi jangka waktu layanan yang "
            f"diumumkan ({published_sla_days} hari kerja).",
        )


def visit_is_mandatory(defn: WorkflowDefinition) -> bool:
    """True when no path from the initial state reaches TERBIT without a field visit."""
    if not defn.has_state(FIELD_VISIT_STATE):
        return False
    edges: dict[str, set[str]] = {}
    for a in defn.actions:
        edges.setdefault(a.from_state, set()).add(a.to_state)
    return ISSUED_STATE not in _reachable(defn.initial_state, edges, skip=FIELD_VISIT_STATE)
