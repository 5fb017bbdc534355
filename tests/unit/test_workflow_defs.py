"""Workflow definitions: the shipped flows are valid, and broken ones are refused."""

from __future__ import annotations

import copy
import json

import pytest

from silek_app.domain.roles import ROLE_CODES
from silek_app.domain.workflow import (
    ISSUED_STATE,
    WorkflowError,
    check_sla_fits,
    load_workflows,
    validate_workflow,
    visit_is_mandatory,
    workflow_from_dict,
)


@pytest.fixture(scope="module")
def workflows():
    return load_workflows()


@pytest.fixture
def standard_dict(workflows):
    return copy.deepcopy(workflows["kesehatan_standar"].to_dict())


def _problems(data: dict) -> str:
    with pytest.raises(WorkflowError) as info:
        workflow_from_dict(data)
    return str(info.value)


def test_required_workflows_exist_and_are_valid(workflows):
    assert {"kesehatan_standar", "fasilitas_kunjungan", "reklame"} <= set(workflows)
    for defn in workflows.values():
        validate_workflow(defn)
        assert defn.initial_state == "DRAFT"
        assert defn.state(ISSUED_STATE).terminal


def test_kesehatan_standar_states(workflows):
    wf = workflows["kesehatan_standar"]
    codes = {st.code for st in wf.states}
    assert codes >= {
        "DRAFT",
        "DIAJUKAN",
        "VERIFIKASI_BERKAS",
        "VERIFIKASI_TEKNIS",
        "TINJAUAN_LAPANGAN",
        "PERSETUJUAN",
        "PENANDATANGANAN",
        "TERBIT",
        "PERLU_PERBAIKAN",
        "DITOLAK",
        "DIBATALKAN",
    }
    assert wf.state("PERLU_PERBAIKAN").pauses_clock
    assert wf.state("DRAFT").pauses_clock
    assert not wf.state("VERIFIKASI_TEKNIS").pauses_clock
    assert {st.code for st in wf.states if st.terminal} == {"TERBIT", "DITOLAK", "DIBATALKAN"}
    assert wf.state("VERIFIKASI_BERKAS").actor_role == "front_office"
    assert wf.state("VERIFIKASI_TEKNIS").actor_role == "tim_teknis"
    assert wf.state("PERSETUJUAN").actor_role == "back_office"
    assert wf.state("PENANDATANGANAN").actor_role == "kepala_dinas"


def test_kesehatan_standar_transitions(workflows):
    wf = workflows["kesehatan_standar"]
    submit = wf.find_action("DRAFT", "AJUKAN")
    assert submit.to_state == "DIAJUKAN" and submit.roles == ("pemohon",)
    receive = wf.find_action("DIAJUKAN", "TERIMA_BERKAS")
    assert receive.to_state == "VERIFIKASI_BERKAS" and receive.roles == ("front_office",)
    resubmit = wf.find_action("PERLU_PERBAIKAN", "KIRIM_PERBAIKAN")
    assert resubmit.to_state in {"DIAJUKAN", "VERIFIKASI_BERKAS"}
    for state in ("VERIFIKASI_BERKAS", "VERIFIKASI_TEKNIS", "TINJAUAN_LAPANGAN"):
        assert wf.find_action(state, "KEMBALIKAN").to_state == "PERLU_PERBAIKAN"
    for state in ("DRAFT", "DIAJUKAN", "PERLU_PERBAIKAN"):
        cancel = wf.find_action(state, "BATALKAN")
        assert cancel.to_state == "DIBATALKAN" and cancel.roles == ("pemohon",)
    back = wf.find_action("PENANDATANGANAN", "KOREKSI")
    assert back.to_state == "PERSETUJUAN" and "kepala_dinas" in back.roles
    assert wf.find_action("PENANDATANGANAN", "TANDATANGANI").to_state == ISSUED_STATE
    # The field visit is optional here: a file may go straight to PERSETUJUAN.
    assert wf.find_action("VERIFIKASI_TEKNIS", "JADWALKAN_TINJAUAN")
    assert not visit_is_mandatory(wf)
    assert [a.code for a in wf.actions_for("DRAFT", "front_office")] == []


def test_refusals_and_send_backs_require_a_note(workflows):
    for wf in workflows.values():
        for action in wf.actions:
            if action.code in {"TOLAK", "KEMBALIKAN", "KOREKSI"}:
                assert action.requires_note, (wf.code, action.from_state, action.code)
            assert action.label.strip() and set(action.roles) <= ROLE_CODES


def test_visit_is_mandatory_for_facility_and_reklame_flows(workflows):
    assert visit_is_mandatory(workflows["fasilitas_kunjungan"])
    assert visit_is_mandatory(workflows["reklame"])
    assert (
        workflows["fasilitas_kunjungan"].find_action("VERIFIKASI_TEKNIS", "TERBITKAN_REKOMENDASI")
        is None
    )


def test_sla_sums(workflows):
    assert workflows["kesehatan_standar"].counted_sla_days() <= 5
    assert workflows["reklame"].counted_sla_days() <= 3
    check_sla_fits(workflows["kesehatan_standar"], 5)
    check_sla_fits(workflows["reklame"], 3)


def test_sla_over_published_raises(workflows):
    wf = workflows["kesehatan_standar"]
    with pytest.raises(WorkflowError) as info:
        check_sla_fits(wf, wf.counted_sla_days() - 1)
    assert "kesehatan_standar" in str(info.value)
    assert "melebihi jangka waktu layanan" in str(info.value)


def test_to_dict_round_trips_through_json(workflows):
    for wf in workflows.values():
        data = json.loads(json.dumps(wf.to_dict()))
        assert workflow_from_dict(data) == wf


def test_unreachable_state_raises(standard_dict):
    standard_dict["states"].append(
        {
            "code": "YATIM",
            "label": "Status yatim",
            "sla_days": 1,
            "pauses_clock": False,
            "terminal": False,
            "actor_role": "back_office",
        }
    )
    standard_dict["actions"].append(
        {
            "code": "TOLAK",
            "label": "Tolak",
            "from": "YATIM",
            "to": "DITOLAK",
            "roles": ["back_office"],
            "requires_note": True,
        }
    )
    message = _problems(standard_dict)
    assert "Alur kerja 'kesehatan_standar' tidak valid" in message
    assert "status 'YATIM' tidak dapat dicapai dari status awal" in message


def test_dead_end_state_raises(standard_dict):
    standard_dict["actions"] = [a for a in standard_dict["actions"] if a["from"] != "PERSETUJUAN"]
    message = _problems(standard_dict)
    assert "status 'PERSETUJUAN' bukan status akhir tetapi tidak memiliki aksi" in message


def test_unknown_role_raises(standard_dict):
    standard_dict["actions"][0]["roles"] = ["kasir"]
    assert "peran 'kasir' tidak dikenal" in _problems(standard_dict)


def test_unknown_actor_role_raises(standard_dict):
    standard_dict["states"][2]["actor_role"] = "satpam"
    assert "peran pemegang 'satpam' tidak dikenal" in _problems(standard_dict)


def test_loop_without_exit_raises(standard_dict):
    # PERSETUJUAN <-> PENANDATANGANAN only: every state has an action, yet no way out.
    # The system's deemed approval would be another way to TERBIT, so it goes too.
    standard_dict["actions"] = [
        a
        for a in standard_dict["actions"]
        if a["from"] not in {"PENANDATANGANAN", "PERSETUJUAN"} and a["roles"] != ["sistem"]
    ] + [
        {
            "code": "AJUKAN_TTE",
            "label": "Ajukan",
            "from": "PERSETUJUAN",
            "to": "PENANDATANGANAN",
            "roles": ["back_office"],
            "requires_note": False,
        },
        {
            "code": "KOREKSI",
            "label": "Koreksi",
            "from": "PENANDATANGANAN",
            "to": "PERSETUJUAN",
            "roles": ["kepala_dinas"],
            "requires_note": True,
        },
    ]
    message = _problems(standard_dict)
    assert "tidak ada jalan menuju status akhir" in message
    assert "status 'TERBIT' tidak dapat dicapai" in message


def test_structural_problems_are_all_reported(standard_dict):
    states = {st["code"]: st for st in standard_dict["states"]}
    states["TERBIT"]["pauses_clock"] = True
    states["DITOLAK"]["sla_days"] = 2
    standard_dict["states"].append(dict(states["DRAFT"]))
    tolak = next(a for a in standard_dict["actions"] if a["code"] == "TOLAK")
    tolak["requires_note"] = False
    standard_dict["actions"].append(
        {
            "code": "BUKA_LAGI",
            "label": "Buka lagi",
            "from": "DIBATALKAN",
            "to": "HILANG",
            "roles": ["admin"],
            "requires_note": False,
        }
    )
    message = _problems(standard_dict)
    for expected in (
        "status akhir 'TERBIT' tidak boleh menghentikan sementara SLA",
        "status akhir 'DITOLAK' harus memiliki sla_days 0",
        "kode status 'DRAFT' dipakai lebih dari satu kali",
        "wajib disertai catatan",
        "status akhir tidak boleh memiliki aksi keluar",
        "status tujuan 'HILANG' tidak ada",
    ):
        assert expected in message


def test_missing_issued_state_raises(standard_dict):
    standard_dict["states"] = [s for s in standard_dict["states"] if s["code"] != "TERBIT"]
    standard_dict["actions"] = [a for a in standard_dict["actions"] if a["to"] != "TERBIT"]
    assert "harus ada status akhir 'TERBIT'" in _problems(standard_dict)


def test_wrong_types_are_reported(standard_dict):
    standard_dict["states"][2]["sla_days"] = "1"
    standard_dict["actions"][0]["requires_note"] = "tidak"
    message = _problems(standard_dict)
    assert "'sla_days' harus berupa bilangan bulat" in message
    assert "'requires_note' harus berupa true/false" in message


def test_load_workflows_checks_files(tmp_path, standard_dict):
    with pytest.raises(WorkflowError, match="tidak ada berkas definisi"):
        load_workflows(tmp_path)
    (tmp_path / "salah_nama.json").write_text(json.dumps(standard_dict), encoding="utf-8")
    with pytest.raises(WorkflowError, match=r"harus 'kesehatan_standar\.json'"):
        load_workflows(tmp_path)
    (tmp_path / "salah_nama.json").unlink()
    (tmp_path / "rusak.json").write_text("{bukan json", encoding="utf-8")
    with pytest.raises(WorkflowError, match="bukan JSON yang sah"):
        load_workflows(tmp_path)
