"""Exercises of notebook 00: the demonstration question names its likely slips."""

import pytest

from nn_course.exercises import nb00 as ex


def test_q1_right_and_not_attempted():
    assert ex.q1.verdict(0.0) == ("correct", "correct!")
    assert ex.q1.verdict(0) == ("correct", "correct!")
    assert ex.q1.verdict(None)[0] == "not attempted"


@pytest.mark.parametrize("answer, message", [
    (0.5, "the question asks for the input x"),
    (1 / 3, "σ(1) is about 0.73"),
    (2.0, "the input x: values differ: expected 0, got 2"),
    ("zero", "answer should be a number"),
    (True, "answer should be a number"),
])
def test_q1_slips(answer, message):
    status, text = ex.q1.verdict(answer)
    assert status == "wrong" and message in text, text


def test_the_prediction_and_the_quiz_agree_with_the_sigmoid():
    import numpy as np

    x = np.linspace(-1, 1, 5)
    steep, flat = 1 / (1 + np.exp(-4 * x)), 1 / (1 + np.exp(-x))
    assert ex.p1.right == "a" and np.all(np.diff(steep)[1:3] > np.diff(flat)[1:3])
    assert ex.quiz.items[3].right == 1 / (1 + np.exp(0.0))
