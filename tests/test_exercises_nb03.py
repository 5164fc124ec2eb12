"""Exercises of 03_artificial_neuron: references pass, typical mistakes get the right message."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nn_course.exercises import nb03 as ex


def not_done(*args):
    raise NotImplementedError  # the notebook's placeholder


def wrong(question, answer):
    status, message = question.verdict(answer)
    assert status == "wrong", message
    return message


def test_references_are_correct():
    s = ex.Q1_SETUP
    assert ex.q1.verdict(float(np.dot(s["w"], s["x"]) + s["b"])) == ("correct", "correct!")
    for q in (ex.q2, ex.q3, ex.q4):
        assert q.verdict(q.reference) == ("correct", "correct!")


@pytest.mark.parametrize("question", [ex.q2, ex.q3, ex.q4])
def test_placeholders_are_not_attempted(question):
    assert question.verdict(not_done)[0] == "not attempted"
    assert ex.q1.verdict(None)[0] == "not attempted"


def test_q1_mistakes():
    s = ex.Q1_SETUP
    z = float(np.dot(s["w"], s["x"]) + s["b"])
    assert "without the bias" in wrong(ex.q1, z - s["b"])
    assert "wrong sign" in wrong(ex.q1, -z)
    assert "one number" in wrong(ex.q1, np.multiply(s["w"], s["x"]) + s["b"])
    assert "values differ" in wrong(ex.q1, float(np.dot(s["w"], s["x"][::-1]) + s["b"]))


def test_q2_mistakes():
    assert "add b" in wrong(ex.q2, lambda X, w, b: X @ w)
    assert "not a column" in wrong(ex.q2, lambda X, w, b: X @ w.reshape(-1, 1) + b)
    assert "raised ValueError" in wrong(ex.q2, lambda X, w, b: w @ X + b)           # shapes do not align
    assert "expected shape" in wrong(ex.q2, lambda X, w, b: (X * w).sum(axis=0) + b)  # summed over samples
    assert "values differ" in wrong(ex.q2, lambda X, w, b: X @ w - b)


def test_q3_mistakes():
    assert "overflowed" in wrong(ex.q3, lambda z: 1 / (1 + np.exp(-z)))
    assert "overflowed" in wrong(ex.q3, lambda z: np.exp(z) / (1 + np.exp(z)))
    assert "values differ" in wrong(ex.q3, lambda z: 1 / (1 + np.exp(np.clip(z, -500, 500))))  # sign flipped
    assert "TypeError" in wrong(ex.q3, lambda z: 1 / (1 + math.exp(-z)))
    assert "values differ" in wrong(ex.q3, np.tanh)


def test_q4_mistakes():
    assert "weighted sums z" in wrong(ex.q4, lambda X, w, b: X @ w + b)
    assert "1 - sigmoid" in wrong(ex.q4, lambda X, w, b: ex.reference_sigmoid(-(X @ w + b)))
    assert "expected shape" in wrong(ex.q4, lambda X, w, b: ex.reference_sigmoid(X @ w.reshape(-1, 1) + b))
    assert "nan or inf" in wrong(ex.q4, lambda X, w, b: np.exp(X @ w + b) / (1 + np.exp(X @ w + b)))


def test_use_falls_back_to_the_reference(capsys):
    assert ex.q3.use(not_done) is ex.reference_sigmoid
    assert "reference" in capsys.readouterr().out
