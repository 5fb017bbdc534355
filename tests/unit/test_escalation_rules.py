"""SLA escalation and deemed approval: the pure rules (domain/escalation.py) and the flows.

Calendar used below (all working days unless noted): Mon 6 - Fri 10 July 2026,
Sat 11 / Sun 12 weekend, Mon 13 - Fri 17 July, Mon 20 July. Times are WIB.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from silek_app.domain.escalation import (
    ALERT_DEEMED_APPROVAL,
    ALERT_DEEMED_WARNING,
    ALERT_LATE,
    DEEMED_ACTION,
    DeemedPolicy,
    DueAlert,
    EscalationRulesError,
    FileFacts,
    alert_text,
    default_escalation_rules,
    due_alerts,
    load_escalation_rules,
    rules_from_dict,
    supports_deemed_approval,
)
from silek_app.domain.roles import ROLE_CODES
from silek_app.domain.sla import StatusChange
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import load_workflows, visit_is_mandatory
from silek_app.domain.workflow_engine import TransitionError, available_actions, plan_transition
from tests.support.workflow_files import wib

CAL = default_calendar()
FLOWS = load_workflows()
STD = FLOWS["kesehatan_standar"]
RULES = default_escalation_rules()
ON = DeemedPolicy(enabled=True, approval_days=5, warning_days=1)


def chain(*steps) -> list[StatusChange]:
    """(instant, to_state[, note]) -> changes, starting from a draft."""
    out, prev = [], "DRAFT"
    for at, to_state, *rest in steps:
        out.append(StatusChange(at, prev, to_state, rest[0] if rest else ""))
        prev = to_state
    return out


def submitted_monday() -> list[StatusChange]:
    """Submitted and received on Mon 6 July, 10:00; in VERIFIKASI_BERKAS (SLA 1) since."""
    return chain((wib(2026, 7, 6), "DIAJUKAN"), (wib(2026, 7, 6, 10, 5), "VERIFIKASI_BERKAS"))


def facts(history, policy=DeemedPolicy(), warned_on=None, defn=STD) -> FileFacts:
    last = history[-1]
    return FileFacts(defn, last.to_state, last.at, 5, policy, history, warned_on)


def kinds(history, now, **kw) -> list[str]:
    return [a.kind for a in due_alerts(facts(history, **kw), now, CAL, RULES)]


# ---------------------------------------------------------------- domain: late files


def test_calendar_facts_used_here():
    assert all(CAL.is_working_day(date(2026, 7, d)) for d in (6, 7, 8, 9, 10, 13, 14, 15, 16, 17))
    assert not CAL.is_working_day(date(2026, 7, 11)) and not CAL.is_working_day(date(2026, 7, 12))


def test_late_exactly_when_the_state_sla_is_exceeded():
    h = submitted_monday()
    assert kinds(h, wib(2026, 7, 7, 23, 59)) == []  # 1 working day used of 1: on time
    [alert] = due_alerts(facts(h), wib(2026, 7, 8, 0, 1), CAL, RULES)
    assert alert == DueAlert(
        ALERT_LATE, "VERIFIKASI_BERKAS", h[-1].at, ("front_office", "back_office"), 2, 1
    )


def test_weekend_does_not_make_a_file_late():
    h = chain((wib(2026, 7, 10), "DIAJUKAN"), (wib(2026, 7, 10, 11), "VERIFIKASI_BERKAS"))
    assert kinds(h, wib(2026, 7, 12, 22)) == []
    assert kinds(h, wib(2026, 7, 13, 22)) == []
    assert kinds(h, wib(2026, 7, 14, 9)) == [ALERT_LATE]


def test_zero_day_state_is_late_the_next_working_day():
    h = chain((wib(2026, 7, 6, 15), "DIAJUKAN"))
    assert kinds(h, wib(2026, 7, 6, 23)) == []
    assert kinds(h, wib(2026, 7, 7, 8)) == [ALERT_LATE]


def test_paused_final_and_draft_files_are_never_late():
    back = chain(
        (wib(2026, 7, 6), "DIAJUKAN"),
        (wib(2026, 7, 6, 11), "VERIFIKASI_BERKAS"),
        (wib(2026, 7, 6, 12), "PERLU_PERBAIKAN", "STR tidak terbaca."),
    )
    assert kinds(back, wib(2026, 8, 31), policy=ON) == []
    done = [*submitted_monday(), StatusChange(wib(2026, 7, 7), "VERIFIKASI_BERKAS", "DITOLAK")]
    assert kinds(done, wib(2026, 8, 31), policy=ON) == []
    draft = FileFacts(STD, "DRAFT", wib(2026, 7, 1), 5, ON, [])
    assert due_alerts(draft, wib(2026, 8, 31), CAL, RULES) == ()


def test_kepala_dinas_desk_goes_to_pimpinan():
    h = [
        *submitted_monday(),
        StatusChange(wib(2026, 7, 6, 11), "VERIFIKASI_BERKAS", "VERIFIKASI_TEKNIS"),
        StatusChange(wib(2026, 7, 6, 12), "VERIFIKASI_TEKNIS", "PERSETUJUAN"),
        StatusChange(wib(2026, 7, 6, 13), "PERSETUJUAN", "PENANDATANGANAN"),
    ]
    [alert] = due_alerts(facts(h), wib(2026, 7, 8), CAL, RULES)
    assert alert.notify_roles == ("kepala_dinas", "pimpinan")


# ---------------------------------------------------------------- domain: deemed approval


def test_deemed_approval_is_off_by_default():
    assert DeemedPolicy().enabled is False
    assert kinds(submitted_monday(), wib(2026, 7, 31)) == [ALERT_LATE]


def test_warning_then_approval_on_the_fifth_working_day():
    h = submitted_monday()
    assert ALERT_DEEMED_WARNING not in kinds(h, wib(2026, 7, 9, 20), policy=ON)  # 3 used
    assert kinds(h, wib(2026, 7, 10), policy=ON) == [ALERT_LATE, ALERT_DEEMED_WARNING]  # 4
    friday = date(2026, 7, 10)
    assert kinds(h, wib(2026, 7, 13), policy=ON, warned_on=friday) == [
        ALERT_LATE,
        ALERT_DEEMED_WARNING,  # this stay was warned already; the job skips it
        ALERT_DEEMED_APPROVAL,
    ]


def test_no_approval_without_a_warning_on_an_earlier_working_day():
    h = submitted_monday()
    monday = wib(2026, 7, 13)
    assert ALERT_DEEMED_APPROVAL not in kinds(h, monday, policy=ON)
    assert ALERT_DEEMED_APPROVAL not in kinds(h, monday, policy=ON, warned_on=date(2026, 7, 13))
    # Warned on Saturday: Monday is one working day of notice later.
    assert ALERT_DEEMED_APPROVAL in kinds(h, monday, policy=ON, warned_on=date(2026, 7, 11))
    silent = DeemedPolicy(enabled=True, approval_days=5, warning_days=0)
    assert kinds(h, monday, policy=silent) == [ALERT_LATE, ALERT_DEEMED_APPROVAL]


def test_paused_time_does_not_count_towards_deemed_approval():
    h = chain(
        (wib(2026, 7, 6), "DIAJUKAN"),
        (wib(2026, 7, 6, 11), "VERIFIKASI_BERKAS"),
        (wib(2026, 7, 7), "PERLU_PERBAIKAN", "Ijazah belum dilegalisasi."),
        (wib(2026, 7, 13), "VERIFIKASI_BERKAS"),  # pause covered 8, 9, 10, 13 July
    )
    thursday = date(2026, 7, 16)
    assert ALERT_DEEMED_APPROVAL not in kinds(h, wib(2026, 7, 16), policy=ON, warned_on=thursday)
    assert ALERT_DEEMED_WARNING in kinds(h, wib(2026, 7, 16), policy=ON)  # 4 of 5 used
    assert ALERT_DEEMED_APPROVAL in kinds(h, wib(2026, 7, 17), policy=ON, warned_on=thursday)


def test_no_deemed_alerts_where_the_flow_offers_no_deemed_action():
    visit = FLOWS["kesehatan_kunjungan"]
    to_visit = StatusChange(wib(2026, 7, 6, 11), "VERIFIKASI_BERKAS", "VERIFIKASI_TEKNIS")
    h = [*submitted_monday(), to_visit]
    friday = date(2026, 7, 10)
    assert kinds(h, wib(2026, 7, 20), policy=ON, warned_on=friday, defn=visit) == [ALERT_LATE]


def test_deemed_action_in_the_shipped_flows():
    standard_states = {a.from_state for a in STD.actions if a.code == DEEMED_ACTION}
    assert standard_states == {
        "DIAJUKAN", "VERIFIKASI_BERKAS", "VERIFIKASI_TEKNIS", "TINJAUAN_LAPANGAN",
        "PERSETUJUAN", "PENANDATANGANAN",
    }  # fmt: skip
    visit = FLOWS["kesehatan_kunjungan"]
    assert {a.from_state for a in visit.actions if a.code == DEEMED_ACTION} == {
        "PERSETUJUAN",
        "PENANDATANGANAN",
    }
    assert visit_is_mandatory(visit)  # the deemed action never skips a mandatory visit
    assert not supports_deemed_approval(FLOWS["reklame"])
    assert not supports_deemed_approval(FLOWS["fasilitas_kunjungan"])
    for defn in FLOWS.values():
        for action in (a for a in defn.actions if a.code == DEEMED_ACTION):
            assert action.roles == ("sistem",) and action.to_state == "TERBIT"


@pytest.mark.parametrize("role", sorted(ROLE_CODES - {"sistem"}))
def test_no_person_is_offered_or_allowed_the_deemed_action(role):
    for defn in FLOWS.values():
        for action in (a for a in defn.actions if a.code == DEEMED_ACTION):
            assert action not in available_actions(defn, action.from_state, role)
            with pytest.raises(TransitionError) as info:
                plan_transition(defn, action.from_state, DEEMED_ACTION, role, "catatan panjang")
            assert info.value.code == "role_not_allowed"


# ---------------------------------------------------------------- domain: rules file


def test_shipped_rules():
    assert RULES.recipients("front_office") == ("front_office", "back_office")
    assert RULES.recipients("tim_teknis") == ("tim_teknis", "kepala_dinas")
    assert RULES.recipients("admin") == ("admin",)


@pytest.mark.parametrize(
    ("mapping", "fragment"),
    [
        ({"front_office": "front_office"}, "atasan dirinya sendiri"),
        ({"front_office": "raja"}, "peran atasan 'raja'"),
        ({"front_office": "sistem"}, "peran atasan 'sistem'"),
        ({"front_office": "pemohon"}, "peran atasan 'pemohon'"),
        ({"kasir": "back_office"}, "peran meja 'kasir'"),
        ({"front_office": 3}, "harus berupa kode peran"),
        ({"back_office": "kepala_dinas", "kepala_dinas": "back_office"}, "berputar"),
    ],
)
def test_broken_rules_are_refused_with_a_clear_message(mapping, fragment):
    with pytest.raises(EscalationRulesError) as info:
        rules_from_dict({"supervisors": mapping})
    assert fragment in str(info.value)
    assert str(info.value).startswith("Berkas aturan eskalasi SLA tidak valid")


def test_rules_file_problems(tmp_path):
    with pytest.raises(EscalationRulesError, match="'supervisors'"):
        rules_from_dict({"atasan": {}})
    bad = tmp_path / "escalation.json"
    bad.write_text("{ nope", encoding="utf-8")
    with pytest.raises(EscalationRulesError, match="bukan JSON yang sah"):
        load_escalation_rules(bad)
    with pytest.raises(EscalationRulesError, match="tidak dapat dibaca"):
        load_escalation_rules(tmp_path / "tidak-ada.json")
    bad.write_text(json.dumps({"supervisors": {"tim_teknis": "kepala_dinas"}}), encoding="utf-8")
    assert load_escalation_rules(bad).recipients("tim_teknis") == ("tim_teknis", "kepala_dinas")


def test_alert_texts_are_indonesian_and_name_the_file():
    at = wib(2026, 7, 6)
    for kind, word in (
        (ALERT_LATE, "melebihi batas 1 hari kerja"),
        (ALERT_DEEMED_WARNING, "akan diterbitkan otomatis"),
        (ALERT_DEEMED_APPROVAL, "diterbitkan otomatis"),
    ):
        title, body = alert_text(DueAlert(kind, "X", at, ("front_office",), 2, 1), "SLK-1", "Tahap")
        assert "SLK-1" in title and "SLK-1" in body and word in body
