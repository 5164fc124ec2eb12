"""Predictions and quiz of 01_why_neural_networks: answers are right, every wrong one explained."""

from __future__ import annotations

import math

import pytest

from nn_course.exercises import nb01 as ex
from nn_course.exercises.quiz import Choice
from nn_course.widgets.boundary_explorer import LinearModel, make_data


@pytest.fixture(autouse=True)
def _progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def test_p1_reveal_needs_a_prediction_then_explains_against_it():
    ex.p1.prediction = None
    assert ex.p1.verdict()[0] == "no prediction"
    ex.p1.lock("a")
    status, message = ex.p1.verdict()
    assert status == "wrong" and "curved in the (x1, x2) plane" in message
    ex.p1.lock("b")
    assert ex.p1.verdict()[0] == "right"
    ex.p1.prediction = None


def test_p1_answer_is_what_the_notebook_data_show():
    """The feature x1*x2 lifts XOR from a line's accuracy to close to 100%."""
    X, y = make_data("xor", noise=0.1)
    plain = LinearModel().fit(X, y).accuracy(X, y)
    with_product = LinearModel(features=["x1*x2"]).fit(X, y).accuracy(X, y)
    assert plain < 0.75 and with_product > 0.9


def test_quiz_has_3_to_5_questions_and_explains_every_wrong_option():
    assert 3 <= len(ex.quiz) <= 5
    for item in ex.quiz.items:
        if isinstance(item, Choice):
            for key in item.options:
                if key != item.right:
                    assert item.why[key].strip(), f"option {key} of {item.question!r}"


def test_quiz_answers():
    rights = [item.right for item in ex.quiz.items]
    assert rights[:4] == ["c", "a", "b", "c"]
    for number, value in enumerate(rights, start=1):
        assert ex.quiz.mark(number, value)[0] is True
    assert ex.quiz.mark(4, "a")[0] is False


def test_counting_products_matches_a_brute_force_count():
    from itertools import combinations_with_replacement

    for n, d in [(10, 2), (4, 3), (64, 2)]:
        assert ex.n_products(n, d) == len(list(combinations_with_replacement(range(n), d)))
    assert ex.quiz.items[4].right == 55 == math.comb(11, 2)
