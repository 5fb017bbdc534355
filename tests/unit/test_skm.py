"""SKM/IKM (PermenPANRB 14/2017): the domain formula and the applicant's survey."""

import datetime as dt
from fractions import Fraction

import pytest
from sqlmodel import select
from test_applications import applicant_token
from test_permits import issued, office, submitted, walk

from silek_app.db import session_scope
from silek_app.domain import skm
from silek_app.domain.sla import local_date
from silek_app.models import Application, SkmResponse, utcnow
from silek_app.services import permits
from silek_app.services import skm as survey
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError

# ---------------------------------------------------------------- domain


def test_nine_unsur_in_the_2017_order():
    assert [u.code for u in skm.UNSUR] == [f"U{i}" for i in range(1, 10)]
    assert skm.UNSUR[0].label == "Persyaratan"
    assert skm.UNSUR[3].answers == ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")
    assert skm.UNSUR[7].label == "Penanganan pengaduan, saran dan masukan"
    assert skm.UNSUR[7].answers[0] == "Tidak ada" and skm.UNSUR[7].answers[3] == (
        "Dikelola dengan baik"
    )
    assert skm.UNSUR[8].label == "Sarana dan prasarana"
    assert skm.UNSUR[8].answers == ("Buruk", "Cukup", "Baik", "Sangat baik")
    assert all(len(u.answers) == 4 and u.question.endswith("?") for u in skm.UNSUR)


def test_validate_answers_accepts_nine_scores_1_to_4():
    assert skm.validate_answers([1, 2, 3, 4, 4, 3, 2, 1, 4]) == [1, 2, 3, 4, 4, 3, 2, 1, 4]
    assert skm.validate_answers(["4"] * 9) == [4] * 9  # form values arrive as text


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([4] * 8, "Jawab semua 9 pertanyaan"),
        ([4] * 10, "Jawab semua 9 pertanyaan"),
        ([4] * 8 + [5], "Sarana dan prasarana"),
        ([0] + [4] * 8, "Persyaratan"),
        ([True] + [4] * 8, "nilai 1 sampai 4"),
        ([3.0] + [4] * 8, "nilai 1 sampai 4"),
        (["a"] + [4] * 8, "nilai 1 sampai 4"),
        ([None] * 9, "nilai 1 sampai 4"),
        ("444444444", "tidak valid"),
        (None, "tidak valid"),
    ],
)
def test_validate_answers_refuses_bad_input(values, message):
    with pytest.raises(ValueError, match=message):
        skm.validate_answers(values)


def test_ikm_of_uniform_answers():
    assert skm.ikm([[4] * 9]).ikm == 100.0 and skm.ikm([[4] * 9]).grade == "A"
    one = skm.ikm([[1] * 9, [1] * 9])
    assert (one.ikm, one.grade, one.label, one.respondents) == (25.0, "D", "Tidak baik", 2)
    three = skm.ikm([[3] * 9])
    assert (three.ikm_raw, three.ikm, three.grade, three.label) == (3.0, 75.0, "C", "Kurang baik")


def test_ikm_hand_computed_example():
    # NRR = 3.5, 3, 3.5, 4, 3, 3.5, 4, 2.5, 3 -> sum 30 -> IKM 30/9 = 3.3333 -> x25 = 83.33 (B)
    result = skm.ikm([[4, 3, 3, 4, 3, 3, 4, 2, 3], [3, 3, 4, 4, 3, 4, 4, 3, 3]])
    assert result.nrr == (3.5, 3.0, 3.5, 4.0, 3.0, 3.5, 4.0, 2.5, 3.0)
    assert result.ikm_raw == pytest.approx(10 / 3)
    assert (result.ikm, result.grade, result.label) == (83.33, "B", "Baik")


def test_weight_is_exactly_one_ninth_not_0_111():
    # With 0.111 the all-4 case would give 99.9, not 100.
    assert skm.WEIGHT == Fraction(1, 9)
    assert skm.ikm([[4] * 9]).ikm == 100.0


@pytest.mark.parametrize(
    ("value", "grade", "label"),
    [
        ("100", "A", "Sangat baik"),
        ("88.31", "A", "Sangat baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang baik"),
        ("65.00", "C", "Kurang baik"),
        ("64.99", "D", "Tidak baik"),
        ("25", "D", "Tidak baik"),
    ],
)
def test_grade_bands(value, grade, label):
    assert skm.grade(value) == (grade, label)
    assert skm.grade(float(value)) == (grade, label)


def _responses(respondents: int, total: int) -> list[list[int]]:
    """Complete responses whose scores add up to ``total``."""
    cells = [1] * (9 * respondents)
    extra = total - len(cells)
    for i in range(len(cells)):
        step = min(3, extra)
        cells[i] += step
        extra -= step
    assert extra == 0
    return [cells[i * 9 : i * 9 + 9] for i in range(respondents)]


@pytest.mark.parametrize(
    ("respondents", "total", "exact", "printed", "grade"),
    [
        # IKM x 25 = 25 x total / (9 x respondents), computed by hand:
        (24, 763, "88.3102", 88.31, "A"),  # 19075/216
        (19, 604, "88.3041", 88.30, "B"),  # 15100/171
        (19, 524, "76.6082", 76.61, "B"),  # 13100/171: graded on the printed 76.61
        (26, 717, "76.6026", 76.60, "C"),  # 17925/234
        (5, 117, "65.0000", 65.00, "C"),  # 2925/45 exactly
        (38, 889, "64.9854", 64.99, "D"),  # 22225/342
    ],
)
def test_ikm_at_the_band_boundaries(respondents, total, exact, printed, grade):
    result = skm.ikm(_responses(respondents, total))
    assert f"{25 * total / (9 * respondents):.4f}" == exact
    assert (result.ikm, result.grade, result.respondents) == (printed, grade, respondents)


def test_rounding_is_half_up_at_the_end_only():
    assert skm.round_half_up(Fraction(88305, 1000)) == skm.round_half_up(Fraction(88310, 1000))
    assert str(skm.round_half_up(Fraction(1, 8))) == "0.13"


def test_ikm_needs_at_least_one_response():
    with pytest.raises(ValueError, match="Belum ada jawaban"):
        skm.ikm([])
    with pytest.raises(ValueError, match="nilai 1 sampai 4"):
        skm.ikm([[4] * 9, [5] * 9])


# ---------------------------------------------------------------- the applicant's survey


ANSWERS = [4, 3, 3, 4, 3, 3, 4, 2, 3]


def _responses_stored() -> list[SkmResponse]:
    with session_scope() as s:
        return list(s.exec(select(SkmResponse)).all())


def test_survey_is_stored_once(db):
    token, reference, tokens = issued()
    assert permits.download_state(token, reference)["survey_done"] is False
    survey.submit_survey(token, reference, ANSWERS, " Sangat membantu. ", "P", "S1", "Swasta")
    (row,) = _responses_stored()
    assert [getattr(row, f"u{i}") for i in range(1, 10)] == ANSWERS
    assert (row.suggestion, row.gender, row.education, row.occupation) == (
        "Sangat membantu.", "P", "S1", "Swasta",
    )  # fmt: skip
    assert permits.download_state(token, reference)["survey_done"] is True
    with pytest.raises(ServiceError, match="sudah diisi. Terima kasih."):
        survey.submit_survey(token, reference, [4] * 9)
    assert len(_responses_stored()) == 1


def test_survey_only_after_issue_and_only_by_the_owner(db):
    owner, other = applicant_token(0), applicant_token(1)
    reference = submitted(owner)
    with pytest.raises(ServiceError, match="setelah izin Anda terbit"):
        survey.submit_survey(owner, reference, ANSWERS)
    with pytest.raises(ServiceError, match="setelah izin Anda terbit"):
        survey.skip_survey(owner, reference)
    tokens = office()
    walk(tokens, reference)
    with pytest.raises(NotFound):
        survey.submit_survey(other, reference, ANSWERS)
    with pytest.raises(PermissionDenied):
        survey.submit_survey(tokens["front_office"], reference, ANSWERS)
    with pytest.raises(AuthRequired):
        survey.skip_survey(None, reference)
    assert _responses_stored() == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"answers": [4] * 8}, "Jawab semua 9"),
        ({"answers": [4] * 8 + [0]}, "nilai 1 sampai 4"),
        ({"suggestion": "x" * 1001}, "maksimal 1000"),
        ({"gender": "X"}, "jenis kelamin"),
        ({"education": "TK"}, "pendidikan"),
        ({"occupation": "Artis"}, "pekerjaan"),
    ],
)
def test_survey_input_is_validated(db, kwargs, message):
    token, reference, _ = issued()
    args = {"answers": ANSWERS, **kwargs}
    with pytest.raises(ServiceError, match=message):
        survey.submit_survey(token, reference, **args)
    assert _responses_stored() == []


def test_skip_is_remembered_and_a_later_answer_still_counts(db):
    token, reference, _ = issued()
    survey.skip_survey(token, reference)
    survey.skip_survey(token, reference)  # harmless twice
    assert permits.download_state(token, reference)["survey_done"] is True
    with session_scope() as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
    assert app.form_data["skm_skipped"] is True and app.status == "TERBIT"
    survey.submit_survey(token, reference, ANSWERS, suggestion="x" * 1000)
    assert len(_responses_stored()) == 1


def test_ikm_for_service(db):
    assert survey.ikm_for_service("SIPB") is None
    with pytest.raises(NotFound):
        survey.ikm_for_service("TIDAKADA")
    token, reference, _ = issued()
    survey.submit_survey(token, reference, ANSWERS)
    result = survey.ikm_for_service(" sipb ")
    assert (result.ikm, result.grade, result.respondents) == (80.56, "B", 1)  # 29/9 x 25
    assert survey.ikm_for_service("SIPP") is None
    today = local_date(utcnow())
    assert survey.ikm_for_service("SIPB", since=today, until=today).respondents == 1
    assert survey.ikm_for_service("SIPB", since=today + dt.timedelta(days=1)) is None
    assert survey.ikm_for_service("SIPB", until=today - dt.timedelta(days=1)) is None
