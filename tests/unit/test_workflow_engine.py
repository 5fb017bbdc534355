"""Transition rules over every shipped workflow, plus a property test of random walks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silek_app.domain.roles import ROLE_CODES, Role
from silek_app.domain.workflow import load_workflows
from silek_app.domain.workflow_engine import (
    MIN_NOTE_LENGTH,
    TRANSITION_ERROR_CODES,
    Transition,
    TransitionError,
    available_actions,
    holder_label,
    plan_transition,
)

WORKFLOWS = load_workflows()
NOTE = "Dokumen STR tidak terbaca, mohon unggah ulang."
# Every holder label names an Indonesian party (or "Selesai"); a raw role code names none.
INDONESIAN_WORDS = ("Pemohon", "Front Office", "Back Office", "Tim Teknis", "Kepala", "Selesai")


def _all_actions():
    for defn in WORKFLOWS.values():
        for action in defn.actions:
            yield pytest.param(defn, action, id=f"{defn.code}:{action.from_state}:{action.code}")


def _refused(defn, state, action, role, note=NOTE) -> TransitionError:
    with pytest.raises(TransitionError) as info:
        plan_transition(defn, state, action, role, note)
    assert info.value.code in TRANSITION_ERROR_CODES
    assert info.value.message == str(info.value)
    return info.value


@pytest.mark.parametrize(("defn", "action"), list(_all_actions()))
def test_every_action_is_plannable_by_its_roles_only(defn, action):
    for role in sorted(ROLE_CODES):
        if action.allows(role):
            t = plan_transition(defn, action.from_state, action.code, role, NOTE)
            assert (t.action, t.from_state, t.to_state) == (
                action,
                action.from_state,
                action.to_state,
            )
            assert t.is_terminal == defn.state(action.to_state).terminal
            assert action in available_actions(defn, action.from_state, role)
        else:
            err = _refused(defn, action.from_state, action.code, role)
            assert err.code == "role_not_allowed"
            assert action not in available_actions(defn, action.from_state, role)


@pytest.mark.parametrize(("defn", "action"), list(_all_actions()))
def test_every_action_is_refused_in_other_states(defn, action):
    role = action.roles[0]
    for state in defn.states:
        if state.code == action.from_state or defn.find_action(state.code, action.code):
            continue
        err = _refused(defn, state.code, action.code, role)
        assert err.code == ("terminal" if state.terminal else "not_allowed_in_state")


def test_refusal_messages_are_indonesian():
    wf = WORKFLOWS["kesehatan_standar"]
    err = _refused(wf, "VERIFIKASI_BERKAS", "TANDATANGANI", "kepala_dinas")
    assert err.message == (
        "Tindakan 'Tandatangani Secara Elektronik (TTE)' tidak dapat dilakukan saat berkas "
        "berstatus 'Verifikasi kelengkapan berkas'."
    )
    err = _refused(wf, "VERIFIKASI_TEKNIS", "TOLAK", "front_office")
    assert err.message == "Peran Anda (Front Office) tidak berwenang melakukan tindakan ini."
    err = _refused(wf, "VERIFIKASI_BERKAS", "SETUJUI", "front_office")
    assert err.code == "unknown_action"
    assert "'SETUJUI' tidak dikenal" in err.message
    err = _refused(wf, "TERBIT", "TANDATANGANI", "kepala_dinas")
    assert err.code == "terminal"
    assert "sudah selesai diproses" in err.message
    err = _refused(wf, "HILANG", "AJUKAN", "pemohon")
    assert err.code == "not_allowed_in_state"
    assert "tidak dikenal" in err.message


def test_admin_has_no_implicit_rights():
    for defn in WORKFLOWS.values():
        for action in defn.actions:
            if not action.allows(Role.ADMIN):
                assert _refused(defn, action.from_state, action.code, "admin").code == (
                    "role_not_allowed"
                )


def test_role_enum_is_accepted():
    wf = WORKFLOWS["kesehatan_standar"]
    assert plan_transition(wf, "DRAFT", "AJUKAN", Role.PEMOHON).to_state == "DIAJUKAN"


@pytest.mark.parametrize("code", ["TOLAK", "KEMBALIKAN", "KOREKSI"])
def test_note_required_for_refusal_and_send_back(code):
    for defn in WORKFLOWS.values():
        for action in (a for a in defn.actions if a.code == code):
            role = action.roles[0]
            for bad in ("", "   ", "\n\t", "ok", " abcd "):
                err = _refused(defn, action.from_state, code, role, bad)
                assert err.code == "note_required"
            blank = _refused(defn, action.from_state, code, role, "  ")
            assert blank.message == "Alasan wajib diisi untuk tindakan ini."
            short = _refused(defn, action.from_state, code, role, "ok")
            assert str(MIN_NOTE_LENGTH) in short.message
            ok = plan_transition(defn, action.from_state, code, role, "  abcde  ")
            assert ok.to_state == action.to_state


def test_note_not_required_for_plain_actions():
    wf = WORKFLOWS["kesehatan_standar"]
    assert plan_transition(wf, "DIAJUKAN", "TERIMA_BERKAS", "front_office").action.code == (
        "TERIMA_BERKAS"
    )


def test_checks_run_in_order_state_action_role_note():
    wf = WORKFLOWS["kesehatan_standar"]
    # Wrong role AND missing note: the role is the reason reported.
    assert _refused(wf, "VERIFIKASI_BERKAS", "TOLAK", "pemohon", "").code == "role_not_allowed"
    # Final state beats an unknown action.
    assert _refused(wf, "DITOLAK", "TIDAK_ADA", "pemohon").code == "terminal"


def test_terminal_states_have_no_actions():
    for defn in WORKFLOWS.values():
        for state in defn.states:
            if state.terminal:
                for role in ROLE_CODES:
                    assert available_actions(defn, state.code, role) == ()
    assert available_actions(WORKFLOWS["reklame"], "TIDAK_ADA", "pemohon") == ()


def test_pause_flags_in_kesehatan_standar():
    wf = WORKFLOWS["kesehatan_standar"]
    back = plan_transition(wf, "VERIFIKASI_BERKAS", "KEMBALIKAN", "front_office", NOTE)
    assert back == Transition(
        action=wf.find_action("VERIFIKASI_BERKAS", "KEMBALIKAN"),
        from_state="VERIFIKASI_BERKAS",
        to_state="PERLU_PERBAIKAN",
        enters_pause=True,
        leaves_pause=False,
        is_terminal=False,
    )
    resend = plan_transition(wf, "PERLU_PERBAIKAN", "KIRIM_PERBAIKAN", "pemohon")
    assert (resend.enters_pause, resend.leaves_pause, resend.is_terminal) == (False, True, False)
    assert resend.to_state == "VERIFIKASI_BERKAS"
    step = plan_transition(wf, "VERIFIKASI_BERKAS", "TERUSKAN_VERIFIKASI_TEKNIS", "front_office")
    assert (step.enters_pause, step.leaves_pause) == (False, False)
    # Cancelling while paused ends the pause and the file.
    cancel = plan_transition(wf, "PERLU_PERBAIKAN", "BATALKAN", "pemohon")
    assert (cancel.leaves_pause, cancel.is_terminal) == (True, True)
    # Documented literal reading: the draft pauses, so submitting leaves a pause.
    submit = plan_transition(wf, "DRAFT", "AJUKAN", "pemohon")
    assert (submit.enters_pause, submit.leaves_pause) == (False, True)


def test_holder_labels():
    for defn in WORKFLOWS.values():
        for state in defn.states:
            label = holder_label(defn, state.code)
            assert label.strip()
            assert any(word in label for word in INDONESIAN_WORDS), (defn.code, label)
            assert "_" not in label
    wf = WORKFLOWS["kesehatan_standar"]
    assert holder_label(wf, "DIAJUKAN") == "Front Office DPMPTSP"
    assert holder_label(wf, "VERIFIKASI_TEKNIS") == "Tim Teknis Dinas Kesehatan"
    assert holder_label(wf, "PERLU_PERBAIKAN") == "Pemohon (menunggu perbaikan)"
    assert holder_label(wf, "DRAFT") == "Pemohon (draf belum diajukan)"
    for final in ("TERBIT", "DITOLAK", "DIBATALKAN"):
        assert holder_label(wf, final) == "Selesai"
    assert holder_label(WORKFLOWS["reklame"], "TINJAUAN_LAPANGAN") == "Back Office DPMPTSP"
    assert holder_label(wf, "TIDAK_ADA").strip()


def test_error_code_is_checked():
    with pytest.raises(ValueError):
        TransitionError("whatever", "pesan")


# ---------------------------------------------------------------- property test

_ROLES = sorted(ROLE_CODES)
_ACTION_CODES = sorted({a.code for d in WORKFLOWS.values() for a in d.actions} | {"TIDAK_ADA"})
_NOTES = st.sampled_from(["", "ok", NOTE])


@settings(max_examples=300, deadline=None)
@given(
    workflow=st.sampled_from(sorted(WORKFLOWS)),
    steps=st.lists(
        st.tuples(st.sampled_from(_ROLES), st.sampled_from(_ACTION_CODES), _NOTES), max_size=40
    ),
)
def test_random_walks_stay_inside_the_workflow(workflow, steps):
    defn = WORKFLOWS[workflow]
    state = defn.initial_state
    path: list[Transition] = []
    for role, action_code, note in steps:
        try:
            t = plan_transition(defn, state, action_code, role, note)
        except TransitionError as err:
            assert err.code in TRANSITION_ERROR_CODES
            assert err.message
            if defn.state(state).terminal:
                assert err.code == "terminal"
            continue
        assert not defn.state(state).terminal, "left a final state"
        assert defn.has_state(t.to_state)
        assert t.from_state == state
        assert t.action.allows(role)
        path.append(t)
        state = t.to_state
    for prev, nxt in zip(path, path[1:], strict=False):
        assert nxt.from_state == prev.to_state
    if path:
        assert path[0].from_state == defn.initial_state
        # Only the last step may enter a final state.
        assert not any(t.is_terminal for t in path[:-1])


@settings(max_examples=200, deadline=None)
@given(workflow=st.sampled_from(sorted(WORKFLOWS)), choices=st.lists(st.integers(0, 99)))
def test_guided_walks_follow_available_actions(workflow, choices):
    """Walks that always pick an offered action, so they get deep into the flow."""
    defn = WORKFLOWS[workflow]
    state = defn.initial_state
    for pick in choices:
        offered = [(r, a) for r in _ROLES for a in available_actions(defn, state, r)]
        if not offered:
            assert defn.state(state).terminal
            break
        role, action = offered[pick % len(offered)]
        t = plan_transition(defn, state, action.code, role, NOTE)
        assert t.from_state == state and defn.has_state(t.to_state)
        state = t.to_state
