"""Checkers of notebook 12: the references pass, typical mistakes fail with the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course.exercises import nb12 as ex


def placeholder(arg):
    raise NotImplementedError  # your code here


def test_placeholders_are_not_attempted():
    assert ex.q1.verdict(placeholder) == ("not attempted", "not attempted yet")
    assert ex.q2.verdict(placeholder) == ("not attempted", "not attempted yet")
    assert ex.q3.verdict(None) == ("not attempted", "not attempted yet")


# ----------------------------------------------------------------- q1 the seven features
def _features(*columns):
    """A learner's function built from one expression per column."""
    def playground_features(X):
        x1, x2 = X[:, 0], X[:, 1]
        return np.column_stack([column(x1, x2) for column in columns])
    return playground_features


RIGHT = [lambda a, b: a, lambda a, b: b, lambda a, b: a ** 2, lambda a, b: b ** 2,
         lambda a, b: a * b, lambda a, b: np.sin(a), lambda a, b: np.sin(b)]


def _with(j, column):
    columns = list(RIGHT)
    columns[j] = column
    return _features(*columns)


def test_q1_reference_passes():
    assert ex.q1.verdict(ex.q1.reference)[0] == "correct"
    assert ex.q1.verdict(_features(*RIGHT))[0] == "correct"


@pytest.mark.parametrize("wrong, message", [
    (lambda X: ex.reference_playground_features(X).T, "one ROW per point"),
    (_features(*RIGHT[:6]), "expected 7 columns, got 6"),
    (_with(2, lambda a, b: 2 * a), "column 2 (x1^2) is wrong: it looks like 2*x1"),
    (_with(4, lambda a, b: a + b), "column 4 (x1*x2) is wrong: it looks like x1 + x2"),
    (_with(5, lambda a, b: np.cos(a)), "column 5 (sin(x1)) is wrong: it looks like cos(x1)"),
    (_with(6, lambda a, b: np.sin(np.radians(b))), "read in degrees"),
    (_features(RIGHT[0], RIGHT[1], RIGHT[3], RIGHT[2], *RIGHT[4:]),
     "column 2 should be x1^2 but holds x2^2"),
    (_features(*RIGHT[:5], RIGHT[6], RIGHT[5]), "column 5 should be sin(x1) but holds sin(x2)"),
    (_with(3, lambda a, b: b ** 3), "column 3 (x2^2) is wrong: x2^2: values differ"),
    (lambda X: None, "forget a `return`"),
])
def test_q1_typical_mistakes_fail(wrong, message):
    status, text = ex.q1.verdict(wrong)
    assert status == "wrong"
    assert message in text, text


def test_q1_learner_code_that_raises_is_reported():
    def broken(X):
        return X[:, 2]
    status, text = ex.q1.verdict(broken)
    assert status == "wrong" and "IndexError" in text


# ----------------------------------------------------------------- q2 parameters of a state
def test_q2_reference_passes():
    assert ex.q2.verdict(ex.q2.reference)[0] == "correct"


def _sizes(state, n_inputs=None, output=True):
    n = len(state["features"]) if n_inputs is None else n_inputs
    return [n, *state["hidden"]] + ([1] if output else [])


def _count(sizes, biases=True):
    return sum(a * b + (b if biases else 0) for a, b in zip(sizes[:-1], sizes[1:]))


@pytest.mark.parametrize("wrong, message", [
    (lambda s: _count(_sizes(s), biases=False), "only the weights"),
    (lambda s: _count(_sizes(s, output=False)), "left out the output neuron"),
    (lambda s: _count(_sizes(s, n_inputs=2)), "gave the network 2 inputs"),
    (lambda s: _count(_sizes(s, n_inputs=7)), "all 7 features"),
    (lambda s: sum(s["hidden"]) + 1, "counted neurons"),
    (lambda s: _count(_sizes(s)) + len(s["features"]), "inputs biases too"),
    (lambda s: 42, "expected"),
    (lambda s: None, "forget a `return`"),
    (lambda s: "25", "whole number"),
    (lambda s: _count(_sizes(s)) + 0.5, "whole number"),
])
def test_q2_typical_mistakes_fail(wrong, message):
    status, text = ex.q2.verdict(wrong)
    assert status == "wrong"
    assert message in text, text


def test_q2_accepts_a_float_that_is_whole():
    assert ex.q2.verdict(lambda s: float(ex.reference_count_parameters(s)))[0] == "correct"


# ----------------------------------------------------------------- q3 what L1 keeps on XOR
@pytest.mark.parametrize("answer", ["x1*x2", " x1 * x2 ", "X1*X2", "x1x2", "x2*x1"])
def test_q3_right_answer_passes(answer):
    assert ex.q3.verdict(answer)[0] == "correct"


@pytest.mark.parametrize("answer, message", [
    ("x1", "not x1: x1 alone says nothing about XOR"),
    ("x2", "not x2: x2 alone says nothing about XOR"),
    ("x1^2", "a square forgets the sign"),
    ("x2**2", "not x2^2: a square forgets the sign"),
    ("sin(x1)", "one coordinate's sign is not enough"),
    ("L1", "answer with the name of one feature"),
    (3, "should be the name of a feature"),
])
def test_q3_typical_mistakes_fail(answer, message):
    status, text = ex.q3.verdict(answer)
    assert status == "wrong"
    assert message in text, text


def test_q3_solution_trains_the_lab_and_finds_the_product():
    """The solution really trains Task 2's L1 set-up on XOR; x1*x2 keeps the largest weights."""
    assert ex.q3.solution_answer() == "x1*x2"
    assert "PlaygroundModel(L1_XOR)" in ex.q3.solution_text()


# ----------------------------------------------------------------- predictions and quiz
def test_every_lab_has_a_prediction_and_the_quiz_has_4_questions():
    assert [ex.p1, ex.p2, ex.p3, ex.p4, ex.p5, ex.p6]
    assert len(ex.quiz) == 4


def test_p5_accepts_a_guess_near_chance(capsys):
    ex.p5.answer(45)
    ex.p5.reveal()
    assert capsys.readouterr().out.splitlines()[-1].startswith("✔ p5: you predicted 45")
    ex.p5.answer(100)
    ex.p5.reveal()
    assert "what happens is 50 (± 10)" in capsys.readouterr().out
    ex.p5.prediction = None


def test_the_quiz_count_matches_the_package():
    """Question 3's number is what q2's reference (and the lab's own network) count."""
    state = {"features": ["x1", "x2", "x1*x2"], "hidden": [3]}
    assert ex.quiz.items[2].right == ex.reference_count_parameters(state)
    assert ex.PlaygroundModel(dict(state, dataset="xor")).network.n_parameters() == 16
