"""Honest calibration: the scorer's weights are fitted on labelled answers and measured on
professions the fit did not see (sessions_app.engines.calibration)."""

import pytest

from sessions_app.engines import calibration
from sessions_app.engines.scorer import WEIGHTS
from sessions_app.tests.engines.scorer_examples import calibration_rows, shared_data_files


@pytest.fixture(scope="module")
def all_rows():
    # Our own labelled answers, and ../shared's where it is present (always in CI).
    return calibration.load_rows(
        calibration.OWN_EXAMPLES, *calibration.FIELD_EXAMPLES, *shared_data_files()
    )


@pytest.fixture(scope="module")
def report(all_rows):
    return calibration.cross_validate(all_rows)


def test_held_out_agreement_by_profession_holds_its_floor(report):
    # Each profession scored by weights fitted on the others only.
    assert report.held_out >= calibration.HELD_OUT_FLOOR


def test_the_mean_held_out_score_rises_with_every_label(report):
    means = [report.mean_by_label[label] for label in range(1, 6)]

    assert means == sorted(means)
    assert len(set(means)) == 5


def test_held_out_agreement_on_the_shared_labels_alone_is_at_least_0_8():
    # Fit on three of its professions, measure on the fourth, four times.
    report = calibration.cross_validate(calibration_rows())

    assert len(report.by_profession) == 4
    assert report.held_out >= 0.8


def test_every_profession_held_out_agrees_with_its_labels(report):
    # A profession with few labelled answers has no ranking worth measuring.
    measured = {
        name: fold
        for name, fold in report.by_profession.items()
        if fold[0] >= calibration.MEASURED_FROM
    }
    assert len(measured) >= 25
    for profession, (_, rho) in measured.items():
        assert rho >= calibration.PROFESSION_FLOOR, profession


def test_the_scorer_ships_the_weights_fitted_on_every_labelled_answer(report):
    assert report.weights == pytest.approx(WEIGHTS)


def test_own_examples_cover_other_professions_and_answers_to_other_questions():
    rows = calibration.load_rows(calibration.OWN_EXAMPLES)
    professions = {calibration.profession(row) for row in rows}
    answers_given_twice = [
        row for row in rows if sum(r["answer"] == row["answer"] for r in rows) > 1
    ]

    assert {"Account Executive", "Secondary Maths Teacher", "Operations Manager"} <= professions
    assert len(answers_given_twice) >= 6
    assert all(row["label"] in {1, 2, 3, 4, 5} for row in rows)


def test_an_answer_pasted_to_another_question_ranks_below_it_on_its_own(all_rows):
    rows = calibration.load_rows(calibration.OWN_EXAMPLES)
    scores = {row["id"]: calibration.score_of(row) for row in rows}
    for row in rows:
        if row["label"] > 2:
            continue
        twins = [r for r in rows if r["answer"] == row["answer"] and r["label"] >= 4]
        for twin in twins:
            assert scores[row["id"]] < scores[twin["id"]], (row["id"], twin["id"])


def test_the_holdout_set_agrees_with_its_labels_as_measured():
    rows = calibration.load_rows(calibration.HOLDOUT)

    rho = calibration.spearman([r["label"] for r in rows], [calibration.score_of(r) for r in rows])

    assert rho >= calibration.HELD_OUT_FLOOR
