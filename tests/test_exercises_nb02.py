"""Exercises of 02_perceptron: references pass, typical mistakes get the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course.exercises import nb02 as ex


def not_done(*args):
    raise NotImplementedError  # the notebook's placeholder


def wrong(question, answer):
    status, message = question.verdict(answer)
    assert status == "wrong", message
    return message


def test_references_are_correct():
    assert ex.q1.verdict(ex.reference_perceptron_predict) == ("correct", "correct!")
    w, b = ex.q2_reference()
    assert ex.q2.verdict((w.tolist(), b)) == ("correct", "correct!")
    assert ex.q2.verdict(([-0.5, -1.5], 0.0)) == ("correct", "correct!")
    assert ex.q3.verdict(ex.q3_reference()) == ("correct", "correct!")
    assert ex.q3.verdict({"AND": True, "OR": True, "NAND": True, "NOR": True, "XOR": False})[0] == "correct"


def test_placeholders_are_not_attempted():
    assert ex.q1.verdict(not_done)[0] == "not attempted"
    assert ex.q2.verdict((None, None))[0] == "not attempted"
    assert ex.q3.verdict(dict.fromkeys(["AND", "OR", "NAND", "NOR", "XOR"]))[0] == "not attempted"


def test_q1_mistakes():
    assert "z >= 0 (not only when z > 0)" in wrong(ex.q1, lambda x, w, b: int(np.dot(w, x) + b > 0))
    assert "forget the bias" in wrong(ex.q1, lambda x, w, b: int(np.dot(w, x) >= 0))
    assert "apply the step" in wrong(ex.q1, lambda x, w, b: np.dot(w, x) + b)
    assert "outputs 0 or 1" in wrong(ex.q1, lambda x, w, b: 1 if np.dot(w, x) + b >= 0 else -1)
    assert "one number" in wrong(ex.q1, lambda x, w, b: (np.asarray(x) * w + b >= 0).astype(int))
    assert "forget a `return`" in wrong(ex.q1, lambda x, w, b: None)


def test_q2_mistakes():
    s = ex.Q2_SETUP
    w0, b0, lr, x = np.array(s["w"]), s["b"], s["learning_rate"], np.array(s["x"])
    assert "unchanged" in wrong(ex.q2, (w0, b0))
    assert "wrong way" in wrong(ex.q2, (w0 + lr * x, b0 + lr))
    assert "learning rate" in wrong(ex.q2, (w0 - x, b0 - 1.0))
    assert "bias is updated too" in wrong(ex.q2, (w0 - lr * x, b0))
    assert "values differ" in wrong(ex.q2, (w0 - lr * x, b0 + lr))
    assert "pair" in wrong(ex.q2, [0.1, 0.2, 0.3])


def test_q3_mistakes():
    right = ex.q3_reference()
    assert "XOR: no single line" in wrong(ex.q3, {**right, "XOR": True})
    assert "NAND: it is linearly separable" in wrong(ex.q3, {**right, "NAND": False})
    assert "no entry for ['NOR']" in wrong(ex.q3, {k: v for k, v in right.items() if k != "NOR"})
    assert "True or False" in wrong(ex.q3, {**right, "OR": "yes"})
    assert "give a dict" in wrong(ex.q3, [True, True, True, True, False])


def test_check_prints_a_verdict(capsys):
    ex.q1.check(not_done)
    assert "not attempted yet" in capsys.readouterr().out
    ex.q1.check(ex.reference_perceptron_predict)
    assert "✔ q1: correct!" in capsys.readouterr().out


@pytest.mark.parametrize("gate,expected", [("AND", True), ("XOR", False)])
def test_q3_reference_comes_from_the_perceptron(gate, expected):
    assert ex.q3_reference()[gate] is expected
