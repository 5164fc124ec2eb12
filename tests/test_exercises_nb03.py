"""Exercises of 03_artificial_neuron: solutions pass, typical mistakes get the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Neuron
from nn_course.exercises import nb03 as ex
from nn_course.exercises.quiz import Choice

QUESTIONS = [ex.q1, ex.q2, ex.q3, ex.q4]


@pytest.fixture(autouse=True)
def _progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def not_done(*args):
    raise NotImplementedError  # the notebook's placeholder


def wrong(question, answer):
    status, message = question.verdict(answer)
    assert status == "wrong", message
    return message


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_solutions_pass_their_own_checker(question):
    assert question.verdict(question.solution_answer()) == ("correct", "correct!")


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_hints_are_words_with_two_levels(question):
    assert len(question.hints) == 2
    code_lines = {" ".join(line.split()) for line in question.solution_text().splitlines()
                  if line.strip() and not line.lstrip().startswith(("#", '"""', "def "))}
    for hint in question.hints:
        flat = " ".join(hint.split())
        assert not any(line in flat for line in code_lines if len(line) > 8), hint
        assert "np." not in hint and "=" not in hint


def test_placeholders_are_not_attempted():
    assert ex.q1.verdict(None)[0] == "not attempted"
    assert ex.q2.verdict(not_done)[0] == "not attempted"
    assert ex.q3.verdict(not_done)[0] == "not attempted"
    assert ex.q4.verdict((None, None))[0] == "not attempted"


def test_q1_answer_puts_the_output_at_one_half():
    s = ex.Q1_SETUP
    x2 = ex.q1.solution_answer()
    assert Neuron(s["w"], s["b"], "sigmoid").output([s["x1"], x2]) == pytest.approx(0.5)


def test_q1_mistakes():
    s = ex.Q1_SETUP
    (w1, w2), b, x1 = s["w"], s["b"], s["x1"]
    assert "the output is 0.5 at a different z" in wrong(ex.q1, (0.5 - b - w1 * x1) / w2)
    assert "the bias counts too" in wrong(ex.q1, -w1 * x1 / w2)
    assert "check the sign" in wrong(ex.q1, (w1 * x1 + b) / w2)
    assert "one number" in wrong(ex.q1, [1.0, 2.0])


def test_q2_mistakes():
    sigmoid = ex.reference_sigmoid
    assert "probabilities" in wrong(ex.q2, lambda X, w, b: sigmoid(X @ w + b))
    assert "weighted sums z" in wrong(ex.q2, lambda X, w, b: X @ w + b)
    assert "z = 0 exactly" in wrong(ex.q2, lambda X, w, b: (X @ w + b > 0).astype(int))
    assert "flipped" in wrong(ex.q2, lambda X, w, b: (X @ w + b < 0).astype(int))
    assert "forget a `return`" in wrong(ex.q2, lambda X, w, b: None)


def test_q2_agrees_with_the_neuron_and_needs_no_sigmoid():
    rng = np.random.default_rng(0)
    X, w = rng.normal(size=(50, 3)), rng.normal(size=3)
    assert np.array_equal(ex.reference_predict_classes(X, w, 0.3), Neuron(w, 0.3).predict(X))


def test_q3_mistakes():
    assert "overflowed" in wrong(ex.q3, lambda z: 1 / (1 + np.exp(-z)))
    assert "whole array" in wrong(ex.q3, lambda z: 0.5)
    assert "forget a `return`" in wrong(ex.q3, lambda z: None)


def test_q4_mistakes():
    assert ex.q4.solution_answer() == pytest.approx((4.0, -8.0))
    assert "check the sign of the bias" in wrong(ex.q4, (4.0, 8.0))
    assert "own slope at its midpoint is not 1" in wrong(ex.q4, (1.0, -2.0))
    assert "curve is flat" in wrong(ex.q4, (0.0, 1.0))
    assert "a pair (w, b)" in wrong(ex.q4, 4.0)


def test_sigmoid_slope_at_zero_is_a_quarter():
    assert ex.sigmoid_slope_at_zero() == pytest.approx(0.25, abs=1e-9)


def test_prediction_and_quiz():
    assert ex.p1.right == "b"
    assert 3 <= len(ex.quiz) <= 5
    for item in ex.quiz.items:
        if isinstance(item, Choice):
            assert all(item.why.get(k, "").strip() for k in item.options if k != item.right)
    for number, item in enumerate(ex.quiz.items, start=1):
        assert ex.quiz.mark(number, item.right)[0] is True
    assert ex.quiz.items[0].right == -0.5
