"""Transition rules: may this user take this action on a file in this state?

workflow.py describes the flows as data; this module decides, without touching
the database, whether one step is allowed and what it means for the SLA clock.
The service layer calls plan_transition() first and only then writes the new
status and the history row, so a refused step leaves nothing behind.

Every refusal is a TransitionError whose message can be shown to the user as is
and whose code lets a caller (or an API client) react without parsing text.
"""

from __future__ import annotations

from dataclasses import dataclass

from silek_app.domain.roles import Role, role_label
from silek_app.domain.workflow import (
    NOTE_REQUIRED_ACTIONS,
    WorkflowAction,
    WorkflowDefinition,
    WorkflowState,
)

# A reason like "ok" or "-" tells the applicant nothing, and UU 25/2009 requires
# a real explanation for a refusal or a send-back.
MIN_NOTE_LENGTH = 5

TRANSITION_ERROR_CODES = frozenset(
    {"unknown_action", "not_allowed_in_state", "role_not_allowed", "note_required", "terminal"}
)

# Who holds a file, as the applicant and officers should read it on the
# tracking page. Keyed by the state's actor_role.
_HOLDER_LABELS: dict[str, str] = {
    Role.PEMOHON: "Pemohon",
    Role.FRONT_OFFICE: "Front Office DPMPTSP",
    Role.BACK_OFFICE: "Back Office DPMPTSP",
    Role.TIM_TEKNIS: "Tim Teknis Dinas Kesehatan",
    Role.KEPALA_DINAS: "Kepala DPMPTSP (penandatangan)",
    Role.PIMPINAN: "Pimpinan DPMPTSP",
    Role.ADMIN: "Administrator SILEK",
}
HOLDER_FINISHED = "Selesai"
HOLDER_DRAFT = "Pemohon (draf belum diajukan)"
HOLDER_AWAITING_FIX = "Pemohon (menunggu perbaikan)"
HOLDER_UNKNOWN = "Tidak diketahui (status tidak dikenal)"


class TransitionError(ValueError):
    """A step was refused. ``message`` is Indonesian and safe to show to the user.

    ``code`` is one of TRANSITION_ERROR_CODES:

    * ``unknown_action``: the workflow has no action with this code at all;
    * ``not_allowed_in_state``: the action exists but not from the file's
      current state (also used when the stored state is no longer part of the
      workflow, e.g. after an administrator edited the flow);
    * ``role_not_allowed``: the user's role may not take this action;
    * ``note_required``: the action needs a reason of at least MIN_NOTE_LENGTH
      characters;
    * ``terminal``: the file is in a final state and nothing more can happen.
    """

    def __init__(self, code: str, message: str):
        if code not in TRANSITION_ERROR_CODES:
            raise ValueError(f"Kode galat transisi tidak dikenal: {code!r}.")
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Transition:
    """An allowed step, with what it does to the SLA clock.

    enters_pause / leaves_pause compare the two states' ``pauses_clock`` flags
    literally. Submitting a draft therefore reports leaves_pause=True (DRAFT
    pauses the clock); sla.py treats time before the first submission as "not
    started" rather than paused, so a caller keeping pause records needs no
    special case: there is simply no open pause to close.
    """

    action: WorkflowAction
    from_state: str
    to_state: str
    enters_pause: bool
    leaves_pause: bool
    is_terminal: bool


def _known_state(defn: WorkflowDefinition, state_code: str) -> WorkflowState | None:
    return defn.state(state_code) if defn.has_state(state_code) else None


def _action_label(defn: WorkflowDefinition, action_code: str) -> str | None:
    """Label of an action with this code from any state (codes repeat across states)."""
    for action in defn.actions:
        if action.code == action_code:
            return action.label
    return None


def plan_transition(
    defn: WorkflowDefinition,
    current_state: str,
    action_code: str,
    role: str,
    note: str = "",
) -> Transition:
    """Check one step and describe it, or raise TransitionError.

    Checks run from the most to the least fundamental, so the user sees the
    reason that matters: a final file, then an unknown or misplaced action,
    then the role, and only then the note. Roles are matched exactly; the
    administrator gets no implicit rights, because every step is a legal act
    done in the name of a specific office.
    """
    state = _known_state(defn, current_state)
    if state is None:
        raise TransitionError(
            "not_allowed_in_state",
            f"Status berkas '{current_state}' tidak dikenal dalam alur kerja '{defn.name}'. "
            "Silakan hubungi administrator.",
        )
    if state.terminal:
        raise TransitionError(
            "terminal",
            f"Berkas berstatus '{state.label}' sudah selesai diproses; "
            "tidak ada tindakan lanjutan yang dapat dilakukan.",
        )
    action = defn.find_action(current_state, action_code)
    if action is None:
        label = _action_label(defn, action_code)
        if label is None:
            raise TransitionError(
                "unknown_action",
                f"Tindakan '{action_code}' tidak dikenal dalam alur kerja '{defn.name}'.",
            )
        raise TransitionError(
            "not_allowed_in_state",
            f"Tindakan '{label}' tidak dapat dilakukan saat berkas berstatus '{state.label}'.",
        )
    if not action.allows(role):
        raise TransitionError(
            "role_not_allowed",
            f"Peran Anda ({role_label(role)}) tidak berwenang melakukan tindakan ini.",
        )
    # The data is validated to demand a note for these codes; checking the code
    # too keeps the legal rule in force even for a flow built in code.
    if action.requires_note or action.code in NOTE_REQUIRED_ACTIONS:
        text = (note or "").strip()
        if not text:
            raise TransitionError("note_required", "Alasan wajib diisi untuk tindakan ini.")
        if len(text) < MIN_NOTE_LENGTH:
            raise TransitionError(
                "note_required",
                f"Alasan terlalu singkat; tuliskan minimal {MIN_NOTE_LENGTH} karakter.",
            )
    target = defn.state(action.to_state)
    return Transition(
        action=action,
        from_state=state.code,
        to_state=target.code,
        enters_pause=target.pauses_clock and not state.pauses_clock,
        leaves_pause=state.pauses_clock and not target.pauses_clock,
        is_terminal=target.terminal,
    )


def available_actions(
    defn: WorkflowDefinition, current_state: str, role: str
) -> tuple[WorkflowAction, ...]:
    """The actions to offer as buttons: empty for a final or unknown state.

    Every action returned here passes plan_transition() for this role, given a
    note when the action requires one.
    """
    state = _known_state(defn, current_state)
    if state is None or state.terminal:
        return ()
    return defn.actions_for(current_state, role)


def holder_label(defn: WorkflowDefinition, state_code: str) -> str:
    """Who holds the file now, in Indonesian, for the tracking page.

    A final state is "Selesai" whatever its actor_role: nobody is working on
    the file any more. A paused state held by the applicant is the send-back
    for correction, except the initial state, which is a draft not yet filed.
    An unknown state gets a neutral label instead of an error, because this
    only decorates a page and must not break it after a flow was edited.
    """
    state = _known_state(defn, state_code)
    if state is None:
        return HOLDER_UNKNOWN
    if state.terminal:
        return HOLDER_FINISHED
    if state.actor_role == Role.PEMOHON and state.pauses_clock:
        return HOLDER_DRAFT if state.code == defn.initial_state else HOLDER_AWAITING_FIX
    return _HOLDER_LABELS.get(state.actor_role, role_label(state.actor_role))
